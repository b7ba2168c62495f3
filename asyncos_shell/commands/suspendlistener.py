"""``suspendlistener``: close the chosen listeners' ports (clients are refused) after their
open sessions had the chosen seconds to finish.  Batch:
``suspendlistener [all | name[,name...]] [seconds]``."""
from __future__ import annotations

from .. import strings
from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted
from ..engine.registry import COMMIT_ROLES, command
from ._queue import ask_seconds
from ._suspend import choose_listeners, listener_names, suspend_receiving


@command("suspendlistener", strings.text("suspendlistener.description"),
         usage="suspendlistener [all|listener[,listener...]] [seconds]", roles=COMMIT_ROLES,
         restricted="machine")
async def suspendlistener(ctx: CommandContext, args: list[str]) -> None:
    names = listener_names(ctx)
    if not names:
        raise CommandAborted(strings.text("suspend.no_listeners"))
    chosen = await choose_listeners(ctx, "suspend", names)
    await suspend_receiving(ctx, chosen, await ask_seconds(ctx))
