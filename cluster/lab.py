"""Which configuration backend each machine uses, and the commit gate every change goes through.

A standalone appliance has a backend of its own; the members of a cluster share one (its cluster,
group and machine levels).  Joining and leaving move a machine between backends.  Where the
backends and the machine -> backend map live is the ``Registry``'s business: files of a state
directory (``FileRegistry``, one process) or etcd (``etcdstore.EtcdRegistry``, members of one
cluster in separate processes).

``commit`` is the only way a configuration changes: it rebases the change on the newest revision,
validates the result (``validate``), checks the committer's role (``authority``) and writes with
compare-and-swap, retrying when another commit landed in between.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable, Protocol

from . import authority, membership, model, persist, tree
from .backend import (BackendUnavailable, Change, CommitMeta, CommitRecord, ConfigBackend,
                      Conflict, NothingToCommit)
from .filestore import FileBackend
from .levels import ClusterConfig
from .validate import validate

Subscriber = Callable[[ClusterConfig, CommitRecord], None]
# A commit that keeps losing the compare-and-swap race gives up after this many tries.
COMMIT_TRIES = 20


class MachineMoved(Exception):
    """The machine joined or left a cluster after the session started: its pending changes were
    based on a configuration the machine no longer uses."""


class Registry(Protocol):
    def members(self) -> dict[str, str]:
        """machine -> backend id, for every machine this registry knows (all processes)."""

    def save_members(self, members: dict[str, str]) -> None:
        """Record machine -> backend id entries (others are kept)."""

    def open(self, backend_id: str, initial: Callable[[], dict]) -> ConfigBackend:
        """The backend ``backend_id``, created from ``initial()`` when it does not exist yet."""

    def fresh_id(self, machine: str) -> str:
        """A backend id not used yet, for ``machine`` leaving a cluster."""

    def watch_members(self, callback: Callable[[dict[str, str]], None]) -> None:
        """Call ``callback`` with the whole map when another process changes it."""


class FileRegistry:
    """``<state_dir>/lab.json`` maps machines to backends in ``<state_dir>/stores/<id>/``."""

    def __init__(self, state_dir: Path):
        self.state_dir = Path(state_dir)
        self.state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = self.state_dir / "lab.json"
        self._members: dict[str, str] = persist.read_json(path) if path.exists() else {}

    def members(self) -> dict[str, str]:
        return dict(self._members)

    def save_members(self, members: dict[str, str]) -> None:
        self._members.update(members)
        persist.write_json(self.state_dir / "lab.json", self._members)

    def open(self, backend_id: str, initial: Callable[[], dict]) -> ConfigBackend:
        return FileBackend(backend_id, self.state_dir / "stores" / backend_id, initial)

    def fresh_id(self, machine: str) -> str:
        n = 1
        while (self.state_dir / "stores" / f"{machine}.{n}").exists():
            n += 1
        return f"{machine}.{n}"

    def watch_members(self, callback: Callable[[dict[str, str]], None]) -> None:
        """One process owns the file: nobody else changes the map."""


class Lab:
    def __init__(self, registry: Registry, factories: dict[str, Callable[[], ClusterConfig]]):
        """``factories``: this process's machines -> their factory configurations (first start)."""
        self.registry = registry
        self._lock = threading.RLock()          # join and remove, one at a time
        self._open_lock = threading.Lock()      # never held while waiting for I/O
        self._subscribers: dict[str, list[Subscriber]] = {m: [] for m in factories}
        self.dispatch: Callable[..., None] = lambda fn, *args: fn(*args)
        # Members an administrator detached with clusterconfig DISCONNECT (runtime state only).
        self.detached: set[str] = set()
        self._backends: dict[str, ConfigBackend] = {}
        self._typed: dict[str, tuple[int, ClusterConfig]] = {}
        self._members = registry.members()
        new = {m: m for m in factories if m not in self._members}
        for machine, factory in factories.items():
            self._open(self._members.get(machine, machine), lambda f=factory: _canonical(f()))
        if new:
            registry.save_members(new)
            self._members.update(new)
        registry.watch_members(self._members_changed)
        for machine in factories:
            self._add_new_sections(machine)

    # -- reading ------------------------------------------------------------------------------
    @property
    def machines(self) -> list[str]:
        return list(self._members)

    def backend_id(self, machine: str) -> str:
        return self._members[machine]

    def snapshot(self, machine: str) -> tuple[str, int, dict]:
        """(backend id, revision, tree) of the configuration ``machine`` uses now."""
        backend = self._backend(machine)
        return (backend.id, *backend.snapshot())

    def committed(self, machine: str) -> ClusterConfig:
        """The typed committed configuration; built once per revision, shared: never modify."""
        backend = self._backend(machine)
        revision, config_tree = backend.snapshot()
        cached = self._typed.get(backend.id)
        if cached is None or cached[0] != revision:
            cached = (revision, ClusterConfig.from_tree(config_tree))
            self._typed[backend.id] = cached
        return cached[1]

    def revision_key(self, machine: str) -> tuple[str, int]:
        backend = self._backend(machine)
        return backend.id, backend.snapshot()[0]

    def history(self, machine: str) -> list[CommitRecord]:
        return self._backend(machine).history()

    def rollback_revisions(self, machine: str) -> list[CommitRecord]:
        return self._backend(machine).rollback_revisions()

    def rollback_tree(self, machine: str, revision: int) -> dict:
        return self._backend(machine).rollback_tree(revision)

    def secret(self, machine: str, name: str) -> bytes | None:
        """The secret ``name`` of the configuration ``machine`` uses now (its cluster's when it is
        in one); never part of the configuration."""
        return self._backend(machine).secrets().get(name)

    def add_secret(self, machine: str, name: str, value: bytes) -> bytes:
        """Keep ``value`` as that secret unless there is one already; returns the one kept.
        Blocks (etcd: not on the event loop's thread)."""
        return self._backend(machine).add_secret(name, value)

    def machine_at(self, address: str, ports: set[int]) -> str | None:
        """The machine whose SSH service listens on ``address`` at one of ``ports``."""
        for machine in self.machines:
            for iface in self.committed(machine).appliance(machine).interfaces.values():
                if iface.ipv4 == address and iface.services.get("ssh") in ports:
                    return machine
        return None

    def subscribe(self, machine: str, callback: Subscriber) -> None:
        """Commits that affect ``machine``, whichever backend it uses now or later; a move to
        another backend is reported too, with that backend's configuration."""
        self._subscribers[machine].append(callback)

    # -- the commit gate ------------------------------------------------------------------------
    def commit(self, machine: str, backend_id: str, changes: list[Change],
               meta: CommitMeta) -> CommitRecord:
        """A session's pending ``changes`` (made on ``backend_id``), rebased on the newest revision.

        Raises ``MachineMoved``, ``NothingToCommit``, ``validate.ConfigError`` (its subclass
        ``authority.NotAuthorized`` for the role check) or ``backend.BackendUnavailable``.
        """
        backend = self._backend(machine)
        if backend.id != backend_id:
            raise MachineMoved(machine)
        return self._commit(backend, lambda latest: tree.apply(latest, changes), meta)

    def replace(self, machine: str, config: ClusterConfig, meta: CommitMeta) -> CommitRecord:
        """Commit ``config`` as a whole for the backend ``machine`` uses (cluster structure)."""
        return self._commit(self._backend(machine), lambda _: config.to_tree(), meta)

    def _commit(self, backend: ConfigBackend, build: Callable[[dict], dict], meta: CommitMeta,
                check_role: bool = True) -> CommitRecord:
        for _ in range(COMMIT_TRIES):
            revision, latest = backend.snapshot()
            new = _canonical(ClusterConfig.from_tree(build(latest)))
            changes = tree.diff(latest, new)
            if not changes:
                raise NothingToCommit()
            if check_role:
                authority.check(latest, new, meta.user, meta.machine)
            try:
                return backend.commit(revision, changes, meta)
            except Conflict:
                continue
        # Front ends tell the user to try again, keeping the pending changes.
        raise BackendUnavailable(f"other commits overtook this one {COMMIT_TRIES} times")

    # -- membership -----------------------------------------------------------------------------
    def create_cluster(self, machine: str, name: str, user: str, communication: str = "SSH") -> None:
        meta = CommitMeta(user, f"created cluster {name}", machine)
        self._commit(self._backend(machine), lambda latest: membership.create_cluster(
            ClusterConfig.from_tree(latest), machine, name, communication).to_tree(), meta)

    def join(self, machine: str, member: str, user: str, group: str = membership.DEFAULT_GROUP) -> None:
        """Add ``machine`` to the cluster ``member`` belongs to (``user`` is an administrator of
        both: the caller checked the cluster's account)."""
        with self._lock:
            target, own = self._backend(member), self._backend(machine)
            target.sync()     # the cluster may have been created a moment ago by another process
            own_config = ClusterConfig.from_tree(own.snapshot()[1])
            if authority.role_of(own.snapshot()[1], user, machine) != "admin" \
                    and user != authority.SYSTEM_USER:
                raise authority.NotAuthorized([authority.ACCESS_DENIED])
            meta = CommitMeta(user, f"{machine} joined the cluster", machine)
            self._commit(target, lambda latest: membership.join(
                ClusterConfig.from_tree(latest), own_config, machine, group).to_tree(), meta,
                check_role=False)
            _carry_secrets(own, target)     # the cluster's own win: the member adopts them
            self._move(machine, target)

    def remove(self, machine: str, user: str) -> None:
        """Take ``machine`` out of its cluster; it keeps a standalone copy of what it saw."""
        with self._lock:
            cluster = self._backend(machine)
            rest, standalone = membership.remove(self.committed(machine), machine)
            own = self._open(self.registry.fresh_id(machine), lambda: _canonical(standalone))
            _carry_secrets(cluster, own)    # files it saved in the cluster still load
            self._move(machine, own)
            meta = CommitMeta(user, f"{machine} removed from the cluster", machine)
            self._commit(cluster, lambda latest: membership.remove(
                ClusterConfig.from_tree(latest), machine)[0].to_tree(), meta)

    # -- internals ------------------------------------------------------------------------------
    def _add_new_sections(self, machine: str) -> None:
        """A configuration saved by an older emulator lacks the settings added since
        (``dnsconfig``): the system commits their defaults before anyone uses it."""
        config = self.committed(machine)
        if all(config.level_of(section, machine) is not None for section in model.SECTIONS):
            return
        meta = CommitMeta(authority.SYSTEM_USER, "defaults of settings new in this version",
                          machine, save_rollback=False)
        self._commit(self._backend(machine), lambda latest: ClusterConfig.from_tree(
            latest).with_new_sections().to_tree(), meta, check_role=False)

    def _backend(self, machine: str) -> ConfigBackend:
        return self._open(self._members[machine], None)

    def _open(self, backend_id: str, initial: Callable[[], dict] | None) -> ConfigBackend:
        # Not under self._lock: join and remove hold it while they wait for the event loop
        # (an etcd round trip), and the loop reaches here from commit subscribers.
        backend = self._backends.get(backend_id)
        if backend is None:
            backend = self.registry.open(backend_id, initial or _missing(backend_id))
            with self._open_lock:
                if backend_id not in self._backends:
                    backend.watch(lambda config_tree, record, bid=backend_id:
                                  self._new_revision(bid, record))
                    self._backends[backend_id] = backend
                backend = self._backends[backend_id]
        return backend

    def _new_revision(self, backend_id: str, record: CommitRecord) -> None:
        for machine, bid in list(self._members.items()):
            if bid == backend_id:
                self._notify(machine, record)

    def _notify(self, machine: str, record: CommitRecord) -> None:
        for callback in self._subscribers.get(machine, []):
            self.dispatch(lambda cb=callback: cb(self.committed(machine), record))

    def _move(self, machine: str, backend: ConfigBackend) -> None:
        self._members[machine] = backend.id
        self.registry.save_members({machine: backend.id})
        self._notify(machine, backend.history()[-1])

    def _members_changed(self, members: dict[str, str]) -> None:
        """Another process joined, removed or added machines."""
        with self._open_lock:    # on the event loop: never self._lock (see _open)
            moved = [m for m in self._subscribers if members.get(m) != self._members.get(m)]
            self._members.update(members)
        for machine in moved:
            self._notify(machine, self._backend(machine).history()[-1])


def _carry_secrets(source: ConfigBackend, target: ConfigBackend) -> None:
    """Give ``target`` each secret of ``source`` it does not have yet."""
    for name, value in source.secrets().items():
        target.add_secret(name, value)


def _canonical(config: ClusterConfig) -> dict:
    """The stored form: valid (``validate`` raises ``ConfigError`` otherwise) and normalised."""
    validate(config)
    return config.to_tree()


def _missing(backend_id: str) -> Callable[[], dict]:
    def fail() -> dict:
        raise KeyError(f"configuration backend {backend_id!r} does not exist")
    return fail
