"""Where the configuration sits in etcd (``etcd://HOST:PORT[/prefix]``) and how one backend's
configuration is cut into keys and put back together (``etcdstore`` has the key layout).

A tree (``levels.ClusterConfig.to_tree``) is stored as one ``shared`` part (everything but the
machine levels, plus the order of the level keys) and one part per machine with machine-level
sections, so a commit that changes one machine's settings writes that machine's key only.
Values are compact JSON; the same bytes go to etcd and into the mirror, so every process holds
the same tree for a revision.
"""
from __future__ import annotations

import json
import urllib.parse
from dataclasses import asdict
from typing import Any, Optional

from .backend import HISTORY_KEEP, ROLLBACK_KEEP, CommitRecord

DEFAULT_PORT = 2379
DEFAULT_PREFIX = "/asyncos"
HEAD = "head"
SHARED = "shared"
MACHINE = "machine/"
HISTORY = "history/"
ROLLBACK = "rollback/"
SECRET = "secret/"
_MACHINE_LEVEL = "machine:"

# (part of a backend's keys, new value or None to delete it)
Write = tuple[str, Optional[bytes]]


def parse_url(url: str) -> tuple[str, int, str]:
    """``etcd://HOST:PORT[/prefix]`` -> (host, port, prefix); ValueError when it is not one."""
    parts = urllib.parse.urlsplit(url)
    try:
        port = parts.port or DEFAULT_PORT
    except ValueError:
        port = None
    if parts.scheme != "etcd" or not parts.hostname or port is None or parts.query:
        raise ValueError(f"{url!r} is not etcd://HOST:PORT[/prefix]")
    return parts.hostname, port, parts.path.rstrip("/") or DEFAULT_PREFIX


def encode(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


def revision_part(kind: str, revision: int) -> str:
    """``history/0000000042``: zero-padded, so etcd's key order is the revision order."""
    return f"{kind}{revision:010d}"


def split(config_tree: dict) -> tuple[dict, dict[str, Any]]:
    """(shared part, machine name -> that machine's machine-level sections)."""
    levels = config_tree.get("levels") or {}
    machines = {key[len(_MACHINE_LEVEL):]: sections for key, sections in levels.items()
                if key.startswith(_MACHINE_LEVEL)}
    rest = {key: sections for key, sections in levels.items() if not key.startswith(_MACHINE_LEVEL)}
    return {"tree": {**config_tree, "levels": rest}, "level_order": list(levels)}, machines


def assemble(shared: dict, machines: dict[str, Any]) -> dict:
    """The tree ``split`` cut up, levels in their original order (diffs depend on it)."""
    rest = shared["tree"].get("levels") or {}
    levels = {}
    for key in shared["level_order"]:
        name = key[len(_MACHINE_LEVEL):] if key.startswith(_MACHINE_LEVEL) else None
        if name is None and key in rest:
            levels[key] = rest[key]
        elif name is not None and name in machines:
            levels[key] = machines[name]
    return {**shared["tree"], "levels": levels}


class Parts:
    """One backend's keys as bytes and decoded: what etcd holds, what the mirror serves."""

    def __init__(self) -> None:
        self.revision = -1                     # the head; -1 until the backend exists
        self.raw: dict[str, bytes] = {}        # shared and machine/<name> parts
        self.history: dict[int, CommitRecord] = {}
        self.rollbacks: dict[int, bytes] = {}
        self.secrets: dict[str, bytes] = {}    # the cluster's secrets, never in the tree
        self._decoded: dict[str, Any] = {}

    def apply(self, part: str, value: Optional[bytes]) -> None:
        """One key of the backend (``value`` None: deleted); keys it does not know are ignored."""
        try:
            self._apply(part, value)
        except (ValueError, TypeError):     # not written by this layout
            return

    def _apply(self, part: str, value: Optional[bytes]) -> None:
        if part == HEAD:
            self.revision = int(value) if value is not None else -1
        elif part.startswith(HISTORY):
            revision = int(part[len(HISTORY):])
            if value is None:
                self.history.pop(revision, None)
            else:
                self.history[revision] = CommitRecord.from_dict(json.loads(value))
        elif part.startswith(ROLLBACK):
            revision = int(part[len(ROLLBACK):])
            if value is None:
                self.rollbacks.pop(revision, None)
            else:
                self.rollbacks[revision] = value
        elif part.startswith(SECRET):
            if value is None:
                self.secrets.pop(part[len(SECRET):], None)
            else:
                self.secrets[part[len(SECRET):]] = value
        elif part == SHARED or part.startswith(MACHINE):
            if value is None:
                self.raw.pop(part, None)
                self._decoded.pop(part, None)
            else:
                self._decoded[part] = json.loads(value)
                self.raw[part] = value

    def tree(self) -> Optional[dict]:
        if SHARED not in self._decoded:
            return None
        machines = {part[len(MACHINE):]: value for part, value in self._decoded.items()
                    if part.startswith(MACHINE)}
        return assemble(self._decoded[SHARED], machines)

    def writes(self, new_tree: dict, record: CommitRecord) -> list[Write]:
        """The keys a commit of ``new_tree`` as ``record`` changes: the head, the parts that
        differ, the record, the rollback configuration, and what falls out of the kept ones."""
        shared, machines = split(new_tree)
        wanted = {SHARED: encode(shared),
                  **{MACHINE + name: encode(sections) for name, sections in machines.items()}}
        writes: list[Write] = [(HEAD, str(record.revision).encode())]
        writes += [(part, value) for part, value in wanted.items() if self.raw.get(part) != value]
        writes += [(part, None) for part in self.raw if part not in wanted]
        writes.append((revision_part(HISTORY, record.revision), encode(asdict(record))))
        writes += [(revision_part(HISTORY, old), None)
                   for old in sorted(self.history)[:max(0, len(self.history) + 1 - HISTORY_KEEP)]]
        if record.rollback:
            writes.append((revision_part(ROLLBACK, record.revision), encode(new_tree)))
            writes += [(revision_part(ROLLBACK, old), None) for old in
                       sorted(self.rollbacks)[:max(0, len(self.rollbacks) + 1 - ROLLBACK_KEEP)]]
        return writes
