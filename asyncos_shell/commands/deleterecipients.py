"""``deleterecipients``: remove queued recipients for good, by recipient host, by Envelope From
address, or all (each logged ``Deleted: MID n to [r]``).  Batch:
``deleterecipients [host <hostname> | sender <address> | all]`` (no confirmation)."""
from __future__ import annotations

from .. import strings
from ..engine.context import CommandContext
from ..engine.registry import COMMIT_ROLES, command
from ._queue import mail, selection, selection_batch

USAGE = "deleterecipients [host <hostname> | sender <address> | all]"


@command("deleterecipients", strings.text("deleterecipients.description"), usage=USAGE,
         roles=COMMIT_ROLES, restricted="machine", batch=selection_batch(USAGE))
async def deleterecipients(ctx: CommandContext, args: list[str]) -> None:
    by, value = await selection(ctx, "delete")
    facade = mail(ctx)
    # The confirmation comes whatever the queue holds: Cisco's QA driver (deleterecipients.py)
    # always answers it, then reads "No record of that host." or the count.
    if not ctx.batch.form and not await ctx.dialog.yes_no(
            strings.text(f"deleterecipients.confirm_{by}", value=value), False):
        return
    ctx.out("")
    if by == "host" and not facade.host_status(value)["known"]:
        ctx.out(strings.text("deleterecipients.no_record"))
        return
    if not facade.queued_recipients(by, value):
        ctx.out(strings.text("deleterecipients.none"))
        return
    ctx.out(strings.text("queue.please_wait", doing="Deleting"))
    ctx.out(strings.text("deleterecipients.done", count=facade.delete_recipients(by, value)))
