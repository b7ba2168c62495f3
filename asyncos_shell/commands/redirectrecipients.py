"""``redirectrecipients``: send everything in the queue to one relay host instead of its own
route.  Batch: ``redirectrecipients host <hostname>`` (no confirmation)."""
from __future__ import annotations

import re
from typing import Optional

from .. import strings
from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted
from ..engine.registry import COMMIT_ROLES, command
from ._queue import mail

USAGE = "redirectrecipients host <hostname>"
# A host name or IPv4 address; labs may append ``:port`` (peers listen on other ports than 25).
_HOST = re.compile(r"^[A-Za-z0-9_.-]+(?::\d{1,5})?$")


def host_error(text: str) -> Optional[str]:
    return None if _HOST.match(text) else strings.text("redirectrecipients.bad_host")


@command("redirectrecipients", strings.text("redirectrecipients.description"), usage=USAGE,
         roles=COMMIT_ROLES, restricted="machine")
async def redirectrecipients(ctx: CommandContext, args: list[str]) -> None:
    dialog = ctx.dialog
    if dialog.batch:
        words = list(dialog.answers)
        dialog.answers.clear()
        if len(words) != 2 or words[0].lower() != "host" or host_error(words[1]):
            raise CommandAborted(strings.text("queue.bad_batch", usage=USAGE))
        host = words[1]
    else:
        host = await dialog.ask(strings.text("redirectrecipients.host"), validate=host_error)
        if not await dialog.yes_no(strings.text("redirectrecipients.confirm", host=host), False):
            return
    ctx.out("")
    ctx.out(strings.text("queue.please_wait", doing="Redirecting"))
    ctx.out(strings.text("redirectrecipients.done", count=mail(ctx).redirect_recipients(host)))
