"""The durable mail queue: append-only segment files with group commit.

A message is acknowledged (250 after DATA) only once its record is fsynced.  Records of all the
sessions that finish DATA while a write is in flight go into the next write and share one fsync
(group commit), done in a worker thread so the event loop never waits for the disk.  Recipient
outcomes are appended the same way; after a crash the replay redelivers any recipient whose
outcome did not reach the disk (at-least-once, never lost).

Files under ``<state_dir>/queue/``: ``seg-<n>.q`` segments, each a sequence of records
``magic kind length crc32 payload``; a torn tail (crash mid-write) fails its CRC and ends the
replay of that segment; writing always resumes in a fresh segment.  A segment is deleted once it
and every older segment hold no undelivered message.

A body bigger than ``bodies.SPILL_BYTES`` is not in its record but in ``bodies/<mid>.eml``,
written while DATA came in and fsynced (with the folder) before the record that names it; it is
deleted once the last outcome of its message is on disk.  A replay deletes the body files that
no undelivered message names (a crash during DATA or before the deletion).  Bodies are read back
in bounded pieces (``head``, ``chunks``), never whole.
"""
from __future__ import annotations

import asyncio
import json
import os
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import AsyncIterator, Optional

from cluster import persist

from .bodies import HEAD_BYTES, POOL, READ_BYTES, ReceivedBody, in_pool

_HEADER = struct.Struct(">2sBxII")
_MAGIC = b"AQ"
_MESSAGE, _STATUS = 1, 2
SEGMENT_BYTES = 32 * 1024 * 1024
BODY_CACHE_BYTES = 64 * 1024 * 1024
ID_BLOCK = 1000

PENDING, DELIVERED, BOUNCED = "pending", "delivered", "bounced"
DROPPED, QUARANTINED = "dropped", "quarantined"      # by the mail policy's scanning
DELETED = "deleted"      # removed by ``deleterecipients``


@dataclass
class Recipient:
    rid: int
    address: str
    status: str = PENDING

    @property
    def domain(self) -> str:
        return self.address.rpartition("@")[2].lower()


@dataclass
class QueuedMessage:
    mid: int
    icid: int
    sender: str
    recipients: list[Recipient]
    size: int
    received: float
    # Extra facts for delivery and logs: listener, table (inbound/outbound), bounce_of ...
    meta: dict = field(default_factory=dict)
    segment: int = 0
    offset: int = 0
    length: int = 0
    attempts: int = 0
    external: bool = False    # the body is in its own file, not in the segment

    def pending(self) -> list[Recipient]:
        return [r for r in self.recipients if r.status == PENDING]


class Spool:
    """Owns ``<state_dir>/queue``.  Call ``load()`` once, then ``add``/``mark`` on the loop."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.body_folder = self.folder / "bodies"
        self.body_folder.mkdir(exist_ok=True, mode=0o700)
        self.messages: dict[int, QueuedMessage] = {}
        self._live: dict[int, int] = {}           # segment -> undelivered messages in it
        self._active = 0
        self._oldest = 0                          # segments _oldest.._active may exist on disk
        self._fd: Optional[int] = None
        self._size = 0
        self._batch: list[tuple[bytes, asyncio.Future]] = []
        self._writing = False
        self._bodies: dict[int, bytes] = {}
        self._body_bytes = 0
        self.bytes_queued = 0

    # -- start-up -------------------------------------------------------------------------------
    def load(self) -> list[QueuedMessage]:
        """Replay every segment; return the messages with undelivered recipients, oldest first."""
        found: dict[int, QueuedMessage] = {}
        segments = self._segments()
        for number in segments:
            for kind, offset, payload in _records(self._path(number)):
                if kind == _MESSAGE:
                    meta_len = payload.index(b"\0")
                    meta = json.loads(payload[:meta_len])
                    message = message_from_record(meta)
                    message.segment = number
                    if not message.external:
                        message.offset = offset + _HEADER.size + meta_len + 1
                        message.length = len(payload) - meta_len - 1
                    found[message.mid] = message
                elif kind == _STATUS:
                    status = json.loads(payload)
                    message = found.get(status["mid"])
                    if message is not None:
                        for recipient in message.recipients:
                            if recipient.rid in status["rids"]:
                                recipient.status = status["status"]
        self._active = (segments[-1] + 1) if segments else 1
        self._oldest = segments[0] if segments else self._active
        for message in found.values():
            # (a body file is always durable before its record; the check only guards against
            # a record whose fsync reported an error yet reached the disk)
            if message.pending() and (not message.external
                                      or self.body_path(message.mid).exists()):
                self._track(message)
        self._collect()
        self._remove_unnamed_bodies()
        return sorted(self.messages.values(), key=lambda m: m.mid)

    def _remove_unnamed_bodies(self) -> None:
        named = {self.body_path(m.mid) for m in self.messages.values() if m.external}
        for path in self.body_folder.iterdir():
            if path not in named:
                path.unlink(missing_ok=True)

    def max_mid(self) -> int:
        return max(self.messages, default=0)

    def _segments(self) -> list[int]:
        return sorted(int(p.stem.split("-")[1]) for p in self.folder.glob("seg-*.q"))

    def _path(self, number: int) -> Path:
        return self.folder / f"seg-{number:08d}.q"

    def _track(self, message: QueuedMessage) -> None:
        self.messages[message.mid] = message
        self._live[message.segment] = self._live.get(message.segment, 0) + 1
        self.bytes_queued += message.size

    # -- writing --------------------------------------------------------------------------------
    def body_path(self, mid: int) -> Path:
        """Where the body of message ``mid`` is written when it is too big for its record."""
        return self.body_folder / f"{mid}.eml"

    async def add(self, message: QueuedMessage, body: ReceivedBody) -> QueuedMessage:
        """Durably queue ``message`` with ``body`` (its bytes, or its file at ``body_path``,
        already durable); returns once the record is on disk."""
        message.length = body.length
        message.external = body.data is None
        inline = body.data or b""
        meta = json.dumps(envelope_record(message), separators=(",", ":")).encode()
        segment, offset = await self._commit(_record(_MESSAGE, meta + b"\0" + inline))
        message.segment = segment
        if not message.external:
            message.offset = offset + _HEADER.size + len(meta) + 1
            if self._body_bytes + len(inline) <= BODY_CACHE_BYTES:
                self._bodies[message.mid] = inline
                self._body_bytes += len(inline)
        self._track(message)
        return message

    def mark(self, message: QueuedMessage, rids: list[int], status: str) -> None:
        """Record the final outcome of some recipients; the message leaves the queue when none
        is left pending."""
        for recipient in message.recipients:
            if recipient.rid in rids:
                recipient.status = status
        record = _record(_STATUS, json.dumps({"mid": message.mid, "rids": rids, "status": status},
                                             separators=(",", ":")).encode())
        future = self._commit(record)
        future.add_done_callback(lambda f: f.exception())  # outcome records are not awaited
        if not message.pending() and self.messages.pop(message.mid, None) is not None:
            self._live[message.segment] -= 1
            self.bytes_queued -= message.size
            self._drop_body(message.mid)
            if message.external:   # its file goes once the outcome that ends it is on disk
                path = self.body_path(message.mid)
                future.add_done_callback(lambda f: _remove_once_written(f, path))

    def _commit(self, record: bytes) -> "asyncio.Future[tuple[int, int]]":
        future = asyncio.get_running_loop().create_future()
        self._batch.append((record, future))
        if not self._writing:
            self._writing = True
            asyncio.ensure_future(self._writer())
        return future

    async def _writer(self) -> None:
        try:
            while self._batch:
                batch, self._batch = self._batch, []
                try:
                    positions = await asyncio.to_thread(self._write, [r for r, _ in batch])
                except Exception as error:  # a full disk: refuse these messages, keep serving
                    for _, future in batch:
                        if not future.done():
                            future.set_exception(error)
                    continue
                for (_, future), position in zip(batch, positions):
                    if not future.done():
                        future.set_result(position)
                self._collect()
        finally:
            self._writing = False

    def _write(self, records: list[bytes]) -> list[tuple[int, int]]:
        """Worker thread: append ``records`` to the active segment and fsync once."""
        if self._fd is None or self._size >= SEGMENT_BYTES:
            self._rotate()
        positions, offset = [], self._size
        for record in records:
            positions.append((self._active, offset))
            offset += len(record)
        data = b"".join(records)
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]
        os.fdatasync(self._fd)
        self._size = offset
        return positions

    def _rotate(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._active += 1
        self._fd = os.open(self._path(self._active), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        self._size = os.fstat(self._fd).st_size
        dir_fd = os.open(self.folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    def _collect(self) -> None:
        """Delete the oldest segments while they hold nothing undelivered (oldest first, so a
        recipient outcome is never deleted before the message it belongs to)."""
        while self._oldest < self._active and self._live.get(self._oldest, 0) == 0:
            self._path(self._oldest).unlink(missing_ok=True)
            self._live.pop(self._oldest, None)
            self._oldest += 1

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    # -- reading --------------------------------------------------------------------------------
    def location(self, message: QueuedMessage) -> tuple[Path, int, int]:
        """The file, offset and length of ``message``'s body."""
        if message.external:
            return self.body_path(message.mid), 0, message.length
        return self._path(message.segment), message.offset, message.length

    def cached(self, message: QueuedMessage) -> Optional[bytes]:
        """The body, when this small message's body is held in memory; else None."""
        return self._bodies.get(message.mid)

    async def head(self, message: QueuedMessage, limit: int = HEAD_BYTES) -> bytes:
        """The first ``limit`` bytes of the body (the whole body when it is no longer)."""
        cached = self._bodies.get(message.mid)
        if cached is not None:
            return cached[:limit]
        path, offset, length = self.location(message)
        return await in_pool(_pread, path, offset, min(limit, length))

    async def chunks(self, message: QueuedMessage) -> AsyncIterator[bytes]:
        """The body in pieces of at most ``READ_BYTES`` (a cached small body in one)."""
        cached = self._bodies.get(message.mid)
        if cached is not None:
            yield cached
            return
        path, offset, length = self.location(message)
        for start in range(0, length, READ_BYTES):
            yield await in_pool(_pread, path, offset + start, min(READ_BYTES, length - start))

    def _drop_body(self, mid: int) -> None:
        body = self._bodies.pop(mid, None)
        if body is not None:
            self._body_bytes -= len(body)


class IdCounters:
    """ICID, MID and DCID counters that only grow, across restarts and crashes.

    Blocks of ids are reserved in ``ids.json`` before they are handed out; after a crash the
    counters resume after the last reserved block, so an id is never reused.
    """

    KINDS = ("icid", "mid", "dcid", "rcid")   # rcid: deliveries to the Spam Quarantine

    def __init__(self, folder: Path, floor: Optional[dict[str, int]] = None):
        self.path = Path(folder) / "ids.json"
        saved = persist.read_json(self.path) if self.path.exists() else {}
        floor = floor or {}
        self.last = {k: max(int(saved.get(k, 0)), floor.get(k, 0)) for k in self.KINDS}
        self._reserve()

    def next(self, kind: str) -> int:
        self.last[kind] += 1
        if self.last[kind] > self.reserved[kind]:
            self._reserve()   # once per block of ids: one small fsynced write
        return self.last[kind]

    def _reserve(self) -> None:
        self.reserved = {k: self.last[k] + ID_BLOCK for k in self.KINDS}
        persist.write_json(self.path, self.reserved)


def _record(kind: int, payload: bytes) -> bytes:
    return _HEADER.pack(_MAGIC, kind, len(payload), zlib.crc32(payload)) + payload


def _records(path: Path):
    """(kind, offset, payload) of each intact record; stops at the first torn one."""
    data = path.read_bytes()
    offset = 0
    while offset + _HEADER.size <= len(data):
        magic, kind, length, crc = _HEADER.unpack_from(data, offset)
        start = offset + _HEADER.size
        payload = data[start:start + length]
        if magic != _MAGIC or len(payload) != length or zlib.crc32(payload) != crc:
            return
        yield kind, offset, payload
        offset = start + length


def _remove_once_written(record: asyncio.Future, path: Path) -> None:
    if not record.cancelled() and record.exception() is None:
        POOL.submit(path.unlink, missing_ok=True)


def _pread(path: Path, offset: int, length: int) -> bytes:
    fd = os.open(path, os.O_RDONLY)
    try:
        return os.pread(fd, length, offset)
    finally:
        os.close(fd)


def envelope_record(message: QueuedMessage) -> dict:
    """A message's envelope as the queue's records keep it (the Spam Quarantine keeps it too)."""
    meta = {"mid": message.mid, "icid": message.icid, "sender": message.sender,
            "rcpts": [[r.rid, r.address] for r in message.recipients], "size": message.size,
            "received": message.received, "meta": message.meta}
    if message.external:
        meta.update(file=True, length=message.length)
    return meta


def message_from_record(meta: dict) -> QueuedMessage:
    """The message an ``envelope_record`` describes."""
    return QueuedMessage(mid=meta["mid"], icid=meta["icid"], sender=meta["sender"],
                         recipients=[Recipient(rid, address) for rid, address in meta["rcpts"]],
                         size=meta["size"], received=meta["received"], meta=meta.get("meta", {}),
                         external=bool(meta.get("file")), length=meta.get("length", 0))
