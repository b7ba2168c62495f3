"""``nslookup``: ask the appliance's DNS servers (dnsconfig) for one record type of a host and
print each record on one line with its TTL; an IP address is looked up at once as a PTR record,
without the query type question (Cisco's QA driver for the Web Security Appliance's nslookup,
``csa/testlib/coeus1201/cli/ctor/nslookup.py``, waits for "Choose the query type:" or "PTR="
after the host).  Batch: ``nslookup <host> [<type>]``."""
from __future__ import annotations

import ipaddress
from typing import Optional

from .. import strings
from ..engine.batchargs import Arg, Batch, Form, answer_with
from ..engine.context import CommandContext
from ..engine.registry import COMMIT_ROLES, command
from . import dnsconfig_strings  # noqa: F401  (registers the strings)
from ._dns import TYPES, lookup


@command("nslookup", strings.text("nslookup.description"), usage=strings.text("nslookup.usage"),
         roles=COMMIT_ROLES,
         # ``nslookup host``: the address, as BIND's nslookup
         batch=Batch(Form("lookup", Arg("host"), Arg("type", optional=True, default="A"),
                          answers=answer_with("host", "type"))))
async def nslookup(ctx: CommandContext, args: list[str]) -> None:
    dialog = ctx.dialog
    host = await dialog.ask(strings.text("nslookup.host"))
    width = max(len(t) for t in TYPES) + 4
    listing = "\n".join(strings.text("list.item", number=n,
                                     text=f"{t.ljust(width)}{strings.text(f'nslookup.type.{t}')}")
                        for n, t in enumerate(TYPES, 1))

    def check(answer: str) -> Optional[str]:
        return None if _type(answer) else strings.text("nslookup.bad_type", high=len(TYPES))

    if _is_address(host):
        rtype = "PTR"
    else:
        rtype = _type(await dialog.ask(f"{strings.text('nslookup.type')}\n{listing}", "1",
                                       validate=check))
    result = await lookup(ctx, host, rtype)
    ctx.out("")
    if result is None or result["status"] == "SERVFAIL":
        ctx.out(strings.text("nslookup.timeout"))
        ctx.cli.failed = True
    elif result["status"] == "NXDOMAIN":
        ctx.out(strings.text("nslookup.nxdomain"))
        ctx.cli.failed = True
    elif result["status"] != "NOERROR":
        ctx.out(strings.text("nslookup.failure", status=result["status"]))
        ctx.cli.failed = True
    else:
        records = [r for r in result["answers"] if r[2] == rtype]
        if not records:
            ctx.out(strings.text("nslookup.empty", type=rtype, name=host))
        for _, ttl, kind, data in records:
            ctx.out(_line(kind, data, ttl))


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _type(answer: str) -> Optional[str]:
    if answer.isdigit() and 1 <= int(answer) <= len(TYPES):
        return TYPES[int(answer) - 1]
    return answer.upper() if answer.upper() in TYPES else None


def _line(kind: str, data: str, ttl: int) -> str:
    shown = duration(ttl)
    if kind == "MX":
        preference, host = data.split(" ", 1)
        return strings.text("nslookup.record.MX", host=host.rstrip("."), preference=preference,
                            ttl=shown)
    if kind in ("PTR", "NS", "CNAME"):
        data = data.rstrip(".")
    return strings.text("nslookup.record", type=kind, data=data, ttl=shown)


def duration(seconds: int) -> str:
    """``1h``, ``5m``, ``1h 30m 5s``, ``0s``: a TTL as the appliance shows it."""
    parts = [(seconds // 86400, "d"), (seconds % 86400 // 3600, "h"),
             (seconds % 3600 // 60, "m"), (seconds % 60, "s")]
    return " ".join(f"{value}{unit}" for value, unit in parts if value) or "0s"
