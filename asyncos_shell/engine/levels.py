"""Cluster modes seen from a command: restricted commands and the level questions (cli.md §4.3).

Run before a command in a clustered appliance: a command restricted to machine or cluster mode
offers to switch; a command whose settings are not configured at the current mode offers to
switch to the mode that has them, to start a new configuration here, or to copy one here.
"""
from __future__ import annotations

import copy

from cluster import model, tree
from cluster.levels import CLUSTER, ClusterConfig, machine_key, split_key
from cluster.session import ConfigSession

from .. import strings
from .dialog import CommandAborted, Dialog
from .registry import Command

strings.register({
    "level.notice": ("NOTICE: This configuration command has not yet been configured for the "
                     "current cluster mode ({mode}).", "S"),
    "level.what": ("What would you like to do?", "S"),
    "level.switch": ("Switch modes to edit at mode \"{mode}\".", "S"),
    "level.new": ("Start a new, empty configuration at the current mode ({mode}).", "S"),
    "level.copy": ("Copy settings from another cluster mode to the current mode ({mode}).", "S"),
    "level.copy_from": ("Choose the mode from which to copy settings.", "S"),
    "level.restricted_machine": ("This command is restricted to run in machine mode of the machine "
                                 "you are logged in to.  Do you want to switch to \"{mode}\" mode?",
                                 "S"),
    "level.restricted": ("This command is restricted to \"{kind}\" mode.  Would you like to switch "
                         "to \"{mode}\" mode?", "S"),
})


def mode_name(config: ClusterConfig, key: str) -> str:
    """``Cluster lab``, ``Group Main_Group`` or ``Machine esa1.example.com``."""
    kind, name = split_key(key)
    return f"Cluster {config.cluster_name}" if kind == "cluster" else f"{kind.title()} {name}"


async def prepare(entry: Command, session: ConfigSession, dialog: Dialog) -> None:
    """Put the session in a mode where ``entry`` may run; raises CommandAborted when the user
    declines."""
    config = session.config
    if not config.clustered:
        return
    await _restrictions(entry, session, dialog)
    for section in entry.sections:
        if config.get(section, session.mode) is None:
            await _level_question(section, session, dialog)


async def _restrictions(entry: Command, session: ConfigSession, dialog: Dialog) -> None:
    if entry.restricted == "machine" and session.mode != machine_key(session.machine):
        target = machine_key(session.machine)
        question = strings.text("level.restricted_machine", mode=mode_name(session.config, target))
    elif entry.restricted == "cluster" and session.mode != CLUSTER:
        target = CLUSTER
        question = strings.text("level.restricted", kind="cluster",
                                mode=mode_name(session.config, target))
    else:
        return
    if not await dialog.yes_no(question, True):
        raise CommandAborted("")
    session.mode = target


async def _level_question(section: str, session: ConfigSession, dialog: Dialog) -> None:
    config = session.config
    here = mode_name(config, session.mode)
    home = config.level_of(section, session.machine)
    elsewhere = [key for key in config.levels if section in config.levels[key]]
    options = []
    if home is not None and home != session.mode:
        options.append(("switch", strings.text("level.switch", mode=mode_name(config, home))))
    options.append(("new", strings.text("level.new", mode=here)))
    if elsewhere:
        options.append(("copy", strings.text("level.copy", mode=here)))
    dialog.out("")
    dialog.out(strings.text("level.notice", mode=here))
    choice = options[await dialog.choose(strings.text("level.what"), [t for _, t in options], 0)][0]
    if choice == "switch":
        session.mode = home
    elif choice == "new":
        config.put(section, session.mode, _empty(section, config, session.machine))
    else:
        source = elsewhere[await dialog.choose(strings.text("level.copy_from"),
                                               [mode_name(config, k) for k in elsewhere], 0)]
        config.put(section, session.mode, copy.deepcopy(config.levels[source][section]))


def _empty(section: str, config: ClusterConfig, machine: str):
    """A new configuration of ``section``: its defaults; certificates keep the Demo profile so
    that the settings that name it stay valid."""
    value = tree.from_tree(model.SECTIONS[section], {})
    if section == "certificates" and config.level_of(section, machine):
        demo = config.resolve(section, machine).profiles.get("Demo")
        if demo is not None:
            value.profiles["Demo"] = copy.deepcopy(demo)
    return value
