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
"""
from __future__ import annotations

import asyncio
import json
import os
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from cluster import persist

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

    def pending(self) -> list[Recipient]:
        return [r for r in self.recipients if r.status == PENDING]


class Spool:
    """Owns ``<state_dir>/queue``.  Call ``load()`` once, then ``add``/``mark`` on the loop."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
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
                    message = _message_from(meta)
                    message.segment, message.offset = number, offset + _HEADER.size + meta_len + 1
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
            if message.pending():
                self._track(message)
        self._collect()
        return sorted(self.messages.values(), key=lambda m: m.mid)

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
    async def add(self, message: QueuedMessage, body: bytes) -> QueuedMessage:
        """Durably queue ``message`` with ``body``; returns once it is on disk."""
        meta = json.dumps(_message_meta(message), separators=(",", ":")).encode()
        segment, offset = await self._commit(_record(_MESSAGE, meta + b"\0" + body))
        message.segment, message.offset = segment, offset + _HEADER.size + len(meta) + 1
        message.length = len(body)
        self._track(message)
        if self._body_bytes + len(body) <= BODY_CACHE_BYTES:
            self._bodies[message.mid] = body
            self._body_bytes += len(body)
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
    async def body(self, message: QueuedMessage) -> bytes:
        cached = self._bodies.get(message.mid)
        if cached is not None:
            return cached
        return await asyncio.to_thread(_pread, self._path(message.segment), message.offset,
                                       message.length)

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


def _pread(path: Path, offset: int, length: int) -> bytes:
    fd = os.open(path, os.O_RDONLY)
    try:
        return os.pread(fd, length, offset)
    finally:
        os.close(fd)


def _message_meta(message: QueuedMessage) -> dict:
    return {"mid": message.mid, "icid": message.icid, "sender": message.sender,
            "rcpts": [[r.rid, r.address] for r in message.recipients], "size": message.size,
            "received": message.received, "meta": message.meta}


def _message_from(meta: dict) -> QueuedMessage:
    return QueuedMessage(mid=meta["mid"], icid=meta["icid"], sender=meta["sender"],
                         recipients=[Recipient(rid, address) for rid, address in meta["rcpts"]],
                         size=meta["size"], received=meta["received"], meta=meta.get("meta", {}))
