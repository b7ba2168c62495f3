"""``resetcounters``: the ``Reset`` column of ``status``, ``tophosts`` and ``hoststatus``
starts again from zero (uptime and lifetime counters go on)."""
from __future__ import annotations

from .. import strings
from ..engine.context import CommandContext
from ..engine.batchargs import IGNORED
from ..engine.registry import COMMIT_ROLES, command
from ._queue import mail


@command("resetcounters", strings.text("resetcounters.description"), roles=COMMIT_ROLES,
         batch=IGNORED)
async def resetcounters(ctx: CommandContext, args: list[str]) -> None:
    when = mail(ctx).reset_counters()
    ctx.out("")
    ctx.out(strings.text("resetcounters.done", when=ctx.appliance.timestamp(when)))
