"""``saveconfig``, ``showconfig`` and ``mailconfig``: the configuration file (cli.md §5.13–§5.16).

Roles (AsyncOS user guide, user roles): read-only operators "have access to view configuration
information" but cannot save files, so they may ``showconfig`` only; guests (status only) and
help-desk users may do none of the three.
"""
from __future__ import annotations

import asyncio
from email.message import EmailMessage
from email.utils import formatdate

from cluster import persist

from .. import strings
from ..engine.batchargs import Arg
from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted
from ..engine.registry import COMMIT_ROLES, CONFIG_ROLES, command
from . import _configfile


@command("saveconfig", "Save XML configuration file in the /configuration directory.",
         usage="saveconfig [y|n] [1|2]", roles=COMMIT_ROLES, batch=_configfile.passphrase_batch())
async def saveconfig(ctx: CommandContext, args: list[str]) -> None:
    secrets = await _configfile.passphrase_option(ctx)
    name = _configfile.file_name(ctx)
    path = ctx.appliance.config_dir / name
    await asyncio.to_thread(persist.atomic_write, path, _configfile.export(ctx, secrets).encode(), 0o600)
    ctx.out("")
    ctx.out(strings.text("config.written", hostname=ctx.appliance.hostname(),
                         path=f"/configuration/{name}"))
    ctx.out(strings.text("config.saved"))


@command("showconfig", "View XML configuration file as paged output.", usage="showconfig [1|2]",
         roles=CONFIG_ROLES, batch=_configfile.passphrase_batch())
async def showconfig(ctx: CommandContext, args: list[str]) -> None:
    secrets = await _configfile.passphrase_option(ctx)
    ctx.out("")
    ctx.dialog.write(_configfile.export(ctx, secrets))


@command("mailconfig", "Send XML configuration file via mail.", usage="mailconfig [address] [1|2]",
         roles=COMMIT_ROLES, batch=_configfile.passphrase_batch(Arg("address")))
async def mailconfig(ctx: CommandContext, args: list[str]) -> None:
    def valid(answer: str) -> str | None:
        addresses = [a.strip() for a in answer.split(",")]
        ok = all(a.count("@") == 1 and all(a.split("@")) for a in addresses)
        return None if ok else strings.text("mail.bad_address")

    answer = await ctx.dialog.ask(strings.text("mail.address"), validate=valid)
    secrets = await _configfile.passphrase_option(ctx)
    mail = ctx.appliance.mail
    if mail is None:
        raise CommandAborted(strings.text("mail.unavailable"))
    recipients = [a.strip() for a in answer.split(",")]
    hostname = ctx.appliance.hostname()
    message = EmailMessage()
    message["From"] = f"admin@{hostname}"
    message["To"] = ", ".join(recipients)
    message["Date"] = formatdate(localtime=True)
    message["Subject"] = f"Configuration file from {hostname}"
    message.set_content(f"The configuration file of {hostname} is attached.\n")
    message.add_attachment(_configfile.export(ctx, secrets).encode(), maintype="text",
                           subtype="xml", filename=_configfile.file_name(ctx))
    mail.submit(f"admin@{hostname}", recipients, bytes(message))
    ctx.out("")
    ctx.out(strings.text("mail.sent", addresses=", ".join(recipients)))
