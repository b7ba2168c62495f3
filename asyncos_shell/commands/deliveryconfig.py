"""``deliveryconfig``: the default delivery interface, "Possible Delivery", the system-wide
(TLS) delivery concurrency and whether to fall back to plain text when the TLS concurrency limit
is reached (cli.md §5.3; tech note 118601)."""
from __future__ import annotations

from .. import strings
from ..engine.context import CommandContext
from ..engine.registry import CONFIG_ROLES, command
from . import _shared_strings, deliveryconfig_strings  # noqa: F401  (registers the strings)
from ._choices import choose_interface, run_menu_batch

MAX_CONCURRENCY = 10000


def T(string_id: str, **values: object) -> str:
    return strings.text(f"deliveryconfig.{string_id}", **values)


@command("deliveryconfig", T("description"), usage=T("usage"), roles=CONFIG_ROLES,
         sections=("delivery",))
async def deliveryconfig(ctx: CommandContext, args: list[str]) -> None:
    def status() -> str:
        delivery = ctx.session.read("delivery")
        return "\n".join([
            "",
            T("interface", value=delivery.interface),
            T("possible", value=T("enabled") if delivery.possible_delivery else strings.text("shared.disabled")),
            T("concurrency", value=delivery.max_concurrency),
            T("tls_concurrency", value=delivery.tls_max_concurrency),
            T("fallback", value=strings.text("shared.yes" if delivery.tls_fallback_plain else "shared.no")),
        ])

    async def setup() -> None:
        dialog, current = ctx.dialog, ctx.session.read("delivery")
        interface = await choose_interface(dialog, T("setup.interface"),
                                           ctx.session.view().interfaces, current.interface)
        possible = await dialog.yes_no(T("setup.possible"), current.possible_delivery)
        concurrency = await dialog.ask_int(T("setup.concurrency"), current.max_concurrency,
                                           low=1, high=MAX_CONCURRENCY)
        tls_concurrency = await dialog.ask_int(T("setup.tls_concurrency"),
                                               current.tls_max_concurrency,
                                               low=1, high=MAX_CONCURRENCY)
        fallback = await dialog.yes_no(T("setup.fallback"), current.tls_fallback_plain)
        delivery = ctx.session.edit("delivery")
        delivery.interface, delivery.possible_delivery = interface, possible
        delivery.max_concurrency, delivery.tls_max_concurrency = concurrency, tls_concurrency
        delivery.tls_fallback_plain = fallback

    await run_menu_batch(ctx.dialog, lambda: [("SETUP", T("menu.setup"), setup)], status)
