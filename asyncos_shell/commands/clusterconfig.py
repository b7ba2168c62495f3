"""``clusterconfig``: create or join a cluster, manage groups and members (cli.md §4.4).

Membership changes take effect immediately (no commit), as on the appliance.  Joining happens
over the lab: the remote address and port name another appliance of this process, whose admin
credentials and SSH host key are checked as a real join would.
"""
from __future__ import annotations

import asyncio
from typing import Optional

from cluster import membership
from cluster.backend import CommitMeta
from cluster.validate import name_error

from .. import strings
from ..engine.batchargs import Arg, Batch, Form, as_typed, literal
from ..engine.cli import timestamp
from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted, run_menu
from ..engine.registry import ADMIN_ROLES, command
from . import cluster_strings  # noqa: F401  (registers the strings)

MEMBER_VERBS = ("removemachine", "disconnect", "reconnect")
CCS_PORT = 2222  # the Cluster Communication Service's default port (AsyncOS user guides)


def _address(text: str) -> tuple[str, int]:
    """``ip[:port]`` (22 by default); ValueError for a port that is not a number."""
    address, _, port = text.rpartition(":") if ":" in text else (text, "", "22")
    return address, int(port)


# ``clusterconfig join <ip[:port]> <user> <passphrase> [group]``, ``clusterconfig <verb>
# <machine>``; other words answer the menu's questions.
BATCH = Batch(Form("join", literal("join"), Arg("address", convert=_address), Arg("user"),
                   Arg("passphrase", secret=True), Arg("group", optional=True)),
              *(Form(verb, literal(verb), Arg("machine")) for verb in MEMBER_VERBS),
              as_typed(unless=("join",)),
              error=lambda command, words: strings.text("error.batch_exhausted",
                                                        command="clusterconfig join"))


@command("clusterconfig", "Create SSH or CSS clusters, add or remove single ESAs to or from a "
         "cluster. Create and manage cluster groups. List machines in cluster and view cluster "
         "and connection status.",
         usage="clusterconfig\nclusterconfig join <ip> admin <passphrase> [group]\n"
               "clusterconfig removemachine <machine>\nclusterconfig disconnect <machine>\n"
               "clusterconfig reconnect <machine>",
         roles=ADMIN_ROLES, restricted="cluster", batch=BATCH)
async def clusterconfig(ctx: CommandContext, args: list[str]) -> None:
    if ctx.session.has_changes and not await ctx.dialog.yes_no(strings.text("cconf.pending"), False):
        return
    ctx.session.clear()
    form = ctx.batch.form
    if form == "join":
        address, port = ctx.batch["address"]
        await join(ctx, address, port, ctx.batch["user"], ctx.batch["passphrase"],
                   ctx.batch["group"])
    elif form in MEMBER_VERBS and not ctx.session.config.clustered:
        raise CommandAborted(strings.text("error.batch_exhausted", command=f"clusterconfig {form}"))
    elif not ctx.session.config.clustered:
        await standalone(ctx)
    elif form in MEMBER_VERBS:
        await {"removemachine": remove_machine, "disconnect": disconnect,
               "reconnect": reconnect}[form](ctx, ctx.batch["machine"])
    else:
        await member_menu(ctx)


# -- standalone: create or join --------------------------------------------------------------------
async def standalone(ctx: CommandContext) -> None:
    choice = await ctx.dialog.choose(strings.text("cconf.start"), [
        strings.text("cconf.standalone"), strings.text("cconf.create"),
        strings.text("cconf.join_ssh"), strings.text("cconf.join_ccs")], 0)
    if choice == 1:
        await create(ctx)
    elif choice in (2, 3):
        await interactive_join(ctx, ccs=choice == 3)


async def create(ctx: CommandContext) -> None:
    machine = ctx.appliance.machine
    name = await ctx.dialog.ask(strings.text("cconf.name"), validate=lambda a: name_error("cluster", a))
    by = await ctx.dialog.choose(strings.text("cconf.by"), [strings.text("cconf.by_ip"),
                                                            strings.text("cconf.by_host")], 1)
    interfaces = [i for i in ctx.session.view().interfaces.values() if "ssh" in i.services]
    items = [strings.text("cconf.ip_item", address=i.ipv4, port=i.services["ssh"], interface=i.name)
             for i in interfaces] + [strings.text("cconf.manual")]
    pick = await ctx.dialog.choose(strings.text("cconf.which_ip", machine=machine), items, 0)
    if pick < len(interfaces):
        address, port = interfaces[pick].ipv4, interfaces[pick].services["ssh"]
    else:
        address = await ctx.dialog.ask(strings.text("cconf.enter_ip", machine=machine))
        port = await ctx.dialog.ask_int(strings.text("cconf.enter_port", machine=machine), 22,
                                        low=1, high=65535)
    ctx.out("")
    ctx.out(strings.text("cconf.uses", machine=machine, address=address, port=port))
    await asyncio.to_thread(ctx.appliance.lab.create_cluster, machine, name, ctx.cli.user.name,
                            "SSH" if by == 0 else "hostname")
    _after_membership_change(ctx)
    _system_log(ctx, f"Cluster {name} created")
    ctx.out("")
    ctx.out(strings.text("cconf.created", when=timestamp()))
    ctx.out(strings.text("cconf.create_now"))


async def interactive_join(ctx: CommandContext, ccs: bool) -> None:
    ctx.out("")
    ctx.out(strings.text("cconf.warning"))
    if ccs or await ctx.dialog.yes_no(strings.text("cconf.ccs", host=ctx.appliance.hostname()),
                                      False):
        await ask_ccs_service(ctx)
    address = await ctx.dialog.ask(strings.text("cconf.remote_ip"))
    port = await ctx.dialog.ask_int(strings.text("cconf.remote_port"), 22, low=1, high=65535)
    await ctx.dialog.yes_no(strings.text("cconf.psk"), False)
    user = await ctx.dialog.ask(strings.text("cconf.admin"), "admin")
    passphrase = await ctx.dialog.ask(strings.text("cconf.passphrase"), hidden=True)
    await join(ctx, address, port, user, passphrase, None, confirm_key=True)


async def ask_ccs_service(ctx: CommandContext) -> None:
    """The Cluster Communication Service's interface and port.  Asked as the appliance asks them;
    machines of this lab always talk over SSH, so the answers are not kept."""
    interfaces = list(ctx.session.view().interfaces)
    await ctx.dialog.choose(strings.text("cconf.ccs_interface"), interfaces, 0)
    await ctx.dialog.ask_int(strings.text("cconf.ccs_port"), CCS_PORT, low=1, high=65535)


async def join(ctx: CommandContext, address: str, port: int, user: str, passphrase: str,
               group: Optional[str], confirm_key: bool = False) -> None:
    appliance = ctx.appliance
    if ctx.cli.user.name != "admin":
        raise CommandAborted(strings.text("cconf.only_admin"))
    target = appliance.lab.machine_at(address, {port, port - appliance.port_offset})
    peer = await appliance.peers.check(address, port, user, passphrase) \
        if appliance.peers is not None and target not in (None, appliance.machine) else None
    if peer is None or peer.fingerprint is None:
        raise CommandAborted(strings.text("cconf.no_connect", address=address, port=port))
    cluster = appliance.lab.committed(target)
    account = cluster.appliance(target).users.users.get(user)
    if not peer.authenticated or account is None or account.role != "admin":
        raise CommandAborted(strings.text("cconf.auth"))
    if confirm_key:
        ctx.out("")
        ctx.out(strings.text("cconf.verify_key", address=address, fingerprint=peer.fingerprint))
        if not await ctx.dialog.yes_no(strings.text("cconf.valid_key"), True):
            raise CommandAborted(strings.text("cconf.key_refused"))
    if not cluster.clustered:
        raise CommandAborted(strings.text("cconf.failed", reason=strings.text(
            "cconf.not_clustered", address=address)))
    if group is None:
        groups = cluster.groups
        group = groups[await ctx.dialog.choose(strings.text("cconf.group"), groups, 0)] \
            if len(groups) > 1 else groups[0]
    try:
        await asyncio.to_thread(appliance.lab.join, appliance.machine, target, ctx.cli.user.name,
                                group)
    except membership.MembershipError as error:
        raise CommandAborted(strings.text("cconf.failed", reason=str(error)))
    _after_membership_change(ctx)
    _system_log(ctx, f"Machine {appliance.machine} added to the cluster")
    ctx.out("")
    ctx.out(strings.text("cconf.joining", group=group))
    ctx.out(strings.text("cconf.join_now"))


def _after_membership_change(ctx: CommandContext) -> None:
    """The session now works on the machine's (new) store, in machine mode."""
    ctx.cli.config = ctx.appliance.new_session(ctx.cli.user.name)


def _system_log(ctx: CommandContext, text: str) -> None:
    """A membership change in system_logs, in the words of Cisco's message catalogue (github
    dharma412/PythonClass csa/testlib/common/shell/qlogmsgs.py, system.CLUSTER.NEW, JOIN,
    REMOVE, GROUP_ADD, GROUP_REMOVE)."""
    ctx.appliance.logs.write("system_logs", text)


# -- member: groups and machines -------------------------------------------------------------------
async def member_menu(ctx: CommandContext) -> None:
    def operations():
        ops = [("ADDGROUP", "addgroup", add_group), ("SETGROUP", "setgroup", set_group),
               ("RENAMEGROUP", "renamegroup", rename_group),
               ("DELETEGROUP", "deletegroup", delete_group),
               ("REMOVEMACHINE", "removemachine", lambda c: remove_machine(c, None)),
               ("SETNAME", "setname", set_name), ("LIST", "list", list_machines),
               ("CONNSTATUS", "connstatus", connstatus),
               ("DISCONNECT", "disconnect", lambda c: disconnect(c, None)),
               ("RECONNECT", "reconnect", lambda c: reconnect(c, None)),
               ("PREPJOIN", "prepjoin", prepjoin)]
        return [(word, strings.text(f"cconf.op.{key}"), lambda h=handler: h(ctx))
                for word, key, handler in ops]

    def status() -> Optional[str]:
        config = ctx.appliance.committed()
        return None if not config.clustered else "\n" + strings.text("cconf.header",
                                                                     name=config.cluster_name)

    await run_menu(ctx.dialog, operations, status)


async def _pick(ctx: CommandContext, question: str, items: list[str]) -> str:
    return items[await ctx.dialog.choose(question, items, 0)]


async def _apply(ctx: CommandContext, config, comment: str) -> None:
    await asyncio.to_thread(ctx.appliance.lab.replace, ctx.appliance.machine, config,
                            CommitMeta(ctx.cli.user.name, comment, ctx.appliance.machine))
    ctx.cli.config.clear()
    ctx.out(strings.text("cconf.effect"))


async def add_group(ctx: CommandContext) -> None:
    config = ctx.appliance.committed()
    name = await ctx.dialog.ask(strings.text("cconf.new_group"), validate=lambda a: (
        strings.text("cconf.group_exists", name=a) if a in config.groups
        else name_error("cluster", a)))
    await _apply(ctx, membership.add_group(config, name), f"added group {name}")
    _system_log(ctx, f"Group {name} added to the cluster")


async def set_group(ctx: CommandContext) -> None:
    config = ctx.appliance.committed()
    machine = await _pick(ctx, strings.text("cconf.which_machine"), list(config.machines))
    group = await _pick(ctx, strings.text("cconf.which_group"), config.groups)
    await _apply(ctx, membership.set_group(config, machine, group), f"{machine} moved to {group}")


async def rename_group(ctx: CommandContext) -> None:
    config = ctx.appliance.committed()
    old = await _pick(ctx, strings.text("cconf.which_group"), config.groups)
    new = await ctx.dialog.ask(strings.text("cconf.rename_to"), validate=lambda a: (
        strings.text("cconf.group_exists", name=a) if a in config.groups
        else name_error("cluster", a)))
    await _apply(ctx, membership.rename_group(config, old, new), f"renamed group {old} to {new}")


async def delete_group(ctx: CommandContext) -> None:
    config = ctx.appliance.committed()
    if len(config.groups) < 2:
        ctx.out(strings.text("cconf.last_group"))
        return
    name = await _pick(ctx, strings.text("cconf.which_group_delete"), config.groups)
    move_to = await _pick(ctx, strings.text("cconf.move_to", name=name),
                          [g for g in config.groups if g != name])
    await _apply(ctx, membership.delete_group(config, name, move_to), f"deleted group {name}")
    _system_log(ctx, f"Group {name} removed from the cluster")
    ctx.out(strings.text("cconf.group_removed", name=name))


async def remove_machine(ctx: CommandContext, machine: Optional[str]) -> None:
    config = ctx.appliance.committed()
    if machine is None:
        machine = await _pick(ctx, strings.text("cconf.which_machine"), list(config.machines))
        if not await ctx.dialog.yes_no(strings.text("cconf.remove_confirm", machine=machine), False):
            return
    try:
        await asyncio.to_thread(ctx.appliance.lab.remove, machine, ctx.cli.user.name)
    except membership.MembershipError as error:
        raise CommandAborted(str(error))
    _after_membership_change(ctx)
    _system_log(ctx, f"Machine {machine} removed from the cluster")
    ctx.out(strings.text("cconf.removed", machine=machine))


async def set_name(ctx: CommandContext) -> None:
    config = ctx.appliance.committed().copy()
    config.cluster_name = await ctx.dialog.ask(strings.text("cconf.new_name"), config.cluster_name,
                                               validate=lambda a: name_error("cluster", a))
    await _apply(ctx, config, f"renamed the cluster to {config.cluster_name}")


async def list_machines(ctx: CommandContext) -> None:
    config = ctx.appliance.committed()
    title = strings.text("cconf.header", name=config.cluster_name)
    ctx.out("")
    ctx.out(title)
    ctx.out("=" * len(title))
    for group in config.groups:
        ctx.out(f"Group {group}:")
        for machine in config.machines.values():
            if machine.group == group:
                ctx.out(f"Machine {machine.name} (Serial #: {machine.serial})")


async def connstatus(ctx: CommandContext) -> None:
    config = ctx.appliance.committed()
    detached = ctx.appliance.lab.detached
    ctx.out("")
    for machine in config.machines.values():
        key = "cconf.detached" if machine.name in detached else "cconf.connected"
        ctx.out(strings.text(key, machine=machine.name, group=machine.group))


async def disconnect(ctx: CommandContext, machine: Optional[str]) -> None:
    config = ctx.appliance.committed()
    if machine is None:
        machine = await _pick(ctx, strings.text("cconf.which_machine"), list(config.machines))
        if not await ctx.dialog.yes_no(strings.text("cconf.disconnect_confirm", machine=machine),
                                       False):
            return
    ctx.appliance.lab.detached.add(machine)


async def reconnect(ctx: CommandContext, machine: Optional[str]) -> None:
    detached = ctx.appliance.lab.detached
    if detached and machine is None:
        machine = await _pick(ctx, strings.text("cconf.which_machine"), sorted(detached))
        if not await ctx.dialog.yes_no(strings.text("cconf.reconnect_confirm", machine=machine),
                                       False):
            return
    detached.discard(machine)


async def prepjoin(ctx: CommandContext) -> None:
    ctx.out(strings.text("cconf.prepjoin"))
