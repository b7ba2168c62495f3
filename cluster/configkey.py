"""The appliance's own key for "encrypt passphrases" in saved configuration files.

Generated at first start (32 random bytes, a Fernet key) and kept 0600 in the state directory,
so an encrypted file is readable only by the appliance that wrote it -- not by anyone who has
read this source, as the fixed key before issue 15 was.
"""
from __future__ import annotations

import base64
import os
from pathlib import Path

from . import persist

FILE_NAME = "config.key"


def load_or_create(state_dir: Path) -> bytes:
    """The key in ``state_dir`` (created 0600 the first time)."""
    path = Path(state_dir) / FILE_NAME
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    persist.atomic_write(path, base64.urlsafe_b64encode(os.urandom(32)) + b"\n", 0o600)
    return path.read_bytes().strip()
