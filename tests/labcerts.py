"""A throw-away certificate authority for tests: root, intermediate, leaves, CRLs, PEM files."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

from cryptography import x509 as cx509
from cryptography.hazmat.primitives import serialization

from cluster import x509


class LabCA:
    def __init__(self, org: str = "Test"):
        self.root_key, self.inter_key = x509.new_key(), x509.new_key()
        self.root = x509.issue_certificate(x509.Subject(f"{org} Root CA", organization=org).name(),
                                           self.root_key.public_key(), None, self.root_key, 3650,
                                           ca=True)
        self.inter = x509.issue_certificate(
            x509.Subject(f"{org} Intermediate CA", organization=org).name(),
            self.inter_key.public_key(), self.root, self.root_key, 3650, ca=True, path_length=0)

    @property
    def root_pem(self) -> str:
        return x509.certificate_pem(self.root)

    @property
    def inter_pem(self) -> str:
        return x509.certificate_pem(self.inter)

    def issue(self, name: str, key=None, *, days: int = 365,
              not_before: Optional[dt.datetime] = None) -> tuple[cx509.Certificate, object]:
        key = key or x509.new_key()
        cert = x509.issue_certificate(x509.Subject(name, organization="Peer").name(),
                                      key.public_key(), self.inter, self.inter_key, days,
                                      dns_names=[name], not_before=not_before)
        return cert, key

    def expired(self, name: str, key=None) -> tuple[cx509.Certificate, object]:
        return self.issue(name, key, days=10, not_before=x509.now() - dt.timedelta(days=20))

    def sign_csr(self, csr_pem: str, days: int = 365) -> cx509.Certificate:
        csr = cx509.load_pem_x509_csr(csr_pem.encode())
        return x509.issue_certificate(csr.subject, csr.public_key(), self.inter, self.inter_key,
                                      days, dns_names=[x509.common_name(csr.subject)])

    def crl(self, *certs: cx509.Certificate, days: int = 30) -> cx509.CertificateRevocationList:
        return x509.make_crl(self.inter, self.inter_key, [c.serial_number for c in certs], days)


def pem(cert: cx509.Certificate) -> str:
    return x509.certificate_pem(cert)


def key_pem(key, passphrase: Optional[str] = None, traditional: bool = False) -> str:
    encryption = (serialization.BestAvailableEncryption(passphrase.encode()) if passphrase
                  else serialization.NoEncryption())
    fmt = (serialization.PrivateFormat.TraditionalOpenSSL if traditional
           else serialization.PrivateFormat.PKCS8)
    return key.private_bytes(serialization.Encoding.PEM, fmt, encryption).decode()


def write(path: Path, text: str | bytes) -> Path:
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path
