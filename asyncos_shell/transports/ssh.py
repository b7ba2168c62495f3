"""The appliance's SSH service (Twisted Conch on the shared asyncio loop).

One session channel per shell or exec request (clients.md §3.1, §4):

* shell with a pty: the plain terminal (or the rich one for users who asked for it), banner,
  prompt loop, pager;
* shell without a pty (``ssh -T host < script``): lines read one by one, prompts printed,
  nothing echoed, ends at end of input;
* exec (``ssh host 'saveconfig y 1; version'``): batch mode, no prompt, no pager, the exit
  status of the command line;
* exec ``scp -t``/``scp -f``: the legacy SCP protocol on ``/configuration``.

Every session ends with ``exit-status``, EOF and close, so pexpect sees a clean EOF.
"""
from __future__ import annotations

import asyncio
import logging
import socket
import struct
from typing import Any, Awaitable, Callable, Optional

from twisted.conch.avatar import ConchUser
from twisted.conch.interfaces import IConchUser
from twisted.conch.ssh import channel, factory, session, transport
from twisted.conch.ssh.common import getNS
from twisted.cred.portal import IRealm, Portal
from twisted.internet import defer
from zope.interface import implementer

from cluster import model

from ..engine.cli import CliSession
from ..engine.context import Appliance
from ..terminal.line import LineTerminal
from ..terminal.plain import PlainTerminal
from . import auth, hostkeys, scp
from .listening import FollowingService
from .ssh_flow import WINDOW, BoundedConnection, Inbox

log = logging.getLogger(__name__)

# Finishing sessions when the service stops may take this long before connections are cut.
STOP_GRACE_SECONDS = 2.0
MAX_ENV = 32  # environment variables one channel may set


class SSHService(FollowingService):
    """The ``ssh`` service of every interface that has one (``interfaceconfig``).  Commits are
    followed live, like the listeners and HTTPS: ports start, stop and move, and the sessions
    already open on a port that stops go on."""

    service = "ssh"

    def make_factory(self) -> "ApplianceSSHFactory":
        host_keys = hostkeys.load_or_create(self.appliance.state_dir)
        return ApplianceSSHFactory(self.appliance, host_keys)

    def close_sessions(self) -> list[defer.Deferred]:
        return [defer.Deferred.fromFuture(asyncio.ensure_future(self.factory.close_all()))]


class _ServerTransport(transport.SSHServerTransport):
    """Sets TCP_QUICKACK until the session starts (ssh.md fact 1: the client's delayed ACK
    otherwise costs ~40 ms per connection) and TCP_NODELAY for the session."""

    quick_ack = True

    def connectionMade(self) -> None:
        self.factory.connections.add(self)
        _set_socket_option(self.transport, socket.TCP_NODELAY)
        self._login_deadline = asyncio.get_event_loop().call_later(
            auth.LOGIN_GRACE_SECONDS, self._login_expired)
        super().connectionMade()

    def setService(self, service) -> None:
        if service.name == b"ssh-connection":  # authenticated
            self._cancel_login_deadline()
        super().setService(service)

    def _login_expired(self) -> None:
        self._login_deadline = None
        self.sendDisconnect(transport.DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE,
                            b"authentication timeout")

    def _cancel_login_deadline(self) -> None:
        deadline, self._login_deadline = getattr(self, "_login_deadline", None), None
        if deadline is not None:
            deadline.cancel()

    def dataReceived(self, data: bytes) -> None:
        if self.quick_ack:
            # Linux clears the flag after it is used, so set it again before every read.
            _set_socket_option(self.transport, getattr(socket, "TCP_QUICKACK", None))
        super().dataReceived(data)

    def connectionLost(self, reason=None) -> None:
        self.factory.connections.discard(self)
        self._cancel_login_deadline()
        super().connectionLost(reason)


class ApplianceSSHFactory(factory.SSHFactory):
    protocol = _ServerTransport

    def __init__(self, appliance: Appliance, host_keys: dict):
        self.appliance = appliance
        self.privateKeys = host_keys
        self.publicKeys = {kind: key.public() for kind, key in host_keys.items()}
        self.primes = None  # fixed groups and curve25519 only
        self.services = {b"ssh-userauth": auth.UserAuthServer,
                         b"ssh-connection": BoundedConnection}
        self.portal = Portal(_Realm(appliance), [auth.PasswordChecker(appliance.accounts),
                                                 auth.PublicKeyChecker(self.user)])
        self.connections: set[_ServerTransport] = set()
        self.channels: set[SessionChannel] = set()

    def user(self, name: str) -> Optional[model.User]:
        users = self.appliance.view().users.users
        return users.get(name)

    def login_failed(self, user: str, address: str) -> float:
        """Returns the delay before the client is told."""
        return self.appliance.accounts.failed(user, address, "an SSH connection")

    def login_succeeded(self, user: str, address: str) -> None:
        self.appliance.accounts.succeeded(user, address)

    async def close_all(self) -> None:
        """Stop: end every session's input, give them a moment to finish, then disconnect."""
        tasks = [c.task for c in self.channels if c.task is not None and not c.task.done()]
        for chan in list(self.channels):
            chan.end_input()
        if tasks:
            await asyncio.wait(tasks, timeout=STOP_GRACE_SECONDS)
        for conn in list(self.connections):
            conn.loseConnection()


def _set_socket_option(tcp: Any, option: Optional[int]) -> None:
    if option is None:
        return
    try:
        tcp.getHandle().setsockopt(socket.IPPROTO_TCP, option, 1)
    except (OSError, AttributeError):
        pass  # not Linux, or not a real socket (tests)


@implementer(IRealm)
class _Realm:
    def __init__(self, appliance: Appliance):
        self.appliance = appliance

    def requestAvatar(self, avatar_id: str, mind: Any, *interfaces: Any):
        if IConchUser not in interfaces:
            raise NotImplementedError("only SSH logins")
        user = ConchUser()
        user.username = avatar_id
        user.channelLookup[b"session"] = SessionChannel
        return IConchUser, user, lambda: None


class SessionChannel(channel.SSHChannel):
    """One ``session`` channel: a pty request, then a shell or one exec command."""

    name = b"session"

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("localWindow", WINDOW)
        super().__init__(*args, **kwargs)
        self.pty: Optional[tuple[str, int, int]] = None  # (TERM, rows, cols)
        self.env: dict[str, str] = {}
        self.terminal: Any = None
        self.cli: Optional[CliSession] = None
        self.task: Optional[asyncio.Task] = None
        self.inbox = Inbox(self)  # input, also what came before the shell or exec request
        self._finishing: Optional[int] = None

    # -- helpers -------------------------------------------------------------------------------
    @property
    def factory(self) -> ApplianceSSHFactory:
        return self.conn.transport.factory

    @property
    def appliance(self) -> Appliance:
        return self.factory.appliance

    @property
    def peer(self) -> str:
        return self.conn.transport.transport.getPeer().host

    def send(self, data: bytes) -> None:
        if data and not self.closing and not self.localClosed:
            self.write(data)

    def channelOpen(self, specificData: bytes) -> None:
        self.factory.channels.add(self)

    # -- requests ------------------------------------------------------------------------------
    def request_pty_req(self, data: bytes) -> bool:
        term, (rows, cols, _, _), _modes = session.parseRequest_pty_req(data)
        self.pty = (term.decode("ascii", "replace") or "vt100", rows, cols)
        return True

    def request_window_change(self, data: bytes) -> bool:
        rows, cols, _, _ = session.parseRequest_window_change(data)
        if self.pty is not None:
            self.pty = (self.pty[0], rows, cols)
        if self.terminal is not None and hasattr(self.terminal, "resize"):
            self.terminal.resize(rows, cols)
        return True

    def request_env(self, data: bytes) -> bool:
        name, rest = getNS(data)
        value, _ = getNS(rest)
        if len(self.env) >= MAX_ENV and name.decode("utf-8", "replace") not in self.env:
            return False  # nothing here reads more than a few (LANG, TERM...)
        self.env[name.decode("utf-8", "replace")] = value.decode("utf-8", "replace")
        return True

    def request_shell(self, data: bytes) -> bool:
        user = self._user()
        if self.task is not None or user is None:
            return False
        self.conn.transport.quick_ack = False
        if self.pty is not None:
            term, rows, cols = self.pty
            terminal = _pty_terminal(self, user, term, rows, cols)
            cli = self._session(user, terminal)
            terminal.session = cli
            self._start(self._interactive(cli), terminal.feed, terminal.end_input,
                        terminal.backlog)
        else:
            terminal = LineTerminal(self.send)
            cli = self._session(user, terminal)
            self._start(self._shell(cli), lambda data: (cli.touch(), terminal.feed(data)),
                        terminal.end_input, terminal.backlog)
        return True

    def request_exec(self, data: bytes) -> bool:
        command = getNS(data)[0].decode("utf-8", "replace")
        user = self._user()
        if self.task is not None or user is None:
            return False
        if scp.is_scp(command):
            transfer = scp.ScpSession(command, self.appliance.config_dir, user.role, self.send)
            self._start(transfer.run(), transfer.input.feed_data, transfer.input.feed_eof,
                        transfer.backlog)
        else:
            terminal = LineTerminal(self.send)
            cli = self._session(user, terminal)
            self._start(cli.run_exec(command), terminal.feed, terminal.end_input,
                        terminal.backlog)
        return True

    # -- data ---------------------------------------------------------------------------------
    def dataReceived(self, data: bytes) -> None:
        self.inbox.add(data)

    def eofReceived(self) -> None:
        self.inbox.end()

    def end_input(self) -> None:
        """The service stops or the channel closed: input ends now."""
        self.inbox.close()

    def closed(self) -> None:
        self.factory.channels.discard(self)
        self.end_input()
        if self.cli is not None:
            self.cli.close()

    def addWindowBytes(self, data: int) -> None:
        super().addWindowBytes(data)
        if self._finishing is not None and not self.buf:
            self._finish(self._finishing)

    # -- the sessions --------------------------------------------------------------------------
    def _user(self) -> Optional[model.User]:
        return self.factory.user(self.avatar.username)

    def _session(self, user: model.User, terminal: Any) -> CliSession:
        self.terminal = terminal
        self.cli = CliSession(self.appliance, user, terminal, remote=self.peer, transport="ssh",
                              local=self.conn.transport.transport.getHost().host)
        return self.cli

    def _start(self, work: Awaitable[int], receive: Callable[[bytes], None],
               end_input: Callable[[], None], backlog: Callable[[], int]) -> None:
        """Connect the input (before returning from the request: data may follow at once)."""
        self.inbox.connect(receive, end_input, backlog)
        self.task = asyncio.ensure_future(self._run(work))

    async def _run(self, work: Awaitable[int]) -> None:
        try:
            status = await work
        except Exception:  # a bug must end this session cleanly, not the service
            log.exception("SSH session failed")
            status = 1
        self._finish(status)

    def _finish(self, status: int) -> None:
        """exit-status, EOF, close -- once everything written has left."""
        if self.localClosed:
            return
        if self.buf:
            self._finishing = status  # flow control: wait for the client's window
            return
        self._finishing = None
        self.conn.sendRequest(self, b"exit-status", struct.pack(">L", status))
        self.conn.sendEOF(self)
        self.loseConnection()

    @staticmethod
    async def _interactive(cli: CliSession) -> int:
        try:
            await cli.run_shell()
        finally:
            closing = getattr(cli.terminal, "close", None)
            if closing is not None:
                closing()
        return 0

    @staticmethod
    async def _shell(cli: CliSession) -> int:
        await cli.run_shell()
        return 0


def _pty_terminal(chan: SessionChannel, user: model.User, term: str, rows: int, cols: int):
    """The rich renderer for people who asked for it (and can show it), else the plain one."""
    wants_rich = user.rich_ui or chan.appliance.profile.rich_ui
    if wants_rich and term.lower() not in ("dumb", ""):
        from ..terminal.rich import RichTerminal
        return RichTerminal(chan.send, rows=rows, cols=cols, term=term)
    return PlainTerminal(chan.send, rows=rows, cols=cols, term=term)
