"""``exit`` / ``quit``: end the session, asking first when changes are pending (cli.md §3.4)."""
from __future__ import annotations

from .. import strings
from ..engine.cli import SessionExit
from ..engine.context import CommandContext
from ..engine.registry import command


@command("exit", "Exit CLI. Will warn you about uncommitted changes.", aliases=("quit",))
async def exit_(ctx: CommandContext, args: list[str]) -> None:
    if (ctx.session.has_changes and ctx.appliance.profile.exit_question
            and not await ctx.dialog.yes_no(strings.text("exit.confirm"), False)):
        return
    raise SessionExit()
