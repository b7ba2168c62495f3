"""Cluster membership as configuration transforms: create, join, leave, groups.

These mirror what a real cluster does with settings:
- creating a cluster moves every shared setting of the creating machine to cluster level;
- a joining machine keeps only its network settings (machine-only sections); everything else it
  inherits from its group and the cluster, so its own certificates and other settings are lost;
- a machine that leaves takes a copy of everything it saw (machine, group and cluster levels)
  as its standalone configuration.
So a certificate made at machine level survives leaving, and is lost on rejoining: the lesson
of the seed's cluster note.
"""
from __future__ import annotations

import copy

from . import model
from .levels import CLUSTER, ClusterConfig, group_key, machine_key

DEFAULT_GROUP = "Main_Group"


class MembershipError(ValueError):
    pass


def create_cluster(config: ClusterConfig, machine: str, name: str,
                   communication: str = "SSH") -> ClusterConfig:
    if config.clustered:
        raise MembershipError("this machine is already in a cluster")
    result = config.copy()
    own = result.levels.pop(machine_key(machine), {})
    result.cluster_name, result.communication = name, communication
    result.groups = [DEFAULT_GROUP]
    result.machines[machine].group = DEFAULT_GROUP
    result.levels = {CLUSTER: {s: v for s, v in own.items() if s not in model.MACHINE_ONLY},
                     group_key(DEFAULT_GROUP): {},
                     machine_key(machine): {s: v for s, v in own.items() if s in model.MACHINE_ONLY}}
    return result


def join(cluster: ClusterConfig, joining: ClusterConfig, machine: str,
         group: str = DEFAULT_GROUP) -> ClusterConfig:
    """``cluster`` with ``machine`` (described by its standalone ``joining`` config) added."""
    if not cluster.clustered:
        raise MembershipError("machine has not been clustered")
    if group not in cluster.groups:
        raise MembershipError(f"there is no group {group!r} in the cluster")
    if machine in cluster.machines:
        raise MembershipError(f"a machine named {machine!r} is already in the cluster")
    result = cluster.copy()
    identity = copy.deepcopy(joining.machines[machine])
    identity.group = group
    result.machines[machine] = identity
    own = joining.levels.get(machine_key(machine), {})
    result.levels[machine_key(machine)] = {s: copy.deepcopy(v) for s, v in own.items()
                                           if s in model.MACHINE_ONLY}
    return result


def remove(cluster: ClusterConfig, machine: str) -> tuple[ClusterConfig, ClusterConfig]:
    """(the cluster without ``machine``, ``machine``'s standalone configuration)."""
    if machine not in cluster.machines:
        raise MembershipError(f"there is no machine {machine!r} in the cluster")
    if len(cluster.machines) == 1:
        raise MembershipError("the last machine of a cluster cannot be removed")
    standalone = ClusterConfig(machines={machine: copy.deepcopy(cluster.machines[machine])})
    standalone.machines[machine].group = ""
    standalone.levels[machine_key(machine)] = {
        section: copy.deepcopy(cluster.resolve(section, machine)) for section in model.SECTIONS
        if cluster.level_of(section, machine) is not None}
    rest = cluster.copy()
    del rest.machines[machine]
    rest.levels.pop(machine_key(machine), None)
    return rest, standalone


def add_group(config: ClusterConfig, name: str) -> ClusterConfig:
    if name in config.groups:
        raise MembershipError(f"the group {name!r} already exists")
    result = config.copy()
    result.groups.append(name)
    result.levels[group_key(name)] = {}
    return result


def set_group(config: ClusterConfig, machine: str, group: str) -> ClusterConfig:
    if group not in config.groups:
        raise MembershipError(f"there is no group {group!r} in the cluster")
    result = config.copy()
    result.machines[machine].group = group
    return result


def rename_group(config: ClusterConfig, old: str, new: str) -> ClusterConfig:
    if new in config.groups:
        raise MembershipError(f"the group {new!r} already exists")
    result = config.copy()
    result.groups[result.groups.index(old)] = new
    result.levels[group_key(new)] = result.levels.pop(group_key(old), {})
    for identity in result.machines.values():
        if identity.group == old:
            identity.group = new
    return result


def delete_group(config: ClusterConfig, name: str, move_to: str) -> ClusterConfig:
    if len(config.groups) == 1:
        raise MembershipError("there must be at least 1 group in the cluster")
    result = config.copy()
    result.groups.remove(name)
    result.levels.pop(group_key(name), None)
    for identity in result.machines.values():
        if identity.group == name:
            identity.group = move_to
    return result
