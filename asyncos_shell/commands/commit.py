"""``commit``: make the session's pending changes real (cli.md §3.2)."""
from __future__ import annotations

import asyncio
import os

from cluster.backend import BackendUnavailable, NothingToCommit
from cluster.lab import MachineMoved
from cluster.validate import ConfigError

from .. import strings
from ..engine.cli import timestamp
from ..engine.context import CommandContext
from ..engine.registry import COMMIT_ROLES, CONFIG_ROLES, command


@command("commit", "Commit pending configuration changes.", roles=CONFIG_ROLES)
async def commit(ctx: CommandContext, args: list[str]) -> None:
    session = ctx.session
    if not session.has_changes:
        ctx.out("")
        ctx.out(strings.text("commit.nothing"))
        return
    if ctx.cli.role not in COMMIT_ROLES:
        ctx.out("")
        ctx.out(strings.text("error.access"))
        return
    comment = await ctx.dialog.ask(strings.text("commit.comment"), "", required=False)
    save = True
    profile = ctx.appliance.profile
    if session.view().system.rollback_enabled and profile.rollback_question:
        save = await ctx.dialog.yes_no(strings.text("commit.rollback"), True)
    await commit_pending(ctx, comment, save)


async def commit_pending(ctx: CommandContext, comment: str, save: bool) -> None:
    """Commit the session's pending changes with ``comment`` and say how it went (the commit
    command, and rollbackconfig's "commit this configuration now?")."""
    session, profile = ctx.session, ctx.appliance.profile
    if profile.slow_commit_seconds:
        await asyncio.sleep(profile.slow_commit_seconds)
    try:
        # fsync and validation run off the event loop; the store serialises commits.
        record = await asyncio.to_thread(session.commit, comment, save)
    except NothingToCommit:
        ctx.out("")
        ctx.out(strings.text("commit.nothing"))
        return
    except MachineMoved:
        ctx.out("")
        ctx.out(strings.text("session.discarded", machine=ctx.appliance.machine))
        return
    except BackendUnavailable as error:
        ctx.out("")
        ctx.out(strings.text("commit.unavailable", reason=str(error)))
        return
    except ConfigError as error:
        ctx.out("")
        ctx.out(strings.text("commit.invalid"))
        for reason in error.errors:
            ctx.out(f"  {reason}")
        return
    ctx.appliance.logs.write("system_logs", f"PID {os.getpid()}: User {ctx.cli.user.name} "
                             f"commit changes: {comment}")
    ctx.out("")
    ctx.out(strings.text("commit.done", when=timestamp(record.time)))
