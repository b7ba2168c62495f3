"""``suspenddel``: stop delivery (received mail stays queued).  Batch: ``suspenddel [seconds]``."""
from __future__ import annotations

from .. import strings
from ..engine.context import CommandContext
from ..engine.registry import COMMIT_ROLES, command
from ._queue import ask_seconds
from ._suspend import suspend_delivery


@command("suspenddel", strings.text("suspenddel.description"), usage="suspenddel [seconds]",
         roles=COMMIT_ROLES, restricted="machine")
async def suspenddel(ctx: CommandContext, args: list[str]) -> None:
    wait = await ask_seconds(ctx)
    ctx.out("")
    await suspend_delivery(ctx, wait)
