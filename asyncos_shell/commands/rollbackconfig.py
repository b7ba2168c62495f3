"""``rollbackconfig``: load one of the last 10 saved configurations as pending changes."""
from __future__ import annotations

from cluster.levels import ClusterConfig

from .. import strings
from ..engine.cli import timestamp
from ..engine.context import CommandContext
from ..engine.registry import CONFIG_ROLES, command


@command("rollbackconfig", "Roll back to one of the last 10 saved configurations.",
         roles=CONFIG_ROLES, restricted="cluster")
async def rollbackconfig(ctx: CommandContext, args: list[str]) -> None:
    lab, machine = ctx.appliance.lab, ctx.appliance.machine
    saved = list(reversed(lab.rollback_revisions(machine)))
    if not saved:
        ctx.out("")
        ctx.out(strings.text("rollback.none"))
        return
    items = [f"{timestamp(r.time)}  {r.user}  {r.comment}" for r in saved]
    record = saved[await ctx.dialog.choose(strings.text("rollback.choose"), items, 0)]
    if not await ctx.dialog.yes_no(strings.text("rollback.confirm"), False):
        return
    loaded = ClusterConfig.from_tree(lab.rollback_tree(machine, record.revision))
    ctx.session.config.levels = loaded.levels
    ctx.out("")
    ctx.out(strings.text("rollback.loaded"))
