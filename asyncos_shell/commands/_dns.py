"""What ``nslookup`` and ``dig`` share: the record types and the question to the appliance's
resolver (``MailFacade.dns_lookup``)."""
from __future__ import annotations

import ipaddress
from typing import Optional

from .. import strings
from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted

TYPES = ("A", "AAAA", "CNAME", "MX", "NS", "PTR", "SOA", "TXT")


def query_name(host: str, rtype: str) -> str:
    """An IP address asked for PTR records means its reverse name."""
    if rtype == "PTR":
        try:
            return ipaddress.ip_address(host).reverse_pointer
        except ValueError:
            pass
    return host


async def lookup(ctx: CommandContext, host: str, rtype: str,
                 server: Optional[str] = None) -> Optional[dict]:
    mail = ctx.appliance.mail
    if mail is None:
        raise CommandAborted(strings.text("nslookup.unavailable"))
    return await mail.dns_lookup(query_name(host, rtype), rtype, server)
