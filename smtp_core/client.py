"""An SMTP client connection driven by coroutines: ``await conn.command("EHLO x")``.

Our own small protocol instead of ``ESMTPSenderFactory`` (smtp.md §3.3): one connection per
attempt and no hidden retries, STARTTLS decided by the caller (the destination's TLS setting),
and the handshake's outcome reported exactly so the caller can log and fall back (or not) as the
appliance does.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import AsyncIterator, Optional

from twisted.internet import defer, error as net_error, protocol
from twisted.internet.endpoints import TCP4ClientEndpoint, TCP6ClientEndpoint, connectProtocol
from twisted.internet.interfaces import IHandshakeListener, IPushProducer
from twisted.python.failure import Failure
from zope.interface import implementer

from . import tls
from .wire import DotStuffer

REPLY_TIMEOUT = 300.0
CONNECT_TIMEOUT = 30.0
MAX_REPLY_LINES = 100


class SMTPClientError(Exception):
    """The connection failed or broke; ``details`` is the AsyncOS ``details:`` text."""

    def __init__(self, details: str, reason: str = "network error"):
        super().__init__(details)
        self.details, self.reason = details, reason


class TLSHandshakeError(SMTPClientError):
    pass


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


@implementer(IHandshakeListener)
class ClientProtocol(protocol.Protocol):
    def __init__(self) -> None:
        self._buffer = bytearray()
        self._lines: list[str] = []
        self._replies: list[Reply] = []
        self._waiter: Optional[asyncio.Future] = None
        self._handshake: Optional[asyncio.Future] = None
        self.lost: Optional[Failure] = None
        self.closing = False
        self._flow: Optional[_Flow] = None     # while a body is being sent

    # -- Twisted side ----------------------------------------------------------------------------
    def dataReceived(self, data: bytes) -> None:
        self._buffer += data
        while True:
            end = self._buffer.find(b"\n")
            if end < 0:
                if len(self._buffer) > 65536:
                    self.transport.abortConnection()
                return
            raw = bytes(self._buffer[:end]).rstrip(b"\r").decode("utf-8", "replace")
            del self._buffer[:end + 1]
            self._line(raw)

    def _line(self, raw: str) -> None:
        code = raw[:3]
        if not code.isdigit() or len(self._lines) > MAX_REPLY_LINES:
            self.transport.abortConnection()
            return
        self._lines.append(raw[4:])
        if raw[3:4] != "-":
            self._replies.append(Reply(int(code), self._lines))
            self._lines = []
            self._wake()

    def handshakeCompleted(self) -> None:
        if self._handshake is not None and not self._handshake.done():
            self._handshake.set_result(None)

    def connectionLost(self, reason: Failure = protocol.connectionDone) -> None:
        self.lost = reason
        self._wake()
        if self._flow is not None:
            self._flow.stopProducing()
        if self._handshake is not None and not self._handshake.done():
            self._handshake.set_exception(TLSHandshakeError(tls.failure_detail(reason)))

    def _wake(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)

    # -- coroutine side ----------------------------------------------------------------------------
    async def reply(self, timeout: float = REPLY_TIMEOUT) -> Reply:
        while not self._replies:
            if self.lost is not None:
                raise SMTPClientError(_lost_detail(self.lost))
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await asyncio.wait_for(self._waiter, timeout)
            except asyncio.TimeoutError:
                self.transport.abortConnection()
                raise SMTPClientError("timeout", "timeout") from None
        return self._replies.pop(0)

    async def command(self, line: str, timeout: float = REPLY_TIMEOUT) -> Reply:
        self.send(line)
        return await self.reply(timeout)

    def send(self, line: str) -> None:
        if self.lost is None:
            self.transport.write(line.encode("utf-8") + b"\r\n")

    async def send_data(self, body: AsyncIterator[bytes]) -> None:
        """The message after DATA's 354: dot-stuffed, ended by ``CRLF.CRLF``, written piece by
        piece as the transport takes it (it pauses us while its buffer is full), never whole."""
        self._flow = flow = _Flow()
        stuffer = DotStuffer()
        self.transport.registerProducer(flow, True)
        try:
            async for piece in body:
                if self.lost is not None:
                    raise SMTPClientError(_lost_detail(self.lost))
                self.transport.write(stuffer.feed(piece))
                if not await flow.writable(REPLY_TIMEOUT):
                    self.transport.abortConnection()     # the peer stopped reading
                    raise SMTPClientError("timeout", "timeout")
            if self.lost is None:
                self.transport.write(stuffer.end())
        finally:
            self._flow = None
            if self.lost is None:
                self.transport.unregisterProducer()

    async def start_tls(self, context, timeout: float = 60.0) -> tuple[str, str]:
        """Handshake as the client; returns (protocol, cipher) or raises TLSHandshakeError."""
        if self.lost is not None:
            raise TLSHandshakeError(_lost_detail(self.lost))
        self._handshake = asyncio.get_running_loop().create_future()
        self.transport.startTLS(context)
        try:
            await asyncio.wait_for(self._handshake, timeout)
        except asyncio.TimeoutError:
            self.transport.abortConnection()
            raise TLSHandshakeError("timeout") from None
        return tls.negotiated(self.transport.getHandle())

    @property
    def ssl_connection(self):
        return self.transport.getHandle()

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
        self._open = asyncio.Event()
        self._open.set()

    async def writable(self, timeout: float) -> bool:
        """False when the transport stayed full for ``timeout`` seconds."""
        if not self._open.is_set():
            try:
                await asyncio.wait_for(self._open.wait(), timeout)
            except asyncio.TimeoutError:
                return False
        return True

    def pauseProducing(self) -> None:
        self._open.clear()

    def resumeProducing(self) -> None:
        self._open.set()

    def stopProducing(self) -> None:
        self._open.set()       # the connection is gone: the writer finds out and stops


async def connect(reactor, address: str, port: int, source: Optional[str],
                  timeout: float = CONNECT_TIMEOUT) -> ClientProtocol:
    """Open a TCP connection from ``source`` (when that address is usable) to ``address``."""
    endpoint_type = TCP6ClientEndpoint if ":" in address else TCP4ClientEndpoint

    async def attempt(bind) -> ClientProtocol:
        kwargs = {"bindAddress": (bind, 0)} if bind else {}
        endpoint = endpoint_type(reactor, address, port, timeout=timeout, **kwargs)
        deferred = connectProtocol(endpoint, ClientProtocol())
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
