"""A STARTTLS probe for ``scripts/checktls``: the delivery client's conversation
(``outbound.ClientSession``) over a blocking socket, recording the dialogue the way CheckTLS
prints it and keeping the server's certificate chain without verifying it (verification is
``cluster.x509``'s job, so the report can say what is wrong).

``BlockingConnection`` is an ``outbound.Connection`` whose awaits finish before they return (a
blocking read or handshake), so the conversation's coroutine runs to its end in one step
(``run_blocking``) without an event loop: the script needs no reactor, and the SMTP dialogue is
the one delivery and ``tlsverify`` speak.
"""
from __future__ import annotations

import socket
import struct
import time
from dataclasses import dataclass, field
from typing import Coroutine, Optional, TypeVar

from cryptography import x509
from OpenSSL import SSL

from .client import (REPLY_TIMEOUT, NotSMTP, Reply, ReplyParser, SMTPClientError,
                     TLSHandshakeError, UnexpectedReply)
from .outbound import ClientSession, TLSContext, TLSPolicyFailure, TLSRule
from .tls import Verification

# STARTTLS must work; the certificate is checked by the report, not by the conversation.
PROBE_RULE = TLSRule(starttls=True, required=True)
T = TypeVar("T")


@dataclass
class Probe:
    """What happened: ``lines`` to print (the certificate report goes after line
    ``handshake_line``), and the TLS facts when the handshake succeeded."""
    lines: list[str] = field(default_factory=list)
    starttls_offered: bool = False
    tls: bool = False
    protocol: str = ""
    cipher: str = ""
    chain: list[x509.Certificate] = field(default_factory=list)
    handshake_line: int = -1
    error: Optional[str] = None


class _Failed(Exception):
    pass


class Transcript:
    """The probe's lines, each stamped with the seconds since the probe started."""

    def __init__(self, probe: Probe, start: float):
        self.probe, self.start = probe, start

    def note(self, text: str) -> None:
        self.probe.lines.append(f"[{time.monotonic() - self.start:07.3f}]{text}")


class BlockingConnection:
    """``outbound.Connection`` on a blocking socket (timeouts are the socket's own)."""

    def __init__(self, sock: socket.socket, transcript: Transcript, server_name: str):
        self.sock, self.transcript, self.server_name = sock, transcript, server_name
        self.tls: Optional[SSL.Connection] = None
        self._parser = ReplyParser()
        self._replies: list[Reply] = []
        self._not_smtp: Optional[str] = None    # the line that ended the SMTP dialogue
        self._open = True

    @property
    def is_open(self) -> bool:
        return self._open

    @property
    def ssl_connection(self) -> SSL.Connection:
        return self.tls

    def _recv(self) -> bytes:
        try:
            data = self.tls.recv(4096) if self.tls else self.sock.recv(4096)
        except SSL.ZeroReturnError:
            data = b""
        except (OSError, SSL.Error) as error:
            self._open = False
            raise SMTPClientError(f"Connection lost: {error or 'timed out'}") from error
        if not data:
            self._open = False
            raise SMTPClientError("Connection closed by the server")
        return data

    async def reply(self, timeout: float = REPLY_TIMEOUT) -> Reply:
        """One (possibly multi-line) reply; noted with its first line marked ``<--``."""
        while not self._replies:
            if self._not_smtp is not None:
                self.transcript.note(f"<-- {self._not_smtp}")
                raise SMTPClientError("The server's reply is not SMTP")
            try:
                self._replies += self._parser.feed(self._recv())
            except NotSMTP as error:     # the replies before it still count
                self._replies += error.replies
                self._not_smtp = error.line
        reply = self._replies.pop(0)
        self.transcript.note("<-- " + "\n".join(reply.wire()))
        return reply

    async def command(self, line: str, timeout: float = REPLY_TIMEOUT) -> Reply:
        self.transcript.note(f" -->{line}")
        self.write(line.encode() + b"\r\n")
        return await self.reply(timeout)

    def write(self, data: bytes) -> None:
        (self.tls or self.sock).sendall(data)

    async def start_tls(self, context: TLSContext) -> tuple[str, str]:
        conn = SSL.Connection(context, self.sock)
        conn.set_tlsext_host_name(self.server_name.encode("idna"))
        conn.set_connect_state()
        try:
            conn.do_handshake()
        except (SSL.Error, OSError) as error:
            raise TLSHandshakeError(str(error)) from error
        self.tls = conn
        return conn.get_protocol_version_name(), conn.get_cipher_name()

    def close(self) -> None:
        self._open = False   # the probe closes the socket


class ProbePolicy:
    """``outbound.ClientPolicy``: our EHLO name, STARTTLS required, no verification (the
    report checks the chain it keeps)."""

    def __init__(self, ehlo: str):
        self.ehlo = ehlo

    def helo_name(self) -> str:
        return self.ehlo

    def tls_rule(self) -> TLSRule:
        return PROBE_RULE

    def tls_context(self) -> TLSContext:
        context = SSL.Context(SSL.TLS_CLIENT_METHOD)
        context.set_verify(SSL.VERIFY_NONE, lambda *args: True)
        return context

    def verify(self, connection: SSL.Connection) -> Verification:
        return Verification(False, "not checked here")   # PROBE_RULE never asks


class ProbeSink:
    """``outbound.ClientSink``: CheckTLS's notes, and the TLS facts for the report."""

    def __init__(self, probe: Probe, transcript: Transcript, connection: BlockingConnection):
        self.probe, self.transcript, self.connection = probe, transcript, connection
        self.failure = ""

    def tls_not_offered(self) -> None:
        self.failure = "TLS is not an option on this server"

    def starttls_refused(self, reply: Reply) -> None:
        self.failure = f"STARTTLS command failed: {reply.wire()[-1]}"

    def starttls_accepted(self) -> None:
        self.transcript.note(" STARTTLS command works on this server")

    def tls_failed(self, detail: str) -> None:
        self.failure = f"Cannot convert connection to SSL: {detail}"

    def tls_started(self, protocol: str, cipher: str,
                    verification: Optional[Verification]) -> None:
        result = self.probe
        result.tls, result.protocol, result.cipher = True, protocol, cipher
        chain = self.connection.ssl_connection.get_peer_cert_chain() or []
        result.chain = [c.to_cryptography() for c in chain]
        self.transcript.note(" Connection converted to SSL")
        result.handshake_line = len(result.lines)


def run_blocking(coroutine: Coroutine[object, None, T]) -> T:
    """The result of a coroutine that never suspends (every await it makes is blocking I/O)."""
    try:
        coroutine.send(None)
    except StopIteration as done:
        return done.value
    coroutine.close()
    raise RuntimeError("the probe's conversation waited for an event loop")


def _set_timeouts(sock: socket.socket, seconds: float) -> None:
    """Blocking reads and writes that give up after ``seconds`` (pyOpenSSL needs a blocking
    socket, so ``settimeout`` cannot be used)."""
    value = struct.pack("ll", int(seconds), int((seconds % 1) * 1_000_000))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, value)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, value)


def probe(host: str, port: int = 25, *, ehlo: str = "checktls.local",
          server_name: Optional[str] = None, mail_from: Optional[str] = "test@checktls.local",
          timeout: float = 10.0) -> Probe:
    """Connect, EHLO, STARTTLS, handshake (no verification), EHLO again, MAIL FROM, QUIT."""
    result = Probe()
    start = time.monotonic()
    result.lines.append(f"[{0:07.3f}] Trying {host}:{port}")
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except OSError as error:
        result.error = f"Cannot connect to {host}:{port}: {error.strerror or error}"
        result.lines.append(f"[{time.monotonic() - start:07.3f}] {result.error}")
        return result
    transcript = Transcript(result, start)
    connection = BlockingConnection(sock, transcript, server_name or host)
    sink = ProbeSink(result, transcript, connection)
    session = ClientSession(connection, ProbePolicy(ehlo), sink, host)
    try:
        sock.settimeout(None)
        _set_timeouts(sock, timeout)
        transcript.note(" Connected to server")
        run_blocking(_dialogue(session, sink, transcript, mail_from))
    except SMTPClientError as error:
        result.error = error.details
        transcript.note(f" {result.error}")
    except _Failed as failure:
        result.error = str(failure)
        transcript.note(f" {result.error}")
    finally:
        sock.close()
    return result


async def _dialogue(session: ClientSession, sink: ProbeSink, transcript: Transcript,
                    mail_from: Optional[str]) -> None:
    try:
        await session.greet()
    except UnexpectedReply as error:
        raise _Failed("The server does not accept connections") from error
    extensions = await session.ehlo()
    if extensions is None:
        raise _Failed("The server does not speak ESMTP")
    transcript.note(" We can use this server")
    sink.probe.starttls_offered = "STARTTLS" in extensions
    if not sink.probe.starttls_offered:
        raise _Failed("TLS is not an option on this server")
    transcript.note(" TLS is an option on this server")
    try:
        await session.secure()
    except TLSPolicyFailure as failure:
        raise _Failed(sink.failure) from failure
    if await session.ehlo() is None:
        raise _Failed("EHLO after STARTTLS failed")
    transcript.note(" TLS successfully started on this server")
    if mail_from is not None:
        answer = await session.connection.command(f"MAIL FROM:<{mail_from}>")
        transcript.note(" Sender is OK" if answer.code == 250 else " Sender was rejected")
    await session.quit()
