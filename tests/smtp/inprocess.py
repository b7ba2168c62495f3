"""The appliance's real listener -- ``MailCore``, the listener's policy and sink, the protocol
machine -- on ``StringTransport`` and ``task.Clock``: the whole inbound path (HAT, RAT, logs, the
durable queue) without a socket, and timers without sleeping.

Runs on the test process's asyncio loop (``support.arun``): the greeting and the queue's fsync
are awaited there; ``Connection.reply`` waits for the machine's next complete reply.
"""
from __future__ import annotations

import asyncio
import contextlib
import time
from typing import AsyncIterator

from twisted.internet import task
from twisted.internet.address import IPv4Address
from twisted.internet.error import ConnectionDone
from twisted.internet.testing import StringTransport
from twisted.python.failure import Failure

from smtp_core.core import MailCore
from smtp_core.server import ListenerFactory

from .support import TIMESTAMP

WAIT = 10.0


class Transport(StringTransport):
    """A connection's far end: it records a STARTTLS context instead of starting TLS."""

    def __init__(self, peer: str):
        super().__init__(peerAddress=IPv4Address("TCP", peer, 40000))
        self.tls_context = None

    def startTLS(self, context) -> None:
        self.tls_context = context


class Connection:
    def __init__(self, factory: ListenerFactory, peer: str):
        self.transport = Transport(peer)
        self.machine = factory.buildProtocol(None)
        self.machine.makeConnection(self.transport)
        self._read = 0

    def send(self, data: bytes) -> None:
        self.machine.dataReceived(data)

    async def reply(self) -> str:
        """The next whole reply (lines joined by LF), or "" when the connection closes first."""
        deadline = time.monotonic() + WAIT
        while True:
            pending = self.transport.value()[self._read:]
            end = _reply_end(pending)
            if end:
                self._read += end
                return pending[:end].decode().rstrip("\r\n").replace("\r\n", "\n")
            if self.transport.disconnecting or self.transport.disconnected:
                return ""
            if time.monotonic() > deadline:
                raise AssertionError(f"no reply; so far {pending!r}")
            await asyncio.sleep(0.001)    # the greeting or the queue's fsync is under way

    async def talk(self, *lines: bytes) -> list[str]:
        """Send each chunk, reading one reply after each."""
        replies = []
        for line in lines:
            self.send(line)
            replies.append(await self.reply())
        return replies

    def rest(self) -> bytes:
        """Everything written that no ``reply`` has read."""
        return self.transport.value()[self._read:]

    @property
    def closed(self) -> bool:
        return self.transport.disconnecting or self.transport.disconnected

    def lose(self) -> None:
        """The client went away."""
        self.machine.connectionLost(Failure(ConnectionDone()))


def _reply_end(data: bytes) -> int:
    """Where the first whole reply in ``data`` ends (0: none yet)."""
    at = 0
    while True:
        end = data.find(b"\r\n", at)
        if end < 0:
            return 0
        if data[at + 3:at + 4] != b"-":
            return end + 2
        at = end + 2


class Listener:
    def __init__(self, appliance, name: str = "IncomingMail",
                 rdns: tuple[str, bool] = ("localhost", True)):
        self.clock = task.Clock()
        self.core = MailCore(appliance, self.clock)

        async def reverse_dns(address: str) -> tuple[str, bool]:
            return rdns
        self.core.reverse_dns = reverse_dns
        self.core.cached_reverse_dns = lambda address: None   # the greeting waits for it
        self.factory = ListenerFactory(self.core, name)

    async def connect(self, peer: str = "127.0.0.1", banner: bool = True) -> Connection:
        connection = Connection(self.factory, peer)
        if banner:
            await connection.reply()
        return connection

    def mail_log(self) -> list[str]:
        """The mail_logs lines after the file header, timestamps removed."""
        self.core.writer.flush()
        lines = self.core.log_path("mail_logs").read_text().splitlines()[3:]
        return [TIMESTAMP.sub("", line) for line in lines]


@contextlib.asynccontextmanager
async def listening(appliance, **options) -> AsyncIterator[Listener]:
    listener = Listener(appliance, **options)
    try:
        yield listener
    finally:
        await asyncio.sleep(0)
        listener.core.delivery.stop()
        listener.core.writer.close()
        listener.core.spool.close()
