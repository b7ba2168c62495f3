"""The configuration boundary: what every backend offers and everything else uses.

A backend keeps one cluster's configuration (a standalone appliance is a cluster of one) as a
tree with a revision number, the commit history and the rollback configurations.  Writes are
compare-and-swap: ``commit`` lands only on the revision it was based on, so the caller (the commit
gate in ``lab.py``) rebases and validates again when somebody else committed in between.

Implementations: ``filestore.FileBackend`` (the embedded default) and ``etcdstore.EtcdBackend``
(members of one cluster in separate processes).  Both are thread-safe and may block (fsync, a
network round trip): front ends call ``commit`` off the event loop.  Reads come from memory.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Protocol

ROLLBACK_KEEP = 10
HISTORY_KEEP = 100

# One edit of a configuration tree: (path, new value), see ``tree.diff``.
Change = tuple[tuple, Any]


class NothingToCommit(Exception):
    """The session has no pending changes."""


class Conflict(Exception):
    """The backend moved past the revision a commit was based on."""


class BackendUnavailable(Exception):
    """The backend cannot be reached (etcd stopped); nothing was written."""


@dataclass
class CommitMeta:
    """Who commits what, for the history (``commitdetail``) and the authority check."""
    user: str
    comment: str = ""
    machine: str = ""
    save_rollback: bool = True


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

    @classmethod
    def from_dict(cls, data: dict) -> "CommitRecord":
        return cls(**{**data, "changes": tuple(map(tuple, data.get("changes", ())))})


# Called with the new revision's tree and its record, for every new revision, in order.
Watcher = Callable[[dict, CommitRecord], None]


class ConfigBackend(Protocol):
    # Names the backend in this lab (the machine -> backend map); stable across restarts.
    id: str

    def snapshot(self) -> tuple[int, dict]:
        """(revision, tree) of the newest configuration applied here; never modify the tree."""

    def commit(self, base_revision: int, changes: list[Change], meta: CommitMeta) -> CommitRecord:
        """Apply ``changes`` on ``base_revision``; raises ``Conflict`` when that is not the newest
        revision any more, ``BackendUnavailable`` when the store cannot be reached."""

    def watch(self, callback: Watcher) -> None:
        """Call ``callback`` for every new revision (this process's commits and others')."""

    def history(self) -> list[CommitRecord]:
        """The newest ``HISTORY_KEEP`` commit records, oldest first."""

    def rollback_revisions(self) -> list[CommitRecord]:
        """The records of the saved rollback configurations, oldest first."""

    def rollback_tree(self, revision: int) -> dict:
        """The configuration saved at ``revision`` (one of ``rollback_revisions``)."""

    def sync(self) -> None:
        """Wait until ``snapshot`` reflects every commit the store acknowledged before this call,
        another process's included.  May block, like ``commit``."""

    # -- the cluster's secrets ------------------------------------------------------------------
    # Kept beside the configuration, never in it: not in the tree, the history, the rollback
    # configurations or a saved file, so no front end shows them (``configkey`` keeps one).
    def secrets(self) -> dict[str, bytes]:
        """Every secret of this backend by name (from memory)."""

    def add_secret(self, name: str, value: bytes) -> bytes:
        """Keep ``value`` as the secret ``name`` unless the backend has one already (another
        process may have been first); returns the one kept.  May block, like ``commit``."""
