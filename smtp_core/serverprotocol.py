"""The ESMTP server protocol machine: it only speaks SMTP, and asks a policy and a sink.

One instance per connection.  The machine does line framing, command parsing and state, DATA
streamed into a ``BodySink`` (dot-unstuffing, size limits, the body spooled to disk as it comes), the STARTTLS reset, the bad-command limit and the timers;
what to answer and what to allow it asks its ``ServerPolicy`` (the listener's HAT, mail-flow
parameters, limits, TLS), and what happens to connections, transactions and messages it tells
its ``ServerSink`` (ids, the queue, mail logs, counters) -- as aiosmtpd hands a handler each
command.  Both are per-connection objects given at construction, so the machine runs on
``StringTransport`` and ``task.Clock`` in tests, and the lab peer reuses it with its own.

Our own protocol rather than ``twisted.mail.smtp.ESMTP`` (smtp.md §2.3): commands run strictly
one after another from one input buffer, so pipelined input (AsyncOS does not advertise
PIPELINING, but clients pipeline anyway) is safe even when a command waits (reverse DNS, the
queue's fsync); the input buffer is discarded on STARTTLS so nothing pipelined behind it runs,
and all SMTP state is reset after the handshake (RFC 3207 §4.2, CVE-2011-0411).

Timers: each connection asks the ``Watchdog`` (one per listener) to wake it by its earliest
deadline (connection time, idle, progress, probation), and at most ``PROGRESS_SECONDS`` ahead,
so that the progress deadline input arms is never sooner.  Input only moves deadlines later,
which costs nothing; a connection woken before a deadline that moved asks again.  The watchdog
keeps the connections in a heap under one reactor timer: a Twisted timer per connection costs
more than the rest of a short session's timekeeping together.
"""
from __future__ import annotations

import asyncio
import heapq
import inspect
import itertools
import re
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Mapping, Optional, Protocol, Union

from twisted.internet import protocol
from twisted.internet.interfaces import IHandshakeListener, IReactorTime
from twisted.python.failure import Failure
from zope.interface import implementer

from . import hygiene, tls
from .bodies import BodySink, ReceivedBody
from .replies import multiline, render

MAX_LINE = 1000            # RFC 5321 §4.5.3.1.6, CRLF included
MAX_UNTERMINATED = 65536   # a command "line" longer than this ends the connection
_PATH = re.compile(r"^(FROM|TO):\s*<([^<>]*)>\s*(.*)$", re.I)
_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+$")

# Reply id -> text: the replies the machine sends itself (``replies.TEXTS`` is the appliance's,
# and says what each id means).
Dialect = Mapping[str, str]


# -- what the machine asks and tells --------------------------------------------------------------
@dataclass
class Greeting:
    """The policy's answer to a new connection."""
    banner: bytes = b""           # the 220 (or the 554 of a rejection)
    refuse: bool = False          # close at once without a word (TCPREFUSE)
    reject: bool = False          # send ``banner`` and close
    idle_seconds: float = 300.0   # no input for this long ends the session
    max_seconds: Optional[float] = None   # the whole connection's time limit


@dataclass
class TlsAnswer:
    """The policy's answer to STARTTLS: a context to start TLS with, or a refusal."""
    context: Any = None           # twisted.internet.ssl.CertificateOptions
    refusal: bytes = b""          # sent instead when there is no context
    close: bool = False           # close after the refusal


@dataclass
class Refusal:
    """A recipient refused: the reply, and by what (``RAT``, ``HAT``) for the log."""
    reply: bytes
    by: str


@dataclass
class Envelope:
    """One transaction: the sink's id for it (the MID), the reverse path and recipients."""
    id: int
    sender: str
    recipients: list[str] = field(default_factory=list)


class ServerPolicy(Protocol):
    """What a connection may do.  One object per connection."""
    dialect: Dialect
    bad_command_limit: int         # unrecognised commands allowed; the next one ends it
    reply_delay: float             # seconds every reply is held back (a slow peer); 0: none

    def greet(self, peer: str) -> Union[Optional[Greeting], Awaitable[Optional[Greeting]]]:
        """None: the listener went away (the connection is aborted without a word)."""
    def admit(self) -> Optional[bool]:
        """A slot: True, refused: False, on probation (must earn one with a command): None."""
    def promote(self) -> bool: ...
    def probation_seconds(self) -> float: ...
    def host(self) -> str: ...
    def ehlo_refusal(self) -> Optional[bytes]: ...
    def extensions(self, tls_offered: bool) -> list[str]: ...
    def help(self, tls_offered: bool) -> bytes: ...
    def max_size(self) -> int: ...
    def tls_offered(self) -> bool: ...
    def starttls(self) -> TlsAnswer: ...
    def tls_required(self) -> bool: ...
    def mail_parameters(self, text: str, esmtp: bool) -> Optional[bytes]: ...
    def message_limit(self) -> int: ...
    def qualify(self, address: str) -> str: ...
    def rcpt_parameters(self, text: str) -> Optional[bytes]: ...
    def recipient_limit(self) -> int: ...
    def check_recipient(self, address: str) -> Optional[Refusal]: ...
    def header_limit(self) -> int: ...
    def hangs_up_after(self, verb: str) -> bool: ...


class ServerSink(Protocol):
    """What becomes of the connection, its transactions and messages.  One per connection."""

    def opened(self) -> None: ...
    def greeted(self, greeting: Greeting) -> None: ...
    def command(self, line: str) -> None: ...
    def tls_started(self, protocol_name: str, cipher: str) -> None: ...
    def tls_failed(self, reason: Failure) -> None: ...
    def tls_required_refused(self) -> None: ...
    def receiving_failed(self, reason: str) -> None: ...
    def connection_time_exceeded(self) -> None: ...
    def begin(self, sender: str) -> int: ...
    def recipient_accepted(self, envelope: Envelope, rid: int, address: str) -> None: ...
    def recipient_refused(self, envelope: Envelope, address: str, by: str) -> None: ...
    def open_body(self, session: "ServerProtocol", envelope: Envelope, limit: int) -> BodySink:
        """Where the message's DATA goes as it comes (``limit``: the size allowed)."""
    def deliver(self, session: "ServerProtocol", envelope: Envelope, body: ReceivedBody
                ) -> Union[tuple[bytes, bool], Awaitable[tuple[bytes, bool]]]:
        """(reply, accepted): accepted messages count against the session's limit."""
    def aborted(self, envelope: Envelope) -> None: ...
    def closed(self, greeted: bool, lost: bool) -> None: ...
    def report_error(self, error: BaseException) -> None: ...


@implementer(IHandshakeListener)
class ServerProtocol(protocol.Protocol):
    def __init__(self, policy: ServerPolicy, sink: ServerSink, clock: IReactorTime,
                 watchdog: Optional["Watchdog"] = None):
        self.policy, self.sink, self.clock = policy, sink, clock
        self.dialect = policy.dialect
        self.peer = ""
        self.buffer = bytearray()
        self.busy = True            # until the banner is sent
        self.closing = False
        self.greeted = False        # the policy let the connection in (the sink logged it)
        self.helo: Optional[str] = None
        self.esmtp = False
        self.tls_pending = False
        self.tls_active = False
        self.tls_cipher = ""
        self.envelope: Optional[Envelope] = None
        self.body: Optional[BodySink] = None     # while DATA comes in
        self.messages = 0
        self.bad_commands = 0
        self.quit = False
        self.on_probation = False   # greeted while full: the first command must earn a slot
        self._paused = False
        self._disk_paused = False   # DATA is coming faster than its body file is written
        self._data_mark = 0
        now = clock.seconds()
        self.opened = now
        self.progress = now         # the last completed command or DATA_PROGRESS_BYTES
        self._idle_seconds = 300.0
        # deadlines (clock seconds, None: not armed) and the one watchdog call
        self._idle_at: Optional[float] = None
        self._progress_at: Optional[float] = None   # while input is pending
        self._ends_at: Optional[float] = None       # the connection's time limit
        self._probation_at: Optional[float] = None
        self.watchdog = watchdog or Watchdog(clock)
        self.wake_at: Optional[float] = None        # when the watchdog wakes us
        self.wake_token: Optional[int] = None

    # -- connection ----------------------------------------------------------------------------
    def connectionMade(self) -> None:
        self.peer = self.transport.getPeer().host
        no_delay = getattr(self.transport, "setTcpNoDelay", None)   # TCP transports have it
        if no_delay is not None:
            # Replies are whole lines written at once: Nagle would only hold back the TLS
            # handshake behind the peer's delayed ACK (40 ms per session for a one-at-a-time
            # client).
            no_delay(True)
        self.sink.opened()
        try:
            self._then(self.policy.greet(self.peer), self._greet)
        except Exception as error:
            self._fail(error)

    def _greet(self, greeting: Optional[Greeting]) -> None:
        if self.closing:
            return
        if greeting is None:
            self.closing = True
            self.transport.abortConnection()
            return
        if greeting.refuse:
            self.sink.greeted(greeting)
            self.closing = True
            self.transport.abortConnection()
            return
        self.greeted = True
        self.sink.greeted(greeting)
        now = self.clock.seconds()
        if greeting.max_seconds is not None:
            self._ends_at = now + greeting.max_seconds
        self._idle_seconds = greeting.idle_seconds
        self._idle_at = now + greeting.idle_seconds
        self._watch()
        if greeting.reject:
            self._send(greeting.banner)
            self._close()
            return
        admitted = self.policy.admit()
        if admitted is False:
            self.give_way()
            return
        if admitted is None:
            self.on_probation = True
            self._probation_at = now + self.policy.probation_seconds()
            self._watch()
        self._send(greeting.banner)
        self.busy = False
        self._drain()

    def dataReceived(self, data: bytes) -> None:
        if self.closing:
            return
        self.buffer += data
        if self.greeted:
            now = self.clock.seconds()
            self._idle_at = now + self._idle_seconds
            if self._progress_at is None:
                # The watchdog, armed at most PROGRESS_SECONDS ahead, is due by then already.
                self._progress_at = now + hygiene.PROGRESS_SECONDS
        if not self.busy:
            self._drain()
        elif len(self.buffer) > MAX_UNTERMINATED and not self._paused:
            self._paused = True              # a command is running: stop reading for now
            self.transport.pauseProducing()

    def reply(self, reply_id: str, **values: object) -> None:
        self._send(render(self.dialect, reply_id, **values))

    def _send(self, data: bytes) -> None:
        if self.closing:
            return
        if self.policy.reply_delay:
            self.clock.callLater(self.policy.reply_delay, self.transport.write, data)
        else:
            self.transport.write(data)

    def _close(self) -> None:
        self.closing = True
        self.transport.loseConnection()

    def _progressed(self) -> None:
        """A whole command line, or another DATA_PROGRESS_BYTES of a message, arrived."""
        self.progress = now = self.clock.seconds()
        if self._progress_at is not None:
            if self.buffer or self.body is not None:
                self._progress_at = now + hygiene.PROGRESS_SECONDS
            else:
                self._progress_at = None

    # -- the watchdog --------------------------------------------------------------------------
    def _next_deadline(self) -> Optional[float]:
        armed = [t for t in (self._ends_at, self._idle_at, self._progress_at,
                             self._probation_at) if t is not None]
        return min(armed) if armed else None

    def _watch(self) -> None:
        """Have the watchdog wake us by the earliest deadline, and within PROGRESS_SECONDS."""
        if self.closing:
            return
        now = self.clock.seconds()
        due = self._next_deadline()
        due = min(due, now + hygiene.PROGRESS_SECONDS) if due is not None else (
            now + hygiene.PROGRESS_SECONDS)
        if self.wake_at is not None and self.wake_at <= due:
            return
        self.wake_at = due
        self.wake_token = self.watchdog.wake(due, self)

    def wake(self) -> None:
        """The watchdog's call: act on the deadlines that have passed."""
        self.wake_at = self.wake_token = None
        if self.closing:
            return
        now = self.clock.seconds()
        if self._ends_at is not None and now >= self._ends_at:
            self._ends_at = None
            self.sink.connection_time_exceeded()
            self.reply("connection_time")
            self._close()
        elif self._progress_at is not None and now >= self._progress_at:
            # Input kept coming too slowly to finish a command (a drip): the slot is freed.
            self._progress_at = None
            self.sink.receiving_failed("Timeout")  # our wording
            self._idle_timed_out()
        elif self._idle_at is not None and now >= self._idle_at:
            self._idle_timed_out()
        elif self._probation_at is not None and now >= self._probation_at:
            self._probation_at = None
            if self.on_probation and not self.policy.promote():
                self.give_way()
        self._watch()

    def give_way(self) -> None:
        """No slot for this session (connection limits)."""
        self.sink.receiving_failed("Connection limit exceeded")
        self.reply("concurrency")
        self._close()

    def reclaim(self) -> None:
        """A new connection needs this session's slot: it has made no progress for long."""
        self.sink.receiving_failed("Connection slot reclaimed")  # our wording
        self._idle_timed_out()

    def _idle_timed_out(self) -> None:
        self.reply("timeout", host=self.policy.host())
        self._close()

    def connectionLost(self, reason: Failure = protocol.connectionDone) -> None:
        was_closing = self.closing
        self.closing = True
        if self.wake_token is not None:
            self.wake_token = self.wake_at = None
            self.watchdog.forget()
        if self.body is not None:
            self.body.discard()
            self.body = None
        if self.greeted:
            if self.tls_pending:
                self.sink.tls_failed(reason)
            if self.envelope is not None:
                self._abort_transaction()
        self.sink.closed(self.greeted, not was_closing and not self.quit)

    # -- the command loop ----------------------------------------------------------------------
    def _drain(self) -> None:
        """Run buffered commands one at a time until one has to wait or input runs out."""
        while not self.busy and not self.closing:
            if self.body is not None:
                if not self._take_data():
                    return
                continue
            end = self.buffer.find(b"\n")
            if end < 0:
                if len(self.buffer) > MAX_UNTERMINATED:
                    self.reply("line_too_long")
                    self._close()
                return
            line = bytes(self.buffer[:end + 1])
            del self.buffer[:end + 1]
            self._progressed()
            if self.on_probation:
                if not self.policy.promote():
                    self.give_way()
                    return
                self.on_probation = False
                self._probation_at = None
            if len(line) > MAX_LINE:
                self.reply("line_too_long")
                continue
            self._command(line.rstrip(b"\r\n").decode("utf-8", "replace"))
        if self._paused and not self.busy and not self.closing:
            self._paused = False
            if not self._disk_paused:
                self.transport.resumeProducing()

    def _then(self, result: Any, proceed: Callable[[Any], None]) -> None:
        """``proceed(result)`` now, or once an awaitable ``result`` is done; further commands
        wait meanwhile (PIPELINING stays in order)."""
        if not inspect.isawaitable(result):
            proceed(result)
            return
        self.busy = True

        def done(task: asyncio.Future) -> None:
            if task.cancelled():
                return
            try:
                outcome = task.result()
                self.busy = False
                proceed(outcome)
                self._drain()
            except Exception as error:
                self._fail(error)
        asyncio.ensure_future(result).add_done_callback(done)

    def _fail(self, error: BaseException) -> None:
        """A fault in the policy or the sink: reported, and the connection dropped."""
        self.sink.report_error(error)
        if not self.closing:
            self.transport.abortConnection()

    def _command(self, line: str) -> None:
        self.sink.command(line)
        verb, _, rest = line.strip().partition(" ")
        verb = verb.upper()
        handler = _COMMANDS.get(verb) if verb.isalpha() else None
        if handler is None:
            self._bad_command()
            return
        handler(self, rest.strip())
        if not self.closing and self.policy.hangs_up_after(verb):
            self._close()

    def _bad_command(self) -> None:
        self.bad_commands += 1
        if self.bad_commands > self.policy.bad_command_limit:
            self.reply("bad_command_limit")
            self._close()
        else:
            self.reply("unknown")

    # -- commands ------------------------------------------------------------------------------
    def do_HELO(self, rest: str) -> None:
        if not rest:
            self.reply("helo_domain")
            return
        self._reset(helo=rest, esmtp=False)
        self.reply("helo", host=self.policy.host())

    def do_EHLO(self, rest: str) -> None:
        refusal = self.policy.ehlo_refusal()
        if refusal is not None:
            self._send(refusal)
            return
        if not rest:
            self.reply("ehlo_domain")
            return
        self._reset(helo=rest, esmtp=True)
        offered = self._tls_offered()
        self._send(multiline(250, [self.policy.host(), *self.policy.extensions(offered)]))

    def _tls_offered(self) -> bool:
        return not self.tls_active and self.policy.tls_offered()

    def do_STARTTLS(self, rest: str) -> None:
        if rest:
            self.reply("syntax")
            return
        if self.tls_active:
            self.reply("tls_twice")
            return
        answer = self.policy.starttls()
        if answer.context is None:
            self._send(answer.refusal)
            if answer.close:
                self._close()
            return
        self.reply("starttls")
        del self.buffer[:]
        self._reset(helo=None, esmtp=False)
        self.tls_pending = True
        self.transport.startTLS(answer.context)

    def handshakeCompleted(self) -> None:
        self.tls_pending, self.tls_active = False, True
        protocol_name, cipher = tls.negotiated(self.transport.getHandle())
        self.tls_cipher = cipher
        self.sink.tls_started(protocol_name, cipher)

    def do_MAIL(self, rest: str) -> None:
        if self.helo is None:
            self.reply("need_helo")
            return
        if not self.tls_active and self.policy.tls_required():
            self.sink.tls_required_refused()
            self.reply("tls_required")
            return
        if self.envelope is not None:
            self.reply("nested_mail")
            return
        match = _PATH.match(rest)
        if match is None or match.group(1).upper() != "FROM":
            self.reply("syntax")
            return
        sender = _strip_route(match.group(2).strip())
        if sender and not _ADDRESS.match(sender) or not hygiene.plain_address(sender):
            self.reply("bad_sender")
            return
        error = self.policy.mail_parameters(match.group(3), self.esmtp)
        if error is not None:
            self._send(error)
            return
        limit = self.policy.message_limit()
        if limit and self.messages >= limit:
            self.sink.receiving_failed("Too Many Messages")
            self.reply("too_many_msgs")     # a 421: the appliance closes the connection
            self._close()
            return
        self.envelope = Envelope(self.sink.begin(sender), sender)
        self.reply("mail_ok", address=sender)

    def do_RCPT(self, rest: str) -> None:
        envelope = self.envelope
        if envelope is None:
            self.reply("need_mail")
            return
        match = _PATH.match(rest)
        if match is None or match.group(1).upper() != "TO":
            self.reply("syntax")
            return
        error = self.policy.rcpt_parameters(match.group(3).strip())
        if error is not None:
            self._send(error)
            return
        address = self.policy.qualify(_strip_route(match.group(2).strip()))
        if not _ADDRESS.match(address) or not hygiene.plain_address(address):
            self.reply("bad_recipient")
            return
        limit = self.policy.recipient_limit()
        if limit and len(envelope.recipients) >= limit:
            self.reply("too_many_rcpts")
            return
        refusal = self.policy.check_recipient(address)
        if refusal is not None:
            self.sink.recipient_refused(envelope, address, refusal.by)
            self._send(refusal.reply)
            return
        rid = len(envelope.recipients)
        envelope.recipients.append(address)
        self.sink.recipient_accepted(envelope, rid, address)
        self.reply("rcpt_ok", address=address)

    def do_DATA(self, rest: str) -> None:
        if self.envelope is None:
            self.reply("need_mail")
        elif not self.envelope.recipients:
            self.reply("need_rcpt")
        elif rest:
            self.reply("syntax")
        else:
            self.body = self.sink.open_body(self, self.envelope, self.policy.max_size())
            self._data_mark = 0
            self.reply("data")

    def _take_data(self) -> bool:
        """Move buffered input into the message; True once ``CRLF.CRLF`` ended it."""
        sink = self.body
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
        self.body = None
        self._progressed()
        envelope, self.envelope = self.envelope, None
        at_once = sink.finish_in_memory()
        self._then(at_once if at_once is not None else self._complete(sink),
                   lambda body: self._finish(envelope, sink, body))
        return True

    def _disk_caught_up(self) -> None:
        self._disk_paused = False
        if not self._paused and not self.closing:
            self.transport.resumeProducing()

    async def _complete(self, sink: BodySink) -> Optional[ReceivedBody]:
        """The body once it is safe on disk; None when the disk failed (full: refuse, serve on)."""
        try:
            return await sink.finish()
        except OSError as error:
            self.sink.report_error(error)
            return None

    def _finish(self, envelope: Envelope, sink: BodySink, body: Optional[ReceivedBody]) -> None:
        if body is None:
            self.sink.aborted(envelope)
            self.reply("queue_error")
            return
        if sink.too_big:
            self._refuse_message(envelope, "Message size exceeds limit", "too_big")
            return
        limit = self.policy.header_limit()
        if limit and body.header_lines > limit:
            body.discard()
            # the catalogue's one reason for a header over the limit (dharma412/PythonClass
            # csa/testlib/common/shell/qlogmsgs.py, MAIL.IMH.INJECTION_FAILED.HEADER_TOO_BIG)
            self._refuse_message(envelope, "Message header too big", "too_many_headers")
            return
        self._then(self.sink.deliver(self, envelope, body), self._delivered)

    def _delivered(self, outcome: tuple[bytes, bool]) -> None:
        reply, accepted = outcome
        if accepted:
            self.messages += 1
        self._send(reply)

    def _refuse_message(self, envelope: Envelope, reason: str, reply_id: str) -> None:
        self.sink.receiving_failed(reason)
        self.sink.aborted(envelope)
        self.reply(reply_id)

    def _abort_transaction(self) -> None:
        envelope, self.envelope = self.envelope, None
        if envelope is not None:
            self.sink.aborted(envelope)

    def do_RSET(self, rest: str) -> None:
        self._abort_transaction()
        self.reply("rset")

    def do_NOOP(self, rest: str) -> None:
        self.reply("noop")

    def do_VRFY(self, rest: str) -> None:
        self.reply("vrfy" if rest else "syntax")

    def do_HELP(self, rest: str) -> None:
        self._send(self.policy.help(self._tls_offered()))

    def do_QUIT(self, rest: str) -> None:
        self.quit = True
        self.reply("quit", host=self.policy.host())
        self._close()

    def _reset(self, helo: Optional[str], esmtp: bool) -> None:
        self._abort_transaction()
        self.helo, self.esmtp = helo, esmtp


class Watchdog:
    """Wakes connections at their deadlines, under one reactor timer that fires at most once
    per ``SLACK`` seconds (a wake-up may come that much late, never early)."""

    SLACK = 0.05

    def __init__(self, clock: IReactorTime):
        self.clock = clock
        self._heap: list[tuple[float, int, ServerProtocol]] = []
        self._serial = itertools.count()
        self._waiting = 0          # connections with a wake-up pending (the rest are stale)
        self._call: Any = None

    def wake(self, when: float, session: ServerProtocol) -> int:
        """Wake ``session`` at ``when`` (``session.wake()``) unless it asks again meanwhile;
        returns the token that tells this request from its older ones."""
        if session.wake_token is None:
            self._waiting += 1
        token = next(self._serial)
        heapq.heappush(self._heap, (when, token, session))
        if len(self._heap) > 2 * self._waiting + 64:
            self._heap = [e for e in self._heap if e[2].wake_token == e[1] or e[1] == token]
            heapq.heapify(self._heap)
        if self._call is None:
            self._schedule(when)
        elif self._call.getTime() > when:
            self._call.cancel()
            self._schedule(when)
        return token

    def forget(self) -> None:
        """A connection with a wake-up pending closed (its heap entry goes stale)."""
        self._waiting -= 1

    def _schedule(self, when: float) -> None:
        self._call = self.clock.callLater(max(0.0, when - self.clock.seconds()), self._fire)

    def _fire(self) -> None:
        self._call = None
        now = self.clock.seconds()
        heap = self._heap
        while heap and heap[0][0] <= now:
            _, token, session = heapq.heappop(heap)
            if session.wake_token == token:
                self._waiting -= 1
                session.wake()
        if heap and self._call is None:
            self._schedule(max(heap[0][0], now + self.SLACK))


_COMMANDS: dict[str, Callable[[ServerProtocol, str], None]] = {
    name[3:]: method for name, method in vars(ServerProtocol).items() if name.startswith("do_")}


def _strip_route(address: str) -> str:
    """``@a,@b:user@example.com`` -> ``user@example.com`` (RFC 5321 source routes)."""
    if address.startswith("@") and ":" in address:
        return address.split(":", 1)[1]
    return address
