"""``tail``: pick a log (by number, or by name as in ``tail mail_logs``) and follow it until
Ctrl-C, lines exactly as in the file (cli.md §5.11, mail-logs.md §7.2)."""
from __future__ import annotations

from .. import strings
from ..engine.context import CommandContext
from ..engine.registry import CONFIG_ROLES, command
from . import tail_strings  # noqa: F401
from ._logs import choose_log, follow, log_file, readable_logs


@command("tail", strings.text("tail.description"), usage="tail [log_name]", roles=CONFIG_ROLES)
async def tail(ctx: CommandContext, args: list[str]) -> None:
    subs = readable_logs(ctx)
    index = await choose_log(ctx.dialog, subs, strings.text("tail.which"))
    path = log_file(ctx, subs[index].name, strings.text("tail.unable"))
    ctx.out("")
    ctx.out(strings.text("tail.stop"))
    await follow(ctx, path, ctx.dialog.stream)
