"""``policyconfig``: the security services of the DEFAULT incoming and outgoing mail policies.

The dialogue follows Cisco's QA library (``csa/testlib/phoebe1411/cli/ctor/policyconfig.py``):
choose Incoming or Outgoing (or, from 12.x, Match: refused, the matching priority is not
emulated), the table headed "Incoming Mail Policy Configuration", EDIT the DEFAULT policy, then
ANTISPAM / ANTIVIRUS / ADVANCEDMALWARE / OUTBREAK, each with ENABLE or EDIT and DISABLE.  The
questions are the ones the QA library's parameter maps answer, in their order: anti-spam
thresholds, action, archive, subject text and, for delivered spam, alternate host, custom header
and alternate envelope recipient, the same for suspected spam after "special treatment";
anti-virus scan mode and the Repaired / Encrypted / Unscannable / Virus Infected handling;
the file extensions that bypass Outbreak Filters.  Every answer is kept in
``cluster.model.SecurityServices``; the mail path (``smtp_core.core``) applies what its
deterministic scanner can decide: each service on or off, the positive-spam action and the
virus-infected action (drop, quarantine; the others deliver).  Questions the QA library leaves
at their defaults (engines, X-header, notifications, outbreak thresholds) are not asked, which
is the same as answering them with the appliance's defaults.  Per-recipient policies (NEW,
DELETE, MOVE, members) are not emulated: DEFAULT is the only policy.
"""
from __future__ import annotations

from typing import Callable

from cluster import model
from cluster.validate import destination_host_error

from .. import strings
from ..engine.context import CommandContext
from ..engine.dialog import Dialog, run_menu
from ..engine.registry import CONFIG_ROLES, command
from . import _shared_strings, policyconfig_strings  # noqa: F401  (registers the strings)
from ._choices import format_table
from .alertconfig import address_error

TABLES = ("inbound", "outbound")
DEFAULT_POLICY = "DEFAULT"
SPAM_ACTIONS = model.SPAM_ACTIONS      # deliver, drop, bounce, quarantine: the list's order
VIRUS_ACTIONS = model.VIRUS_ACTIONS    # the GUI's five, Deliver As Is first
SUBJECT_TAGS = model.SUBJECT_TAGS      # none, prepend, append


def T(string_id: str, **values: object) -> str:
    return strings.text(f"policyconfig.{string_id}", **values)


def _on(flag: bool, engine: str) -> str:
    return T(f"engine.{engine}") if flag else strings.text("shared.off")


def policy_table(services: model.SecurityServices) -> str:
    columns = [T(f"column.{c}") for c in ("name", "antispam", "antivirus", "amp", "outbreak")]
    row = [DEFAULT_POLICY, _on(services.anti_spam, "antispam"),
           _on(services.anti_virus, "antivirus"), _on(services.amp, "amp"),
           strings.text("shared.enabled") if services.outbreak_filters else strings.text("shared.off")]
    return format_table(columns, [row])


def policy_summary(services: model.SecurityServices) -> str:
    def with_action(flag: bool, engine: str, action: str) -> str:
        if not flag:
            return strings.text("shared.off")
        return T("summary.engine_action", engine=T(f"engine.{engine}"), action=action)

    return "\n".join([
        T("summary"), "",
        T("summary.antispam", value=with_action(services.anti_spam, "antispam",
                                                T(f"spam_label.{services.spam_action}"))),
        T("summary.antivirus", value=with_action(services.anti_virus, "antivirus",
                                                 T(f"virus_label.{services.virus_action}"))),
        T("summary.amp", value=_on(services.amp, "amp")),
        T("summary.outbreak", value=strings.text("shared.enabled") if services.outbreak_filters else strings.text("shared.off"))])


class PolicyConfigCommand:
    def __init__(self, ctx: CommandContext, table: str):
        self.ctx, self.dialog, self.table = ctx, ctx.dialog, table

    @property
    def services(self) -> model.SecurityServices:
        return self.ctx.session.read("mailpolicies").table(self.table)

    def editable(self) -> model.SecurityServices:
        return self.ctx.session.edit("mailpolicies").table(self.table)

    # -- the table ------------------------------------------------------------------------------
    def status(self) -> str:
        heading = T("heading", table=T(f"table.{self.table}"))
        return f"\n{heading}\n\n{policy_table(self.services)}"

    def operations(self) -> list:
        return [("EDIT", T("menu.edit"), self.edit), ("PRINT", T("menu.print"), self.print_)]

    async def choose_policy(self, question: str) -> None:
        # DEFAULT is the only policy: the list still asks, as it does with several.
        await self.dialog.choose(question, [DEFAULT_POLICY])

    async def print_(self) -> None:
        await self.choose_policy(T("choose.print"))
        self.dialog.out()
        self.dialog.out(policy_summary(self.services))

    async def edit(self) -> None:
        await self.choose_policy(T("choose.edit"))
        await run_menu(self.dialog, self.policy_operations,
                       lambda: "\n" + policy_summary(self.services))

    # -- the DEFAULT policy ----------------------------------------------------------------------
    def policy_operations(self) -> list:
        return [(word, T(f"menu.{word.lower()}"), handler) for word, handler in (
            ("ANTISPAM", lambda: self.service_menu("antispam", "anti_spam", self.antispam)),
            ("ANTIVIRUS", lambda: self.service_menu("antivirus", "anti_virus", self.antivirus)),
            ("ADVANCEDMALWARE", lambda: self.service_menu("advancedmalware", "amp", None)),
            ("OUTBREAK", lambda: self.service_menu("outbreak", "outbreak_filters",
                                                   self.outbreak)))]

    async def service_menu(self, service: str, flag: str,
                           questions: Callable | None) -> None:
        """ENABLE (then the questions), or EDIT and DISABLE; one operation, then back to the
        policy's menu (the QA library's ``_to_the_top`` after each)."""
        name = T(f"service.{service}")
        if getattr(self.services, flag):
            words = (["EDIT"] if questions else []) + ["DISABLE"]
        else:
            words = ["ENABLE"]
        word = await self.dialog.menu([(w, T(f"service.{w.lower()}", service=name))
                                       for w in words])
        if word is None:
            return
        if word != "EDIT":
            setattr(self.editable(), flag, word == "ENABLE")
        if word != "DISABLE" and questions is not None:
            await questions()

    async def antispam(self) -> None:
        """The order of the QA library's spam and suspected-spam parameter maps: threshold,
        action, archive, subject text, then (delivered spam) alternate host, custom header,
        alternate envelope recipient; the same for suspected spam."""
        dialog, current = self.dialog, self.services
        dialog.out()
        dialog.out(T("antispam.begin"))
        default_thresholds = await dialog.yes_no(T("antispam.default_threshold"),
                                                 current.spam_default_thresholds)
        self.editable().spam_default_thresholds = default_thresholds
        if not default_thresholds:
            self.editable().spam_threshold = await dialog.ask_int(
                T("antispam.threshold", low=1, high=100), current.spam_threshold,
                low=1, high=100)
        await self.spam_treatment("spam", T("kind.spam"))
        special = await dialog.yes_no(T("antispam.special"), current.suspected_spam)
        self.editable().suspected_spam = special
        if special:
            if not default_thresholds:
                high = max(1, self.services.spam_threshold - 1)
                self.editable().suspected_threshold = await dialog.ask_int(
                    T("antispam.suspect_threshold", low=1, high=high),
                    min(current.suspected_threshold, high), low=1, high=high)
            await self.spam_treatment("suspected", T("kind.suspected"))
        dialog.out()
        dialog.out(T("antispam.done"))

    async def spam_treatment(self, prefix: str, kind: str) -> None:
        """Action, archive and subject text of spam or suspected spam, and where delivered
        spam goes (kept; the mail path applies the spam action only)."""
        dialog, current = self.dialog, self.services
        action_field = "spam_action" if prefix == "spam" else "suspected_action"
        action = await choose_action(dialog, T("antispam.action", kind=kind), "spam_action",
                                     SPAM_ACTIONS, getattr(current, action_field))
        values: dict[str, object] = {action_field: action}
        values["archive"] = await dialog.yes_no(T("antispam.archive", kind=kind),
                                                getattr(current, f"{prefix}_archive"))
        position = await choose_action(dialog, T("antispam.subject", kind=kind), "subject",
                                       SUBJECT_TAGS, getattr(current, f"{prefix}_subject"))
        values["subject"] = position
        if position != "none":
            values["subject_text"] = await dialog.ask(
                T("antispam.subject_text", position=T(f"position.{position}")),
                getattr(current, f"{prefix}_subject_text"))
        if action == "deliver":
            values.update(await self.delivered_spam(prefix, kind))
        edit = self.editable()
        for name, value in values.items():
            setattr(edit, name if name == action_field else f"{prefix}_{name}", value)

    async def delivered_spam(self, prefix: str, kind: str) -> dict[str, str]:
        """Alternate host, custom header and alternate envelope recipient ("" = off)."""
        dialog, current = self.dialog, self.services

        def host_error(answer: str) -> str | None:
            return strings.text("shared.bad_host") if destination_host_error(answer) else None

        async def optional(question: str, field_name: str, ask) -> str:
            value = getattr(current, f"{prefix}_{field_name}")
            return await ask(value) if await dialog.yes_no(question, bool(value)) else ""

        values = {"alt_host": await optional(
            T("antispam.alt_host", kind=kind), "alt_host",
            lambda value: dialog.ask(T("antispam.alt_host.enter"), value or None,
                                     validate=host_error))}
        values["header_name"] = await optional(
            T("antispam.header", kind=kind), "header_name",
            lambda value: dialog.ask(T("antispam.header.name"), value or None))
        values["header_text"] = (await dialog.ask(
            T("antispam.header.text"), getattr(current, f"{prefix}_header_text") or None)
            if values["header_name"] else "")
        values["alt_recipient"] = await optional(
            T("antispam.alt_recipient", kind=kind), "alt_recipient",
            lambda value: dialog.ask(T("antispam.alt_recipient.enter"), value or None,
                                     validate=address_error))
        return values

    async def antivirus(self) -> None:
        """Scan mode, then each kind of message's handling (the QA library's order: Repaired
        when repairing, Encrypted, Unscannable, Virus Infected)."""
        dialog, current = self.dialog, self.services
        dialog.out()
        dialog.out(T("antivirus.begin"))
        repair = await dialog.choose(T("antivirus.scan"), [T("antivirus.scan.repair"),
                                                           T("antivirus.scan.only")],
                                     0 if current.virus_repair else 1) == 0
        self.editable().virus_repair = repair
        kinds = (("repaired",) if repair else ()) + ("encrypted", "unscannable", "virus")
        dialog.out()
        dialog.out(T("antivirus.handling." + ("repair" if repair else "scan")))
        for kind in kinds:
            name = T(f"antivirus.kind.{kind}")
            dialog.out()
            dialog.out(T("antivirus.heading", kind=name))
            if await dialog.yes_no(T("antivirus.edit", kind=name), False):
                action = await choose_action(dialog, T("antivirus.action"), "virus_action",
                                             VIRUS_ACTIONS, getattr(current, f"{kind}_action"))
                setattr(self.editable(), f"{kind}_action", action)
        dialog.out()
        dialog.out(T("antivirus.done"))

    async def outbreak(self) -> None:
        """The bypass question the QA library answers first; yes opens the extension list."""
        if await self.dialog.yes_no(T("outbreak.bypass"), False):
            await run_menu(self.dialog, self.bypass_operations, self.bypass_status)

    # -- file extensions that bypass Outbreak Filters --------------------------------------------
    def bypass_status(self) -> str:
        extensions = self.services.outbreak_bypass
        if not extensions:
            return "\n" + T("bypass.none")
        return "\n" + T("bypass.list") + "\n" + "\n".join(extensions)

    def bypass_operations(self) -> list:
        ops = [("NEW", T("bypass.menu.new"), self.bypass_new)]
        if self.services.outbreak_bypass:
            ops += [("DELETE", T("bypass.menu.delete"), self.bypass_delete),
                    ("PRINT", T("bypass.menu.print"), self.bypass_print),
                    ("CLEAR", T("bypass.menu.clear"), self.bypass_clear)]
        return ops

    async def bypass_new(self) -> None:
        def check(answer: str) -> str | None:
            if answer.startswith("."):
                return T("bypass.error.period")
            if any(not part.strip().isalnum() for part in answer.split(",")):
                return T("bypass.error.invalid")
            return None
        answer = await self.dialog.ask(T("bypass.enter"), validate=check)
        extensions = [part.strip().lower() for part in answer.split(",")]
        present = [e for e in extensions if e in self.services.outbreak_bypass]
        if present:
            self.dialog.out(T("bypass.error.present", extensions=", ".join(present)))
            return
        self.editable().outbreak_bypass.extend(dict.fromkeys(extensions))

    async def bypass_delete(self) -> None:
        index = await self.dialog.choose(T("bypass.choose.delete"), self.services.outbreak_bypass)
        del self.editable().outbreak_bypass[index]

    async def bypass_print(self) -> None:
        self.dialog.out()
        self.dialog.out("\n".join(self.services.outbreak_bypass))

    async def bypass_clear(self) -> None:
        self.editable().outbreak_bypass.clear()


async def choose_action(dialog: Dialog, question: str, kind: str, actions: tuple[str, ...],
                        current: str) -> str:
    items = [T(f"{kind}.{action}") for action in actions]
    default = actions.index(current) if current in actions else 0
    return actions[await dialog.choose(question, items, default)]


@command("policyconfig", T("description"), usage=T("usage"), roles=CONFIG_ROLES,
         sections=("mailpolicies",))
async def policyconfig(ctx: CommandContext, args: list[str]) -> None:
    tables = TABLES + (("match",) if ctx.appliance.profile.policy_match else ())
    index = await ctx.dialog.choose(T("table.question"), [T(f"table.{t}") for t in tables], 0)
    if tables[index] == "match":
        # The sender-header matching priority of the policies is not emulated.
        ctx.dialog.out()
        ctx.dialog.out(T("match.unavailable"))
        return
    policies = PolicyConfigCommand(ctx, tables[index])
    await run_menu(ctx.dialog, policies.operations, policies.status)
