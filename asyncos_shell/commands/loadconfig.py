"""``loadconfig``: load a configuration file into the pending changes (cli.md §5.14)."""
from __future__ import annotations

import asyncio

from cluster import tree, xmlconf
from cluster.validate import ConfigError

from .. import strings
from ..engine.batchargs import Arg, Batch, Form
from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted
from ..engine.registry import CONFIG_ROLES, command
from . import _configfile
from .listenerconfig_files import TableFileError


@command("loadconfig", "Load XML configuration file from the /configuration directory or paste it "
         "directly into the CLI.", usage="loadconfig [file]", roles=CONFIG_ROLES,
         # ``loadconfig file``: "2. Load from file" and the file's name
         batch=Batch(Form("file", Arg("file"), answers=lambda values: ["2", values["file"]])))
async def loadconfig(ctx: CommandContext, args: list[str]) -> None:
    session = ctx.session
    if session.has_changes and not await ctx.dialog.yes_no(strings.text("load.discard"), False):
        return
    how = await ctx.dialog.choose(strings.text("load.how"), [strings.text("load.paste_item"),
                                                             strings.text("load.file_item")], 0)
    if how == 0:
        text = await paste_until_ctrl_d(ctx)
    else:
        name = await ctx.dialog.ask(strings.text("load.file"))
        path = _configfile.resolve(ctx, name)
        if path is None or not path.is_file():
            raise CommandAborted(strings.text("load.missing", name=name))
        text = await asyncio.to_thread(path.read_text, "latin-1")
    if not text.strip():
        raise CommandAborted(strings.text("load.none"))
    try:
        loaded = _configfile.load_config(ctx.appliance, text, session.config)
    except xmlconf.MaskedSecrets:
        raise CommandAborted(strings.text("load.masked"))
    except (xmlconf.XmlConfigError, TableFileError):
        raise CommandAborted(strings.text("load.failed"))
    except ConfigError as error:
        raise CommandAborted("\n".join([strings.text("load.invalid"), *error.errors]))
    if not tree.diff(session.config.to_tree(), loaded.to_tree()):
        ctx.out(strings.text("load.unchanged"))
        return
    session.config.levels, session.config.foreign_xml = loaded.levels, loaded.foreign_xml
    ctx.out(strings.text("load.done"))


async def paste_until_ctrl_d(ctx: CommandContext) -> str:
    """The pasted XML ends with Ctrl-D on a line of its own (not ``.``: cli.md §5.14)."""
    if not ctx.dialog.batch:
        ctx.out(strings.text("load.paste"))
    lines = []
    while True:
        try:
            line = await ctx.dialog.terminal.read_line("")
        except EOFError:
            break
        if "\x04" in line:
            lines.append(line.split("\x04", 1)[0])
            break
        lines.append(line)
    return "\n".join(lines)
