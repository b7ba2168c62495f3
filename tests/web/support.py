"""Driving the GUI's handlers in-process: a browser-like client (cookies, the CSRF token of the
last page) over ``Gui.render`` with Twisted's ``DummyRequest``, no sockets."""
from __future__ import annotations

import asyncio
import html
import re
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Optional

from twisted.internet.address import IPv4Address
from twisted.web.test.requesthelper import DummyRequest

from asyncos_emulator.appliance import ShellConfigFiles
from asyncos_web.gui import Gui
from harness import RecordingLogs, make_appliance

TOKEN = re.compile(r'name="CSRFKey" value="([A-Za-z0-9]+)"')


class Request(DummyRequest):
    def __init__(self, method: str, path: str, args: dict, cookies: dict):
        target, _, query = path.partition("?")
        super().__init__(target.split("/")[1:])
        self.method, self.path, self.uri = method.encode(), target.encode(), path.encode()
        self.args = {k.encode(): [v if isinstance(v, bytes) else v.encode() for v in vs]
                     for k, vs in args.items()}
        for pair in filter(None, query.split("&")):
            name, _, value = pair.partition("=")
            self.args.setdefault(name.encode(), []).append(value.encode())
        self.cookies_in = cookies
        self.client = IPv4Address("TCP", "192.168.1.1", 40000)

    def getCookie(self, name: bytes) -> Optional[bytes]:
        value = self.cookies_in.get(name.decode())
        return value.encode() if value is not None else None


@dataclass
class Page:
    status: int
    body: str
    headers: dict[str, str]
    raw: bytes = b""

    @property
    def token(self) -> str:
        match = TOKEN.search(self.body)
        assert match, self.body
        return match.group(1)

    def field_error(self, name: str) -> str:
        match = re.search(rf'<div class="field-error" id="error-{name}">([^<]*)</div>', self.body)
        return html.unescape(match.group(1)) if match else ""


@dataclass
class Client:
    gui: Gui
    cookies: dict[str, str] = field(default_factory=dict)
    token: str = ""

    def request(self, method: str, path: str, **form) -> Page:
        values = {k: v if isinstance(v, list) else [v] for k, v in form.items()}
        request = Request(method, path, values, dict(self.cookies))

        async def serve() -> None:
            done = asyncio.get_running_loop().create_future()
            request.notifyFinish().addBoth(lambda _: done.done() or done.set_result(None))
            self.gui.render(request, secure=True, interface="Management")
            await done

        asyncio.run(serve())
        headers = {k.decode().lower(): v[-1].decode()
                   for k, v in request.responseHeaders.getAllRawHeaders()}
        for raw in request.responseHeaders.getRawHeaders(b"set-cookie") or []:
            cookie = SimpleCookie(raw.decode())
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        raw = b"".join(request.written)
        page = Page(request.responseCode or 200, raw.decode("utf-8", "replace"), headers, raw)
        if TOKEN.search(page.body):
            self.token = page.token
        return page

    def get(self, path: str) -> Page:
        return self.request("GET", path)

    def post(self, path: str, **form) -> Page:
        """A form submitted from the last page (its CSRF token unless one is given)."""
        form.setdefault("CSRFKey", self.token)
        return self.request("POST", path, **form)

    def login(self, user: str = "admin", password: str = "ironport") -> Page:
        self.get("/login")
        return self.post("/login", username=user, password=password)


def make_gui(tmp_path) -> tuple[Gui, RecordingLogs]:
    appliance = make_appliance(tmp_path)
    appliance.logs = RecordingLogs()
    return Gui(appliance, ShellConfigFiles(appliance), accounts=appliance.accounts), appliance.logs
