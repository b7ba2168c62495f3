"""``clustermode``: switch between cluster, group and machine mode (cli.md §4.2)."""
from __future__ import annotations

from cluster.levels import CLUSTER, group_key, machine_key

from .. import strings
from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted
from ..engine.registry import command
from . import cluster_strings  # noqa: F401  (registers the strings)


@command("clustermode", "Switch between machine, cluster and group mode.",
         usage="clustermode [cluster | group <group name> | machine <machine name>]")
async def clustermode(ctx: CommandContext, args: list[str]) -> None:
    config = ctx.session.config
    if not config.clustered:
        raise CommandAborted("\n" + strings.text("cmode.not_clustered"))
    kind = ("cluster", "group", "machine")[
        await ctx.dialog.choose(strings.text("cmode.choose"), ["Cluster", "Group", "Machine"], 0)]
    if kind == "cluster":
        ctx.session.mode = CLUSTER
    elif kind == "group":
        groups = list(config.groups)
        ctx.session.mode = group_key(groups[await ctx.dialog.choose(strings.text("cmode.group"),
                                                                    groups, 0)])
    else:
        machines = list(config.machines)
        current = machines.index(ctx.session.machine)
        ctx.session.mode = machine_key(machines[await ctx.dialog.choose(
            strings.text("cmode.machine"), machines, current)])
