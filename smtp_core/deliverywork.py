"""Delivery's units of work: what waits per destination domain and what waits for a retry.

Apart from ``delivery`` so that ``host.MailHost`` (which ``delivery`` imports) and the queue
operations can name them.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Optional

from .queue import QueuedMessage


@dataclass
class Work:
    message: QueuedMessage
    rids: list[int]

    def pending(self) -> list[int]:
        """This work's recipients that are still to be delivered, in RID order."""
        return [r.rid for r in self.message.recipients
                if r.rid in self.rids and r.status == "pending"]


@dataclass
class DomainQueue:
    domain: str
    ready: deque = field(default_factory=deque)
    active: int = 0
    held: Optional[object] = None   # the timer that resumes a queue stopped by a recipient limit
    # ``redirectrecipients``: this queue's work goes to this (host, port) instead of the
    # domain's route.
    redirect: Optional[tuple[str, int]] = None


@dataclass(eq=False)
class Retry:
    """Work waiting for its next attempt (``delivernow`` starts it at once)."""
    domain: str
    work: Work
    timer: object

    def cancel(self) -> None:
        if self.timer.active():
            self.timer.cancel()
