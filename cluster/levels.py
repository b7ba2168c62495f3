"""Configuration levels: cluster, group and machine, as on appliances in a cluster.

A setting (one section of ``model.SECTIONS``) lives at exactly one level for a given machine;
reads resolve machine -> group -> cluster.  A standalone appliance is a cluster of one whose
sections all live at machine level.  The level keys are ``"cluster"``, ``"group:<name>"`` and
``"machine:<name>"``.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Optional

from . import model, tree

CLUSTER = "cluster"


def group_key(name: str) -> str:
    return f"group:{name}"


def machine_key(name: str) -> str:
    return f"machine:{name}"


def split_key(key: str) -> tuple[str, str]:
    """``"group:Main_Group"`` -> ``("group", "Main_Group")``; ``"cluster"`` -> ``("cluster", "")``."""
    kind, _, name = key.partition(":")
    return kind, name


@dataclass
class Machine:
    """Identity of an appliance: fixed at installation, not a setting."""
    name: str
    serial: str
    model: str = "C100V"
    product: str = "Email Security Virtual Appliance"
    version: str = "16.0.3-025"
    group: str = ""


@dataclass
class ClusterConfig:
    cluster_name: Optional[str] = None
    communication: str = "SSH"
    groups: list[str] = field(default_factory=list)
    machines: dict[str, Machine] = field(default_factory=dict)
    # level key -> section name -> section value (typed, see model.SECTIONS)
    levels: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Elements of a loaded configuration file the emulator does not model, written back where
    # they were: "<level key>|<path in that level>" -> XML fragments (see xmlconf.py).
    foreign_xml: dict[str, list[str]] = field(default_factory=dict)

    @property
    def clustered(self) -> bool:
        return self.cluster_name is not None

    # -- resolution -------------------------------------------------------------------------
    def chain(self, machine: str) -> list[str]:
        """Level keys that apply to ``machine``, most specific first."""
        keys = [machine_key(machine)]
        group = self.machines[machine].group if machine in self.machines else ""
        if group:
            keys.append(group_key(group))
        keys.append(CLUSTER)
        return keys

    def level_of(self, section: str, machine: str) -> Optional[str]:
        for key in self.chain(machine):
            if section in self.levels.get(key, {}):
                return key
        return None

    def resolve(self, section: str, machine: str) -> Any:
        key = self.level_of(section, machine)
        if key is None:
            raise KeyError(f"section {section!r} is not configured for {machine!r}")
        return self.levels[key][section]

    def get(self, section: str, level: str) -> Any:
        return self.levels.get(level, {}).get(section)

    def put(self, section: str, level: str, value: Any) -> None:
        self.levels.setdefault(level, {})[section] = value

    def remove(self, section: str, level: str) -> None:
        self.levels.get(level, {}).pop(section, None)

    def appliance(self, machine: str) -> "ApplianceView":
        return ApplianceView(self, machine)

    # -- tree form ----------------------------------------------------------------------------
    def to_tree(self) -> dict:
        return {
            "cluster_name": self.cluster_name,
            "communication": self.communication,
            "groups": list(self.groups),
            "machines": tree.to_tree(self.machines),
            "levels": {key: {name: tree.to_tree(value) for name, value in sections.items()}
                       for key, sections in self.levels.items()},
            "foreign_xml": {anchor: list(fragments)
                            for anchor, fragments in self.foreign_xml.items()},
        }

    @classmethod
    def from_tree(cls, data: dict) -> "ClusterConfig":
        levels = {}
        for key, sections in (data.get("levels") or {}).items():
            levels[key] = {name: tree.from_tree(model.SECTIONS[name], value)
                           for name, value in sections.items() if name in model.SECTIONS}
        return cls(
            cluster_name=data.get("cluster_name"),
            communication=data.get("communication", "SSH"),
            groups=list(data.get("groups") or []),
            machines=tree.from_tree(dict[str, Machine], data.get("machines") or {}),
            levels=levels,
            foreign_xml={anchor: list(fragments)
                         for anchor, fragments in (data.get("foreign_xml") or {}).items()},
        )

    def with_new_sections(self) -> "ClusterConfig":
        """Sections a newer emulator knows and a saved configuration lacks (``dnsconfig`` in a
        state directory made before it existed) get their defaults at each machine's level, so
        an old state directory keeps working.  Only for configurations an older version saved
        (``Lab`` commits the result): a change that leaves a section out is an error the
        validator reports."""
        for name in self.machines:
            for section, kind in model.SECTIONS.items():
                if self.level_of(section, name) is None:
                    self.put(section, machine_key(name), tree.from_tree(kind, {}))
        return self

    def copy(self) -> "ClusterConfig":
        return copy.deepcopy(self)


class ApplianceView:
    """What one machine sees: every section resolved through the levels (read-only use)."""

    def __init__(self, config: ClusterConfig, machine: str):
        self.config = config
        self.machine = config.machines[machine]

    def __getattr__(self, section: str) -> Any:
        if section in model.SECTIONS:
            return self.config.resolve(section, self.machine.name)
        raise AttributeError(section)

    @property
    def hostname(self) -> str:
        return self.config.resolve("system", self.machine.name).hostname
