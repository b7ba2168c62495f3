"""``clusterset``: copy, move and delete a command's settings among the cluster, group and machine
modes (the CLI twin of the GUI's Centralized Management "Manage Settings"; the AsyncOS user
guide names the command, its dialogue is not documented).  Changes are pending until commit.
"""
from __future__ import annotations

import copy

from cluster.levels import ClusterConfig

from .. import strings
from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted, run_menu
from ..engine.levels import mode_name
from ..engine.registry import COMMANDS, CONFIG_ROLES, command
from . import cluster_strings  # noqa: F401  (registers the strings)

strings.register({
    "cset.op.copy": ("Copy settings from one mode to another.", "R"),
    "cset.op.move": ("Move settings from one mode to another.", "R"),
    "cset.op.delete": ("Delete settings from a mode.", "R"),
    "cset.op.print": ("Display the modes where settings are configured.", "R"),
    "cset.which": ("Choose the settings:", "R"),
    "cset.from": ("Choose the mode to copy or move the settings from:", "R"),
    "cset.to": ("Choose the mode to copy or move the settings to:", "R"),
    "cset.delete_from": ("Choose the mode to delete the settings from:", "R"),
    "cset.overwrite": ("Settings already exist at {mode}. Do you want to replace them?", "R"),
    "cset.nowhere": ("There is no other mode to use.", "R"),
    "cset.last": ("The settings at {mode} are the only ones for {machine} and cannot be deleted.",
                  "R"),
})


def _commands() -> dict[str, str]:
    """Section -> the command that configures it (from the command table)."""
    found: dict[str, str] = {}
    for entry in COMMANDS.values():
        for section in () if entry.hidden else entry.sections:
            found.setdefault(section, entry.name)
    return found


def _modes(config: ClusterConfig) -> list[str]:
    return ["cluster", *(f"group:{g}" for g in config.groups),
            *(f"machine:{m}" for m in config.machines)]


@command("clusterset", "Copy, move or delete settings among the cluster, group and machine modes.",
         roles=CONFIG_ROLES)
async def clusterset(ctx: CommandContext, args: list[str]) -> None:
    config = ctx.session.config
    if not config.clustered:
        raise CommandAborted("\n" + strings.text("cmode.not_clustered"))
    sections = _commands()
    names = sorted(sections, key=sections.get)

    async def pick_section() -> str:
        labels = [sections[s] for s in names]
        return names[await ctx.dialog.choose(strings.text("cset.which"), labels, 0)]

    async def pick_mode(question: str, modes: list[str]) -> str:
        if not modes:
            raise CommandAborted(strings.text("cset.nowhere"))
        return modes[await ctx.dialog.choose(question, [mode_name(config, m) for m in modes], 0)]

    async def transfer(move: bool) -> None:
        section = await pick_section()
        source = await pick_mode(strings.text("cset.from"),
                                 [m for m in _modes(config) if config.get(section, m) is not None])
        target = await pick_mode(strings.text("cset.to"), [m for m in _modes(config) if m != source])
        if config.get(section, target) is not None and not await ctx.dialog.yes_no(
                strings.text("cset.overwrite", mode=mode_name(config, target)), False):
            return
        orphan = orphan_without(section, source, gaining=target) if move else None
        if orphan is not None:
            raise CommandAborted(strings.text("cset.last", mode=mode_name(config, source),
                                              machine=orphan))
        config.put(section, target, copy.deepcopy(config.get(section, source)))
        if move:
            config.remove(section, source)

    def orphan_without(section: str, losing: str, gaining: str | None = None) -> str | None:
        """A machine that would have no ``section`` at any level if ``losing`` lost it (and
        ``gaining`` got it)."""
        for machine in config.machines:
            chain = config.chain(machine)
            if gaining not in chain and not any(section in config.levels.get(key, {})
                                                for key in chain if key != losing):
                return machine
        return None

    async def delete() -> None:
        section = await pick_section()
        mode = await pick_mode(strings.text("cset.delete_from"),
                               [m for m in _modes(config) if config.get(section, m) is not None])
        orphan = orphan_without(section, mode)
        if orphan is not None:
            raise CommandAborted(strings.text("cset.last", mode=mode_name(config, mode),
                                              machine=orphan))
        config.remove(section, mode)

    async def show() -> None:
        ctx.out("")
        for section in names:
            where = [mode_name(config, m) for m in _modes(config) if config.get(section, m) is not None]
            ctx.out(f"{sections[section]}: {', '.join(where)}")

    await run_menu(ctx.dialog, lambda: [
        ("COPY", strings.text("cset.op.copy"), lambda: transfer(False)),
        ("MOVE", strings.text("cset.op.move"), lambda: transfer(True)),
        ("DELETE", strings.text("cset.op.delete"), delete),
        ("PRINT", strings.text("cset.op.print"), show),
    ])
