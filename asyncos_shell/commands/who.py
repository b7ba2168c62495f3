"""``who``, ``whoami`` and ``last`` (cli.md §5.22)."""
from __future__ import annotations

import datetime as dt
import time

from cluster.model import ROLES

from .. import strings
from ..engine.context import CommandContext
from ..engine.batchargs import Arg, Batch, Form
from ..engine.registry import command
from . import session_strings  # noqa: F401  (registers the strings)

# Unix-style groups each role belonged to on the appliance ([R]).
GROUPS = {"admin": "admin, operators, config, log, guest", "operators": "operators, config, log, guest",
          "readonly": "readonly, guest", "guest": "guest", "helpdesk": "helpdesk"}


def _idle(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60}s"
    return f"{seconds // 3600}h{seconds // 60 % 60}m"


@command("who", "Show a list of currently logged in users.")
async def who(ctx: CommandContext, args: list[str]) -> None:
    ctx.out("")
    ctx.out(strings.text("who.header"))
    ctx.out("========  ==========  =========  ===============  ====")
    now = time.monotonic()
    for session in ctx.appliance.sessions:
        login = time.strftime("%I:%M%p", time.localtime(session.login.start))
        what = session.current_command or "-"
        ctx.out(f"{session.user.name:<10}{login:<12}{_idle(now - session.last_activity):<11}"
                f"{session.remote:<17}{what}")


@command("whoami", "Show name and groups for own user.")
async def whoami(ctx: CommandContext, args: list[str]) -> None:
    user = ctx.cli.user
    ctx.out("")
    ctx.out(f"Username: {user.name}")
    ctx.out(f"Full Name: {user.full_name}")
    ctx.out(f"Groups: {GROUPS.get(user.role, ROLES.get(user.role, user.role))}")


@command("last", "Show list of recently logged in users and session dates.",
         usage="last [user] [-d YYYY|YYYYMM|YYYYMMDD]",
         batch=Batch(Form("last", Arg("user", optional=True),
                          Arg("day", flag="-d", optional=True, default=""))))
async def last(ctx: CommandContext, args: list[str]) -> None:
    user, day = ctx.batch.get("user"), ctx.batch.get("day", "")
    ctx.out("")
    ctx.out(strings.text("last.header"))
    ctx.out("========  ===============  ================  ================  ==========")
    for record in reversed(ctx.appliance.logins):
        started = dt.datetime.fromtimestamp(record.start)
        if (user and record.user != user) or not started.strftime("%Y%m%d").startswith(day):
            continue
        logout = (dt.datetime.fromtimestamp(record.end).strftime("%a %b %d %H:%M")
                  if record.end else "still logged in")
        total = int((record.end or time.time()) - record.start)
        ctx.out(f"{record.user:<10}{record.remote:<17}{started.strftime('%a %b %d %H:%M'):<18}"
                f"{logout:<18}{total // 3600}h {total // 60 % 60}m")
