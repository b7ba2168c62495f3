"""Failed password logins of one appliance (SSH and FTP share them): an account locks after the
committed number of consecutive failures, and each source address waits longer after every
failure.

The lock follows AsyncOS's account policy (``userconfig`` → POLICY → ACCOUNT, ``model.
AccountPolicy``: lock or not, after how many failures); it holds until an administrator makes
the account available again (``userconfig`` → STATUS), its passphrase is changed (committed), or
the appliance restarts.
The delay doubles per failure from one source, up to ``MAX_DELAY``, and is forgotten after a
successful login from there.
"""
from __future__ import annotations

from collections import OrderedDict

BASE_DELAY = 0.5
MAX_DELAY = 8.0
_MAX_SOURCES = 4096  # remembered source addresses (the oldest are forgotten first)


class FailedLogins:
    def __init__(self) -> None:
        self._by_user: dict[str, int] = {}
        self._by_source: OrderedDict[str, int] = OrderedDict()
        self._locked: dict[str, str] = {}  # user -> the passphrase hash it was locked with

    def locked(self, user: str, password_hash: str) -> bool:
        """Whether ``user`` is locked; a changed passphrase unlocks."""
        locked_with = self._locked.get(user)
        if locked_with is None:
            return False
        if locked_with != password_hash:
            del self._locked[user]
            self._by_user.pop(user, None)
            return False
        return True

    def delay(self, source: str) -> float:
        """Seconds to wait before telling ``source`` its attempt failed."""
        failures = self._by_source.get(source, 0)
        return min(MAX_DELAY, BASE_DELAY * 2 ** (failures - 1)) if failures else 0.0

    def failed(self, user: str, source: str, password_hash: "str | None",
               lock_after: "int | None") -> bool:
        """Count a failure (``password_hash`` None: no such user; ``lock_after`` None: the
        policy locks no account).  True when it locked the account just now."""
        self._by_source[source] = self._by_source.pop(source, 0) + 1
        while len(self._by_source) > _MAX_SOURCES:
            self._by_source.popitem(last=False)
        if password_hash is None or user in self._locked:
            return False
        count = self._by_user.get(user, 0) + 1
        self._by_user[user] = count
        if lock_after is not None and count >= lock_after:
            self.lock(user, password_hash)
            return True
        return False

    def lock(self, user: str, password_hash: str) -> None:
        """Lock ``user`` (too many failures, or an administrator's ``userconfig`` → STATUS)."""
        self._locked[user] = password_hash

    def unlock(self, user: str) -> None:
        """Make ``user`` available again, its failures forgotten."""
        self._locked.pop(user, None)
        self._by_user.pop(user, None)

    def succeeded(self, user: str, source: str) -> None:
        self._by_user.pop(user, None)
        self._by_source.pop(source, None)
