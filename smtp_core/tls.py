"""TLS for mail: contexts from certificate profiles, peer verification, failure texts.

Server and client contexts come from the committed certificate profiles (key, certificate and
intermediates, the intermediates sent in the chain).  Outbound verification is done by us after
the handshake, never by the context: an error anywhere in chain or name checking means "not
verified" (smtp.md §3.3: Twisted's own verification fails open on SAN-less certificates).
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Optional, Sequence

from OpenSSL import SSL
from twisted.internet import ssl
from twisted.python.failure import Failure

from cluster import model, x509


@dataclass(frozen=True)
class Identity:
    key_pem: str
    certificate_pem: str
    intermediates: tuple[str, ...] = ()


def identity(profile: model.CertificateProfile) -> Identity:
    return Identity(profile.key_pem, profile.certificate_pem, tuple(profile.intermediates))


@dataclass(frozen=True)
class Protocols:
    """``sslconfig``'s TLS versions (a consecutive run) and OpenSSL cipher list of a service."""
    methods: tuple[str, ...] = ("tlsv1_2", "tlsv1_3")
    ciphers: str = model.DEFAULT_CIPHERS
    # a server's: whether a client may renegotiate a TLS v1.2 (or older) session
    renegotiation: bool = True


def protocols(settings: model.TlsService) -> Protocols:
    return Protocols(tuple(settings.methods), settings.ciphers, settings.renegotiation)


_VERSIONS = dict(zip(model.TLS_METHODS, (ssl.TLSVersion.TLSv1_0, ssl.TLSVersion.TLSv1_1,
                                         ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3)))
_OLD_VERSIONS = {"tlsv1_0", "tlsv1_1"}
# OpenSSL 3 refuses a client's renegotiation unless told otherwise; SSL_OP_NO_RENEGOTIATION
# refuses both sides' (pyOpenSSL names only the latter)
_ALLOW_CLIENT_RENEGOTIATION = 0x100


@functools.lru_cache(maxsize=64)
def server_options(ident: Identity, settings: Protocols = Protocols()) -> ssl.CertificateOptions:
    """The listener's (or HTTPS port's) context (cached per identity and settings: a change
    gives a new one while sessions on the old one go on)."""
    return _options(ident, settings)


@functools.lru_cache(maxsize=16)
def client_options(ident: Optional[Identity],
                   settings: Protocols = Protocols()) -> ssl.CertificateOptions:
    """Delivery's context: presents the destconfig certificate, verifies nothing itself."""
    return _options(ident, settings, server=False)


class _Options(ssl.CertificateOptions):
    """Twisted's options with ``sslconfig``'s cipher list as OpenSSL takes it (Twisted keeps
    only the names it knows; ``@SECLEVEL=0`` lets OpenSSL 3 speak TLS 1.0/1.1 at all), and a
    server's renegotiation setting (``options``: OpenSSL option bits to add)."""

    def __init__(self, cipher_list: str, options: int = 0, **kwargs):
        super().__init__(**kwargs)
        self.cipher_list = cipher_list
        self.extra_options = options
        self.ciphers_set = False

    def getContext(self) -> SSL.Context:
        context = super().getContext()   # made once and kept by Twisted
        if not self.ciphers_set:
            context.set_cipher_list(self.cipher_list.encode("ascii"))
            if self.extra_options:
                context.set_options(self.extra_options)
            self.ciphers_set = True
        return context


def _options(ident: Optional[Identity], settings: Protocols,
             server: bool = True) -> ssl.CertificateOptions:
    kwargs = {}
    if ident is not None and ident.key_pem:
        kwargs = dict(
            privateKey=x509.read_private_key(ident.key_pem),
            certificate=x509.load_certificate(ident.certificate_pem),
            extraCertChain=[x509.load_certificate(pem) for pem in ident.intermediates
                            if pem.strip()])
    versions = sorted(_VERSIONS[m] for m in settings.methods)
    cipher_list = settings.ciphers + (":@SECLEVEL=0" if _OLD_VERSIONS & set(settings.methods)
                                      else "")
    options = 0
    if server:
        options = _ALLOW_CLIENT_RENEGOTIATION if settings.renegotiation \
            else SSL.OP_NO_RENEGOTIATION
    return _Options(cipher_list, options, verify=False, insecurelyLowerMinimumTo=versions[0],
                    lowerMaximumSecurityTo=versions[-1], fixBrokenPeers=False, **kwargs)


# -- negotiated parameters ---------------------------------------------------------------------
def negotiated(connection: SSL.Connection) -> tuple[str, str]:
    """(protocol, cipher) in OpenSSL's words, as AsyncOS logs them."""
    return connection.get_protocol_version_name(), connection.get_cipher_name()


# -- failure texts -----------------------------------------------------------------------------
_SSL_LIB = 20


@functools.lru_cache(maxsize=1)
def _reason_codes() -> dict[str, int]:
    from cryptography.hazmat.bindings.openssl.binding import Binding
    SSL.Context(SSL.TLS_METHOD)  # loads the SSL error strings
    lib, ffi = Binding.lib, Binding.ffi
    codes = {}
    for reason in range(1, 2048):
        code = (_SSL_LIB << 23) | reason
        text = lib.ERR_reason_error_string(code)
        if text != ffi.NULL:
            codes.setdefault(ffi.string(text).decode(), code)
    return codes


def failure_detail(reason: Failure | BaseException) -> str:
    """AsyncOS's ``TLS failed:`` detail: the Python repr of ``(code, 'error:…')`` for an OpenSSL
    error (mail-logs.md §2.3), else the error's own text."""
    error = reason.value if isinstance(reason, Failure) else reason
    if isinstance(error, SSL.Error) and error.args and isinstance(error.args[0], list) \
            and error.args[0] and isinstance(error.args[0][0], tuple):
        lib, func, text = error.args[0][-1]
        code = _reason_codes().get(text, 0) if lib == "SSL routines" else 0
        return repr((code, f"error:{code:08X}:{lib}:{func}:{text}"))
    if isinstance(reason, Failure):
        return reason.getErrorMessage()
    return str(error) or type(error).__name__


# -- verification ------------------------------------------------------------------------------
@dataclass
class Verification:
    verified: bool
    detail: str            # the name that matched, or why verification failed


def verify_peer(connection: SSL.Connection, names: Sequence[str],
                certificates: model.Certificates, at: dt.datetime) -> Verification:
    """The peer's chain against the enabled trust roots and CRLs at the time ``at`` (the
    appliance's clock, which ``settime`` moves), and a CN/SAN match of one of ``names`` (the
    host connected to or the destination domain).  Fails closed."""
    try:
        chain = connection.get_peer_cert_chain(as_cryptography=True) or []
        if not chain:
            return Verification(False, "verify error: no peer certificate")
        check = x509.verify_peer(certificates, chain, None, at)
        if not check.ok:
            return Verification(False, f"verify error: {check.reason}")
        leaf = check.path[0]
        matched = next((name for name in names if x509.hostname_matches(leaf, name)), None)
        if matched is None:
            return Verification(False, "verify error: hostname mismatch")
        return Verification(True, matched)
    except Exception as error:  # anything unexpected is "not verified", never a pass
        return Verification(False, f"verify error: {error}")
