"""``logconfig``: the table of log subscriptions (mail-logs.md §1.5) and its operations.

NEW, EDIT and DELETE change the session's pending ``logs`` section; ``commit`` applies them to the
log files (a new folder, a new level, size or interval, a stopped log), so ``tail`` and ``grep``
number the logs as the committed table does.  SETUP holds the mail-log options (Message-ID,
Subject, remote response).  Retrieval is manual download or FTP, SCP or Syslog Push: the push
settings are kept with the subscription (and in the configuration file); the emulator writes
every log locally and sends none of them anywhere.
"""
from __future__ import annotations

import re
from typing import Optional

from cluster import model
from cluster.validate import destination_host_error, name_error

from .. import strings
from ..engine.context import CommandContext
from ..engine.dialog import Dialog, run_menu
from ..engine.registry import CONFIG_ROLES, command
from . import _shared_strings, logconfig_strings  # noqa: F401  (registers the strings)
from ._logs import ordered

WIDTHS = (20, 28, 19)
RULE = "-" * 81
OPERATIONS = ("NEW", "EDIT", "DELETE", "SETUP", "LOGHEADERS", "HOSTKEYCONFIG")
SIZE = re.compile(r"^(\d+)([km]?)$", re.I)
MIN_SIZE, MAX_SIZE = 10240, 10 * 1024 ** 3
DEFAULT_INTERVAL = 3600     # the QA library's documented default
RETRIEVALS = ("manual", "ftp", "scp", "syslog")     # the order of logconfig.retrievals


def T(string_id: str, **values: object) -> str:
    return strings.text(f"logconfig.{string_id}", **values)


def table(subs: list[model.LogSubscription]) -> str:
    columns = T("columns").split("|")
    lines = [strings.text("logs.header"), "     " + _row(columns), "    " + RULE]
    for number, sub in enumerate(subs, 1):
        lines.append(f"{number:>3}. " + _row([sub.name, sub.type, sub.retrieval, interval(sub)]))
    return "\n".join(lines)


def interval(sub: model.LogSubscription) -> str:
    return T("interval.seconds", seconds=sub.rollover_interval) if sub.rollover_interval \
        else T("interval.none")


def _row(cells: list[str]) -> str:
    return "".join(cell.ljust(width) for cell, width in zip(cells, WIDTHS)) + cells[-1]


def parse_size(text: str) -> Optional[int]:
    """``10485760``, ``10m``, ``500k`` -> bytes; None when malformed or out of range."""
    match = SIZE.match(text.strip())
    if match is None:
        return None
    value = int(match.group(1)) * {"": 1, "k": 1024, "m": 1024 ** 2}[match.group(2).lower()]
    return value if MIN_SIZE <= value <= MAX_SIZE else None


class LogDialog:
    def __init__(self, ctx: CommandContext):
        self.ctx, self.dialog = ctx, ctx.dialog

    @property
    def logs(self) -> model.Logs:
        return self.ctx.session.read("logs")

    def subs(self) -> list[model.LogSubscription]:
        return ordered(self.logs.subscriptions.values())

    async def new(self) -> None:
        kind = logconfig_strings.LOG_TYPES[
            await self.dialog.choose(T("type"), logconfig_strings.LOG_TYPES, 0)]
        name = await self._name(None)
        sub = model.LogSubscription(name, kind, filename=name)
        await self._settings(sub)
        self.ctx.session.edit("logs").subscriptions[name] = sub

    async def edit(self) -> None:
        old = await self._pick(T("edit_which"))
        sub = model.LogSubscription(**vars(old))
        sub.name = await self._name(old.name)
        await self._settings(sub)
        subscriptions = self.ctx.session.edit("logs").subscriptions
        del subscriptions[old.name]
        subscriptions[sub.name] = sub

    async def delete(self) -> None:
        sub = await self._pick(T("delete_which"))
        del self.ctx.session.edit("logs").subscriptions[sub.name]

    async def setup(self) -> None:
        logs = self.logs
        frequency = await self.dialog.ask_int(T("setup.frequency"), logs.system_metrics_frequency,
                                              low=1, high=86400)
        message_id = await self.dialog.yes_no(T("setup.message_id"), logs.log_message_id)
        subject = await self.dialog.yes_no(T("setup.subject"), logs.log_subject)
        response = await self.dialog.yes_no(T("setup.response"), logs.log_remote_response)
        edited = self.ctx.session.edit("logs")
        edited.system_metrics_frequency, edited.log_message_id = frequency, message_id
        edited.log_subject, edited.log_remote_response = subject, response

    async def _pick(self, question: str) -> model.LogSubscription:
        subs = self.subs()
        number = await self.dialog.ask_int(question, low=1, high=len(subs))
        return subs[number - 1]

    async def _name(self, current: Optional[str]) -> str:
        taken = {name.lower() for name in self.logs.subscriptions if name != current}

        def check(answer: str) -> Optional[str]:
            if error := name_error("log", answer):
                return error
            return T("name_in_use", name=answer) if answer.lower() in taken else None
        return await self.dialog.ask(T("name"), current, validate=check)

    async def _settings(self, sub: model.LogSubscription) -> None:
        """The questions NEW and EDIT share, in the order of the real dialogue (the alert
        question, which it does not show, last)."""
        dialog = self.dialog
        levels = T("levels").split("|")
        sub.level = levels[await dialog.choose(T("level"), levels, levels.index(sub.level)
                                               if sub.level in levels else 2)]
        methods = [T(f"retrieval.{m}") for m in RETRIEVALS]
        method = RETRIEVALS[await dialog.choose(T("retrieval"), T("retrievals").split("|"),
                                                methods.index(sub.retrieval)
                                                if sub.retrieval in methods else 0)]
        sub.retrieval = T(f"retrieval.{method}")
        if method == "syslog":
            await self._syslog_push(sub)
            return
        if method != "manual":
            await self._push(sub, method)
        sub.filename = await dialog.ask(T("filename"), sub.filename or sub.name,
                                        validate=lambda a: name_error("log", a))
        await dialog.yes_no(T("append_ids"), False)
        if method != "manual":
            sub.push_max_time = await dialog.ask_int(T("push.max_time"), sub.push_max_time,
                                                     low=60, high=31536000)
            sub.push_max_size = await dialog.ask_int(T("push.max_size"), sub.push_max_size,
                                                     low=MIN_SIZE, high=MAX_SIZE)
            return
        sub.rollover_interval = await self._time_rollover(dialog, sub.rollover_interval)
        size = await dialog.ask(T("max_size"), str(sub.rollover_size), validate=lambda a: None
                                if parse_size(a) else T("max_size_invalid", low=MIN_SIZE,
                                                        high=MAX_SIZE))
        sub.rollover_size = parse_size(size)
        sub.max_files = await dialog.ask_int(T("max_files"), sub.max_files, low=1, high=1000)
        sub.removal_alert = await dialog.yes_no(T("alert"), sub.removal_alert)

    async def _push(self, sub: model.LogSubscription, method: str) -> None:
        """FTP or SCP Push: where the files go and as whom."""
        dialog = self.dialog
        sub.push_host = await dialog.ask(T("push.host"), sub.push_host or None,
                                         validate=_host_error)
        if method == "scp":
            sub.push_port = await dialog.ask_int(T("push.port"), sub.push_port or 22, low=1,
                                                 high=65535)
        sub.push_user = await dialog.ask(T("push.user"), sub.push_user or None)
        if method == "ftp":
            sub.push_password = await dialog.ask(T("push.password", user=sub.push_user),
                                                 hidden=True)
        sub.push_directory = await dialog.ask(T("push.directory"), sub.push_directory or None)
        if method == "scp":
            protocols = T("push.ssh_protocols").split("|")
            sub.ssh_protocol = protocols[await dialog.choose(
                T("push.ssh_protocol"), protocols, protocols.index(sub.ssh_protocol)
                if sub.ssh_protocol in protocols else 1)]
            sub.host_key_checking = await dialog.yes_no(T("push.host_key"),
                                                        sub.host_key_checking)

    async def _syslog_push(self, sub: model.LogSubscription) -> None:
        dialog = self.dialog
        sub.push_host = await dialog.ask(T("push.host"), sub.push_host or None,
                                         validate=_host_error)
        protocols = T("push.syslog_protocols").split("|")
        sub.syslog_protocol = protocols[await dialog.choose(
            T("push.syslog_protocol"), protocols, protocols.index(sub.syslog_protocol)
            if sub.syslog_protocol in protocols else 0)]
        facilities = T("push.facilities").split("|")
        sub.syslog_facility = facilities[await dialog.choose(
            T("push.facility"), facilities, facilities.index(sub.syslog_facility)
            if sub.syslog_facility in facilities else len(facilities) - 1)]

    async def _time_rollover(self, dialog: Dialog, current: int) -> int:
        if not await dialog.yes_no(T("time_rollover"), bool(current)):
            return 0
        settings = T("rollover_settings").split("|")
        while await dialog.choose(T("rollover_setting"), settings, 0) != 0:
            dialog.out(T("weekly_unavailable"))
        return await dialog.ask_int(T("interval"), current or DEFAULT_INTERVAL, low=60,
                                    high=31536000)


def _host_error(answer: str) -> Optional[str]:
    return None if not destination_host_error(answer) else strings.text("shared.bad_host")


@command("logconfig", T("description"), usage="logconfig", roles=CONFIG_ROLES)
async def logconfig(ctx: CommandContext, args: list[str]) -> None:
    logs = LogDialog(ctx)

    async def not_offered() -> None:
        ctx.out(T("not_offered"))

    handlers = {"NEW": logs.new, "EDIT": logs.edit, "DELETE": logs.delete, "SETUP": logs.setup}

    def operations():
        return [(word, T(f"menu.{word.lower()}"), handlers.get(word, not_offered))
                for word in OPERATIONS]

    def status() -> str:
        return "\n" + table(logs.subs()) + "\n"

    await run_menu(ctx.dialog, operations, status)
