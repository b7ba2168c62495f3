"""``rollbackconfig``: roll back to one of the last 10 saved configurations (ROLLBACK), and
switch the saving of configurations for rollback on or off (SETUP).

The dialogue follows Cisco's QA library for ESA 11.0-14.1 (``csa/testlib/phoebe*/cli/ctor/
rollbackconfig.py``): a menu with ROLLBACK and SETUP; ROLLBACK picks a commit from a numbered
list (committed on, user, description), asks whether to roll back, then whether to commit the
configuration now.  Not committing leaves it as the session's pending changes.  SETUP asks to
enable or to disable the feature, whichever it is not; the change is pending until ``commit``.
"""
from __future__ import annotations

from cluster.levels import ClusterConfig

from .. import strings
from ..engine.cli import timestamp
from ..engine.context import CommandContext
from ..engine.dialog import run_menu
from ..engine.registry import COMMIT_ROLES, CONFIG_ROLES, command
from .commit import commit_now


@command("rollbackconfig", "Roll back to one of the last 10 saved configurations.",
         roles=CONFIG_ROLES, restricted="cluster")
async def rollbackconfig(ctx: CommandContext, args: list[str]) -> None:
    await run_menu(ctx.dialog, lambda: [
        ("ROLLBACK", strings.text("rollback.op.rollback"), lambda: rollback(ctx)),
        ("SETUP", strings.text("rollback.op.setup"), lambda: setup(ctx)),
    ])


async def rollback(ctx: CommandContext) -> None:
    lab, machine = ctx.appliance.lab, ctx.appliance.machine
    saved = list(reversed(lab.rollback_revisions(machine)))
    if not saved:
        ctx.out("")
        ctx.out(strings.text("rollback.none"))
        return
    items = [f"{timestamp(r.time)}  {r.user}  {r.comment}" for r in saved]
    record = saved[await ctx.dialog.choose(strings.text("rollback.choose"), items, 0)]
    if not await ctx.dialog.yes_no(strings.text("rollback.confirm"), False):
        return
    loaded = ClusterConfig.from_tree(lab.rollback_tree(machine, record.revision))
    ctx.session.config.levels = loaded.levels
    # a role that cannot commit keeps the rolled-back configuration pending, unasked
    if ctx.cli.role in COMMIT_ROLES and await ctx.dialog.yes_no(
            strings.text("rollback.commit_now"), False):
        await commit_now(ctx, record.comment, ctx.session.view().system.rollback_enabled)
        return
    ctx.out("")
    ctx.out(strings.text("rollback.loaded"))


async def setup(ctx: CommandContext) -> None:
    enabled = ctx.session.read("system").rollback_enabled
    question = "rollback.disable" if enabled else "rollback.enable"
    if await ctx.dialog.yes_no(strings.text(question), False):
        ctx.session.edit("system").rollback_enabled = not enabled
