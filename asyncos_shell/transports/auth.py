"""SSH (and FTP) logins against the appliance's own users (``userconfig``, ``sshconfig``).

Password, keyboard-interactive (one ``Password: `` prompt, which is what OpenSSH, the
deployment script and pexpect scripts see first) and public keys.  A wrong password or an
unknown user is an ordinary authentication failure, so clients print ``Permission denied``
(clients.md §3.1 item 3).  Password hashes are checked off the event loop, in the password
pool; an unknown user costs the same hash as a known one (no timing tells them apart), and a
locked account is refused whatever the password (``cluster.logins``, shared with the GUI).
"""
from __future__ import annotations

import asyncio
import struct
from typing import Callable, Optional

from twisted.conch import error
from twisted.conch.interfaces import IConchUser
from twisted.conch.ssh import keys, userauth
from twisted.conch.ssh.common import NS, getNS
from twisted.cred import credentials
from twisted.cred.checkers import ICredentialsChecker
from twisted.cred.error import UnauthorizedLogin
from twisted.internet import defer, task
from zope.interface import implementer

from cluster import model
from cluster.logins import LoginAccounting

UserLookup = Callable[[str], Optional[model.User]]

# An unauthenticated SSH or FTP connection is closed after this long (OpenSSH's LoginGraceTime
# is 120 s; the appliance's own figure is not public).
LOGIN_GRACE_SECONDS = 60.0

MSG_USERAUTH_INFO_REQUEST = 60
KEYBOARD_INTERACTIVE_PROMPT = b"Password: "


@implementer(ICredentialsChecker)
class PasswordChecker:
    """Passwords through the appliance's login accounting (equal cost for unknown users, locked
    accounts refused); failures are counted by the protocol, which knows the source address."""
    credentialInterfaces = (credentials.IUsernamePassword,)

    def __init__(self, accounts: LoginAccounting):
        self._accounts = accounts

    def requestAvatarId(self, creds) -> defer.Deferred:
        name = _text(creds.username)
        check = self._accounts.check(name, _text(creds.password))
        return defer.Deferred.fromFuture(asyncio.ensure_future(check)).addCallback(
            lambda user: name if user is not None else _refuse())


def _refuse():
    raise UnauthorizedLogin()


@implementer(ICredentialsChecker)
class PublicKeyChecker:
    """Keys from the user's ``ssh_keys`` (OpenSSH public key lines) of an allowed type
    (``sshconfig``'s public key authentication algorithms).  An unknown key is refused before
    the client signs anything."""

    credentialInterfaces = (credentials.ISSHPrivateKey,)

    def __init__(self, users: UserLookup, key_types: Callable[[], list[str]]):
        self._users = users
        self._key_types = key_types

    def requestAvatarId(self, creds) -> defer.Deferred:
        name = creds.username.decode("utf-8", "replace")
        user = self._users(name)
        try:
            offered = keys.Key.fromString(creds.blob)
        except (keys.BadKeyError, ValueError):
            return defer.fail(UnauthorizedLogin())
        if user is None or not any(offered == key for key in authorized_keys(user)) or \
                offered.sshType().decode() not in self._key_types():
            return defer.fail(UnauthorizedLogin())
        if not creds.signature:
            return defer.fail(error.ValidPublicKey())
        if not offered.verify(creds.signature, creds.sigData):
            return defer.fail(UnauthorizedLogin())
        return defer.succeed(name)


def authorized_keys(user: model.User) -> list[keys.Key]:
    found = []
    for line in user.ssh_keys:
        try:
            found.append(keys.Key.fromString(line.strip().encode()))
        except (keys.BadKeyError, ValueError, IndexError):
            continue  # a malformed line in the configuration grants nothing
    return found


def _text(value: "str | bytes") -> str:
    """SSH hands credentials over as bytes, FTP as text."""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


class UserAuthServer(userauth.SSHUserAuthServer):
    """Conch's server side of ``ssh-userauth`` plus keyboard-interactive; failed passwords are
    reported to the factory's ``login_failed(user, peer_address)``."""

    def serviceStarted(self) -> None:
        super().serviceStarted()
        self._answer: Optional[defer.Deferred] = None
        # The scenario knob login_method offers only one of the two password methods.
        method = self.transport.factory.appliance.profile.login_method
        if b"password" in self.supportedAuthentications and method != "password":
            self.supportedAuthentications.append(b"keyboard-interactive")
            if method == "keyboard-interactive":
                self.supportedAuthentications.remove(b"password")

    def auth_password(self, packet: bytes) -> defer.Deferred:
        return self._login(credentials.UsernamePassword(self.user, getNS(packet[1:])[0]))

    def auth_keyboard_interactive(self, packet: bytes) -> defer.Deferred:
        """One ``Password:`` question (echo off); the answer is checked like a password."""
        self._answer = defer.Deferred()
        self.transport.sendPacket(
            MSG_USERAUTH_INFO_REQUEST,
            NS(b"") + NS(b"") + NS(b"") + struct.pack(">L", 1) + NS(KEYBOARD_INTERACTIVE_PROMPT)
            + b"\x00")
        user = self.user
        return self._answer.addCallback(
            lambda password: self._login(credentials.UsernamePassword(user, password)))

    def auth_publickey(self, packet: bytes) -> defer.Deferred:
        return defer.maybeDeferred(super().auth_publickey, packet).addCallback(self._succeeded)

    def _login(self, creds) -> defer.Deferred:
        return self.portal.login(creds, None, IConchUser).addCallbacks(self._succeeded,
                                                                       self._failed)

    def _succeeded(self, result):
        self.transport.factory.login_succeeded(self.user.decode("utf-8", "replace"),
                                               self.transport.transport.getPeer().host)
        return result

    def _failed(self, reason) -> defer.Deferred:
        """A refused password is logged and counted, and told after Conch's usual delay plus
        the growing delay for its source address."""
        delay = 0.0
        if reason.check(UnauthorizedLogin):
            delay = self.transport.factory.login_failed(self.user.decode("utf-8", "replace"),
                                                        self.transport.transport.getPeer().host)
        return task.deferLater(self.clock, self.passwordDelay + delay, reason.raiseException)

    def ssh_USERAUTH_INFO_RESPONSE(self, packet: bytes) -> None:
        answer, self._answer = self._answer, None
        if answer is None:
            return
        try:
            (count,) = struct.unpack(">L", packet[:4])
            responses = getNS(packet[4:], count)[:count] if count else ()
        except (struct.error, ValueError):
            responses = ()
        if len(responses) != 1:
            answer.errback(UnauthorizedLogin())
        else:
            answer.callback(responses[0])

