"""``listenerconfig``: listeners, their HAT and RAT, certificate and global settings (cli.md §5.5).

Batch form: ``listenerconfig edit <listener> hostaccess import|export <file>`` (file in
``/configuration``).  Any other arguments answer the interactive questions in order.
"""
from __future__ import annotations

from typing import Optional

from cluster import defaults, model, recipients, senders
from cluster.validate import interface_addresses, port_users
from cluster.validate import name_error

from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted, run_menu
from ..engine.registry import CONFIG_ROLES, command
from ._choices import interface_label
from .listenerconfig_common import choose_certificate, file_name_error, index_of, pick
from .listenerconfig_hat import HostAccessMenu, export_hat, import_hat
from .listenerconfig_params import edit_params, summary
from .listenerconfig_rat import RecipientAccessMenu
from .listenerconfig_setup import global_setup
from .listenerconfig_strings import S

_NEW_TYPES = ("private", "public", "blackhole")  # the order of the NEW type list
_BOUNCE_PROFILES = ("Default",)
_STANDARD_PORTS = {"SMTP": 25, "QMQP": 628}


@command("listenerconfig", "Configure mail listeners.",
         usage="listenerconfig\nlistenerconfig edit <listener> hostaccess import <file>\n"
               "listenerconfig edit <listener> hostaccess export <file>",
         roles=CONFIG_ROLES, sections=("listeners",))
async def listenerconfig(ctx: CommandContext, args: list[str]) -> None:
    if _is_batch(args):
        await _batch(ctx, args)
        return
    await Listeners(ctx).run()


def _is_batch(args: list[str]) -> bool:
    words = [a.lower() for a in args]
    return len(words) >= 4 and words[0] == "edit" and words[2] == "hostaccess" \
        and words[3] in ("import", "export")


async def _batch(ctx: CommandContext, args: list[str]) -> None:
    verb = args[3].lower()
    if len(args) != 5:
        raise CommandAborted(S("lc.hat.batch_usage", verb=verb))
    listeners = ctx.session.edit("listeners").listeners
    index = index_of(args[1], list(listeners))
    if index is None or file_name_error(args[4]):
        raise CommandAborted(S("lc.batch_invalid", args=" ".join(args)))
    listener = list(listeners.values())[index]
    if verb == "export":
        await export_hat(ctx, listener, args[4])
    elif not await import_hat(ctx, listener, args[4]):
        raise CommandAborted("")


def type_label(listener_type: str) -> str:
    return S(f"lc.type.{listener_type}")


class Listeners:
    """The top menu: listing, NEW, EDIT, DELETE, SETUP."""

    def __init__(self, ctx: CommandContext):
        self.ctx, self.dialog = ctx, ctx.dialog
        self.settings: model.ListenerSettings = ctx.session.edit("listeners")

    async def run(self) -> None:
        await run_menu(self.dialog, self.operations, self.status)

    def status(self) -> str:
        listeners = list(self.settings.listeners.values())
        if not listeners:
            return "\n" + S("lc.none")
        interfaces = self.ctx.session.view().interfaces
        lines = [S("lc.listing")]
        for number, listener in enumerate(listeners, 1):
            iface = interfaces.get(listener.interface)
            lines.append(S("lc.listing_item", number=number, name=listener.name,
                           interface=listener.interface,
                           addresses=", ".join(interface_addresses(iface)) if iface else "",
                           protocol=listener.protocol, port=listener.port,
                           type=type_label(listener.type)))
        return "\n" + "\n".join(lines)

    def operations(self):
        return [("NEW", S("lc.menu.new"), self.new),
                ("EDIT", S("lc.menu.edit"), self.edit),
                ("DELETE", S("lc.menu.delete"), self.delete),
                ("SETUP", S("lc.menu.setup"), self.setup)]

    # -- answers shared by NEW and EDIT ------------------------------------------------------------
    def name_error(self, name: str, keep: str = "") -> Optional[str]:
        if error := name_error("listener", name):
            return error
        if name != keep and name in self.settings.listeners:
            return S("lc.name.taken", name=name)
        return None

    async def ask_interface(self, listener: model.Listener) -> bool:
        """Interface, protocol and port (NEW and EDIT -> INTERFACE); False if no interface exists."""
        interfaces = list(self.ctx.session.view().interfaces.values())
        if not interfaces:
            self.dialog.out("")
            self.dialog.out(S("lc.no_interfaces"))
            return False
        items = [interface_label(i) for i in interfaces]
        names = [i.name for i in interfaces]
        current = names.index(listener.interface) if listener.interface in names else 0
        iface = interfaces[await self.dialog.choose(S("lc.interface"), items, current)]
        protocols = list(model.LISTENER_PROTOCOLS)
        protocol = protocols[await self.dialog.choose(S("lc.protocol"), protocols,
                                                      protocols.index(listener.protocol))]
        default = listener.port if protocol == listener.protocol else _STANDARD_PORTS[protocol]
        users = {key: owner for key, owner in port_users(self.ctx.session.view()).items()
                 if owner != f"listener {listener.name}"}

        def port_error(answer: str) -> Optional[str]:
            if not answer.isdigit() or not 1 <= int(answer) <= 65535:
                return S("lc.params.code_error", low=1, high=65535)
            for address in interface_addresses(iface):
                if (address, int(answer)) in users:
                    return S("lc.port_in_use", port=answer, address=address,
                             owner=users[(address, int(answer))])
            return None
        port = int(await self.dialog.ask(S("lc.port"), str(default), validate=port_error))
        listener.interface, listener.protocol, listener.port = iface.name, protocol, port
        return True

    async def ask_bounce_profile(self, listener: model.Listener) -> None:
        profiles = list(_BOUNCE_PROFILES)
        current = profiles.index(listener.bounce_profile) if listener.bounce_profile in profiles else 0
        listener.bounce_profile = profiles[await self.dialog.choose(S("lc.bounce"), profiles, current)]

    async def _pick(self, question_id: str) -> Optional[model.Listener]:
        names = list(self.settings.listeners)
        if not names:
            self.dialog.out("")
            self.dialog.out(S("lc.none"))
            return None
        return self.settings.listeners[names[await pick(self.dialog, S(question_id), names,
                                                        "lc.pick_error")]]

    # -- operations --------------------------------------------------------------------------
    async def new(self) -> None:
        kind = _NEW_TYPES[await self.dialog.choose(
            S("lc.new.type"), [type_label(t) for t in _NEW_TYPES], _NEW_TYPES.index("public"))]
        name = await self.dialog.ask(S("lc.new.name"), validate=self.name_error)
        listener = model.Listener(name=name, type=kind)
        if kind == "blackhole":
            listener.queue_to_disk = await self.dialog.yes_no(S("lc.new.queued"), False)
        if not await self.ask_interface(listener):
            return
        if kind == "private":
            hosts = await self.dialog.ask(S("lc.new.relay"), validate=senders.list_error)
            listener.hat = defaults.private_hat([s.text for s in senders.parse_list(hosts)])
        else:
            domains = await self.dialog.ask(S("lc.new.domains"), validate=recipients.address_error)
            listener.rat = [model.RecipientAccess(address, "ACCEPT") for address in dict.fromkeys(
                recipients.normalise(d) for d in recipients.split(domains)) if address != model.RAT_ALL]
            listener.rat.append(model.RecipientAccess(model.RAT_ALL, "REJECT"))
            names = defaults.hat_group_names(self.ctx.appliance.profile.hat_names)
            listener.hat = defaults.public_hat(names, relaylist=False)
            if not await self.dialog.yes_no(S("lc.new.sbrs"), True):
                defaults.without_sbrs(listener.hat)
        if await self.dialog.yes_no(S("lc.new.rate"), False):
            listener.hat.default_params.max_rcpts_per_hour = await self.dialog.ask_int(
                S("lc.new.rate_max"), low=0, high=1000000)
        self.dialog.out("")
        self.dialog.out(summary(listener.hat.default_params))
        change = await self.dialog.yes_no(S("lc.new.change_hat"), False)
        await self.ask_bounce_profile(listener)
        if change:
            await edit_params(self.dialog, listener.hat.default_params, None,
                              listener.certificate == "Demo",
                              smime=self.ctx.appliance.profile.policy_smime)
        self.settings.listeners[name] = listener
        self.dialog.out("")
        self.dialog.out(S("lc.new.created", name=name))
        self.dialog.out(S("lc.new.defaults", type=type_label(kind)))
        self.dialog.out(S("lc.new.hint"))

    async def edit(self) -> None:
        listener = await self._pick("lc.pick_edit")
        if listener is not None:
            await ListenerMenu(self, listener).run()

    async def delete(self) -> None:
        listener = await self._pick("lc.pick_delete")
        if listener is not None:
            del self.settings.listeners[listener.name]

    async def setup(self) -> None:
        await global_setup(self.ctx, self.settings)


class ListenerMenu:
    """``EDIT`` -> one listener."""

    def __init__(self, parent: Listeners, listener: model.Listener):
        self.parent, self.ctx, self.dialog, self.listener = parent, parent.ctx, parent.dialog, listener

    async def run(self) -> None:
        await run_menu(self.dialog, self.operations, self.status)

    def status(self) -> str:
        listener = self.listener
        iface = self.ctx.session.view().interfaces.get(listener.interface)
        return "\n" + S(
            "lc.edit.status", name=listener.name, type=type_label(listener.type),
            interface=listener.interface, addresses=", ".join(interface_addresses(iface)) if iface else "",
            port=listener.port, protocol=listener.protocol,
            domain=listener.default_domain or S("lc.edit.none"),
            max_connections=listener.max_connections, tcp_queue=listener.tcp_queue,
            bounce=listener.bounce_profile, certificate=listener.certificate)

    def operations(self):
        ops = [("NAME", S("lc.menu.name"), self.name),
               ("INTERFACE", S("lc.menu.interface"), self.interface),
               ("LIMITS", S("lc.menu.limits"), self.limits),
               ("SETUP", S("lc.menu.edit_setup"), self.setup),
               ("HOSTACCESS", S("lc.menu.hostaccess"), self.hostaccess)]
        if self.listener.type != "private":
            ops.append(("RCPTACCESS", S("lc.menu.rcptaccess"), self.rcptaccess))
        return ops + [("BOUNCECONFIG", S("lc.menu.bounceconfig"), self.bounceconfig),
                      ("CERTIFICATE", S("lc.menu.certificate"), self.certificate)]

    async def name(self) -> None:
        old = self.listener.name
        new = await self.dialog.ask(S("lc.edit.name"), old,
                                    validate=lambda n: self.parent.name_error(n, keep=old))
        settings = self.parent.settings
        settings.listeners = {(new if key == old else key): value
                              for key, value in settings.listeners.items()}
        self.listener.name = new

    async def interface(self) -> None:
        await self.parent.ask_interface(self.listener)

    async def limits(self) -> None:
        self.listener.max_connections = await self.dialog.ask_int(
            S("lc.edit.limits_max"), self.listener.max_connections, low=1, high=1000)
        self.listener.tcp_queue = await self.dialog.ask_int(
            S("lc.edit.limits_queue"), self.listener.tcp_queue, low=1, high=1000)

    async def setup(self) -> None:
        await run_menu(self.dialog, self._setup_operations, self._setup_status)

    def _setup_status(self) -> str:
        return "\n" + S("lc.setup.status", domain=self.listener.default_domain or S("lc.edit.none"),
                        received=S("shared.yes") if self.listener.add_received_header else S("shared.no"))

    def _setup_operations(self):
        return [("DEFAULTDOMAIN", S("lc.menu.defaultdomain"), self.default_domain),
                ("RECEIVED", S("lc.menu.received"), self.received)]

    async def default_domain(self) -> None:
        """The word DELETE clears the default domain (A's keyword example answers ``delete``)."""
        def error(answer: str) -> Optional[str]:
            if answer.lower() == "delete":
                return None
            try:
                recipients.normalise(answer)
            except ValueError as exc:
                return str(exc)
            return None if "@" not in answer and not answer.startswith(".") else recipients.ERR_ADDRESS
        answer = await self.dialog.ask(S("lc.setup.domain"), self.listener.default_domain or None,
                                       validate=error)
        self.listener.default_domain = "" if answer.lower() == "delete" else answer.lower()

    async def received(self) -> None:
        self.listener.add_received_header = await self.dialog.yes_no(
            S("lc.setup.received"), self.listener.add_received_header)

    async def hostaccess(self) -> None:
        await HostAccessMenu(self.ctx, self.listener).run()

    async def rcptaccess(self) -> None:
        await RecipientAccessMenu(self.ctx, self.listener).run()

    async def bounceconfig(self) -> None:
        await self.parent.ask_bounce_profile(self.listener)

    async def certificate(self) -> None:
        profiles = list(self.ctx.session.view().certificates.profiles)
        self.listener.certificate = await choose_certificate(self.dialog, profiles,
                                                             self.listener.certificate)
