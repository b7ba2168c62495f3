"""``rollovernow``: close a log's current file as a saved ``.s`` file (with its ``Logfile rolled
over`` / ``End Logfile`` lines) and start a new one; one log or all of them."""
from __future__ import annotations

from .. import strings
from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted
from ..engine.registry import COMMIT_ROLES, command
from . import rollovernow_strings  # noqa: F401
from ._logs import choose_log, committed_logs


@command("rollovernow", strings.text("rollovernow.description"), usage="rollovernow [log_name]",
         roles=COMMIT_ROLES)
async def rollovernow(ctx: CommandContext, args: list[str]) -> None:
    subs = committed_logs(ctx)
    all_logs = strings.text("rollovernow.all")
    index = await choose_log(ctx.dialog, subs, strings.text("rollovernow.which"), [all_logs])
    chosen = subs if index == len(subs) else [subs[index]]
    mail = ctx.appliance.mail
    if mail is None:
        raise CommandAborted(strings.text("rollovernow.unable"))
    for sub in chosen:
        mail.rollover(sub.name)
    ctx.out("")
    ctx.out(strings.text("rollovernow.done"))
