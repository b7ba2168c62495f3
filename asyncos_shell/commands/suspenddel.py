"""``suspenddel``: stop delivery to every domain or to the domains given (received mail stays
queued).  Batch: ``suspenddel [seconds [domains]]``."""
from __future__ import annotations

from .. import strings
from ..engine.batchargs import Arg, Batch, Form
from ..engine.context import CommandContext
from ..engine.registry import COMMIT_ROLES, command
from ._queue import ask_seconds
from ._suspend import ask_domains, suspend_delivery


# The seconds, then the domains question's answer (``a.com, b.com`` is one answer).
BATCH = Batch(Form("seconds", Arg("seconds"), Arg("domains", many=True, optional=True),
                   answers=lambda values: [values["seconds"], *(
                       [" ".join(values["domains"])] if values["domains"] else [])]))


@command("suspenddel", strings.text("suspenddel.description"),
         usage="suspenddel [seconds [domains]]", roles=COMMIT_ROLES, restricted="machine",
         batch=BATCH)
async def suspenddel(ctx: CommandContext, args: list[str]) -> None:
    wait = await ask_seconds(ctx)
    # the one-line form without domains suspends every domain, as ALL does
    domains = (None if ctx.batch.form and not ctx.batch["domains"]
               else await ask_domains(ctx, "suspenddel"))
    ctx.out("")
    await suspend_delivery(ctx, wait, domains)
