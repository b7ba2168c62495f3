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
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from OpenSSL import crypto
from twisted.internet import defer, protocol
from twisted.internet import ssl as tssl
from twisted.protocols.basic import LineReceiver

from cluster import x509

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


class PeerProtocol(LineReceiver):
    delimiter = b"\r\n"
    MAX_LENGTH = 1 << 20

    def __init__(self, factory: "PeerFactory"):
        self.factory = factory
        self.spec = factory.spec
        self.tls = False
        self.data: Optional[list[bytes]] = None
        # (reverse path, recipients) once MAIL was given
        self.envelope: Optional[tuple[str, list[str]]] = None

    def log(self, text: str) -> None:
        peer = self.transport.getPeer()
        self.factory.log(f"{self.spec.name} {peer.host}:{peer.port} {text}")

    def reply(self, *lines: str) -> None:
        text = "".join(f"{line}\r\n" for line in lines).encode()
        if self.spec.mode == "slow":
            from twisted.internet import reactor
            reactor.callLater(self.spec.delay, self.transport.write, text)
        else:
            self.transport.write(text)

    def connectionMade(self) -> None:
        self.log("connected")
        self.reply(f"220 {self.spec.hostname} ESMTP lab peer ({self.spec.mode})")

    def connectionLost(self, reason=None) -> None:
        self.log("disconnected")

    def lineReceived(self, line: bytes) -> None:
        if self.data is not None:
            return self.data_line(line)
        text = line.decode("utf-8", "replace")
        self.log(f"<<< {text}")
        verb = text.split(" ", 1)[0].upper()
        handler = getattr(self, f"smtp_{verb}", None)
        if handler is None:
            self.reply("502 5.5.2 Error: command not recognized")
        else:
            handler(text[len(verb):].strip())

    def smtp_EHLO(self, argument: str) -> None:
        if self.spec.mode == "no-esmtp":
            self.reply("502 5.5.2 Error: command not recognized")
            return
        features = ["PIPELINING", "SIZE 52428800", "8BITMIME", "ENHANCEDSTATUSCODES"]
        if not self.tls and self.spec.mode != "no-starttls":
            features.insert(2, "STARTTLS")
        lines = [self.spec.hostname, *features]
        self.reply(*[f"250-{t}" for t in lines[:-1]], f"250 {lines[-1]}")
        if self.spec.mode == "drop":
            self.transport.loseConnection()

    def smtp_HELO(self, argument: str) -> None:
        self.reply(f"250 {self.spec.hostname}")

    def smtp_STARTTLS(self, argument: str) -> None:
        mode = self.spec.mode
        if self.tls or mode in ("no-esmtp", "no-starttls"):
            self.reply("502 5.5.1 Error: command not implemented")
        elif mode == "tls-454":
            self.reply(TLS_REFUSED)
        elif mode == "tls-garbage":
            self.reply("220 2.0.0 Ready to start TLS")
            self.transport.write(b"this is not a TLS handshake\r\n")
            self.transport.loseConnection()
        elif self.factory.tls is None:
            self.reply(TLS_REFUSED)
        else:
            self.reply("220 2.0.0 Ready to start TLS")
            self.transport.startTLS(self.factory.tls)
            self.tls = True
            self.envelope = None

    def smtp_MAIL(self, argument: str) -> None:
        self.envelope = (_path(argument), [])
        self.reply("250 2.1.0 Ok")

    def smtp_RCPT(self, argument: str) -> None:
        if self.envelope is None:
            self.reply("503 5.5.1 Error: need MAIL command")
            return
        self.envelope[1].append(_path(argument))
        self.reply("250 2.1.5 Ok")

    def smtp_DATA(self, argument: str) -> None:
        if self.envelope is None or not self.envelope[1]:
            self.reply("503 5.5.1 Error: need RCPT command")
            return
        self.data = []
        self.reply("354 End data with <CR><LF>.<CR><LF>")

    def data_line(self, line: bytes) -> None:
        if line != b".":
            self.data.append(line[1:] if line.startswith(b"..") else line)
            return
        number = self.factory.store(self.envelope, self.data, self.tls)
        self.log(f"message {number} from {self.envelope[0]} to {', '.join(self.envelope[1])} "
                 f"{'over TLS' if self.tls else 'in clear text'}")
        self.data, self.envelope = None, None
        self.reply(f"250 2.0.0 Ok: queued as {number}")

    def smtp_RSET(self, argument: str) -> None:
        self.envelope = None
        self.reply("250 2.0.0 Ok")

    def smtp_NOOP(self, argument: str) -> None:
        self.reply("250 2.0.0 Ok")

    def smtp_QUIT(self, argument: str) -> None:
        self.reply("221 2.0.0 Bye")
        self.transport.loseConnection()


def _path(argument: str) -> str:
    """The ``<address>`` of ``FROM:<a@b> SIZE=12``, without the ESMTP parameters."""
    text = argument.partition(":")[2].strip()
    if text.startswith("<") and ">" in text:
        return text[:text.index(">") + 1]
    return text.split(" ")[0]


class PeerFactory(protocol.Factory):
    def __init__(self, spec: PeerSpec, log=print):
        self.spec, self._log = spec, log
        self.tls = tls_options(spec)
        self.counter = itertools.count(1)
        if spec.spool:
            Path(spec.spool).mkdir(parents=True, exist_ok=True)

    def buildProtocol(self, addr) -> PeerProtocol:
        return PeerProtocol(self)

    def log(self, text: str) -> None:
        self._log(f"{dt.datetime.now():%Y-%m-%d %H:%M:%S} {text}")

    def store(self, envelope: tuple[str, list[str]], lines: list[bytes], tls: bool) -> int:
        number = next(self.counter)
        if self.spec.spool:
            header = (f"X-Peer-Envelope: from={envelope[0]} to={','.join(envelope[1])} "
                      f"tls={'yes' if tls else 'no'}\r\n").encode()
            (Path(self.spec.spool) / f"{number:06d}.eml").write_bytes(header + b"\r\n".join(lines))
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
