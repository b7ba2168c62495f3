"""``resumedel``: deliver again after ``suspenddel`` or ``suspend``."""
from __future__ import annotations

from .. import strings
from ..engine.context import CommandContext
from ..engine.batchargs import IGNORED
from ..engine.registry import COMMIT_ROLES, command
from ._suspend import resume_delivery


@command("resumedel", strings.text("resumedel.description"), roles=COMMIT_ROLES,
         restricted="machine", batch=IGNORED)
async def resumedel(ctx: CommandContext, args: list[str]) -> None:
    ctx.out("")
    resume_delivery(ctx)
