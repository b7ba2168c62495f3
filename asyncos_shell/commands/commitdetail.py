"""``commitdetail``: details of the last commit made in this session."""
from __future__ import annotations

from .. import strings
from ..engine.cli import timestamp
from ..engine.context import CommandContext
from ..engine.registry import command


@command("commitdetail", "View details about the last commit in the active session.")
async def commitdetail(ctx: CommandContext, args: list[str]) -> None:
    mine = [r for r in ctx.appliance.history()
            if r.user == ctx.cli.user.name and r.time >= ctx.cli.login.start]
    ctx.out("")
    if not mine:
        ctx.out(strings.text("commitdetail.none"))
        return
    record = mine[-1]
    ctx.out(f"Commit ID: {record.revision}")
    ctx.out(f"User: {record.user}")
    ctx.out(f"Time: {timestamp(record.time)}")
    ctx.out(f"Comment: {record.comment}")
    ctx.out("Changed settings:")
    for path in record.changes:
        ctx.out("  " + ".".join(str(p) for p in path))
