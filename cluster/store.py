"""The committed configuration: commit, history, rollback, durability and commit subscribers."""
from __future__ import annotations

import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Optional

from . import persist, tree
from .levels import ClusterConfig
from .validate import validate

ROLLBACK_KEEP = 10
HISTORY_KEEP = 100


class NothingToCommit(Exception):
    """The session has no pending changes."""


@dataclass
class CommitRecord:
    revision: int
    user: str
    time: float
    comment: str
    machine: str = ""
    rollback: bool = False
    # The changed setting paths, for commitdetail.
    changes: tuple = ()


Subscriber = Callable[[ClusterConfig, CommitRecord], None]


class ConfigStore:
    """Owns the committed configuration of one cluster (a standalone appliance is a cluster of one).

    Thread-safe: commits are serialised by a lock, so callers may run them in a worker thread to
    keep fsync off the event loop.  Subscribers are called through ``dispatch`` (by default
    directly; the composition root hands it ``loop.call_soon_threadsafe``).
    """

    def __init__(self, state_dir: Path, factory: Callable[[], ClusterConfig]):
        self.state_dir = Path(state_dir)
        self.state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        (self.state_dir / "rollback").mkdir(exist_ok=True, mode=0o700)
        self._lock = threading.Lock()
        self._subscribers: list[Subscriber] = []
        self.dispatch: Callable[..., None] = lambda fn, *args: fn(*args)
        path = self.state_dir / "config.json"
        if path.exists():
            saved = persist.read_json(path)
            self._config = ClusterConfig.from_tree(saved["config"]).with_new_sections()
            self._history = [CommitRecord(**{**r, "changes": tuple(map(tuple, r.get("changes", ())))})
                             for r in saved["history"]]
        else:
            self._config = factory()
            validate(self._config)
            self._history = [CommitRecord(0, "system", time.time(), "factory configuration")]
            self._persist(self._config.to_tree())
        self._tree = self._config.to_tree()

    # -- reading ------------------------------------------------------------------------------
    @property
    def revision(self) -> int:
        return self._history[-1].revision

    @property
    def last_commit(self) -> CommitRecord:
        return self._history[-1]

    def history(self) -> list[CommitRecord]:
        return list(self._history)

    def snapshot(self) -> tuple[int, dict]:
        """(revision, tree) of the committed configuration; the tree must not be modified."""
        with self._lock:
            return self.revision, self._tree

    @property
    def committed(self) -> ClusterConfig:
        """The committed configuration.  Shared: never modify it."""
        return self._config

    def subscribe(self, callback: Subscriber) -> None:
        self._subscribers.append(callback)

    # -- writing ------------------------------------------------------------------------------
    def commit(self, base: dict, new: dict, user: str, comment: str = "", machine: str = "",
               save_rollback: bool = True) -> CommitRecord:
        """Apply the edits that turn ``base`` into ``new`` onto the committed configuration."""
        changes = tree.diff(base, new)
        if not changes:
            raise NothingToCommit()
        with self._lock:
            merged = tree.apply(self._tree, changes)
            return self._install(merged, user, comment, machine, save_rollback,
                                 tuple(path for path, _ in changes))

    def replace(self, new: dict, user: str, comment: str, machine: str = "") -> CommitRecord:
        """Make ``new`` the committed configuration as a whole (rollback, cluster changes)."""
        with self._lock:
            return self._install(new, user, comment, machine, True, ((),))

    def rollback_revisions(self) -> list[CommitRecord]:
        saved = {int(p.stem.split("-")[1]) for p in (self.state_dir / "rollback").glob("rev-*.json")}
        return [r for r in self._history if r.revision in saved]

    def rollback_tree(self, revision: int) -> dict:
        return persist.read_json(self.state_dir / "rollback" / f"rev-{revision:06d}.json")

    def _install(self, merged: dict, user: str, comment: str, machine: str, save_rollback: bool,
                 changes: tuple) -> CommitRecord:
        config = ClusterConfig.from_tree(merged)
        validate(config)
        record = CommitRecord(self.revision + 1, user, time.time(), comment, machine,
                              save_rollback, changes)
        history = (self._history + [record])[-HISTORY_KEEP:]
        canonical = config.to_tree()
        self._persist(canonical, history)
        if save_rollback:
            self._save_rollback(record.revision, canonical)
        self._config, self._tree, self._history = config, canonical, history
        for callback in self._subscribers:
            self.dispatch(callback, config, record)
        return record

    def _persist(self, config_tree: dict, history: Optional[list[CommitRecord]] = None) -> None:
        history = history if history is not None else self._history
        persist.write_json(self.state_dir / "config.json",
                           {"config": config_tree, "history": [asdict(r) for r in history]})

    def _save_rollback(self, revision: int, config_tree: dict) -> None:
        folder = self.state_dir / "rollback"
        persist.write_json(folder / f"rev-{revision:06d}.json", config_tree)
        for old in sorted(folder.glob("rev-*.json"))[:-ROLLBACK_KEEP]:
            old.unlink(missing_ok=True)
