"""Following a service's listening ports on commit.

A commit may start, stop or move the ports a service listens on (``interfaceconfig`` for SSH, FTP,
HTTP and HTTPS; ``listenerconfig`` for SMTP).  Each service says which ports the committed
configuration wants; ``FollowedPorts`` binds the new ones, stops those no longer wanted (the
connections open on them go on) and keeps ``status``'s list of bound endpoints current.  Which
ports an interface wants and how ``status`` lists them is ``cluster.ports``.
"""
from __future__ import annotations

from typing import Callable, Collection, Generic, Iterator, Mapping, Optional, Protocol, TypeVar

from twisted.internet import defer
from twisted.internet.error import CannotListenError
from twisted.internet.interfaces import IListeningPort

from cluster import ports

Key = ports.Key
# What a port serves, as its service names it (an interface name, a listener name).
T = TypeVar("T")


class LogSink(Protocol):
    def write(self, log: str, message: str, level: str = "Info") -> None: ...


def startup_line(key: Key, serves: object, bound: int) -> str:
    """``SSH on 127.0.0.1 port 10022``: the start-up line of a new port."""
    return f"{key[0]} on {key[1]} port {bound}"


def interface_refusal(key: Key, interface: str, reason: object) -> str:
    """The ``system_logs`` Warning for an interface's port that could not be bound."""
    return ports.bind_failure(key[0], interface, key[1], key[2], reason)


class FollowedPorts(Generic[T]):
    """The listening ports of one service.

    ``listen(key, serves)`` opens the port of ``key`` (its ``service``, ``address`` and number);
    ``endpoints`` is the appliance's list of bound endpoints, whose entries of ``services`` this
    keeps current; ``logs`` gets a ``system_logs`` Warning (worded by ``refusal``) for a port that
    a commit asked for and that could not be bound; ``line`` words a new port's start-up line.
    When what a port serves is built into it (``rebind_on_change``: the SMTP listener's name in
    its factory), a change rebinds it; otherwise the port stays and only the name changes.
    """

    def __init__(self, listen: Callable[[Key, T], IListeningPort], logs: LogSink,
                 endpoints: list[tuple[str, str, int]], services: Collection[str],
                 refusal: Callable[[Key, T, object], str] = interface_refusal,
                 line: Callable[[Key, T, int], str] = startup_line,
                 rebind_on_change: bool = False):
        self.listen, self.logs, self.endpoints, self.services = listen, logs, endpoints, services
        self.refusal, self.line, self.rebind_on_change = refusal, line, rebind_on_change
        self.bound: dict[Key, tuple[IListeningPort, T]] = {}

    def follow(self, wanted: Mapping[Key, T], strict: bool = False) -> list[str]:
        """Make the bound ports match ``wanted``; returns a start-up line per new port.  At
        start-up (``strict``) a port that cannot be bound stops the appliance; after a commit it
        is reported in the system log and the other ports go on."""
        for key, (port, serves) in list(self.bound.items()):
            if key not in wanted or (self.rebind_on_change and wanted[key] != serves):
                del self.bound[key]
                port.stopListening()   # connections open on it go on
        lines = []
        for key, serves in wanted.items():
            if key in self.bound:
                self.bound[key] = (self.bound[key][0], serves)
                continue
            try:
                port = self.listen(key, serves)
            except CannotListenError as error:
                if strict:
                    raise
                self.logs.write("system_logs", self.refusal(key, serves, error.socketError),
                                "Warning")
                continue
            self.bound[key] = (port, serves)
            lines.append(self.line(key, serves, port.getHost().port))
        self._publish()
        return lines

    def serving(self, key: Key) -> Optional[T]:
        """What the bound port of ``key`` serves; None when it is not bound."""
        return self.bound[key][1] if key in self.bound else None

    def __iter__(self) -> Iterator[Key]:
        return iter(self.bound)

    def close(self) -> list[defer.Deferred]:
        """Stop listening everywhere (open connections are the service's business)."""
        waits = [defer.maybeDeferred(port.stopListening) for port, _ in self.bound.values()]
        self.bound.clear()
        self._publish()
        return waits

    def _publish(self) -> None:
        ports.publish(self.endpoints, self.services,
                      [(service, address, port.getHost().port)
                       for (service, address, _), (port, _) in self.bound.items()])
