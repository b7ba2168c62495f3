"""The appliance's FTP service: ``/configuration`` for uploads (PKCS#12 files, configurations to
``loadconfig``) and downloads (``saveconfig`` files), on every interface that enables FTP.

Twisted's FTP server on the shared asyncio loop.  Users log in with their appliance password
(checked off the loop, as for SSH); there is no anonymous login.  The FTP root holds one
directory, ``configuration``; nothing outside it can be read or written.  As with ``scp``, only
administrators and operators may write there.  Passive data ports are opened on the address of
the interface the client reached, so passive mode works on a loopback-only appliance.

``ftpd_logs`` gets a session's connection, login and logout in the lines of Cisco's message
catalogue (github dharma412/PythonClass csa/testlib/common/shell/qlogmsgs.py, keys
``ftpd.FTPD.CONNECTION``, ``LOGIN``, ``LOGIN_FAILED``, ``LOGOUT``): ``ID:<n> …``, one number per
control connection.
"""
from __future__ import annotations

import asyncio
import itertools
from pathlib import Path
from typing import Any, Optional

from twisted.cred.portal import IRealm, Portal
from twisted.internet import defer
from twisted.internet.interfaces import IConsumer
from twisted.protocols import ftp
from twisted.python import failure, filepath
from zope.interface import implementer

from cluster import model

from .. import strings
from ..engine.context import Appliance
from . import auth, scp
from .listening import FollowingService

STRINGS = {
    "ftp.welcome": ("{hostname} FTP server ready", "R"),
}
strings.register(STRINGS)

CONFIGURATION = "configuration"  # the one directory of the FTP root


class FTPService(FollowingService):
    """The ``ftp`` service of every interface that has one (``interfaceconfig``), following
    commits like SSH.  Stopping closes the control connections."""

    service = "ftp"

    def make_factory(self) -> "ApplianceFTPFactory":
        return ApplianceFTPFactory(self.appliance)

    def close_sessions(self) -> list[defer.Deferred]:
        for session in list(self.factory.instances):
            if session.transport is not None:
                session.transport.loseConnection()
        return []


class ApplianceFTP(ftp.FTP):
    """Twisted's protocol interpreter, with logins logged, NLST without an argument and passive
    ports on the interface."""

    def connectionMade(self) -> None:
        self.factory.instances.append(self)
        self.ftp_id, self.ftp_user = next(self.factory.session_ids), ""
        self._log(f"Connection from {self.transport.getPeer().host} on "
                  f"{self.transport.getHost().host}")
        # Commands do not extend it (Twisted's idle timeout would restart on every NOOP).
        self._login_deadline = asyncio.get_event_loop().call_later(
            auth.LOGIN_GRACE_SECONDS, self._login_expired)
        super().connectionMade()

    def connectionLost(self, reason: failure.Failure) -> None:
        if self in self.factory.instances:
            self.factory.instances.remove(self)
        self._cancel_login_deadline()
        if self.ftp_user:
            self._log(f"User {self.ftp_user} logout")
        super().connectionLost(reason)

    def _log(self, text: str) -> None:
        self.factory.appliance.logs.write("ftpd_logs", f"ID:{self.ftp_id} {text}")

    def _login_expired(self) -> None:
        self._login_deadline = None
        self.reply(ftp.SVC_NOT_AVAIL_CLOSING_CTRL_CNX)
        self.transport.loseConnection()

    def _cancel_login_deadline(self) -> None:
        deadline, self._login_deadline = getattr(self, "_login_deadline", None), None
        if deadline is not None:
            deadline.cancel()

    def ftp_PASS(self, password: str) -> defer.Deferred:
        name, address = getattr(self, "_user", ""), self.transport.getPeer().host

        def logged_in(reply: Any) -> Any:
            self._cancel_login_deadline()
            self.ftp_user = name
            self._log(f"User {name} login SUCCESS")
            self.factory.logged_in(name, address)
            return reply

        def refused(reason: failure.Failure) -> "failure.Failure | defer.Deferred":
            if reason.check(ftp.AuthorizationError):
                self._log(f"User {name} login FAILED")
                delay = self.factory.appliance.accounts.failed(name, address,
                                                              "an FTP connection")
                if delay:  # the growing delay per source, before the 530
                    later = asyncio.ensure_future(asyncio.sleep(delay))
                    return defer.Deferred.fromFuture(later).addCallback(lambda _: reason)
            return reason

        return super().ftp_PASS(password).addCallbacks(logged_in, refused)

    def ftp_NLST(self, path: str = "") -> defer.Deferred:
        # ``nlst()``, ``mget`` and ``ls`` of many clients send NLST alone: the current directory.
        return super().ftp_NLST(path)

    def getDTPPort(self, factory: Any, interface: str = "") -> Any:
        # Twisted listens on every address by default; the appliance answers on the interface.
        return super().getDTPPort(factory, interface or self.transport.getHost().host)


class ApplianceFTPFactory(ftp.FTPFactory):
    protocol = ApplianceFTP
    allowAnonymous = False

    def __init__(self, appliance: Appliance):
        super().__init__(Portal(_Realm(appliance, self.user),
                                [auth.PasswordChecker(appliance.accounts)]))
        self.appliance = appliance
        self.session_ids = itertools.count(1)

    @property
    def welcomeMessage(self) -> str:
        return strings.text("ftp.welcome", hostname=self.appliance.hostname())

    def user(self, name: str) -> Optional[model.User]:
        users = self.appliance.view().users.users
        return users.get(name)

    def logged_in(self, name: str, address: str) -> None:
        self.appliance.accounts.succeeded(name, address)
        user = self.user(name)
        role = user.role if user is not None else ""
        self.appliance.logs.write("authentication",
                                  f"The user {name} successfully logged on from {address} with "
                                  f"privilege {role} using an FTP connection.")


@implementer(IRealm)
class _Realm:
    def __init__(self, appliance: Appliance, users: auth.UserLookup):
        self.appliance, self.users = appliance, users

    def requestAvatar(self, avatar_id: str, mind: Any, *interfaces: Any):
        if ftp.IFTPShell not in interfaces:
            raise NotImplementedError("only FTP logins")
        user = self.users(avatar_id)
        allowed = user is not None and user.role in scp.FILE_ROLES
        shell = ConfigurationShell(self.appliance.config_dir, allowed)
        return ftp.IFTPShell, shell, lambda: None


@implementer(ftp.IFTPShell)
class ConfigurationShell:
    """What one FTP login sees: ``/`` with the directory ``configuration`` in it.  Paths arrive
    as segments from the root (``..`` already resolved and refused above the root)."""

    def __init__(self, config_dir: Path, allowed: bool):
        # ``allowed``: the user's role may reach the file system (scp.FILE_ROLES); others
        # log in and see an empty root, as nothing here is theirs to read.
        self.config_dir, self.allowed = config_dir, allowed
        self.files = ftp.FTPShell(filepath.FilePath(str(config_dir)))  # rooted at /configuration

    # -- reading ---------------------------------------------------------------------------------
    def access(self, path: list[str]) -> defer.Deferred:
        if not path:
            return defer.succeed(None)
        return self._inside(path, self.files.access)

    def stat(self, path: list[str], keys: tuple = ()) -> defer.Deferred:
        if not path:
            return self.files.stat([], keys)
        return self._inside(path, lambda inner: self.files.stat(inner, keys))

    def list(self, path: list[str], keys: tuple = ()) -> defer.Deferred:
        if not path:
            if not self.allowed:
                return defer.succeed([])
            return self.files.stat([], keys).addCallback(lambda values: [(CONFIGURATION, values)])
        return self._inside(path, lambda inner: self.files.list(inner, keys))

    def openForReading(self, path: list[str]) -> defer.Deferred:
        return self._inside(path, self.files.openForReading)

    # -- writing ---------------------------------------------------------------------------------
    def openForWriting(self, path: list[str]) -> defer.Deferred:
        return self._writable(path, lambda inner: defer.succeed(_Upload(self.config_dir / inner[0])))

    def removeFile(self, path: list[str]) -> defer.Deferred:
        return self._writable(path, self.files.removeFile)

    def rename(self, from_path: list[str], to_path: list[str]) -> defer.Deferred:
        return self._writable(from_path, lambda source: self._writable(
            to_path, lambda target: self.files.rename(source, target)))

    def makeDirectory(self, path: list[str]) -> defer.Deferred:
        return _denied(path)  # /configuration is flat, as scp keeps it

    def removeDirectory(self, path: list[str]) -> defer.Deferred:
        return _denied(path)

    # -- where a path leads ----------------------------------------------------------------------
    def _inside(self, path: list[str], action: Any) -> defer.Deferred:
        """``action`` on the path below /configuration; anything else is refused."""
        if not self.allowed or path[:1] != [CONFIGURATION] or not _plain_names(path[1:]):
            return _denied(path)
        return action(path[1:])

    def _writable(self, path: list[str], action: Any) -> defer.Deferred:
        """``action`` on a file directly in /configuration, for users who may write."""
        if not self.allowed or len(path) != 2 or path[0] != CONFIGURATION \
                or not _plain_names(path[1:]):
            return _denied(path)
        return action(path[1:])


def _plain_names(names: list[str]) -> bool:
    """No NUL, no over-long name: the file system would raise instead of refusing."""
    return all("\0" not in n and len(n.encode("utf-8", "surrogateescape")) <= scp.MAX_NAME_BYTES
               for n in names)


def _denied(path: list[str]) -> defer.Deferred:
    return defer.fail(ftp.PermissionDeniedError("/" + "/".join(path)))


@implementer(ftp.IWriteFile)
class _Upload:
    """A STOR: the data is kept in memory, then saved in one go off the event loop the way
    ``scp`` saves (a temporary file renamed over the old one: no half-written file is seen)."""

    def __init__(self, path: Path):
        self.path = path
        self.data = _Collect()

    def receive(self) -> defer.Deferred:
        return defer.succeed(self.data)

    def close(self) -> defer.Deferred:
        if self.data.size > scp.MAX_FILE_SIZE:
            return defer.fail(_TooLarge())
        save = asyncio.to_thread(scp.save, self.path, b"".join(self.data.chunks))
        return defer.Deferred.fromFuture(asyncio.ensure_future(save))


class _TooLarge(ftp.FTPCmdError):
    errorCode = ftp.EXCEEDED_STORAGE_ALLOC


@implementer(IConsumer)
class _Collect:
    def __init__(self):
        self.chunks: list[bytes] = []
        self.size = 0

    def registerProducer(self, producer: Any, streaming: bool) -> None:
        pass

    def unregisterProducer(self) -> None:
        pass

    def write(self, data: bytes) -> None:
        self.size += len(data)
        if self.size <= scp.MAX_FILE_SIZE:
            self.chunks.append(data)
