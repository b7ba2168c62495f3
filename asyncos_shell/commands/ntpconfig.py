"""``ntpconfig``: the NTP servers (listed, added, removed) and the interface queries would
leave from.  The emulator keeps its host's clock and never sends NTP queries: a lab has no
outside traffic (README)."""
from __future__ import annotations

from typing import Optional

from cluster.validate import destination_host_error

from .. import strings
from ..engine.context import CommandContext
from ..engine.registry import CONFIG_ROLES, command
from . import _shared_strings, time_strings  # noqa: F401  (registers the strings)
from ._choices import choose_interface, choose_name, run_menu_batch


def T(string_id: str, **values: object) -> str:
    return strings.text(f"ntpconfig.{string_id}", **values)


@command("ntpconfig", T("description"), usage="ntpconfig [new <server> | delete <server>]",
         roles=CONFIG_ROLES, sections=("system",))
async def ntpconfig(ctx: CommandContext, args: list[str]) -> None:
    dialog = ctx.dialog

    def status() -> str:
        servers = ctx.session.read("system").ntp_servers
        lines = ["", T("listing") if servers else T("none")]
        return "\n".join(lines + [f"{n}. {s}" for n, s in enumerate(servers, 1)])

    async def new() -> None:
        servers = ctx.session.read("system").ntp_servers

        def check(answer: str) -> Optional[str]:
            if destination_host_error(answer):
                return strings.text("shared.bad_host")
            return T("exists", server=answer) if answer in servers else None
        server = await dialog.ask(T("new"), validate=check)
        ctx.session.edit("system").ntp_servers.append(server)

    async def delete() -> None:
        servers = ctx.session.read("system").ntp_servers
        server = await choose_name(dialog, T("delete"), servers, None)
        ctx.session.edit("system").ntp_servers.remove(server)

    async def sourceint() -> None:
        system = ctx.session.read("system")
        choice = await choose_interface(dialog, T("sourceint"), ctx.session.view().interfaces,
                                        system.ntp_interface)
        ctx.session.edit("system").ntp_interface = choice

    def operations():
        ops = [("NEW", T("op_new"), new)]
        if ctx.session.read("system").ntp_servers:
            ops.append(("DELETE", T("op_delete"), delete))
        return ops + [("SOURCEINT", T("op_sourceint"), sourceint)]

    await run_menu_batch(dialog, operations, status)
