"""Salted password hashes (scrypt).  Hashing is deliberately slow: from the event loop use
``check_password_async`` / ``hash_password_async``, which run it in a small pool of its own, so a
flood of logins queues there and never delays the threads that write and fsync the mail queue
(``asyncio.to_thread``'s pool)."""
from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import os
from concurrent.futures import ThreadPoolExecutor

# scrypt releases the GIL; two threads keep one core for everything else on a two-core host.
_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="passwords")

_N, _R, _P = 2 ** 14, 8, 1
# Stored hash -> SHA-256 of (hash, password) for passwords that matched it, in memory only, so
# scripts that log in hundreds of times pay the scrypt cost (about 40 ms of CPU) once.
_verified: dict[str, bytes] = {}
_VERIFIED_MAX = 1024


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return "scrypt${}${}${}${}${}".format(_N, _R, _P, base64.b64encode(salt).decode(),
                                        base64.b64encode(digest).decode())


def hash_error(stored: str) -> str | None:
    """None for a hash this module made: its scheme and cost exactly (a loaded configuration
    must not smuggle in a cost that would stall every login)."""
    parts = stored.split("$")
    if len(parts) != 6 or parts[:4] != ["scrypt", str(_N), str(_R), str(_P)]:
        return "invalid password hash"
    try:
        if len(base64.b64decode(parts[4], validate=True)) != 16 \
                or len(base64.b64decode(parts[5], validate=True)) != 32:
            return "invalid password hash"
    except ValueError:
        return "invalid password hash"
    return None


def check_password(password: str, stored: str) -> bool:
    quick = hashlib.sha256(stored.encode() + b"\0" + password.encode()).digest()
    known = _verified.get(stored)
    if known is not None and hmac.compare_digest(known, quick):
        return True
    if _scrypt_matches(password, stored):
        if len(_verified) >= _VERIFIED_MAX:
            _verified.clear()
        _verified[stored] = quick
        return True
    return False


def _scrypt_matches(password: str, stored: str) -> bool:
    if hash_error(stored):
        return False
    salt, digest = stored.split("$")[4:]
    actual = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=_N, r=_R, p=_P,
                            dklen=32)
    return hmac.compare_digest(actual, base64.b64decode(digest))


async def check_password_async(password: str, stored: str) -> bool:
    return await asyncio.get_running_loop().run_in_executor(_POOL, check_password, password,
                                                            stored)


async def hash_password_async(password: str) -> str:
    return await asyncio.get_running_loop().run_in_executor(_POOL, hash_password, password)
