"""An SMTP client connection driven by coroutines: ``await conn.command("EHLO x")``.

Our own small protocol instead of ``ESMTPSenderFactory`` (smtp.md §3.3): one connection per
attempt and no hidden retries, STARTTLS decided by the caller (the destination's TLS setting),
and the handshake's outcome reported exactly so the caller can log and fall back (or not) as the
appliance does.  What to say and when is ``outbound.ClientSession``'s business; this module only
carries lines and replies (``ReplyParser`` is shared with ``tlscheck``'s blocking socket).
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import AsyncIterator, Optional

from OpenSSL import SSL
from twisted.internet import defer, error as net_error, protocol
from twisted.internet.endpoints import TCP4ClientEndpoint, TCP6ClientEndpoint, connectProtocol
from twisted.internet.interfaces import (IDelayedCall, IHandshakeListener, IPushProducer,
                                         IReactorTime)
from twisted.internet.ssl import CertificateOptions
from twisted.python.failure import Failure
from zope.interface import implementer

from . import tls

REPLY_TIMEOUT = 300.0
HANDSHAKE_TIMEOUT = 60.0
CONNECT_TIMEOUT = 30.0
MAX_REPLY_LINES = 100
MAX_LINE = 65536


class SMTPClientError(Exception):
    """The connection failed or broke; ``details`` is the AsyncOS ``details:`` text."""

    def __init__(self, details: str, reason: str = "network error"):
        super().__init__(details)
        self.details, self.reason = details, reason


class TLSHandshakeError(SMTPClientError):
    pass


class UnexpectedReply(SMTPClientError):
    """The server answered, but not as the conversation can go on (a banner that is not 220,
    HELO refused)."""

    def __init__(self, details: str):
        super().__init__(details, "unexpected SMTP response")


@dataclass
class Reply:
    code: int
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    @property
    def kind(self) -> int:
        return self.code // 100

    def details(self) -> str:
        """``454-'TLS not available due to temporary reason'`` (seed-summary §8.4)."""
        return f"{self.code}-{self.text!r}"

    def wire(self) -> list[str]:
        """The reply's lines as they came over the wire (``250-first``, ``250 last``)."""
        last = len(self.lines) - 1
        return [f"{self.code}{'-' if index < last else ' '}{line}" if line
                else str(self.code) for index, line in enumerate(self.lines)]


class NotSMTP(Exception):
    """The peer sent a line that is not an SMTP reply (or a reply too long to be one);
    ``replies`` are the whole replies that came before it in the same data."""

    def __init__(self, line: str, replies: list[Reply]):
        super().__init__(line)
        self.line, self.replies = line, replies


class ReplyParser:
    """Bytes in, replies out: the reply grammar of RFC 5321 §4.2, apart from any transport
    (the Twisted connection and ``tlscheck``'s blocking socket both feed it)."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._lines: list[str] = []

    def feed(self, data: bytes) -> list[Reply]:
        """The replies ``data`` completes; NotSMTP when the peer is not speaking SMTP."""
        self._buffer += data
        replies = []
        while True:
            end = self._buffer.find(b"\n")
            if end < 0:
                if len(self._buffer) > MAX_LINE:
                    raise NotSMTP(bytes(self._buffer[:80]).decode("utf-8", "replace"), replies)
                return replies
            raw = bytes(self._buffer[:end]).rstrip(b"\r").decode("utf-8", "replace")
            del self._buffer[:end + 1]
            code = raw[:3]
            if not code.isdigit() or len(self._lines) > MAX_REPLY_LINES:
                raise NotSMTP(raw, replies)
            self._lines.append(raw[4:])
            if raw[3:4] != "-":
                replies.append(Reply(int(code), self._lines))
                self._lines = []


class _Expired(Exception):
    """A wait outlived its timeout (the clock's timer fired first)."""


@implementer(IHandshakeListener)
class ClientProtocol(protocol.Protocol):
    """The SMTP client's side of one connection: replies as they arrive, commands, STARTTLS.
    Timeouts run on ``clock`` (the reactor; ``task.Clock`` in tests)."""

    def __init__(self, clock: IReactorTime) -> None:
        self.clock = clock
        self._parser = ReplyParser()
        self._replies: list[Reply] = []
        self._waiter: Optional[asyncio.Future] = None
        self._handshake: Optional[asyncio.Future] = None
        self._watched: Optional[asyncio.Future] = None   # the wait the watchdog guards
        self._deadline = 0.0
        self._watchdog: Optional[IDelayedCall] = None
        self.lost: Optional[Failure] = None
        self.closing = False
        self._flow: Optional[_Flow] = None     # while a body is being written

    # -- Twisted side ----------------------------------------------------------------------------
    def dataReceived(self, data: bytes) -> None:
        try:
            replies = self._parser.feed(data)
        except NotSMTP as error:
            replies = error.replies
            self.transport.abortConnection()
        if replies:
            self._replies += replies
            self._wake()

    def handshakeCompleted(self) -> None:
        if self._handshake is not None and not self._handshake.done():
            self._handshake.set_result(None)

    def connectionLost(self, reason: Failure = protocol.connectionDone) -> None:
        self.lost = reason
        if self._watchdog is not None and self._watchdog.active():
            self._watchdog.cancel()
        self._wake()
        if self._flow is not None:
            self._flow.stopProducing()
        if self._handshake is not None and not self._handshake.done():
            self._handshake.set_exception(TLSHandshakeError(tls.failure_detail(reason)))

    def _wake(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)

    # -- coroutine side ----------------------------------------------------------------------------
    async def _wait(self, waiter: asyncio.Future, timeout: float) -> None:
        """``waiter``'s outcome; _Expired (and the connection aborted) after ``timeout``.

        One timer per connection guards every wait: it is moved only when a wait must end
        sooner than it would fire, and when it fires it looks at the deadline of the wait then
        under way (a timer made and cancelled for each reply cost more than the rest of the
        wait: bench_smtp's outbound run)."""
        self._deadline = deadline = self.clock.seconds() + timeout
        self._watched = waiter
        watchdog = self._watchdog
        if watchdog is None or not watchdog.active() or watchdog.getTime() > deadline:
            if watchdog is not None and watchdog.active():
                watchdog.cancel()
            self._watchdog = self.clock.callLater(timeout, self._watch)
        try:
            await waiter
        except _Expired:
            self.transport.abortConnection()
            raise
        finally:
            self._watched = None

    def _watch(self) -> None:
        self._watchdog = None
        waiter = self._watched
        if waiter is None or waiter.done():
            return                      # nothing waits now: the next wait sets a timer
        remaining = self._deadline - self.clock.seconds()
        if remaining > 0:
            self._watchdog = self.clock.callLater(remaining, self._watch)
        else:
            waiter.set_exception(_Expired())

    async def reply(self, timeout: float = REPLY_TIMEOUT) -> Reply:
        while not self._replies:
            if self.lost is not None:
                raise SMTPClientError(_lost_detail(self.lost))
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._wait(self._waiter, timeout)
            except _Expired:
                raise SMTPClientError("timeout", "timeout") from None
        return self._replies.pop(0)

    async def command(self, line: str, timeout: float = REPLY_TIMEOUT) -> Reply:
        self.send(line)
        return await self.reply(timeout)

    def send(self, line: str) -> None:
        if self.lost is None:
            self.transport.write(line.encode("utf-8") + b"\r\n")

    async def send_stream(self, pieces: AsyncIterator[bytes],
                          timeout: float = REPLY_TIMEOUT) -> None:
        """Write ``pieces`` as the transport takes them: while its buffer is full (it pauses us,
        its producer) the next piece waits, up to ``timeout``; a body is never written whole."""
        flow = self._flow = _Flow()
        self.transport.registerProducer(flow, True)
        try:
            async for piece in pieces:
                if self.lost is not None:
                    raise SMTPClientError(_lost_detail(self.lost))
                self.transport.write(piece)
                if flow.paused:
                    flow.waiter = asyncio.get_running_loop().create_future()
                    try:
                        await self._wait(flow.waiter, timeout)
                    except _Expired:
                        raise SMTPClientError("timeout", "timeout") from None
        finally:
            self._flow = None
            if self.lost is None:
                self.transport.unregisterProducer()

    async def start_tls(self, context: CertificateOptions,
                        timeout: float = HANDSHAKE_TIMEOUT) -> tuple[str, str]:
        """Handshake as the client; returns (protocol, cipher) or raises TLSHandshakeError."""
        if self.lost is not None:
            raise TLSHandshakeError(_lost_detail(self.lost))
        self._handshake = asyncio.get_running_loop().create_future()
        self.transport.startTLS(context)
        try:
            await self._wait(self._handshake, timeout)
        except _Expired:
            raise TLSHandshakeError("timeout") from None
        return tls.negotiated(self.transport.getHandle())

    @property
    def ssl_connection(self) -> SSL.Connection:
        return self.transport.getHandle()

    @property
    def is_open(self) -> bool:
        return self.lost is None

    def local_address(self) -> str:
        return self.transport.getHost().host

    def close(self) -> None:
        self.closing = True
        if self.lost is None:
            self.transport.loseConnection()

    def abort(self) -> None:
        self.closing = True
        if self.lost is None:
            self.transport.abortConnection()


@implementer(IPushProducer)
class _Flow:
    """The transport's say on whether more of a body may be written now."""

    def __init__(self) -> None:
        self.paused = False
        self.waiter: Optional[asyncio.Future] = None   # the writer, while paused

    def pauseProducing(self) -> None:
        self.paused = True

    def resumeProducing(self) -> None:
        self.paused = False
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(None)

    def stopProducing(self) -> None:
        self.resumeProducing()    # the connection is gone: the writer finds out and stops


async def connect(reactor, address: str, port: int, source: Optional[str],
                  timeout: float = CONNECT_TIMEOUT) -> ClientProtocol:
    """Open a TCP connection from ``source`` (when that address is usable) to ``address``."""
    endpoint_type = TCP6ClientEndpoint if ":" in address else TCP4ClientEndpoint

    async def attempt(bind) -> ClientProtocol:
        kwargs = {"bindAddress": (bind, 0)} if bind else {}
        endpoint = endpoint_type(reactor, address, port, timeout=timeout, **kwargs)
        deferred = connectProtocol(endpoint, ClientProtocol(reactor))
        return await deferred.asFuture(asyncio.get_running_loop())

    try:
        try:
            return await attempt(source)
        except net_error.ConnectBindError:
            if not source:
                raise
            return await attempt(None)  # the configured interface is not on this host
    except defer.CancelledError:
        raise SMTPClientError("timeout", "timeout") from None
    except net_error.TimeoutError:
        raise SMTPClientError("timeout", "timeout") from None
    except net_error.ConnectError as failure:
        raise SMTPClientError(_os_detail(failure)) from None


def _os_detail(error: Exception) -> str:
    os_error = getattr(error, "osError", None)
    if isinstance(os_error, int):
        import os
        return f"[Errno {os_error}] {os.strerror(os_error)}"
    return str(error.args[0] if error.args else error) or type(error).__name__


def _lost_detail(reason: Failure) -> str:
    if reason.check(net_error.ConnectionDone):
        return "EOF"
    return reason.getErrorMessage()
