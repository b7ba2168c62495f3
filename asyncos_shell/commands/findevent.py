"""``findevent``: find messages in the mail logs by envelope sender, recipient or subject (a
regular expression) or by MID, and show every log line of the chosen message (with its
connections' lines).  Batch (the appliance's): ``findevent [-i] [-f from | -s subject | -t to]
log_name`` and ``findevent -m mid log_name``; in batch every matching message is shown."""
from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Optional

from .. import strings
from ..engine.batchargs import Arg, Batch, Form
from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted
from ..engine.registry import CONFIG_ROLES, command
from . import queue_strings  # noqa: F401
from ._logs import choose_log, committed_logs, log_file
from ._queue import usage_error
from ._tracking import search, story

KINDS = ("from", "mid", "subject", "to")
LOG_SETS = ("all", "select", "current")
FLAGS = {"-f": "from", "-s": "subject", "-t": "to", "-m": "mid"}
MAIL_LOG_TYPE = "IronPort Text Mail Logs"


def _mid_error(text: str) -> Optional[str]:
    return None if text.isdigit() else strings.text("findevent.bad_mid")


def _batch() -> Batch:
    """``findevent [-i] (-f from | -s subject | -t to | -m mid) log_name``: one form per kind."""
    usage = usage_error(strings.text("findevent.usage").replace("\n", " | "))
    return Batch(*(Form(kind, Arg("insensitive", flag="-i", switch=True),
                        Arg("value", flag=flag, fits=lambda v, kind=kind: kind != "mid"
                            or not _mid_error(v)), Arg("log"))
                   for flag, kind in FLAGS.items()), error=usage)


@command("findevent", strings.text("findevent.description"),
         usage=strings.text("findevent.usage"), roles=CONFIG_ROLES, batch=_batch())
async def findevent(ctx: CommandContext, args: list[str]) -> None:
    subs = [s for s in committed_logs(ctx) if s.type == MAIL_LOG_TYPE]
    batch = bool(ctx.batch.form)
    log_set = "all"
    if batch:
        kind, value, insensitive, log_name = (ctx.batch.form, ctx.batch["value"],
                                              ctx.batch["insensitive"], ctx.batch["log"])
        names = {s.name.lower(): s.name for s in subs}
        if log_name.lower() not in names:
            raise CommandAborted(strings.text("logs.unknown", name=log_name))
        log_name = names[log_name.lower()]
    else:
        kind, value, insensitive = await _ask_search(ctx)
        log_name = subs[await choose_log(ctx.dialog, subs, strings.text("findevent.log"))].name
        log_set = LOG_SETS[await ctx.dialog.choose(
            strings.text("findevent.files"), [strings.text(f"findevent.files_{s}")
                                              for s in LOG_SETS], default=2)]
    current = log_file(ctx, log_name, strings.text("findevent.unable"))
    files = (sorted(p for p in current.parent.iterdir() if p.suffix in (".c", ".s"))
             if log_set != "current" else [current])
    if log_set == "select":
        files = await _choose_files(ctx, files)
    if kind == "mid":
        mids = [int(value)]
    else:
        try:
            pattern = re.compile(value, re.IGNORECASE if insensitive else 0)
        except re.error as error:
            raise CommandAborted(strings.text("shared.bad_regexp", error=error)) from None
        matches = await asyncio.to_thread(search, files, kind, pattern)
        if not matches:
            raise CommandAborted(strings.text("findevent.none"))
        items = [strings.text("findevent.match", mid=m.mid, when=m.when, value=m.value)
                 for m in matches]
        if batch:
            mids = [m.mid for m in matches]
        else:
            index = await ctx.dialog.choose(strings.text("findevent.found"), items, default=0)
            mids = [matches[index].mid]
    for mid in mids:
        lines = await asyncio.to_thread(story, files, mid)
        if not lines:
            raise CommandAborted(strings.text("findevent.none"))
        ctx.out("")
        for line in lines:
            ctx.out(line)


async def _choose_files(ctx: CommandContext, files: list[Path]) -> list[Path]:
    """``Select log files by date list``: the files, oldest first, by number; several numbers
    separated by commas, or a range with a dash."""
    listing = "\n".join(strings.text("list.item", number=n, text=p.name)
                         for n, p in enumerate(files, 1))
    answer = await ctx.dialog.ask(f"{strings.text('findevent.available')}\n{listing}",
                                  validate=lambda text: None if _numbers(text, len(files))
                                  else strings.text("suspend.bad_choice", high=len(files)))
    return [files[n - 1] for n in _numbers(answer, len(files))]


def _numbers(text: str, high: int) -> list[int]:
    """``1,3-4`` -> [1, 3, 4]; [] when a part is not a number or range from 1 to ``high``."""
    chosen: list[int] = []
    for part in (p.strip() for p in text.split(",")):
        low, _, top = part.partition("-")
        if not (low.isdigit() and (not top or top.isdigit())):
            return []
        first, last = int(low), int(top or low)
        if not 1 <= first <= last <= high:
            return []
        chosen.extend(range(first, last + 1))
    return sorted(set(chosen))


async def _ask_search(ctx: CommandContext) -> tuple[str, str, bool]:
    """The kind, then the MID or the regular expression.  The dialogue asks nothing about
    case: Cisco's QA driver (``findevent.py``) answers only the questions of the search type,
    the expression or MID, the log, the set of logs, the files and the result, and fails on any
    other; only the one-line form's ``-i`` ignores case."""
    dialog = ctx.dialog
    kind = KINDS[await dialog.choose(strings.text("findevent.kind"),
                                     [strings.text(f"findevent.by_{k}") for k in KINDS],
                                     default=0)]
    if kind == "mid":
        return kind, await dialog.ask(strings.text("findevent.mid"), validate=_mid_error), False
    return kind, await dialog.ask(strings.text("findevent.regexp"), validate=_regexp_error), False


def _regexp_error(text: str) -> Optional[str]:
    try:
        re.compile(text)
    except re.error as error:
        return strings.text("shared.bad_regexp", error=error)
    return None
