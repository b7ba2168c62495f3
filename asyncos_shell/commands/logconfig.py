"""``logconfig``: the table of log subscriptions (mail-logs.md §1.5) and the command's menu.
The subscriptions themselves are fixed in the emulator: the menu's operations only say so."""
from __future__ import annotations

from .. import strings
from ..engine.context import CommandContext
from ..engine.dialog import run_menu
from ..engine.registry import CONFIG_ROLES, command
from . import logconfig_strings  # noqa: F401

WIDTHS = (20, 28, 19)
RULE = "-" * 81
OPERATIONS = ("NEW", "EDIT", "DELETE", "SETUP", "LOGHEADERS", "HOSTKEYCONFIG")


def table(ctx: CommandContext) -> str:
    subs = sorted(ctx.session.read("logs").subscriptions.values(), key=lambda s: s.name.lower())
    columns = strings.text("logconfig.columns").split("|")
    none = strings.text("logconfig.interval.none")
    lines = [strings.text("logs.header"), "     " + _row(columns), "    " + RULE]
    for number, sub in enumerate(subs, 1):
        lines.append(f"{number:>3}. " + _row([sub.name, sub.type, sub.retrieval, none]))
    return "\n".join(lines)


def _row(cells: list[str]) -> str:
    return "".join(cell.ljust(width) for cell, width in zip(cells, WIDTHS)) + cells[-1]


@command("logconfig", strings.text("logconfig.description"), usage="logconfig",
         roles=CONFIG_ROLES)
async def logconfig(ctx: CommandContext, args: list[str]) -> None:
    async def not_offered() -> None:
        ctx.out(strings.text("logconfig.not_offered"))

    def operations():
        return [(word, strings.text(f"logconfig.menu.{word.lower()}"), not_offered)
                for word in OPERATIONS]

    def status() -> str:
        return "\n" + table(ctx) + "\n"

    await run_menu(ctx.dialog, operations, status)
