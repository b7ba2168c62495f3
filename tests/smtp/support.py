"""Running the SMTP core in the test process and talking to it with real clients (swaks,
openssl) run as subprocesses.

Twisted's TLS layer schedules its writes on the global reactor, so the tests install the asyncio
reactor once per process (as the emulator does) and run every test coroutine on its loop.

Also a small PKI (root CA, intermediate, leaves) made with ``cluster.x509`` for TLS tests.
"""
from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import re
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import AsyncIterator, Callable, Optional, Sequence

from twisted.internet import asyncioreactor

from cluster import model, x509
from cluster.session import ConfigSession
from smtp_core.core import MailCore
from smtp_core.service import MailService

import harness

HOST = "127.0.0.1"
TIMESTAMP = re.compile(r"^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4} ")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def edit(appliance, change: Callable[[ConfigSession], None], comment: str = "test") -> None:
    """Change the configuration the way a CLI session does: edit, then commit."""
    session = appliance.new_session("admin")
    change(session)
    session.commit(comment)


def make_appliance(state_dir: Path, change: Callable[[ConfigSession], None] | None = None,
                   **scenario):
    """The factory appliance with its listener on a free port, all mail routed to /dev/null,
    and ``change`` applied; ``scenario``: its knobs."""
    mail = RunningMail()
    appliance = dataclasses.replace(harness.make_appliance(state_dir, **scenario), mail=mail,
                                    logs=mail)
    port = free_port()

    def setup(session: ConfigSession) -> None:
        session.edit("listeners").listeners["IncomingMail"].port = port
        # No mail leaves the test: everything is delivered to /dev/null unless a test routes it.
        session.edit("smtproutes").routes[model.ROUTE_ALL] = model.SmtpRoute(
            model.ROUTE_ALL, [model.RouteDestination(model.ROUTE_DEVNULL)])
        if change is not None:
            change(session)
    edit(appliance, setup, "listener on a free port")
    return appliance


class RunningMail:
    """The shell's way to the SMTP core in these tests.  The composition root builds one mail
    service and gives the shell its core and log writer; here each ``running`` block builds a
    new service on the same appliance (a restart), so the shell reaches whichever ran last."""

    def __init__(self) -> None:
        self.core: Optional[MailCore] = None

    def write(self, log: str, message: str, level: str = "Info") -> None:
        if self.core is not None:
            self.core.writer.write(log, message, level)

    def __getattr__(self, name: str):
        return getattr(self.core, name)


def hold_mail(session: ConfigSession) -> None:
    """Route all mail to a closed port: messages stay in the queue (delayed)."""
    session.edit("smtproutes").routes[model.ROUTE_ALL] = model.SmtpRoute(
        model.ROUTE_ALL, [model.RouteDestination(HOST, closed_port())])


def closed_port() -> int:
    return free_port()   # nothing listens there once the probe socket is closed


def with_tls(level: str) -> Callable[[ConfigSession], None]:
    """A change: the relay policy's TLS setting (off, on, required)."""
    def change(session: ConfigSession) -> None:
        relay_policy(session).params.tls = level
    return change


def listener_port(appliance, name: str = "IncomingMail") -> int:
    return appliance.view().listeners.listeners[name].port


def relay_policy(session: ConfigSession) -> model.MailFlowPolicy:
    """The policy 127.0.0.1 gets (RELAYLIST -> $RELAYED)."""
    return session.edit("listeners").listeners["IncomingMail"].hat.policies["$RELAYED"]


def _reactor():
    if "twisted.internet.reactor" not in sys.modules:
        asyncioreactor.install(asyncio.new_event_loop())
    from twisted.internet import reactor
    if not isinstance(reactor, asyncioreactor.AsyncioSelectorReactor):
        raise RuntimeError("another Twisted reactor was installed before the SMTP tests ran")
    return reactor


def arun(coroutine):
    """Run a test coroutine on the loop the global (asyncio) reactor uses."""
    return _reactor()._asyncioEventloop.run_until_complete(coroutine)


@contextlib.asynccontextmanager
async def running(appliance) -> AsyncIterator[MailService]:
    service = MailService(appliance, _reactor())
    if isinstance(appliance.mail, RunningMail):
        appliance.mail.core = service.core
    appliance.lab.dispatch = asyncio.get_running_loop().call_soon_threadsafe
    service.start()
    try:
        yield service
    finally:
        await asyncio.sleep(0.1)   # let the last log lines and queue records reach the disk
        deferred = service.stop()
        await deferred.asFuture(asyncio.get_running_loop())
        service.core.spool.close()


async def run(*command: str, input: bytes = b"", timeout: float = 30) -> tuple[int, str]:
    """A client subprocess without blocking the loop; (exit status, stdout+stderr)."""
    process = await asyncio.create_subprocess_exec(
        *command, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT)
    out, _ = await asyncio.wait_for(process.communicate(input), timeout)
    return process.returncode, out.decode(errors="replace")


async def swaks(port: int, *args: str, to: str = "user@example.com",
                sender: str = "alice@sender.example") -> tuple[int, str]:
    return await run("swaks", "--server", f"{HOST}:{port}", "--to", to, "--from", sender,
                     "--timeout", "10", *args)


async def s_client(port: int, *args: str, input: bytes = b"QUIT\r\n") -> tuple[int, str]:
    return await run("openssl", "s_client", "-connect", f"{HOST}:{port}", "-starttls", "smtp",
                     "-servername", "localhost", *args, input=input)


async def until(condition: Callable[[], bool], timeout: float = 10) -> None:
    """Wait for a state of the delivery (not for a duration: the timeout only ends a hang)."""
    for _ in range(int(timeout / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the delivery never reached the expected state")


async def cli(appliance, line: str, typed=()) -> tuple[int, str]:
    """One command line as ``ssh host '<line>'`` (``typed``: answers typed afterwards)."""
    transcript = harness.Transcript(appliance)
    for answer in typed:
        transcript.terminal.feed(answer.encode() + b"\n")
    transcript.terminal.end_input()
    status = await transcript.cli.run_exec(line)
    return status, transcript.text.replace("\r\n", "\n")


def mail_log(service: MailService) -> list[str]:
    """The mail_logs lines after the file header, timestamps removed."""
    service.core.writer.flush()
    path = service.core.log_path("mail_logs")
    lines = path.read_text().splitlines()[3:]
    return [TIMESTAMP.sub("", line) for line in lines]


def masked(lines: Sequence[str]) -> list[str]:
    """Ids replaced by ``N`` so sequences compare line by line."""
    return [re.sub(r"\b(ICID|MID|DCID|RID) \d+", r"\1 N", line) for line in lines]


# -- a small PKI ------------------------------------------------------------------------------------
@dataclass
class Identity:
    key_pem: str
    certificate_pem: str
    chain_pem: list[str]

    def profile(self, name: str) -> model.CertificateProfile:
        return model.CertificateProfile(name=name, certificate_pem=self.certificate_pem,
                                        key_pem=self.key_pem, intermediates=list(self.chain_pem))


@dataclass
class PKI:
    root_pem: str
    root: object
    root_key: object
    inter: object
    inter_key: object

    @classmethod
    def create(cls) -> "PKI":
        root_key = x509.new_key(2048)
        root = x509.issue_certificate(x509.Subject("Lab Root CA").name(), root_key.public_key(),
                                      None, root_key, 3650, ca=True)
        inter_key = x509.new_key(2048)
        inter = x509.issue_certificate(x509.Subject("Lab Intermediate CA").name(),
                                       inter_key.public_key(), root, root_key, 3650, ca=True)
        return cls(x509.certificate_pem(root), root, root_key, inter, inter_key)

    def server_context(self, folder: Path, name: str = "mx.example.net"):
        """A Python ``ssl`` server context with a leaf for ``name`` (and 127.0.0.1) and its
        chain, for receiving MTAs in tests."""
        import ssl
        ident = self.leaf(name, dns=[name], ips=["127.0.0.1"])
        pem = Path(folder) / f"{name}.pem"
        pem.write_text(ident.key_pem + ident.certificate_pem + "".join(ident.chain_pem))
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(str(pem))
        return context

    def leaf(self, name: str, dns: Sequence[str] = (), ips: Sequence[str] = (),
             self_signed: bool = False) -> Identity:
        key = x509.new_key(2048)
        if self_signed:
            cert = x509.issue_certificate(x509.Subject(name).name(), key.public_key(), None, key,
                                          365, dns_names=dns, ips=ips)
            return Identity(x509.private_key_pem(key), x509.certificate_pem(cert), [])
        cert = x509.issue_certificate(x509.Subject(name).name(), key.public_key(), self.inter,
                                      self.inter_key, 365, dns_names=dns, ips=ips)
        return Identity(x509.private_key_pem(key), x509.certificate_pem(cert),
                        [x509.certificate_pem(self.inter)])
