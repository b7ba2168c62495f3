"""``client.ClientProtocol`` and ``ReplyParser`` on a ``StringTransport``: replies however the
bytes arrive, what ends a connection, and timeouts on ``task.Clock`` (no socket, no waiting)."""
from __future__ import annotations

import asyncio

import pytest
from twisted.internet import error as net_error, task
from twisted.internet.testing import StringTransport
from twisted.python.failure import Failure

from smtp_core.client import (HANDSHAKE_TIMEOUT, MAX_LINE, REPLY_TIMEOUT, ClientProtocol, NotSMTP,
                              Reply, ReplyParser, SMTPClientError, TLSHandshakeError)

from .scripted import HANDSHAKE_ERROR, NegotiatedTLS, run, settle


class TLSCapable(StringTransport):
    def __init__(self) -> None:
        super().__init__()
        self.tls_context = None

    def startTLS(self, context: object) -> None:
        self.tls_context = context

    def getHandle(self) -> NegotiatedTLS:
        return NegotiatedTLS()


def connected() -> tuple[ClientProtocol, TLSCapable, task.Clock]:
    clock, transport = task.Clock(), TLSCapable()
    proto = ClientProtocol(clock)
    proto.makeConnection(transport)
    return proto, transport, clock


def test_parser_joins_replies_split_anywhere():
    parser = ReplyParser()
    assert parser.feed(b"250-mx.example") == []
    assert parser.feed(b".net\r\n250-SIZE 10\r") == []
    replies = parser.feed(b"\n250 STARTTLS\r\n221 bye\n")
    assert replies == [Reply(250, ["mx.example.net", "SIZE 10", "STARTTLS"]), Reply(221, ["bye"])]
    assert replies[0].wire() == ["250-mx.example.net", "250-SIZE 10", "250 STARTTLS"]
    assert replies[1].details() == "221-'bye'"


@pytest.mark.parametrize("data", [b"hello there\r\n", b"25O ok\r\n",
                                  b"250-x\r\n" * 102, b"2" * (MAX_LINE + 1)])
def test_parser_refuses_what_is_not_smtp(data):
    with pytest.raises(NotSMTP):
        ReplyParser().feed(data)


def test_a_reply_wakes_the_waiting_command_and_its_timeout_is_gone():
    proto, transport, clock = connected()

    async def main():
        waiting = asyncio.ensure_future(proto.command("EHLO me"))
        await settle()
        assert transport.value() == b"EHLO me\r\n"
        proto.dataReceived(b"250-mx\r\n250 8BITMIME\r\n")
        return await waiting
    assert run(main()) == Reply(250, ["mx", "8BITMIME"])
    clock.advance(REPLY_TIMEOUT)
    assert not transport.disconnecting and clock.getDelayedCalls() == []


def test_each_wait_has_its_own_deadline():
    """A long wait answered late, then a long one (the timer fires early and waits on), then a
    short one (it must fire sooner than the timer set for the long one)."""
    proto, transport, clock = connected()

    async def main():
        first = asyncio.ensure_future(proto.command("MAIL FROM:<a@b.example>"))
        await settle()
        clock.advance(200)
        proto.dataReceived(b"250 ok\r\n")
        await first
        second = asyncio.ensure_future(proto.command("RCPT TO:<c@d.example>"))
        await settle()
        clock.advance(299)                   # 499 s: the first timer fired at 300 and waits on
        await settle()
        assert not second.done()
        proto.dataReceived(b"250 ok\r\n")
        await second
        third = asyncio.ensure_future(proto.command("QUIT", timeout=10))
        await settle()
        clock.advance(10)
        with pytest.raises(SMTPClientError) as caught:
            await third
        return caught.value.details
    assert run(main()) == "timeout"
    assert transport.disconnected


def test_no_reply_within_the_timeout_aborts_the_connection():
    proto, transport, clock = connected()

    async def main():
        waiting = asyncio.ensure_future(proto.reply())
        await settle()
        clock.advance(REPLY_TIMEOUT - 1)
        await settle()
        assert not waiting.done() and not transport.disconnecting
        clock.advance(1)
        with pytest.raises(SMTPClientError) as caught:
            await waiting
        return caught.value
    error = run(main())
    assert (error.details, error.reason) == ("timeout", "timeout")
    assert transport.disconnected            # abortConnection


def test_not_smtp_from_the_server_aborts_the_connection_after_the_replies_before_it():
    proto, transport, _ = connected()
    proto.dataReceived(b"220 mx ESMTP\r\nSSH-2.0-OpenSSH_9.2\r\n")
    assert transport.disconnected
    assert run(proto.reply()) == Reply(220, ["mx ESMTP"])


@pytest.mark.parametrize("reason,details", [
    (net_error.ConnectionDone(), "EOF"),
    (net_error.ConnectionLost(), "Connection to the other side was lost in a non-clean fashion."),
])
def test_a_lost_connection_ends_the_wait(reason, details):
    proto, _, _ = connected()

    async def main():
        waiting = asyncio.ensure_future(proto.reply())
        await settle()
        proto.connectionLost(Failure(reason))
        with pytest.raises(SMTPClientError) as caught:
            await waiting
        proto.send("QUIT")                      # nothing goes out after the loss
        return caught.value
    assert run(main()).details == details
    assert not proto.is_open


def handshake(meanwhile) -> tuple[object, TLSCapable, task.Clock]:
    """Start the client's handshake and do ``meanwhile(protocol, clock)`` while it runs:
    (its (protocol, cipher) or its TLSHandshakeError, the transport, the clock)."""
    proto, transport, clock = connected()

    async def main():
        waiting = asyncio.ensure_future(proto.start_tls("context"))
        await settle()
        assert transport.tls_context == "context"
        meanwhile(proto, clock)
        try:
            return await waiting
        except TLSHandshakeError as error:
            return error
    return run(main()), transport, clock


def test_a_completed_handshake_gives_protocol_and_cipher():
    outcome, transport, clock = handshake(lambda proto, clock: proto.handshakeCompleted())
    assert outcome == ("TLSv1.3", "TLS_AES_256_GCM_SHA384")
    clock.advance(HANDSHAKE_TIMEOUT)
    assert not transport.disconnecting


def test_a_failed_handshake_reports_openssl_s_error():
    outcome, _, _ = handshake(
        lambda proto, clock: proto.connectionLost(Failure(HANDSHAKE_ERROR)))
    detail = outcome.details
    assert detail.startswith("(") and "error:0A" in detail and \
        ":SSL routines::wrong version number')" in detail


def test_a_handshake_that_never_ends_times_out():
    outcome, transport, _ = handshake(lambda proto, clock: clock.advance(HANDSHAKE_TIMEOUT))
    assert isinstance(outcome, TLSHandshakeError) and outcome.details == "timeout"
    assert transport.disconnected


# -- a body written as the transport takes it ---------------------------------------------------
async def three_pieces(transport: StringTransport, full: bool = False):
    """Three pieces of a body; with ``full``, the transport's buffer is full from the first."""
    if full:
        transport.producer.pauseProducing()
    for piece in (b"one\r\n", b"two\r\n", b"three\r\n"):
        yield piece


def test_a_paused_transport_holds_the_next_piece_until_it_resumes():
    proto, transport, clock = connected()

    async def main():
        await proto.send_stream(three_pieces(transport))
        assert transport.value() == b"one\r\ntwo\r\nthree\r\n"   # never paused: at once
        transport.clear()
        writing = asyncio.ensure_future(proto.send_stream(three_pieces(transport, full=True)))
        await settle()
        assert transport.value() == b"one\r\n" and not writing.done()
        clock.advance(REPLY_TIMEOUT - 1)
        transport.producer.resumeProducing()
        await settle()
        assert transport.value() == b"one\r\ntwo\r\nthree\r\n"
        await writing
        assert transport.producer is None        # unregistered once written
    run(main())


def test_a_transport_that_stays_full_times_the_body_out():
    proto, transport, clock = connected()

    async def main():
        writing = asyncio.ensure_future(proto.send_stream(three_pieces(transport, full=True)))
        await settle()
        clock.advance(REPLY_TIMEOUT)
        await settle()
        with pytest.raises(SMTPClientError, match="timeout"):
            await writing
        assert transport.value() == b"one\r\n"
    run(main())
