"""The lab peer MTAs: each mode, checked with Python's smtplib/ssl and openssl s_client."""
import re
import smtplib
import socket
import ssl
import subprocess
import sys
from pathlib import Path

import pytest

from asyncos_emulator import peer

ROOT = Path(__file__).resolve().parents[2]
LABCA = ROOT / "scripts" / "labca"
HOST = "127.0.0.5"


@pytest.fixture(scope="module")
def lab_ca(tmp_path_factory):
    ca = tmp_path_factory.mktemp("ca")
    subprocess.run([sys.executable, str(LABCA), "init", str(ca)], check=True, capture_output=True)
    return ca


@pytest.fixture(scope="module")
def peers(lab_ca, tmp_path_factory):
    """Every server mode running at once, each in its own ``asyncos-emulator peer`` process."""
    spool = tmp_path_factory.mktemp("spool")
    running = {}
    for mode in peer.MODES:
        process = subprocess.Popen(
            [sys.executable, "-m", "asyncos_emulator.main", "peer", "serve", "--listen", f"{HOST}:0",
             "--mode", mode, "--ca", str(lab_ca), "--spool", str(spool / mode), "--delay", "0.3"],
            stdout=subprocess.PIPE, text=True, cwd=ROOT)
        running[mode] = process
    ports = {}
    for mode, process in running.items():
        line = process.stdout.readline()
        ports[mode] = int(re.search(r"on 127\.0\.0\.5:(\d+)", line).group(1))
    yield ports, spool
    for process in running.values():
        process.terminate()
        process.wait(10)


def client(port: int) -> smtplib.SMTP:
    smtp = smtplib.SMTP(HOST, port, timeout=10)
    smtp.ehlo("test.example.org")
    return smtp


def verifying(lab_ca: Path) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(lab_ca / "root-ca.pem"))


def test_good_peer_offers_verified_tls_with_its_chain(peers, lab_ca):
    ports, spool = peers
    assert client(ports["good"]).has_extn("starttls")
    s_client = subprocess.run(
        ["openssl", "s_client", "-connect", f"{HOST}:{ports['good']}", "-starttls", "smtp",
         "-showcerts", "-CAfile", str(lab_ca / "root-ca.pem"), "-verify_hostname", "mx.example.net"],
        input="QUIT\n", capture_output=True, text=True, timeout=20)
    assert s_client.stdout.count("-----BEGIN CERTIFICATE-----") == 2
    assert "Verify return code: 0 (ok)" in s_client.stdout


@pytest.mark.parametrize("mode, reason", [
    ("self-signed", "self-signed certificate"), ("wrong-host", "Hostname mismatch"),
    ("expired", "certificate has expired"), ("no-intermediate", "unable to get local issuer"),
])
def test_certificate_faults_fail_verification(peers, lab_ca, mode, reason):
    ports, _ = peers
    raw = socket.create_connection((HOST, ports[mode]), timeout=10)
    raw.recv(1024)
    raw.sendall(b"EHLO test.example.org\r\n")
    assert b"STARTTLS" in raw.recv(4096)
    raw.sendall(b"STARTTLS\r\n")
    assert raw.recv(1024).startswith(b"220")
    with pytest.raises(ssl.SSLCertVerificationError, match=reason):
        verifying(lab_ca).wrap_socket(raw, server_hostname="mx.example.net")


def test_protocol_faults(peers):
    ports, _ = peers
    smtp = smtplib.SMTP(HOST, ports["no-esmtp"], timeout=10)
    assert smtp.ehlo()[0] == 502 and smtp.helo()[0] == 250
    assert not client(ports["no-starttls"]).has_extn("starttls")
    assert client(ports["tls-454"]).docmd("STARTTLS") == (
        454, b"4.7.0 TLS not available due to temporary reason")
    for mode in ("tls-garbage", "no-shared-cipher"):
        with pytest.raises((ssl.SSLError, OSError)):
            context = ssl.create_default_context()
            context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
            client(ports[mode]).starttls(context=context)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        client(ports["drop"]).mail("a@example.org")


def test_slow_peer_still_answers(peers):
    ports, _ = peers
    assert client(ports["slow"]).noop()[0] == 250


def test_client_mode_sends_over_tls_and_the_peer_keeps_the_message(peers, tmp_path):
    ports, spool = peers
    log = tmp_path / "conversation.txt"
    with log.open("w") as out:
        assert peer.send(HOST, ports["good"], "a@example.org", ["b@example.net"], "starttls", out=out)
    assert "STARTTLS" in log.read_text()
    stored = list((spool / "good").glob("*.eml"))
    assert stored and "tls=yes" in stored[-1].read_text()
    with log.open("w") as out:
        assert not peer.send(HOST, ports["good"], "a@example.org", ["b@example.net"],
                             "no-shared-cipher", out=out)
