"""The "System" gauges of ``status detail``, measured on the emulator itself: its process's
memory and CPU, the disk holding its state directory (busy time, log space, queue space).

Every value is a cheap read (``os.times``, ``os.statvfs``, a few lines of ``/proc``): bounded
work, fine on the event loop.  Where the machine does not offer a figure (no ``/proc``, a state
directory on a device ``/proc/diskstats`` does not list, such as an overlay) it reads 0.
"""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Optional

_PROC = Path("/proc")


def _percent(part: float, whole: float) -> int:
    return max(0, min(100, round(100 * part / whole))) if whole > 0 else 0


def ram_percent() -> int:
    """Resident memory of this process as a share of the machine's memory."""
    try:
        resident_pages = int((_PROC / "self" / "statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0
    return _percent(resident_pages, os.sysconf("SC_PHYS_PAGES"))


def _device_io_ms(path: Path) -> Optional[int]:
    """Milliseconds the block device holding ``path`` has spent doing I/O (its ``io_ticks``)."""
    device = os.stat(path).st_dev
    wanted = (os.major(device), os.minor(device))
    try:
        lines = (_PROC / "diskstats").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        fields = line.split()
        if len(fields) >= 13 and (int(fields[0]), int(fields[1])) == wanted:
            return int(fields[12])
    return None


# Samples closer together than this give the previous figures again (two sessions typing
# ``status`` at once must not see the noise of a few milliseconds).
MIN_INTERVAL = 1.0


class LoadSampler:
    """CPU and disk busy shares since the previous sample (the first: since it was made), as a
    load average is a figure over the recent past, not a lifetime one."""

    def __init__(self, state_dir: Path) -> None:
        self.state_dir = state_dir
        self._last = self._sample()
        self._figures: Optional[dict[str, int]] = None

    def _sample(self) -> tuple[float, float, Optional[int]]:
        times = os.times()
        return time.monotonic(), times.user + times.system, _device_io_ms(self.state_dir)

    def sample(self) -> dict[str, int]:
        (wall, cpu, io_ms), (was_wall, was_cpu, was_io) = self._sample(), self._last
        elapsed = wall - was_wall
        if self._figures is not None and elapsed < MIN_INTERVAL:
            return self._figures
        self._last = wall, cpu, io_ms
        busy_io = (io_ms - was_io) / 1000 if io_ms is not None and was_io is not None else 0
        self._figures = {"cpu_percent": _percent(cpu - was_cpu, elapsed * (os.cpu_count() or 1)),
                         "disk_io_percent": _percent(busy_io, elapsed)}
        return self._figures


def disk_space(path: Path) -> tuple[int, int, int]:
    """(bytes in all, bytes used, bytes available to the emulator) of ``path``'s filesystem."""
    found = os.statvfs(path)
    total = found.f_blocks * found.f_frsize
    return total, total - found.f_bfree * found.f_frsize, found.f_bavail * found.f_frsize


def system_gauges(state_dir: Path, sampler: LoadSampler) -> dict[str, int]:
    """The integer gauges ``status`` prints (sizes in bytes; the shell formats them)."""
    # The logs are written under the state directory (its ``logs`` folder is made with the
    # first log line, so the directory itself is what is measured).
    log_total, log_used, log_free = disk_space(state_dir)
    _total, _used, queue_free = disk_space(state_dir / "queue")
    return {"ram_percent": ram_percent(), **sampler.sample(),
            "logging_disk_percent": _percent(log_used, log_total),
            "logging_disk_available": log_free, "queue_kilobytes_free": queue_free // 1024}
