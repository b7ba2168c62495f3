"""``rollbackconfig``: ROLLBACK loads one of the last 10 configurations saved for rollback (the
``commit`` question) as pending changes and offers to commit them; SETUP turns the rollback
configuration on or off.  The dialogue follows Cisco's QA driver
``csa/testlib/phoebe1411/cli/ctor/rollbackconfig.py`` (see ``rollbackconfig_strings``)."""
from __future__ import annotations

from typing import Optional

from cluster.levels import ClusterConfig
from cluster.model import System
from cluster.session import ConfigSession

from .. import strings
from ..engine.cli import timestamp
from ..engine.context import CommandContext
from ..engine.registry import COMMIT_ROLES, CONFIG_ROLES, command
from . import rollbackconfig_strings  # noqa: F401  (registers the strings)
from ._choices import run_menu_batch
from .commit import commit_pending

NUMBER_WIDTH = 5  # "1.   " then the Committed On column


def T(string_id: str, **values: object) -> str:
    return strings.text(f"rollback.{string_id}", **values)


@command("rollbackconfig", "Roll back to one of the last 10 saved configurations.",
         roles=CONFIG_ROLES, restricted="cluster")
async def rollbackconfig(ctx: CommandContext, args: list[str]) -> None:
    def operations() -> list:
        setup_op = ("SETUP", T("op.setup"), lambda: setup(ctx))
        if not _system(ctx.session).rollback_enabled:
            return [setup_op]  # the ROLLBACK operation is not offered while it is disabled
        return [("ROLLBACK", T("op.rollback"), lambda: rollback(ctx)), setup_op]

    await run_menu_batch(ctx.dialog, operations)


async def rollback(ctx: CommandContext) -> None:
    lab, machine, dialog = ctx.appliance.lab, ctx.appliance.machine, ctx.dialog
    saved = list(reversed(lab.rollback_revisions(machine)))  # newest first
    if not saved:
        dialog.out("")
        dialog.out(T("none"))
        return
    rows = [(timestamp(r.time), r.user, r.comment) for r in saved]
    dialog.out("")
    dialog.out(_listing(rows))

    def check(answer: str) -> Optional[str]:
        if answer and not (answer.isdigit() and 1 <= int(answer) <= len(saved)):
            return T("invalid")
        return None

    answer = await dialog.ask(T("number"), validate=check, required=False)
    if not answer:
        return
    record = saved[int(answer) - 1]
    if not await dialog.yes_no(T("confirm"), False):
        return
    loaded = ClusterConfig.from_tree(lab.rollback_tree(machine, record.revision))
    ctx.session.config.levels = loaded.levels
    if ctx.cli.role in COMMIT_ROLES and await dialog.yes_no(T("commit"), False):
        # the rolled-back configuration keeps the description it was committed with
        await commit_pending(ctx, record.comment, _system(ctx.session).rollback_enabled)


def _listing(rows: list[tuple[str, str, str]]) -> str:
    """The commits under their column names, numbered as the input list is answered."""
    when_width = max(len(T("column_when")), *(len(when) for when, _, _ in rows)) + 2
    user_width = max(len(T("column_user")), *(len(user) for _, user, _ in rows)) + 2

    def line(number: str, when: str, user: str, description: str) -> str:
        return (f"{number:<{NUMBER_WIDTH}}{when:<{when_width}}{user:<{user_width}}"
                f"{description}").rstrip()

    header = line("", T("column_when"), T("column_user"), T("column_description"))
    return "\n".join([header, *(line(f"{n}.", *row) for n, row in enumerate(rows, 1))])


async def setup(ctx: CommandContext) -> None:
    enabled = _system(ctx.session).rollback_enabled
    ctx.dialog.out("")
    ctx.dialog.out(T("status", state=T("enabled" if enabled else "disabled")))
    if await ctx.dialog.yes_no(T("disable" if enabled else "enable"), False):
        _system(ctx.session).rollback_enabled = not enabled


def _system(session: ConfigSession) -> System:
    """This machine's system settings with the pending changes, at the level that holds them
    (the machine's own in a cluster, where the command runs in cluster mode)."""
    config = session.config
    return config.get("system", config.level_of("system", session.machine))
