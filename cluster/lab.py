"""Which configuration store each appliance of this process uses.

A standalone appliance has a store of its own; the members of a cluster share one store (the
cluster, group and machine levels of all members).  Joining and leaving move a machine between
stores.  The mapping is kept in ``<state_dir>/lab.json``; the stores live in
``<state_dir>/stores/<id>/``.  Everything here is plain files and configuration: a later
version could keep the shared store in an external service behind the same methods.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from . import membership, persist
from .levels import ClusterConfig
from .store import CommitRecord, ConfigStore, Subscriber


class Lab:
    def __init__(self, state_dir: Path, factories: dict[str, Callable[[], ClusterConfig]]):
        """``factories``: machine name -> its factory configuration (used on first start)."""
        self.state_dir = Path(state_dir)
        self.state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._lock = threading.RLock()
        self._subscribers: dict[str, list[Subscriber]] = {m: [] for m in factories}
        self.dispatch: Callable[..., None] = lambda fn, *args: fn(*args)
        # Members an administrator detached with clusterconfig DISCONNECT (runtime state only).
        self.detached: set[str] = set()
        path = self.state_dir / "lab.json"
        self._members: dict[str, str] = persist.read_json(path) if path.exists() else {}
        for machine in factories:
            self._members.setdefault(machine, machine)
        self._stores: dict[str, ConfigStore] = {}
        for machine, factory in factories.items():
            self._open(self._members[machine], factory)
        self._save()

    # -- reading ------------------------------------------------------------------------------
    def store_for(self, machine: str) -> ConfigStore:
        return self._stores[self._members[machine]]

    @property
    def machines(self) -> list[str]:
        return list(self._members)

    def machine_at(self, address: str, ports: set[int]) -> str | None:
        """The machine whose SSH service listens on ``address`` at one of ``ports``."""
        for machine in self._members:
            interfaces = self.store_for(machine).committed.appliance(machine).interfaces
            for iface in interfaces.values():
                if iface.ipv4 == address and iface.services.get("ssh") in ports:
                    return machine
        return None

    def subscribe(self, machine: str, callback: Subscriber) -> None:
        """Commits that affect ``machine``, whichever store it uses now or later; a move to
        another store is reported too, with that store's configuration."""
        self._subscribers[machine].append(callback)

    # -- membership -----------------------------------------------------------------------------
    def create_cluster(self, machine: str, name: str, user: str, communication: str = "SSH") -> None:
        store = self.store_for(machine)
        config = membership.create_cluster(store.committed, machine, name, communication)
        store.replace(config.to_tree(), user, f"created cluster {name}", machine)

    def join(self, machine: str, member: str, user: str, group: str = membership.DEFAULT_GROUP) -> None:
        """Add ``machine`` to the cluster ``member`` belongs to."""
        with self._lock:
            target, own = self.store_for(member), self.store_for(machine)
            config = membership.join(target.committed, own.committed, machine, group)
            target.replace(config.to_tree(), user, f"{machine} joined the cluster", machine)
            retired = self._members[machine]
            self._members[machine] = self._members[member]
            self._save()
            if retired not in self._members.values():
                self._stores.pop(retired, None)
            self._moved(machine, target)

    def remove(self, machine: str, user: str) -> None:
        """Take ``machine`` out of its cluster; it keeps a standalone copy of what it saw."""
        with self._lock:
            cluster = self.store_for(machine)
            rest, standalone = membership.remove(cluster.committed, machine)
            store_id = self._fresh_id(machine)
            own = self._open(store_id, lambda: standalone)
            self._members[machine] = store_id
            self._save()
            cluster.replace(rest.to_tree(), user, f"{machine} removed from the cluster", machine)
            self._moved(machine, own)

    def replace_cluster(self, machine: str, config: ClusterConfig, user: str, comment: str) -> None:
        """Commit a changed cluster structure (groups, names) for the store ``machine`` uses."""
        self.store_for(machine).replace(config.to_tree(), user, comment, machine)

    # -- internals ------------------------------------------------------------------------------
    def _open(self, store_id: str, factory: Callable[[], ClusterConfig]) -> ConfigStore:
        if store_id not in self._stores:
            store = ConfigStore(self.state_dir / "stores" / store_id, factory)
            store.dispatch = lambda fn, *args: self.dispatch(fn, *args)
            store.subscribe(lambda config, record, sid=store_id: self._fan_out(sid, config, record))
            self._stores[store_id] = store
        return self._stores[store_id]

    def _fan_out(self, store_id: str, config: ClusterConfig, record: CommitRecord) -> None:
        for machine, sid in list(self._members.items()):
            if sid == store_id:
                for callback in self._subscribers.get(machine, []):
                    callback(config, record)

    def _moved(self, machine: str, store: ConfigStore) -> None:
        for callback in self._subscribers.get(machine, []):
            self.dispatch(callback, store.committed, store.last_commit)

    def _fresh_id(self, machine: str) -> str:
        n = 1
        while (self.state_dir / "stores" / f"{machine}.{n}").exists():
            n += 1
        return f"{machine}.{n}"

    def _save(self) -> None:
        persist.write_json(self.state_dir / "lab.json", self._members)
