"""The listener's whole inbound path (policy, sink, MailCore, queue, mail logs) on
StringTransport and task.Clock: the dialogue, HAT and RAT, limits and timers, no sockets."""
import pytest

from cluster import model
from smtp_core import hygiene

from .inprocess import listening
from .support import arun, hold_mail, make_appliance, masked, relay_policy, with_tls


def test_tls_off_does_not_offer_starttls(tmp_path):
    appliance = make_appliance(tmp_path, with_tls("off"))

    async def main():
        async with listening(appliance) as listener:
            client = await listener.connect()
            return await client.talk(b"EHLO client.example\r\n", b"STARTTLS\r\n")
    ehlo, starttls = arun(main())
    assert ehlo == "250-ironport.example.com\n250-8BITMIME\n250 SIZE 104857600"
    assert starttls == "454 TLS not available due to a temporary reason"


def test_tls_required_refuses_mail_before_starttls(tmp_path):
    appliance = make_appliance(tmp_path, with_tls("required"))

    async def main():
        async with listening(appliance) as listener:
            client = await listener.connect()
            replies = await client.talk(b"EHLO client.example\r\n", b"MAIL FROM:<a@b.example>\r\n",
                                        b"MAIL FROM:<a@b.example>\r\n")
            return replies, listener.mail_log()
    (ehlo, mail, again), lines = arun(main())
    assert ehlo.endswith("250-SIZE 104857600\n250 STARTTLS")
    assert mail == again == "530 #5.7.0 Must issue a STARTTLS command first"
    assert lines.count("Info: ICID 1 TLS was required but remote host did not initiate it") == 1


def test_nothing_pipelined_behind_starttls_runs_and_state_is_reset(tmp_path):
    appliance = make_appliance(tmp_path, with_tls("on"))

    async def main():
        async with listening(appliance) as listener:
            client = await listener.connect()
            await client.talk(b"EHLO client.example\r\n")
            go = (await client.talk(b"STARTTLS\r\nRSET\r\nMAIL FROM:<smuggled@evil.example>\r\n"))[0]
            context = client.transport.tls_context
            client.machine.tls_active = True      # as after the handshake
            after = await client.talk(b"RCPT TO:<user@example.com>\r\n", b"EHLO again.example\r\n")
            return go, context, after, listener.core.server_tls("IncomingMail")
    go, context, (rcpt, ehlo), served = arun(main())
    assert go == "220 Go ahead with TLS" and context is served is not None
    assert rcpt == "503 #5.5.1 MAIL first"       # neither RSET nor MAIL ran; no transaction left
    assert ehlo.startswith("250-ironport.example.com") and "STARTTLS" not in ehlo


def test_pipelined_transaction_and_session_commands(tmp_path):
    appliance = make_appliance(tmp_path, hold_mail)

    async def main():
        async with listening(appliance) as listener:
            client = await listener.connect()
            client.send(b"EHLO c.example\r\nMAIL FROM:<a@b.example> SIZE=100 BODY=8BITMIME\r\n"
                        b"RCPT TO:<x@example.com>\r\nRCPT TO:<y@example.com>\r\nDATA\r\n"
                        b"Subject: piped\r\n\r\n..leading dot\r\nline\n.\nNOOP\r\n.\r\n"
                        b"NOOP\r\nVRFY someone\r\nHELP\r\nRSET\r\nFOO\r\nQUIT\r\n")
            replies = [await client.reply() for _ in range(12)]
            spool = listener.core.spool
            return replies, await spool.head(spool.messages[1])
    replies, body = arun(main())
    assert [r[:3] for r in replies] == [
        "250", "250", "250", "250", "354", "250", "250", "252", "214", "250", "500", "221"]
    assert replies[1] == "250 sender <a@b.example> ok"
    assert replies[2] == "250 recipient <x@example.com> ok"
    assert replies[5] == "250 ok:  Message 1 accepted"
    # dot-unstuffing; a bare LF.LF does not end DATA and becomes CRLF.CRLF, which relaying
    # dot-stuffs (no SMTP smuggling)
    assert body.endswith(b"Subject: piped\r\n\r\n.leading dot\r\nline\r\n.\r\nNOOP\r\n")
    assert b"Received: from localhost (HELO c.example) ([127.0.0.1])\r\n" in body


def test_limits_size_recipients_and_line_length(tmp_path):
    def change(session):
        params = relay_policy(session).params
        params.max_message_size = 1000
        params.max_rcpts_per_msg = 2

    appliance = make_appliance(tmp_path, change)

    async def main():
        async with listening(appliance) as listener:
            client = await listener.connect()
            replies = await client.talk(
                b"EHLO c.example\r\n", b"MAIL FROM:<a@b.example> SIZE=5000\r\n",
                b"MAIL FROM:<a@b.example>\r\n", b"RCPT TO:<1@example.com>\r\n",
                b"RCPT TO:<2@example.com>\r\n", b"RCPT TO:<3@example.com>\r\n", b"DATA\r\n",
                b"x" * 2000 + b"\r\n.\r\n", b"NOOP " + b"y" * 1200 + b"\r\n")
            return replies, listener.mail_log()
    replies, lines = arun(main())
    assert "SIZE 1000" in replies[0]
    assert replies[1:] == ["552 #5.3.4 message size exceeds limit",
                           "250 sender <a@b.example> ok",
                           "250 recipient <1@example.com> ok",
                           "250 recipient <2@example.com> ok",
                           "452 #4.5.3 Too many recipients", "354 go ahead",
                           "552 #5.3.4 message size exceeds limit", "500 Line too long"]
    assert "Info: ICID 1 Receiving Failed: Message size exceeds limit" in lines
    assert "Info: Message aborted MID 1 Receiving aborted" in lines
    assert "Info: Message finished MID 1 aborted" in lines


def move_relaylist_away(session):
    """127.0.0.1 is no longer a relay host: it falls to UNKNOWNLIST (SBRS none, $ACCEPTED)."""
    hat = session.edit("listeners").listeners["IncomingMail"].hat
    hat.sender_groups[0].senders = ["10.9.9.9"]


def test_rat_rejects_unknown_domains_on_a_public_listener(tmp_path):
    appliance = make_appliance(tmp_path, move_relaylist_away)

    async def main():
        async with listening(appliance) as listener:
            client = await listener.connect()
            replies = await client.talk(b"HELO c.example\r\n", b"MAIL FROM:<a@b.example>\r\n",
                                        b"RCPT TO:<someone@elsewhere.example>\r\n",
                                        b"RCPT TO:<someone@example.com>\r\n")
            return replies, listener.mail_log(), listener.core.stats.values
    replies, lines, counters = arun(main())
    assert replies[2:] == ["550 #5.1.0 Address rejected.", "250 recipient <someone@example.com> ok"]
    assert ("Info: ICID 1 ACCEPT SG UNKNOWNLIST match sbrs[none] SBRS None country not applicable"
            in lines)
    assert "Info: MID 1 ICID 1 To: <someone@elsewhere.example> Rejected by RAT" in lines
    assert "Info: MID 1 ICID 1 RID 0 To: <someone@example.com>" in lines
    assert counters["rejected_recipients"] == 1


@pytest.mark.parametrize("policy", ["$BLOCKED", "TCPREFUSE"])
def test_hat_reject_and_tcprefuse(tmp_path, policy):
    def change(session):
        hat = session.edit("listeners").listeners["IncomingMail"].hat
        hat.sender_groups.insert(0, model.SenderGroup("LABBLOCK", ["127.0.0.1"], policy))
    appliance = make_appliance(tmp_path, change)

    async def main():
        async with listening(appliance) as listener:
            client = await listener.connect(banner=False)
            banner = await client.reply()
            client.lose()
            return banner, client.transport.disconnected, listener.mail_log()
    banner, aborted, lines = arun(main())
    if policy == "$BLOCKED":
        assert banner.startswith("554 Your access to this mail system has been rejected")
        assert lines[1] == ("Info: ICID 1 REJECT SG LABBLOCK match 127.0.0.1 SBRS None "
                            "country not applicable")
        assert lines[-1] == "Info: ICID 1 close"
    else:
        assert banner == "" and aborted
        assert lines == ["Info: ICID 0 TCPREFUSE SG LABBLOCK match 127.0.0.1 SBRS None "
                         "country not applicable"]


def test_delayed_hat_reject_refuses_every_recipient(tmp_path):
    def change(session):
        hat = session.edit("listeners").listeners["IncomingMail"].hat
        hat.sender_groups.insert(0, model.SenderGroup("LABBLOCK", ["127.0.0.1"], "$BLOCKED"))
        session.edit("listeners").hat_delayed_rejection = True
    appliance = make_appliance(tmp_path, change)

    async def main():
        async with listening(appliance) as listener:
            client = await listener.connect(banner=False)
            replies = [await client.reply()] + await client.talk(
                b"HELO c.example\r\n", b"MAIL FROM:<a@b.example>\r\n",
                b"RCPT TO:<user@example.com>\r\n")
            return replies, listener.mail_log()
    replies, lines = arun(main())
    assert replies[0] == "220 ironport.example.com ESMTP"
    assert replies[3].startswith("554 Your access to this mail system has been rejected")
    assert lines[1:3] == [
        "Info: ICID 1 ACCEPT SG LABBLOCK match 127.0.0.1 SBRS None country not applicable",
        "Info: ICID 1 Delayed HAT REJECT continuing session for recipient logging (127.0.0.1)"]
    assert "Info: MID 1 ICID 1 To: <user@example.com> Rejected by HAT" in lines


def test_connection_limits_timeouts_and_a_misbehaving_client(tmp_path):
    def change(session):
        params = relay_policy(session).params
        params.max_concurrency = 1
        params.max_msgs_per_session = 1
        session.edit("listeners").injection_timeout_seconds = 30

    appliance = make_appliance(tmp_path, change)

    async def main():
        async with listening(appliance) as listener:
            first = await listener.connect()
            replies = await first.talk(b"HELO c.example\r\n", b"MAIL FROM:<a@b.example>\r\n",
                                       b"RCPT TO:<u@example.com>\r\n", b"DATA\r\n",
                                       b"Subject: one\r\n\r\n.\r\n")
            second = await listener.connect(banner=False)     # over the per-host limit
            refused = await second.reply()
            too_many = await first.talk(b"MAIL FROM:<a@b.example>\r\n")   # one message too many
            first.lose()
            second.lose()
            sleepy = await listener.connect()
            listener.clock.advance(29)
            quiet = sleepy.rest()
            listener.clock.advance(1)
            idle = await sleepy.reply()                           # the idle timeout ends it
            sleepy.lose()
            noisy = await listener.connect()
            noisy.send(b"x" * 70000)                              # no line end, ever
            closed = await noisy.reply()
            noisy.lose()
            calm = await listener.connect()
            return (replies, refused, too_many, quiet, idle, closed, await calm.talk(b"NOOP\r\n"),
                    listener.mail_log())
    replies, refused, too_many, quiet, idle, closed, calm, lines = arun(main())
    assert replies == ["250 ironport.example.com", "250 sender <a@b.example> ok",
                       "250 recipient <u@example.com> ok", "354 go ahead",
                       "250 ok:  Message 1 accepted"]
    assert too_many == ["421 #4.x.2 Too many messages for this session"]
    assert "Info: ICID 1 Receiving Failed: Too Many Messages" in lines
    assert refused == "421 #4.4.5 Too many connections to this listener"
    assert "Info: ICID 2 Receiving Failed: Connection limit exceeded" in lines
    assert quiet == b"" and idle == "421 ironport.example.com Error: timeout exceeded"
    assert closed == "500 Line too long"
    assert calm == ["250 ok"]       # other sessions are not affected


def test_a_drip_cannot_hold_every_slot(tmp_path):
    """Issue 15: 60 connections drip single bytes; the listener's 50 slots go to the first 50,
    the rest wait on probation.  Once the drips have made no progress for RECLAIM_AFTER_SECONDS,
    a client that sends whole commands takes the slot of the longest stalled one."""
    def change(session):
        relay_policy(session).params.max_concurrency = 1000

    appliance = make_appliance(tmp_path, change)

    async def main():
        async with listening(appliance) as listener:
            drips = [await listener.connect() for _ in range(60)]
            for _ in range(int(hygiene.RECLAIM_AFTER_SECONDS) + 1):
                for drip in drips:
                    drip.send(b"N")
                listener.clock.advance(1)
            served = []
            for _ in range(5):
                client = await listener.connect()
                served.append(await client.talk(
                    b"EHLO client.example\r\n", b"MAIL FROM:<a@sender.example>\r\n",
                    b"RCPT TO:<user@example.com>\r\n", b"DATA\r\n", b"Subject: legit\r\n\r\nhi\r\n.\r\n"))
            reclaimed = [d for d in drips if d.closed]
            return served, len(reclaimed), listener.mail_log()
    served, reclaimed, lines = arun(main())
    assert all(replies[-1].startswith("250 ok:  Message") for replies in served), served
    assert reclaimed == 5
    assert len([l for l in lines if l.endswith("Receiving Failed: Connection slot reclaimed")]) == 5


def test_the_connection_time_limit(tmp_path):
    def change(session):
        session.edit("listeners").max_connection_seconds = 120

    appliance = make_appliance(tmp_path, change)

    async def main():
        async with listening(appliance) as listener:
            client = await listener.connect()
            for _ in range(4):
                listener.clock.advance(30)
                client.send(b"NOOP\r\n")
            replies = [await client.reply() for _ in range(4)]
            return replies, listener.mail_log()
    replies, lines = arun(main())
    assert replies == ["250 ok"] * 3 + ["421 Exceeded allowable connection time"]
    assert ("Info: ICID 1 disconnected address 127.0.0.1, exceeded allowable connection time"
            in lines)


def test_blackhole_listener_accepts_and_discards(tmp_path):
    appliance = make_appliance(tmp_path, lambda s: setattr(
        s.edit("listeners").listeners["IncomingMail"], "type", "blackhole"))

    async def main():
        async with listening(appliance) as listener:
            client = await listener.connect()
            replies = await client.talk(b"HELO c\r\n", b"MAIL FROM:<a@b.example>\r\n",
                                        b"RCPT TO:<u@example.com>\r\n", b"DATA\r\n", b"hi\r\n.\r\n")
            return replies, listener.mail_log(), dict(listener.core.spool.messages)
    replies, lines, queued = arun(main())
    assert replies[-1] == "250 ok:  Message 1 accepted"
    assert masked(lines[-3:]) == ["Info: MID N ready 4 bytes from <a@b.example>",
                                  "Info: Message aborted MID N Blackhole Listener",
                                  "Info: Message finished MID N aborted"]
    assert queued == {}
