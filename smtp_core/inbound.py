"""Where an inbound connection's events go: ICIDs and MIDs, the mail_logs lines of
mail-logs.md §2-§3, counters, and the durable queue (``MailHost.accept``).  The protocol machine
(``serverprotocol``) tells it what happened; it decides nothing."""
from __future__ import annotations

import email.utils
import functools
import time

from twisted.python.failure import Failure

from . import tls
from .bodies import BodySink, ReceivedBody
from .host import MailHost
from .policy import ListenerPolicy
from .queue import QueuedMessage, Recipient
from .replies import reply
from .serverprotocol import Envelope, Greeting, ServerProtocol


@functools.lru_cache(maxsize=2)
def _header_date(second: int) -> str:
    """RFC 5322 date of the host's local time, made once per second (it is slow to make)."""
    return email.utils.formatdate(second, localtime=True)


class ListenerSink:
    def __init__(self, core: MailHost, policy: ListenerPolicy):
        self.core, self.policy = core, policy
        self.log = core.log
        self.icid = 0
        self._required_logged = False

    # -- connection ------------------------------------------------------------------------------
    def opened(self) -> None:
        self.core.connection_opened(self.policy)

    def greeted(self, greeting: Greeting) -> None:
        policy, log = self.policy, self.log
        decision = policy.decision
        group = decision.group if decision.group not in ("", "ALL") else "None"
        match = decision.matched or "ALL"
        if greeting.refuse:
            # Refused before an injection connection exists, hence ICID 0 (mail-logs.md §2.2).
            log.hat(0, "TCPREFUSE", group, match, policy.sbrs, policy.country)
            return
        self.icid = self.core.ids.next("icid")
        listener = policy.listener
        iface = policy.view.interfaces.get(listener.interface)
        log.new_icid(self.icid, listener.interface, iface.ipv4 if iface else "", policy.peer,
                     policy.rdns, policy.rdns_verified)
        log.hat(self.icid, "ACCEPT" if policy.delayed_reject else decision.action, group, match,
                policy.sbrs, policy.country)
        if policy.delayed_reject:
            log.info(f"ICID {self.icid} Delayed HAT REJECT continuing session for recipient "
                     f"logging ({policy.peer})")

    def command(self, line: str) -> None:
        pass

    def tls_started(self, protocol_name: str, cipher: str) -> None:
        self.log.icid_tls_success(self.icid, protocol_name, cipher)

    def tls_failed(self, reason: Failure) -> None:
        self.log.icid_tls_failed(self.icid, tls.failure_detail(reason))

    def tls_required_refused(self) -> None:
        if not self._required_logged:
            self._required_logged = True
            self.log.icid_tls_required(self.icid)

    def receiving_failed(self, reason: str) -> None:
        self.log.receiving_failed(self.icid, reason)

    def connection_time_exceeded(self) -> None:
        self.log.icid_timeout(self.icid, self.policy.peer)

    def closed(self, greeted: bool, lost: bool) -> None:
        self.core.connection_closed(self.policy)
        if not greeted:
            return
        if lost:
            self.log.icid_lost(self.icid)
        self.log.icid_close(self.icid)

    def report_error(self, error: BaseException) -> None:
        self.core.report_error(error)

    # -- transactions ----------------------------------------------------------------------------
    def begin(self, sender: str) -> int:
        mid = self.core.ids.next("mid")
        self.log.start_mid(mid, self.icid)
        self.log.mail_from(mid, self.icid, sender)
        return mid

    def recipient_accepted(self, envelope: Envelope, rid: int, address: str) -> None:
        self.log.rcpt_to(envelope.id, self.icid, rid, address)

    def recipient_refused(self, envelope: Envelope, address: str, by: str) -> None:
        self.core.stats.add("rejected_recipients")
        self.log.rcpt_rejected(envelope.id, self.icid, address, by)

    def aborted(self, envelope: Envelope) -> None:
        self.log.aborted(envelope.id, "Receiving aborted")
        self.log.finished(envelope.id, "aborted")

    def open_body(self, session: ServerProtocol, envelope: Envelope, limit: int) -> BodySink:
        # The body goes to disk as it comes (``bodies``), our Received header first (dated the
        # start of DATA); a blackhole listener keeps nothing.
        listener = self.policy.listener
        blackhole = listener is not None and listener.type == "blackhole"
        prefix = self._received_header(session) if not blackhole and (
            listener is None or listener.add_received_header) else b""
        return BodySink(self.core.spool.body_path(envelope.id), prefix, limit, keep=not blackhole)

    async def deliver(self, session: ServerProtocol, envelope: Envelope,
                      body: ReceivedBody) -> tuple[bytes, bool]:
        policy, log = self.policy, self.log
        listener = policy.listener
        if listener is not None and listener.type == "blackhole":
            # A blackhole listener accepts and discards (user guide: testing a sender's setup);
            # the abort's reason is the catalogue's (dharma412/PythonClass
            # csa/testlib/common/shell/qlogmsgs.py, mail.MAIL.MESSAGE_ABORTED.BLACKHOLE).
            log.ready(envelope.id, body.size, envelope.sender)
            log.aborted(envelope.id, "Blackhole Listener")
            log.finished(envelope.id, "aborted")
            return reply("accepted", mid=envelope.id), True
        params = policy.params
        message = QueuedMessage(
            mid=envelope.id, icid=self.icid, sender=envelope.sender,
            recipients=[Recipient(rid, address) for rid, address in enumerate(envelope.recipients)],
            size=body.size, received=time.time(),
            meta={"listener": policy.listener_name,
                  "table": "outbound" if policy.decision.action == "RELAY" else "inbound",
                  # the mail-flow policy's "Spam Detection" and "Virus Protection"
                  "spam_check": bool(params.spam_check),
                  "virus_check": bool(params.virus_check)})
        try:
            await self.core.accept(message, body)
        except Exception as error:
            body.discard()
            self.core.report_error(error)
            self.aborted(envelope)
            return reply("queue_error"), False
        return reply("accepted", mid=envelope.id), True

    def _received_header(self, session: ServerProtocol) -> bytes:
        via = f"ESMTP/TLS/{session.tls_cipher}" if session.tls_active else "ESMTP"
        date = _header_date(int(time.time()))
        return (f"Received: from {self.policy.rdns or 'unknown'} (HELO {session.helo}) "
                f"([{session.peer}])\r\n  by {self.policy.hostname()} with {via}; {date}\r\n"
                ).encode()
