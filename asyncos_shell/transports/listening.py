"""Shell-side services (SSH, FTP) listening on every interface that enables them.

``interfaceconfig`` turns a service on or off per interface and moves its port; the service
follows each commit (``asyncos_net.following``): ports start, stop and move, and connections
already open on a port that stops go on.
"""
from __future__ import annotations

from typing import Optional

from twisted.internet import defer
from twisted.internet.interfaces import IListeningPort, IReactorTCP
from twisted.internet.protocol import Factory

from asyncos_net.following import FollowedPorts, Key
from cluster import ports
from cluster.backend import CommitRecord
from cluster.levels import ClusterConfig

from ..engine.context import Appliance


class FollowingService:
    """A shell-side service whose ports follow commits: subclasses name the ``service`` key
    (``"ssh"``, ``"ftp"``: the key of ``Interface.services``) and build their factory;
    ``close_sessions`` ends what is open when the service stops."""

    service = ""

    def __init__(self, appliance: Appliance, reactor: Optional[IReactorTCP] = None):
        if reactor is None:
            from twisted.internet import reactor
        self.appliance, self.reactor = appliance, reactor
        self.factory: Optional[Factory] = None
        self.ports: FollowedPorts[str] = FollowedPorts(
            self._listen, appliance.logs, appliance.endpoints, (self.service.upper(),))
        self.started = False

    def make_factory(self) -> Factory:
        raise NotImplementedError

    def close_sessions(self) -> list[defer.Deferred]:
        return []

    def start(self) -> list[str]:
        self.factory = self.make_factory()
        self.started = True
        self.appliance.subscribe(self._committed)
        return self.ports.follow(self._wanted(), strict=True)

    def _wanted(self) -> dict[Key, str]:
        return ports.interface_ports(self.appliance.view().interfaces.values(), (self.service,),
                                     self.appliance.port_offset)

    def _listen(self, key: Key, interface: str) -> IListeningPort:
        _, address, number = key
        return self.reactor.listenTCP(number, self.factory, interface=address)

    def _committed(self, config: ClusterConfig, record: CommitRecord) -> None:
        if self.started:
            self.ports.follow(self._wanted())

    def stop(self) -> Optional[defer.Deferred]:
        self.started = False
        if self.factory is None:
            return None
        return defer.DeferredList(self.ports.close() + self.close_sessions())
