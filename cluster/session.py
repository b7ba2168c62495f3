"""A CLI session's pending copy of the configuration: edit freely, ``commit`` makes it real."""
from __future__ import annotations

from typing import Any

from . import tree
from .levels import CLUSTER, ApplianceView, ClusterConfig, machine_key, split_key
from .store import CommitRecord, ConfigStore


class NotConfiguredAtLevel(Exception):
    """The section has no value at the session's current mode (cli.md §4.3 level questions)."""

    def __init__(self, section: str, mode: str, configured_at: str | None):
        super().__init__(f"{section} is not configured at {mode}")
        self.section, self.mode, self.configured_at = section, mode, configured_at


class ConfigSession:
    """Per-session pending changes over the committed configuration.

    The session keeps the tree it started from (``base``) and a typed working copy.  Before every
    command ``refresh`` replays the pending edits onto the newest commit, so a session sees other
    sessions' commits while keeping its own edits; ``commit`` hands the edits to the store.
    """

    def __init__(self, store: ConfigStore, user: str, machine: str):
        self.store, self.user, self.machine = store, user, machine
        self._rebase(*store.snapshot())
        self.mode = machine_key(machine)

    def _rebase(self, revision: int, base: dict, pending: list | None = None) -> None:
        self._revision, self._base = revision, base
        self.config: ClusterConfig = ClusterConfig.from_tree(tree.apply(base, pending or []))

    def refresh(self) -> None:
        revision, latest = self.store.snapshot()
        if revision != self._revision:
            self._rebase(revision, latest, self.changes())

    # -- pending changes -----------------------------------------------------------------------
    def changes(self) -> list[tuple[tuple, Any]]:
        return tree.diff(self._base, self.config.to_tree())

    @property
    def has_changes(self) -> bool:
        return bool(self.changes())

    def clear(self) -> None:
        self._rebase(*self.store.snapshot())

    def commit(self, comment: str = "", save_rollback: bool = True) -> CommitRecord:
        """Raises ``NothingToCommit`` or ``validate.ConfigError``; pending edits survive errors."""
        record = self.store.commit(self._base, self.config.to_tree(), self.user, comment,
                                   self.machine, save_rollback)
        self.clear()
        return record

    # -- reading and editing at the current mode ------------------------------------------------
    def view(self) -> ApplianceView:
        """This machine's resolved configuration including pending changes."""
        return self.config.appliance(self.machine)

    def read(self, section: str) -> Any:
        """The value a command in the current mode shows: the mode's own or the inherited one."""
        kind, name = split_key(self.mode)
        if kind == "machine":
            return self.config.resolve(section, name)
        for key in ([self.mode, CLUSTER] if kind == "group" else [CLUSTER]):
            value = self.config.get(section, key)
            if value is not None:
                return value
        raise NotConfiguredAtLevel(section, self.mode, None)

    def edit(self, section: str) -> Any:
        """The section object to change in place, at the current mode."""
        value = self.config.get(section, self.mode)
        if value is None:
            raise NotConfiguredAtLevel(section, self.mode,
                                       self.config.level_of(section, self.machine))
        return value
