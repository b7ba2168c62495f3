"""scripts/checktls against a small STARTTLS peer: the CheckTLS-style report and exit status."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from cluster import x509
from labcerts import LabCA, key_pem, pem, write

from .starttls_peer import StartTLSPeer

CHECKTLS = Path(__file__).resolve().parents[2] / "scripts" / "checktls"


@pytest.fixture(scope="module")
def ca() -> LabCA:
    return LabCA()


@pytest.fixture(scope="module")
def files(ca, tmp_path_factory) -> dict[str, Path]:
    directory = tmp_path_factory.mktemp("checktls")
    cert, key = ca.issue("mail.example.com")
    expired, _ = ca.expired("mail.example.com", key)
    return {
        "key": write(directory / "key.pem", key_pem(key)),
        "chain": write(directory / "chain.pem", pem(cert) + ca.inter_pem),
        "duplicate": write(directory / "dup.pem", pem(cert) + ca.inter_pem + ca.inter_pem),
        "expired": write(directory / "expired.pem", pem(expired) + ca.inter_pem),
        "root": write(directory / "root.pem", ca.root_pem),
        "crl": write(directory / "crl.pem", x509.crl_pem(ca.crl(cert))),
    }


@pytest.fixture
def peer_factory():
    peers = []

    def start(*args, **kwargs) -> StartTLSPeer:
        peers.append(StartTLSPeer(*args, **kwargs))
        return peers[-1]
    yield start
    for peer in peers:
        peer.close()


def checktls(port: int, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECKTLS), f"127.0.0.1:{port}", *args],
                          capture_output=True, text=True, timeout=60)


def untimed(text: str) -> str:
    return re.sub(r"^\[\d{3}\.\d{3}\]", "[t]", text, flags=re.M)


def test_full_success_report(files, peer_factory):
    peer = peer_factory(str(files["chain"]), str(files["key"]))
    result = checktls(peer.port, "--name", "mail.example.com", "--cafile", str(files["root"]))
    assert result.returncode == 0, result.stdout + result.stderr
    report = untimed(result.stdout)
    assert report.startswith(
        f"[t] Trying 127.0.0.1:{peer.port}\n[t] Connected to server\n"
        "[t]<-- 220 peer.example.com ESMTP\n[t] -->EHLO checktls.local\n"
        "[t]<-- 250-peer.example.com\n250-SIZE 10485760\n250 STARTTLS\n"
        "[t] We can use this server\n[t] TLS is an option on this server\n[t] -->STARTTLS\n"
        "[t]<-- 220 Go ahead with TLS\n[t] STARTTLS command works on this server\n"
        "[t] Connection converted to SSL\nSSLVersion in use: TLSv1.3\n"
        "Cipher in use: TLS_AES_256_GCM_SHA384\n"
        "Certificate 1 of 2 in chain: Cert VALIDATED: ok\n"
        "Cert Hostname VERIFIED (mail.example.com = mail.example.com | DNS:mail.example.com)\n"
        "Not Valid Before: ")
    assert re.search(r"Not Valid After: \w{3} \d{1,2} \d\d:\d\d:\d\d \d{4} GMT\n"
                     r"subject= /O=Peer/CN=mail\.example\.com\n"
                     r"issuer= /O=Test/CN=Test Intermediate CA\n"
                     r"Certificate 2 of 2 in chain: Cert VALIDATED: ok\n", report)
    assert report.endswith(
        "subject= /O=Test/CN=Test Intermediate CA\nissuer= /O=Test/CN=Test Root CA\n"
        "[t] -->EHLO checktls.local\n[t]<-- 250-peer.example.com\n250 SIZE 10485760\n"
        "[t] TLS successfully started on this server\n[t] -->MAIL FROM:<test@checktls.local>\n"
        "[t]<-- 250 sender ok\n[t] Sender is OK\n[t] -->QUIT\n[t]<-- 221 peer.example.com closing\n")
    assert result.stderr == ""


@pytest.mark.parametrize("case,lines,reason", [
    ("wrong name", ["Cert Hostname DOES NOT VERIFY (other.example.com != mail.example.com | "
                    "DNS:mail.example.com)"], "hostname mismatch"),
    ("unknown root", ["Certificate 2 of 2 in chain: Cert VALIDATED: unable to get local issuer "
                      "certificate"], "unable to get local issuer certificate"),
    ("expired", ["Certificate 1 of 2 in chain: Cert VALIDATED: certificate has expired"],
     "certificate has expired"),
    ("duplicate", ["Certificate 3 of 3 in chain: Cert VALIDATED: duplicate certificate in chain"],
     "duplicate certificate in chain"),
    ("revoked", ["Certificate 1 of 2 in chain: Cert VALIDATED: certificate revoked"],
     "certificate revoked"),
])
def test_failures_are_reported_and_exit_non_zero(files, peer_factory, case, lines, reason):
    chain = {"expired": "expired", "duplicate": "duplicate"}.get(case, "chain")
    peer = peer_factory(str(files[chain]), str(files["key"]))
    args = ["--name", "other.example.com" if case == "wrong name" else "mail.example.com"]
    if case != "unknown root":
        args += ["--cafile", str(files["root"])]
    if case == "revoked":
        args += ["--crl", str(files["crl"])]
    result = checktls(peer.port, *args)
    assert result.returncode == 1
    for line in lines:
        assert line + "\n" in result.stdout
    assert reason in result.stderr and result.stderr.startswith("checktls: FAILED: ")


def test_no_starttls_offered(peer_factory):
    peer = peer_factory(None, None, offer_starttls=False)
    result = checktls(peer.port)
    assert result.returncode == 1
    assert untimed(result.stdout).endswith(
        "[t]<-- 250-peer.example.com\n250 SIZE 10485760\n[t] We can use this server\n"
        "[t] TLS is not an option on this server\n")


def test_starttls_refused(peer_factory):
    peer = peer_factory(None, None, starttls_reply="454 TLS not available due to temporary reason")
    result = checktls(peer.port)
    assert result.returncode == 1
    assert untimed(result.stdout).endswith(
        "[t]<-- 454 TLS not available due to temporary reason\n"
        "[t] STARTTLS command failed: 454 TLS not available due to temporary reason\n")


@pytest.mark.parametrize("banner,transcript,error", [
    (b"554 5.7.1 go away\r\n", "[t]<-- 554 5.7.1 go away\n",
     "The server does not accept connections"),
    (b"220 peer ESMTP\r\nHTTP/1.1 400 Bad Request\r\n", "[t]<-- 220 peer ESMTP\n"
     "[t] -->EHLO checktls.local\n[t]<-- HTTP/1.1 400 Bad Request\n",
     "The server's reply is not SMTP"),
])
def test_a_server_that_will_not_talk(peer_factory, banner, transcript, error):
    peer = peer_factory(None, None, banner=banner)
    result = checktls(peer.port)
    assert result.returncode == 1
    assert untimed(result.stdout).endswith(f"[t] Connected to server\n{transcript}[t] {error}\n")
    assert result.stderr == f"checktls: FAILED: {error}\n"


def test_connection_refused(peer_factory):
    peer = peer_factory(None, None)
    port = peer.port
    peer.close()
    result = checktls(port)
    assert result.returncode == 1
    assert f"[000.000] Trying 127.0.0.1:{port}\n" in result.stdout
    assert f"Cannot connect to 127.0.0.1:{port}: Connection refused" in result.stdout
