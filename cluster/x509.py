"""X.509 facts the configuration needs: making self-signed certificates, reading what a
certificate profile holds, and checking that a certificate belongs to its private key."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID


@dataclass
class Subject:
    common_name: str
    organization: str = ""
    organizational_unit: str = ""
    locality: str = ""
    state: str = ""
    country: str = ""

    def name(self) -> x509.Name:
        parts = [(NameOID.COUNTRY_NAME, self.country), (NameOID.STATE_OR_PROVINCE_NAME, self.state),
                 (NameOID.LOCALITY_NAME, self.locality), (NameOID.ORGANIZATION_NAME, self.organization),
                 (NameOID.ORGANIZATIONAL_UNIT_NAME, self.organizational_unit),
                 (NameOID.COMMON_NAME, self.common_name)]
        return x509.Name([x509.NameAttribute(oid, value) for oid, value in parts if value])


@dataclass
class SelfSigned:
    certificate_pem: str
    key_pem: str
    csr_pem: str


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def make_self_signed(subject: Subject, days: int, key_bits: int = 2048) -> SelfSigned:
    """A self-signed certificate with its key and a CSR for the same key and subject.

    Slow (RSA key generation): callers on the event loop run it in a thread.
    """
    key = rsa.generate_private_key(public_exponent=65537, key_size=key_bits)
    name = subject.name()
    start = now() - dt.timedelta(minutes=5)
    san = x509.SubjectAlternativeName([x509.DNSName(subject.common_name)])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(start + dt.timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(san, critical=False)
            .sign(key, hashes.SHA256()))
    csr = (x509.CertificateSigningRequestBuilder().subject_name(name)
           .add_extension(san, critical=False).sign(key, hashes.SHA256()))
    return SelfSigned(
        certificate_pem=cert.public_bytes(serialization.Encoding.PEM).decode(),
        key_pem=key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()).decode(),
        csr_pem=csr.public_bytes(serialization.Encoding.PEM).decode())


def load_certificate(pem: str) -> x509.Certificate:
    return x509.load_pem_x509_certificate(pem.encode())


def common_name(name: x509.Name) -> str:
    values = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(values[0].value) if values else name.rfc4514_string()


@dataclass
class CertificateInfo:
    common_name: str
    issued_by: str
    not_before: dt.datetime
    not_after: dt.datetime
    self_signed: bool

    def status(self, at: Optional[dt.datetime] = None) -> str:
        at = at or now()
        if at < self.not_before:
            return "Not yet valid"
        if at > self.not_after:
            return "Expired"
        return "Valid"

    def days_remaining(self, at: Optional[dt.datetime] = None) -> int:
        return max(0, (self.not_after - (at or now())).days)


def describe(pem: str) -> CertificateInfo:
    cert = load_certificate(pem)
    return CertificateInfo(
        common_name=common_name(cert.subject), issued_by=common_name(cert.issuer),
        not_before=cert.not_valid_before_utc, not_after=cert.not_valid_after_utc,
        self_signed=cert.subject == cert.issuer)


def key_matches(certificate_pem: str, key_pem: str) -> bool:
    """True when the certificate's public key is the public half of ``key_pem``."""
    key = serialization.load_pem_private_key(key_pem.encode(), password=None)
    public = load_certificate(certificate_pem).public_key()
    fmt = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return public.public_bytes(*fmt) == key.public_key().public_bytes(*fmt)
