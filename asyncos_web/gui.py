"""The GUI's request handling: sessions, access, CSRF, the frame every page is drawn in.

``Gui.render`` is called by every port (``service.py``) for every request but redirects.  It
finds the route, the logged-in session (cookie ``sid``: Secure, HttpOnly, SameSite=Strict),
checks the role and, on every POST but the login, the session's CSRF token (hidden field
``CSRFKey`` on every form), then runs the handler as an asyncio task so that it may run blocking
work (commit, key generation, password hashing) off the loop with ``asyncio.to_thread``.
"""
from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any, Optional
from urllib.parse import quote

import jinja2
from twisted.web import server

from cluster import model
from cluster.levels import CLUSTER, ClusterConfig, group_key, machine_key, split_key
from cluster.logins import LoginAccounting
from cluster.session import NotConfiguredAtLevel

from . import routes, strings
from .appliance import ConfigFiles, WebAppliance
from .routes import CONFIG, PUBLIC, Reply
from .sessions import GuiSession, SessionTable

COOKIE = "sid"
CSRF_FIELD = "CSRFKey"
STATIC = Path(__file__).parent / "static"
_STATIC_TYPES = {".css": "text/css; charset=utf-8", ".png": "image/png"}
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    # No scripts at all; styles and images from the appliance itself.
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
}
# The top menus and their pages, in the appliance's order: (menu id, [(page id, path)]).
MENUS = [
    ("menu.monitor", [("menu.system_status", "/monitor/status"),
                      ("menu.message_tracking", "/monitor/tracking"),
                      ("menu.spam_quarantine", "/monitor/spam_quarantine")]),
    ("menu.mail_policies", [("menu.hat_overview", "/mail_policies/hat"),
                            ("menu.mail_flow_policies", "/mail_policies/mail_flow"),
                            ("menu.destination_controls", "/mail_policies/destinations")]),
    ("menu.security_services", [("menu.url_filtering", "/security_services/url_filtering")]),
    ("menu.network", [("menu.ip_interfaces", "/network/interfaces"),
                      ("menu.listeners", "/network/listeners"),
                      ("menu.certificates", "/network/certificates")]),
    ("menu.system_administration", [("menu.ldap", "/system_administration/ldap"),
                                    ("menu.configuration_file",
                                     "/system_administration/configuration_file")]),
]
_log = logging.getLogger(__name__)


class Gui:
    def __init__(self, appliance: WebAppliance, config_files: Optional[ConfigFiles] = None, *,
                 accounts: LoginAccounting):
        routes.load_pages()
        self.appliance, self.config_files, self.accounts = appliance, config_files, accounts
        self.sessions = SessionTable(lambda: appliance.view().system.cli_timeout_minutes,
                                     self._expired)
        self.templates = jinja2.Environment(
            loader=jinja2.PackageLoader("asyncos_web", "templates"), autoescape=True,
            trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
        self.templates.globals.update(t=strings.text, menus=MENUS, csrf_field=CSRF_FIELD)
        # A plain list as drop-down options: each value is its own label.
        self.templates.filters["zip_pairs"] = lambda items: [(item, item) for item in items]
        self.tasks: set[asyncio.Task] = set()

    # -- entry from the ports ------------------------------------------------------------------
    def render(self, request: server.Request, *, secure: bool, interface: str):
        path = request.path.decode("utf-8", "replace")
        if path.startswith("/static/"):
            return self._static(request, path[len("/static/"):])
        call = Call(self, request, secure, interface)
        task = asyncio.ensure_future(self._serve(call))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return server.NOT_DONE_YET

    def _static(self, request: server.Request, name: str) -> bytes:
        path = STATIC / name
        if "/" in name or path.suffix not in _STATIC_TYPES or not path.is_file():
            request.setResponseCode(404)
            return b""
        request.setHeader(b"content-type", _STATIC_TYPES[path.suffix].encode())
        request.setHeader(b"cache-control", b"max-age=3600")
        return path.read_bytes()

    async def _serve(self, call: "Call") -> None:
        try:
            reply = await self._dispatch(call)
        except NotConfiguredAtLevel as error:
            reply = call.render("message.html", 409, message=strings.text(
                "mode.not_configured", mode=level_label(error.mode, call.session.config.config),
                defined=level_label(error.configured_at or CLUSTER,
                                    call.session.config.config)))
        except Exception:   # a fault in one page must not take the server down
            _log.exception("GUI handler failed for %s", call.path)
            self.appliance.logs.write("gui_logs", f"Application fault on {ascii(call.path)}",
                                      "Warning")
            reply = call.message("error.internal", status=500)
        call.finish(reply)

    async def _dispatch(self, call: "Call") -> Reply:
        method = call.request.method.decode("ascii", "replace")
        route, params, exists = routes.find(method, call.path)
        session_id = (call.request.getCookie(COOKIE.encode()) or b"").decode("ascii", "replace")
        call.session = self.sessions.find(session_id) if session_id else None
        if call.session is not None:
            call.request.gui_user = (call.session.user.name, call.session.id)
            # as the CLI before each command: other sessions' commits show, own edits stay
            if not call.session.config.refresh():
                call.session.notice = (strings.text(
                    "session.discarded", machine=call.session.config.machine), "error")
            if method != "GET":
                call.session.posts += 1
        if route is None:
            return call.message("error.not_found", status=405 if exists else 404)
        call.params = params
        if route.access != PUBLIC and call.session is None:
            reason = "?reason=expired" if session_id else ""
            return call.redirect(f"/login{reason}")
        if route.access == CONFIG and call.session.role not in model.CONFIG_ROLES:
            return call.message("error.access", status=403)
        if method == "POST" and route.access != PUBLIC and not call.session.csrf_ok(
                call.field(CSRF_FIELD)):
            self.appliance.logs.write(
                "gui_logs", f"CSRF token check failed: SourceIP:{call.remote} "
                            f"Destination:{ascii(call.path)} Username:{call.session.user.name}",
                "Warning")
            return call.message("error.csrf", status=403)
        return await route.handler(call)

    # -- sessions ------------------------------------------------------------------------------
    def _expired(self, session: GuiSession) -> None:
        self.appliance.logs.write("gui_logs", f"Session {session.id} user:{session.user.name} "
                                              f"expired")

    def close(self) -> None:
        self.sessions.close_all()


def level_label(key: str, config: ClusterConfig) -> str:
    """``Cluster lab``, ``Group Main_Group``, ``Machine esa1.example.com`` (the CLI's mode names,
    cli.md §1.3)."""
    kind, name = split_key(key)
    if kind == "cluster":
        return f"Cluster {config.cluster_name or ''}".rstrip()
    return f"{kind.capitalize()} {name}"


class Call:
    """One request as a handler sees it: the form, the session, and ways to answer."""

    def __init__(self, gui: Gui, request: server.Request, secure: bool, interface: str):
        self.gui, self.request, self.secure, self.interface = gui, request, secure, interface
        self.path = request.path.decode("utf-8", "replace")
        self.session: Optional[GuiSession] = None
        self.params: dict[str, str] = {}
        self._gone = False
        request.notifyFinish().addErrback(self._client_gone)

    def _client_gone(self, _reason) -> None:
        self._gone = True   # the handler finishes (a commit is never cut short); nobody listens

    # -- input ---------------------------------------------------------------------------------
    @property
    def appliance(self) -> WebAppliance:
        return self.gui.appliance

    @property
    def remote(self) -> str:
        return self.request.getClientAddress().host

    @property
    def connection(self) -> str:
        return "HTTPS" if self.secure else "HTTP"

    def raw(self, name: str) -> bytes:
        """A field's bytes as sent (an uploaded file's content, for multipart forms)."""
        values = (self.request.args or {}).get(name.encode())
        return values[0] if values else b""

    def field(self, name: str, default: str = "") -> str:
        values = (self.request.args or {}).get(name.encode())
        return values[0].decode("utf-8", "replace") if values else default

    def fields(self, name: str) -> list[str]:
        return [v.decode("utf-8", "replace") for v in (self.request.args or {}).get(name.encode(), [])]

    # -- the session's configuration -----------------------------------------------------------
    def view(self):
        """This machine's settings including the session's pending changes."""
        return self.session.config.view()

    def edit(self, section: str) -> Any:
        """The section to change at the session's mode (Cluster, Group or Machine; a machine-
        only section always at this machine's level).  Raises ``NotConfiguredAtLevel`` when the
        mode has no value of its own: the page then says where the settings are defined."""
        config = self.session.config
        level = self.edit_level(section)
        value = config.config.get(section, level)
        if value is None:
            raise NotConfiguredAtLevel(section, level, config.config.level_of(section,
                                                                              config.machine))
        return value

    def edit_level(self, section: str) -> str:
        config = self.session.config
        return machine_key(config.machine) if section in model.MACHINE_ONLY else config.mode

    def level(self, section: str) -> dict:
        """What the mode bar of a page about ``section`` shows: the session's mode, the modes
        it may change to, where the shown settings are defined and whether they can be edited
        in this mode."""
        config = self.session.config
        defined = config.config.level_of(section, config.machine)
        ident = config.config.machines[config.machine]
        modes = [CLUSTER] + ([group_key(ident.group)] if ident.group else []) + [
            machine_key(config.machine)]
        return {"mode": level_label(config.mode, config.config),
                "modes": [(key, level_label(key, config.config)) for key in modes],
                "current": config.mode, "defined": level_label(defined, config.config),
                "editable": config.config.get(section, self.edit_level(section)) is not None}

    # -- answers -------------------------------------------------------------------------------
    def render(self, template: str, status: int = 200, **values: Any) -> Reply:
        view = self.appliance.view()
        ident = self.appliance.identity
        session = self.session
        notice = None
        if session is not None:
            notice, session.notice = session.notice, None
        clustered = session is not None and self.appliance.committed().clustered
        html = self.gui.templates.get_template(template).render(
            session=session, path=self.path, hostname=view.system.hostname, ident=ident,
            pending=session is not None and bool(self.pending_changes()),
            notice=notice,
            csrf=session.csrf if session is not None else "", clustered=clustered,
            can_configure=session is not None and session.role in model.CONFIG_ROLES,
            **values)
        return Reply(html.encode("utf-8"), status, {"Content-Type": "text/html; charset=utf-8"})

    def pending_changes(self) -> list:
        """The session's pending changes (as ``ConfigSession.changes``, cached per request kind)."""
        return self.session.changes(self.appliance.config_revision())

    def message(self, string_id: str, status: int = 200) -> Reply:
        return self.render("message.html", status, message=strings.text(string_id))

    def redirect(self, location: str, notice: str = "", kind: str = "success") -> Reply:
        """303 See Other to ``location`` (after a POST the browser GETs it); ``notice`` is shown
        once on the next page, styled as ``kind`` (success, info, error)."""
        if notice and self.session is not None:
            self.session.notice = (notice, kind)
        return Reply(b"", 303, {"Location": location})

    def download(self, filename: str, data: bytes, content_type: str) -> Reply:
        return Reply(data, 200, {"Content-Type": content_type,
                                 "Content-Disposition":
                                     f"attachment; filename*=UTF-8''{quote(filename)}"})

    def set_cookie(self, value: str, max_age: Optional[int] = None) -> None:
        age = f"; Max-Age={max_age}" if max_age is not None else ""
        self.request.setHeader(b"set-cookie", f"{COOKIE}={value}; Path=/; Secure; HttpOnly; "
                                              f"SameSite=Strict{age}".encode())

    def finish(self, reply: Reply) -> None:
        if self._gone:
            return
        self.request.setResponseCode(reply.status)
        for name, value in {**SECURITY_HEADERS, **reply.headers}.items():
            self.request.setHeader(name.encode(), value.encode())
        self.request.setHeader(b"content-length", str(len(reply.body)).encode())
        if self.request.method != b"HEAD":
            self.request.write(reply.body)
        self.request.finish()
