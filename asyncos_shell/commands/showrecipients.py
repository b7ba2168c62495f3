"""``showrecipients``: the queued recipients by recipient host, by Envelope From address, or
all.  Batch: ``showrecipients [host <hostname> | sender <address> | all]``."""
from __future__ import annotations

from .. import strings
from ..engine.context import CommandContext
from ..engine.registry import command
from ._queue import mail, selection, selection_batch

USAGE = "showrecipients [host <hostname> | sender <address> | all]"


@command("showrecipients", strings.text("showrecipients.description"), usage=USAGE,
         batch=selection_batch(USAGE))
async def showrecipients(ctx: CommandContext, args: list[str]) -> None:
    by, value = await selection(ctx, "show")
    rows = mail(ctx).queued_recipients(by, value)   # a sender matches whatever its case
    # After an Envelope From address the appliance asks whether case matters (Cisco's QA
    # driver, zeus1498/cli/ctor/showrecipients.py, answers ``issensitive`` there).
    if by == "sender" and not ctx.batch.form and await ctx.dialog.yes_no(
            strings.text("showrecipients.sensitive"), False):
        rows = [row for row in rows if row["sender"] == value]
    out = ctx.out
    out("")
    out(strings.text("queue.please_wait", doing="Showing"))
    out("")
    if not rows:
        out(strings.text("showrecipients.none"))
        return
    out(strings.text("showrecipients.header1"))
    out(strings.text("showrecipients.header2"))
    for row in rows:
        out(f"{row['mid']:<9}{row['size']:<9}{row['sender'] or '<>':<32}{row['subject']}")
        out(f"{'[' + str(row['rid']) + ']':<9}{'[' + str(row['attempts']) + ']':<9}"
            f"{row['recipient']}")
