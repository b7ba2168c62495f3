"""The appliance's SSH host keys: generated once into the state directory, reused on every
start, so clients with ``StrictHostKeyChecking=yes`` keep trusting the appliance (clients.md
§3.1 item 2).  Never a key in the source tree."""
from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
from twisted.conch.ssh import keys

# file name -> how to make a new private key
_KINDS = {
    "ssh_host_ed25519_key": ed25519.Ed25519PrivateKey.generate,
    "ssh_host_rsa_key": lambda: rsa.generate_private_key(public_exponent=65537, key_size=3072),
}


def load_or_create(state_dir: Path) -> dict[bytes, keys.Key]:
    """SSH key type -> private host key.  Runs before the appliance serves (start-up only)."""
    found = {}
    for name, generate in _KINDS.items():
        path = Path(state_dir) / name
        if not path.exists():
            _write_private(path, generate())
        key = keys.Key.fromString(path.read_bytes())
        found[key.sshType()] = key
    return found


def _write_private(path: Path, key) -> None:
    data = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH,
                             serialization.NoEncryption())
    temporary = path.with_suffix(".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)
