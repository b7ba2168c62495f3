"""``clear`` / ``clearchanges``: abandon the session's pending changes (cli.md §3.3)."""
from __future__ import annotations

from .. import strings
from ..engine.cli import timestamp
from ..engine.context import CommandContext
from ..engine.registry import command


@command("clear", "Abandon all pending configuration changes.", aliases=("clearchanges",))
async def clear(ctx: CommandContext, args: list[str]) -> None:
    if not ctx.session.has_changes:
        ctx.out("")
        ctx.out(strings.text("clear.nothing"))
        return
    if await ctx.dialog.yes_no(strings.text("clear.confirm"), True):
        ctx.session.clear()
        ctx.out("")
        ctx.out(strings.text("clear.done", when=timestamp()))
