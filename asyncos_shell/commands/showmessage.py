"""``showmessage <mid>``: a queued message as the appliance holds it (its headers and body),
after its envelope."""
from __future__ import annotations

from typing import Optional

from .. import strings
from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted
from ..engine.registry import COMMIT_ROLES, command
from ._queue import mail


@command("showmessage", strings.text("showmessage.description"), usage="showmessage [mid]",
         roles=COMMIT_ROLES)
async def showmessage(ctx: CommandContext, args: list[str]) -> None:
    mid = int(await ctx.dialog.ask(strings.text("showmessage.mid"), validate=_mid_error))
    message = await mail(ctx).message(mid)
    if message is None:
        raise CommandAborted(strings.text("showmessage.not_found", mid=mid))
    ctx.out("")
    ctx.out(strings.text("showmessage.mid_line", mid=mid))
    ctx.out(strings.text("showmessage.from", sender=message["sender"]))
    for recipient in message["recipients"]:
        ctx.out(strings.text("showmessage.to", recipient=recipient))
    ctx.out("")
    for line in message["lines"]:
        ctx.out(line)
    if message["omitted"]:
        ctx.out(strings.text("showmessage.omitted", omitted=message["omitted"]))


def _mid_error(text: str) -> Optional[str]:
    return None if text.isdigit() else strings.text("showmessage.bad_mid")
