"""A CLI session's pending copy of the configuration: edit freely, ``commit`` makes it real."""
from __future__ import annotations

from typing import Any

from . import tree
from .backend import CommitMeta, CommitRecord
from .lab import Lab, MachineMoved
from .levels import CLUSTER, ApplianceView, ClusterConfig, machine_key, split_key


class NotConfiguredAtLevel(Exception):
    """The section has no value at the session's current mode (cli.md §4.3 level questions)."""

    def __init__(self, section: str, mode: str, configured_at: str | None):
        super().__init__(f"{section} is not configured at {mode}")
        self.section, self.mode, self.configured_at = section, mode, configured_at


class ConfigSession:
    """Per-session pending changes over the configuration of one machine.

    The session names the machine it configures, never a backend: the lab resolves the machine's
    backend on every refresh and commit.  It keeps the tree it started from (``base``) and a typed
    working copy.  Before every command ``refresh`` replays the pending edits onto the newest
    commit, so a session sees other sessions' commits while keeping its own edits; ``commit``
    hands the edits to the lab's commit gate.
    """

    def __init__(self, lab: Lab, user: str, machine: str):
        self.lab, self.user, self.machine = lab, user, machine
        self._rebase(*lab.snapshot(machine))
        self.mode = machine_key(machine)

    def _rebase(self, backend_id: str, revision: int, base: dict, pending: list | None = None) -> None:
        self._backend_id, self._revision, self._base = backend_id, revision, base
        self.config: ClusterConfig = ClusterConfig.from_tree(tree.apply(base, pending or []))

    def refresh(self) -> bool:
        """Catch up with the newest commit.  False when the machine moved to another backend
        (it joined or left a cluster) and pending changes had to be discarded."""
        backend_id, revision, latest = self.lab.snapshot(self.machine)
        if backend_id != self._backend_id:
            discarded = self.has_changes
            self._rebase(backend_id, revision, latest)
            self.mode = machine_key(self.machine)
            return not discarded
        if revision != self._revision:
            self._rebase(backend_id, revision, latest, self.changes())
        return True

    # -- pending changes -----------------------------------------------------------------------
    def changes(self) -> list[tuple[tuple, Any]]:
        return tree.diff(self._base, self.config.to_tree())

    @property
    def has_changes(self) -> bool:
        return bool(self.changes())

    def clear(self) -> None:
        self._rebase(*self.lab.snapshot(self.machine))

    def commit(self, comment: str = "", save_rollback: bool = True) -> CommitRecord:
        """Blocks (validation, fsync or a network round trip): call it off the event loop.

        Raises ``NothingToCommit``, ``validate.ConfigError`` (``authority.NotAuthorized`` too)
        or ``BackendUnavailable`` keeping the pending edits, or ``MachineMoved`` discarding them.
        """
        meta = CommitMeta(self.user, comment, self.machine, save_rollback)
        try:
            record = self.lab.commit(self.machine, self._backend_id, self.changes(), meta)
        except MachineMoved:
            self.clear()
            self.mode = machine_key(self.machine)
            raise
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
