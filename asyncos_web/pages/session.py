"""Log in, log out, System Status and Commit Changes: the pages every user meets.

Logins go through the appliance's login accounting, the one SSH and FTP use (``cluster.logins``:
the hash off the event loop at equal cost for unknown users, failures counted toward the same
account lock, the growing delay per source, locked accounts refused), and write the
authentication and GUI log lines of mail-logs.md §6 [V].  The login form has
its own CSRF token (a random value in a short-lived cookie and the form), since there is no
session yet.
"""
from __future__ import annotations

import asyncio
import hmac
import os
from typing import Any

from cluster import model
from cluster.backend import BackendUnavailable, NothingToCommit
from cluster.lab import MachineMoved
from cluster.validate import ConfigError

from .. import strings
from ..gui import CSRF_FIELD, Call
from ..routes import ANY, CONFIG, PUBLIC, Reply, route
from ..sessions import new_token

LOGIN_COOKIE = "login_csrf"
MAX_NAME = 64


@route("GET", "/", ANY)
async def home(call: Call) -> Reply:
    return call.redirect("/monitor/status")


@route("GET", "/login", PUBLIC)
async def login_page(call: Call) -> Reply:
    if call.session is not None:
        return call.redirect("/monitor/status")
    reason = {"expired": "login.expired", "logout": "login.logged_out"}.get(call.field("reason"))
    return _login_form(call, strings.text(reason) if reason else "")


def _login_form(call: Call, message: str, status: int = 200, username: str = "") -> Reply:
    token = new_token()
    call.request.setHeader(b"set-cookie", f"{LOGIN_COOKIE}={token}; Path=/login; Secure; "
                                          f"HttpOnly; SameSite=Strict; Max-Age=3600".encode())
    ssh = next((port for service, address, port in call.appliance.endpoints
                if service == "SSH"), None)
    host = call.request.getRequestHostname().decode("ascii", "replace")
    cli = f"ssh -p {ssh} admin@{host}" if ssh else ""
    return call.render("login.html", status, login_token=token, message=message,
                       username=username, cli=cli)


@route("POST", "/login", PUBLIC)
async def login(call: Call) -> Reply:
    cookie = (call.request.getCookie(LOGIN_COOKIE.encode()) or b"").decode("ascii", "replace")
    if not cookie or not hmac.compare_digest(cookie.encode(), call.field(CSRF_FIELD).encode()):
        return call.message("error.csrf", status=403)
    name = call.field("username").strip()[:MAX_NAME]
    accounts = call.gui.accounts
    user = await accounts.check(name, call.field("password"))
    logs = call.appliance.logs
    if user is None:
        delay = accounts.failed(name, call.remote, f"an {call.connection} connection")
        await asyncio.sleep(delay)   # the growing delay per source, as SSH and FTP
        return _login_form(call, _refusal(call, name), 401, username=name)
    accounts.succeeded(name, call.remote)
    session = call.gui.sessions.open(user, call.remote, call.appliance.new_session(user.name),
                                     call.connection)
    call.session = session
    call.request.gui_user = (user.name, session.id)
    logs.write("authentication", f"The user {user.name} successfully logged on from {call.remote} "
                                 f"with privilege {user.role} using an {call.connection} "
                                 f"connection.")
    logs.write("gui_logs", f"SourceIP:{call.remote} Destination:/login Username:{user.name} "
                           f"Privilege:{user.role} session:{session.id} Action: The "
                           f"{call.connection} session has been established successfully.")
    call.set_cookie(session.id)
    return call.redirect("/monitor/status")


def _refusal(call: Call, name: str) -> str:
    """The login page's message: the ACCOUNT policy's locked-account message for an account an
    administrator locked, when the policy shows it; otherwise the one failure message, which
    tells a wrong passphrase, an unknown user and a lock by failed logins apart from nothing."""
    policy = call.appliance.view().users.account_policy
    if policy.show_locked_message and call.gui.accounts.locked_by_admin(name):
        return policy.locked_message
    return strings.text("login.failed")


@route("POST", "/logout", ANY)
async def logout(call: Call) -> Reply:
    session = call.gui.sessions.close(call.session.id)
    call.appliance.logs.write("authentication", f"logout:{call.remote} user:{session.user.name} "
                                                f"session:{session.id}")
    call.set_cookie("", max_age=0)
    call.session = None
    return call.redirect("/login?reason=logout")


@route("GET", "/monitor/status", ANY)
async def system_status(call: Call) -> Reply:
    ident = call.appliance.identity
    rows = [("status.hostname", call.appliance.view().system.hostname),
            ("status.model", ident.model), ("status.version", ident.version),
            ("status.serial", ident.serial), ("status.interface", call.interface)]
    return call.render("status.html", rows=rows)


# -- Commit Changes --------------------------------------------------------------------------
def describe_changes(changes: list[tuple[tuple, Any]]) -> list[str]:
    """One line per changed setting: where it is (section > ... > setting, then the level when
    it is not this machine's own) and its new value; private keys are never shown."""
    lines = []
    for path, value in changes:
        level, parts = (path[1], path[2:]) if path[:1] == ("levels",) and len(path) > 1 \
            else ("", path)
        where = " > ".join(str(part) for part in parts)
        if level and not level.startswith("machine:"):
            where += f" ({level})"
        if isinstance(value, (dict, list)):
            shown = strings.text("change.new")
        elif isinstance(value, str) and "PRIVATE KEY" in value:
            shown = strings.text("change.secret")
        elif isinstance(value, str) and len(value) > 80:
            shown = value[:77] + "..."
        elif value is None or isinstance(value, (str, int, float, bool)):
            shown = value
        else:   # the tree's marker of a removed setting
            lines.append(strings.text("change.removed", path=where))
            continue
        lines.append(strings.text("change.set", path=where, value=shown))
    return lines


def _commit_page(call: Call, status: int = 200, errors: tuple = (), message: str = "") -> Reply:
    return call.render("commit.html", status,
                       changes=describe_changes(call.pending_changes()),
                       errors=list(errors), message=message, comment=call.field("comment"),
                       kind="info" if status == 200 else "error")


@route("GET", "/commit", CONFIG)
async def commit_page(call: Call) -> Reply:
    return _commit_page(call)


@route("POST", "/commit", CONFIG)
async def commit(call: Call) -> Reply:
    session = call.session
    if call.field("action") == "abandon":
        session.config.clear()
        return call.redirect("/monitor/status", strings.text("commit.abandoned"))
    if not session.config.has_changes:
        return _commit_page(call, message=strings.text("commit.nothing"))
    if session.role not in model.COMMIT_ROLES:
        return _commit_page(call, 403, message=strings.text("commit.access"))
    comment = call.field("comment").strip()
    save = session.config.view().system.rollback_enabled
    try:
        # validation and fsync run off the event loop; the store serialises commits.
        await asyncio.to_thread(session.config.commit, comment, save)
    except NothingToCommit:
        return _commit_page(call, message=strings.text("commit.nothing"))
    except MachineMoved:
        return call.redirect("/monitor/status", strings.text(
            "session.discarded", machine=session.config.machine), "error")
    except BackendUnavailable as error:
        return _commit_page(call, 503, message=strings.text("commit.unavailable",
                                                            reason=str(error)))
    except ConfigError as error:
        return _commit_page(call, 400, errors=error.errors, message=strings.text("commit.invalid"))
    call.appliance.logs.write("system_logs", f"PID {os.getpid()}: User {session.user.name} "
                                             f"commit changes: {ascii(comment)[1:-1]}")
    return call.redirect("/monitor/status", strings.text("commit.done"))


@route("POST", "/mode", CONFIG)
async def change_mode(call: Call) -> Reply:
    """Change Mode: the level (Cluster, Group, Machine) the session's changes go to."""
    config = call.session.config
    wanted = call.field("mode")
    allowed = {key for key, _ in call.level("system")["modes"]}
    if wanted in allowed:
        config.mode = wanted
    target = call.field("next")
    return call.redirect(target if target.startswith("/") and not target.startswith("//")
                         else "/monitor/status")
