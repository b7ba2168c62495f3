"""``sslconfig``: the TLS versions and OpenSSL cipher lists of the GUI (HTTPS), inbound SMTP
(the listeners) and outbound SMTP (delivery).  On commit they apply to the next handshake of
each (tech notes 117855, 215282).  VERIFY lists what a cipher list selects, as
``openssl ciphers -v`` does."""
from __future__ import annotations

import re
import ssl
from typing import Optional

from cluster import model
from cluster.validate import cipher_list_error, tls_methods_error

from .. import strings
from ..engine.context import CommandContext
from ..engine.registry import CONFIG_ROLES, command
from . import sslconfig_strings  # noqa: F401  (registers the strings)
from ._choices import run_menu_batch

SERVICES = ("gui", "inbound", "outbound")
_RANGE = re.compile(r"^(\d+)(?:-(\d+))?$")


def T(string_id: str, **values: object) -> str:
    return strings.text(f"sslconfig.{string_id}", **values)


@command("sslconfig", T("description"), usage="sslconfig", roles=CONFIG_ROLES,
         sections=("ssl",))
async def sslconfig(ctx: CommandContext, args: list[str]) -> None:
    def status() -> str:
        current = ctx.session.read("ssl")
        lines = ["", T("settings")]
        for service in SERVICES:
            settings = getattr(current, service)
            lines.append(T("method", service=T(service), methods="".join(settings.methods)))
            lines.append(T("ciphers", service=T(service)))
            lines += [T("cipher", cipher=c) for c in settings.ciphers.split(":") if c]
        return "\n".join(lines)

    def edit(service: str):
        async def run() -> None:
            await _edit(ctx, service)
        return run

    def operations():
        return [(s.upper(), T(f"op_{s}"), edit(s)) for s in SERVICES] + [
            ("VERIFY", T("op_verify"), lambda: _verify(ctx))]

    await run_menu_batch(ctx.dialog, operations, status)


async def _edit(ctx: CommandContext, service: str) -> None:
    dialog = ctx.dialog
    settings = getattr(ctx.session.read("ssl"), service)
    label = T(f"question_{service}")
    listing = "\n".join(f"{n}. {T(m)}" for n, m in enumerate(model.TLS_METHODS, 1))
    answer = await dialog.ask(f"{T('ask_method', service=label)}\n{listing}",
                              _numbers(settings.methods), validate=_method_error)
    ciphers = await dialog.ask(T("ask_cipher", service=label), settings.ciphers,
                               validate=_cipher_error)
    edited = getattr(ctx.session.edit("ssl"), service)
    edited.methods, edited.ciphers = _methods(answer), ciphers


async def _verify(ctx: CommandContext) -> None:
    ciphers = await ctx.dialog.ask(T("ask_verify"), validate=_cipher_error)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.set_ciphers(ciphers)
    ctx.out("")
    for cipher in context.get_ciphers():
        ctx.out(cipher["description"])


def _numbers(methods: list[str]) -> str:
    """The default answer: ``3-4`` for TLS v1.2 and v1.3."""
    numbers = sorted(model.TLS_METHODS.index(m) + 1 for m in methods)
    return str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}-{numbers[-1]}"


def _methods(answer: str) -> Optional[list[str]]:
    """``1-3``, ``2,3`` or ``3`` as TLS versions; None when it is not such an answer."""
    chosen: set[int] = set()
    for part in answer.replace(" ", "").split(","):
        match = _RANGE.match(part)
        if match is None:
            return None
        low, high = int(match.group(1)), int(match.group(2) or match.group(1))
        if not 1 <= low <= high <= len(model.TLS_METHODS):
            return None
        chosen.update(range(low, high + 1))
    return [model.TLS_METHODS[n - 1] for n in sorted(chosen)]


def _method_error(answer: str) -> Optional[str]:
    methods = _methods(answer)
    if methods is None:
        return T("bad_method", high=len(model.TLS_METHODS))
    return T("not_consecutive") if tls_methods_error(methods) else None


def _cipher_error(answer: str) -> Optional[str]:
    return T("bad_cipher", ciphers=answer) if cipher_list_error(answer) else None
