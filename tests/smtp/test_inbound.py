"""The inbound listener against real clients: swaks, openssl s_client and raw sockets."""
import asyncio
import re
import ssl

import pytest

from cluster import model
from smtp_core.queue import Spool

from .support import (HOST, arun, hold_mail, PKI, edit, listener_port, mail_log, make_appliance, masked,
                     relay_policy, run, running, s_client, swaks)


@pytest.fixture(scope="module")
def pki():
    return PKI.create()


def with_tls(level: str):
    def change(session):
        relay_policy(session).params.tls = level
    return change


async def talk(port: int, *lines: bytes, read_banner: bool = True):
    """Open a raw connection; send each chunk, collecting the replies read after each."""
    reader, writer = await asyncio.open_connection(HOST, port)
    replies = []
    if read_banner:
        replies.append(await read_reply(reader))
    for chunk in lines:
        writer.write(chunk)
        await writer.drain()
        replies.append(await read_reply(reader))
    return reader, writer, replies


async def read_reply(reader) -> str:
    lines = []
    while True:
        line = (await asyncio.wait_for(reader.readline(), 10)).decode()
        lines.append(line.rstrip("\r\n"))
        if len(line) < 4 or line[3] != "-":
            return "\n".join(lines)


def test_plain_message_is_logged_queued_and_traceable(tmp_path):
    appliance = make_appliance(tmp_path)

    async def main():
        async with running(appliance) as service:
            status, out = await swaks(listener_port(appliance), "--header",
                                      "Subject: Quarterly report", "--header",
                                      "Message-Id: <abc123@sender.example>")
            assert status == 0, out
            assert "<-  220 ironport.example.com ESMTP" in out
            assert "<-  250 ok:  Message 1 accepted" in out
            await asyncio.sleep(0.2)
            return mail_log(service)
    lines = arun(main())
    inbound = [l for l in lines if "DCID" not in l and "finished" not in l and "close" not in l]
    assert masked(inbound) == [
        "Info: New SMTP ICID N interface Management (127.0.0.1) address 127.0.0.1 "
        "reverse dns host localhost verified yes",
        "Info: ICID N RELAY SG RELAYLIST match 127.0.0.1 SBRS None country not applicable",
        "Info: Start MID N ICID N",
        "Info: MID N ICID N From: <alice@sender.example>",
        "Info: MID N ICID N RID N To: <user@example.com>",
        "Info: MID N Message-ID '<abc123@sender.example>'",
        'Info: MID N Subject "Quarterly report"',
        masked(inbound)[7],
        "Info: MID N matched all recipients for per-recipient policy DEFAULT in the outbound table",
        "Info: MID N interim AV verdict using Sophos CLEAN",
        "Info: MID N antivirus negative",
        "Info: MID N queued for delivery",
    ]
    assert "Info: ICID 1 close" in lines
    assert inbound[0].startswith("Info: New SMTP ICID 1 ") and inbound[2] == "Info: Start MID 1 ICID 1"
    assert re.fullmatch(r"Info: MID 1 ready \d+ bytes from <alice@sender.example>", inbound[7])
    # the /dev/null route of these tests ends the message: ICID -> MID -> done
    assert lines.index("Info: Message finished MID 1 done") > lines.index("Info: MID 1 queued for delivery")
    # the acknowledged message was durably queued before the 250 and is done now
    assert Spool(tmp_path / "queue").load() == []


def test_tls_off_does_not_offer_starttls(tmp_path):
    appliance = make_appliance(tmp_path, with_tls("off"))

    async def main():
        async with running(appliance):
            port = listener_port(appliance)
            _, writer, replies = await talk(port, b"EHLO client.example\r\n", b"STARTTLS\r\n")
            writer.close()
            return replies
    banner, ehlo, starttls = arun(main())
    assert ehlo == "250-ironport.example.com\n250-8BITMIME\n250 SIZE 104857600"
    assert starttls == "454 TLS not available due to a temporary reason"


@pytest.mark.parametrize("version,protocol,cipher", [
    ("-tls1_3", "TLSv1.3", "TLS_AES_256_GCM_SHA384"),
    ("-tls1_2", "TLSv1.2", "ECDHE-RSA-AES256-GCM-SHA384"),
])
def test_tls_preferred_serves_the_listener_chain(tmp_path, pki, version, protocol, cipher):
    server = pki.leaf("mail.example.com", dns=["mail.example.com", "localhost"])

    def change(session):
        relay_policy(session).params.tls = "on"
        session.edit("certificates").profiles["lab"] = server.profile("lab")
        session.edit("listeners").listeners["IncomingMail"].certificate = "lab"
    appliance = make_appliance(tmp_path, change)
    (tmp_path / "root.pem").write_text(pki.root_pem)

    async def main():
        async with running(appliance) as service:
            port = listener_port(appliance)
            status, out = await s_client(port, version, "-showcerts", "-CAfile",
                                         str(tmp_path / "root.pem"), "-verify_return_error")
            plain = await swaks(port)
            return status, out, plain, mail_log(service)
    status, out, plain, lines = arun(main())
    assert status == 0, out
    assert "Verify return code: 0 (ok)" in out
    assert out.count("-----BEGIN CERTIFICATE-----") == 2       # leaf and intermediate
    assert "CN = Lab Intermediate CA" in out
    assert plain[0] == 0 and "250 ok:  Message" in plain[1]       # Preferred: plain still allowed
    assert f"Info: ICID 1 TLS success protocol {protocol} cipher {cipher}" in lines


def test_tls_required_refuses_mail_before_starttls(tmp_path):
    appliance = make_appliance(tmp_path, with_tls("required"))

    async def main():
        async with running(appliance) as service:
            port = listener_port(appliance)
            _, writer, replies = await talk(port, b"EHLO client.example\r\n",
                                            b"MAIL FROM:<a@b.example>\r\n")
            writer.close()
            tls_ok = await swaks(port, "--tls")
            return replies, tls_ok, mail_log(service)
    (_, ehlo, mail), tls_ok, lines = arun(main())
    assert ehlo.endswith("250-SIZE 104857600\n250 STARTTLS")
    assert mail == "530 #5.7.0 Must issue a STARTTLS command first"
    assert "Info: ICID 1 TLS was required but remote host did not initiate it" in lines
    assert tls_ok[0] == 0, tls_ok[1]
    assert "<~  250 ok:  Message 1 accepted" in tls_ok[1]   # inside TLS


def test_nothing_pipelined_behind_starttls_runs_and_state_is_reset(tmp_path):
    appliance = make_appliance(tmp_path, with_tls("on"))

    async def main():
        async with running(appliance):
            port = listener_port(appliance)
            reader, writer, replies = await talk(port, b"EHLO client.example\r\n")
            writer.write(b"STARTTLS\r\nRSET\r\nMAIL FROM:<smuggled@evil.example>\r\n")
            await writer.drain()
            go = await read_reply(reader)
            context = ssl.create_default_context()
            context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
            await writer.start_tls(context)
            writer.write(b"RCPT TO:<user@example.com>\r\n")
            after = await read_reply(reader)
            writer.write(b"EHLO again.example\r\n")
            ehlo = await read_reply(reader)
            writer.close()
            return go, after, ehlo
    go, after, ehlo = arun(main())
    assert go == "220 Go ahead with TLS"
    assert after == "503 #5.5.1 MAIL first"       # neither RSET nor MAIL ran; no transaction left
    assert ehlo.startswith("250-ironport.example.com") and "STARTTLS" not in ehlo


def test_pipelined_transaction_and_session_commands(tmp_path):
    appliance = make_appliance(tmp_path, hold_mail)

    async def main():
        async with running(appliance) as service:
            port = listener_port(appliance)
            reader, writer = await asyncio.open_connection(HOST, port)
            await read_reply(reader)
            writer.write(b"EHLO c.example\r\nMAIL FROM:<a@b.example> SIZE=100 BODY=8BITMIME\r\n"
                         b"RCPT TO:<x@example.com>\r\nRCPT TO:<y@example.com>\r\nDATA\r\n"
                         b"Subject: piped\r\n\r\n..leading dot\r\nline\n.\nNOOP\r\n.\r\n"
                         b"NOOP\r\nVRFY someone\r\nHELP\r\nRSET\r\nFOO\r\nQUIT\r\n")
            replies = [await read_reply(reader) for _ in range(12)]
            writer.close()
            body = await service.core.spool.head(service.core.spool.messages[1])
            return replies, body
    replies, body = arun(main())
    assert [r[:3] for r in replies] == [
        "250", "250", "250", "250", "354", "250", "250", "252", "214", "250", "500", "221"]
    assert replies[1] == "250 sender <a@b.example> ok"
    assert replies[2] == "250 recipient <x@example.com> ok"
    assert replies[5] == "250 ok:  Message 1 accepted"
    # dot-unstuffing; a bare LF.LF does not end DATA and becomes CRLF.CRLF, which relaying
    # dot-stuffs (no SMTP smuggling)
    assert body.endswith(b"Subject: piped\r\n\r\n.leading dot\r\nline\r\n.\r\nNOOP\r\n")


def test_limits_size_recipients_and_line_length(tmp_path):
    def change(session):
        params = relay_policy(session).params
        params.max_message_size = 1000
        params.max_rcpts_per_msg = 2

    appliance = make_appliance(tmp_path, change)

    async def main():
        async with running(appliance) as service:
            port = listener_port(appliance)
            _, writer, replies = await talk(
                port, b"EHLO c.example\r\n", b"MAIL FROM:<a@b.example> SIZE=5000\r\n",
                b"MAIL FROM:<a@b.example>\r\n", b"RCPT TO:<1@example.com>\r\n",
                b"RCPT TO:<2@example.com>\r\n", b"RCPT TO:<3@example.com>\r\n", b"DATA\r\n",
                b"x" * 2000 + b"\r\n.\r\n", b"NOOP " + b"y" * 1200 + b"\r\n")
            writer.close()
            return replies, mail_log(service)
    replies, lines = arun(main())
    assert "SIZE 1000" in replies[1]
    assert replies[2:] == ["552 #5.3.4 message size exceeds limit",
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
        async with running(appliance) as service:
            port = listener_port(appliance)
            _, writer, replies = await talk(port, b"HELO c.example\r\n", b"MAIL FROM:<a@b.example>\r\n",
                                            b"RCPT TO:<someone@elsewhere.example>\r\n",
                                            b"RCPT TO:<someone@example.com>\r\n")
            writer.close()
            return replies, mail_log(service)
    replies, lines = arun(main())
    assert replies[3:] == ["550 #5.1.0 Address rejected.", "250 recipient <someone@example.com> ok"]
    assert ("Info: ICID 1 ACCEPT SG UNKNOWNLIST match sbrs[none] SBRS None country not applicable"
            in lines)
    assert "Info: MID 1 ICID 1 To: <someone@elsewhere.example> Rejected by RAT" in lines
    assert "Info: MID 1 ICID 1 RID 0 To: <someone@example.com>" in lines


@pytest.mark.parametrize("policy", ["$BLOCKED", "TCPREFUSE"])
def test_hat_reject_and_tcprefuse(tmp_path, policy):
    def change(session):
        hat = session.edit("listeners").listeners["IncomingMail"].hat
        hat.sender_groups.insert(0, model.SenderGroup("LABBLOCK", ["127.0.0.1"], policy))
    appliance = make_appliance(tmp_path, change)

    async def main():
        async with running(appliance) as service:
            reader, writer = await asyncio.open_connection(HOST, listener_port(appliance))
            try:
                data = await asyncio.wait_for(reader.read(), 10)
            except ConnectionResetError:   # TCPREFUSE resets the connection
                data = b""
            writer.close()
            return data, mail_log(service)
    data, lines = arun(main())
    if policy == "$BLOCKED":
        assert data.startswith(b"554 Your access to this mail system has been rejected")
        assert lines[1] == ("Info: ICID 1 REJECT SG LABBLOCK match 127.0.0.1 SBRS None "
                            "country not applicable")
        assert lines[-1] == "Info: ICID 1 close"
    else:
        assert data == b""
        assert lines == ["Info: ICID 0 TCPREFUSE SG LABBLOCK match 127.0.0.1 SBRS None "
                         "country not applicable"]


def test_commit_swaps_certificate_and_rebinds_without_cutting_sessions(tmp_path, pki):
    appliance = make_appliance(tmp_path, with_tls("on"))
    new = pki.leaf("new.example.com", dns=["new.example.com"])

    async def main():
        async with running(appliance):
            old_port = listener_port(appliance)
            reader, writer, _ = await talk(old_port, b"EHLO c.example\r\n")
            before = await s_client(old_port)

            def change(session):
                session.edit("certificates").profiles["new"] = new.profile("new")
                session.edit("listeners").listeners["IncomingMail"].certificate = "new"
            edit(appliance, change)
            await asyncio.sleep(0.05)
            after = await s_client(old_port)

            from .support import free_port
            new_port = free_port()
            edit(appliance, lambda s: setattr(s.edit("listeners").listeners["IncomingMail"],
                                              "port", new_port))
            await asyncio.sleep(0.05)
            writer.write(b"MAIL FROM:<a@b.example>\r\n")   # the open session goes on
            still_open = await read_reply(reader)
            writer.close()
            refused = await run("swaks", "--server", f"{HOST}:{old_port}", "--quit-after",
                                "connect", "--timeout", "5")
            moved = await swaks(new_port)
            return before, after, still_open, refused, moved, list(appliance.endpoints)
    before, after, still_open, refused, moved, endpoints = arun(main())
    assert "CN=Cisco Appliance Demo Certificate" in before[1] or "CN = Cisco Appliance Demo" in before[1]
    assert "new.example.com" in after[1]
    assert still_open == "250 sender <a@b.example> ok"
    assert refused[0] != 0
    assert moved[0] == 0, moved[1]
    assert len([e for e in endpoints if e[0] == "SMTP"]) == 1


def test_openssl_client_offering_only_old_protocols_fails_cleanly(tmp_path):
    appliance = make_appliance(tmp_path, with_tls("on"))

    async def main():
        async with running(appliance) as service:
            port = listener_port(appliance)
            bad = await s_client(port, "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0")
            good = await swaks(port, "--tls")
            return bad, good, mail_log(service)
    bad, good, lines = arun(main())
    assert bad[0] != 0
    assert good[0] == 0
    failed = [l for l in lines if "TLS failed" in l]
    assert failed and failed[0].startswith("Info: ICID 1 TLS failed: (")
    assert "Info: ICID 1 lost" in lines and "Info: ICID 1 close" in lines


def test_connection_limits_timeouts_and_a_misbehaving_client(tmp_path):
    def change(session):
        params = relay_policy(session).params
        params.max_concurrency = 1
        params.max_msgs_per_session = 1
        session.edit("listeners").injection_timeout_seconds = 1

    appliance = make_appliance(tmp_path, change)

    async def main():
        async with running(appliance) as service:
            port = listener_port(appliance)
            first, first_writer, replies = await talk(
                port, b"HELO c.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<u@example.com>\r\n"
                b"DATA\r\nSubject: one\r\n\r\n.\r\n")
            replies += [await read_reply(first) for _ in range(4)]
            second = await asyncio.open_connection(HOST, port)    # over the per-host limit
            refused = await asyncio.wait_for(second[0].read(), 10)
            first_writer.write(b"MAIL FROM:<a@b.example>\r\n")   # one message too many: 421
            too_many = await asyncio.wait_for(first.read(), 10)
            await asyncio.sleep(0.1)
            sleepy = await asyncio.open_connection(HOST, port)
            await read_reply(sleepy[0])
            idle = await asyncio.wait_for(sleepy[0].read(), 10)  # the idle timeout ends it
            await asyncio.sleep(0.1)
            noisy = await asyncio.open_connection(HOST, port)
            await read_reply(noisy[0])
            noisy[1].write(b"x" * 70000)                           # no line end, ever
            closed = await asyncio.wait_for(noisy[0].read(), 10)
            await asyncio.sleep(0.1)
            calm = await talk(port, b"NOOP\r\n")
            for writer in (first_writer, second[1], sleepy[1], noisy[1], calm[1]):
                writer.close()
            return replies, refused, too_many, idle, closed, calm[2], mail_log(service)
    replies, refused, too_many, idle, closed, calm, lines = arun(main())
    assert replies[1:] == ["250 ironport.example.com", "250 sender <a@b.example> ok",
                           "250 recipient <u@example.com> ok", "354 go ahead",
                           "250 ok:  Message 1 accepted"]
    assert too_many == b"421 #4.x.2 Too many messages for this session\r\n"
    assert "Info: ICID 1 Receiving Failed: Too Many Messages" in lines
    assert refused == b"421 #4.4.5 Too many connections to this listener\r\n"
    assert "Info: ICID 2 Receiving Failed: Connection limit exceeded" in lines
    assert idle == b"421 ironport.example.com Error: timeout exceeded\r\n"
    assert closed == b"500 Line too long\r\n"
    assert calm[1] == "250 ok"       # other sessions are not affected


def test_no_shared_cipher_is_logged_as_appliances_do(tmp_path):
    appliance = make_appliance(tmp_path, with_tls("on"))

    async def main():
        async with running(appliance) as service:
            # The listener's key is RSA: a client offering only ECDSA suites shares none.
            failed = await s_client(listener_port(appliance), "-tls1_2", "-cipher",
                                    "ECDHE-ECDSA-AES128-GCM-SHA256")
            await asyncio.sleep(0.1)
            return failed, mail_log(service)
    failed, lines = arun(main())
    assert failed[0] != 0
    assert ("Info: ICID 1 TLS failed: (167772353, 'error:0A0000C1:SSL routines::no shared "
            "cipher')") in lines
    assert lines[-2:] == ["Info: ICID 1 lost", "Info: ICID 1 close"]


def test_blackhole_listener_accepts_and_discards(tmp_path):
    appliance = make_appliance(tmp_path, lambda s: setattr(
        s.edit("listeners").listeners["IncomingMail"], "type", "blackhole"))

    async def main():
        async with running(appliance) as service:
            status, out = await swaks(listener_port(appliance))
            return status, out, mail_log(service), dict(service.core.spool.messages)
    status, out, lines, queued = arun(main())
    assert status == 0 and "250 ok:  Message 1 accepted" in out
    assert "Info: Message finished MID 1 done" in lines and queued == {}
    assert not any("queued for delivery" in l for l in lines)
