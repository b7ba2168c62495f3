"""The SMTP core of one appliance: shared state of listeners and delivery, and the facade the
shell reaches through (``asyncos_shell.engine.context.MailFacade``).

Configuration is always read from the committed store at the moment it is needed, so a commit
applies to the next connection, the next STARTTLS and the next delivery attempt without cutting
sessions that are open.
"""
from __future__ import annotations

import asyncio
import logging
import time
import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

from cluster import clock, model
from cluster.levels import ApplianceView

from . import hygiene, notices, routing, scanning, tls
from .bodies import ReceivedBody
from .counters import FILTER_BOUNCE, Stats
from .delivery import Delivery
from .host import Session
from .resolver import Resolver
from .logfiles import LogWriter, Subscription
from .maillog import MailLog
from .operator import OperatorFacade
from .outbound import REASONS
from .queue import (BOUNCED, DROPPED, QUARANTINED, IdCounters, QueuedMessage, Recipient, Spool,
                    envelope_record, message_from_record)
from .spamquarantine import SpamQuarantine
from .systemgauges import LoadSampler, system_gauges

if TYPE_CHECKING:
    from twisted.internet.ssl import CertificateOptions

    from .appliance import ServedAppliance

log = logging.getLogger(__name__)

# SenderBase knows no country for a private or loopback address (our reading, R).
NO_COUNTRY = "not applicable"
INLINE_SCAN_BYTES = 65536
# Big bodies are scanned in these threads: never more than two at once (two cores), and never
# in the pool where the queue's fsyncs run.
_SCAN_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="scan")


class _CommittedView(ApplianceView):
    """The view of a committed configuration, which is never modified: it keeps each section
    it resolved."""

    def __getattr__(self, section: str):
        value = super().__getattr__(section)
        self.__dict__[section] = value
        return value


def subscriptions(logs: model.Logs) -> list[Subscription]:
    return [Subscription(s.name, s.level, s.type, s.rollover_size, s.max_files, s.filename,
                         s.rollover_interval) for s in logs.subscriptions.values()]


class MailCore(OperatorFacade):
    def __init__(self, appliance: "ServedAppliance", reactor,
                 listeners_changed: Callable[[], object] = lambda: None) -> None:
        self.appliance, self.reactor = appliance, reactor
        self._view: Optional[_CommittedView] = None
        self._view_revision: tuple = ()
        ident = appliance.identity
        self.writer = LogWriter(appliance.state_dir / "logs", ident.version, ident.serial,
                                self.now, subscriptions(self.view().logs))
        self.log = MailLog(self.writer)
        self.spool = Spool(appliance.state_dir / "queue")
        self.recovered = self.spool.load()
        self.ids = IdCounters(appliance.state_dir / "queue", floor={"mid": self.spool.max_mid()})
        self.spam_quarantine = SpamQuarantine(appliance.state_dir / "spam_quarantine")
        self.delivery = Delivery(self)
        # rates go by the reactor's clock, read when an event happens (tests: task.Clock)
        self.stats = Stats(lambda: self.reactor.seconds())
        self.load = LoadSampler(appliance.state_dir)
        self.sessions: dict[str, set[Session]] = {}
        self.resolver = Resolver(self)
        self._alerted: dict[str, float] = {}
        self._contexts: dict[tuple, object] = {}
        # The operator's switches (``suspendlistener``, ``workqueue pause``); the mail service
        # gives ``listeners_changed`` to bind or close listener ports again.
        self.suspended_listeners: set[str] = set()
        self.listeners_changed = listeners_changed
        self.work_queue_paused = False
        self.work_queue: list[QueuedMessage] = []

    def deliver_recovered(self) -> None:
        """Hand the messages found in the queue at start-up to delivery (once)."""
        recovered, self.recovered = self.recovered, []
        for message in recovered:
            self.delivery.enqueue(message)

    # -- configuration ---------------------------------------------------------------------------
    def view(self) -> ApplianceView:
        """The committed configuration as this machine sees it, resolved once per revision."""
        revision = self.appliance.config_revision()
        if self._view is None or self._view_revision != revision:
            self._view = _CommittedView(self.appliance.committed(), self.appliance.machine)
            self._view_revision = revision
        return self._view

    def hostname(self) -> str:
        return self.view().system.hostname

    def now(self) -> dt.datetime:
        """The appliance's local time (its configured time zone) for log lines."""
        return clock.local_time(self.view().system)

    def helo_name(self) -> str:
        view = self.view()
        iface = routing.source_address(view.interfaces, view.delivery.interface)
        return (iface.smtp_helo if iface is not None and iface.smtp_helo else "") \
            or view.system.hostname

    def server_tls(self, listener: str) -> Optional[CertificateOptions]:
        """The listener's current certificate as a server context; None when it has none.
        Looked up once per committed revision (EHLO and STARTTLS both ask)."""
        key = (*self.appliance.config_revision(), listener)
        if key not in self._contexts:
            view = self.view()
            entry = view.listeners.listeners.get(listener)
            profile = view.certificates.profiles.get(entry.certificate) if entry else None
            self._contexts = {key: tls.server_options(tls.identity(profile),
                                                      tls.protocols(view.ssl.inbound))
                              if profile is not None and profile.key_pem else None,
                              **{k: v for k, v in self._contexts.items() if k[:-1] == key[:-1]}}
        return self._contexts[key]

    def client_tls(self) -> CertificateOptions:
        view = self.view()
        profile = view.certificates.profiles.get(view.destconfig.certificate)
        return tls.client_options(tls.identity(profile) if profile and profile.key_pem else None,
                                  tls.protocols(view.ssl.outbound))

    def verify_peer(self, connection, names: list[str]) -> tls.Verification:
        view = self.view()
        return tls.verify_peer(connection, names, view.certificates, clock.utc_now(view.system))

    async def reverse_dns(self, address: str) -> tuple[str, bool]:
        return await self.resolver.reverse(address)

    def cached_reverse_dns(self, address: str) -> Optional[tuple[str, bool]]:
        return self.resolver.cached_reverse(address)

    def smtp_port(self, address: str, port: int) -> int:
        """Where ``port`` of ``address`` really listens (in a lab: a peer's or an appliance's
        SMTP port for port 25 of its address)."""
        return self.appliance.lab_ports.get((address, port), port)

    def reputation(self, address: str) -> tuple[Optional[float], str]:
        """SenderBase's score (None: no score) and country for a sender address: in the lab,
        what the scenario knob ``sender_reputation`` says."""
        table = getattr(self.appliance.profile, "sender_reputation", None) or {}
        entry = table.get(address) or {}
        score = entry.get("sbrs")
        return (None if score is None else float(score)), entry.get("country") or NO_COUNTRY

    # -- inbound connections -----------------------------------------------------------------------
    def connection_opened(self, session: Session) -> None:
        self.sessions.setdefault(session.listener_name, set()).add(session)
        self.stats.add("current_inbound")

    def connection_closed(self, session: Session) -> None:
        self.sessions.get(session.listener_name, set()).discard(session)
        self.stats.add("current_inbound", -1)

    def admit(self, session: Session, listener: model.Listener,
              params: model.PolicyParams) -> Optional[bool]:
        """A new session: True when it holds a slot, False when it is refused (the HAT's
        per-host concurrency), None when the listener or the appliance is full: it is greeted
        on probation and must earn a slot with its first command (``promote``).  Probation is
        bounded by the appliance's connection limit: the oldest on probation give way."""
        mine, everyone = self._holding(session.listener_name), self._holding()
        if params.max_concurrency:
            peer = session.peer
            if sum(1 for s in mine if s.peer == peer) >= params.max_concurrency:
                return False
        limit = self.view().listeners.max_concurrent_connections
        if len(mine) < listener.max_connections and len(everyone) < limit:
            session.admitted = True
            return True
        waiting = sorted((s for sessions in self.sessions.values() for s in sessions
                          if s.on_probation and not s.closing), key=lambda s: s.opened)
        for oldest in waiting[:max(0, len(waiting) + len(everyone) + 1 - limit)]:
            oldest.give_way()
        session.on_probation = True
        return None

    def promote(self, session: Session) -> bool:
        """A session on probation completed a command: it takes a free slot or the slot of the
        session that has made no progress for longest (``hygiene``: a slow drip cannot hold
        every slot, as it never completes a command)."""
        listener = self.view().listeners.listeners.get(session.listener_name)
        if listener is None:
            return False
        if self._full(session, listener):
            now = self.reactor.seconds()
            stalled = [s for s in self._holding(session.listener_name)
                       if now - s.progress >= hygiene.RECLAIM_AFTER_SECONDS]
            if not stalled:
                stalled = [s for s in self._holding()
                           if now - s.progress >= hygiene.RECLAIM_AFTER_SECONDS]
            if not stalled:
                return False
            min(stalled, key=lambda s: s.progress).reclaim()
        session.on_probation, session.admitted = False, True
        return True

    def _holding(self, listener: Optional[str] = None) -> list[Session]:
        """Sessions holding a slot (of ``listener``, or of any listener)."""
        return [s for name, sessions in self.sessions.items() for s in sessions
                if s.admitted and not s.closing and (listener is None or name == listener)]

    def _full(self, session: Session, listener: model.Listener) -> bool:
        return (len(self._holding(session.listener_name)) >= listener.max_connections
                or len(self._holding()) >= self.view().listeners.max_concurrent_connections)

    def tls_sessions(self) -> int:
        """Inbound sessions in TLS or starting it (the appliance's TLS connection limit)."""
        return sum(1 for sessions in self.sessions.values() for s in sessions
                   if s.tls_active or s.tls_pending)

    # -- messages -----------------------------------------------------------------------------------
    async def accept(self, message: QueuedMessage, body: ReceivedBody) -> None:
        """Queue a received message durably and log it; then the mail policy's engines scan it
        (off the loop, after the sender has its 250) and it goes to delivery, or is dropped,
        bounced or quarantined.  While the work queue is paused (``workqueue``) it waits before
        scanning."""
        subject = notices.header(body.head, "Subject")
        if subject is not None:
            message.meta.setdefault("subject", subject)   # for showrecipients
        message.meta["8bit"] = body.eight_bit              # for delivery's BODY=8BITMIME
        await self.spool.add(message, body)
        self._log_received(message, body.head)
        self.stats.add("messages_received")
        self.stats.add("recipients_received", len(message.recipients))
        if self.work_queue_paused:
            self.work_queue.append(message)
        else:
            self._work(message)

    def _work(self, message: QueuedMessage) -> None:
        """The work queue: scanning by the mail policy's engines, then delivery."""
        services = self._services(message)
        body = self.spool.cached(message)
        if services is None:
            self._queue(message)
        elif body is not None and len(body) <= INLINE_SCAN_BYTES:
            # A small message is scanned on the loop (bounded work), in the next turn: after
            # the sender has its 250 (a task per message costs more than the scan).
            asyncio.get_running_loop().call_soon(self._scan_now, message, body, services)
        else:
            asyncio.ensure_future(self._scan(message, services)).add_done_callback(
                self.check_task)

    def _scan_now(self, message: QueuedMessage, body: bytes,
                  services: model.SecurityServices) -> None:
        try:
            self._verdicts(message, scanning.scan(body), services)
        except Exception as error:
            self.report_error(error)

    async def release(self, message: QueuedMessage) -> None:
        """A message the paused work queue held goes on (``workqueue resume``)."""
        self._work(message)

    def _log_received(self, message: QueuedMessage, head: bytes) -> None:
        mail, settings = self.log, self.view().logs      # logconfig SETUP says what to log
        message_id = notices.header(head, "Message-ID")
        if message_id is not None and settings.log_message_id:
            mail.message_id(message.mid, message_id)
        subject = notices.header(head, "Subject")
        if subject is not None and settings.log_subject:
            mail.subject(message.mid, subject)
        mail.ready(message.mid, message.size, message.sender)
        mail.matched_policy(message.mid, message.meta.get("table", "inbound"))

    def _queue(self, message: QueuedMessage) -> None:
        self.log.queued(message.mid)
        self.delivery.enqueue(message)

    def _services(self, message: QueuedMessage) -> Optional[model.SecurityServices]:
        """The DEFAULT mail policy's services for a received message; None for messages the
        appliance writes itself (ICID 0), which are not scanned."""
        if not message.icid:
            return None
        return self.view().mailpolicies.table(message.meta.get("table", "inbound"))

    async def _scan(self, message: QueuedMessage, services: model.SecurityServices) -> None:
        # A small message is scanned on the loop (bounded work); a big one from its file, in
        # pieces, in a thread.
        if message.length <= INLINE_SCAN_BYTES:
            findings = scanning.scan(await self.spool.head(message, INLINE_SCAN_BYTES))
        else:
            findings = await asyncio.get_running_loop().run_in_executor(
                _SCAN_POOL, scanning.scan_file, *self.spool.location(message))
        self._verdicts(message, findings, services)

    def _verdicts(self, message: QueuedMessage, findings: scanning.Findings,
                  services: model.SecurityServices) -> None:
        """The work queue's order in real logs: SDR, CASE, Sophos, AMP, Outbreak Filters."""
        mid, mail = message.mid, self.log
        if services.sender_domain_reputation:
            mail.sdr_verdict(mid, message.sender.rpartition("@")[2] or self.hostname())
        to_quarantine = False
        if services.anti_spam and message.meta.get("spam_check", True):
            mail.case_verdict(mid, findings.spam)
            if findings.spam and services.spam_action == "drop":
                self._drop(message, "Dropped by CASE")
                return
            if findings.spam and services.spam_action == "bounce":
                asyncio.ensure_future(self._bounce(message, "CASE")).add_done_callback(
                    self.check_task)
                return
            # Tagged now, the message goes on through the work queue and is then delivered to
            # the quarantine instead of its recipients (the order of S9's lines).
            to_quarantine = findings.spam and services.spam_action == "quarantine"
            if to_quarantine:
                mail.isq_tagged(mid)
        if services.anti_virus and message.meta.get("virus_check", True):
            mail.antivirus_verdict(mid, findings.virus)
            if findings.virus and services.virus_action == "drop":
                self._drop(message, "Dropped by antivirus")
                return
            if findings.virus and services.virus_action == "quarantine":
                mail.quarantined(mid, "Virus", "a/v verdict:VIRAL")
                self.spool.mark(message, [r.rid for r in message.pending()], QUARANTINED)
                return
        if services.amp:
            mail.amp_verdict(mid, len(findings.attachments))
        if services.outbreak_filters:
            mail.outbreak_verdict(mid)
        if to_quarantine:
            asyncio.ensure_future(self._to_spam_quarantine(message)).add_done_callback(
                self.check_task)
        else:
            self._queue(message)

    # -- the local Spam Quarantine ------------------------------------------------------------------
    async def _to_spam_quarantine(self, message: QueuedMessage) -> None:
        """Deliver to the local quarantine: on its disk first, then out of the mail queue.
        (The quarantine takes the body whole: it is read back from the queue for it.)"""
        mid = message.mid
        body = b"".join([piece async for piece in self.spool.chunks(message)])
        self.log.queued(mid)
        rcid = self.ids.next("rcid")
        self.log.rpc_delivery_start(rcid, mid)
        await asyncio.to_thread(self.spam_quarantine.hold, envelope_record(message), body)
        self.log.isq_quarantined(mid)
        self.log.rpc_message_done(rcid, mid)
        self.spool.mark(message, [r.rid for r in message.pending()], QUARANTINED)
        self.log.finished(mid)

    async def release_spam(self, mid: int) -> bool:
        """Release a message from the Spam Quarantine to all its recipients: back in the mail
        queue (durably) and straight to delivery, skipping the work queue.  False when the
        quarantine does not hold it (already released by another session)."""
        held = self.spam_quarantine.held.pop(mid, None)
        if held is None:
            return False
        body = await asyncio.to_thread(self.spam_quarantine.body, mid)
        message = message_from_record(held.envelope)
        self.log.isq_releasing(mid)
        await self.spool.add(message, ReceivedBody.of(body))
        await asyncio.to_thread(self.spam_quarantine.remove, mid)
        self.log.isq_delivering_released(mid)
        self.delivery.enqueue(message)
        return True

    def _drop(self, message: QueuedMessage, reason: str) -> None:
        self.log.aborted(message.mid, reason)
        self.spool.mark(message, [r.rid for r in message.pending()], DROPPED)
        self.stats.add("dropped_messages")
        self.log.finished(message.mid)

    async def _bounce(self, message: QueuedMessage, engine: str) -> None:
        """The mail policy bounces the message: none of its recipients gets it, and its sender
        gets a delivery status notification (with the original headers, read before the
        message leaves the queue).  "Message aborted MID n Bounced by CASE": the template of
        Cisco's log catalogue (dharma412/PythonClass csa/testlib/common/shell/qlogmsgs.py,
        MESSAGE_ABORTED + MESSAGE_ABORTED.BOUNCED), named like the real "Dropped by CASE";
        the notification's 5.7.1 status is our guess (R)."""
        original = notices.header_block(await self.spool.head(message))
        mid, rids = message.mid, [r.rid for r in message.pending()]
        if not rids:             # its recipients were deleted meanwhile (deleterecipients)
            return
        self.log.aborted(mid, f"Bounced by {engine}")
        self.spool.mark(message, rids, BOUNCED)
        for rid in rids:
            self.stats.hard_bounced(FILTER_BOUNCE, message.recipients[rid].domain)
        self.log.finished(mid)
        if message.sender:      # never to the null sender (no bounce of a bounce)
            failures = [notices.Failure(message.recipients[rid].address, "5.7.1",
                                        REASONS["7.1"], "") for rid in rids]
            await self.send_dsn(message, failures, original)

    async def generate(self, sender: str, recipients: list[str], body: bytes,
                       meta: dict) -> QueuedMessage:
        """Inject a message the appliance writes itself (ICID 0): bounces, alerts, mailconfig."""
        mid = self.ids.next("mid")
        mail = self.log
        mail.start_mid(mid, 0)
        if "bounce_of" in meta:
            mail.generated_for_bounce(mid, meta["bounce_of"])
        mail.mail_from(mid, 0, sender)
        rcpts = [Recipient(rid, address) for rid, address in enumerate(recipients)]
        for recipient in rcpts:
            mail.rcpt_to(mid, 0, recipient.rid, recipient.address)
        message = QueuedMessage(mid=mid, icid=0, sender=sender, recipients=rcpts,
                                size=len(body), received=time.time(),
                                meta={"table": "outbound", **meta})
        await self.accept(message, ReceivedBody.of(body))
        return message

    def submit(self, sender: str, recipients: list[str], message: bytes) -> None:
        """MailFacade: queue a message of the appliance itself for delivery."""
        task = asyncio.ensure_future(self.generate(sender, recipients, message, {}))
        task.add_done_callback(self.check_task)

    async def send_dsn(self, message: QueuedMessage, failures: list[notices.Failure],
                       original: Optional[bytes] = None) -> None:
        """Notify the sender of ``failures``; ``original``: the message's header block when
        the caller read it (the queue may have let the message go by now)."""
        if original is None:
            original = notices.header_block(await self.spool.head(message)) \
                if message.mid in self.spool.messages else b""
        body = notices.dsn(self.hostname(), message.sender, original, failures)
        await self.generate("", [message.sender], body, {"bounce_of": message.mid})
        self.stats.add("gen_bounce_recipients")       # ``status``: Gen. Bounce Recipients

    # -- alerts -------------------------------------------------------------------------------------
    def tls_required_failed(self, domain: str) -> None:
        if self.view().destconfig.tls_alert:
            self.alert("System", "Warning",
                       f"The TLS connection to {domain} failed: TLS is required for this domain "
                       "but could not be successfully negotiated.")

    def alert(self, alert_class: str, severity: str, text: str) -> None:
        """Mail an alert to its recipients through the normal delivery path, at most once per
        debounce interval for the same text."""
        view = self.view()
        settings = view.alerts
        now = time.monotonic()
        if self._alerted.get(text, 0) > now:
            return
        self._alerted[text] = now + settings.debounce_initial_seconds
        recipients = settings.recipients_for(alert_class, severity)
        if not recipients:
            return
        hostname = view.system.hostname
        subject = f"{severity} <{alert_class}> {hostname}: {text}"
        sender = settings.from_address or f"alert@{hostname}"
        body = notices.alert(hostname, sender, recipients, subject,
                             f"{text}\r\n\r\nVersion: {self.appliance.identity.version}\r\n"
                             f"Serial Number: {self.appliance.identity.serial}\r\n"
                             f"Timestamp: {time.strftime('%d %b %Y %H:%M:%S %z')}")

        async def send() -> None:
            await self.generate(sender, recipients, body, {"alert": True})
            for recipient in recipients:
                self.log.alert_sent(alert_class, severity, recipient, subject)
        asyncio.ensure_future(send()).add_done_callback(self.check_task)

    # -- errors -------------------------------------------------------------------------------------
    def report_error(self, error: BaseException) -> None:
        log.error("SMTP core error", exc_info=error)
        self.writer.write("system_logs", f"Internal SMTP error: {type(error).__name__}: {error}",
                          "Warning")

    def check_task(self, task: asyncio.Task) -> None:
        if not task.cancelled() and task.exception() is not None:
            self.report_error(task.exception())

    # -- MailFacade ---------------------------------------------------------------------------------
    def counters(self) -> dict[str, int]:
        values = dict(self.stats.values)
        queued = list(self.spool.messages.values())
        pending = sum(len(m.pending()) for m in queued)
        attempted = sum(len(m.pending()) for m in queued if m.attempts)
        oldest = min((m.received for m in queued), default=None)
        values.update(
            last_mid=self.ids.last["mid"], last_icid=self.ids.last["icid"],
            last_dcid=self.ids.last["dcid"], active_recipients=pending,
            attempted_recipients=attempted, unattempted_recipients=pending - attempted,
            work_queue_messages=len(self.work_queue),
            oldest_message_age=-1 if oldest is None else int(time.time() - oldest),
            queue_kilobytes=self.spool.bytes_queued // 1024,
            # The destinations the core keeps a record of: every recipient host it counted
            # for (``tophosts``) and every domain queue waiting for delivery.
            destinations_in_memory=len(self.stats.hosts.keys() | self.delivery.domains.keys()),
            # The emulator keeps no Policy, Virus or Outbreak quarantine (a message the
            # anti-virus quarantines leaves the queue and is not held): always 0.
            pvo_quarantine_messages=0, pvo_quarantine_kilobytes=0,
            spam_quarantine_messages=len(self.spam_quarantine.held),
            spam_quarantine_kilobytes=sum(h.size for h in self.spam_quarantine.held.values())
            // 1024,
            **system_gauges(self.appliance.state_dir, self.load))
        return values

    def log_path(self, log_name: str) -> Optional[Path]:
        return self.writer.path(log_name)

    def rollover(self, log_name: str) -> Optional[Path]:
        return self.writer.rollover(log_name)

    async def dns_lookup(self, name: str, rtype: str,
                         server: Optional[str] = None) -> Optional[dict]:
        """``nslookup``/``dig``: one question to dnsconfig's servers (or ``server``)."""
        return await self.resolver.lookup(name, rtype, server)

    def dns_flush(self) -> None:
        self.resolver.flush()

    async def tlsverify(self, domain: str, host: str, port: int,
                        report: Callable[[str, dict], None]) -> bool:
        from .tlsverify import run
        return await run(self, domain, host, port, report)
