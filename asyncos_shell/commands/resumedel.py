"""``resumedel``: deliver again after ``suspenddel`` or ``suspend``, to every domain (``ALL``) or
to the domains given.  Batch: ``resumedel [domains]``."""
from __future__ import annotations

from .. import strings
from ..engine.batchargs import Arg, Batch, Form
from ..engine.context import CommandContext
from ..engine.registry import COMMIT_ROLES, command
from ._suspend import ask_domains, resume_delivery

# The words on the line are the domains question's answer (``a.com, b.com`` is one answer).
BATCH = Batch(Form("domains", Arg("domains", many=True),
                   answers=lambda values: [" ".join(values["domains"])]))


@command("resumedel", strings.text("resumedel.description"), usage="resumedel [domains]",
         roles=COMMIT_ROLES, restricted="machine", batch=BATCH)
async def resumedel(ctx: CommandContext, args: list[str]) -> None:
    domains = await ask_domains(ctx, "resumedel")
    ctx.out("")
    resume_delivery(ctx, domains)
