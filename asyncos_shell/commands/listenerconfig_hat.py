"""``listenerconfig`` -> EDIT -> HOSTACCESS: the Host Access Table of one listener (cli.md §5.5).

Entries are matched top to bottom (``cluster.senders.evaluate``); NEW puts a sender group at the
top so that it takes effect before the catch-all groups (UNKNOWNLIST matches ``sbrs[none]``).
"""
from __future__ import annotations

from typing import Optional

from cluster import defaults, model, senders
from cluster.validate import hat_errors
from cluster.validate import name_error

from ..engine.context import CommandContext
from ..engine.dialog import run_menu
from .listenerconfig_common import (file_name_error, pick, read_config_file,
                                    write_config_file)
from .listenerconfig_files import (TableFileError, format_default, format_entry, format_hat,
                                   hat_counts, parse_hat)
from .listenerconfig_params import edit_params
from .listenerconfig_strings import S

_ACTIONS = ("ACCEPT", "RELAY", "REJECT", "TCPREFUSE", "CONTINUE")  # the behaviour list's order


def _label(group: model.SenderGroup) -> str:
    return group.name or ", ".join(group.senders)


class HostAccessMenu:
    def __init__(self, ctx: CommandContext, listener: model.Listener):
        self.ctx, self.dialog, self.listener = ctx, ctx.dialog, listener

    @property
    def hat(self) -> model.HostAccess:
        return self.listener.hat

    async def run(self) -> None:
        await run_menu(self.dialog, self.operations, self.status)

    def status(self) -> str:
        policies, groups = hat_counts(self.hat)
        return "\n" + S("lc.hat.policies", count=policies) + "\n" + S("lc.hat.groups", count=groups)

    def operations(self):
        # CLEAR until 13.x (9.7 guide), RESET from 14.x (cli.md §5.5)
        reset = self.ctx.appliance.profile.hat_reset
        last = (("RESET", S("lc.hat.menu.reset"), self.reset) if reset
                else ("CLEAR", S("lc.hat.menu.clear"), self.clear))
        return [("NEW", S("lc.hat.menu.new"), self.new),
                ("EDIT", S("lc.hat.menu.edit"), self.edit),
                ("DELETE", S("lc.hat.menu.delete"), self.delete),
                ("MOVE", S("lc.hat.menu.move"), self.move),
                ("DEFAULT", S("lc.hat.menu.default"), self.default),
                ("PRINT", S("lc.hat.menu.print"), self.print),
                ("IMPORT", S("lc.hat.menu.import"), self.import_),
                ("EXPORT", S("lc.hat.menu.export"), self.export),
                last]

    # -- shared pieces ------------------------------------------------------------------------
    def _demo(self) -> bool:
        return self.listener.certificate == "Demo"

    def _smime(self) -> bool:
        return self.ctx.appliance.profile.policy_smime

    async def choose_behaviour(self, current: Optional[str], with_policies: bool = True) -> str:
        """``Select a behavior for this entry.``: the actions, then ``Policy: NAME`` items."""
        words = list(_ACTIONS) + (list(self.hat.policies) if with_policies else [])
        items = [S(f"lc.hat.behavior.{w.lower()}") for w in _ACTIONS] + [
            S("lc.hat.behavior.policy", name=name[1:]) for name in words[len(_ACTIONS):]]
        default = words.index(current) if current in words else 0
        return words[await self.dialog.choose(S("lc.hat.behavior"), items, default)]

    async def maybe_params(self, behaviour: str, inline: model.PolicyParams) -> None:
        """``Would you like to change the policy parameters?`` then the dialogue, on the chosen
        policy or on the entry's own (inline) parameters."""
        if await self.dialog.yes_no(S("lc.hat.change_params"), False):
            target = self.hat.policies[behaviour].params if behaviour.startswith("$") else inline
            await edit_params(self.dialog, target, self.hat.default_params, self._demo(),
                              smime=self._smime())

    def group_name_error(self, name: str, keep: str = "") -> Optional[str]:
        if not name:
            return None
        if error := name_error("sender group", name):
            return error
        taken = {g.name.lower() for g in self.hat.sender_groups if g.name and g.name != keep}
        if name.lower() in taken or name.upper() == model.HAT_ALL:
            return S("lc.hat.group_name_taken", name=name)
        return None

    async def ask_hosts(self, group: Optional[model.SenderGroup]) -> list[str]:
        """Hosts to add, parsed; a host already in another group asks ``Add anyway?``."""
        answer = await self.dialog.ask(S("lc.hat.hosts"), validate=senders.list_error)
        added: list[str] = []
        for sender in (s.text for s in senders.parse_list(answer)):
            if sender in added or (group is not None and sender in group.senders):
                continue  # duplicates within a group are discarded (user guide)
            other = next((g for g in self.hat.sender_groups if g is not group and sender in g.senders), None)
            if other is not None and not await self.dialog.yes_no(
                    S("lc.hat.group.duplicate", host=sender, group=_label(other)), False):
                continue
            added.append(sender)
        return added

    async def _pick_entry(self, question_id: str, with_all: bool) -> Optional[int]:
        """Index into sender_groups (len() for ALL), or None when there is nothing to pick."""
        labels = [_label(g) for g in self.hat.sender_groups] + ([model.HAT_ALL] if with_all else [])
        if not labels:
            self.dialog.out("")
            self.dialog.out(S("lc.hat.no_groups"))
            return None
        return await pick(self.dialog, S(question_id), labels, "lc.hat.pick_error",
                          S("lc.hat.list_groups"))

    async def _pick_policy(self, question_id: str) -> Optional[str]:
        names = list(self.hat.policies)
        if not names:
            self.dialog.out("")
            self.dialog.out(S("lc.hat.no_policies"))
            return None
        index = await pick(self.dialog, S(question_id), [n[1:] for n in names], "lc.hat.pick_error",
                           S("lc.hat.list_policies"))
        return names[index]

    # -- operations -----------------------------------------------------------------------------
    async def new(self) -> None:
        kind = await self.dialog.choose("", [S("lc.hat.new.sender_group"), S("lc.hat.new.policy")], 0)
        if kind == 1:
            await self._new_policy()
            return
        name = await self.dialog.ask(S("lc.hat.group_name"), "", required=False,
                                     validate=self.group_name_error)
        hosts = await self.ask_hosts(None)
        group = model.SenderGroup(name, hosts)
        group.policy = await self.choose_behaviour(None)
        await self.maybe_params(group.policy, group.params)
        group.comment = await self.dialog.ask(S("lc.hat.comment"), "", required=False)
        if hosts:
            self.hat.sender_groups.insert(0, group)

    async def _new_policy(self) -> None:
        def error(answer: str) -> Optional[str]:
            name = answer.lstrip("$")
            if error := name_error("mail flow policy", name):
                return error
            if f"${name}".lower() in (p.lower() for p in self.hat.policies):
                return S("lc.hat.policy_name_taken", name=name)
            return None
        name = "$" + (await self.dialog.ask(S("lc.hat.policy_name"), validate=error)).lstrip("$")
        policy = model.MailFlowPolicy(name, await self.choose_behaviour(None, with_policies=False))
        await self.maybe_params(policy.action, policy.params)
        self.hat.policies[name] = policy

    async def edit(self) -> None:
        kind = await self.dialog.choose("", [S("lc.hat.edit.sender_group"), S("lc.hat.edit.policy")], 0)
        if kind == 0:
            index = await self._pick_entry("lc.hat.pick_group", with_all=True)
            if index is not None:
                await SenderGroupMenu(self, index).run()
            return
        name = await self._pick_policy("lc.hat.pick_policy")
        if name is None:
            return
        policy = self.hat.policies[name]
        policy.action = await self.choose_behaviour(policy.action, with_policies=False)
        await self.maybe_params(policy.action, policy.params)

    async def delete(self) -> None:
        kind = await self.dialog.choose("", [S("lc.hat.delete.sender_group"), S("lc.hat.delete.policy")], 0)
        if kind == 0:
            index = await self._pick_entry("lc.hat.pick_group_delete", with_all=False)
            if index is not None:
                del self.hat.sender_groups[index]
            return
        name = await self._pick_policy("lc.hat.pick_policy_delete")
        if name is None:
            return
        if self.hat.default_action == name:
            self.dialog.out("")
            self.dialog.out(S("lc.hat.policy_is_default", name=name))
            return
        users = [g for g in self.hat.sender_groups if g.policy == name]
        if users and not await self.dialog.yes_no(
                S("lc.hat.policy_in_use", groups=", ".join(_label(g) for g in users)), False):
            return
        self.hat.sender_groups = [g for g in self.hat.sender_groups if g.policy != name]
        del self.hat.policies[name]

    async def move(self) -> None:
        index = await self._pick_entry("lc.hat.pick_move", with_all=False)
        if index is None:
            return
        group = self.hat.sender_groups.pop(index)
        labels = [_label(g) for g in self.hat.sender_groups] + [model.HAT_ALL]
        before = await pick(self.dialog, S("lc.hat.pick_before"), labels, "lc.hat.pick_error",
                            S("lc.hat.list_groups"))
        self.hat.sender_groups.insert(before, group)

    async def default(self) -> None:
        await edit_params(self.dialog, self.hat.default_params, None, self._demo(),
                          smime=self._smime())

    async def print(self) -> None:
        self.dialog.out(format_hat(self.hat))

    async def import_(self) -> None:
        name = await self.dialog.ask(S("lc.hat.import_file"), validate=file_name_error)
        await import_hat(self.ctx, self.listener, name)

    async def export(self) -> None:
        name = await self.dialog.ask(S("lc.hat.export_file"), validate=file_name_error)
        await export_hat(self.ctx, self.listener, name)

    async def clear(self) -> None:
        self.hat.sender_groups = []

    async def reset(self) -> None:
        """Every sender group loses its senders; the policies and the defaults go back to those
        of a new listener of this type (a fresh table, so nothing is shared)."""
        factory = (defaults.private_hat([]) if self.listener.type == "private"
                   else defaults.public_hat())
        for group in self.hat.sender_groups:
            group.senders = []
        for name, policy in self.hat.policies.items():
            system = factory.policies.get(name)
            policy.params = system.params if system else model.PolicyParams()
        self.hat.default_params = factory.default_params


class SenderGroupMenu:
    """HOSTACCESS -> EDIT -> a sender group (or ALL, which only has POLICY and PRINT)."""

    def __init__(self, parent: HostAccessMenu, index: int):
        self.parent, self.dialog, self.hat = parent, parent.dialog, parent.hat
        self.group = self.hat.sender_groups[index] if index < len(self.hat.sender_groups) else None

    async def run(self) -> None:
        await run_menu(self.dialog, self.operations, self.status)

    def status(self) -> str:
        if self.group is None:
            return "\n" + S("lc.hat.group.status", name=model.HAT_ALL, policy=self.hat.default_action,
                            comment="") + "\n" + model.HAT_ALL
        group = self.group
        return "\n" + "\n".join([S("lc.hat.group.status", name=_label(group), policy=group.policy,
                                   comment=group.comment)] + group.senders)

    def operations(self):
        common = [("POLICY", S("lc.hat.group.menu.policy"), self.policy),
                  ("PRINT", S("lc.hat.group.menu.print"), self.print)]
        if self.group is None:
            return common
        return ([("NEW", S("lc.hat.group.menu.new"), self.new),
                 ("DELETE", S("lc.hat.group.menu.delete"), self.delete),
                 ("MOVE", S("lc.hat.group.menu.move"), self.move)]
                + common + [("RENAME", S("lc.hat.group.menu.rename"), self.rename)])

    async def new(self) -> None:
        self.group.senders.extend(await self.parent.ask_hosts(self.group))

    async def delete(self) -> None:
        if self.group.senders:
            index = await self.dialog.choose(S("lc.hat.group.pick_host"), self.group.senders)
            del self.group.senders[index]

    async def move(self) -> None:
        hosts = self.group.senders
        if len(hosts) < 2:
            return
        host = hosts.pop(await self.dialog.choose(S("lc.hat.group.pick_host_move"), hosts))
        before = await self.dialog.choose(S("lc.hat.group.pick_host_before"), hosts + [model.HAT_ALL])
        hosts.insert(before, host)

    async def policy(self) -> None:
        if self.group is None:
            self.hat.default_action = await self.parent.choose_behaviour(self.hat.default_action)
            # an inline behaviour on ALL has no parameters of its own: it uses the defaults
            await self.parent.maybe_params(self.hat.default_action, self.hat.default_params)
            return
        self.group.policy = await self.parent.choose_behaviour(self.group.policy)
        if self.group.policy.startswith("$"):
            self.group.params = model.PolicyParams()
        await self.parent.maybe_params(self.group.policy, self.group.params)

    async def print(self) -> None:
        lines = format_default(self.hat) if self.group is None else format_entry(self.group)
        self.dialog.out("\n".join(lines))

    async def rename(self) -> None:
        self.group.name = await self.dialog.ask(
            S("lc.hat.group.rename"), self.group.name, required=False,
            validate=lambda name: self.parent.group_name_error(name, keep=self.group.name))


# -- IMPORT / EXPORT, also the batch form ``listenerconfig edit <l> hostaccess import <file>`` --

async def import_hat(ctx: CommandContext, listener: model.Listener, name: str) -> bool:
    dialog = ctx.dialog
    text = await read_config_file(dialog, ctx.appliance.config_dir, name)
    if text is None:
        return False
    try:
        hat = parse_hat(text, listener.hat.default_params)
        problems = hat_errors(hat)
        if problems:
            raise TableFileError(0, problems[0])
    except TableFileError as error:
        dialog.out("")
        dialog.out(S("lc.file.parse_error", line=error.line, error=error) if error.line else str(error))
        dialog.out(S("lc.file.import_failed"))
        return False
    listener.hat = hat
    return True


async def export_hat(ctx: CommandContext, listener: model.Listener, name: str) -> None:
    await write_config_file(ctx.appliance.config_dir, name, format_hat(listener.hat) + "\n")
    ctx.dialog.out("")
    ctx.dialog.out(S("shared.file_written", hostname=ctx.session.view().system.hostname, name=name))

