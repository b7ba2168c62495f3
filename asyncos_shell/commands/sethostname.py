"""``sethostname``: the system hostname; the prompt changes after commit (cli.md §5.2)."""
from __future__ import annotations

from cluster.validate import hostname_error

from ..engine.context import CommandContext
from ..engine.registry import CONFIG_ROLES, command


@command("sethostname", "Set the name of the machine.", usage="sethostname [hostname]",
         roles=CONFIG_ROLES, restricted="machine", sections=("system",))
async def sethostname(ctx: CommandContext, args: list[str]) -> None:
    system = ctx.session.edit("system")
    system.hostname = await ctx.dialog.ask("", system.hostname, validate=hostname_error)
