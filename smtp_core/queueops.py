"""The operator's hands on the queue: list, delete, deliver now and redirect recipients, and
suspend or resume delivery, listeners and the work queue (``showrecipients``,
``deleterecipients``, ``delivernow``, ``redirectrecipients``, ``suspend*``/``resume*``,
``workqueue``).

Selections are ``("host", domain)``, ``("sender", address)`` or ``("all", "")``.  Only
recipients still pending count; recipients a delivery connection is sending right now finish
that attempt first (a deleted one is not sent again).
"""
from __future__ import annotations

import asyncio
import time
from typing import Iterator, Optional

from .counters import printable
from .deliverywork import DomainQueue, Work
from .queue import DELETED, QueuedMessage, Recipient
from .host import MailHost

SELECTIONS = ("host", "sender", "all")
SUSPEND_POLL = 0.1


def matching(core: MailHost, by: str, value: str) -> Iterator[tuple[QueuedMessage, list[Recipient]]]:
    """Queued messages (oldest first) with their pending recipients that match the selection."""
    value = value.lower()
    for message in sorted(core.spool.messages.values(), key=lambda m: m.mid):
        if by == "sender" and message.sender.lower() != value:
            continue
        recipients = [r for r in message.pending() if by != "host" or r.domain == value]
        if recipients:
            yield message, recipients


def listing(core: MailHost, by: str, value: str) -> list[dict]:
    return [{"mid": m.mid, "rid": r.rid, "size": m.size, "attempts": m.attempts,
             "sender": printable(m.sender), "recipient": printable(r.address),
             "subject": printable(m.meta.get("subject", ""))}
            for m, recipients in matching(core, by, value) for r in recipients]


def delete(core: MailHost, by: str, value: str) -> int:
    """Remove the matching recipients from the queue for good; returns how many."""
    count = 0
    for message, recipients in list(matching(core, by, value)):
        rids = [r.rid for r in recipients]
        core.spool.mark(message, rids, DELETED)
        core.log.deleted(message.mid, rids)
        for recipient in recipients:
            core.stats.add("deleted_recipients", domain=recipient.domain)
            core.stats.add("completed_recipients", domain=recipient.domain)
        if not message.pending():
            core.log.finished(message.mid)
            core.delivery.forget(message)
        count += len(rids)
    _drop_empty_work(core)
    return count


def _drop_empty_work(core: MailHost) -> None:
    for queue in core.delivery.domains.values():
        kept = [work for work in queue.ready if work.pending()]
        queue.ready.clear()
        queue.ready.extend(kept)


def deliver_now(core: MailHost, domain: Optional[str]) -> int:
    """Start every waiting retry (of ``domain``, or all) now; returns the recipients
    rescheduled."""
    count = 0
    delivery = core.delivery
    for entries in list(delivery.retrying.values()):
        for entry in list(entries):
            if domain is None or entry.domain == domain.lower():
                count += len(entry.work.pending())
                entry.timer.reset(0)
    for queue in list(delivery.domains.values()):
        if domain is None or queue.domain == domain.lower():
            count += sum(len(work.pending()) for work in queue.ready)
            if queue.held is not None and queue.held.active():
                queue.held.reset(0)
    return count


def redirect(core: MailHost, host: str) -> int:
    """Send every queued recipient to ``host`` (``host:port`` in labs, where peers listen on
    other ports than 25) instead of its own route; returns how many."""
    delivery = core.delivery
    name, _, port = host.rpartition(":") if host.count(":") == 1 else (host, "", "")
    target = delivery.domains.setdefault(
        f"[redirect] {host}", DomainQueue(f"[redirect] {host}", redirect=(name, int(port or 25))))
    moved: list[Work] = []
    for entries in list(delivery.retrying.values()):
        for entry in list(entries):
            entry.cancel()
            delivery.forget_retry(entry)
            moved.append(entry.work)
    for queue in list(delivery.domains.values()):
        if queue is not target:
            moved.extend(queue.ready)
            queue.ready.clear()
    moved = [work for work in moved if work.pending()]
    target.ready.extend(moved)
    delivery.kick(target)
    return sum(len(work.pending()) for work in moved)


# -- suspending and resuming ------------------------------------------------------------------------
async def suspend_delivery(core: MailHost, seconds: int,
                           domains: Optional[list[str]] = None) -> None:
    """No new delivery attempts (to ``domains`` only, when given: see
    ``Delivery.suspended_domains``); open delivery connections get ``seconds`` to finish."""
    delivery = core.delivery
    if domains is None:
        delivery.suspended = True
    else:
        delivery.suspended_domains.update(d.lower() for d in domains)

    def busy() -> bool:
        if domains is None:
            return bool(delivery.connections)
        return any(q.active for q in delivery.domains.values()
                   if delivery.domain_suspended(q.domain))
    deadline = time.monotonic() + seconds
    while busy() and time.monotonic() < deadline:
        await asyncio.sleep(SUSPEND_POLL)


def resume_delivery(core: MailHost, domains: Optional[list[str]] = None) -> bool:
    """Deliver again (to ``domains`` only, when given); False when nothing was suspended."""
    delivery = core.delivery
    if domains is None:
        resumed = delivery.suspended or bool(delivery.suspended_domains)
        delivery.suspended = False
        delivery.suspended_domains.clear()
    else:
        wanted = {d.lower() for d in domains}
        resumed = bool(wanted & delivery.suspended_domains)
        delivery.suspended_domains -= wanted
    if resumed:
        delivery.suspension_logged = {d for d in delivery.suspension_logged
                                      if delivery.suspended or delivery.domain_suspended(d)}
        for queue in list(delivery.domains.values()):
            delivery.kick(queue)
    return resumed


async def suspend_listeners(core: MailHost, names: list[str], seconds: int) -> None:
    """Stop accepting connections on the listeners; their open sessions get ``seconds`` to end,
    then are closed."""
    core.suspended_listeners.update(names)
    core.listeners_changed()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(core.sessions.get(n) for n in names):
        await asyncio.sleep(SUSPEND_POLL)
    for name in names:
        for session in list(core.sessions.get(name, ())):
            session.transport.loseConnection()


def resume_listeners(core: MailHost, names: list[str]) -> list[str]:
    """The listeners that were suspended and now accept connections again."""
    resumed = [n for n in names if n in core.suspended_listeners]
    core.suspended_listeners.difference_update(resumed)
    if resumed:
        core.listeners_changed()
    return resumed


def resume_work_queue(core: MailHost) -> bool:
    if not core.work_queue_paused:
        return False
    core.work_queue_paused = False
    waiting, core.work_queue = core.work_queue, []
    core.log.work_queue_resumed(len(waiting))
    for message in waiting:
        asyncio.ensure_future(core.release(message)).add_done_callback(core.check_task)
    return True
