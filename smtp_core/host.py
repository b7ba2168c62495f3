"""What the SMTP core's parts (server sessions, delivery, the resolver, ``tlsverify``, the queue
operations) need from the core that holds them together (``core.MailCore``).

They type against this protocol instead of importing ``core``, which imports them: no import
circle, and a test may hand any of them a smaller stand-in.
"""
from __future__ import annotations

import asyncio
from typing import Any, Callable, Optional, Protocol

from twisted.internet.base import DelayedCall
from twisted.internet.ssl import CertificateOptions

from cluster import model
from cluster.levels import ApplianceView

from . import notices, routing, tls
from .appliance import ServedAppliance
from .bodies import ReceivedBody
from .counters import Stats
from .deliverywork import DomainQueue, Retry
from .maillog import MailLog
from .queue import IdCounters, QueuedMessage, Spool


class Session(Protocol):
    """An inbound connection as the core's slot registry sees it (``policy.ListenerPolicy``).
    ``opened`` and ``progress`` are reactor seconds."""
    listener_name: str
    peer: str
    admitted: bool
    on_probation: bool
    closing: bool
    opened: float
    progress: float
    tls_active: bool
    tls_pending: bool

    def give_way(self) -> None: ...
    def reclaim(self) -> None: ...


class Reactor(Protocol):
    """The reactor calls the core's parts make themselves (tests hand them ``task.Clock``); the
    same object goes on to Twisted's endpoints and name client, which use its TCP and UDP."""
    def seconds(self) -> float: ...
    def callLater(self, delay: float, callable: Callable[..., object], *args: object,
                  **kw: object) -> DelayedCall: ...


class DeliveryControl(Protocol):
    """What the core and the queue operations ask of delivery (``delivery.Delivery``)."""
    domains: dict[str, DomainQueue]
    retrying: dict[int, list[Retry]]      # mid -> its pending retries
    connections: int
    suspended: bool
    suspended_domains: set[str]
    suspension_logged: set[str]

    def enqueue(self, message: QueuedMessage) -> None: ...
    def kick(self, queue: DomainQueue) -> None: ...
    def domain_suspended(self, domain: str) -> bool: ...
    def forget(self, message: QueuedMessage) -> None: ...
    def forget_retry(self, entry: Retry) -> None: ...
    def stop(self) -> None: ...


class NameResolver(Protocol):
    """The appliance's DNS as delivery, the listeners and the troubleshooting commands use it
    (``resolver.Resolver``)."""
    async def mx(self, domain: str, port: int = 25) -> list[routing.Hop]: ...
    async def addresses(self, host: str, port: int) -> list[str]: ...
    def cached_reverse(self, address: str) -> Optional[tuple[str, bool]]: ...
    async def reverse(self, address: str) -> tuple[str, bool]: ...
    async def lookup(self, name: str, rtype: str,
                     server: Optional[str] = None) -> Optional[dict]: ...
    def flush(self) -> None: ...


class MailHost(Protocol):
    appliance: ServedAppliance
    reactor: Reactor
    log: MailLog
    spool: Spool
    ids: IdCounters
    stats: Stats
    delivery: DeliveryControl
    resolver: NameResolver
    sessions: dict[str, set[Session]]
    suspended_listeners: set[str]
    work_queue: list[QueuedMessage]
    work_queue_paused: bool
    listeners_changed: Callable[[], object]   # the mail service binds or closes listener ports

    # -- configuration as this machine sees it --
    def view(self) -> ApplianceView: ...
    def hostname(self) -> str: ...
    def helo_name(self) -> str: ...
    def smtp_port(self, address: str, port: int) -> int: ...

    # -- TLS --
    def server_tls(self, listener: str) -> Optional[CertificateOptions]: ...
    def client_tls(self) -> CertificateOptions: ...
    def verify_peer(self, connection: Any, names: list[str]) -> tls.Verification: ...
    def tls_sessions(self) -> int: ...
    def tls_required_failed(self, domain: str) -> None: ...

    # -- inbound sessions --
    async def reverse_dns(self, address: str) -> tuple[str, bool]: ...
    def cached_reverse_dns(self, address: str) -> Optional[tuple[str, bool]]: ...
    def reputation(self, address: str) -> tuple[Optional[float], str]: ...
    def connection_opened(self, session: Session) -> None: ...
    def connection_closed(self, session: Session) -> None: ...
    def admit(self, session: Session, listener: model.Listener,
              params: model.PolicyParams) -> Optional[bool]: ...
    def promote(self, session: Session) -> bool: ...

    # -- messages --
    async def accept(self, message: QueuedMessage, body: ReceivedBody) -> None: ...
    async def release(self, message: QueuedMessage) -> None: ...
    async def send_dsn(self, message: QueuedMessage, failures: list[notices.Failure]) -> None: ...

    # -- errors of background work --
    def report_error(self, error: BaseException) -> None: ...
    def check_task(self, task: asyncio.Task) -> None: ...
