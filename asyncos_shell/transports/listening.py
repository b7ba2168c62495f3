"""The listening ports of one shell-side service (SSH, FTP) on every interface that enables it.

``interfaceconfig`` turns a service on or off per interface and moves its port; the service
follows each commit: ports start, stop and move, and connections already open on a port that
stops go on.  Which ports are wanted and what ``status`` lists is ``cluster.ports``; this is the
Twisted half that binds them.
"""
from __future__ import annotations

from typing import Any, Optional

from twisted.internet import defer
from twisted.internet.error import CannotListenError
from twisted.internet.protocol import Factory

from cluster import ports

from ..engine.context import Appliance


class InterfacePorts:
    """``service`` (``"ssh"``, ``"ftp"``: the key of ``Interface.services``) served by
    ``factory`` on the committed interfaces of ``appliance``."""

    def __init__(self, appliance: Appliance, service: str, factory: Factory, reactor: Any):
        self.appliance, self.service, self.factory, self.reactor = \
            appliance, service, factory, reactor
        self.label = service.upper()  # how status and the start-up lines name it
        self.ports: dict[ports.Key, Any] = {}

    def bind(self, strict: bool = False) -> list[str]:
        """Make the bound ports match the committed interfaces; returns a line per new port.  At
        start-up (``strict``) a port that cannot be bound stops the appliance; after a commit it
        is reported in the system log and the other ports go on."""
        interfaces = self.appliance.view().interfaces
        wanted = ports.interface_ports(interfaces.values(), (self.service,),
                                       self.appliance.port_offset)
        for key in list(self.ports):
            if key not in wanted:
                self.ports.pop(key).stopListening()   # open sessions on it go on
        lines = []
        for key, interface in wanted.items():
            if key in self.ports:
                continue
            _, address, number = key
            try:
                listening = self.reactor.listenTCP(number, self.factory, interface=address)
            except CannotListenError as error:
                if strict:
                    raise
                self.appliance.logs.write("system_logs", ports.bind_failure(
                    self.label, interface, address, number, error.socketError), "Warning")
                continue
            self.ports[key] = listening
            lines.append(f"{self.label} on {address} port {listening.getHost().port}")
        self._publish()
        return lines

    def close(self) -> list[defer.Deferred]:
        """Stop listening everywhere (open connections are the service's business)."""
        waits = [defer.maybeDeferred(listening.stopListening) for listening in self.ports.values()]
        self.ports.clear()
        self._publish()
        return waits

    def _publish(self) -> None:
        ports.publish(self.appliance.endpoints, (self.label,),
                      ((service, address, listening.getHost().port)
                       for (service, address, _), listening in self.ports.items()))


class FollowingService:
    """A shell-side service whose ports follow commits: subclasses name the ``service`` key and
    build their factory; ``close_sessions`` ends what is open when the service stops."""

    service = ""

    def __init__(self, appliance: Appliance, reactor: Any = None):
        if reactor is None:
            from twisted.internet import reactor
        self.appliance, self.reactor = appliance, reactor
        self.factory: Optional[Factory] = None
        self.ports: Optional[InterfacePorts] = None
        self.started = False

    def make_factory(self) -> Factory:
        raise NotImplementedError

    def close_sessions(self) -> list[defer.Deferred]:
        return []

    def start(self) -> list[str]:
        self.factory = self.make_factory()
        self.ports = InterfacePorts(self.appliance, self.service, self.factory, self.reactor)
        self.started = True
        self.appliance.subscribe(self._committed)
        return self.ports.bind(strict=True)

    def _committed(self, config: Any, record: Any) -> None:
        if self.started:
            self.ports.bind()

    def stop(self) -> Optional[defer.Deferred]:
        self.started = False
        if self.factory is None:
            return None
        return defer.DeferredList(self.ports.close() + self.close_sessions())
