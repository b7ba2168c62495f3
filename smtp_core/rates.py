"""Event rates for ``status detail``: how many events of a kind happened in the last 1, 5 and 15
minutes, given as events per hour as the appliance gives them.

Each kind keeps one counter per second for the last 15 minutes in a fixed ring (900 slots and
their second stamps, allocated once): recording an event is O(1) and never grows memory; a slot
whose stamp is older than the window is simply ignored (and reused when its second comes round).
"""
from __future__ import annotations

from typing import Callable

WINDOWS = (60, 300, 900)          # 1, 5 and 15 minutes
SPAN = WINDOWS[-1]


class EventRate:
    """Events per second over the last ``SPAN`` seconds, in a ring of per-second buckets."""

    __slots__ = ("counts", "seconds")

    def __init__(self) -> None:
        self.counts = [0] * SPAN
        self.seconds = [-1] * SPAN      # which second each slot counts (-1: never used)

    def record(self, second: int, amount: int) -> None:
        slot = second % SPAN
        if self.seconds[slot] != second:
            self.seconds[slot], self.counts[slot] = second, 0
        self.counts[slot] += amount

    def per_hour(self, now: int) -> tuple[int, ...]:
        """Events per hour over each of ``WINDOWS`` ending with second ``now``."""
        totals = [0] * len(WINDOWS)
        for second, count in zip(self.seconds, self.counts):
            age = now - second
            if count and 0 <= age < SPAN:
                for index, window in enumerate(WINDOWS):
                    if age < window:
                        totals[index] += count
        return tuple(total * 3600 // window for total, window in zip(totals, WINDOWS))


class Rates:
    """One ``EventRate`` per counter name in ``names``; ``clock`` is the reactor's ``seconds``
    (tests: ``task.Clock``)."""

    def __init__(self, names: tuple[str, ...], clock: Callable[[], float]) -> None:
        self.clock = clock
        self.series = {name: EventRate() for name in names}

    def record(self, name: str, amount: int) -> None:
        series = self.series.get(name)
        if series is not None and amount > 0:
            series.record(int(self.clock()), amount)

    def per_hour(self) -> dict[str, tuple[int, ...]]:
        now = int(self.clock())
        return {name: series.per_hour(now) for name, series in self.series.items()}
