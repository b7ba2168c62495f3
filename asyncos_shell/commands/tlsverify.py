"""``tlsverify``: connect to a destination host with the real delivery client, start TLS and
verify its certificate for a domain, printing the conversation (cli.md §5.10).
Batch: ``tlsverify <domain> <host[:port]>``."""
from __future__ import annotations

import re
from typing import Optional

from .. import strings
from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted
from ..engine.registry import COMMIT_ROLES, command
from . import tlsverify_strings  # noqa: F401

_TARGET = re.compile(r"^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_.-]+)(?::(\d{1,5}))?$")
# Events after which the appliance leaves a blank line (before its final verdict).
_BLANK_BEFORE = {"success", "failure"}


@command("tlsverify", strings.text("tlsverify.description"),
         usage="tlsverify [domain] [host[:port]]", roles=COMMIT_ROLES)
async def tlsverify(ctx: CommandContext, args: list[str]) -> None:
    dialog = ctx.dialog
    domain = await dialog.ask(strings.text("tlsverify.domain"))
    target = await dialog.ask(strings.text("tlsverify.host"), domain, validate=_target_error)
    host, port = _split(target)
    mail = ctx.appliance.mail
    if mail is None:
        raise CommandAborted(strings.text("tlsverify.unavailable"))
    ctx.out("")

    def report(event: str, values: dict) -> None:
        if event in _BLANK_BEFORE:
            ctx.out("")
        ctx.out(strings.text(f"tlsverify.{event}", **values))

    ok = await mail.tlsverify(domain, host, port, report)
    if not ok:
        ctx.cli.failed = True


def _target_error(text: str) -> Optional[str]:
    match = _TARGET.match(text)
    if match is None or (match.group(2) and not 0 < int(match.group(2)) < 65536):
        return strings.text("tlsverify.bad_host")
    return None


def _split(target: str) -> tuple[str, int]:
    match = _TARGET.match(target)
    return match.group(1).strip("[]"), int(match.group(2) or 25)
