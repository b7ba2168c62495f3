"""Message bodies on disk, never whole in memory (issue 15: 20 x 95 MB messages held 2 GB).

``BodySink`` takes DATA as it arrives (``wire.DataReader``: end of data, dot-stuffing, CR LF
line ends; ``hygiene.HeaderLines``) and keeps a small body in memory -- it goes into the
queue's segment with its record and shares the group commit's fsync -- but writes a body that
grows past ``SPILL_BYTES`` to its own file in the queue folder, in pieces, in the body I/O
threads.  While more than ``BACKLOG_BYTES`` wait for the disk, the session stops reading from
the client.  ``finish`` makes the file durable (file and folder fsynced) before the queue
writes the record that names it, so an acknowledged message never refers to a body that is lost.
"""
from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from . import hygiene
from .wire import DataReader

SPILL_BYTES = 256 * 1024      # a bigger body goes to its own file
WRITE_BYTES = 256 * 1024      # written in pieces of about this size
BACKLOG_BYTES = 1024 * 1024   # more than this unwritten: stop reading from the client
HEAD_BYTES = 64 * 1024        # the header section kept for the logs (Subject, Message-ID)
READ_BYTES = 256 * 1024       # bodies are read back in pieces of this size

# Body files are written, fsynced and read in their own threads (started when first needed), so
# that big bodies never wait in, nor hold up, the default pool where the queue fsyncs its records.
POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="body-io")


async def in_pool(function, *args):
    return await asyncio.get_running_loop().run_in_executor(POOL, function, *args)


@dataclass
class ReceivedBody:
    """A whole body, ready to be queued: in ``data`` when small, else in the file at ``path``
    (durable once ``BodySink.finish`` returned it)."""
    size: int               # the bytes the client sent (after clean-up): the logs' size
    length: int             # the bytes stored (the Received header included)
    head: bytes             # the start of the header section, at most HEAD_BYTES
    header_lines: int
    eight_bit: bool
    data: Optional[bytes] = None
    path: Optional[Path] = None

    @classmethod
    def of(cls, data: bytes) -> "ReceivedBody":
        """A body the appliance writes itself (a notification, an alert)."""
        lines = hygiene.HeaderLines()
        lines.feed(data)
        return cls(len(data), len(data), data[:HEAD_BYTES], lines.count, not data.isascii(),
                   data=data)

    def discard(self) -> None:
        if self.path is not None:
            self.path.unlink(missing_ok=True)


class BodySink:
    """One message's DATA.  ``feed`` the input; it returns the input after the end of data
    once that came (else None).  Then ``finish`` (or ``discard``)."""

    def __init__(self, path: Path, prefix: bytes, limit: int, keep: bool = True):
        self.path, self.limit, self.keep = path, limit, keep
        self.reader = DataReader()
        self.header_lines = hygiene.HeaderLines()
        self.size = 0                       # body bytes so far (the prefix not included)
        self.received = 0                   # raw input bytes so far (progress)
        self.eight_bit = False
        self._prefix = len(prefix)
        self.head = bytearray(prefix)
        self._held = bytearray(prefix)      # not yet written
        self._spilled = False               # the body has (or is getting) a file
        self._fd: Optional[int] = None      # the file, opened by the first write
        self._writing: Optional[asyncio.Future] = None
        self._idle = asyncio.Event()        # set while no write is in flight
        self._idle.set()
        self._error: Optional[BaseException] = None
        self._drained: list[Callable[[], None]] = []
        self._discarded = False

    @property
    def too_big(self) -> bool:
        return self.size > self.limit

    @property
    def congested(self) -> bool:
        return len(self._held) > BACKLOG_BYTES

    def when_drained(self, callback: Callable[[], None]) -> None:
        self._drained.append(callback)

    def feed(self, data: bytes) -> Optional[bytes]:
        self.received += len(data)
        body, rest = self.reader.feed(data)
        if body:
            self._take(body)
        return rest

    def _take(self, body: bytes) -> None:
        self.size += len(body)
        self.header_lines.feed(body)
        self.eight_bit = self.eight_bit or not body.isascii()
        if len(self.head) < HEAD_BYTES:
            self.head += body[:HEAD_BYTES - len(self.head)]
        if not self.keep or self.too_big or self._error is not None:
            return                          # a message that will be refused is not kept
        self._held += body
        if len(self._held) > SPILL_BYTES or self._spilled:
            self._write_more()

    def _write_more(self) -> None:
        if self._writing is not None or len(self._held) < WRITE_BYTES:
            return
        piece, self._held = bytes(self._held), bytearray()
        self._spilled = True
        self._idle.clear()
        self._writing = asyncio.ensure_future(in_pool(self._write, piece, False))
        self._writing.add_done_callback(self._written)

    def _written(self, future: asyncio.Future) -> None:
        self._writing = None
        if not future.cancelled() and future.exception() is not None:
            self._error = future.exception()
            self._held = bytearray()
        if self._discarded:
            self._close_and_remove()
            self._idle.set()
            return
        self._write_more()
        if self._writing is None:
            self._idle.set()
        if not self.congested:
            callbacks, self._drained = self._drained, []
            for callback in callbacks:
                callback()

    def _write(self, piece: bytes, last: bool) -> None:
        """In a body I/O thread: append ``piece``; for the ``last`` one make the file durable."""
        if self._fd is None:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        view = memoryview(piece)
        while view:
            view = view[os.write(self._fd, view):]
        if last:
            os.fsync(self._fd)
            os.close(self._fd)
            self._fd = None
            _fsync_folder(self.path.parent)

    def finish_in_memory(self) -> Optional[ReceivedBody]:
        """The whole body at once when none of it went to disk (a small message, or one not
        kept); None when it did: then ``finish``."""
        if self._spilled or self._error is not None:
            return None
        body = self._described()
        if self.keep and not self.too_big:
            body.data = bytes(self._held)     # it goes into the queue's segment
        return body

    async def finish(self) -> ReceivedBody:
        """The whole body, once it is safe on disk (only ``size``, ``head`` and the counts for a
        body that is not kept or too big).  Raises the disk's error if writing failed."""
        await self._idle.wait()
        if self._error is not None:
            self.discard()
            raise self._error
        if not self._spilled:
            return self.finish_in_memory()
        body = self._described()
        if self.keep and not self.too_big:
            piece, self._held = bytes(self._held), bytearray()
            try:
                await in_pool(self._write, piece, True)
            except OSError:
                self.discard()
                raise
            body.path = self.path
        return body

    def _described(self) -> ReceivedBody:
        """The body's description; a body not kept or too big is discarded meanwhile."""
        body = ReceivedBody(self.size, self._prefix + self.size, bytes(self.head),
                            self.header_lines.count, self.eight_bit)
        if not self.keep or self.too_big:
            self.discard()
        return body

    def discard(self) -> None:
        """The message is refused or the session ended: its file goes."""
        self._discarded = True
        self._held = bytearray()
        if self._writing is None:
            self._close_and_remove()

    def _close_and_remove(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        self.path.unlink(missing_ok=True)


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
