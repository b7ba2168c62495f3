"""``resumedel``: deliver again after ``suspenddel`` or ``suspend``, to every domain (``ALL``) or
to the domains given.  Batch: ``resumedel [domains]``."""
from __future__ import annotations

from .. import strings
from ..engine.context import CommandContext
from ..engine.registry import COMMIT_ROLES, command
from ._suspend import ask_domains, resume_delivery


@command("resumedel", strings.text("resumedel.description"), usage="resumedel [domains]",
         roles=COMMIT_ROLES,
         restricted="machine")
async def resumedel(ctx: CommandContext, args: list[str]) -> None:
    domains = await ask_domains(ctx, "resumedel")
    ctx.dialog.answers.clear()
    ctx.out("")
    resume_delivery(ctx, domains)
