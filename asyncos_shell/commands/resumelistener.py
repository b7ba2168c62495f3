"""``resumelistener``: reopen suspended listeners.  Batch:
``resumelistener [all | name[,name...]]``."""
from __future__ import annotations

from .. import strings
from ..engine.context import CommandContext
from ..engine.registry import COMMIT_ROLES, command
from ._suspend import choose_listeners, resume_receiving, suspended_listeners


@command("resumelistener", strings.text("resumelistener.description"),
         usage="resumelistener [all|listener[,listener...]]", roles=COMMIT_ROLES,
         restricted="machine")
async def resumelistener(ctx: CommandContext, args: list[str]) -> None:
    chosen = await choose_listeners(ctx, "resume", suspended_listeners(ctx))
    ctx.out("")
    resume_receiving(ctx, chosen)
