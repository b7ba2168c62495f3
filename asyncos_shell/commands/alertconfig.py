"""``alertconfig``: who receives which alerts, and the alert settings (cli.md §5.9).

The SMTP core sends the required-TLS-failure alert (``destconfig`` SETUP) to every recipient of
System alerts at Warning severity (``model.Alerts.recipients_for("System", "Warning")``).
"""
from __future__ import annotations

import copy
from typing import Optional

from cluster import model
from cluster.validate import hostname_error

from .. import strings
from ..engine.batchargs import Arg, Batch, Form, answer_with, as_typed, literal
from ..engine.context import CommandContext
from ..engine.registry import CONFIG_ROLES, command
from . import _shared_strings, alertconfig_strings  # noqa: F401  (registers the strings)
from ._choices import choose_interface, choose_many, run_menu_batch

NOTIFICATION = "Release and Support Notification"  # no severities: on or off
SEVERITY_CLASSES = tuple(c for c in model.ALERT_CLASSES if c != NOTIFICATION)
MAX_SECONDS, MAX_SAVED = 604800, 1000


def T(string_id: str, **values: object) -> str:
    return strings.text(f"alertconfig.{string_id}", **values)


def address_error(address: str) -> Optional[str]:
    local, at, domain = address.rpartition("@")
    if not local or not at or " " in address or hostname_error(domain):
        return T("error.address")
    return None


def severities_text(severities: list[str]) -> str:
    return T("all") if set(severities) == set(model.ALERT_SEVERITIES) else ", ".join(severities)


def in_class_order(classes: dict[str, list[str]]) -> dict[str, list[str]]:
    """A subscription's classes in the order the appliance lists them."""
    return {c: classes[c] for c in model.ALERT_CLASSES if c in classes}


class AlertConfigCommand:
    def __init__(self, ctx: CommandContext):
        self.ctx, self.dialog = ctx, ctx.dialog

    @property
    def alerts(self) -> model.Alerts:
        return self.ctx.session.read("alerts")

    def status(self) -> str:
        alerts = self.alerts
        lines = [""]
        if alerts.recipients:
            lines.append(T("sending"))
            for recipient in alerts.recipients.values():
                lines.append(f"    {recipient.address}")
                for cls in model.ALERT_CLASSES:
                    if cls == NOTIFICATION and cls in recipient.classes:
                        lines.append("        " + T("recipient.notification", cls=cls))
                    elif recipient.classes.get(cls):
                        lines.append("        " + T("recipient.class", cls=cls, severities=(
                            severities_text(recipient.classes[cls]))))
            lines.append("")
        enabled = {True: strings.text("shared.enabled"), False: strings.text("shared.disabled")}
        lines += [T("status.initial", value=alerts.debounce_initial_seconds),
                  T("status.max", value=alerts.debounce_max_seconds),
                  T("status.saved", value=alerts.max_saved),
                  T("status.from", address=alerts.from_address) if alerts.from_address
                  else T("status.from_default"),
                  T("status.autosupport", value=enabled[alerts.autosupport])]
        if alerts.autosupport:
            lines.append(T("status.weekly", value=enabled[alerts.autosupport_weekly]))
        lines += [T("status.interface", value=alerts.interface),
                  T("status.tls", value=enabled[alerts.tls])]
        return "\n".join(lines)

    def operations(self) -> list:
        words = ["NEW", "EDIT", "DELETE", "CLEAR"] if self.alerts.recipients else ["NEW"]
        handlers = {"NEW": self.new, "EDIT": self.edit, "DELETE": self.delete,
                    "CLEAR": self.clear, "SETUP": self.setup, "FROM": self.from_}
        return [(w, T(f"menu.{w.lower()}"), handlers[w]) for w in [*words, "SETUP", "FROM"]]

    # -- recipients ----------------------------------------------------------------------------
    def configured(self, address: str) -> Optional[str]:
        """The configured recipient that ``address`` names (addresses compare case-insensitively)."""
        return next((a for a in self.alerts.recipients if a.lower() == address.lower()), None)

    async def choose_severities(self, default: str, with_none: bool = False) -> Optional[list[str]]:
        """Severities chosen from ``1. All`` ... (``None`` -> None when offered)."""
        items = [T("all"), *model.ALERT_SEVERITIES] + ([T("none")] if with_none else [])
        picked = await choose_many(self.dialog, T("severities"), items, default,
                                   exclusive=(0, 4), error_exclusive=T("error.pick"))
        if with_none and picked == [4]:
            return None
        return list(model.ALERT_SEVERITIES) if picked == [0] else [items[i] for i in picked]

    async def new(self) -> None:
        """A new recipient; an address already configured gets the classes chosen now added to
        its subscription (the QA drivers csa/testlib/coeus1201 and zeus1250 cli/ctor/
        alertconfig.py answer the class questions after "already configured")."""
        address = await self.dialog.ask(T("new.address"), validate=address_error)
        existing = self.configured(address)
        if existing is not None:
            self.dialog.out(T("error.exists", address=address))
        picked = await choose_many(self.dialog, T("classes"), [T("all"), *model.ALERT_CLASSES],
                                   "1", error_exclusive=T("error.pick"))
        classes = list(model.ALERT_CLASSES) if picked == [0] else [
            model.ALERT_CLASSES[i - 1] for i in picked]
        severities: list[str] = []
        if set(classes) - {NOTIFICATION}:
            severities = await self.choose_severities("1")
        chosen = {cls: ([] if cls == NOTIFICATION else list(severities)) for cls in classes}
        if existing is None:
            recipient = model.AlertRecipient(address, chosen)
        else:
            recipient = copy.deepcopy(self.alerts.recipients[existing])
            recipient.classes = in_class_order({**recipient.classes, **chosen})
        self.ctx.session.edit("alerts").recipients[recipient.address] = recipient

    async def edit(self) -> None:
        addresses = list(self.alerts.recipients)
        address = addresses[await self.dialog.choose(T("edit.address"), addresses)]
        items = [T("all"), *model.ALERT_CLASSES]
        listing = "\n".join(strings.text("list.item", number=i, text=item)
                            for i, item in enumerate(items, 1))

        def check(answer: str) -> Optional[str]:
            if not answer or (answer.isdigit() and 1 <= int(answer) <= len(items)):
                return None
            return strings.text("error.list_choice", high=len(items))
        while True:
            answer = await self.dialog.ask(f"{T('edit.class')}\n{listing}", "", required=False,
                                           validate=check)
            if not answer:
                return
            recipient = copy.deepcopy(self.alerts.recipients[address])
            chosen = items[int(answer) - 1]
            if chosen == NOTIFICATION:
                enabled = NOTIFICATION in recipient.classes
                if await self.dialog.yes_no(T("notification.disable" if enabled
                                              else "notification.enable"), False):
                    if enabled:
                        del recipient.classes[NOTIFICATION]
                    else:
                        recipient.classes[NOTIFICATION] = []
            else:
                targets = SEVERITY_CLASSES if chosen == T("all") else (chosen,)
                current = recipient.classes.get(targets[0]) or list(model.ALERT_SEVERITIES)
                default = "1" if set(current) == set(model.ALERT_SEVERITIES) else ",".join(
                    str(model.ALERT_SEVERITIES.index(s) + 2) for s in current)
                severities = await self.choose_severities(default, with_none=True)
                for cls in targets:
                    if severities is None:
                        recipient.classes.pop(cls, None)
                    else:
                        recipient.classes[cls] = list(severities)
                recipient.classes = in_class_order(recipient.classes)
            self.ctx.session.edit("alerts").recipients[address] = recipient

    async def delete(self) -> None:
        addresses = list(self.alerts.recipients)
        index = await self.dialog.choose(T("delete.address"), addresses)
        del self.ctx.session.edit("alerts").recipients[addresses[index]]

    async def clear(self) -> None:
        self.ctx.session.edit("alerts").recipients.clear()

    # -- settings ------------------------------------------------------------------------------
    async def setup(self) -> None:
        dialog, current = self.dialog, self.alerts
        initial = await dialog.ask_int(T("setup.initial"), current.debounce_initial_seconds,
                                       low=0, high=MAX_SECONDS)
        maximum = current.debounce_max_seconds
        if initial:
            def check(answer: str) -> Optional[str]:
                if not answer.isdigit() or int(answer) > MAX_SECONDS:
                    return strings.text("error.number_range", low=initial, high=MAX_SECONDS)
                return T("error.debounce") if int(answer) < initial else None
            maximum = int(await dialog.ask(T("setup.max"), str(max(maximum, initial)),
                                           validate=check))
        autosupport = await dialog.yes_no(T("setup.autosupport"), current.autosupport)
        weekly = current.autosupport_weekly
        if autosupport:
            weekly = await dialog.yes_no(T("setup.weekly"), weekly)
        saved = await dialog.ask_int(T("setup.saved"), current.max_saved, low=0, high=MAX_SAVED)
        interface = await choose_interface(dialog, T("setup.interface"),
                                           self.ctx.session.view().interfaces, current.interface)
        tls = await dialog.yes_no(T("setup.tls"), current.tls)
        alerts = self.ctx.session.edit("alerts")
        alerts.debounce_initial_seconds, alerts.debounce_max_seconds = initial, maximum
        alerts.autosupport, alerts.autosupport_weekly = autosupport, weekly
        alerts.max_saved, alerts.interface, alerts.tls = saved, interface, tls

    async def from_(self) -> None:
        """A one-shot sub-menu: after EDIT or DEFAULT the main menu comes back."""
        word = await self.dialog.menu([("EDIT", T("menu.from_edit")),
                                       ("DEFAULT", T("menu.from_default"))])
        if word == "EDIT":
            address = await self.dialog.ask(T("from.address"), self.alerts.from_address or None,
                                            validate=address_error)
            self.ctx.session.edit("alerts").from_address = address
        elif word == "DEFAULT":
            self.ctx.session.edit("alerts").from_address = ""


# ``alertconfig new <address> [classes] [severities]``: all classes and all severities by
# default; other words answer the menu's questions.
BATCH = Batch(Form("new", literal("new"), Arg("address"), Arg("classes", optional=True, default=""),
                   Arg("severities", optional=True, default=""),
                   answers=answer_with("new", "address", "classes", "severities")),
              as_typed())


@command("alertconfig", T("description"), usage=T("usage"), roles=CONFIG_ROLES,
         sections=("alerts",), batch=BATCH)
async def alertconfig(ctx: CommandContext, args: list[str]) -> None:
    cmd = AlertConfigCommand(ctx)
    await run_menu_batch(ctx.dialog, cmd.operations, cmd.status)
