"""``suspend``: stop receiving on every listener and stop delivery; open connections get the
chosen number of seconds to finish.  Batch: ``suspend [seconds]``."""
from __future__ import annotations

from .. import strings
from ..engine.context import CommandContext
from ..engine.registry import COMMIT_ROLES, command
from ._queue import ask_seconds
from ._suspend import listener_names, suspend_delivery, suspend_receiving


@command("suspend", strings.text("suspend.description"), usage="suspend [seconds]",
         roles=COMMIT_ROLES, restricted="machine")
async def suspend(ctx: CommandContext, args: list[str]) -> None:
    wait = await ask_seconds(ctx)
    await suspend_receiving(ctx, listener_names(ctx), wait)
    await suspend_delivery(ctx, wait)
