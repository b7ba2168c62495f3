"""The inbound ESMTP listener: one protocol instance per connection (ICID).

Our own protocol on Twisted rather than ``twisted.mail.smtp.ESMTP`` (smtp.md §2.3): commands
are executed strictly one after another from one input buffer, so pipelined input (AsyncOS does
not advertise PIPELINING, but clients pipeline anyway) is safe even when a command waits (reverse DNS, the queue's fsync); the input buffer is discarded on STARTTLS so
nothing pipelined behind it runs, and all SMTP state is reset after the handshake; NOOP, VRFY,
HELP and the ESMTP extensions are answered and honoured.
"""
from __future__ import annotations

import asyncio
import email.utils
import re
import time
from dataclasses import dataclass, field
from typing import Optional

from twisted.internet import protocol
from twisted.internet.interfaces import IHandshakeListener
from twisted.python.failure import Failure
from zope.interface import implementer

from cluster import model, recipients, senders

from . import hygiene, tls
from .bodies import BodySink
from .queue import QueuedMessage, Recipient
from .replies import BAD_COMMAND_LIMIT, help_reply, multiline, reply
from .host import MailHost

MAX_LINE = 1000            # RFC 5321 §4.5.3.1.6, CRLF included
MAX_UNTERMINATED = 65536   # a command "line" longer than this ends the connection
_PATH = re.compile(r"^(FROM|TO):\s*<([^<>]*)>\s*(.*)$", re.I)
_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+$")


@dataclass
class Transaction:
    mid: int
    sender: str
    recipients: list[Recipient] = field(default_factory=list)


class ListenerFactory(protocol.ServerFactory):
    def __init__(self, core: MailHost, listener: str):
        self.core, self.listener = core, listener

    def buildProtocol(self, addr) -> "InboundSession":
        session = InboundSession(self.core, self.listener)
        session.factory = self
        return session


@implementer(IHandshakeListener)
class InboundSession(protocol.Protocol):
    def __init__(self, core: MailHost, listener: str):
        self.core, self.listener_name = core, listener
        self.icid = 0
        self.peer = ""
        self.rdns, self.rdns_verified = "", False
        self.decision: Optional[senders.HatDecision] = None
        self.buffer = bytearray()
        self.busy = True            # until the banner is sent
        self.closing = False
        self.helo: Optional[str] = None
        self.esmtp = False
        self.tls_pending = False
        self.tls_active = False
        self.tls_cipher = ""
        self.txn: Optional[Transaction] = None
        self.sink: Optional[BodySink] = None   # while DATA comes in
        self.messages = 0
        self.bad_commands = 0
        self.quit = False
        self.required_logged = False
        self._timers: list = []
        self._idle = None
        self._idle_timeout = 300
        self._paused = False
        self._disk_paused = False   # DATA is coming faster than its body file is written
        self.admitted = False  # holds one of the listener's connection slots
        self.on_probation = False  # greeted while full: the first command must earn a slot
        self.opened = time.monotonic()
        self.progress = time.monotonic()  # the last completed command or DATA_PROGRESS_BYTES
        self._deadline = None  # while input is pending: the next progress is due by then
        self._data_mark = 0

    # -- configuration, read at the moment it is needed (commits apply to new sessions) ----------
    @property
    def params(self) -> model.PolicyParams:
        return self.decision.params

    @property
    def listener(self) -> Optional[model.Listener]:
        return self.core.view().listeners.listeners.get(self.listener_name)

    def _max_size(self) -> int:
        return self.params.max_message_size or 10485760

    # -- connection ----------------------------------------------------------------------------
    def connectionMade(self) -> None:
        self.peer = self.transport.getPeer().host
        # Replies are whole lines written at once: Nagle would only hold back the TLS
        # handshake behind the peer's delayed ACK (40 ms per session for a one-at-a-time client).
        self.transport.setTcpNoDelay(True)
        self.core.connection_opened(self)
        asyncio.ensure_future(self._open()).add_done_callback(self._check_task)

    async def _open(self) -> None:
        self.rdns, self.rdns_verified = await self.core.reverse_dns(self.peer)
        if self.closing:
            return
        listener = self.listener
        if listener is None:  # the listener was removed while we looked up the name
            self.transport.abortConnection()
            return
        score, country = self.core.reputation(self.peer)
        host = senders.ConnectingHost(self.peer, self.rdns if self.rdns_verified else None, score)
        self.decision = senders.evaluate(listener.hat, host)
        sbrs = "None" if score is None else f"{score:.1f}"
        group = self.decision.group if self.decision.group not in ("", "ALL") else "None"
        match = self.decision.matched or "ALL"
        log = self.core.log
        if self.decision.action == "TCPREFUSE":
            # Refused before an injection connection exists, hence ICID 0 (mail-logs.md §2.2).
            log.hat(0, "TCPREFUSE", group, match, sbrs, country)
            self.closing = True
            self.transport.abortConnection()
            return
        self.icid = self.core.ids.next("icid")
        iface = self.core.view().interfaces.get(listener.interface)
        log.new_icid(self.icid, listener.interface, iface.ipv4 if iface else "", self.peer,
                     self.rdns, self.rdns_verified)
        settings = self.core.view().listeners
        self._timers.append(self.core.reactor.callLater(
            settings.max_connection_seconds, self._connection_time_exceeded))
        self._idle_timeout = settings.injection_timeout_seconds
        self._reset_idle()
        delayed = self.decision.action == "REJECT" and settings.hat_delayed_rejection
        log.hat(self.icid, "ACCEPT" if delayed else self.decision.action, group, match, sbrs,
                country)
        if self.decision.action == "REJECT" and not delayed:
            self._send(self._reject_banner())
            self._close()
            return
        if delayed:
            log.info(f"ICID {self.icid} Delayed HAT REJECT continuing session for recipient "
                     f"logging ({self.peer})")
        admitted = self.core.admit(self, listener, self.params)
        if admitted is False:
            self.give_way()
            return
        if admitted is None:  # on probation
            self._timers.append(self.core.reactor.callLater(hygiene.PROBATION_SECONDS,
                                                            self._probation_over))
        self._send(self._banner())
        self.busy = False
        self._drain()

    def _banner(self) -> bytes:
        params = self.params
        if params.smtp_banner_text:
            return f"{params.smtp_banner_code or 220} {params.smtp_banner_text}\r\n".encode()
        return reply("banner", host=params.smtp_banner_host or self.core.hostname())

    def _reject_banner(self) -> bytes:
        params = self.params
        if params.reject_banner_text:
            return f"{params.reject_banner_code or 554} {params.reject_banner_text}\r\n".encode()
        return reply("reject_banner")

    def _host(self) -> str:
        return (self.decision.params.smtp_banner_host if self.decision else None) \
            or self.core.hostname()

    def dataReceived(self, data: bytes) -> None:
        if self.closing:
            return
        self._reset_idle()
        self.buffer += data
        if self._deadline is None and self.icid:
            self._deadline = self.core.reactor.callLater(hygiene.PROGRESS_SECONDS,
                                                        self._no_progress)
        if not self.busy:
            self._drain()
        elif len(self.buffer) > MAX_UNTERMINATED and not self._paused:
            self._paused = True              # a command is running: stop reading for now
            self.transport.pauseProducing()

    def _send(self, data: bytes) -> None:
        if not self.closing:
            self.transport.write(data)

    def _close(self) -> None:
        self.closing = True
        self.transport.loseConnection()

    def _reset_idle(self) -> None:
        if self._idle is not None and self._idle.active():
            self._idle.reset(self._idle_timeout)
        elif self.icid and not self.closing:
            self._idle = self.core.reactor.callLater(self._idle_timeout, self._idle_timed_out)

    def _progressed(self) -> None:
        """A whole command line, or another DATA_PROGRESS_BYTES of a message, arrived."""
        self.progress = time.monotonic()
        if self._deadline is not None and self._deadline.active():
            if self.buffer or self.sink is not None:
                self._deadline.reset(hygiene.PROGRESS_SECONDS)
            else:
                self._deadline.cancel()
                self._deadline = None

    def _no_progress(self) -> None:
        """Input kept coming too slowly to finish a command (a drip): the slot is freed."""
        self._deadline = None
        self.core.log.receiving_failed(self.icid, "Timeout")  # our wording
        self._idle_timed_out()

    def give_way(self) -> None:
        """No slot for this session (connection limits)."""
        self.core.log.receiving_failed(self.icid, "Connection limit exceeded")
        self._send(reply("concurrency"))
        self._close()

    def _probation_over(self) -> None:
        if self.on_probation and not self.closing and not self.core.promote(self):
            self.give_way()

    def reclaim(self) -> None:
        """A new connection needs this session's slot: it has made no progress for long."""
        self.core.log.receiving_failed(self.icid, "Connection slot reclaimed")  # our wording
        self._idle_timed_out()

    def _idle_timed_out(self) -> None:
        self._send(reply("timeout", host=self._host()))
        self._close()

    def _connection_time_exceeded(self) -> None:
        self.core.log.icid_timeout(self.icid, self.peer)
        self._send(reply("connection_time"))
        self._close()

    def connectionLost(self, reason: Failure = protocol.connectionDone) -> None:
        was_closing = self.closing
        self.closing = True
        for timer in self._timers + [self._idle, self._deadline]:
            if timer is not None and timer.active():
                timer.cancel()
        self.core.connection_closed(self)
        if not self.icid:
            return
        log = self.core.log
        if self.tls_pending:
            log.icid_tls_failed(self.icid, tls.failure_detail(reason))
        if self.sink is not None:
            self.sink.discard()
            self.sink = None
        if self.txn is not None:
            self._abort_transaction()
        if not was_closing and not self.quit:
            log.icid_lost(self.icid)
        log.icid_close(self.icid)

    # -- the command loop ----------------------------------------------------------------------
    def _drain(self) -> None:
        """Run buffered commands one at a time until one has to wait or input runs out."""
        while not self.busy and not self.closing:
            if self.sink is not None:
                if not self._take_data():
                    return
                continue
            end = self.buffer.find(b"\n")
            if end < 0:
                if len(self.buffer) > MAX_UNTERMINATED:
                    self._send(reply("line_too_long"))
                    self._close()
                return
            line = bytes(self.buffer[:end + 1])
            del self.buffer[:end + 1]
            self._progressed()
            if self.on_probation and not self.core.promote(self):
                self.give_way()
                return
            if len(line) > MAX_LINE:
                self._send(reply("line_too_long"))
                continue
            self._command(line.rstrip(b"\r\n").decode("utf-8", "replace"))
        if self._paused and not self.busy and not self.closing:
            self._paused = False
            if not self._disk_paused:
                self.transport.resumeProducing()

    def _wait_for(self, coroutine) -> None:
        """Hold further commands until ``coroutine`` finishes (PIPELINING stays in order)."""
        self.busy = True

        def done(task: asyncio.Task) -> None:
            self._check_task(task)
            self.busy = False
            self._drain()
        asyncio.ensure_future(coroutine).add_done_callback(done)

    def _check_task(self, task: asyncio.Task) -> None:
        if not task.cancelled() and task.exception() is not None:
            self.core.report_error(task.exception())
            if not self.closing:
                self.transport.abortConnection()

    def _command(self, line: str) -> None:
        verb, _, rest = line.strip().partition(" ")
        handler = getattr(self, f"do_{verb.upper()}", None) if verb.isalpha() else None
        if handler is None:
            self._bad_command()
            return
        handler(rest.strip())

    def _bad_command(self) -> None:
        self.bad_commands += 1
        if self.bad_commands > BAD_COMMAND_LIMIT:
            self._send(reply("bad_command_limit"))
            self._close()
        else:
            self._send(reply("unknown"))

    # -- commands ------------------------------------------------------------------------------
    def do_HELO(self, rest: str) -> None:
        if not rest:
            self._send(reply("helo_domain"))
            return
        self._reset(helo=rest, esmtp=False)
        self._send(reply("helo", host=self._host()))

    def do_EHLO(self, rest: str) -> None:
        if not rest:
            self._send(reply("ehlo_domain"))
            return
        self._reset(helo=rest, esmtp=True)
        # IronPort's keywords and order (replies.py: T214630, and a 2026 transcript of an ESA
        # offering STARTTLS after SIZE); no PIPELINING, no ENHANCEDSTATUSCODES.
        lines = [self._host(), "8BITMIME", f"SIZE {self._max_size()}"]
        if self._tls_offered():
            lines.append("STARTTLS")
        self._send(multiline(250, lines))

    def _tls_offered(self) -> bool:
        return (not self.tls_active and (self.params.tls or "off") != "off"
                and self.core.server_tls(self.listener_name) is not None)

    def do_STARTTLS(self, rest: str) -> None:
        if rest:
            self._send(reply("syntax"))
        elif self.tls_active:
            self._send(reply("tls_twice"))
        elif not self._tls_offered():
            self._send(reply("tls_unavailable"))
        elif self.core.tls_sessions() >= self.core.view().listeners.max_tls_connections:
            self._send(reply("tls_unavailable"))  # the appliance's TLS connection limit
        else:
            context = self.core.server_tls(self.listener_name)
            self._send(reply("starttls"))
            # RFC 3207 §4.2 and CVE-2011-0411: forget everything, run nothing sent before TLS.
            del self.buffer[:]
            self._reset(helo=None, esmtp=False)
            self.tls_pending = True
            self.transport.startTLS(context)

    def handshakeCompleted(self) -> None:
        self.tls_pending, self.tls_active = False, True
        protocol_name, cipher = tls.negotiated(self.transport.getHandle())
        self.tls_cipher = cipher
        self.core.log.icid_tls_success(self.icid, protocol_name, cipher)

    def do_MAIL(self, rest: str) -> None:
        if self.helo is None:
            self._send(reply("need_helo"))
            return
        if (self.params.tls or "off") == "required" and not self.tls_active:
            if not self.required_logged:
                self.required_logged = True
                self.core.log.icid_tls_required(self.icid)
            self._send(reply("tls_required"))
            return
        if self.txn is not None:
            self._send(reply("nested_mail"))
            return
        match = _PATH.match(rest)
        if match is None or match.group(1).upper() != "FROM":
            self._send(reply("syntax"))
            return
        sender = _strip_route(match.group(2).strip())
        if sender and not _ADDRESS.match(sender) or not hygiene.plain_address(sender):
            self._send(reply("bad_sender"))
            return
        error = self._mail_params(match.group(3))
        if error:
            self._send(error)
            return
        limit = self.params.max_msgs_per_session
        if limit and self.messages >= limit:
            self.core.log.receiving_failed(self.icid, "Too Many Messages")
            self._send(reply("too_many_msgs"))     # a 421: the appliance closes the connection
            self._close()
            return
        mid = self.core.ids.next("mid")
        self.txn = Transaction(mid, sender)
        log = self.core.log
        log.start_mid(mid, self.icid)
        log.mail_from(mid, self.icid, sender)
        self._send(reply("mail_ok", address=sender))

    def _mail_params(self, text: str) -> Optional[bytes]:
        for param in text.split():
            key, _, value = param.partition("=")
            key = key.upper()
            if key == "SIZE" and self.esmtp:
                if not value.isdigit():
                    return reply("syntax")
                if int(value) > self._max_size():
                    return reply("too_big")
            elif key == "BODY" and self.esmtp:
                if value.upper() not in ("7BIT", "8BITMIME"):
                    return reply("syntax")
            else:
                return reply("bad_param", param=param)
        return None

    def do_RCPT(self, rest: str) -> None:
        if self.txn is None:
            self._send(reply("need_mail"))
            return
        match = _PATH.match(rest)
        if match is None or match.group(1).upper() != "TO":
            self._send(reply("syntax"))
            return
        if match.group(3).strip():
            self._send(reply("bad_param", param=match.group(3).strip()))
            return
        address = _strip_route(match.group(2).strip())
        listener = self.listener
        if address and "@" not in address and listener is not None and listener.default_domain:
            address = f"{address}@{listener.default_domain}"
        if not _ADDRESS.match(address) or not hygiene.plain_address(address):
            self._send(reply("bad_recipient"))
            return
        limit = self.params.max_rcpts_per_msg
        if limit and len(self.txn.recipients) >= limit:
            self._send(reply("too_many_rcpts"))
            return
        refusal = self._rat(listener, address)
        log = self.core.log
        if refusal is not None:
            self.core.stats.add("rejected_recipients")
            log.rcpt_rejected(self.txn.mid, self.icid, address, "RAT" if self.decision.action != "REJECT"
                              else "HAT")
            self._send(refusal)
            return
        rid = len(self.txn.recipients)
        self.txn.recipients.append(Recipient(rid, address))
        log.rcpt_to(self.txn.mid, self.icid, rid, address)
        self._send(reply("rcpt_ok", address=address))

    def _rat(self, listener: Optional[model.Listener], address: str) -> Optional[bytes]:
        """The refusal for ``address``, None to accept.  Relayed senders and private listeners
        skip the RAT; a delayed HAT REJECT refuses every recipient."""
        if self.decision.action == "REJECT":
            return self._reject_banner()
        if listener is None or listener.type != "public" or self.decision.action == "RELAY":
            return None
        entry = recipients.lookup(listener.rat, address)
        if entry is not None and entry.action == "ACCEPT":
            return None
        if entry is not None and entry.smtp_text:
            return f"{entry.smtp_code or 550} {entry.smtp_text}\r\n".encode()
        return reply("rat_reject")

    def do_DATA(self, rest: str) -> None:
        if self.txn is None:
            self._send(reply("need_mail"))
        elif not self.txn.recipients:
            self._send(reply("need_rcpt"))
        elif rest:
            self._send(reply("syntax"))
        else:
            # The body goes to disk as it comes (``bodies``), our Received header first; a
            # blackhole listener keeps nothing.
            listener = self.listener
            blackhole = listener is not None and listener.type == "blackhole"
            prefix = self._received_header() if not blackhole and (
                listener is None or listener.add_received_header) else b""
            self.sink = BodySink(self.core.spool.body_path(self.txn.mid), prefix,
                                 self._max_size(), keep=not blackhole)
            self._data_mark = 0
            self._send(reply("data"))

    def _take_data(self) -> bool:
        """Move buffered input into the message; True once ``CRLF.CRLF`` ended it."""
        sink = self.sink
        rest = sink.feed(bytes(self.buffer))
        del self.buffer[:]
        if rest is None:
            if sink.received - self._data_mark >= hygiene.DATA_PROGRESS_BYTES:
                self._data_mark = sink.received
                self._progressed()
            if sink.congested and not self._disk_paused:
                self._disk_paused = True         # until the body file has caught up
                self.transport.pauseProducing()
                sink.when_drained(self._disk_caught_up)
            return False
        self.buffer[:0] = rest
        self.sink = None
        self._progressed()
        self._wait_for(self._finish(sink))
        return True

    def _disk_caught_up(self) -> None:
        self._disk_paused = False
        if not self._paused and not self.closing:
            self.transport.resumeProducing()

    async def _finish(self, sink: BodySink) -> None:
        txn, self.txn = self.txn, None
        log = self.core.log
        try:
            body = await sink.finish()
        except OSError as error:          # the disk is full: refuse, keep serving
            self.core.report_error(error)
            self._end_aborted(txn)
            self._send(reply("queue_error"))
            return
        if sink.too_big:
            log.receiving_failed(self.icid, "Message size exceeds limit")
            self._end_aborted(txn)
            self._send(reply("too_big"))
            return
        header_limit = self.core.view().listeners.max_header_lines
        if header_limit and body.header_lines > header_limit:
            body.discard()
            log.receiving_failed(self.icid, "Too many header lines")  # our wording
            self._end_aborted(txn)
            self._send(reply("too_many_headers"))
            return
        if not sink.keep:
            # A blackhole listener accepts and discards (user guide: testing a sender's setup).
            log.ready(txn.mid, body.size, txn.sender)
            log.finished(txn.mid)
            self.messages += 1
            self._send(reply("accepted", mid=txn.mid))
            return
        message = QueuedMessage(
            mid=txn.mid, icid=self.icid, sender=txn.sender, recipients=txn.recipients,
            size=body.size, received=time.time(),
            meta={"listener": self.listener_name,
                  "table": "outbound" if self.decision.action == "RELAY" else "inbound",
                  # the mail-flow policy's "Spam Detection" and "Virus Protection"
                  "spam_check": bool(self.params.spam_check),
                  "virus_check": bool(self.params.virus_check)})
        try:
            await self.core.accept(message, body)
        except Exception as error:
            body.discard()
            self.core.report_error(error)
            self._end_aborted(txn)
            self._send(reply("queue_error"))
            return
        self.messages += 1
        self._send(reply("accepted", mid=txn.mid))

    def _received_header(self) -> bytes:
        via = f"ESMTP/TLS/{self.tls_cipher}" if self.tls_active else "ESMTP"
        date = email.utils.formatdate(localtime=True)
        return (f"Received: from {self.rdns or 'unknown'} (HELO {self.helo}) ([{self.peer}])\r\n"
                f"  by {self.core.hostname()} with {via}; {date}\r\n").encode()

    def _end_aborted(self, txn: Transaction) -> None:
        self.core.log.aborted(txn.mid, "Receiving aborted")
        self.core.log.finished(txn.mid, "aborted")

    def _abort_transaction(self) -> None:
        txn, self.txn = self.txn, None
        if txn is not None:
            self._end_aborted(txn)

    def do_RSET(self, rest: str) -> None:
        self._abort_transaction()
        self._send(reply("rset"))

    def do_NOOP(self, rest: str) -> None:
        self._send(reply("noop"))

    def do_VRFY(self, rest: str) -> None:
        self._send(reply("vrfy") if rest else reply("syntax"))

    def do_HELP(self, rest: str) -> None:
        self._send(help_reply(starttls=self._tls_offered()))

    def do_QUIT(self, rest: str) -> None:
        self.quit = True
        self._send(reply("quit", host=self._host()))
        self._close()

    def _reset(self, helo: Optional[str], esmtp: bool) -> None:
        self._abort_transaction()
        self.helo, self.esmtp = helo, esmtp


def _strip_route(address: str) -> str:
    """``@a,@b:user@example.com`` -> ``user@example.com`` (RFC 5321 source routes)."""
    if address.startswith("@") and ":" in address:
        return address.split(":", 1)[1]
    return address
