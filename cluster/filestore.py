"""The embedded default backend: one cluster's configuration in files of a state directory.

``config.json`` holds the tree and the history, ``rollback/rev-NNNNNN.json`` the saved rollback
configurations, ``secrets/<name>`` the cluster's secrets (0600 in a 0700 folder); every write is
crash-safe (``persist``).  Commits are serialised by a lock and
compare the base revision, so one process may commit from several worker threads.
"""
from __future__ import annotations

import threading
import time
from dataclasses import asdict
from pathlib import Path
from typing import Callable, Optional

from . import persist, tree
from .backend import (HISTORY_KEEP, ROLLBACK_KEEP, Change, CommitMeta, CommitRecord, Conflict,
                      Watcher)


SECRETS = "secrets"


def _file_name(name: str) -> str:
    if not name or "/" in name or name.startswith("."):
        raise ValueError(f"{name!r} is not a secret's name")
    return name


class FileBackend:
    def __init__(self, backend_id: str, state_dir: Path, initial: Callable[[], dict]):
        """``initial``: the tree of revision 0 (a factory configuration), used on first start."""
        self.id = backend_id
        self.state_dir = Path(state_dir)
        self.state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        (self.state_dir / "rollback").mkdir(exist_ok=True, mode=0o700)
        (self.state_dir / SECRETS).mkdir(exist_ok=True, mode=0o700)
        self._lock = threading.Lock()
        self._secrets = {p.name: p.read_bytes() for p in (self.state_dir / SECRETS).iterdir()
                         if p.is_file() and not p.name.startswith(".")}
        self._watchers: list[Watcher] = []
        path = self.state_dir / "config.json"
        if path.exists():
            saved = persist.read_json(path)
            self._tree = saved["config"]
            self._history = [CommitRecord.from_dict(r) for r in saved["history"]]
        else:
            self._tree = initial()
            self._history = [CommitRecord(0, "system", time.time(), "factory configuration")]
            self._persist(self._tree, self._history)

    # -- reading ------------------------------------------------------------------------------
    def snapshot(self) -> tuple[int, dict]:
        with self._lock:
            return self._history[-1].revision, self._tree

    def history(self) -> list[CommitRecord]:
        return list(self._history)

    def rollback_revisions(self) -> list[CommitRecord]:
        saved = {int(p.stem.split("-")[1]) for p in (self.state_dir / "rollback").glob("rev-*.json")}
        return [r for r in self._history if r.revision in saved]

    def rollback_tree(self, revision: int) -> dict:
        return persist.read_json(self.state_dir / "rollback" / f"rev-{revision:06d}.json")

    def watch(self, callback: Watcher) -> None:
        self._watchers.append(callback)

    def sync(self) -> None:
        """Nothing to wait for: one process owns a state directory, and commits are applied at once."""

    def secrets(self) -> dict[str, bytes]:
        return dict(self._secrets)

    def add_secret(self, name: str, value: bytes) -> bytes:
        with self._lock:
            if name not in self._secrets:
                persist.atomic_write(self.state_dir / SECRETS / _file_name(name), value, 0o600)
                self._secrets[name] = value
            return self._secrets[name]

    # -- writing ------------------------------------------------------------------------------
    def commit(self, base_revision: int, changes: list[Change], meta: CommitMeta) -> CommitRecord:
        with self._lock:
            if base_revision != self._history[-1].revision:
                raise Conflict(f"revision {base_revision} is not the newest")
            new = tree.apply(self._tree, changes)
            record = CommitRecord(base_revision + 1, meta.user, time.time(), meta.comment,
                                  meta.machine, meta.save_rollback,
                                  tuple(path for path, _ in changes))
            history = (self._history + [record])[-HISTORY_KEEP:]
            self._persist(new, history)
            if meta.save_rollback:
                self._save_rollback(record.revision, new)
            self._tree, self._history = new, history
        for callback in self._watchers:
            callback(new, record)
        return record

    def _persist(self, config_tree: dict, history: Optional[list[CommitRecord]]) -> None:
        persist.write_json(self.state_dir / "config.json",
                           {"config": config_tree, "history": [asdict(r) for r in history]})

    def _save_rollback(self, revision: int, config_tree: dict) -> None:
        folder = self.state_dir / "rollback"
        persist.write_json(folder / f"rev-{revision:06d}.json", config_tree)
        for old in sorted(folder.glob("rev-*.json"))[:-ROLLBACK_KEEP]:
            old.unlink(missing_ok=True)
