"""``websecurityconfig``: URL filtering, the client certificate for Cisco Web Security Services
authentication and Web Interaction Tracking, as one linear dialogue without a menu (cli.md §5.8,
seed-summary.md §3.4 "URL filtering").

The URL allow-list question of the real dialogue needs URL lists (``urllistconfig``), which are
not emulated, so it is not asked.
"""
from __future__ import annotations

from .. import strings
from ..engine.context import CommandContext
from ..engine.registry import CONFIG_ROLES, command
from . import websecurityconfig_strings  # noqa: F401  (registers the strings)
from ._choices import choose_name


def T(string_id: str, **values: object) -> str:
    return strings.text(f"websecurityconfig.{string_id}", **values)


@command("websecurityconfig", T("description"), usage=T("usage"), roles=CONFIG_ROLES,
         sections=("websecurity",))
async def websecurityconfig(ctx: CommandContext, args: list[str]) -> None:
    dialog, current = ctx.dialog, ctx.session.read("websecurity")
    if current.url_filtering:
        enabled = not await dialog.yes_no(T("disable"), False)
    else:
        enabled = await dialog.yes_no(T("enable"), False)
    certificate, tracking = current.client_certificate, current.web_interaction_tracking
    if enabled:
        if await dialog.yes_no(T("client_certificate"), False):
            profiles = list(ctx.session.view().certificates.profiles)
            certificate = await choose_name(dialog, T("certificate"), profiles, certificate or None)
        if tracking:
            tracking = not await dialog.yes_no(T("tracking.disable"), False)
        else:
            tracking = await dialog.yes_no(T("tracking.enable"), False)
    websecurity = ctx.session.edit("websecurity")
    websecurity.url_filtering, websecurity.client_certificate = enabled, certificate
    websecurity.web_interaction_tracking = tracking
