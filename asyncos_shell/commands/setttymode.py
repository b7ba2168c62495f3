"""``setttymode``: the undocumented command Cisco's own CLI test harness sends right after login
(``setttymode 0 1``, cli.md §1 [S]).  The appliance answers nothing; neither does the emulator,
whatever the arguments, so scripts written against a real box do not stumble on an unknown
command."""
from __future__ import annotations

from ..engine.context import CommandContext
from ..engine.registry import command


@command("setttymode", "", usage="setttymode [rows] [columns]", hidden=True)
async def setttymode(ctx: CommandContext, args: list[str]) -> None:
    return None
