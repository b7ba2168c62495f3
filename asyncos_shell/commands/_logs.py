"""What the log commands share: the numbered list of log subscriptions, choosing one of them
(by number or name, so ``tail mail_logs`` works in batch), and following a growing log file."""
from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

from cluster import model

from .. import strings
from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted, Dialog
from ..engine.registry import COMMIT_ROLES
from . import _logs_strings  # noqa: F401  (registers the strings used below)

FOLLOW_INTERVAL = 0.5
READ_CHUNK = 1 << 20

# Logs that record what other users typed and who logged in from where: only the roles that
# administer the appliance read them (our reading of the user guide's roles: a read-only
# operator views configuration, not other users' sessions).  Other logs: every role that may
# run tail and grep.
RESTRICTED_LOG_TYPES = {"CLI Audit Logs": COMMIT_ROLES, "Authentication Logs": COMMIT_ROLES}


def ordered(subs: Iterable[model.LogSubscription]) -> list[model.LogSubscription]:
    """The appliance's order: by name, capitals first (a listing shows a user's ``TLStest``
    before ``amp`` and ``bounces``, mail-logs.md §1.5)."""
    return sorted(subs, key=lambda s: s.name)


def committed_logs(ctx: CommandContext) -> list[model.LogSubscription]:
    """The log subscriptions that exist (committed), numbered as ``logconfig`` shows them."""
    return ordered(ctx.appliance.view().logs.subscriptions.values())


def readable_logs(ctx: CommandContext) -> list[model.LogSubscription]:
    """The committed logs this session's role may read (``tail``, ``grep``)."""
    role = ctx.cli.role
    return [s for s in committed_logs(ctx) if role in RESTRICTED_LOG_TYPES.get(s.type, {role})]


def listing(subs: Sequence[model.LogSubscription], extra: Sequence[str] = ()) -> str:
    lines = [strings.text("logs.header")]
    lines += [strings.text("logs.item", number=n, name=s.name, type=s.type, retrieval=s.retrieval)
              for n, s in enumerate(subs, 1)]
    lines += [f"{len(subs) + n}. \"{text}\"" for n, text in enumerate(extra, 1)]
    return "\n".join(lines)


async def choose_log(dialog: Dialog, subs: Sequence[model.LogSubscription], question: str,
                     extra: Sequence[str] = ()) -> int:
    """Show the list (not in batch) and ask; returns the 0-based index (``extra`` items follow
    the logs)."""
    names = [s.name for s in subs] + list(extra)

    def check(answer: str) -> Optional[str]:
        return None if _index(answer, names) is not None else (
            strings.text("logs.not_number", high=len(names)) if answer.isdigit()
            else strings.text("logs.unknown", name=answer))

    if not dialog.batch:
        dialog.out("")
        dialog.out(listing(subs, extra))
    answer = await dialog.ask(question, validate=check)
    return _index(answer, names)


def _index(answer: str, names: Sequence[str]) -> Optional[int]:
    if answer.isdigit():
        number = int(answer)
        return number - 1 if 1 <= number <= len(names) else None
    lowered = [n.lower() for n in names]
    return lowered.index(answer.lower()) if answer.lower() in lowered else None


class Follower:
    """Reads what is appended to a log's ``.current`` file, across rollovers (the link then
    points at a new file: the rest of the old one is read first)."""

    def __init__(self, link: Path):
        self.link = link
        self.handle = None
        self.inode = None
        self.partial = b""

    def open_at_end(self, last_lines: int) -> list[str]:
        self._open()
        size = os.fstat(self.handle.fileno()).st_size
        start = max(0, size - 64 * 1024)
        self.handle.seek(start)
        tail = self.handle.read().split(b"\n")
        if start > 0:
            tail = tail[1:]
        self.partial = tail.pop()
        return [line.decode("utf-8", "replace") for line in tail[-last_lines:]] if last_lines else []

    def _open(self) -> None:
        if self.handle is not None:
            self.handle.close()
        self.handle = open(self.link, "rb")
        self.inode = os.fstat(self.handle.fileno()).st_ino

    def new_lines(self) -> list[str]:
        data = self.partial + self.handle.read(READ_CHUNK)
        try:
            rolled = os.stat(self.link).st_ino != self.inode
        except FileNotFoundError:
            rolled = False
        if rolled:
            data += self.handle.read()
            self._open()
        lines = data.split(b"\n")
        self.partial = lines.pop()
        return [line.decode("utf-8", "replace") for line in lines]

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()


async def follow(ctx: CommandContext, link: Path, show: Callable[[str], None],
                 last_lines: int = 10, keep: Callable[[str], bool] = lambda line: True) -> None:
    """Show the last lines, then every new line, until the command is interrupted (Ctrl-C) or
    its input ends (``ssh host tail mail_logs`` whose stdin closes)."""
    ctx.dialog.settle()  # the arguments are all read: record the command line now
    following = asyncio.ensure_future(_follow(link, show, last_lines, keep))
    watching = asyncio.ensure_future(_until_input_ends(ctx))
    try:
        await asyncio.wait({following, watching}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        following.cancel()
        watching.cancel()
    if following.done() and not following.cancelled() and following.exception() is not None:
        raise following.exception()


async def _until_input_ends(ctx: CommandContext) -> None:
    """Keys typed while a log is followed do nothing; the end of input ends the command."""
    while True:
        try:
            await ctx.dialog.terminal.read_key()
        except EOFError:
            return


async def _follow(link: Path, show: Callable[[str], None], last_lines: int,
                  keep: Callable[[str], bool]) -> None:
    follower = Follower(link)
    try:
        for line in follower.open_at_end(last_lines):
            if keep(line):
                show(line)
        while True:
            await asyncio.sleep(FOLLOW_INTERVAL)
            for line in follower.new_lines():
                if keep(line):
                    show(line)
    finally:
        follower.close()


def log_file(ctx: CommandContext, name: str, unable: str) -> Path:
    """The current file of log ``name``; aborts with ``unable`` when there is none."""
    mail = ctx.appliance.mail
    path = mail.log_path(name) if mail is not None else None
    if path is None or not Path(path).exists():
        raise CommandAborted(unable)
    return Path(path)
