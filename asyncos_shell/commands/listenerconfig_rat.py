"""``listenerconfig`` -> EDIT -> RCPTACCESS: the Recipient Access Table (cli.md §5.5).

The table is ordered, first match wins (``cluster.recipients.lookup``); ``ALL`` stays last and
can be edited but not deleted; NEW entries go just before it.
"""
from __future__ import annotations

from typing import Optional

from cluster import model, recipients

from ..engine.context import CommandContext
from ..engine.dialog import run_menu
from .listenerconfig_common import file_name_error, read_config_file, write_config_file
from .listenerconfig_files import TableFileError, format_rat_file, format_rat_print, parse_rat
from .listenerconfig_strings import S


class RecipientAccessMenu:
    def __init__(self, ctx: CommandContext, listener: model.Listener):
        self.ctx, self.dialog, self.listener = ctx, ctx.dialog, listener

    @property
    def rat(self) -> list[model.RecipientAccess]:
        return self.listener.rat

    async def run(self) -> None:
        await run_menu(self.dialog, self.operations, self.status)

    def status(self) -> str:
        return "\n" + S("lc.rat.status", count=len(self.rat))

    def operations(self):
        # the table operations HOSTACCESS has, in its words (cli.md §5.5 H [V])
        return [("NEW", S("lc.hat.menu.new"), self.new),
                ("EDIT", S("lc.hat.menu.edit"), self.edit),
                ("DELETE", S("lc.hat.menu.delete"), self.delete),
                ("PRINT", S("lc.hat.menu.print"), self.print),
                ("IMPORT", S("lc.hat.menu.import"), self.import_),
                ("EXPORT", S("lc.hat.menu.export"), self.export),
                ("CLEAR", S("lc.hat.menu.clear"), self.clear)]

    def _find(self, address: str) -> Optional[model.RecipientAccess]:
        try:
            key = recipients.normalise(address)
        except ValueError:
            return None
        return next((e for e in self.rat if e.address == key), None)

    async def _settings(self, entry: model.RecipientAccess, question: str) -> None:
        """Action, custom SMTP response and receiving-control bypass of ``entry``."""
        actions = list(model.RAT_ACTIONS)
        entry.action = actions[await self.dialog.choose(
            question, [S("lc.rat.accept"), S("lc.rat.reject")], actions.index(entry.action))]
        if await self.dialog.yes_no(S("lc.rat.custom"), entry.smtp_code is not None):
            code_question, standard = (("lc.rat.code_250", 250) if entry.action == "ACCEPT"
                                       else ("lc.rat.code_550", 550))
            entry.smtp_code = await self.dialog.ask_int(S(code_question), entry.smtp_code or standard,
                                                        low=200, high=599)
            entry.smtp_text = (await self.dialog.text_block(S("lc.params.response_text"))
                               or entry.smtp_text or "")
        else:
            entry.smtp_code = entry.smtp_text = None
        entry.bypass_receiving_control = entry.action == "ACCEPT" and await self.dialog.yes_no(
            S("lc.rat.bypass"), entry.bypass_receiving_control)

    async def new(self) -> None:
        def error(text: str) -> Optional[str]:
            if problem := recipients.address_error(text):
                return problem
            for part in recipients.split(text):
                if self._find(part) is not None:
                    return S("lc.rat.duplicate", address=recipients.normalise(part))
            return None
        answer = await self.dialog.ask(S("lc.rat.address"), validate=error)
        template = model.RecipientAccess("", "ACCEPT")
        await self._settings(template, S("lc.rat.action"))
        for address in dict.fromkeys(recipients.normalise(p) for p in recipients.split(answer)):
            entry = model.RecipientAccess(address, template.action, template.smtp_code,
                                          template.smtp_text, template.bypass_receiving_control)
            catch_all = [i for i, e in enumerate(self.rat) if e.address == model.RAT_ALL]
            self.rat.insert(catch_all[0] if catch_all else len(self.rat), entry)

    async def _ask_existing(self, question_id: str) -> model.RecipientAccess:
        answer = await self.dialog.ask(
            S(question_id), validate=lambda a: None if self._find(a) else S("lc.rat.unknown", address=a))
        entry = self._find(answer)
        assert entry is not None
        return entry

    async def edit(self) -> None:
        entry = await self._ask_existing("lc.rat.edit_address")
        await self._settings(entry, S("lc.rat.access", address=entry.address))

    async def delete(self) -> None:
        entry = await self._ask_existing("lc.rat.delete_address")
        if entry.address == model.RAT_ALL:
            self.dialog.out("")
            self.dialog.out(S("lc.rat.all_delete"))
            return
        self.rat.remove(entry)

    async def print(self) -> None:
        self.dialog.out("")
        self.dialog.out(S("lc.rat.header"))
        self.dialog.out("")
        self.dialog.out(format_rat_print(self.rat))

    async def import_(self) -> None:
        name = await self.dialog.ask(S("lc.hat.import_file"), validate=file_name_error)
        text = await read_config_file(self.dialog, self.ctx.appliance.config_dir, name)
        if text is None:
            return
        try:
            self.listener.rat = parse_rat(text)
        except TableFileError as error:
            self.dialog.out("")
            self.dialog.out(S("lc.file.parse_error", line=error.line, error=error))
            self.dialog.out(S("lc.file.import_failed"))

    async def export(self) -> None:
        name = await self.dialog.ask(S("lc.hat.export_file"), validate=file_name_error)
        await write_config_file(self.ctx.appliance.config_dir, name, format_rat_file(self.rat))
        self.dialog.out("")
        self.dialog.out(S("shared.file_written", hostname=self.ctx.session.view().system.hostname,
                          name=name))

    async def clear(self) -> None:
        index = await self.dialog.choose(S("lc.rat.clear_default"), [S("lc.rat.accept"), S("lc.rat.reject")], 1)
        self.listener.rat = [model.RecipientAccess(model.RAT_ALL, model.RAT_ACTIONS[index])]
