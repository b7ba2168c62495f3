"""The route table: each page module registers its handlers with ``@route``; ``gui.py`` reads it.

A handler is ``async def handler(call: Call) -> Reply``; ``access`` says who may open it:
``public`` (the login page), ``any`` logged-in user (Monitor pages), ``config`` the roles that
may configure (``model.CONFIG_ROLES``, as the CLI's configuration commands).
"""
from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass, field
from typing import Awaitable, Callable, Optional

PUBLIC, ANY, CONFIG = "public", "any", "config"


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


# Takes the request's ``gui.Call`` (not imported here: gui.py reads this table).
Handler = Callable[..., Awaitable[Reply]]


@dataclass(frozen=True)
class Route:
    method: str
    pattern: re.Pattern
    handler: Handler
    access: str


ROUTES: list[Route] = []


def route(method: str, path: str, access: str = CONFIG) -> Callable[[Handler], Handler]:
    """``path`` is a regular expression matched against the whole path; its named groups are
    handed to the handler as ``call.params``."""
    def register(handler: Handler) -> Handler:
        ROUTES.append(Route(method, re.compile(path + r"\Z"), handler, access))
        return handler
    return register


def find(method: str, path: str) -> tuple[Optional[Route], dict[str, str], bool]:
    """(route, its parameters, whether the path exists for some other method)."""
    exists = False
    for entry in ROUTES:
        match = entry.pattern.match(path)
        if match is None:
            continue
        if entry.method == method or (method == "HEAD" and entry.method == "GET"):
            return entry, match.groupdict(), True
        exists = True
    return None, {}, exists


def load_pages() -> None:
    """Import every module of ``asyncos_web.pages`` (each registers its routes once)."""
    from . import pages
    for info in pkgutil.iter_modules(pages.__path__):
        importlib.import_module(f"{pages.__name__}.{info.name}")
