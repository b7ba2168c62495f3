"""The server protocol machine alone: a policy and a sink that record, ``StringTransport`` for
the wire and ``task.Clock`` for the timers.  No sockets, no event loop, no sleeps."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import pytest
from twisted.internet import task
from twisted.internet.address import IPv4Address
from twisted.internet.testing import StringTransport
from twisted.python.failure import Failure

from smtp_core import hygiene
from smtp_core.bodies import BodySink, ReceivedBody
from smtp_core.replies import TEXTS, multiline
from smtp_core.serverprotocol import (MAX_UNTERMINATED, Envelope, Greeting, Refusal,
                                      ServerProtocol, TlsAnswer, Watchdog)


class FakePolicy:
    dialect = TEXTS
    bad_command_limit = 5
    reply_delay = 0.0

    def __init__(self, **settings):
        self.greeting = settings.pop("greeting", Greeting(b"220 test ESMTP\r\n", idle_seconds=30,
                                                          max_seconds=600))
        self.admission: Optional[bool] = settings.pop("admission", True)
        self.promotions = settings.pop("promotions", [])
        self.settings = {"max_size": 1000, "tls": "on", "message_limit": 0, "recipient_limit": 0,
                         "header_limit": 0, "refuse": set()}
        self.settings.update(settings)
        self.tls_context = object()

    def greet(self, peer: str) -> Greeting:
        return self.greeting

    def admit(self) -> Optional[bool]:
        return self.admission

    def promote(self) -> bool:
        return self.promotions.pop(0) if self.promotions else False

    def probation_seconds(self) -> float:
        return 10.0

    def host(self) -> str:
        return "mx.test"

    def ehlo_refusal(self) -> Optional[bytes]:
        return None

    def extensions(self, tls_offered: bool) -> list[str]:
        return [f"SIZE {self.max_size()}"] + (["STARTTLS"] if tls_offered else [])

    def help(self, tls_offered: bool) -> bytes:
        return b"214 help\r\n"

    def max_size(self) -> int:
        return self.settings["max_size"]

    def tls_offered(self) -> bool:
        return self.settings["tls"] != "off"

    def starttls(self) -> TlsAnswer:
        if not self.tls_offered():
            return TlsAnswer(refusal=b"454 no\r\n")
        return TlsAnswer(context=self.tls_context)

    def tls_required(self) -> bool:
        return self.settings["tls"] == "required"

    def mail_parameters(self, text: str, esmtp: bool) -> Optional[bytes]:
        return b"501 param\r\n" if text else None

    def message_limit(self) -> int:
        return self.settings["message_limit"]

    def qualify(self, address: str) -> str:
        return address if "@" in address else f"{address}@default.test"

    def rcpt_parameters(self, text: str) -> Optional[bytes]:
        return None

    def recipient_limit(self) -> int:
        return self.settings["recipient_limit"]

    def check_recipient(self, address: str) -> Optional[Refusal]:
        return Refusal(b"550 no\r\n", "RAT") if address in self.settings["refuse"] else None

    def header_limit(self) -> int:
        return self.settings["header_limit"]

    def hangs_up_after(self, verb: str) -> bool:
        return False


class RecordingSink:
    def __init__(self):
        self.events: list[tuple] = []
        self.messages: list[tuple[Envelope, bytes]] = []
        self.ids = iter(range(1, 100))

    def __getattr__(self, name):
        # Every event the machine reports, recorded with its arguments.
        def record(*args):
            if name != "command":
                self.events.append((name, *args))
        return record

    def begin(self, sender: str) -> int:
        self.events.append(("begin", sender))
        return next(self.ids)

    def open_body(self, session, envelope: Envelope, limit: int) -> BodySink:
        # Test bodies are small: they never leave memory, so the path is never written.
        return BodySink(Path("/nonexistent") / f"{envelope.id}.eml", b"", limit)

    def deliver(self, session, envelope: Envelope, body: ReceivedBody):
        self.messages.append((envelope, body.data))
        return f"250 ok {envelope.id}\r\n".encode(), True


class TLSTransport(StringTransport):
    """A transport that can start TLS: it records the context it was given."""

    def __init__(self):
        super().__init__(peerAddress=IPv4Address("TCP", "192.0.2.7", 40000))
        self.tls_context = None

    def startTLS(self, context) -> None:
        self.tls_context = context

    def getHandle(self):
        class Handle:
            def get_protocol_version_name(self):
                return "TLSv1.3"

            def get_cipher_name(self):
                return "TLS_AES_256_GCM_SHA384"
        return Handle()


class Session:
    def __init__(self, policy: Optional[FakePolicy] = None, clock: Optional[task.Clock] = None,
                 watchdog: Optional[Watchdog] = None):
        self.policy = policy or FakePolicy()
        self.sink = RecordingSink()
        self.clock = clock or task.Clock()
        self.transport = TLSTransport()
        self.machine = ServerProtocol(self.policy, self.sink, self.clock, watchdog)
        self.machine.makeConnection(self.transport)

    def send(self, data: bytes) -> bytes:
        """Feed ``data``; what the machine wrote since the last call."""
        self.machine.dataReceived(data)
        return self.take()

    def take(self) -> bytes:
        written = self.transport.value()
        self.transport.clear()
        return written

    def events(self, name: str) -> list[tuple]:
        return [e for e in self.sink.events if e[0] == name]

    @property
    def closed(self) -> bool:
        return self.transport.disconnecting


def test_a_pipelined_transaction_byte_for_byte():
    session = Session()
    assert session.take() == b"220 test ESMTP\r\n"
    out = session.send(b"EHLO c.test\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<x@y.test>\r\n"
                       b"RCPT TO:<local>\r\nDATA\r\nSubject: s\r\n\r\n..dot\r\nbare\nlf\r\n.\r\n"
                       b"NOOP\r\nQUIT\r\n")
    assert out == (multiline(250, ["mx.test", "SIZE 1000", "STARTTLS"])
                   + b"250 sender <a@b.test> ok\r\n250 recipient <x@y.test> ok\r\n"
                   b"250 recipient <local@default.test> ok\r\n354 go ahead\r\n250 ok 1\r\n"
                   b"250 ok\r\n221 mx.test\r\n")
    envelope, body = session.sink.messages[0]
    assert (envelope.sender, envelope.recipients) == ("a@b.test", ["x@y.test", "local@default.test"])
    assert body == b"Subject: s\r\n\r\n.dot\r\nbare\r\nlf\r\n"    # unstuffed, line ends CRLF
    assert session.events("recipient_accepted") == [
        ("recipient_accepted", envelope, 0, "x@y.test"),
        ("recipient_accepted", envelope, 1, "local@default.test")]
    assert session.closed
    session.machine.connectionLost(Failure(Exception("gone")))
    assert session.sink.events[-1] == ("closed", True, False)   # after QUIT: not "lost"


def test_command_order_and_syntax_errors():
    session = Session()
    session.take()
    assert session.send(b"MAIL FROM:<a@b.test>\r\n") == b"503 #5.5.1 EHLO/HELO first\r\n"
    assert session.send(b"HELO\r\n") == b"501 #5.0.0 HELO requires domain address\r\n"
    assert session.send(b"HELO c.test\r\n") == b"250 mx.test\r\n"
    assert session.send(b"RCPT TO:<x@y.test>\r\n") == b"503 #5.5.1 MAIL first\r\n"
    assert session.send(b"MAIL TO:<a@b.test>\r\n") == b"501 #5.5.2 syntax error\r\n"
    assert session.send(b"MAIL FROM:<a b@c>\r\n") == b"501 #5.1.7 Bad sender address syntax\r\n"
    assert session.send(b"MAIL FROM:<a@b.test> SIZE=1\r\n") == b"501 param\r\n"
    assert session.send(b"MAIL FROM:<@r1,@r2:a@b.test>\r\n") == b"250 sender <a@b.test> ok\r\n"
    assert session.send(b"MAIL FROM:<a@b.test>\r\n") == b"503 #5.5.1 Nested MAIL command\r\n"
    assert session.send(b"DATA\r\n") == b"503 #5.5.1 RCPT first\r\n"
    assert session.send(b"RCPT TO:<a\x01b@c.test>\r\n") == (
        b"501 #5.1.3 Bad recipient address syntax\r\n")
    assert session.send(b"RSET\r\n") == b"250 ok\r\n"
    assert session.events("aborted") and session.events("begin") == [("begin", "a@b.test")]
    assert session.send(b"x" * 1001 + b"\r\n") == b"500 Line too long\r\n"
    assert session.send(b"VRFY\r\nVRFY x\r\nHELP\r\n") == (
        b"501 #5.5.2 syntax error\r\n252 ok\r\n214 help\r\n")


def test_the_bad_command_limit_ends_the_session():
    session = Session()
    session.take()
    out = session.send(b"FOO\r\n" * 5)
    assert out == b"500 #5.5.1 command not recognized\r\n" * 5 and not session.closed
    assert session.send(b"B4R\r\nNOOP\r\n") == (
        b"421 Exceeded bad SMTP command limit, disconnecting.\r\n")
    assert session.closed


def test_recipient_refusals_and_limits_go_to_the_sink():
    session = Session(FakePolicy(refuse={"no@y.test"}, recipient_limit=2, message_limit=1))
    session.take()
    session.send(b"EHLO c.test\r\nMAIL FROM:<>\r\n")
    assert session.send(b"RCPT TO:<no@y.test>\r\n") == b"550 no\r\n"
    envelope = session.machine.envelope
    assert session.events("recipient_refused") == [("recipient_refused", envelope, "no@y.test",
                                                    "RAT")]
    assert session.send(b"RCPT TO:<a@y.test>\r\nRCPT TO:<b@y.test>\r\nRCPT TO:<c@y.test>\r\n"
                        ).endswith(b"452 #4.5.3 Too many recipients\r\n")
    assert session.send(b"DATA\r\n.\r\n") == b"354 go ahead\r\n250 ok 1\r\n"
    assert session.send(b"MAIL FROM:<a@b.test>\r\n") == (
        b"421 #4.x.2 Too many messages for this session\r\n")
    assert session.events("receiving_failed") == [("receiving_failed", "Too Many Messages")]
    assert session.closed


@pytest.mark.parametrize("body, reason, expected", [
    (b"x" * 1200 + b"\r\n", "Message size exceeds limit", b"552 #5.3.4 message size exceeds limit"),
    (b"x" * 9000 + b"\r\n", "Message size exceeds limit", b"552 #5.3.4 message size exceeds limit"),
    (b"A: 1\r\nB: 2\r\nC: 3\r\n\r\nbody\r\n", "Message header too big",
     b"552 #5.3.4 Too many header lines"),
])
def test_messages_over_the_limits_are_refused_and_aborted(body, reason, expected):
    session = Session(FakePolicy(header_limit=2))
    session.take()
    session.send(b"EHLO c.test\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<x@y.test>\r\nDATA\r\n")
    # in pieces, as a client writes a long message
    out = b"".join(session.send(body[i:i + 512]) for i in range(0, len(body), 512))
    out += session.send(b".\r\nNOOP\r\n")
    assert out == expected + b"\r\n250 ok\r\n"
    assert session.events("receiving_failed") == [("receiving_failed", reason)]
    assert [e[0] for e in session.sink.events[-2:]] == ["receiving_failed", "aborted"]
    assert session.sink.messages == []


def test_starttls_discards_pipelined_input_and_resets_the_session():
    session = Session()
    session.take()
    session.send(b"EHLO c.test\r\nMAIL FROM:<a@b.test>\r\n")
    assert session.send(b"STARTTLS\r\nMAIL FROM:<smuggled@evil.test>\r\n") == (
        b"220 Go ahead with TLS\r\n")
    assert session.transport.tls_context is session.policy.tls_context
    assert session.events("aborted")                    # the transaction before TLS is gone
    session.machine.handshakeCompleted()
    assert session.events("tls_started") == [("tls_started", "TLSv1.3", "TLS_AES_256_GCM_SHA384")]
    assert session.send(b"MAIL FROM:<a@b.test>\r\n") == b"503 #5.5.1 EHLO/HELO first\r\n"
    assert session.send(b"EHLO c.test\r\n") == multiline(250, ["mx.test", "SIZE 1000"])
    assert session.send(b"STARTTLS\r\n") == b"503 #5.5.1 TLS already active\r\n"
    assert session.send(b"STARTTLS now\r\n") == b"501 #5.5.2 syntax error\r\n"


def test_a_failed_handshake_and_required_tls():
    session = Session(FakePolicy(tls="required"))
    session.take()
    session.send(b"EHLO c.test\r\n")
    assert session.send(b"MAIL FROM:<a@b.test>\r\n") == (
        b"530 #5.7.0 Must issue a STARTTLS command first\r\n")
    assert session.events("tls_required_refused")
    session.send(b"STARTTLS\r\n")
    failure = Failure(Exception("handshake failed"))
    session.machine.connectionLost(failure)
    # lost: not closed by us, no QUIT
    assert session.sink.events[-2:] == [("tls_failed", failure), ("closed", True, True)]


def test_starttls_refused_by_the_policy():
    session = Session(FakePolicy(tls="off"))
    session.take()
    assert session.send(b"EHLO c.test\r\n") == multiline(250, ["mx.test", "SIZE 1000"])
    assert session.send(b"STARTTLS\r\n") == b"454 no\r\n"
    assert session.transport.tls_context is None


def test_refused_and_rejected_connections():
    refused = Session(FakePolicy(greeting=Greeting(refuse=True)))
    assert refused.take() == b"" and refused.transport.disconnected     # aborted
    assert refused.events("greeted")
    refused.machine.connectionLost(Failure(Exception("reset")))
    assert refused.sink.events[-1] == ("closed", False, False)
    rejected = Session(FakePolicy(greeting=Greeting(b"554 go away\r\n", reject=True)))
    assert rejected.take() == b"554 go away\r\n" and rejected.closed


# -- timers --------------------------------------------------------------------------------------
def test_the_idle_timeout_is_reset_by_input():
    session = Session()
    session.take()
    session.clock.advance(29)
    session.send(b"NOOP\r\n")
    session.clock.advance(29)
    assert session.take() == b"" and not session.closed
    session.clock.advance(1)
    assert session.take() == b"421 mx.test Error: timeout exceeded\r\n" and session.closed


def test_the_connection_time_limit_ends_a_busy_session():
    session = Session()
    session.take()
    out = b""
    for _ in range(40):
        session.clock.advance(15)
        out += session.send(b"NOOP\r\n")
    assert out == b"250 ok\r\n" * 39 + b"421 Exceeded allowable connection time\r\n"
    assert session.closed
    assert session.events("connection_time_exceeded")
    assert session.clock.seconds() == 600


def test_a_drip_that_never_completes_a_command_times_out():
    session = Session(FakePolicy(greeting=Greeting(b"220 t\r\n", idle_seconds=300)))
    session.take()
    for _ in range(int(hygiene.PROGRESS_SECONDS) - 1):
        session.send(b"N")
        session.clock.advance(1)
    assert not session.closed
    session.clock.advance(1)
    assert session.take() == b"421 mx.test Error: timeout exceeded\r\n"
    assert session.events("receiving_failed") == [("receiving_failed", "Timeout")]


def test_whole_commands_and_data_kilobytes_are_progress():
    session = Session(FakePolicy(greeting=Greeting(b"220 t\r\n", idle_seconds=300),
                                 max_size=10 ** 6))
    session.take()
    session.send(b"EHLO c.test\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<x@y.test>\r\nDATA\r\n")
    for _ in range(100):      # a kilobyte every 50 seconds keeps the message going
        session.clock.advance(50)
        session.send(b"y" * 1022 + b"\r\n")
    assert session.send(b".\r\n").endswith(b"250 ok 1\r\n")
    assert not session.events("receiving_failed")


def test_a_session_on_probation_must_earn_a_slot():
    waiting = Session(FakePolicy(admission=None))
    assert waiting.take() == b"220 test ESMTP\r\n"
    waiting.clock.advance(10)
    assert waiting.take() == b"421 #4.4.5 Too many connections to this listener\r\n"
    assert waiting.events("receiving_failed") == [("receiving_failed",
                                                   "Connection limit exceeded")]
    earned = Session(FakePolicy(admission=None, promotions=[True]))
    earned.take()
    assert earned.send(b"NOOP\r\n") == b"250 ok\r\n"
    earned.clock.advance(10)
    assert earned.take() == b"" and not earned.closed
    refused = Session(FakePolicy(admission=False))
    assert refused.take() == b"421 #4.4.5 Too many connections to this listener\r\n"


def test_reclaim_gives_the_slot_away():
    session = Session()
    session.take()
    session.machine.reclaim()
    assert session.take() == b"421 mx.test Error: timeout exceeded\r\n" and session.closed
    assert session.events("receiving_failed") == [("receiving_failed",
                                                   "Connection slot reclaimed")]


def test_an_endless_line_ends_the_connection():
    session = Session()
    session.take()
    session.send(b"x" * MAX_UNTERMINATED)
    assert not session.closed
    assert session.send(b"x") == b"500 Line too long\r\n" and session.closed


def test_slow_replies_are_held_back_by_the_policys_delay():
    policy = FakePolicy()
    policy.reply_delay = 2.0
    session = Session(policy)
    assert session.take() == b""
    session.clock.advance(2)
    assert session.take() == b"220 test ESMTP\r\n"


def test_one_watchdog_wakes_many_sessions_under_one_timer():
    clock = task.Clock()
    watchdog = Watchdog(clock)
    sessions = []
    for n in range(100):
        sessions.append(Session(clock=clock, watchdog=watchdog))
        clock.advance(0.1)
    assert len(clock.getDelayedCalls()) == 1
    for session in sessions[::2]:          # half of them go away early
        session.machine.connectionLost(Failure(Exception("gone")))
    timed_out = {}
    while clock.seconds() < 100:
        clock.advance(0.01)
        for n, session in enumerate(sessions[1::2]):
            if session.closed and n not in timed_out:
                timed_out[n] = clock.seconds()
    assert len(timed_out) == 50
    for n, when in timed_out.items():
        deadline = (2 * n + 1) * 0.1 + 30
        assert deadline <= when + 1e-9 and when <= deadline + Watchdog.SLACK + 0.011, (n, when)
    assert len(clock.getDelayedCalls()) <= 1


def test_a_fault_in_the_policy_is_reported_and_drops_the_connection():
    class Broken(FakePolicy):
        def greet(self, peer: str) -> Greeting:
            raise ValueError("no HAT")
    session = Session(Broken())
    assert session.take() == b"" and session.transport.disconnected
    assert [e[0] for e in session.sink.events] == ["opened", "report_error"]
