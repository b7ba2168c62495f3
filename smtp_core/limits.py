"""Destination-control recipient limits and the system-wide TLS connection limit.

A recipient limit allows at most ``recipient_limit`` recipients per sliding window of
``recipient_minutes``, counted for the whole destination domain (limit type ``host``) or for
each mail exchanger IP address (``MXIP``), system-wide or per virtual gateway (the interface the
connection leaves from).  A limit of 0 means no limit (cli.md §5.4).
"""
from __future__ import annotations

import asyncio
import sys
from collections import deque
from dataclasses import dataclass
from typing import Optional

from cluster import model

UNLIMITED = sys.maxsize


@dataclass(frozen=True)
class Window:
    """One counted recipient limit: what it counts for, how many, over how many seconds."""
    key: tuple
    limit: int
    seconds: float


def window(dest: model.DestinationControl, domain: str, address: str,
           interface: str) -> Optional[Window]:
    """The limit delivery of ``domain`` to ``address`` from ``interface`` counts against
    (None: no recipient limit)."""
    if not dest.recipient_limit:
        return None
    key: tuple = (domain, address if dest.limit_type == "MXIP" else "")
    if dest.limit_apply == "VG":
        key += (interface,)
    return Window(key, dest.recipient_limit, (dest.recipient_minutes or 60) * 60.0)


class RecipientLimits:
    """Recipients handed to each window's destination, with the time they were handed over."""

    def __init__(self) -> None:
        self._sent: dict[tuple, deque[tuple[float, int]]] = {}

    def room(self, limit: Optional[Window], now: float) -> int:
        """How many more recipients may go now."""
        if limit is None:
            return UNLIMITED
        sent = self._sent.get(limit.key)
        if not sent:
            return limit.limit
        while sent and sent[0][0] <= now - limit.seconds:
            sent.popleft()
        if not sent:
            del self._sent[limit.key]
        return max(0, limit.limit - sum(count for _, count in sent))

    def take(self, limit: Optional[Window], count: int, now: float) -> None:
        if limit is not None and count:
            self._sent.setdefault(limit.key, deque()).append((now, count))

    def free_at(self, limit: Window, now: float) -> float:
        """When the oldest recipients in the window stop counting (and room appears)."""
        sent = self._sent.get(limit.key)
        return sent[0][0] + limit.seconds if sent else now


class TLSSlots:
    """At most ``limit`` simultaneous connections that negotiate TLS; the others wait in order.
    The limit is read at every call, so a committed change applies to the next connection."""

    def __init__(self) -> None:
        self.used = 0
        self._waiters: deque[asyncio.Future] = deque()

    def try_acquire(self, limit: int) -> bool:
        if self.used >= limit or self._waiters:
            return False
        self.used += 1
        return True

    async def acquire(self, limit: int) -> None:
        if self.try_acquire(limit):
            return
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            await waiter            # release() counted the slot for us
        except asyncio.CancelledError:
            if waiter.cancelled():
                if waiter in self._waiters:   # release() may have dropped it already
                    self._waiters.remove(waiter)
            else:
                self.release(limit)
            raise

    def release(self, limit: int) -> None:
        self.used -= 1
        while self._waiters and self.used < limit:
            waiter = self._waiters.popleft()
            if not waiter.done():
                self.used += 1
                waiter.set_result(None)

    def waiting(self) -> int:
        return len(self._waiters)
