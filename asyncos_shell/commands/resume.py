"""``resume``: receive on every suspended listener and deliver again."""
from __future__ import annotations

from .. import strings
from ..engine.context import CommandContext
from ..engine.batchargs import IGNORED
from ..engine.registry import COMMIT_ROLES, command
from ._queue import mail
from ._suspend import resume_delivery, resume_receiving


@command("resume", strings.text("resume.description"), roles=COMMIT_ROLES, restricted="machine",
         batch=IGNORED)
async def resume(ctx: CommandContext, args: list[str]) -> None:
    ctx.out("")
    resume_receiving(ctx, mail(ctx).suspended()["listeners"])
    resume_delivery(ctx)
