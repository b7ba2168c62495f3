"""The listening ports of one shell-side service (SSH, FTP) on every interface that enables it.

``interfaceconfig`` turns a service on or off per interface and moves its port; the service
follows each commit: ports start, stop and move, and connections already open on a port that
stops go on.  Which ports are wanted and what ``status`` lists is ``cluster.ports``; this is the
Twisted half that binds them.
"""
from __future__ import annotations

from typing import Any

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
        interfaces = self.appliance.store.committed.appliance(self.appliance.machine).interfaces
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
