"""AsyncOS log files: one directory per log subscription, the appliance's line and file format.

Layout (mail-logs.md §1.4-§1.5): ``<state_dir>/logs/<subscription>/<prefix>.@<start>.c`` is the
file being written, ``<prefix>.current`` a symlink to it, and a rollover closes it with
``Logfile rolled over`` / ``End Logfile`` and renames it ``<prefix>.@<start>.s``.  Every file
starts with ``Begin Logfile``, ``Version: <version> SN: <serial>`` and ``Time offset from UTC``.

A file also rolls over when it reaches the subscription's size, and, with time-based rollover,
when its interval has passed since it was started (checked when lines are written).

Lines are buffered and written by a flush scheduled on the event loop (or at once when no loop
runs in the calling thread), so logging never waits for the disk; logs are not fsynced.  A
message logs a dozen lines, most of them in a few event-loop turns: the subscriptions a line
goes to are worked out once per log and level (again after ``configure``), and the time stamp
once per turn of the loop.

Every message passes ``escape_controls`` on its way in: user names, HELO names, addresses,
subjects and file names come from clients, and a CR, LF or NUL in one of them must not start a
line of its own (a forged ``successfully logged on``) nor put escape sequences on the screen of
whoever runs ``tail``.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional

TIME_FORMAT = "%a %b %e %H:%M:%S %Y"
FILE_TIME_FORMAT = "%Y%m%dT%H%M%S"
FLUSH_DELAY = 0.05

# File name prefix of the predefined subscriptions of configurations saved without one.
PREFIXES = {"mail_logs": "mail", "system_logs": "system", "cli_logs": "cli", "gui_logs": "gui",
            "authentication": "authentication", "bounces": "bounces", "error_logs": "errors",
            "ftpd_logs": "ftpd"}

# What the appliance's writers name (the predefined log) -> the log type whose subscriptions
# all get the line: a user's new "IronPort Text Mail Logs" subscription logs the mail flow too.
LOG_TYPES = {"mail_logs": "IronPort Text Mail Logs", "bounces": "Bounce Logs",
             "system_logs": "System Logs", "cli_logs": "CLI Audit Logs",
             "authentication": "Authentication Logs", "gui_logs": "HTTP Logs",
             "ftpd_logs": "FTP Server Logs"}

# Subscription level (the configuration word) -> highest line level written.
_LEVEL_RANK = {"Critical": 1, "Warning": 2, "Info": 3, "Information": 3, "Debug": 4, "Trace": 5}

# C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\r": "\\r", "\n": "\\n", "\t": "\\t", "\0": "\\0"}


def escape_controls(text: str) -> str:
    """``text`` as one printable line: controls become ``\\r``, ``\\n``, ``\\t``, ``\\0`` or
    ``\\xNN`` / ``\\uNNNN``."""
    return _CONTROLS.sub(_escape, text)


def _escape(match: "re.Match[str]") -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


@dataclass
class Subscription:
    name: str
    level: str = "Information"
    type: str = ""
    rollover_size: int = 10485760
    max_files: int = 10
    filename: str = ""              # file name prefix; "" = the predefined one, or the name
    rollover_interval: int = 0      # seconds; 0 = no time-based rollover

    def __post_init__(self) -> None:
        self.type = self.type or LOG_TYPES.get(self.name, "")

    @property
    def prefix(self) -> str:
        return self.filename or PREFIXES.get(self.name, self.name)


Clock = Callable[[], dt.datetime]


def line_time(when: dt.datetime) -> str:
    """``Wed Sep  6 13:13:16 2023``: the 24-character stamp every parser expects."""
    return when.strftime(TIME_FORMAT)


class LogFile:
    """One subscription's current file."""

    def __init__(self, folder: Path, prefix: str, header: Callable[[dt.datetime], list[str]],
                 sub: Subscription):
        self.folder, self.prefix, self.header, self.sub = folder, prefix, header, sub
        self.folder.mkdir(parents=True, exist_ok=True)
        self.handle = None
        self.size = 0
        self.started: Optional[dt.datetime] = None

    @property
    def link(self) -> Path:
        return self.folder / f"{self.prefix}.current"

    def _open(self, now: dt.datetime) -> None:
        self.started = now
        existing = sorted(self.folder.glob(f"{self.prefix}.@*.c"))
        if existing:
            # After a restart the appliance keeps writing the file it had open.
            path = existing[-1]
            self.handle = open(path, "ab")
            self.size = path.stat().st_size
            self._point_link(path)
            return
        path = self.folder / f"{self.prefix}.@{now.strftime(FILE_TIME_FORMAT)}.c"
        self.handle = open(path, "ab")
        self.size = 0
        self._point_link(path)
        self._put([f"{line_time(now)} Info: {text}" for text in self.header(now)])
        self.handle.flush()

    def _point_link(self, path: Path) -> None:
        tmp = self.folder / f".{self.prefix}.current.tmp"
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(path.name)
        os.replace(tmp, self.link)

    def _put(self, lines: list[str]) -> None:
        data = "".join(line + "\n" for line in lines).encode("utf-8", "backslashreplace")
        self.handle.write(data)
        self.size += len(data)

    def write(self, lines: list[str], now: dt.datetime) -> None:
        if self.handle is None:
            self._open(now)
        self._put(lines)
        self.handle.flush()
        interval = self.sub.rollover_interval
        if self.size >= self.sub.rollover_size or (
                interval and (now - self.started).total_seconds() >= interval):
            self.roll(now)

    def roll(self, now: dt.datetime) -> Optional[Path]:
        """Close the current file as ``.s`` and start a new one; returns the saved file."""
        if self.handle is None:
            self._open(now)
        stamp = line_time(now)
        self._put([f"{stamp} Info: Logfile rolled over", f"{stamp} Info: End Logfile"])
        self.handle.close()
        current = Path(self.handle.name)
        saved = current.with_suffix(".s")
        os.replace(current, saved)
        self.handle = None
        # A second rollover within the same second must not reuse the closed file's name.
        later = now
        while (self.folder / f"{self.prefix}.@{later.strftime(FILE_TIME_FORMAT)}.s").exists():
            later += dt.timedelta(seconds=1)
        self._open(later)
        self._prune()
        return saved

    def _prune(self) -> None:
        saved = sorted(self.folder.glob(f"{self.prefix}.@*.s"))
        for old in saved[:max(0, len(saved) - self.sub.max_files)]:
            old.unlink(missing_ok=True)

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


class LogWriter:
    """The appliance's log subscriptions; implements the shell's ``LogSink``."""

    def __init__(self, root: Path, version: str, serial: str, clock: Clock,
                 subscriptions: Iterable[Subscription]):
        self.root = Path(root)
        self.version, self.serial, self.clock = version, serial, clock
        self._lock = threading.Lock()
        self._pending: dict[str, list[str]] = {}
        self._flush_scheduled = False
        self._files: dict[str, LogFile] = {}
        self._subs: dict[str, Subscription] = {}
        self._by_type: dict[str, list[Subscription]] = {}
        self._stamp: tuple[tuple, str] = ((), "")   # (local Y m d H M S, its line_time)
        self._turn_stamp: Optional[str] = None       # line_time of this event-loop turn
        self._targets: dict[tuple[str, str], list[str]] = {}
        self.configure(subscriptions)

    def configure(self, subscriptions: Iterable[Subscription]) -> None:
        """Apply committed log subscriptions: new ones get a folder, removed ones stop."""
        with self._lock:
            self._flush_locked()
            wanted = {sub.name: sub for sub in subscriptions}
            for name in list(self._files):
                if name not in wanted or wanted[name].prefix != self._files[name].prefix:
                    self._files.pop(name).close()
            self._subs = wanted
            self._targets = {}
            self._by_type = {}
            for sub in wanted.values():
                self._by_type.setdefault(sub.type, []).append(sub)
            for name, sub in wanted.items():
                if name in self._files:
                    self._files[name].sub = sub

    def _header(self, now: dt.datetime) -> list[str]:
        offset = now.utcoffset()
        seconds = int(offset.total_seconds()) if offset is not None else 0
        return ["Begin Logfile", f"Version: {self.version} SN: {self.serial}",
                f"Time offset from UTC: {seconds} seconds"]

    def _file(self, name: str) -> Optional[LogFile]:
        if name not in self._subs:
            return None
        if name not in self._files:
            self._files[name] = LogFile(self.root / name, self._subs[name].prefix, self._header,
                                        self._subs[name])
        return self._files[name]

    # -- LogSink ------------------------------------------------------------------------------
    def write(self, log: str, message: str, level: str = "Info") -> None:
        """Append a line to every subscription of ``log``'s type whose level admits it."""
        targets = self._targets.get((log, level))
        if targets is None:
            targets = self._targets[(log, level)] = self._targets_of(log, level)
        if not targets:
            return
        if not message.isprintable():    # printable text has no control to escape
            message = escape_controls(message)
        line = f"{self._line_time()} {level}: {message}"
        with self._lock:
            for name in targets:
                self._pending.setdefault(name, []).append(line)
            if self._flush_scheduled:
                return
            self._flush_scheduled = True
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.flush()
            return
        loop.call_later(FLUSH_DELAY, self.flush)

    def _targets_of(self, log: str, level: str) -> list[str]:
        kind = LOG_TYPES.get(log)
        subs = self._by_type.get(kind, []) if kind else [self._subs[log]] if log in self._subs \
            else []
        rank = _LEVEL_RANK.get(level, 3)
        return [sub.name for sub in subs if rank <= _LEVEL_RANK.get(sub.level, 3)]

    def _line_time(self) -> str:
        """line_time of the clock: read once per event-loop turn, formatted once per second."""
        stamp = self._turn_stamp
        if stamp is not None:
            return stamp
        now = self.clock()
        key = (now.year, now.month, now.day, now.hour, now.minute, now.second)
        if self._stamp[0] != key:
            self._stamp = (key, line_time(now))
        stamp = self._stamp[1]
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:     # another thread, or no loop: no turn to share the stamp with
            return stamp
        self._turn_stamp = stamp
        loop.call_soon(self._turn_over)
        return stamp

    def _turn_over(self) -> None:
        self._turn_stamp = None

    def flush(self) -> None:
        with self._lock:
            self._flush_locked()

    def _flush_locked(self) -> None:
        self._flush_scheduled = False
        pending, self._pending = self._pending, {}
        now = self.clock()
        for name, lines in pending.items():
            log = self._file(name)
            if log is not None:
                log.write(lines, now)

    # -- for the shell ------------------------------------------------------------------------
    def path(self, log: str) -> Optional[Path]:
        """The ``<prefix>.current`` link of ``log`` (created with its header if need be)."""
        with self._lock:
            self._flush_locked()
            file = self._file(log)
            if file is None:
                return None
            if file.handle is None:
                file.write([], self.clock())
            return file.link

    def rollover(self, log: str) -> Optional[Path]:
        with self._lock:
            self._flush_locked()
            file = self._file(log)
            return file.roll(self.clock()) if file is not None else None

    def close(self) -> None:
        with self._lock:
            self._flush_locked()
            for file in self._files.values():
                file.close()
