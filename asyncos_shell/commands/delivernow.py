"""``delivernow``: retry queued recipients at once, of one recipient host or all of them.
Batch: ``delivernow [all | <domain>]``."""
from __future__ import annotations

from .. import strings
from ..engine.batchargs import Arg, Batch, Form
from ..engine.context import CommandContext
from ..engine.registry import COMMIT_ROLES, command
from ._queue import domain_error, mail


@command("delivernow", strings.text("delivernow.description"), usage="delivernow [all|domain]",
         roles=COMMIT_ROLES, restricted="machine", batch=Batch(Form("domain", Arg("domain"))))
async def delivernow(ctx: CommandContext, args: list[str]) -> None:
    dialog = ctx.dialog
    if ctx.batch.form:
        word = ctx.batch["domain"]
        domain = None if word.lower() == "all" else word
    else:
        index = await dialog.choose(strings.text("delivernow.choose"),
                                    [strings.text("delivernow.by_host"),
                                     strings.text("delivernow.all")], default=0)
        domain = (await dialog.ask(strings.text("delivernow.which"), validate=domain_error)
                  if index == 0 else None)
    mail(ctx).deliver_now(domain)
    ctx.out("")
    ctx.out(strings.text("delivernow.all_done") if domain is None
            else strings.text("delivernow.host_done", domain=domain))
