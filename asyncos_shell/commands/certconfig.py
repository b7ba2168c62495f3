"""``certconfig``: certificate profiles, trusted certificate authorities and CRLs (cli.md §5.1).

The sub-menus live in ``certconfig_certificate`` (CERTIFICATE) and ``certconfig_authority``
(CERTAUTHORITY, CRL); everything they change is pending until ``commit``.
"""
from __future__ import annotations

from ..engine.context import CommandContext
from ._choices import run_menu_batch
from ..engine.registry import CONFIG_ROLES, command
from . import certconfig_authority, certconfig_certificate
from .certconfig_common import T, certificate_users

DEMO = "Demo"


def status(ctx: CommandContext) -> str:
    """The demonstration-certificate notice while a service uses it, then whether the services
    share one certificate."""
    used = {profile for _, profile in certificate_users(ctx) if profile}
    lines = [""]
    if DEMO in used and ctx.appliance.profile.demo_notice:
        lines += [T("certconfig.demo_notice"), ""]
    lines.append(T("certconfig.one_cert" if len(used) <= 1 else "certconfig.many_certs"))
    return "\n".join(lines)


@command("certconfig", "Configure security certificates and keys.", roles=CONFIG_ROLES,
         sections=("certificates",))
async def certconfig(ctx: CommandContext, args: list[str]) -> None:
    await run_menu_batch(ctx.dialog, lambda: [
        ("CERTIFICATE", T("certconfig.menu.certificate"), lambda: certconfig_certificate.menu(ctx)),
        ("CERTAUTHORITY", T("certconfig.menu.certauthority"),
         lambda: certconfig_authority.menu(ctx)),
        ("CRL", T("certconfig.menu.crl"), lambda: certconfig_authority.crl_menu(ctx)),
    ], status=lambda: status(ctx))
