"""scripts/labca: a lab CA whose certificates ``openssl verify`` accepts, CRLs included."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cluster import x509

LABCA = Path(__file__).resolve().parents[2] / "scripts" / "labca"


def labca(*args: str, input: bytes = b"", check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(LABCA), *args], input=input, capture_output=True,
                          check=check)


def openssl(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["openssl", *args], capture_output=True, text=True, check=check)


@pytest.fixture(scope="module")
def ca_dir(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("labca") / "ca"
    out = labca("init", str(directory)).stdout.decode()
    assert f"root certificate (trust this one): {directory}/root-ca.pem" in out
    return directory


def test_init_layout_and_refuses_to_overwrite(ca_dir):
    assert oct((ca_dir / "root-ca.key").stat().st_mode & 0o777) == "0o600"
    assert oct((ca_dir / "intermediate-ca.key").stat().st_mode & 0o777) == "0o600"
    openssl("verify", "-CAfile", str(ca_dir / "root-ca.pem"), str(ca_dir / "intermediate-ca.pem"))
    again = labca("init", str(ca_dir), check=False)
    assert again.returncode == 1 and b"already holds a lab CA" in again.stderr


def test_sign_a_csr_from_stdin_like_a_commercial_ca(ca_dir, tmp_path):
    key, csr = tmp_path / "srv.key", tmp_path / "srv.csr"
    openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-subj",
            "/CN=mail.example.com", "-out", str(csr))
    out = labca("sign", str(ca_dir), "--san", "mx.example.com", "--san", "192.0.2.1",
                input=csr.read_bytes()).stdout.decode()
    leaf, intermediate = x509.read_certificates(out)
    assert x509.certificate_pem(intermediate) == (ca_dir / "intermediate-ca.pem").read_text()
    assert x509.dns_names(leaf) == ["mail.example.com", "mx.example.com"]
    (tmp_path / "leaf.pem").write_text(x509.certificate_pem(leaf))
    result = openssl("verify", "-CAfile", str(ca_dir / "root-ca.pem"), "-untrusted",
                     str(ca_dir / "intermediate-ca.pem"), "-verify_hostname", "mx.example.com",
                     str(tmp_path / "leaf.pem"))
    assert result.stdout.strip().endswith(": OK")
    assert x509.hostname_matches(leaf, "192.0.2.1")
    text = openssl("x509", "-in", str(tmp_path / "leaf.pem"), "-noout", "-text").stdout
    assert "TLS Web Server Authentication" in text and "CA:FALSE" in text


def test_sign_copies_the_csr_names_and_adds_the_common_name(ca_dir, tmp_path):
    made = x509.make_self_signed(x509.Subject("esa.example.com", country="US"), 30)
    (tmp_path / "esa.csr").write_text(made.csr_pem)
    leaf = x509.read_certificates(labca("sign", str(ca_dir), str(tmp_path / "esa.csr"),
                                        "--days", "90").stdout.decode())[0]
    assert x509.dns_names(leaf) == ["esa.example.com"]
    assert (leaf.not_valid_after_utc - leaf.not_valid_before_utc).days == 90
    assert x509.key_matches(x509.certificate_pem(leaf), made.key_pem)


def test_sign_rejects_what_is_not_a_csr(ca_dir):
    result = labca("sign", str(ca_dir), input=b"hello", check=False)
    assert result.returncode == 1 and b"not a PEM certificate signing request" in result.stderr
    result = labca("sign", str(ca_dir.parent / "nowhere"), input=b"x", check=False)
    assert result.returncode == 1 and b"is not a lab CA directory" in result.stderr


def test_issue_for_a_test_peer_with_pkcs12_and_expired(ca_dir, tmp_path):
    prefix = tmp_path / "peer"
    labca("issue", str(ca_dir), "peer.example.com", "127.0.0.1", "--out", str(prefix),
          "--p12", str(tmp_path / "peer.p12"), "--passphrase", "pw")
    chain = x509.read_certificates((tmp_path / "peer-chain.pem").read_text())
    assert len(chain) == 2 and x509.hostname_matches(chain[0], "127.0.0.1")
    assert x509.key_matches((tmp_path / "peer.pem").read_text(), (tmp_path / "peer.key").read_text())
    roots = x509.read_certificates((ca_dir / "root-ca.pem").read_text())
    assert x509.verify_chain(chain, roots, hostname="peer.example.com").ok
    out = openssl("pkcs12", "-in", str(tmp_path / "peer.p12"), "-passin", "pass:pw", "-nokeys").stdout
    assert "CN = peer.example.com" in out
    expired = x509.read_certificates(labca("issue", str(ca_dir), "old.example.com",
                                           "--expired").stdout.decode())
    assert x509.verify_chain(expired, roots).reason == "certificate has expired"


def test_revoke_and_crl(ca_dir, tmp_path):
    out = labca("issue", str(ca_dir), "gone.example.com").stdout.decode()
    (tmp_path / "gone.pem").write_text(out)
    gone = x509.read_certificates(out)
    assert b"Revoked serial" in labca("revoke", str(ca_dir), str(tmp_path / "gone.pem")).stdout
    crl_pem = labca("crl", str(ca_dir)).stdout
    (tmp_path / "crl.pem").write_bytes(crl_pem)
    (tmp_path / "leaf.pem").write_text(x509.certificate_pem(gone[0]))
    result = openssl("verify", "-crl_check", "-CRLfile", str(tmp_path / "crl.pem"), "-CAfile",
                     str(ca_dir / "root-ca.pem"), "-untrusted", str(ca_dir / "intermediate-ca.pem"),
                     str(tmp_path / "leaf.pem"), check=False)
    assert "certificate revoked" in result.stdout + result.stderr
    roots = x509.read_certificates((ca_dir / "root-ca.pem").read_text())
    assert x509.verify_chain(gone, roots, crls=[x509.read_crl(crl_pem)]).reason == "certificate revoked"
