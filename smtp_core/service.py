"""The mail service of one appliance, as the composition root runs it: binds one server per
committed listener, resumes delivery of the queue, and follows commits (listeners start, stop
and rebind; log subscriptions change) without cutting open sessions."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from twisted.internet import defer
from twisted.internet.interfaces import IListeningPort

from asyncos_net.following import FollowedPorts, Key
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
        # The shell writes its cli/system/authentication lines to ``core.writer`` and reaches
        # the queue through ``core``: the composition root hands both to the shell.
        self.core = MailCore(appliance, reactor, listeners_changed=self._bind)
        # Each port serves one listener (its name), built into its factory.
        self.ports: FollowedPorts[str] = FollowedPorts(
            self._listen, self.core.writer, appliance.endpoints, ("SMTP",),
            refusal=lambda key, name, reason:
                f"Listener {name} could not bind {key[1]} port {key[2]}: {reason}",
            line=lambda key, name, bound: f"SMTP on {key[1]} port {bound} (listener {name})",
            rebind_on_change=True)
        self.started = False
        self._clock: Optional[tuple[str, float]] = None   # (time zone, clock offset) in use

    def start(self) -> list[str]:
        self.started = True
        self._follow_clock()
        self.appliance.subscribe(self._committed)
        lines = self._bind(strict=True)
        self.core.deliver_recovered()
        return lines

    def _wanted(self) -> dict[Key, str]:
        view = self.core.view()
        wanted = {}
        for listener in view.listeners.listeners.values():
            iface = view.interfaces.get(listener.interface)
            if (iface is not None and listener.protocol == "SMTP"
                    and listener.name not in self.core.suspended_listeners):
                for address in ports.addresses(iface):
                    wanted[("SMTP", address, listener.port + self.appliance.port_offset)] = \
                        listener.name
        return wanted

    def _listen(self, key: Key, name: str) -> IListeningPort:
        _, address, number = key
        listener = self.core.view().listeners.listeners[name]
        return self.reactor.listenTCP(number, ListenerFactory(self.core, name),
                                      backlog=max(listener.tcp_queue, 50), interface=address)

    def _bind(self, strict: bool = False) -> list[str]:
        return self.ports.follow(self._wanted(), strict)

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
        waits = self.ports.close()
        self.core.writer.flush()
        return defer.DeferredList(waits)
