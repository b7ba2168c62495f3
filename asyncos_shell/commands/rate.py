"""``rate``: connections, received and completed recipients and queue size, one line every
few seconds until Ctrl-C.  Batch: ``rate [seconds]``."""
from __future__ import annotations

import asyncio
import datetime as dt
from typing import Callable, Sequence

from .. import strings
from ..engine.context import CommandContext
from ..engine.registry import command
from ._queue import mail

DEFAULT_SECONDS = 10
HEADER_EVERY = 20

Row = Callable[[dict, dict], str]   # (counters now, counters one interval ago) -> the line's values


async def monitor(ctx: CommandContext, headers: Sequence[str], row: Row) -> None:
    """Ask the interval, then a line of ``row`` per interval (the headers again every
    ``HEADER_EVERY`` lines) until the command is interrupted."""
    facade = mail(ctx)
    seconds = await ctx.dialog.ask_int(strings.text("rate.interval"), DEFAULT_SECONDS, low=1,
                                       high=3600)
    ctx.out("")
    ctx.out(strings.text("rate.stop"))
    ctx.out("")
    last = facade.counters()
    line = 0
    while True:
        if line % HEADER_EVERY == 0:
            for header in headers:
                ctx.dialog.stream(header)
        await asyncio.sleep(seconds)
        now = facade.counters()
        ctx.dialog.stream(f"{dt.datetime.now():%H:%M:%S}" + row(now, last))
        last = now
        line += 1


def _rates(now: dict, last: dict) -> str:
    """The columns' widths are those of a real line (see queue_strings.py, ``rate.header1``)."""
    received = now.get("recipients_received", 0)
    completed = now.get("completed_recipients", 0)
    return (f"{now.get('current_inbound', 0):>4}{now.get('current_outbound', 0):>6}"
            f"{received:>11}{received - last.get('recipients_received', 0):>9}"
            f"{completed:>11}{completed - last.get('completed_recipients', 0):>10}"
            f"{now.get('queue_kilobytes', 0):>8}")


@command("rate", strings.text("rate.description"), usage="rate [seconds]")
async def rate(ctx: CommandContext, args: list[str]) -> None:
    await monitor(ctx, [strings.text("rate.header1"), strings.text("rate.header2")], _rates)
