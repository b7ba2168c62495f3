"""``help`` and ``help <command>`` (cli.md corrections item 6, appendix A)."""
from __future__ import annotations

from .. import strings
from ..engine.batchargs import Arg, Batch, Form
from ..engine.context import CommandContext
from ..engine.registry import COMMANDS, command, lookup
from . import session_strings  # noqa: F401  (registers the strings)


@command("help", "View online help for command.", usage="help [command]",
         batch=Batch(Form("command", Arg("command"))))
async def help_(ctx: CommandContext, args: list[str]) -> None:
    if ctx.batch.form:
        name = ctx.batch["command"]
        entry = lookup(name)
        if entry is None:
            ctx.out(strings.text("help.unknown", command=name))
            return
        ctx.out(entry.usage)
        ctx.out(entry.description)
        return
    names = sorted({c.name for c in COMMANDS.values() if not c.hidden})
    width = max(len(n) for n in names) + 4
    ctx.out("")
    for name in names:
        ctx.out(f"{name:<{width}}{COMMANDS[name].description}")
