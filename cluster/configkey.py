"""The key for "encrypt passphrases" in saved configuration files: a secret of the cluster.

Generated at first start (32 random bytes, a Fernet key) and kept by the configuration backend
beside the configuration, never in it (file store: ``stores/<id>/secrets/config.key``, 0600;
etcd: ``<prefix>/stores/<id>/secret/config.key``).  A standalone appliance's backend is its own,
so its files load only there; cluster members share their cluster's backend, so a file one
member saved loads on every other, in this process or another.  A machine that joins adopts the
cluster's key, one that leaves keeps a copy (``lab``).
"""
from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Optional, Protocol

NAME = "config.key"


class Secrets(Protocol):
    """What ``lab.Lab`` offers for a machine's cluster secrets."""

    def secret(self, machine: str, name: str) -> Optional[bytes]: ...

    def add_secret(self, machine: str, name: str, value: bytes) -> bytes: ...


def for_machine(lab: Secrets, machine: str, state_dir: Path) -> bytes:
    """The key ``machine`` uses now, created the first time.  An appliance that kept its own
    key in ``state_dir`` before clusters shared theirs brings that one, so its older files
    still load.  Creating blocks (etcd): call it at start-up or off the event loop."""
    kept = lab.secret(machine, NAME)
    if kept is not None:
        return kept
    try:
        value = (Path(state_dir) / NAME).read_bytes().strip()
    except FileNotFoundError:
        value = base64.urlsafe_b64encode(os.urandom(32))
    return lab.add_secret(machine, NAME, value)
