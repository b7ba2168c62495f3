"""``policyconfig``: the security services of the DEFAULT incoming and outgoing mail policies.

The dialogue follows Cisco's QA library (``csa/testlib/phoebe1411/cli/ctor/policyconfig.py``):
choose Incoming or Outgoing, the table headed "Incoming Mail Policy Configuration", EDIT the
DEFAULT policy, then ANTISPAM / ANTIVIRUS / ADVANCEDMALWARE / OUTBREAK, each with ENABLE or
EDIT and DISABLE.  Only what the mail path applies is asked (``cluster.model.SecurityServices``:
each service on or off, the positive-spam action and the virus-infected action, which the work
queue honours in ``smtp_core.core``); the appliance's other questions (thresholds, subject
tags, alternate hosts, archiving, notifications, bypass extensions) are not asked, which is the
same as answering them with the appliance's defaults.  Per-recipient policies (NEW, DELETE,
MOVE, members) are not emulated: DEFAULT is the only policy.
"""
from __future__ import annotations

from typing import Callable

from cluster import model

from .. import strings
from ..engine.context import CommandContext
from ..engine.dialog import Dialog, run_menu
from ..engine.registry import CONFIG_ROLES, command
from . import _shared_strings, policyconfig_strings  # noqa: F401  (registers the strings)
from ._choices import format_table

TABLES = ("inbound", "outbound")
DEFAULT_POLICY = "DEFAULT"
SPAM_ACTIONS = model.SPAM_ACTIONS      # deliver, drop, bounce, quarantine: the list's order
VIRUS_ACTIONS = model.VIRUS_ACTIONS    # drop, quarantine, deliver


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
            ("OUTBREAK", lambda: self.service_menu("outbreak", "outbreak_filters", None)))]

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
        dialog = self.dialog
        dialog.out()
        dialog.out(T("antispam.begin"))
        action = await choose_action(dialog, T("antispam.action"), "spam_action", SPAM_ACTIONS,
                                     self.services.spam_action)
        self.editable().spam_action = action
        dialog.out()
        dialog.out(T("antispam.done"))

    async def antivirus(self) -> None:
        dialog = self.dialog
        dialog.out()
        dialog.out(T("antivirus.begin"))
        if await dialog.yes_no(T("antivirus.edit_infected"), False):
            action = await choose_action(dialog, T("antivirus.action"), "virus_action",
                                         VIRUS_ACTIONS, self.services.virus_action)
            self.editable().virus_action = action
        dialog.out()
        dialog.out(T("antivirus.done"))


async def choose_action(dialog: Dialog, question: str, kind: str, actions: tuple[str, ...],
                        current: str) -> str:
    items = [T(f"{kind}.{action}") for action in actions]
    default = actions.index(current) if current in actions else 0
    return actions[await dialog.choose(question, items, default)]


@command("policyconfig", T("description"), usage=T("usage"), roles=CONFIG_ROLES,
         sections=("mailpolicies",))
async def policyconfig(ctx: CommandContext, args: list[str]) -> None:
    index = await ctx.dialog.choose(T("table.question"), [T(f"table.{t}") for t in TABLES], 0)
    policies = PolicyConfigCommand(ctx, TABLES[index])
    await run_menu(ctx.dialog, policies.operations, policies.status)
