"""The mail service of one appliance, as the composition root runs it: binds one server per
committed listener, resumes delivery of the queue, and follows commits (listeners start, stop
and rebind; log subscriptions change) without cutting open sessions."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from twisted.internet import defer
from twisted.internet.error import CannotListenError

from cluster import ports

from .core import MailCore, subscriptions
from .server import ListenerFactory

if TYPE_CHECKING:
    from .appliance import ServedAppliance


class MailService:
    def __init__(self, appliance: "ServedAppliance", reactor=None):
        if reactor is None:
            from twisted.internet import reactor
        self.appliance, self.reactor = appliance, reactor
        self.core = MailCore(appliance, reactor)
        # The shell writes its cli/system/authentication lines and reaches the queue through us.
        appliance.logs = self.core.writer
        appliance.mail = self.core
        self.ports: dict[str, tuple[tuple[str, int], object]] = {}
        self.started = False
        self.core.listeners_changed = self._bind
        self._clock: Optional[tuple[str, float]] = None   # (time zone, clock offset) in use

    def start(self) -> list[str]:
        self.started = True
        self._follow_clock()
        self.appliance.subscribe(self._committed)
        lines = self._bind(strict=True)
        for message in self.core.recovered:
            self.core.delivery.enqueue(message)
        self.core.recovered = []
        return lines

    def _wanted(self) -> dict[str, tuple[str, int]]:
        view = self.core.view()
        wanted = {}
        for listener in view.listeners.listeners.values():
            iface = view.interfaces.get(listener.interface)
            if (iface is not None and listener.protocol == "SMTP"
                    and listener.name not in self.core.suspended_listeners):
                wanted[listener.name] = (iface.ipv4, listener.port + self.appliance.port_offset)
        return wanted

    def _bind(self, strict: bool = False) -> list[str]:
        """Make the bound ports match the committed listeners; returns a line per new port.
        At start-up (``strict``) a port that cannot be bound stops the appliance; after a commit
        it is reported in the system log and the other listeners go on."""
        wanted = self._wanted()
        for name in list(self.ports):
            address, port = self.ports[name]
            if wanted.get(name) != address:
                del self.ports[name]
                port.stopListening()   # open sessions on it go on
        lines = []
        for name, address in wanted.items():
            if name in self.ports:
                continue
            listener = self.core.view().listeners.listeners[name]
            try:
                port = self.reactor.listenTCP(address[1], ListenerFactory(self.core, name),
                                              backlog=max(listener.tcp_queue, 50),
                                              interface=address[0])
            except CannotListenError as error:
                if strict:
                    raise
                self.core.writer.write("system_logs", f"Listener {name} could not bind "
                                       f"{address[0]} port {address[1]}: {error.socketError}",
                                       "Warning")
                continue
            bound = port.getHost().port
            self.ports[name] = ((address[0], address[1]), port)
            lines.append(f"SMTP on {address[0]} port {bound} (listener {name})")
        self._publish()
        return lines

    def _publish(self) -> None:
        ports.publish(self.appliance.endpoints, ("SMTP",),
                      [("SMTP", address, port.getHost().port)
                       for (address, _), port in self.ports.values()])

    def _committed(self, config, record) -> None:
        if not self.started:
            return
        self.core.writer.configure(subscriptions(self.core.view().logs))
        self._bind()
        self._follow_clock()

    def _follow_clock(self) -> None:
        """A new time zone or clock (``settz``, ``settime``) starts new log files, whose
        ``Time offset from UTC`` header line tells the new offset."""
        system = self.core.view().system
        setting = (system.timezone, system.clock_offset_seconds)
        if self._clock is not None and setting != self._clock:
            for sub in subscriptions(self.core.view().logs):
                self.core.writer.rollover(sub.name)
        self._clock = setting

    def stop(self) -> Optional[defer.Deferred]:
        self.started = False
        self.core.delivery.stop()
        waits = [defer.maybeDeferred(port.stopListening) for _, port in self.ports.values()]
        self.ports.clear()
        self._publish()
        self.core.writer.flush()
        return defer.DeferredList(waits)
