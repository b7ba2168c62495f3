"""``clusterconfig`` join over SSH: connect to the member, learn its host key, log in as its
administrator.  A real SSH client (Twisted Conch), so a member in another process or on another
host is reached exactly as one in this process."""
from __future__ import annotations

import asyncio
from typing import Optional

from twisted.conch.ssh import connection, keys, transport, userauth
from twisted.internet import defer, protocol

from ..engine.context import PeerCheck

# A member that does not answer within this time is unreachable.
CONNECT_TIMEOUT_SECONDS = 10.0


class SshPeers:
    """The appliance's ``ClusterPeers``: real SSH connections."""

    async def check(self, address: str, port: int, user: str, passphrase: str) -> PeerCheck:
        from twisted.internet import reactor
        done: defer.Deferred = defer.Deferred()
        factory = protocol.ClientFactory.forProtocol(lambda: _Probe(user, passphrase, done))
        factory.clientConnectionFailed = lambda _connector, _reason: (
            done.called or done.callback(PeerCheck(None, False)))
        connector = reactor.connectTCP(address, port, factory, timeout=CONNECT_TIMEOUT_SECONDS)
        try:
            return await asyncio.wait_for(done.asFuture(asyncio.get_running_loop()),
                                          CONNECT_TIMEOUT_SECONDS * 2)
        except asyncio.TimeoutError:
            return PeerCheck(None, False)
        finally:
            connector.disconnect()


class _Probe(transport.SSHClientTransport):
    # The key the member's fingerprint is checked against (``ssh-keygen -l`` of its ed25519 key).
    supportedPublicKeys = [b"ssh-ed25519"]

    def __init__(self, user: str, passphrase: str, done: defer.Deferred):
        self.user, self.passphrase, self.done = user, passphrase, done
        self.fingerprint: Optional[str] = None

    def verifyHostKey(self, host_key: bytes, fingerprint: bytes) -> defer.Deferred:
        digest = keys.Key.fromString(host_key).fingerprint(keys.FingerprintFormats.SHA256_BASE64)
        self.fingerprint = "SHA256:" + digest.rstrip("=")
        return defer.succeed(True)

    def connectionSecure(self) -> None:
        self.requestService(_Login(self.user.encode(), self.passphrase, _Connected(self)))

    def finish(self, authenticated: bool) -> None:
        if not self.done.called:
            self.done.callback(PeerCheck(self.fingerprint, authenticated))
        self.transport.loseConnection()

    def connectionLost(self, reason) -> None:
        super().connectionLost(reason)
        if not self.done.called:
            self.done.callback(PeerCheck(self.fingerprint, False))


class _Login(userauth.SSHUserAuthClient):
    """Password authentication, offered once: a refusal is an authentication failure."""

    def __init__(self, user: bytes, passphrase: str, instance: connection.SSHConnection):
        super().__init__(user, instance)
        self._passphrase: Optional[str] = passphrase
        self.preferredOrder = [b"password"]

    def getPassword(self, prompt: Optional[bytes] = None) -> Optional[defer.Deferred]:
        passphrase, self._passphrase = self._passphrase, None
        return None if passphrase is None else defer.succeed(passphrase.encode())

    def getPublicKey(self) -> None:
        return None

    def ssh_USERAUTH_FAILURE(self, packet: bytes) -> Optional[defer.Deferred]:
        if self._passphrase is None:
            self.transport.finish(False)
            return None
        return super().ssh_USERAUTH_FAILURE(packet)


class _Connected(connection.SSHConnection):
    def __init__(self, probe: _Probe):
        super().__init__()
        self.probe = probe

    def serviceStarted(self) -> None:
        self.probe.finish(True)
