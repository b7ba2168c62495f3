"""X.509 facts the configuration needs.

Making keys, self-signed certificates, CSRs and CA-issued certificates; reading PEM, PKCS#12 and
CRLs; checking that a certificate belongs to its key; and verifying a peer's chain against the
appliance's trust roots with OpenSSL's own verifier (pyOpenSSL's ``X509StoreContext``: the
error codes and texts of ``openssl verify``), with CRLs and a host name check.  No sockets.
"""
from __future__ import annotations

import datetime as dt
import functools
import ipaddress
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

from cryptography import x509
from OpenSSL import crypto
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from . import model

PrivateKey = rsa.RSAPrivateKey  # what the appliance makes; imported keys may be EC too
CertLike = Union[x509.Certificate, str, bytes]

_PEM_CERT = re.compile(r"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", re.S)


# -- subjects --------------------------------------------------------------------------------------
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


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def common_name(name: x509.Name) -> str:
    values = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(values[0].value) if values else name.rfc4514_string()


def _looks_like_dns_name(text: str) -> bool:
    return bool(text) and " " not in text and "." in text


# -- keys, certificates, requests -----------------------------------------------------------------
def new_key(bits: int = 2048) -> PrivateKey:
    """Slow for large sizes: callers on the event loop run it in a thread."""
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def _san(dns_names: Iterable[str] = (), emails: Iterable[str] = (),
         ips: Iterable[str] = ()) -> Optional[x509.SubjectAlternativeName]:
    names: list[x509.GeneralName] = [x509.DNSName(n) for n in dns_names]
    names += [x509.RFC822Name(e) for e in emails]
    names += [x509.IPAddress(ipaddress.ip_address(i)) for i in ips]
    return x509.SubjectAlternativeName(names) if names else None


def issue_certificate(subject: x509.Name, public_key, issuer: Optional[x509.Certificate],
                      signing_key, days: int, *, ca: bool = False,
                      path_length: Optional[int] = None, dns_names: Sequence[str] = (),
                      emails: Sequence[str] = (), ips: Sequence[str] = (),
                      not_before: Optional[dt.datetime] = None) -> x509.Certificate:
    """A v3 certificate for ``public_key``, signed by ``signing_key`` (``issuer`` None: self-signed).

    CA certificates get keyCertSign/cRLSign; others get TLS server and client use, plus e-mail
    protection when they name an e-mail address (S/MIME).
    """
    start = not_before or now() - dt.timedelta(minutes=5)
    issuer_name = issuer.subject if issuer is not None else subject
    issuer_public = issuer.public_key() if issuer is not None else public_key
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer_name)
               .public_key(public_key).serial_number(x509.random_serial_number())
               .not_valid_before(start).not_valid_after(start + dt.timedelta(days=days))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=path_length if ca else None),
                              critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_public),
                              critical=False))
    if ca:
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature=False, content_commitment=False, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
            encipher_only=False, decipher_only=False), critical=True)
    else:
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=False, key_encipherment=True,
            data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
            encipher_only=False, decipher_only=False), critical=True)
        usages = [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]
        if emails:
            usages.append(ExtendedKeyUsageOID.EMAIL_PROTECTION)
        builder = builder.add_extension(x509.ExtendedKeyUsage(usages), critical=False)
    san = _san(dns_names, emails, ips)
    if san is not None:
        builder = builder.add_extension(san, critical=False)
    return builder.sign(signing_key, hashes.SHA256())


def make_csr(subject: x509.Name, key, dns_names: Sequence[str] = (),
             emails: Sequence[str] = ()) -> x509.CertificateSigningRequest:
    builder = x509.CertificateSigningRequestBuilder().subject_name(subject)
    san = _san(dns_names, emails)
    if san is not None:
        builder = builder.add_extension(san, critical=False)
    return builder.sign(key, hashes.SHA256())


@dataclass
class SelfSigned:
    certificate_pem: str
    key_pem: str
    csr_pem: str


def make_self_signed(subject: Subject, days: int, key_bits: int = 2048,
                     emails: Sequence[str] = (), dns_names: Sequence[str] = ()) -> SelfSigned:
    """A self-signed certificate with its key and a CSR for the same key and subject (certconfig
    NEW); with ``emails`` an S/MIME certificate, whose SAN also carries ``dns_names``.  Slow: run
    it in a thread from the event loop."""
    key = new_key(key_bits)
    name = subject.name()
    if emails:
        dns = list(dns_names)
    else:
        dns = [subject.common_name] if _looks_like_dns_name(subject.common_name) else []
        dns += [d for d in dns_names if d not in dns]
    cert = issue_certificate(name, key.public_key(), None, key, days, dns_names=dns, emails=emails)
    csr = make_csr(name, key, dns, emails)
    return SelfSigned(certificate_pem=certificate_pem(cert), key_pem=private_key_pem(key),
                      csr_pem=csr.public_bytes(serialization.Encoding.PEM).decode())


# -- reading and writing PEM ----------------------------------------------------------------------
class NeedsPassphrase(ValueError):
    """The private key is encrypted and no (or a wrong) passphrase was given."""


def certificate_pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def private_key_pem(key) -> str:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def load_certificate(pem: CertLike) -> x509.Certificate:
    if isinstance(pem, x509.Certificate):
        return pem
    data = pem.encode() if isinstance(pem, str) else pem
    return x509.load_pem_x509_certificate(data)


def read_certificates(text: str) -> list[x509.Certificate]:
    """Every PEM certificate block in ``text``; ValueError when there is none or one is broken."""
    blocks = _PEM_CERT.findall(text)
    if not blocks:
        raise ValueError("no PEM certificate found")
    with warnings.catch_warnings():  # a few old roots have non-positive serial numbers
        warnings.simplefilter("ignore")
        return [x509.load_pem_x509_certificate(block.encode()) for block in blocks]


def key_is_encrypted(text: str) -> bool:
    return "ENCRYPTED" in text.split("-----END", 1)[0]


def read_private_key(text: str, passphrase: Optional[str] = None):
    """The private key in PEM ``text``.  Raises NeedsPassphrase or ValueError."""
    if "-----BEGIN" not in text or "PRIVATE KEY-----" not in text:
        raise ValueError("no PEM private key found")
    start = text.index("-----BEGIN")
    try:
        return serialization.load_pem_private_key(
            text[start:].encode(), password=passphrase.encode() if passphrase else None)
    except TypeError as error:  # encrypted but no passphrase given
        raise NeedsPassphrase(str(error)) from error
    except ValueError as error:
        if key_is_encrypted(text) and passphrase:
            raise NeedsPassphrase("bad passphrase") from error
        raise


def _spki(public_key) -> bytes:
    return public_key.public_bytes(serialization.Encoding.DER,
                                   serialization.PublicFormat.SubjectPublicKeyInfo)


def public_key_matches(cert: x509.Certificate, key) -> bool:
    """True when ``cert`` carries the public half of ``key``."""
    return _spki(cert.public_key()) == _spki(key.public_key())


def key_matches(certificate_pem: str, key_pem: str) -> bool:
    key = serialization.load_pem_private_key(key_pem.encode(), password=None)
    return public_key_matches(load_certificate(certificate_pem), key)


def profile_errors(profile: model.CertificateProfile) -> list[str]:
    """Why a certificate profile must not be committed (unreadable PEM, key of another pair)."""
    try:
        cert = load_certificate(profile.certificate_pem)
        for pem in profile.intermediates:
            load_certificate(pem)
    except ValueError:
        return ["the certificate is not a valid PEM certificate"]
    if not profile.key_pem:
        return ["the private key is missing"]
    try:
        key = serialization.load_pem_private_key(profile.key_pem.encode(), password=None,
                                                 unsafe_skip_rsa_key_validation=True)
    except (ValueError, TypeError):
        return ["the private key is not a valid unencrypted PEM key"]
    return [] if public_key_matches(cert, key) else ["key does not sign certificate"]


def fingerprint(cert: x509.Certificate) -> bytes:
    return cert.fingerprint(hashes.SHA256())


def add_intermediates(profile: model.CertificateProfile, certs: Sequence[x509.Certificate]) -> int:
    """Append ``certs`` to the profile's intermediates, skipping any already in its chain (the
    certificate included); returns how many were skipped as duplicates."""
    present = {fingerprint(load_certificate(pem))
               for pem in [profile.certificate_pem, *profile.intermediates]}
    duplicates = 0
    for cert in certs:
        if fingerprint(cert) in present:
            duplicates += 1
            continue
        present.add(fingerprint(cert))
        profile.intermediates.append(certificate_pem(cert))
    return duplicates


def add_custom_cas(section: model.Certificates, certs: Sequence[x509.Certificate]) -> list[str]:
    """Add ``certs`` to the custom CA list, each under its common name (made unique with
    " (2)", " (3)"...); returns the names of those already in the list, which are skipped."""
    cas = section.custom_cas
    present = {fingerprint(load_certificate(ca.pem)) for ca in cas.values()}
    skipped = []
    for cert in certs:
        name = common_name(cert.subject)
        if fingerprint(cert) in present:
            skipped.append(name)
            continue
        present.add(fingerprint(cert))
        unique, number = name, 2
        while unique in cas:
            unique, number = f"{name} ({number})", number + 1
        cas[unique] = model.CustomCA(unique, certificate_pem(cert))
    return skipped


def is_self_signed(cert: x509.Certificate) -> bool:
    if cert.subject != cert.issuer:
        return False
    try:
        cert.verify_directly_issued_by(cert)
    except Exception:
        return False
    return True


# -- PKCS#12 ----------------------------------------------------------------------------------------
@dataclass
class KeyAndChain:
    certificate_pem: str
    key_pem: str
    intermediates: list[str] = field(default_factory=list)


def read_pkcs12(data: bytes, passphrase: str) -> KeyAndChain:
    """Certificate, key and further certificates of a PKCS#12 file.  ValueError on a wrong
    passphrase or a corrupt file."""
    last: Exception = ValueError("invalid PKCS#12 data")
    for password in ([passphrase.encode()] if passphrase else [b"", None]):
        try:
            key, cert, extra = pkcs12.load_key_and_certificates(data, password)
        except (ValueError, TypeError) as error:
            last = error
            continue
        if key is None or cert is None:
            raise ValueError("the PKCS#12 file holds no certificate with its private key")
        if not public_key_matches(cert, key):
            raise ValueError("key does not sign certificate")
        chain = order_chain(cert, [c for c in extra if fingerprint(c) != fingerprint(cert)])
        return KeyAndChain(certificate_pem(cert), private_key_pem(key),
                           [certificate_pem(c) for c in chain])
    raise ValueError(str(last))


def write_pkcs12(name: str, certificate_pem_text: str, key_pem_text: str,
                 intermediates: Sequence[str], passphrase: str) -> bytes:
    """A passphrase-protected PKCS#12 file (AES-256/PBKDF2, readable by ``openssl pkcs12``)."""
    key = serialization.load_pem_private_key(key_pem_text.encode(), password=None)
    return pkcs12.serialize_key_and_certificates(
        name.encode(), key, load_certificate(certificate_pem_text),
        [load_certificate(p) for p in intermediates] or None,
        serialization.BestAvailableEncryption(passphrase.encode()))


def order_chain(leaf: x509.Certificate, others: Sequence[x509.Certificate]) -> list[x509.Certificate]:
    """``others`` in issuing order starting from ``leaf``'s issuer; the rest after, as given."""
    ordered, rest, current = [], list(others), leaf
    while True:
        nxt = next((c for c in rest if c.subject == current.issuer and not is_self_signed(current)),
                   None)
        if nxt is None:
            return ordered + rest
        ordered.append(nxt)
        rest.remove(nxt)
        current = nxt


# -- CRLs -------------------------------------------------------------------------------------------
def read_crl(data: bytes) -> x509.CertificateRevocationList:
    """A CRL in PEM or DER; ValueError when it is neither."""
    if b"-----BEGIN X509 CRL-----" in data:
        return x509.load_pem_x509_crl(data[data.index(b"-----BEGIN X509 CRL-----"):])
    return x509.load_der_x509_crl(data)


def crl_pem(crl: x509.CertificateRevocationList) -> str:
    return crl.public_bytes(serialization.Encoding.PEM).decode()


def make_crl(issuer: x509.Certificate, issuer_key, revoked_serials: Iterable[int],
             days: int = 30, at: Optional[dt.datetime] = None) -> x509.CertificateRevocationList:
    at = at or now()
    builder = (x509.CertificateRevocationListBuilder().issuer_name(issuer.subject)
               .last_update(at - dt.timedelta(minutes=5)).next_update(at + dt.timedelta(days=days)))
    for serial in revoked_serials:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(at).build())
    return builder.sign(issuer_key, hashes.SHA256())


# -- describing a certificate -------------------------------------------------------------------
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


def describe(pem: CertLike) -> CertificateInfo:
    cert = load_certificate(pem)
    return CertificateInfo(
        common_name=common_name(cert.subject), issued_by=common_name(cert.issuer),
        not_before=cert.not_valid_before_utc, not_after=cert.not_valid_after_utc,
        self_signed=is_self_signed(cert))


def profile_state(profile: model.CertificateProfile, at: Optional[dt.datetime] = None) -> str:
    """``expired``, ``not_yet_valid``, ``csr_pending`` (still self-signed while its CSR is out
    for signing) or ``valid``."""
    info = describe(profile.certificate_pem)
    at = at or now()
    if at > info.not_after:
        return "expired"
    if at < info.not_before:
        return "not_yet_valid"
    if profile.csr_pem and info.self_signed:
        return "csr_pending"
    return "valid"


def dns_names(cert: x509.Certificate) -> list[str]:
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return []
    return san.get_values_for_type(x509.DNSName)


def _ip_names(cert: x509.Certificate) -> list:
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return []
    return san.get_values_for_type(x509.IPAddress)


_SHORT_NAMES = {NameOID.EMAIL_ADDRESS: "emailAddress"}


def oneline(name: x509.Name) -> str:
    """OpenSSL's old one-line form, ``/C=US/ST=CA/O=Example/CN=mail.example.com``."""
    parts = []
    for attribute in name:
        key = _SHORT_NAMES.get(attribute.oid) or attribute.rfc4514_attribute_name
        parts.append(f"/{key}={attribute.value}")
    return "".join(parts)


def openssl_date(when: dt.datetime) -> str:
    """``Oct 3 12:35:32 2018 GMT`` as CheckTLS prints it."""
    return f"{when:%b} {when.day} {when:%H:%M:%S} {when.year} GMT"


# -- host names -----------------------------------------------------------------------------------
def _dns_match(pattern: str, host: str) -> bool:
    pattern, host = pattern.lower().rstrip("."), host.lower().rstrip(".")
    if pattern.startswith("*."):
        head, _, rest = host.partition(".")
        return bool(head) and rest == pattern[2:] and "." in rest
    return pattern == host


def hostname_matches(cert: x509.Certificate, hostname: str) -> bool:
    """RFC 6125 as OpenSSL applies it: DNS names of subjectAltName (one left-most ``*`` label),
    the Common Name only when there are none; IP addresses against IP entries."""
    try:
        address = ipaddress.ip_address(hostname)
    except ValueError:
        address = None
    if address is not None:
        return address in _ip_names(cert)
    names = dns_names(cert)
    if not names:
        names = [str(a.value) for a in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)]
    return any(_dns_match(name, hostname) for name in names)


# -- trust ------------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def system_roots() -> tuple[x509.Certificate, ...]:
    """The appliance's system CA list: the ``certifi`` bundle."""
    import certifi
    roots = []
    for block in _PEM_CERT.findall(Path(certifi.where()).read_text()):
        try:
            roots += read_certificates(block)
        except ValueError:
            continue
    return tuple(roots)


def trust_roots(section: model.Certificates) -> list[x509.Certificate]:
    """The enabled trust roots of a ``certificates`` section: the system list and the custom CAs,
    each when its list is enabled."""
    roots = list(system_roots()) if section.system_ca_enabled else []
    if section.custom_ca_enabled:
        roots += [load_certificate(ca.pem) for ca in section.custom_cas.values() if ca.enabled]
    return roots


def revocation_lists(section: model.Certificates) -> list[x509.CertificateRevocationList]:
    return [read_crl(pem.encode()) for pem in section.crls.values()]


# OpenSSL's verification results that are not found by X509_verify_cert itself.
UNSPECIFIED = (1, "unspecified certificate verification error")
INVALID_PURPOSE = (26, "unsupported certificate purpose")
HOSTNAME_MISMATCH = (62, "hostname mismatch")
# The OpenSSL bundled with pyOpenSSL may be newer than the 3.0 series of AsyncOS 16 and of
# Debian's ``openssl verify``; OpenSSL 4 renumbered and reworded these (by its own text).
_AS_OPENSSL_3 = {
    "certificate is not yet valid or the system clock is incorrect":
        (9, "certificate is not yet valid"),
    "invalid CA certificate": (24, "invalid CA certificate"),
    "unsuitable certificate purpose": INVALID_PURPOSE,
}


@dataclass
class ChainCheck:
    """The outcome of ``verify_chain``: the verified path (leaf first) and the first error, as
    (depth, OpenSSL code, OpenSSL text) — where ``openssl verify`` stops — with the certificate
    it is about.  ``ok`` without one."""
    path: list[x509.Certificate]
    errors: list[tuple[int, int, str]] = field(default_factory=list)
    failed: Optional[x509.Certificate] = None

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def reason(self) -> str:
        """OpenSSL's text for the error, or ``ok``."""
        return self.errors[0][2] if self.errors else "ok"

    def reasons_for(self, cert: x509.Certificate) -> list[str]:
        """The error texts about ``cert``."""
        if self.failed is None or fingerprint(self.failed) != fingerprint(cert):
            return []
        return [text for _, _, text in self.errors]


def verify_chain(chain: Sequence[CertLike], roots: Sequence[x509.Certificate], *,
                 hostname: Optional[str] = None,
                 crls: Sequence[x509.CertificateRevocationList] = (),
                 at: Optional[dt.datetime] = None, purpose: Optional[str] = "server") -> ChainCheck:
    """Verify a peer's chain (leaf first, as presented) with OpenSSL's own verifier, as
    ``openssl verify -CAfile roots -untrusted rest [-crl_check] [-verify_hostname]`` does: path
    building with backtracking, a trusted intermediate as an anchor, validity dates, CA and path
    length constraints, name constraints, revocation by the CRLs given (each certificate whose
    issuer published one), then the leaf's purpose (TLS server) and ``hostname``.

    Fails closed: anything unreadable is an error, never a pass.
    """
    try:
        certs = [crypto.X509.from_cryptography(load_certificate(c)) for c in chain]
        if not certs:
            return ChainCheck([], [(0, *UNSPECIFIED)])
        path = _openssl_path(certs, roots, [], at, 0)
        if crls and isinstance(path, list):
            # OpenSSL wants a CRL for every certificate it is told to check: check the leaf
            # when its issuer published one, the whole path when every issuer did.
            revoking = {crl.issuer for crl in crls}
            if all(c.issuer in revoking for c in path if not is_self_signed(c)):
                path = _openssl_path(certs, roots, crls, at, crypto.X509StoreFlags.CRL_CHECK_ALL
                                     | crypto.X509StoreFlags.CRL_CHECK)
            elif path[0].issuer in revoking:
                path = _openssl_path(certs, roots, crls, at, crypto.X509StoreFlags.CRL_CHECK)
    except Exception:  # a malformed certificate or CRL must not verify
        return ChainCheck([], [(0, *UNSPECIFIED)])
    if not isinstance(path, list):
        return ChainCheck([], [path[0]], path[1])
    if purpose == "server" and not _server_purpose(path[0]):
        return ChainCheck(path, [(0, *INVALID_PURPOSE)], path[0])
    if hostname is not None and not hostname_matches(path[0], hostname):
        return ChainCheck(path, [(0, *HOSTNAME_MISMATCH)], path[0])
    return ChainCheck(path)


def _openssl_path(certs: list, roots: Sequence[x509.Certificate],
                  crls: Sequence[x509.CertificateRevocationList], at: Optional[dt.datetime],
                  crl_flags: int) -> Union[list[x509.Certificate],
                                           tuple[tuple[int, int, str], x509.Certificate]]:
    """The verified path, or OpenSSL's first error, (depth, code, text), and its certificate."""
    store = crypto.X509Store()
    for root in roots:
        store.add_cert(crypto.X509.from_cryptography(root))
    for crl in crls:
        store.add_crl(crl)
    store.set_flags(crypto.X509StoreFlags.PARTIAL_CHAIN | crl_flags)
    if at is not None:
        store.set_time(at.replace(tzinfo=None))
    context = crypto.X509StoreContext(store, certs[0], certs[1:])
    try:
        return [c.to_cryptography() for c in context.get_verified_chain()]
    except crypto.X509StoreContextError as error:
        code, depth, text = error.errors
        return (depth, *_AS_OPENSSL_3.get(text, (code, text))), error.certificate.to_cryptography()


def _server_purpose(leaf: x509.Certificate) -> bool:
    try:
        usage = leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        return True
    return any(oid in usage for oid in (ExtendedKeyUsageOID.SERVER_AUTH,
                                        ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE))


def verify_peer(section: model.Certificates, chain: Sequence[CertLike],
                hostname: Optional[str], at: Optional[dt.datetime] = None) -> ChainCheck:
    """A peer's chain against the appliance's enabled trust roots and CRLs (Preferred-Verify and
    Required-Verify delivery), at the time ``at`` (the appliance's clock; default: now)."""
    try:
        roots, crls = trust_roots(section), revocation_lists(section)
    except Exception:
        return ChainCheck([], [(0, *UNSPECIFIED)])
    return verify_chain(chain, roots, hostname=hostname, crls=crls, at=at)


def presented_chain_faults(chain: Sequence[CertLike]) -> dict[int, str]:
    """Index -> fault for certificates a server sends that do not belong where they are:
    duplicates, and certificates that do not certify the one before them (RFC 5246 order)."""
    certs = [load_certificate(c) for c in chain]
    faults: dict[int, str] = {}
    seen: set[bytes] = set()
    for index, cert in enumerate(certs):
        print_ = fingerprint(cert)
        if print_ in seen:
            faults[index] = "duplicate certificate in chain"
        elif index > 0:
            previous = certs[index - 1]
            try:
                previous.verify_directly_issued_by(cert)
            except (ValueError, TypeError, InvalidSignature):
                faults[index] = "certificate does not certify the one before it"
        seen.add(print_)
    return faults
