"""``interfaceconfig``: IP interfaces, their hostnames, services and HTTPS certificate (cli.md §5.6).

Machine-level setting: on a clustered appliance the command runs in machine mode only.  Renaming
an interface updates the listeners and the delivery setting that name it.  Deleting one that
outgoing mail, DNS, a listener or NTP uses asks, for each, whether to Delete the use, Change it to
another interface (a listener also to another TCP port) or Ignore it: the setting keeps naming
the missing interface and the service is unavailable until an interface of that name exists.
"""
from __future__ import annotations

import ipaddress
from typing import Optional

from cluster import model
from cluster.validate import hostname_error, interface_addresses, name_error, port_users

from .. import strings
from ..engine.context import CommandContext
from ..engine.dialog import run_menu
from ..engine.registry import CONFIG_ROLES, command
from ._choices import interface_label
from .interfaceconfig_strings import S
from .listenerconfig_common import choose_certificate, pick

ETHERNET_PORTS = ("Data 1", "Data 2", "Management")
# (key in Interface.services, name in the questions, standard port) in the appliance's order
SERVICES = (("ftp", "FTP", 21), ("telnet", "Telnet", 23), ("ssh", "SSH", 22),
            ("ccs", "Cluster Communication Service", 2222), ("http", "HTTP", 80),
            ("https", "HTTPS", 443))
# DELETE of an interface in use: the answers' order (1 Delete, 2 Change, 3 Ignore) and the one
# Enter takes (the first, as the appliance's numbered lists usually default to: our guess).
DELETE, CHANGE, IGNORE = range(3)
# What DELETE asks about, in the order of the ESA driver's questions: outgoing mail, DNS, each
# listener, NTP.  A single setting: what -> (section, attribute, wording of its choices).
USERS_IN_ORDER = ("delivery", "dns", "listener", "ntp")
SINGLE_USERS = {"delivery": ("delivery", "interface", "delivery"),
                "dns": ("dnsconfig", "interface", "service"),
                "ntp": ("system", "ntp_interface", "service")}


@command("interfaceconfig", "Configure Ethernet IP addresses.", roles=CONFIG_ROLES,
         restricted="machine", sections=("interfaces",))
async def interfaceconfig(ctx: CommandContext, args: list[str]) -> None:
    await Interfaces(ctx).run()


def parse_netmask(text: str) -> Optional[int]:
    """``24``, ``255.255.255.0`` or ``0xffffff00`` -> prefix length; None when invalid."""
    text = text.strip().lower()
    try:
        if text.isdigit():
            bits = int(text)
        elif text.startswith("0x"):
            bits = ipaddress.IPv4Network(f"0.0.0.0/{ipaddress.IPv4Address(int(text, 16))}").prefixlen
        else:
            bits = ipaddress.IPv4Network(f"0.0.0.0/{text}").prefixlen
    except ValueError:
        return None
    return bits if 1 <= bits <= 32 else None


def _ipv4_error(text: str) -> Optional[str]:
    try:
        ipaddress.IPv4Address(text)
    except ValueError:
        return S("if.ipv4_invalid")
    return None


def _ipv6_error(text: str) -> Optional[str]:
    try:
        ipaddress.IPv6Address(text)
    except ValueError:
        return S("if.ipv6_invalid")
    return None


class Interfaces:
    def __init__(self, ctx: CommandContext):
        self.ctx, self.dialog = ctx, ctx.dialog
        self.interfaces: dict[str, model.Interface] = ctx.session.edit("interfaces")

    async def run(self) -> None:
        await run_menu(self.dialog, self.operations, self.status)

    def status(self) -> str:
        if not self.interfaces:
            return "\n" + S("if.none")
        lines = [S("if.listing")]
        for number, iface in enumerate(self.interfaces.values(), 1):
            addresses = ", ".join(f"{a}/{p}" for a, p in ((iface.ipv4, iface.prefix),
                                                            (iface.ipv6, iface.ipv6_prefix)) if a)
            lines.append(S("if.listing_item", number=number, name=iface.name, addresses=addresses,
                           ethernet=iface.ethernet, hostname=iface.hostname))
        return "\n" + "\n".join(lines)

    def operations(self):
        return [("NEW", S("if.menu.new"), self.new),
                ("EDIT", S("if.menu.edit"), self.edit),
                ("DELETE", S("if.menu.delete"), self.delete)]

    async def _pick(self, question_id: str) -> Optional[model.Interface]:
        names = list(self.interfaces)
        if not names:
            self.dialog.out("")
            self.dialog.out(S("if.none"))
            return None
        return self.interfaces[names[await pick(self.dialog, S(question_id), names, "if.pick_error")]]

    async def new(self) -> None:
        iface = model.Interface(name="", ipv4="", ethernet=ETHERNET_PORTS[0])
        await self._dialogue(iface, S("if.new_name"))
        self.interfaces[iface.name] = iface

    async def edit(self) -> None:
        iface = await self._pick("if.pick_edit")
        if iface is None:
            return
        old = iface.name
        await self._dialogue(iface, S("if.edit_name"))
        if iface.name != old:
            self._rename(old, iface.name)

    async def delete(self) -> None:
        iface = await self._pick("if.pick_delete")
        if iface is None:
            return
        name = iface.name
        # Every setting and listener may live at cluster or group level: change them where they
        # are, in this session's pending configuration (as _rename does).
        view = self.ctx.session.view()
        for what in USERS_IN_ORDER:
            if what == "listener":
                for listener in [l for l in view.listeners.listeners.values()
                                 if l.interface == name]:
                    await self._listener_user(view, listener, name)
            else:
                section, attribute, wording = SINGLE_USERS[what]
                await self._single_user(getattr(view, section), attribute, name, what, wording)
        del self.interfaces[name]

    async def _what_to_do(self, question: str, wording: str) -> int:
        """Delete / Change / Ignore; Change only when another interface exists."""
        items = [S(f"if.choice.delete.{wording}"), S("if.choice.change"),
                 S(f"if.choice.ignore.{wording}")]
        while True:
            choice = await self.dialog.choose(question, items, DELETE)
            if choice != CHANGE or len(self.interfaces) > 1:
                return choice
            self.dialog.out(S("if.no_other_interface"))

    async def _other_interface(self, question: str, leaving: str) -> model.Interface:
        others = [i for i in self.interfaces.values() if i.name != leaving]
        return others[await self.dialog.choose(question, [interface_label(i) for i in others], 0)]

    async def _single_user(self, settings: object, attribute: str, name: str, what: str,
                           wording: str) -> None:
        if getattr(settings, attribute) != name:
            return
        choice = await self._what_to_do(S(f"if.used.{what}", name=name), wording)
        if choice == DELETE:
            setattr(settings, attribute, "Auto")
        elif choice == CHANGE:
            setattr(settings, attribute, (await self._other_interface(S(f"if.new.{what}"),
                                                                      name)).name)

    async def _listener_user(self, view, listener: model.Listener, name: str) -> None:
        choice = await self._what_to_do(S("if.used.listener", name=name, listener=listener.name),
                                        "listener")
        if choice == DELETE:
            del view.listeners.listeners[listener.name]
        elif choice == CHANGE:
            target = await self._other_interface(S("if.new.listener", listener=listener.name), name)
            users = {key: owner for key, owner in port_users(view).items()
                     if owner != f"listener {listener.name}"}

            def port_error(answer: str) -> Optional[str]:
                if not answer.isdigit() or not 1 <= int(answer) <= 65535:
                    return S("if.port_invalid")
                owner = next((users[(address, int(answer))] for address in
                              interface_addresses(target) if (address, int(answer)) in users), None)
                return S("if.port_in_use", port=answer, owner=owner) if owner else None

            port = await self.dialog.ask(strings.text("lc.port"), str(listener.port),
                                         validate=port_error)
            listener.interface, listener.port = target.name, int(port)

    def _rename(self, old: str, new: str) -> None:
        """Keep the interface's place in the list and every reference to it."""
        items = list(self.interfaces.items())
        self.interfaces.clear()
        self.interfaces.update((new if key == old else key, value) for key, value in items)
        # The listeners and the delivery setting may live at cluster or group level: change them
        # where they are, in this session's pending configuration.
        view = self.ctx.session.view()
        for listener in view.listeners.listeners.values():
            if listener.interface == old:
                listener.interface = new
        delivery = view.delivery
        if delivery.interface == old:
            delivery.interface = new

    # -- the NEW / EDIT questions, in the order of cli.md §5.6 ---------------------------------
    async def _dialogue(self, iface: model.Interface, name_question: str) -> None:
        others = [i for i in self.interfaces.values() if i is not iface]

        def bad_name(name: str) -> Optional[str]:
            if error := name_error("interface", name):
                return error
            if any(i.name == name for i in others):
                return S("if.name_taken", name=name)
            return None

        def taken(address: str) -> Optional[str]:
            owner = next((i for i in others if address in interface_addresses(i)), None)
            return S("if.address_taken", address=address, name=owner.name) if owner else None

        iface.name = await self.dialog.ask(name_question, iface.name or None, validate=bad_name)
        while True:
            if await self.dialog.yes_no(S("if.configure_ipv4"), bool(iface.ipv4) or not iface.ipv6):
                iface.ipv4 = await self.dialog.ask(
                    S("if.ipv4"), iface.ipv4 or None, validate=lambda a: _ipv4_error(a) or taken(a))
                netmask = await self.dialog.ask(
                    S("if.netmask"), str(iface.prefix),
                    validate=lambda a: None if parse_netmask(a) else S("if.netmask_invalid"))
                iface.prefix = parse_netmask(netmask) or iface.prefix
            else:
                iface.ipv4 = ""
            if await self.dialog.yes_no(S("if.configure_ipv6"), bool(iface.ipv6)):
                iface.ipv6 = str(ipaddress.IPv6Address(await self.dialog.ask(
                    S("if.ipv6"), iface.ipv6 or None,
                    validate=lambda a: _ipv6_error(a) or taken(str(ipaddress.IPv6Address(a))))))
                iface.ipv6_prefix = await self.dialog.ask_int(S("if.prefix"), iface.ipv6_prefix,
                                                              low=1, high=128)
            else:
                iface.ipv6 = ""
            if iface.ipv4 or iface.ipv6:
                break
            self.dialog.out(S("if.need_address"))
        ports = list(ETHERNET_PORTS)
        current = ports.index(iface.ethernet) if iface.ethernet in ports else 0
        iface.ethernet = ports[await self.dialog.choose(S("if.ethernet"), ports, current)]
        iface.hostname = await self.dialog.ask(S("if.hostname"), iface.hostname or None,
                                               validate=hostname_error)
        if await self.dialog.yes_no(S("if.helo"), bool(iface.smtp_helo)):
            iface.smtp_helo = await self.dialog.ask(S("if.helo_name"), iface.smtp_helo or None,
                                                    validate=hostname_error)
        else:
            iface.smtp_helo = ""
        await self._services(iface)

    async def _services(self, iface: model.Interface) -> None:
        view = self.ctx.session.view()
        users = {key: owner for key, owner in port_users(view).items()
                 if not owner.endswith(f" on {iface.name}")}
        chosen: dict[str, int] = {}

        def port_error(answer: str, service: str) -> Optional[str]:
            if not answer.isdigit() or not 1 <= int(answer) <= 65535:
                return S("if.port_invalid")
            port = int(answer)
            for other, used in chosen.items():
                if used == port:
                    return S("if.port_in_use", port=port, owner=f"{other} on {iface.name}")
            for address in interface_addresses(iface):
                if (address, port) in users:
                    return S("if.port_in_use", port=port, owner=users[(address, port)])
            return None

        for key, label, standard in SERVICES:
            if await self.dialog.yes_no(S("if.enable", service=label), key in iface.services):
                answer = await self.dialog.ask(
                    S("if.port", service=label), str(iface.services.get(key, standard)),
                    validate=lambda a, k=key: port_error(a, k))
                chosen[key] = int(answer)
        if "https" in chosen:
            profiles = list(view.certificates.profiles)
            if profiles == ["Demo"]:
                if await self.dialog.yes_no(S("if.https_demo"), True):
                    iface.https_certificate = "Demo"
                else:
                    del chosen["https"]
            else:
                iface.https_certificate = await choose_certificate(self.dialog, profiles,
                                                                   iface.https_certificate)
        # Keep the order the services already had: Enter everywhere must change nothing.
        iface.services = {**{k: chosen[k] for k in iface.services if k in chosen}, **chosen}
        if "http" in chosen and "https" in chosen:
            iface.http_redirect = await self.dialog.yes_no(S("if.redirect"), iface.http_redirect)
        else:
            iface.http_redirect = False
