"""``adminaccessconfig``: the CLI session inactivity timeout (the banner's "idle for N minutes")."""
from __future__ import annotations

from .. import strings
from ..engine.context import CommandContext
from ..engine.dialog import run_menu
from ..engine.registry import CONFIG_ROLES, command

strings.register({
    "admin.status": ("Web UI and CLI session inactivity timeout: {minutes} minutes", "R"),
    "admin.op.timeout": ("Configure GUI and CLI session inactivity timeout.", "R"),
    "admin.timeout": ("Enter the number of minutes of inactivity after which a session is "
                      "closed (5 to 1440).", "R"),
})


@command("adminaccessconfig", "Configure network access list, banner login and session timeout.",
         roles=CONFIG_ROLES, restricted="machine", sections=("system",))
async def adminaccessconfig(ctx: CommandContext, args: list[str]) -> None:
    system = ctx.session.edit("system")

    async def timeout() -> None:
        system.cli_timeout_minutes = await ctx.dialog.ask_int(
            strings.text("admin.timeout"), system.cli_timeout_minutes, low=5, high=1440)

    await run_menu(ctx.dialog, lambda: [("TIMEOUT", strings.text("admin.op.timeout"), timeout)],
                   status=lambda: "\n" + strings.text("admin.status",
                                                      minutes=system.cli_timeout_minutes))
