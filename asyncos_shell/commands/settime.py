"""``settime``: set the appliance's clock (an offset from the host's clock, which the emulator
never changes).  Takes effect at once, without ``commit``: it is committed on its own, other
pending changes stay pending.  With NTP servers configured it first offers to stop NTP (the
servers are then removed).  Batch: ``settime MM/DD/YYYY HH:MM:SS``."""
from __future__ import annotations

import asyncio
import datetime as dt
import time
from typing import Optional

from cluster import clock

from .. import strings
from ..engine.batchargs import Arg, Batch, Form, answer_with
from ..engine.context import CommandContext
from ..engine.registry import COMMIT_ROLES, command
from . import time_strings  # noqa: F401  (registers the strings)

FORMAT = "%m/%d/%Y %H:%M:%S"


def T(string_id: str, **values: object) -> str:
    return strings.text(f"settime.{string_id}", **values)


def _one_answer(values: dict) -> list[str]:
    """The one-line form's date and time are two words of one answer."""
    return [" ".join(answer_with("date", "time")(values))]


@command("settime", T("description"), usage="settime [MM/DD/YYYY HH:MM:SS]",
         roles=COMMIT_ROLES, restricted="machine",
         batch=Batch(Form("time", Arg("date"), Arg("time", optional=True), answers=_one_answer)))
async def settime(ctx: CommandContext, args: list[str]) -> None:
    dialog = ctx.dialog
    system = ctx.appliance.view().system
    stop_ntp = False
    if system.ntp_servers:
        if not dialog.batch:
            ctx.out("")
            ctx.out(T("ntp_running"))
        stop_ntp = dialog.batch or await dialog.yes_no(T("stop_ntp"), False)
        if not stop_ntp:
            return
    if not dialog.batch:
        ctx.out("")
        ctx.out(T("warning"))
    zone = clock.zone(system.timezone)
    answer = await dialog.ask(T("ask"), validate=lambda text: _parse(text, zone) is None
                              and T("bad") or None)
    offset = _parse(answer, zone) - time.time()
    session = ctx.appliance.new_session(ctx.cli.user.name)
    edited = session.edit("system")
    edited.clock_offset_seconds = offset
    if stop_ntp:
        edited.ntp_servers = []
    await asyncio.to_thread(session.commit, "settime", False)
    ctx.out("")
    ctx.out(T("done", when=ctx.appliance.timestamp()))


def _parse(text: str, zone: dt.tzinfo) -> Optional[float]:
    try:
        return dt.datetime.strptime(text.strip(), FORMAT).replace(tzinfo=zone).timestamp()
    except ValueError:
        return None
