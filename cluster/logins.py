"""The login accounting of one appliance, shared by every front end that takes a passphrase (SSH,
FTP, the web interface): password checks at equal cost for unknown users, failures per account
and the lock they lead to, and the growing delay per source address.

Pure Python, so that both the shell's transports and the web interface may use it (they may not
import each other); the composition root makes one per appliance and hands it to each.  The
front ends keep their own timing: they ask ``failed`` how long to wait and wait in their own way
(Twisted's ``deferLater`` for SSH, an asyncio sleep for FTP and the GUI).

The lock follows the committed account policy (``userconfig`` → POLICY → ACCOUNT,
``model.AccountPolicy``); it holds until an administrator makes the account available again
(``userconfig`` → STATUS), its passphrase is changed (committed), or the appliance restarts (the
appliance's runtime record, not a committed setting [R]).  The delay doubles per failure from
one source, up to ``MAX_DELAY``, and is forgotten after a successful login from there.
"""
from __future__ import annotations

import secrets
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Optional

from . import model
from .passwords import check_password_async, hash_password_async

BASE_DELAY = 0.5
MAX_DELAY = 8.0
_MAX_SOURCES = 4096  # remembered source addresses (the oldest are forgotten first)

# The authentication log's lines.  A refused passphrase: the appliance's own line (mail-logs.md
# §6 [V], "... failed using an HTTPS connection."); ``connection`` is "an SSH connection", "an
# FTP connection", "an HTTPS connection" or "an HTTP connection".
FAILED_LINE = "An authentication attempt by the user {user} from {source} failed using {connection}."
# Our wording [R]: the appliance's lines for a lock and an unlock are in no public sample.
LOCKED_LINE = "The user {user} was locked after {count} consecutive failed login attempts."
LOCKED_BY_LINE = "The user {user} was locked by {by}."
UNLOCKED_BY_LINE = "The user {user} was made available by {by}."


@dataclass
class _Lock:
    password_hash: str   # the passphrase it was locked with: a new one unlocks
    by_admin: bool       # locked with userconfig STATUS, not by failures


class LoginAccounting:
    """``users`` reads the committed ``users`` section (accounts and policy); ``log`` appends a
    line to the appliance's ``authentication`` log."""

    def __init__(self, users: Callable[[], model.Users], log: Callable[[str], None]):
        self._users, self._log = users, log
        self._by_user: dict[str, int] = {}
        self._by_source: OrderedDict[str, int] = OrderedDict()
        self._locks: dict[str, _Lock] = {}
        self._unknown_hash: Optional[str] = None

    # -- checking a passphrase -----------------------------------------------------------------
    async def check(self, name: str, password: str) -> Optional[model.User]:
        """The user, when ``password`` is theirs and the account is not locked; else None.  The
        hash runs in the password pool, and an unknown user costs the same hash."""
        user = self._users().users.get(name)
        known = user is not None and bool(user.password_hash)
        stored = user.password_hash if known else await self._unknown_user_hash()
        matched = await check_password_async(password, stored)
        if not (known and matched) or self.locked(name):
            return None
        return user

    async def _unknown_user_hash(self) -> str:
        """A hash no password matches, checked for unknown users at a known user's cost."""
        if self._unknown_hash is None:
            self._unknown_hash = await hash_password_async(secrets.token_hex(32))
        return self._unknown_hash

    # -- outcomes ------------------------------------------------------------------------------
    def failed(self, name: str, source: str, connection: str) -> float:
        """A refused login: logged and counted (the account may lock: logged too).  Returns the
        seconds to wait before telling ``source``."""
        self._log(FAILED_LINE.format(user=name, source=source, connection=connection))
        self._by_source[source] = self._by_source.pop(source, 0) + 1
        while len(self._by_source) > _MAX_SOURCES:
            self._by_source.popitem(last=False)
        users = self._users()
        user, policy = users.users.get(name), users.account_policy
        if user is not None and user.password_hash and not self.locked(name):
            count = self._by_user.get(name, 0) + 1
            self._by_user[name] = count
            if policy.lock_account and count >= policy.max_failed_logins:
                self._locks[name] = _Lock(user.password_hash, by_admin=False)
                self._log(LOCKED_LINE.format(user=name, count=policy.max_failed_logins))
        return self.delay(source)

    def succeeded(self, name: str, source: str) -> None:
        self._by_user.pop(name, None)
        self._by_source.pop(source, None)

    def delay(self, source: str) -> float:
        """Seconds to wait before telling ``source`` its attempt failed."""
        failures = self._by_source.get(source, 0)
        return min(MAX_DELAY, BASE_DELAY * 2 ** (failures - 1)) if failures else 0.0

    # -- the account's state (userconfig STATUS) -----------------------------------------------
    def locked(self, name: str) -> bool:
        """Whether ``name`` is locked; a passphrase changed since unlocks it."""
        lock = self._locks.get(name)
        if lock is None:
            return False
        user = self._users().users.get(name)
        if user is None or user.password_hash != lock.password_hash:
            self.unlock(name)
            return False
        return True

    def locked_by_admin(self, name: str) -> bool:
        """Locked by an administrator (the login page may say so: ACCOUNT's locked message)."""
        return self.locked(name) and self._locks[name].by_admin

    def lock(self, name: str, by: str) -> None:
        """An administrator locks ``name`` (``userconfig`` → STATUS)."""
        user = self._users().users.get(name)
        if user is None:
            return
        self._locks[name] = _Lock(user.password_hash, by_admin=True)
        self._log(LOCKED_BY_LINE.format(user=name, by=by))

    def make_available(self, name: str, by: str) -> None:
        """An administrator unlocks ``name``: its failures are forgotten."""
        self.unlock(name)
        self._log(UNLOCKED_BY_LINE.format(user=name, by=by))

    def unlock(self, name: str) -> None:
        self._locks.pop(name, None)
        self._by_user.pop(name, None)
