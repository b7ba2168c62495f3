"""``ldapconfig``: LDAP server profiles (NEW, EDIT -> SERVER, DELETE) and the global settings
(SETUP: the interface for LDAP traffic and the client certificate for LDAPS), cli.md §5.7.

SETUP asks the interface and whether group queries that fail to complete count as negative
results, the two answers Cisco's QA library gives on ESA 11.0-14.1; where the CLI selects the
LDAPS client certificate is unknown (the GUI has it in "LDAP Global Settings"): from the 16.x
profile SETUP asks it third (SMA 14.0's SETUP has a third question, about the server
certificate).  "Validate setting" tries a TCP connection to the server; LDAP queries
(LDAPACCEPT, LDAPROUTING, ...), ADVANCED and ``ldaptest`` are not emulated.
"""
from __future__ import annotations

import asyncio
import copy
from typing import Callable, Optional

from cluster import model
from cluster.validate import destination_host_error
from cluster.validate import name_error

from .. import strings
from ..engine.context import CommandContext
from ..engine.registry import CONFIG_ROLES, command
from . import _shared_strings, ldapconfig_strings  # noqa: F401  (registers the strings)
from ._choices import choose_interface, choose_name, fail, run_menu_batch

CONNECT_TIMEOUT = 5.0


def T(string_id: str, **values: object) -> str:
    return strings.text(f"ldapconfig.{string_id}", **values)


def default_port(server: model.LdapServer) -> int:
    """Global catalog ports for Active Directory, the LDAP(S) ports otherwise."""
    if server.server_type == "Active Directory":
        return 3269 if server.use_ssl else 3268
    return 636 if server.use_ssl else 389


def default_base(hostnames: list[str]) -> str:
    """``ldap.example.com`` -> ``dc=example,dc=com``."""
    labels = hostnames[0].split(".")[1:] if hostnames else []
    return ",".join(f"dc={label}" for label in labels if not label.isdigit())


def hostnames_error(answer: str) -> Optional[str]:
    hosts = [h.strip() for h in answer.split(",")]
    return T("error.hostname") if any(not h or destination_host_error(h) for h in hosts) else None


def port_error(answer: str) -> Optional[str]:
    return None if answer.isdigit() and 1 <= int(answer) <= 65535 else T("error.port")


class LdapConfigCommand:
    def __init__(self, ctx: CommandContext):
        self.ctx, self.dialog = ctx, ctx.dialog

    @property
    def ldap(self) -> model.Ldap:
        return self.ctx.session.read("ldap")

    def status(self) -> str:
        servers = self.ldap.servers
        if not servers:
            return "\n" + T("none")
        return "\n".join(["", T("current"), *(strings.text("list.item", number=i, text=T(
            "item", name=s.name, hosts=",".join(s.hostnames), port=s.port))
            for i, s in enumerate(servers.values(), 1))])

    def operations(self) -> list:
        words = ["NEW", "EDIT", "DELETE", "SETUP"] if self.ldap.servers else ["NEW", "SETUP"]
        handlers = {"NEW": self.new, "EDIT": self.edit, "DELETE": self.delete,
                    "SETUP": self.setup}
        return [(w, T(f"menu.{w.lower()}"), handlers[w]) for w in words]

    def store(self, old_name: Optional[str], server: model.LdapServer) -> None:
        """Put ``server`` in place of ``old_name`` (keeping the order), or at the end."""
        servers = self.ctx.session.edit("ldap").servers
        items = [(server.name if k == old_name else k, server if k == old_name else v)
                 for k, v in servers.items()]
        if old_name is None:
            items.append((server.name, server))
        servers.clear()
        servers.update(items)

    # -- the questions -------------------------------------------------------------------------
    def name_error(self, answer: str, current: Optional[str] = None) -> Optional[str]:
        if error := name_error("ldap server", answer):
            return error
        if answer != current and answer in self.ldap.servers:
            return T("error.name_exists", name=answer)
        return None

    async def ask_hostnames(self, server: model.LdapServer) -> None:
        answer = await self.dialog.ask(T("hostname"), ",".join(server.hostnames) or None,
                                       validate=hostnames_error)
        server.hostnames = [h.strip() for h in answer.split(",")]

    async def ask_auth(self, server: model.LdapServer) -> None:
        labels = [T(f"auth.{a}") for a in model.LDAP_AUTH_METHODS]
        index = await self.dialog.choose(T("auth"), labels,
                                         model.LDAP_AUTH_METHODS.index(server.auth_method))
        server.auth_method = model.LDAP_AUTH_METHODS[index]
        if server.auth_method == "anonymous":
            server.bind_user = server.bind_password = ""
            return
        server.bind_user = await self.dialog.ask(T("bind_user"), server.bind_user or None)
        while True:
            batch = self.dialog.batch
            current = server.bind_password or None
            first = await self.dialog.ask(T("bind_password.keep" if current else "bind_password"),
                                          current, hidden=True)
            again = await self.dialog.ask(T("bind_password.again"), current, hidden=True)
            if first == again:
                server.bind_password = first
                return
            fail(self.dialog, strings.text("shared.passphrase_mismatch"), batch)

    async def ask_server_type(self, server: model.LdapServer) -> None:
        server.server_type = await choose_name(self.dialog, T("server_type"),
                                               model.LDAP_SERVER_TYPES, server.server_type)

    async def ask_port(self, server: model.LdapServer, default: int) -> None:
        server.port = int(await self.dialog.ask(T("port"), str(default), validate=port_error))

    async def ask_base(self, server: model.LdapServer) -> None:
        answer = await self.dialog.ask(T("base"), server.base or default_base(server.hostnames)
                                       or "NONE")
        server.base = "" if answer.upper() == "NONE" else answer

    # -- operations ------------------------------------------------------------------------------
    async def new(self) -> None:
        name = await self.dialog.ask(T("name"), validate=self.name_error)
        server = model.LdapServer(name, server_type="Unknown or Other")
        await self.ask_hostnames(server)
        server.use_ssl = await self.dialog.yes_no(T("ssl"), False)
        await self.ask_auth(server)
        check = await self.dialog.yes_no(T("validate"), True)
        await self.ask_server_type(server)
        await self.ask_port(server, default_port(server))
        await self.ask_base(server)
        if check:
            await self.try_connect(server)
        self.store(None, server)
        await self.server_menu(name)

    async def try_connect(self, server: model.LdapServer) -> None:
        host = server.hostnames[0]
        try:
            _, writer = await asyncio.wait_for(asyncio.open_connection(host, server.port),
                                               CONNECT_TIMEOUT)
            writer.close()
            self.dialog.out("")
            self.dialog.out(T("connected", host=host, port=server.port))
        except (OSError, asyncio.TimeoutError):
            self.dialog.out("")
            self.dialog.out(T("not_connected", host=host, port=server.port))

    async def choose_server(self, question: str) -> str:
        names = list(self.ldap.servers)
        return names[await self.dialog.choose(question, names)]

    async def edit(self) -> None:
        await self.server_menu(await self.choose_server(T("edit.server")))

    async def server_menu(self, name: str) -> None:
        """The server's menu (SERVER; the LDAP query types are not emulated)."""
        names = [name]

        def summary() -> str:
            s = self.ldap.servers[names[0]]
            return "\n" + T("summary", name=s.name, hosts=",".join(s.hostnames), port=s.port,
                            type=s.server_type, auth=s.auth_method, base=s.base)

        async def server() -> None:
            names[0] = await self.server_settings(names[0])
        await run_menu_batch(self.dialog, lambda: [("SERVER", T("menu.server"), server)], summary)

    async def server_settings(self, name: str) -> str:
        """SERVER: NAME, HOSTNAME, PORT, SERVERTYPE, AUTHTYPE, BASE.  Returns the (new) name."""
        names = [name]

        def change(ask: Callable) -> Callable:
            async def run() -> None:
                server = copy.deepcopy(self.ldap.servers[names[0]])
                await ask(server)
                self.store(names[0], server)
                names[0] = server.name
            return run

        async def rename(server: model.LdapServer) -> None:
            server.name = await self.dialog.ask(T("name"), server.name, validate=lambda a: (
                self.name_error(a, server.name)))

        async def port(server: model.LdapServer) -> None:
            await self.ask_port(server, server.port)

        async def authtype(server: model.LdapServer) -> None:
            await self.ask_auth(server)
            was_default = server.port == default_port(server)
            server.use_ssl = await self.dialog.yes_no(T("ssl"), server.use_ssl)
            await self.ask_port(server, default_port(server) if was_default else server.port)

        steps = [("NAME", rename), ("HOSTNAME", self.ask_hostnames), ("PORT", port),
                 ("SERVERTYPE", self.ask_server_type), ("AUTHTYPE", authtype),
                 ("BASE", self.ask_base)]
        await run_menu_batch(self.dialog, lambda: [(w, T(f"menu.{w.lower()}"), change(ask))
                                                   for w, ask in steps])
        return names[0]

    async def delete(self) -> None:
        name = await self.choose_server(T("delete.server"))
        if await self.dialog.yes_no(T("delete.confirm", name=name), False):
            del self.ctx.session.edit("ldap").servers[name]

    async def setup(self) -> None:
        """The interface and the failed-query rule (ESA 11.0-14.1 ask exactly these two); from
        16.0 (profile ``ldap_certificate_question``) the LDAPS client certificate too."""
        view, current = self.ctx.session.view(), self.ldap
        interface = await choose_interface(self.dialog, T("setup.interface"), view.interfaces,
                                           current.interface)
        negative = await self.dialog.yes_no(T("setup.negative"), current.failures_negative)
        certificate = current.certificate
        if self.ctx.appliance.profile.ldap_certificate_question:
            certificate = await choose_name(self.dialog, T("setup.certificate"),
                                            list(view.certificates.profiles), certificate)
        ldap = self.ctx.session.edit("ldap")
        ldap.interface, ldap.failures_negative, ldap.certificate = interface, negative, certificate


@command("ldapconfig", T("description"), usage=T("usage"), roles=CONFIG_ROLES,
         sections=("ldap",))
async def ldapconfig(ctx: CommandContext, args: list[str]) -> None:
    cmd = LdapConfigCommand(ctx)
    await run_menu_batch(ctx.dialog, cmd.operations, cmd.status)
