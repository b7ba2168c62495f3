"""SSH flow control that keeps one client from costing the shared event loop or memory more than a
bounded amount (issue 15).

Twisted's ``SSHConnection`` reopens a channel's window as soon as data arrives, whatever the
receiver does with it, so a client can push without end.  Here a session channel's bytes wait
in an ``Inbox``: they are handed to the terminal (or scp) at most ``SLICE`` bytes per turn of
the event loop, and the client's window is reopened only while the inbox and the terminal's own
queue are small.  Before a shell or exec request exists nothing is handed over and the window
stays shut, so early data is bounded by one window.  Messages for a channel that does not exist
(a stray ``CHANNEL_EOF``) are ignored instead of dropping the connection, and a connection may
open only a few channels.
"""
from __future__ import annotations

import asyncio
import logging
import struct
from typing import Callable, Optional

from twisted.conch import error
from twisted.conch.ssh import channel as ssh_channel, common, connection

log = logging.getLogger(__name__)

SLICE = 4096  # bytes handed over per turn of the event loop
BACKLOG = 32 * 1024  # bytes (or keys) waiting before the window stays shut
WINDOW = 128 * 1024  # what one channel may have in flight
RETRY_SECONDS = 0.02  # a full terminal queue is looked at again after this long
MAX_CHANNELS = 8  # per connection; OpenSSH's multiplexing uses a handful at most

# Messages whose first field is our channel number (RFC 4254 §5).
_CHANNEL_MESSAGES = range(connection.MSG_CHANNEL_WINDOW_ADJUST, connection.MSG_CHANNEL_FAILURE + 1)


class Inbox:
    """A channel's input on its way to the consumer."""

    def __init__(self, channel: ssh_channel.SSHChannel):
        self.channel = channel
        self.data = bytearray()
        self._receive: Optional[Callable[[bytes], None]] = None
        self._end: Optional[Callable[[], None]] = None
        self._backlog: Callable[[], int] = lambda: 0
        self._ended = False  # the client sent EOF (delivered once the data before it is)
        self._scheduled: Optional[asyncio.Handle] = None

    def connect(self, receive: Callable[[bytes], None], end: Callable[[], None],
                backlog: Callable[[], int]) -> None:
        """The consumer exists (a shell or exec request): start handing data over."""
        self._receive, self._end, self._backlog = receive, end, backlog
        self._schedule()

    def add(self, data: bytes) -> None:
        self.data.extend(data)
        self._schedule()

    def end(self) -> None:
        """End of input: after the data already here."""
        self._ended = True
        self._schedule()

    def close(self) -> None:
        """The channel closed: nothing more is delivered; the consumer's input ends now."""
        if self._scheduled is not None:
            self._scheduled.cancel()
            self._scheduled = None
        self.data.clear()
        self._ended = True
        if self._end is not None:
            end, self._end = self._end, None
            end()

    def _schedule(self, delay: float = 0.0) -> None:
        if self._scheduled is None and self._receive is not None:
            loop = asyncio.get_event_loop()
            self._scheduled = (loop.call_later(delay, self._deliver) if delay
                               else loop.call_soon(self._deliver))

    def _deliver(self) -> None:
        self._scheduled = None
        if self.data:
            if self._backlog() >= BACKLOG:
                self._schedule(RETRY_SECONDS)  # the consumer is behind: the window stays shut
                return
            piece = bytes(self.data[:SLICE])
            del self.data[:SLICE]
            self._receive(piece)
        if self.data:
            self._schedule()
        elif self._ended and self._end is not None:
            end, self._end = self._end, None
            end()
        self.reopen_window()

    def reopen_window(self) -> None:
        chan = self.channel
        if chan.localClosed or self._receive is None:
            return
        if len(self.data) + self._backlog() >= BACKLOG:
            return
        if chan.localWindowLeft < chan.localWindowSize // 2:
            chan.conn.adjustWindow(chan, chan.localWindowSize - chan.localWindowLeft)


class BoundedConnection(connection.SSHConnection):
    """``ssh-connection`` with the limits above."""

    def packetReceived(self, messageNum: int, packet: bytes) -> None:
        if messageNum in _CHANNEL_MESSAGES and len(packet) >= 4:
            (local,) = struct.unpack(">L", packet[:4])
            if local not in self.channels:
                log.info("ignored SSH message %d for channel %d that is not open", messageNum,
                         local)
                return
        super().packetReceived(messageNum, packet)

    def getChannel(self, channelType, windowSize, maxPacket, data):
        if len(self.channels) >= MAX_CHANNELS:
            raise error.ConchError(connection.OPEN_RESOURCE_SHORTAGE, "too many channels")
        return super().getChannel(channelType, windowSize, maxPacket, data)

    def ssh_CHANNEL_DATA(self, packet: bytes) -> None:
        local, length = struct.unpack(">2L", packet[:8])
        chan = self.channels[local]
        inbox = getattr(chan, "inbox", None)
        if inbox is None:
            super().ssh_CHANNEL_DATA(packet)
            return
        if length > chan.localWindowLeft or length > chan.localMaxPacket:
            self._log.error("too much data")
            self.sendClose(chan)
            return
        chan.localWindowLeft -= length
        chan.dataReceived(common.getNS(packet[4:])[0])
        inbox.reopen_window()
