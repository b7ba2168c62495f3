"""Outbound delivery: per-domain queues, routes, destination-control TLS, retries and bounces.

Each destination domain has a queue of work (a message and its recipients in that domain).  A
delivery connection (DCID) takes work from its domain's queue until the queue is empty or the
destination's messages-per-connection limit is reached.  One attempt tries each host of the route
(MX order) with one connection; the outcome of every recipient is logged as AsyncOS does and
written to the durable queue.  The SMTP dialogue itself is ``outbound.ClientSession``'s: this
module gives it the destination's policy (``destpolicy``) and is its sink (``PeerLog`` for the
TLS lines, ``WorkOutcomes`` for each recipient's fate).

Destination TLS (seed-summary §5): No never starts TLS.  Preferred starts it when offered and goes
on in clear when STARTTLS is not offered or refused, but not after a failed handshake.  Required
never sends mail in clear.  Preferred-Verify verifies and logs the result but delivers anyway;
Required-Verify delivers only over a verified connection.

Destination-control limits (cli.md §5.3–§5.4, ``limits``): a domain whose recipient limit is
reached keeps its work queued, without a failed attempt, until the window frees; when the
system-wide TLS connections are all busy, Preferred goes out in clear if ``deliveryconfig``
allows it and every other TLS setting waits for one.  AsyncOS logs neither, so neither do we.
"""
from __future__ import annotations

import asyncio
import dataclasses
import time
from dataclasses import dataclass
from typing import Optional, Union

from . import destpolicy, limits, notices, routing
from .client import Reply, SMTPClientError, connect
from .counters import Event
from .deliverywork import DomainQueue, Retry, Work
from .host import MailHost
from .maillog import MailLog
from .outbound import REASONS, ClientSession, Envelope, Outcome, TLSPolicyFailure
from .queue import BOUNCED, DELIVERED, QueuedMessage
from .tls import Verification

CONNECTIONS_PER_BACKLOG = 10   # open another connection per this many waiting messages


@dataclass
class Held:
    """A recipient limit stopped delivery; the rest can go at ``until`` (clock seconds)."""
    until: float


@dataclass
class Peer:
    """What one delivery connection knows about its far end."""
    domain: str
    host: str
    address: str
    port: int
    dcid: int
    interface_ip: str
    tls_slot: bool = False    # holds one of the system-wide TLS connections


@dataclass
class PeerLog:
    """The conversation's TLS events as AsyncOS logs them for one DCID (``outbound.ClientSink``;
    mail-logs.md §4, seed-summary §8.3)."""
    log: MailLog
    peer: Peer

    def tls_not_offered(self) -> None:
        self.log.dcid_tls_required(self.peer.dcid, self.peer.address)

    def starttls_refused(self, reply: Reply) -> None:
        peer = self.peer
        self.log.connection_error(peer.dcid, peer.domain, peer.address, peer.port,
                                  reply.details(), peer.interface_ip, "unexpected SMTP response")
        self.log.dcid_tls_failed(peer.dcid, "STARTTLS unexpected response")

    def starttls_accepted(self) -> None:
        pass   # AsyncOS logs the handshake's outcome, not its start

    def tls_failed(self, detail: str) -> None:
        self.log.dcid_tls_failed(self.peer.dcid, detail)

    def tls_started(self, protocol: str, cipher: str,
                    verification: Optional[Verification]) -> None:
        dcid = self.peer.dcid
        self.log.dcid_tls_success(dcid, protocol, cipher)
        if verification is None:
            return
        if verification.verified:
            self.log.info(f"DCID {dcid} TLS certificate verified for {verification.detail}")
        else:
            self.log.info(f"DCID {dcid} TLS certificate verification failed: "
                          f"{verification.detail}")


@dataclass
class WorkOutcomes:
    """One transaction's recipients handed back to delivery (``outbound.TransactionSink``)."""
    delivery: "Delivery"
    work: Work
    peer: Peer

    def failed(self, rids: list[int], outcome: Outcome) -> None:
        self.delivery._failed(self.work, rids, self.peer.dcid, outcome)

    def delivered(self, rids: list[int], reply: Reply) -> None:
        self.delivery._delivered(self.work, rids, self.peer, reply)


class Delivery:
    def __init__(self, core: MailHost):
        self.core = core
        self.domains: dict[str, DomainQueue] = {}
        self.connections = 0
        self.retrying: dict[int, list[Retry]] = {}   # mid -> its pending retries
        self.suspended = False                # ``suspenddel``: no new delivery attempts
        # ``suspenddel`` naming domains: "example.com", ".example.com" (its subdomains),
        # "[192.0.2.1]"; their queues wait, the others go on
        self.suspended_domains: set[str] = set()
        # domains whose "Deliveries are currently suspended" line is logged (once a suspension)
        self.suspension_logged: set[str] = set()
        # time and timers of recipient limits and retries (tests: task.Clock)
        self.clock = core.reactor
        self.recipient_limits = limits.RecipientLimits()
        self.tls_slots = limits.TLSSlots()
        self._stopping = False

    # -- queueing -------------------------------------------------------------------------------
    def enqueue(self, message: QueuedMessage) -> None:
        by_domain: dict[str, list[int]] = {}
        for recipient in message.pending():
            by_domain.setdefault(recipient.domain, []).append(recipient.rid)
        for domain, rids in by_domain.items():
            self._add(domain, Work(message, rids))

    def _add(self, domain: str, work: Work) -> None:
        queue = self.domains.setdefault(domain, DomainQueue(domain))
        queue.ready.append(work)
        self.kick(queue)

    def kick(self, queue: DomainQueue) -> None:
        if self._stopping or queue.held is not None:
            return
        if self.suspended or self.domain_suspended(queue.domain):
            if queue.ready and queue.domain not in self.suspension_logged:
                self.suspension_logged.add(queue.domain)
                self.core.log.deliveries_suspended(queue.domain)
            return
        view = self.core.view()
        limit = destpolicy.concurrency(view.destconfig.for_domain(queue.domain), view.delivery)
        while queue.ready and queue.active < limit and (
                queue.active == 0 or len(queue.ready) > queue.active * CONNECTIONS_PER_BACKLOG):
            queue.active += 1
            task = asyncio.ensure_future(self._attempt(queue))
            task.add_done_callback(lambda t, q=queue: self._attempt_done(t, q))

    def domain_suspended(self, domain: str) -> bool:
        domain = domain.lower()
        return any(domain == pattern or (pattern.startswith(".") and domain.endswith(pattern))
                   for pattern in self.suspended_domains)

    def _attempt_done(self, task: asyncio.Task, queue: DomainQueue) -> None:
        queue.active -= 1
        if not task.cancelled() and task.exception() is not None:
            self.core.report_error(task.exception())
        if not queue.ready and not queue.active:
            self.domains.pop(queue.domain, None)
        else:
            self.kick(queue)

    def _hold(self, queue: DomainQueue, until: float) -> None:
        """Leave the queue's work waiting until its recipient limit allows more."""
        def resume() -> None:
            queue.held = None
            self.kick(queue)
        if queue.held is None:
            queue.held = self.clock.callLater(max(0.0, until - self.clock.seconds()), resume)

    def stop(self) -> None:
        self._stopping = True
        for queue in self.domains.values():
            if queue.held is not None and queue.held.active():
                queue.held.cancel()
        for timers in self.retrying.values():
            for entry in timers:
                entry.cancel()
        self.retrying.clear()

    # -- one delivery attempt for a domain -------------------------------------------------------
    async def _attempt(self, queue: DomainQueue) -> None:
        view = self.core.view()
        domain = queue.domain
        try:
            route = (routing.Route([routing.Hop(*queue.redirect, 0)]) if queue.redirect
                     else await routing.route(domain, view.smtproutes, self.core.resolver.mx))
        except routing.DNSHardError as error:
            self._fail_all(queue, 0, Outcome.local("5.1.2", str(error)))
            return
        except routing.DNSSoftError as error:
            self._fail_all(queue, 0, Outcome.local("4.4.0", str(error)))
            return
        if route.discard:
            while queue.ready:
                self._discard(queue.ready.popleft())
            return
        last = Outcome.local("4.4.0", "No route to host")
        held: Optional[Held] = None
        for hop in route.hops:
            if not queue.ready:
                return
            try:
                address = (await self.core.resolver.addresses(hop.host, hop.port))[0]
            except routing.DNSHardError as error:
                last = Outcome.local("5.1.2", str(error))
                continue
            except (routing.DNSSoftError, IndexError) as error:
                last = Outcome.local("4.4.0", str(error) or "no address")
                continue
            # In a lab, port 25 of a peer's or appliance's address is where it really listens.
            hop = dataclasses.replace(hop, port=self.core.smtp_port(address, hop.port))
            result = await self._connection(queue, hop, address)
            if result is None:
                return
            if isinstance(result, Held):
                # Another MX IP address may still have room (limit type MXIP).
                held = result if held is None or result.until < held.until else held
            else:
                last = result
        if held is None:
            self._fail_all(queue, last.dcid, last)
        elif queue.ready:
            self._hold(queue, held.until)   # waiting for the limit is not a failed attempt

    async def _connection(self, queue: DomainQueue, hop: routing.Hop,
                          address: str) -> Union[None, Outcome, Held]:
        """One DCID.  Returns None once it delivered (or tried) work, Held when the recipient
        limit stopped it, else why it could not."""
        core, log = self.core, self.core.log
        view = core.view()
        iface = routing.source_address(view.interfaces, view.delivery.interface, address)
        source = iface.ipv4 if iface is not None else None
        dest = view.destconfig.for_domain(queue.domain)
        window = limits.window(dest, queue.domain, address, source or "")
        now = self.clock.seconds()
        if self.recipient_limits.room(window, now) == 0:
            return Held(self.recipient_limits.free_at(window, now))
        mode = destpolicy.tls_mode(dest)
        tls_slot = mode != destpolicy.OFF and await self._tls_slot(mode)
        if mode != destpolicy.OFF and not tls_slot:
            mode = destpolicy.OFF    # Preferred, all TLS connections busy: in clear (deliveryconfig)
        dcid = core.ids.next("dcid")
        peer = Peer(queue.domain, hop.host, address, hop.port, dcid, source or "",
                    tls_slot=tls_slot)
        try:
            conn = await connect(core.reactor, address, hop.port, source)
        except SMTPClientError as error:
            self._release_tls(peer)
            log.connection_error(dcid, queue.domain, address, hop.port, error.details,
                                 source or "", error.reason)
            core.stats.host(queue.domain).down = True
            return Outcome.local("4.4.0", error.details, dcid)
        except BaseException:
            self._release_tls(peer)  # an unexpected error or a cancel must not keep the slot
            raise
        peer.interface_ip = conn.local_address()
        log.new_dcid(dcid, peer.interface_ip, address, hop.port)
        self.connections += 1
        core.stats.add("current_outbound", domain=queue.domain)
        core.stats.host(queue.domain).down = False
        policy = destpolicy.PeerPolicy(core, hop.host, queue.domain, destpolicy.tls_rule(mode))
        session = ClientSession(conn, policy, PeerLog(log, peer), address)
        current: Optional[Work] = None
        try:
            try:
                await session.open()
            except TLSPolicyFailure as failure:
                core.stats.host(queue.domain).last_tls_error = Event(
                    failure.outcome.text(), time.time(), address, dest.tls or "off")
                if failure.required:
                    core.tls_required_failed(queue.domain)
                await session.quit()
                failure.outcome.dcid = dcid
                return failure.outcome
            except SMTPClientError as error:
                log.connection_error(dcid, queue.domain, address, hop.port, error.details,
                                     peer.interface_ip, error.reason)
                return Outcome.local("4.4.0", error.details, dcid)
            if not session.tls:
                self._release_tls(peer)   # in clear after all: the slot is free for another
            limit = destpolicy.messages_per_connection(dest)
            sent, held = 0, None
            while queue.ready and sent < limit and conn.is_open:
                current = self._take(queue, window)
                if current is None:
                    held = Held(self.recipient_limits.free_at(window, self.clock.seconds()))
                    break
                await self._send(session, peer, current)
                current = None
                sent += 1
            await session.quit()
            return held
        except SMTPClientError as error:
            log.connection_error(dcid, queue.domain, address, hop.port, error.details,
                                 peer.interface_ip, error.reason)
            if current is not None:
                self._retry(current, dcid, Outcome.local("4.4.0", error.details))
            return None
        finally:
            self._release_tls(peer)
            if not conn.closing:
                conn.abort()
            self.connections -= 1
            core.stats.add("current_outbound", -1, domain=queue.domain)
            log.dcid_close(dcid)

    def _take(self, queue: DomainQueue, window: Optional[limits.Window]) -> Optional[Work]:
        """The next work, cut to as many recipients as the recipient limit still allows
        (the rest stays first in the queue); None when it allows none now."""
        now = self.clock.seconds()
        room = self.recipient_limits.room(window, now)
        if room == 0:
            return None
        work = queue.ready.popleft()
        rids = work.pending()
        if len(rids) > room:
            queue.ready.appendleft(Work(work.message, rids[room:]))
            work = Work(work.message, rids[:room])
        self.recipient_limits.take(window, min(len(rids), room), now)
        return work

    async def _tls_slot(self, mode: str) -> bool:
        """One of the system-wide TLS connections.  When all are busy, Preferred goes in clear
        if ``deliveryconfig`` allows it (False); every other setting waits for one."""
        delivery = self.core.view().delivery
        if self.tls_slots.try_acquire(delivery.tls_max_concurrency):
            return True
        if destpolicy.plain_when_busy(mode, delivery):
            return False
        await self.tls_slots.acquire(delivery.tls_max_concurrency)
        return True

    def _release_tls(self, peer: Peer) -> None:
        if peer.tls_slot:
            peer.tls_slot = False
            self.tls_slots.release(self.core.view().delivery.tls_max_concurrency)

    async def _send(self, session: ClientSession, peer: Peer, work: Work) -> None:
        message = work.message
        rids = work.pending()
        if not rids:
            return
        self.core.log.delivery_start(peer.dcid, message.mid, rids)
        envelope = Envelope(message.sender,
                            [(rid, message.recipients[rid].address) for rid in rids],
                            message.length, bool(message.meta.get("8bit")),
                            lambda: self.core.spool.chunks(message))
        await session.transact(envelope, WorkOutcomes(self, work, peer))

    def _delivered(self, work: Work, accepted: list[int], peer: Peer, answer: Reply) -> None:
        message, log = work.message, self.core.log
        log.message_done(peer.dcid, message.mid, accepted)
        if self.core.view().logs.log_remote_response:      # logconfig SETUP
            log.response(message.mid, accepted, _response_text(answer))
        work.rids = [r for r in work.rids if r not in accepted]
        self.core.spool.mark(message, accepted, DELIVERED)
        self.core.stats.add("delivered_recipients", len(accepted), domain=peer.domain)
        self.core.stats.add("completed_recipients", len(accepted), domain=peer.domain)
        if not message.pending():
            log.finished(message.mid)
        self.forget(message)

    def _discard(self, work: Work) -> None:
        """A ``/dev/null`` route: the recipients are done without a connection."""
        message = work.message
        rids = work.pending()
        self.core.log.message_done(0, message.mid, rids)
        self.core.spool.mark(message, rids, DELIVERED)
        self.core.stats.add("completed_recipients", len(rids),
                            domain=message.recipients[rids[0]].domain if rids else None)
        if not message.pending():
            self.core.log.finished(message.mid)

    # -- outcomes -----------------------------------------------------------------------------------
    def _failed(self, work: Work, rids: list[int], dcid: int, outcome: Outcome) -> None:
        work.rids = [r for r in work.rids if r not in rids]   # each outcome is applied once
        if outcome.code.startswith("5") and rids:
            self.core.stats.host(work.message.recipients[rids[0]].domain).last_5xx = Event(
                outcome.text(), time.time(), outcome.address)
        if outcome.permanent:
            self._bounce(work.message, rids, dcid, outcome)
        else:
            self._retry(Work(work.message, rids), dcid, outcome)

    def _fail_all(self, queue: DomainQueue, dcid: int, outcome: Outcome) -> None:
        while queue.ready:
            work = queue.ready.popleft()
            self._failed(work, work.pending(), dcid, outcome)

    def _retry(self, work: Work, dcid: int, outcome: Outcome) -> None:
        message, log = work.message, self.core.log
        rids = work.pending()
        if not rids:
            return
        settings = self.core.view().delivery
        # Labs shorten the appliance's retry schedule with the ``retry_scale`` knob.
        scale = self.core.appliance.profile.retry_scale
        age = time.time() - message.received
        if age >= destpolicy.queue_lifetime(settings, scale):
            expired = Outcome("5.4.7", REASONS["4.7"], outcome.code, outcome.lines)
            self._bounce(message, rids, dcid, expired)
            return
        for rid in rids:
            log.delayed(dcid, message.mid, message.sender, message.recipients[rid].address, rid,
                        outcome.status, outcome.reason, outcome.code, outcome.lines)
        self.core.stats.add("soft_bounced_events", len(rids),
                            domain=message.recipients[rids[0]].domain)
        message.attempts += 1
        delay = destpolicy.retry_delay(settings, scale, message.attempts, age)
        domain = message.recipients[rids[0]].domain
        timers = self.retrying.setdefault(message.mid, [])

        def again() -> None:
            self.forget_retry(entry)
            self._add(domain, entry.work)
        entry = Retry(domain, Work(message, rids), self.clock.callLater(delay, again))
        timers.append(entry)

    def forget_retry(self, entry: Retry) -> None:
        pending = self.retrying.get(entry.work.message.mid, [])
        if entry in pending:
            pending.remove(entry)
        if not pending:
            self.retrying.pop(entry.work.message.mid, None)

    def _bounce(self, message: QueuedMessage, rids: list[int], dcid: int, outcome: Outcome) -> None:
        log = self.core.log
        failures = []
        for rid in rids:
            address = message.recipients[rid].address
            log.bounced(dcid, message.mid, message.sender, address, rid, outcome.status,
                        outcome.reason, outcome.code, outcome.lines)
            failures.append(notices.Failure(address, outcome.status, outcome.reason,
                                            f"{outcome.code} {' '.join(outcome.lines)}"
                                            if outcome.code != "000" else " ".join(outcome.lines)))
        self.core.spool.mark(message, rids, BOUNCED)
        for rid in rids:
            domain = message.recipients[rid].domain
            self.core.stats.add("hard_bounced_recipients", domain=domain)
            self.core.stats.add("completed_recipients", domain=domain)
        if not message.pending():
            log.finished(message.mid)
        self.forget(message)
        # No notification for a null sender, a notification or an alert (no bounce loops).
        if message.sender and not {"bounce_of", "alert"} & message.meta.keys():
            asyncio.ensure_future(self.core.send_dsn(message, failures)).add_done_callback(
                self.core.check_task)

    def forget(self, message: QueuedMessage) -> None:
        if not message.pending():
            for entry in self.retrying.pop(message.mid, []):
                entry.cancel()


def _response_text(answer: Reply) -> str:
    """The remote 250 text as AsyncOS logs it: code, leading punctuation and ``OK`` stripped."""
    text = answer.lines[-1] if answer.lines else ""
    text = text.lstrip(" -:;,.")
    if text[:2].lower() == "ok" and not text[2:3].isalnum():
        text = text[2:].lstrip(" -:;,.")
    return text
