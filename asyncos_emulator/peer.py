"""Peer MTAs for training labs: SMTP servers on loopback that behave well or fail the way remote
MTAs fail in the seed's troubleshooting section, and a client that sends mail into an appliance
with a chosen TLS behaviour.

Server modes (one word each):
    good             ESMTP with STARTTLS and a CA-signed certificate (chain with intermediate)
    no-esmtp         EHLO answered with 502; only HELO works
    no-starttls      ESMTP without STARTTLS
    tls-454          STARTTLS answered with ``454 TLS not available due to temporary reason``
    tls-garbage      STARTTLS accepted, then garbage instead of a TLS handshake
    no-shared-cipher STARTTLS accepted, then a handshake no client can complete
    self-signed      a self-signed certificate
    wrong-host       a CA-signed certificate for another host name
    expired          a CA-signed certificate that has expired
    no-intermediate  a CA-signed certificate sent without its intermediate
    slow             every reply delayed by --delay seconds
    drop             the connection is closed right after EHLO
Certificate modes need a lab CA directory (``scripts/labca init DIR``).  Every peer logs each
line it receives and keeps each accepted message in its spool directory.
"""
from __future__ import annotations

import argparse
import datetime as dt
import itertools
import smtplib
import ssl
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from OpenSSL import crypto
from twisted.internet import defer, protocol
from twisted.internet import ssl as tssl
from twisted.internet.interfaces import IReactorTime
from twisted.python.failure import Failure

from cluster import x509
from smtp_core.bodies import BodySink, ReceivedBody
from smtp_core.replies import TEXTS, render
from smtp_core.serverprotocol import (Envelope, Greeting, Refusal, ServerProtocol, TlsAnswer,
                                      Watchdog)

MODES = ("good", "no-esmtp", "no-starttls", "tls-454", "tls-garbage", "no-shared-cipher",
         "self-signed", "wrong-host", "expired", "no-intermediate", "slow", "drop")
CERT_MODES = {"good", "no-shared-cipher", "self-signed", "wrong-host", "expired",
              "no-intermediate", "slow", "drop"}
TLS_REFUSED = "454 4.7.0 TLS not available due to temporary reason"


@dataclass
class PeerSpec:
    name: str
    address: str
    port: int
    mode: str = "good"
    hostname: str = "mx.example.net"
    ca_dir: Optional[Path] = None
    spool: Optional[Path] = None
    delay: float = 2.0


def tls_options(spec: PeerSpec) -> Optional[tssl.CertificateOptions]:
    """The certificate and chain this peer presents, made from the lab CA for its mode."""
    if spec.mode not in CERT_MODES or spec.ca_dir is None:
        return None
    key = x509.new_key(2048)
    subject = x509.Subject(spec.hostname, organization="Lab peer").name()
    if spec.mode == "self-signed":
        leaf, chain = x509.issue_certificate(subject, key.public_key(), None, key, 365,
                                             dns_names=[spec.hostname]), []
    else:
        ca = Path(spec.ca_dir)
        inter = x509.load_certificate((ca / "intermediate-ca.pem").read_text())
        inter_key = x509.read_private_key((ca / "intermediate-ca.key").read_text())
        names = ["wrong-host.invalid"] if spec.mode == "wrong-host" else [spec.hostname]
        if spec.mode == "wrong-host":
            subject = x509.Subject(names[0], organization="Lab peer").name()
        start = x509.now() - dt.timedelta(days=31) if spec.mode == "expired" else None
        leaf = x509.issue_certificate(subject, key.public_key(), inter, inter_key,
                                      30 if spec.mode == "expired" else 365,
                                      dns_names=names, not_before=start)
        chain = [] if spec.mode == "no-intermediate" else [inter]
    options = dict(privateKey=crypto.PKey.from_cryptography_key(key),
                   certificate=crypto.X509.from_cryptography(leaf),
                   extraCertChain=[crypto.X509.from_cryptography(c) for c in chain])
    if spec.mode == "no-shared-cipher":
        # Only PSK suites, without a PSK: every ordinary client finds no cipher in common.
        options.update(acceptableCiphers=tssl.AcceptableCiphers.fromOpenSSLCipherString("PSK"),
                       lowerMaximumSecurityTo=tssl.TLSVersion.TLSv1_2)
    return tssl.CertificateOptions(**options)


# The peer answers as Postfix does (its replies in a lab look like a real remote MTA's).
PEER_DIALECT = {
    **TEXTS,
    "helo": "250 {host}",
    "starttls": "220 2.0.0 Ready to start TLS",
    "mail_ok": "250 2.1.0 Ok",
    "rcpt_ok": "250 2.1.5 Ok",
    "data": "354 End data with <CR><LF>.<CR><LF>",
    "rset": "250 2.0.0 Ok",
    "noop": "250 2.0.0 Ok",
    "vrfy": "502 5.5.2 Error: command not recognized",
    "quit": "221 2.0.0 Bye",
    "tls_twice": "502 5.5.1 Error: command not implemented",
    "need_helo": "503 5.5.1 Error: send HELO/EHLO first",
    "nested_mail": "503 5.5.1 Error: nested MAIL command",
    "need_mail": "503 5.5.1 Error: need MAIL command",
    "need_rcpt": "503 5.5.1 Error: need RCPT command",
    "unknown": "502 5.5.2 Error: command not recognized",
    "bad_command_limit": "421 4.7.0 {host} Error: too many errors",
    "ehlo_domain": "501 Syntax: EHLO hostname",
    "helo_domain": "501 Syntax: HELO hostname",
    "syntax": "501 5.5.4 Syntax error",
    "bad_sender": "501 5.1.7 Bad sender address syntax",
    "bad_recipient": "501 5.1.3 Bad recipient address syntax",
    "line_too_long": "500 5.5.0 Error: line too long",
    "too_big": "552 5.3.4 Error: message file too big",
    "timeout": "421 4.4.2 {host} Error: timeout exceeded",
}
NOT_IMPLEMENTED = b"502 5.5.1 Error: command not implemented\r\n"
PEER_MAX_SIZE = 52428800


class PeerPolicy:
    """What the peer allows: everything, but STARTTLS and EHLO as its mode says."""

    dialect = PEER_DIALECT
    bad_command_limit = 20          # Postfix's smtpd_hard_error_limit

    def __init__(self, spec: PeerSpec, tls: Optional[tssl.CertificateOptions]):
        self.spec, self.tls = spec, tls
        self.reply_delay = spec.delay if spec.mode == "slow" else 0.0

    def greet(self, peer: str) -> Greeting:
        return Greeting(f"220 {self.spec.hostname} ESMTP lab peer ({self.spec.mode})\r\n".encode())

    def admit(self) -> Optional[bool]:
        return True

    def promote(self) -> bool:
        return True

    def probation_seconds(self) -> float:
        return 0.0

    def host(self) -> str:
        return self.spec.hostname

    def ehlo_refusal(self) -> Optional[bytes]:
        return render(PEER_DIALECT, "unknown") if self.spec.mode == "no-esmtp" else None

    def extensions(self, tls_offered: bool) -> list[str]:
        return ["PIPELINING", f"SIZE {PEER_MAX_SIZE}", *(["STARTTLS"] if tls_offered else []),
                "8BITMIME", "ENHANCEDSTATUSCODES"]

    def help(self, tls_offered: bool) -> bytes:
        return render(PEER_DIALECT, "unknown")

    def max_size(self) -> int:
        return PEER_MAX_SIZE

    def tls_offered(self) -> bool:
        return self.spec.mode != "no-starttls"

    def starttls(self) -> TlsAnswer:
        mode = self.spec.mode
        if mode in ("no-esmtp", "no-starttls"):
            return TlsAnswer(refusal=NOT_IMPLEMENTED)
        if mode == "tls-garbage":
            return TlsAnswer(refusal=render(PEER_DIALECT, "starttls")
                             + b"this is not a TLS handshake\r\n", close=True)
        if mode == "tls-454" or self.tls is None:
            return TlsAnswer(refusal=f"{TLS_REFUSED}\r\n".encode())
        return TlsAnswer(context=self.tls)

    def tls_required(self) -> bool:
        return False

    def mail_parameters(self, text: str, esmtp: bool) -> Optional[bytes]:
        return None

    def message_limit(self) -> int:
        return 0

    def qualify(self, address: str) -> str:
        return address

    def rcpt_parameters(self, text: str) -> Optional[bytes]:
        return None

    def recipient_limit(self) -> int:
        return 0

    def check_recipient(self, address: str) -> Optional[Refusal]:
        return None

    def header_limit(self) -> int:
        return 0

    def hangs_up_after(self, verb: str) -> bool:
        return verb == "EHLO" and self.spec.mode == "drop"


class PeerSink:
    """The peer logs every line it receives and keeps each accepted message in its spool."""

    def __init__(self, factory: "PeerFactory"):
        self.factory = factory
        self.session: Optional[ServerProtocol] = None   # set when the machine is built

    def log(self, text: str) -> None:
        peer = self.session.transport.getPeer()
        self.factory.log(f"{self.factory.spec.name} {peer.host}:{peer.port} {text}")

    def opened(self) -> None:
        self.log("connected")

    def closed(self, greeted: bool, lost: bool) -> None:
        self.log("disconnected")

    def command(self, line: str) -> None:
        self.log(f"<<< {line}")

    def open_body(self, session: ServerProtocol, envelope: Envelope, limit: int) -> BodySink:
        return BodySink(Path(tempfile.gettempdir()) / f"asyncos-peer-{uuid.uuid4().hex}.eml",
                        b"", limit)

    def deliver(self, session: ServerProtocol, envelope: Envelope,
                body: ReceivedBody) -> tuple[bytes, bool]:
        # A lab peer keeps each message whole: lab messages are small, and its limit bounds them.
        data = body.data if body.data is not None else body.path.read_bytes()
        body.discard()
        sender, recipients = f"<{envelope.sender}>", [f"<{r}>" for r in envelope.recipients]
        number = self.factory.store((sender, recipients), data[:-2], session.tls_active)
        self.log(f"message {number} from {sender} to {', '.join(recipients)} "
                 f"{'over TLS' if session.tls_active else 'in clear text'}")
        return f"250 2.0.0 Ok: queued as {number}\r\n".encode(), True

    def begin(self, sender: str) -> int:
        return 0          # the message gets its number when it is stored

    def report_error(self, error: BaseException) -> None:
        self.log(f"error: {error}")

    # Events a peer does not log.
    def greeted(self, greeting: Greeting) -> None: ...
    def tls_started(self, protocol_name: str, cipher: str) -> None: ...
    def tls_failed(self, reason: Failure) -> None: ...
    def tls_required_refused(self) -> None: ...
    def receiving_failed(self, reason: str) -> None: ...
    def connection_time_exceeded(self) -> None: ...
    def recipient_accepted(self, envelope: Envelope, rid: int, address: str) -> None: ...
    def recipient_refused(self, envelope: Envelope, address: str, by: str) -> None: ...
    def aborted(self, envelope: Envelope) -> None: ...


class PeerFactory(protocol.Factory):
    def __init__(self, spec: PeerSpec, log=print, clock: Optional[IReactorTime] = None):
        self.spec, self._log, self.clock = spec, log, clock
        self.watchdog: Optional[Watchdog] = None   # made with the first connection
        self.tls = tls_options(spec)
        self.counter = itertools.count(1)
        if spec.spool:
            Path(spec.spool).mkdir(parents=True, exist_ok=True)

    def buildProtocol(self, addr) -> ServerProtocol:
        from twisted.internet import reactor
        if self.watchdog is None:
            self.watchdog = Watchdog(self.clock or reactor)
        sink = PeerSink(self)
        session = sink.session = ServerProtocol(PeerPolicy(self.spec, self.tls), sink,
                                                self.watchdog.clock, self.watchdog)
        session.factory = self
        return session

    def log(self, text: str) -> None:
        self._log(f"{dt.datetime.now():%Y-%m-%d %H:%M:%S} {text}")

    def store(self, envelope: tuple[str, list[str]], message: bytes, tls: bool) -> int:
        number = next(self.counter)
        if self.spec.spool:
            header = (f"X-Peer-Envelope: from={envelope[0]} to={','.join(envelope[1])} "
                      f"tls={'yes' if tls else 'no'}\r\n").encode()
            (Path(self.spec.spool) / f"{number:06d}.eml").write_bytes(header + message)
        return number


class PeerService:
    """A peer as a service of the composition root (lab files) or of ``asyncos-emulator peer``."""

    def __init__(self, spec: PeerSpec, log=print):
        self.spec, self.log = spec, log
        self.port = None

    def start(self) -> list[str]:
        from twisted.internet import reactor
        factory = PeerFactory(self.spec, self.log)
        self.port = reactor.listenTCP(self.spec.port, factory, interface=self.spec.address)
        bound = self.port.getHost()
        return [f"peer {self.spec.name} ({self.spec.mode}, {self.spec.hostname}) on "
                f"{bound.host}:{bound.port}"]

    def stop(self) -> Optional[defer.Deferred]:
        return self.port.stopListening() if self.port else None


# -- client mode ----------------------------------------------------------------------------------
SEND_TLS = ("none", "starttls", "no-shared-cipher")


class Conversation(smtplib.SMTP):
    """smtplib's client, printing the conversation to ``out``."""

    def __init__(self, out, **kwargs):
        self.out = out
        super().__init__(**kwargs)
        self.set_debuglevel(1)

    def _print_debug(self, *args) -> None:
        print(*args, file=self.out)

    def connect(self, host: str = "localhost", port: int = 0, source_address=None):
        self._host = host  # STARTTLS sends it as the SNI name
        return super().connect(host, port, source_address)


def send(host: str, port: int, sender: str, recipients: list[str], tls: str = "starttls",
         subject: str = "Lab test message", helo: str = "peer.example.net", out=sys.stdout) -> bool:
    """Send one message into an appliance, printing the conversation; True when accepted."""
    client = Conversation(out, timeout=30)
    try:
        client.connect(host, port)
        client.ehlo(helo)
        if tls != "none":
            context = ssl.create_default_context()
            context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
            if tls == "no-shared-cipher":
                context.maximum_version = ssl.TLSVersion.TLSv1_2
                context.set_ciphers("PSK")
            client.starttls(context=context)
            client.ehlo(helo)
        message = (f"From: <{sender}>\r\nTo: {', '.join(f'<{r}>' for r in recipients)}\r\n"
                   f"Subject: {subject}\r\nDate: {dt.datetime.now().astimezone():%a, %d %b %Y %H:%M:%S %z}\r\n"
                   f"Message-ID: <{dt.datetime.now().timestamp()}@{helo}>\r\n\r\nSent by the lab peer.\r\n")
        client.sendmail(sender, recipients, message)
        client.quit()
        return True
    except (smtplib.SMTPException, ssl.SSLError, OSError) as error:
        print(f"failed: {error}", file=out)
        return False


def mx_host(domain: str, server: str, port: int, out=sys.stdout) -> Optional[str]:
    """The address of ``domain``'s most preferred MX host, asked of the DNS server at
    ``server``:``port`` (printed as it goes); None when there is none."""
    import dns.exception
    import dns.resolver
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers, resolver.port, resolver.lifetime = [server], port, 10
    try:
        answer = sorted(resolver.resolve(domain, "MX"), key=lambda r: r.preference)
        best = answer[0]
        name = str(best.exchange).rstrip(".")
        address = str(resolver.resolve(name, "A")[0])
    except (dns.exception.DNSException, IndexError) as error:
        print(f"failed: no MX host for {domain}: {error}", file=out)
        return None
    print(f"MX {domain}: {best.preference} {name} ({address})", file=out)
    return address


# -- command line ---------------------------------------------------------------------------------
def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="asyncos-emulator peer", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="action", required=True)
    serve = sub.add_parser("serve", help="run a peer MTA")
    serve.add_argument("--listen", default="127.0.0.5:2525", help="ADDRESS:PORT (default 127.0.0.5:2525)")
    serve.add_argument("--mode", choices=MODES, default="good")
    serve.add_argument("--hostname", default="mx.example.net", help="the peer's host name")
    serve.add_argument("--ca", type=Path, help="lab CA directory (scripts/labca init DIR)")
    serve.add_argument("--spool", type=Path, help="keep received messages here")
    serve.add_argument("--delay", type=float, default=2.0, help="reply delay of the slow mode")
    client = sub.add_parser("send", help="send a message into an appliance")
    client.add_argument("--to", help="ADDRESS:PORT of the listener (default 127.0.0.1:10025, "
                                     "or the first recipient domain's MX with --dns)")
    client.add_argument("--dns", metavar="ADDRESS:PORT",
                        help="find the listener by MX through this DNS server (the lab's)")
    client.add_argument("--port", type=int, default=25,
                        help="SMTP port of the MX host with --dns (default 25)")
    client.add_argument("--tls", choices=SEND_TLS, default="starttls")
    client.add_argument("--from", dest="sender", default="peer@example.net")
    client.add_argument("--rcpt", action="append", default=[], help="recipient (repeatable)")
    client.add_argument("--subject", default="Lab test message")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse(argv)
    if args.action == "send":
        recipients = args.rcpt or ["user@example.com"]
        if args.dns and not args.to:
            server, _, dns_port = args.dns.rpartition(":")
            target = mx_host(recipients[0].rpartition("@")[2], server, int(dns_port))
            if target is None:
                return 1
            host, port = target, args.port
        else:
            host, _, text = (args.to or "127.0.0.1:10025").rpartition(":")
            port = int(text)
        ok = send(host, port, args.sender, recipients, args.tls, args.subject)
        return 0 if ok else 1
    address, _, port = args.listen.rpartition(":")
    if args.mode in CERT_MODES and args.ca is None:
        print(f"asyncos-emulator peer: mode {args.mode} needs --ca DIR", file=sys.stderr)
        return 2
    spec = PeerSpec("peer", address, int(port), args.mode, args.hostname, args.ca, args.spool,
                    args.delay)
    service = PeerService(spec, lambda text: print(text, flush=True))
    from twisted.internet import reactor
    failed = []

    def start() -> None:
        try:
            print("\n".join(service.start()), flush=True)
        except Exception as error:  # a port in use, an unreadable CA directory
            print(f"asyncos-emulator peer: cannot start: {error}", file=sys.stderr, flush=True)
            failed.append(error)
            reactor.stop()

    reactor.callWhenRunning(start)
    reactor.run()
    return 1 if failed else 0
