"""``dig``: one DNS question to the appliance's DNS servers (dnsconfig), or to ``@server``,
printed in the layout of BIND's dig, which the appliance runs.
``dig [-s <source>] [-t|-u] [@<server>] [<type>] <host>`` (the type may also follow the host) or
``dig -x <address> [-t|-u] [@<server>]``, as Cisco's QA driver writes them
(``csa/testlib/phoebe1411/cli/ctor/dig.py``); without arguments it asks for the host, the type,
the interface, the server and TCP."""
from __future__ import annotations

import time
from typing import Optional

from cluster.validate import is_ip

from .. import strings
from ..engine.batchargs import Arg, Batch, Form
from ..engine.context import CommandContext
from ..engine.registry import COMMIT_ROLES, command
from . import dnsconfig_strings  # noqa: F401  (registers the strings)
from ._choices import AUTO, choose_interface
from ._dns import TYPES, lookup, query_name

TAB = 8
COLUMNS = (24, 32, 40, 48)     # where BIND's dig starts the TTL, class, type and data columns
SECTIONS = ("answers", "authority", "additional")


def _type_error(answer: str) -> Optional[str]:
    if answer.upper() in TYPES:
        return None
    return strings.text("dig.bad_type", type=answer, types=", ".join(TYPES))


def _options() -> tuple[Arg, ...]:
    """-s (the source address: the lab's answers do not depend on it), -t (TCP) and -u (UDP)
    get the same answer; -x asks for the address's PTR record."""
    return (Arg("server", prefix="@", optional=True,
                check=lambda s: None if is_ip(s) else strings.text("dig.bad_server")),
            Arg("source", flag="-s", optional=True,
                check=lambda s: None if is_ip(s) else strings.text("dig.usage")),
            Arg("tcp", flag="-t", switch=True), Arg("udp", flag="-u", switch=True),
            Arg("reverse", flag="-x", switch=True))


# the type before the host (the QA driver's order) or after it
BATCH = Batch(Form("typed", *_options(),
                   Arg("type", fits=lambda word: word.upper() in TYPES, convert=str.upper),
                   Arg("host")),
              Form("query", *_options(), Arg("host"),
                   Arg("type", optional=True, default="A", check=_type_error, convert=str.upper)),
              error=lambda command, words: strings.text("dig.usage"))


@command("dig", strings.text("dig.description"), usage=strings.text("dig.usage"),
         roles=COMMIT_ROLES, batch=BATCH)
async def dig(ctx: CommandContext, args: list[str]) -> None:
    dialog = ctx.dialog
    if ctx.batch.form:
        host, server = ctx.batch["host"], ctx.batch["server"]
        rtype = "PTR" if ctx.batch["reverse"] else ctx.batch["type"]
    else:
        host, rtype, server, tcp = await _ask(ctx)
        args = [*([f"@{server}"] if server else []), *(["+tcp"] if tcp else []), host, rtype]
    result = await lookup(ctx, host, rtype, server)
    ctx.out("")
    ctx.out(strings.text("dig.banner", arguments=" ".join(args)))
    if server:
        ctx.out("; (1 server found)")
    ctx.out(strings.text("dig.global"))
    if result is None:
        ctx.out(strings.text("dig.timeout"))
        ctx.cli.failed = True
        return
    for line in report(result, query_name(host, rtype)):
        ctx.out(line)


async def _ask(ctx: CommandContext) -> tuple[str, str, Optional[str], bool]:
    """The appliance's questions, in the order Cisco's QA driver answers them (dig.py in its
    library): host, record type (a list), interface, DNS server (blank: the configured ones),
    TCP.  The interface only picks the source address, which the lab's answers do not depend
    on, so it is asked and not used."""
    dialog = ctx.dialog
    host = await dialog.ask(strings.text("dig.host"))
    rtype = TYPES[await dialog.choose(strings.text("dig.type"), TYPES, default=0)]
    await choose_interface(dialog, strings.text("dig.interface"),
                           ctx.appliance.view().interfaces, AUTO)
    server = await dialog.ask(strings.text("dig.dns_server"), "", required=False,
                              validate=lambda text: None
                              if not text or is_ip(text) else strings.text("dig.bad_server"))
    tcp = await dialog.yes_no(strings.text("dig.tcp"), False)
    return host, rtype, server or None, tcp


def report(result: dict, name: str) -> list[str]:
    counts = {section: len(result[section]) for section in SECTIONS}
    lines = [strings.text("dig.got_answer"),
             strings.text("dig.header", status=result["status"], id=result["id"]),
             strings.text("dig.flags", flags=" ".join(result["flags"]), **counts),
             "", strings.text("dig.section.question"),
             _columns([f";{name.rstrip('.')}.", "", "IN", result["question"][1]])]
    for section in SECTIONS:
        if result[section]:
            lines += ["", strings.text(f"dig.section.{section}")]
            lines += [_columns([owner, str(ttl), "IN", kind, data])
                      for owner, ttl, kind, data in result[section]]
    address, port = result["server"]
    lines += ["", strings.text("dig.query_time", milliseconds=result["milliseconds"]),
              strings.text("dig.server", address=address, port=port),
              strings.text("dig.when", when=time.strftime("%a %b %d %H:%M:%S %Z %Y")),
              strings.text("dig.size", size=result["size"]), ""]
    return lines


def _columns(cells: list[str]) -> str:
    """Cells separated by tabs up to BIND's columns (at least one tab after each)."""
    text = ""
    for cell, column in zip(cells[:-1], COLUMNS):
        text += cell + "\t"
        while _width(text) < column:
            text += "\t"
    return text + cells[-1]


def _width(text: str) -> int:
    """The printed width of ``text`` with tab stops every 8 columns."""
    width = 0
    for char in text:
        width = (width // TAB + 1) * TAB if char == "\t" else width + 1
    return width
