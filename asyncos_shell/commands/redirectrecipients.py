"""``redirectrecipients``: send everything in the queue to one relay host instead of its own
route.  Batch: ``redirectrecipients host <hostname>`` (no confirmation)."""
from __future__ import annotations

import re
from typing import Optional

from .. import strings
from ..engine.batchargs import Arg, Batch, Form, literal
from ..engine.context import CommandContext
from ..engine.registry import COMMIT_ROLES, command
from ._queue import mail, usage_error

USAGE = "redirectrecipients host <hostname>"
# A host name or IPv4 address; labs may append ``:port`` (peers listen on other ports than 25).
_HOST = re.compile(r"^[A-Za-z0-9_.-]+(?::\d{1,5})?$")


def host_error(text: str) -> Optional[str]:
    return None if _HOST.match(text) else strings.text("shared.bad_host")


@command("redirectrecipients", strings.text("redirectrecipients.description"), usage=USAGE,
         roles=COMMIT_ROLES, restricted="machine",
         batch=Batch(Form("host", literal("host"), Arg("hostname", fits=lambda w: not host_error(w))),
                     error=usage_error(USAGE)))
async def redirectrecipients(ctx: CommandContext, args: list[str]) -> None:
    dialog = ctx.dialog
    if ctx.batch.form:
        host = ctx.batch["hostname"]
    else:
        host = await dialog.ask(strings.text("redirectrecipients.host"), validate=host_error)
        if not await dialog.yes_no(strings.text("redirectrecipients.confirm", host=host), False):
            return
    ctx.out("")
    ctx.out(strings.text("queue.please_wait", doing="Redirecting"))
    ctx.out(strings.text("redirectrecipients.done", count=mail(ctx).redirect_recipients(host)))
