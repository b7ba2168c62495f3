"""The inbound ESMTP listener: for each connection (ICID) the protocol machine
(``serverprotocol.ServerProtocol``) with the listener's policy (``policy.ListenerPolicy``) and
sink (``inbound.ListenerSink``)."""
from __future__ import annotations

from twisted.internet import protocol

from .host import MailHost
from .inbound import ListenerSink
from .policy import HatCache, ListenerPolicy
from .serverprotocol import ServerProtocol, Watchdog


class ListenerFactory(protocol.ServerFactory):
    def __init__(self, core: MailHost, listener: str):
        self.core, self.listener = core, listener
        self.cache = HatCache()
        self.watchdog = Watchdog(core.reactor)

    def buildProtocol(self, addr) -> ServerProtocol:
        policy = ListenerPolicy(self.core, self.listener, self.cache)
        session = ServerProtocol(policy, ListenerSink(self.core, policy), self.core.reactor,
                                 self.watchdog)
        policy.machine = session
        session.factory = self
        return session
