"""What the SMTP core's parts (server sessions, delivery, the resolver, ``tlsverify``, the queue
operations) need from the core that holds them together (``core.MailCore``).

They type against this protocol instead of importing ``core``, which imports them: no import
circle, and a test may hand any of them a smaller stand-in.
"""
from __future__ import annotations

import asyncio
from typing import Any, Callable, Optional, Protocol

from twisted.internet.ssl import CertificateOptions

from cluster import model
from cluster.levels import ApplianceView

from . import notices, tls
from .appliance import ServedAppliance
from .bodies import ReceivedBody
from .counters import Stats
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


class MailHost(Protocol):
    appliance: ServedAppliance
    reactor: Any
    log: MailLog
    spool: Spool
    ids: IdCounters
    stats: Stats
    delivery: Any                 # delivery.Delivery
    resolver: Any                 # resolver.Resolver
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
