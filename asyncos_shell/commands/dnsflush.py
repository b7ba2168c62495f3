"""``dnsflush``: forget every cached DNS answer (after a DNS change the appliance would otherwise
keep using until the records' TTL runs out)."""
from __future__ import annotations

from .. import strings
from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted
from ..engine.registry import COMMIT_ROLES, command
from . import dnsconfig_strings  # noqa: F401  (registers the strings)


@command("dnsflush", strings.text("dnsflush.description"), usage="dnsflush [Y|N]",
         roles=COMMIT_ROLES)
async def dnsflush(ctx: CommandContext, args: list[str]) -> None:
    if not await ctx.dialog.yes_no(strings.text("dnsflush.confirm"), False):
        return
    mail = ctx.appliance.mail
    if mail is None:
        raise CommandAborted(strings.text("dnsflush.unavailable"))
    mail.dns_flush()
