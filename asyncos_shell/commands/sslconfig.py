"""``sslconfig``: the TLS versions and OpenSSL cipher lists of the GUI (HTTPS), inbound SMTP
(the listeners) and outbound SMTP (delivery).  On commit they apply to the next handshake of
each (tech notes 117855, 215282).  VERIFY lists what a cipher list selects, as
``openssl ciphers -v`` does.

Per release (the profile's ``ssl_*`` flags): 13.0 on, GUI and INBOUND ask whether clients may
renegotiate (applied: OpenSSL refuses a client's renegotiation when disabled); 13.8.7 on,
OTHER_CLIENT_TLSV10, PEER_CERT_FQDN and PEER_CERT_X509 switch settings that are kept in the
configuration only (the emulator has no alert, updater or LDAP TLS clients to apply them to);
16.x numbers TLS v1.3 too."""
from __future__ import annotations

import re
import ssl
from typing import Optional

from cluster.validate import cipher_list_error, tls_methods_error

from .. import strings
from ..engine.context import CommandContext
from ..engine.registry import CONFIG_ROLES, command
from . import sslconfig_strings  # noqa: F401  (registers the strings)
from ._choices import run_menu_batch

SERVICES = ("gui", "inbound", "outbound")
# on/off settings with an ENABLE/DISABLE sub-menu each (13.8.7 on), in the ctor's order
TOGGLES = ("other_client_tlsv10", "peer_cert_fqdn", "peer_cert_x509")
# the services whose edit asks the TLS renegotiation question (13.0 on)
RENEGOTIATING = ("gui", "inbound")
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

    def toggle(flag: str):
        async def run() -> None:
            await _toggle(ctx, flag)
        return run

    def operations():
        listed = [(s.upper(), T(f"op_{s}"), edit(s)) for s in SERVICES] + [
            ("VERIFY", T("op_verify"), lambda: _verify(ctx))]
        if ctx.appliance.profile.ssl_peer_operations:
            listed += [(flag.upper(), T(f"op_{flag}"), toggle(flag)) for flag in TOGGLES]
        return listed

    await run_menu_batch(ctx.dialog, operations, status)


async def _edit(ctx: CommandContext, service: str) -> None:
    dialog = ctx.dialog
    release = ctx.appliance.profile
    offered = release.ssl_methods
    settings = getattr(ctx.session.read("ssl"), service)
    label = T(f"question_{service}")
    listing = "\n".join(f"{n}. {T(m)}" for n, m in enumerate(offered, 1))
    answer = await dialog.ask(f"{T('ask_method', service=label)}\n{listing}",
                              _numbers(settings.methods, offered),
                              validate=lambda a: _method_error(a, offered))
    ciphers = await dialog.ask(T("ask_cipher", service=label), settings.ciphers,
                               validate=_cipher_error)
    renegotiation = settings.renegotiation
    if release.ssl_renegotiation and service in RENEGOTIATING:
        renegotiation = await dialog.yes_no(T("ask_renegotiation", service=label),
                                            settings.renegotiation)
    edited = getattr(ctx.session.edit("ssl"), service)
    edited.methods, edited.ciphers = _methods(answer, offered), ciphers
    edited.renegotiation = renegotiation


async def _toggle(ctx: CommandContext, flag: str) -> None:
    """ENABLE or DISABLE one setting: only the change is listed (so the listing tells the
    state), the current state's word is taken as a no-op, as a script sends it regardless."""
    enabled = getattr(ctx.session.read("ssl"), flag)
    change, keep = ("DISABLE", "ENABLE") if enabled else ("ENABLE", "DISABLE")
    word = await ctx.dialog.menu([(change, T(f"{change.lower()}_{flag}"))], unlisted=[keep])
    if word is not None:
        setattr(ctx.session.edit("ssl"), flag, word == "ENABLE")


async def _verify(ctx: CommandContext) -> None:
    ciphers = await ctx.dialog.ask(T("ask_verify"), validate=_cipher_error)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.set_ciphers(ciphers)
    ctx.out("")
    for cipher in context.get_ciphers():
        ctx.out(cipher["description"])


def _numbers(methods: list[str], offered: tuple[str, ...]) -> str:
    """The default answer: ``3-4`` for TLS v1.2 and v1.3; versions the release does not offer
    are left out (the newest offered one when none is left)."""
    numbers = sorted(offered.index(m) + 1 for m in methods if m in offered) or [len(offered)]
    return str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}-{numbers[-1]}"


def _methods(answer: str, offered: tuple[str, ...]) -> Optional[list[str]]:
    """``1-3``, ``2,3`` or ``3`` as TLS versions; None when it is not such an answer."""
    chosen: set[int] = set()
    for part in answer.replace(" ", "").split(","):
        match = _RANGE.match(part)
        if match is None:
            return None
        low, high = int(match.group(1)), int(match.group(2) or match.group(1))
        if not 1 <= low <= high <= len(offered):
            return None
        chosen.update(range(low, high + 1))
    return [offered[n - 1] for n in sorted(chosen)]


def _method_error(answer: str, offered: tuple[str, ...]) -> Optional[str]:
    methods = _methods(answer, offered)
    if methods is None:
        return T("bad_method", high=len(offered))
    return T("not_consecutive") if tls_methods_error(methods) else None


def _cipher_error(answer: str) -> Optional[str]:
    return T("bad_cipher", ciphers=answer) if cipher_list_error(answer) else None
