"""``dnsconfig``: use the Internet root DNS servers or the appliance's own (local) DNS servers,
with their priorities, the interface for DNS traffic, the reverse DNS timeout and the cache's
minimum TTL.  Alternate authoritative servers for single domains are not emulated: the menu
offers NEW, EDIT and DELETE for the local servers only.
Batch: ``dnsconfig new <ip> <priority>``, ``dnsconfig setup <1|2> ...``."""
from __future__ import annotations

from typing import Optional

from cluster import model
from cluster.validate import DNS_PRIORITY_MAX, DNS_TIMEOUT_RANGE, is_ip

from .. import strings
from ..engine.context import CommandContext
from ..engine.dialog import Dialog
from ..engine.registry import CONFIG_ROLES, command
from . import dnsconfig_strings  # noqa: F401  (registers the strings)
from ._choices import choose_interface, fail, run_menu_batch


def T(string_id: str, **values: object) -> str:
    return strings.text(f"dnsconfig.{string_id}", **values)


@command("dnsconfig", T("description"), usage=T("usage"), roles=CONFIG_ROLES,
         sections=("dnsconfig",))
async def dnsconfig(ctx: CommandContext, args: list[str]) -> None:
    dialog = ctx.dialog

    def settings() -> model.DnsConfig:
        return ctx.session.read("dnsconfig")

    def status() -> str:
        dns = settings()
        if dns.mode != model.DNS_LOCAL:
            return "\n" + T("root")
        return "\n".join(["", T("local"), *_listing(dns.servers)])

    async def new() -> None:
        address = await _ask_address(dialog, T("new.address"), None, settings().servers)
        priority = await _ask_priority(dialog, address, 0)
        ctx.session.edit("dnsconfig").servers.append(model.DnsServer(address, priority))

    async def edit() -> None:
        servers = settings().servers
        index = await _ask_server(dialog, T("edit.which"), servers)
        old = servers[index]
        others = servers[:index] + servers[index + 1:]
        address = await _ask_address(dialog, T("edit.address"), old.address, others)
        priority = await _ask_priority(dialog, address, old.priority)
        ctx.session.edit("dnsconfig").servers[index] = model.DnsServer(address, priority)

    async def delete() -> None:
        batch = dialog.batch
        servers = settings().servers
        index = await _ask_server(dialog, T("delete.which"), servers)
        if len(servers) == 1:
            fail(dialog, T("delete.last"), batch)
            return
        del ctx.session.edit("dnsconfig").servers[index]

    async def setup() -> None:
        current = settings()
        modes = [model.DNS_ROOT, model.DNS_LOCAL]
        mode = modes[await dialog.choose(T("setup.mode"), [T("setup.mode.root"),
                                                           T("setup.mode.local")],
                                         modes.index(current.mode))]
        added = None
        if mode == model.DNS_LOCAL and not current.servers:
            address = await _ask_address(dialog, T("new.address"), None, [])
            added = model.DnsServer(address, await _ask_priority(dialog, address, 0))
        interface = await choose_interface(dialog, T("setup.interface"),
                                           ctx.session.view().interfaces, current.interface)
        low, high = DNS_TIMEOUT_RANGE
        timeout = await dialog.ask_int(T("setup.timeout"), current.reverse_timeout_seconds,
                                       low=low, high=high)
        min_ttl = await dialog.ask_int(T("setup.min_ttl"), current.min_ttl_seconds, low=0)
        dns = ctx.session.edit("dnsconfig")
        dns.mode, dns.interface = mode, interface
        dns.reverse_timeout_seconds, dns.min_ttl_seconds = timeout, min_ttl
        if added is not None:
            dns.servers.append(added)

    def operations() -> list:
        if settings().mode != model.DNS_LOCAL:
            return [("SETUP", T("menu.setup"), setup)]
        return [("NEW", T("menu.new"), new), ("EDIT", T("menu.edit"), edit),
                ("DELETE", T("menu.delete"), delete), ("SETUP", T("menu.setup"), setup)]

    await run_menu_batch(dialog, operations, status)


def _listing(servers: list[model.DnsServer]) -> list[str]:
    return [strings.text("list.item", number=n,
                         text=T("server", priority=s.priority, address=s.address))
            for n, s in enumerate(servers, 1)]


async def _ask_address(dialog: Dialog, question: str, default: Optional[str],
                       others: list[model.DnsServer]) -> str:
    def check(answer: str) -> Optional[str]:
        if not is_ip(answer):
            return T("error.address")
        for server in others:
            if server.address == answer:
                return T("error.duplicate", address=answer, priority=server.priority)
        return None
    return await dialog.ask(question, default, validate=check)


async def _ask_priority(dialog: Dialog, address: str, default: int) -> int:
    return await dialog.ask_int(T("new.priority", address=address), default, low=0,
                                high=DNS_PRIORITY_MAX)


async def _ask_server(dialog: Dialog, question: str, servers: list[model.DnsServer]) -> int:
    return await dialog.choose(question, [T("server", priority=s.priority, address=s.address)
                                          for s in servers])
