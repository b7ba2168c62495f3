"""SSH (and FTP) logins against the appliance's own users (``userconfig``, ``sshconfig``).

Password, keyboard-interactive (one ``Password: `` prompt, which is what OpenSSH, the
deployment script and pexpect scripts see first) and public keys.  A wrong password or an
unknown user is an ordinary authentication failure, so clients print ``Permission denied``
(clients.md §3.1 item 3).  Password hashes are checked off the event loop.
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
from twisted.internet import defer
from zope.interface import implementer

from cluster import model
from cluster.passwords import check_password_async

from ..engine.context import LogSink

UserLookup = Callable[[str], Optional[model.User]]

MSG_USERAUTH_INFO_REQUEST = 60
KEYBOARD_INTERACTIVE_PROMPT = b"Password: "


@implementer(ICredentialsChecker)
class PasswordChecker:
    credentialInterfaces = (credentials.IUsernamePassword,)

    def __init__(self, users: UserLookup):
        self._users = users

    def requestAvatarId(self, creds) -> defer.Deferred:
        name = _text(creds.username)
        user = self._users(name)
        if user is None or not user.password_hash:
            return defer.fail(UnauthorizedLogin())
        password = _text(creds.password)
        check = asyncio.ensure_future(check_password_async(password, user.password_hash))
        return defer.Deferred.fromFuture(check).addCallback(_accept, name)


@implementer(ICredentialsChecker)
class PublicKeyChecker:
    """Keys from the user's ``ssh_keys`` (OpenSSH public key lines).  An unknown key is refused
    before the client signs anything."""

    credentialInterfaces = (credentials.ISSHPrivateKey,)

    def __init__(self, users: UserLookup):
        self._users = users

    def requestAvatarId(self, creds) -> defer.Deferred:
        name = creds.username.decode("utf-8", "replace")
        user = self._users(name)
        try:
            offered = keys.Key.fromString(creds.blob)
        except (keys.BadKeyError, ValueError):
            return defer.fail(UnauthorizedLogin())
        if user is None or not any(offered == key for key in authorized_keys(user)):
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


def log_failure(logs: LogSink, user: str, address: str, connection: str) -> None:
    """A refused password, as the appliance's ``authentication`` log words it; ``connection``
    is ``an SSH connection`` or ``an FTP connection``."""
    logs.write("authentication", f"An authentication attempt by the user {user} from {address} "
                                 f"failed using {connection}.")


def _text(value: "str | bytes") -> str:
    """SSH hands credentials over as bytes, FTP as text."""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def _accept(matched: bool, name: str) -> str:
    if not matched:
        raise UnauthorizedLogin()
    return name


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

    def auth_keyboard_interactive(self, packet: bytes) -> defer.Deferred:
        """One ``Password:`` question (echo off); the answer is checked like a password."""
        self._answer = defer.Deferred()
        self.transport.sendPacket(
            MSG_USERAUTH_INFO_REQUEST,
            NS(b"") + NS(b"") + NS(b"") + struct.pack(">L", 1) + NS(KEYBOARD_INTERACTIVE_PROMPT)
            + b"\x00")
        user = self.user
        return self._answer.addCallback(
            lambda password: self.portal.login(credentials.UsernamePassword(user, password), None,
                                               IConchUser)).addErrback(self._ebPassword)

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

    def _ebBadAuth(self, reason) -> None:
        if (self.method in (b"password", b"keyboard-interactive")
                and reason.check(UnauthorizedLogin)):
            self.transport.factory.login_failed(self.user.decode("utf-8", "replace"),
                                                self.transport.transport.getPeer().host)
        super()._ebBadAuth(reason)
