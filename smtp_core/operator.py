"""The ``MailFacade`` methods of the operator's queue and tracking commands, mixed into
``MailCore`` (``tophosts``, ``hoststatus``, ``showrecipients``, ``deleterecipients``,
``delivernow``, ``redirectrecipients``, ``workqueue``, ``resetcounters``, ``suspend*``,
``resume*``, ``showmessage``).  Answers are plain dicts, documented on the protocol in
``asyncos_shell.engine.context``."""
from __future__ import annotations

import time
from typing import Optional

from . import queueops, routing
from .counters import HARD_BOUNCE_REASONS, printable
from .queue import QueuedMessage, Recipient
from .host import MailHost

# ``showmessage`` shows at most this much of a body (a body may be 100 MB).
SHOW_BYTES = 1024 * 1024
# Per-host counters of ``tophosts`` and ``hoststatus``.
HOST_COUNTERS = ("delivered_recipients", "soft_bounced_events", "hard_bounced_recipients",
                 "completed_recipients", "deleted_recipients", *HARD_BOUNCE_REASONS)


class OperatorFacade:
    """Mixed into ``MailCore``: needs its ``spool``, ``delivery``, ``stats`` and ``log``."""

    # -- counters ------------------------------------------------------------------------------
    def reset_counters(self: MailHost) -> float:
        return self.stats.reset()

    def counters_since_reset(self: MailHost) -> tuple[Optional[float], dict[str, int]]:
        return self.stats.reset_at, {name: self.stats.since_reset(name)
                                     for name in self.stats.values}

    def rates(self: MailHost) -> dict[str, tuple[int, ...]]:
        return self.stats.rates.per_hour()

    def hosts(self: MailHost) -> list[dict]:
        waiting = _pending_by_domain(self)   # one pass over the queue for every host
        domains = set(self.stats.hosts) | set(waiting)
        return [_host_status(self, domain, waiting.get(domain, [])) for domain in sorted(domains)]

    def host_status(self: MailHost, domain: str) -> dict:
        domain = domain.lower()
        return _host_status(self, domain, _pending_by_domain(self).get(domain, []))

    async def host_routing(self: MailHost, domain: str) -> dict:
        return await _host_routing(self, domain.lower())

    # -- the queue -------------------------------------------------------------------------------
    def queued_recipients(self: MailHost, by: str, value: str) -> list[dict]:
        return queueops.listing(self, by, value)

    def delete_recipients(self: MailHost, by: str, value: str) -> int:
        return queueops.delete(self, by, value)

    def deliver_now(self: MailHost, domain: Optional[str]) -> int:
        return queueops.deliver_now(self, domain)

    def redirect_recipients(self: MailHost, host: str) -> int:
        return queueops.redirect(self, host)

    async def message(self: MailHost, mid: int) -> Optional[dict]:
        queued = self.spool.messages.get(mid)
        if queued is None:
            return None
        body = (await self.spool.head(queued, SHOW_BYTES)).decode("utf-8", "replace")
        return {"mid": mid, "sender": printable(queued.sender), "size": queued.size,
                "recipients": [printable(r.address) for r in queued.pending()],
                "lines": [printable(line.replace("\t", "    "))
                          for line in body.replace("\r\n", "\n").split("\n")],
                "omitted": max(0, queued.length - SHOW_BYTES)}

    # -- suspending ---------------------------------------------------------------------------------
    def suspended(self: MailHost) -> dict:
        return {"delivery": self.delivery.suspended,
                "delivery_domains": sorted(self.delivery.suspended_domains),
                "listeners": sorted(self.suspended_listeners),
                "work_queue": self.work_queue_paused}

    async def suspend_delivery(self: MailHost, seconds: int,
                               domains: Optional[list[str]] = None) -> None:
        await queueops.suspend_delivery(self, seconds, domains)

    def resume_delivery(self: MailHost, domains: Optional[list[str]] = None) -> bool:
        return queueops.resume_delivery(self, domains)

    async def suspend_listeners(self: MailHost, names: list[str], seconds: int) -> None:
        await queueops.suspend_listeners(self, names, seconds)

    def resume_listeners(self: MailHost, names: list[str]) -> list[str]:
        return queueops.resume_listeners(self, names)

    def pause_work_queue(self: MailHost, reason: str = "") -> bool:
        if self.work_queue_paused:
            return False
        self.work_queue_paused = True
        self.log.work_queue_paused(len(self.work_queue), reason)
        return True

    def resume_work_queue(self: MailHost) -> bool:
        return queueops.resume_work_queue(self)


def _pending_by_domain(core: MailHost) -> dict[str, list[tuple[QueuedMessage, Recipient]]]:
    waiting: dict[str, list[tuple[QueuedMessage, Recipient]]] = {}
    for message in core.spool.messages.values():
        for recipient in message.pending():
            waiting.setdefault(recipient.domain, []).append((message, recipient))
    return waiting


def _host_status(core: MailHost, domain: str,
                 pending: list[tuple[QueuedMessage, Recipient]]) -> dict:
    record = core.stats.hosts.get(domain)
    gauges = record.values if record else {}
    oldest = min((m.received for m, _ in pending), default=None)
    status = {name: core.stats.host_since_reset(domain, name) for name in HOST_COUNTERS}
    status.update(
        host=domain, known=record is not None or bool(pending),
        active_recipients=len(pending),
        attempted_recipients=sum(1 for m, _ in pending if m.attempts),
        unattempted_recipients=sum(1 for m, _ in pending if not m.attempts),
        connections_out=gauges.get("current_outbound", 0),
        pending_connections_out=gauges.get("pending_outbound", 0),
        down=bool(record and record.down),
        oldest_message_age=-1 if oldest is None else int(time.time() - oldest),
        last_activity=record.last_activity if record else None,
        last_5xx=vars(record.last_5xx) if record and record.last_5xx else None,
        last_tls_error=vars(record.last_tls_error) if record and record.last_tls_error
        else None)
    return status



async def _host_routing(core: MailHost, domain: str) -> dict:
    """``hoststatus``'s SMTP routes, MX records and ordered IP addresses, from the same route
    and resolver delivery uses."""
    entry = core.view().smtproutes.route_for(domain)
    routes = None
    if entry is not None and entry.destinations:
        routes = [d.host_port() for d in entry.destinations]
    result = {"routes": routes, "mx": [], "addresses": [], "error": None}
    try:
        route = await routing.route(domain, core.view().smtproutes, core.resolver.mx)
    except (routing.DNSHardError, routing.DNSSoftError) as error:
        result["error"] = str(error)
        return result
    hops = sorted(route.hops, key=lambda hop: (hop.priority, hop.host))
    result["mx"] = [(h.priority, h.ttl, h.host) for h in hops if h.ttl is not None]
    for hop in hops:
        try:
            found = await core.resolver.addresses(hop.host, hop.port)
        except (routing.DNSHardError, routing.DNSSoftError):
            continue          # delivery skips a host without an address too
        result["addresses"].append((hop.priority, found))
    return result
