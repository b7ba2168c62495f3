"""``dnsconfig``: use the Internet root DNS servers or the appliance's own (local) DNS servers,
with their priorities, alternate servers for single domains (with local servers: "alternate
domain servers", split DNS, with priorities; with root servers: alternate authoritative servers
with their host names), the interface for DNS traffic, the reverse DNS timeout and the cache's
minimum TTL.
Batch: ``dnsconfig new 1 <ip> <priority>``, ``dnsconfig new 2 <domains> <ip> <priority>``,
``dnsconfig edit 1 <n> <ip> <priority>``, ``dnsconfig delete 1 <n>``, ``dnsconfig setup <1|2>
...``; with root servers ``dnsconfig new <domain> <hostname> <ip>``."""
from __future__ import annotations

from typing import Optional

from cluster import model
from cluster.validate import (DNS_PRIORITY_MAX, DNS_TIMEOUT_RANGE, dns_domain_error,
                              hostname_error, is_ip)

from .. import strings
from ..engine.context import CommandContext
from ..engine.dialog import Dialog
from ..engine.registry import CONFIG_ROLES, command
from . import dnsconfig_strings  # noqa: F401  (registers the strings)
from ._choices import choose_interface, fail, run_menu_batch

LOCAL, ALTERNATE = 0, 1      # the answers to "a local DNS cache server or an alternate…?"


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
            lines = ["", T("root")]
            if dns.alternates:
                lines += ["", _alternates_header(dns), *_alternates(dns)]
            return "\n".join(lines)
        lines = ["", T("local"), *_listing(dns.servers)]
        if dns.alternates:
            lines += ["", _alternates_header(dns), *_alternates(dns)]
        return "\n".join(lines)

    async def kind(verb: str) -> int:
        return await dialog.choose(T(f"{verb}.kind"), [T(f"{verb}.kind.local"),
                                                      T(f"{verb}.kind.alternate")], LOCAL)

    async def new() -> None:
        if settings().mode != model.DNS_LOCAL:
            ctx.session.edit("dnsconfig").alternates.append(
                await _ask_authoritative(dialog, None, settings().alternates))
            return
        if await kind("new") == ALTERNATE:
            ctx.session.edit("dnsconfig").alternates.append(
                await _ask_alternate(dialog, None, settings().alternates))
            return
        address = await _ask_address(dialog, T("new.address"), None, settings().servers)
        priority = await _ask_priority(dialog, address, 0)
        ctx.session.edit("dnsconfig").servers.append(model.DnsServer(address, priority))

    async def edit() -> None:
        if settings().mode != model.DNS_LOCAL or await kind("edit") == ALTERNATE:
            await edit_alternate()
            return
        servers = settings().servers
        index = await _ask_server(dialog, T("edit.which"), servers)
        old = servers[index]
        others = servers[:index] + servers[index + 1:]
        address = await _ask_address(dialog, T("edit.address"), old.address, others)
        priority = await _ask_priority(dialog, address, old.priority)
        ctx.session.edit("dnsconfig").servers[index] = model.DnsServer(address, priority)

    async def edit_alternate() -> None:
        dns = settings()
        if not dns.alternates:
            fail(dialog, T("alternate.none"), dialog.batch)
            return
        index = await _pick(dialog, _alternates_header(dns), _alternates(dns, numbered=False),
                            T("edit.which"))
        old, others = dns.alternates[index], dns.alternates[:index] + dns.alternates[index + 1:]
        ask = _ask_alternate if dns.mode == model.DNS_LOCAL else _ask_authoritative
        ctx.session.edit("dnsconfig").alternates[index] = await ask(dialog, old, others)

    async def delete() -> None:
        batch = dialog.batch
        dns = settings()
        if dns.mode != model.DNS_LOCAL or await kind("delete") == ALTERNATE:
            if not dns.alternates:
                fail(dialog, T("alternate.none"), batch)
                return
            index = await _pick(dialog, _alternates_header(dns),
                                _alternates(dns, numbered=False), T("delete.which"))
            del ctx.session.edit("dnsconfig").alternates[index]
            return
        servers = dns.servers
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
            changes = ([("EDIT", T("menu.edit"), edit), ("DELETE", T("menu.delete"), delete)]
                       if settings().alternates else [])
            return [("NEW", T("menu.new"), new), *changes, ("SETUP", T("menu.setup"), setup)]
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
    return await _pick(dialog, T("local"), [T("server", priority=s.priority, address=s.address)
                                            for s in servers], question)


async def _pick(dialog: Dialog, header: str, items: list[str], question: str) -> int:
    """Which server: EDIT and DELETE (after the kind, with local servers) list the servers again
    under their heading, then ask for a number (Cisco's QA driver for the Web Security
    Appliance's dnsconfig, coeus1201, waits for "Currently using the", "Alternate DNS servers"
    or "Alternate authoritative DNS" there, then picks the number from the listing)."""
    if not dialog.batch:
        dialog.out("")
        dialog.out(header)
        for number, item in enumerate(items, 1):
            dialog.out(strings.text("list.item", number=number, text=item))

    def check(answer: str) -> Optional[str]:
        if answer.isdigit() and 1 <= int(answer) <= len(items):
            return None
        return strings.text("error.list_choice", high=len(items))
    return int(await dialog.ask(question, validate=check)) - 1


def _alternates_header(dns: model.DnsConfig) -> str:
    return T("local.alternates" if dns.mode == model.DNS_LOCAL else "root.alternates")


def _alternates(dns: model.DnsConfig, numbered: bool = True) -> list[str]:
    """The alternate servers as the listing shows them (with local servers: priority, address
    and domains; with root servers: domain, host name and address)."""
    texts = [T("alternate.local", priority=a.priority, address=a.address,
               domains=", ".join(a.domains)) if dns.mode == model.DNS_LOCAL
             else T("alternate.root", domain=", ".join(a.domains), hostname=a.hostname,
                    address=a.address)
             for a in dns.alternates]
    if not numbered:
        return texts
    return [strings.text("list.item", number=n, text=text) for n, text in enumerate(texts, 1)]


async def _ask_alternate(dialog: Dialog, old: Optional[model.DnsAlternate],
                         others: list[model.DnsAlternate]) -> model.DnsAlternate:
    """An alternate domain server (local servers mode): its domains, address and priority."""
    def check_domains(answer: str) -> Optional[str]:
        domains = _domains(answer)
        if not domains or any(dns_domain_error(d) for d in domains):
            return T("error.domains")
        return None
    answer = await dialog.ask(T("alternate.domains"), ", ".join(old.domains) if old else None,
                              validate=check_domains)
    domains = _domains(answer)

    def check_address(address: str) -> Optional[str]:
        if not is_ip(address):
            return T("error.address")
        for other in others:
            shared = [d for d in domains if d in other.domains]
            if other.address == address and shared:
                return T("error.alternate_duplicate", address=address, domain=shared[0])
        return None
    address = await dialog.ask(T("new.address"), old.address if old else None,
                               validate=check_address)
    priority = await _ask_priority(dialog, address, old.priority if old else 0)
    return model.DnsAlternate(domains, address, priority)


async def _ask_authoritative(dialog: Dialog, old: Optional[model.DnsAlternate],
                             others: list[model.DnsAlternate]) -> model.DnsAlternate:
    """An alternate authoritative server (root servers mode): its domain, host name, address."""
    def check_domain(answer: str) -> Optional[str]:
        domain = answer.strip().rstrip(".").lower()
        if dns_domain_error(domain):
            return T("error.domains")
        if any(domain in other.domains for other in others):
            taken = next(o for o in others if domain in o.domains)
            return T("error.alternate_duplicate", address=taken.address, domain=domain)
        return None
    domain = (await dialog.ask(T("root.domain"), old.domains[0] if old else None,
                               validate=check_domain)).strip().rstrip(".").lower()
    hostname = await dialog.ask(T("root.hostname"), old.hostname if old else None,
                                validate=lambda answer: hostname_error(answer.rstrip(".")))
    address = await dialog.ask(T("new.address"), old.address if old else None,
                               validate=lambda answer: None if is_ip(answer)
                               else T("error.address"))
    return model.DnsAlternate([domain], address, 0, hostname.rstrip(".").lower())


def _domains(answer: str) -> list[str]:
    return [d.strip().rstrip(".").lower() for d in answer.split(",") if d.strip()]
