"""The inbound listener against real clients over real sockets: swaks and openssl s_client
(TLS handshakes, certificates, rebinding).  The dialogue, limits and timers are tested without
sockets in test_listener.py and test_serverprotocol.py."""
import asyncio
import re

import pytest

from smtp_core.queue import Spool

from .support import (HOST, PKI, arun, edit, listener_port, mail_log, make_appliance, masked,
                      relay_policy, run, running, s_client, swaks, with_tls)


@pytest.fixture(scope="module")
def pki():
    return PKI.create()


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


def test_tls_required_accepts_mail_inside_tls(tmp_path):
    appliance = make_appliance(tmp_path, with_tls("required"))

    async def main():
        async with running(appliance) as service:
            return await swaks(listener_port(appliance), "--tls"), mail_log(service)
    (status, out), lines = arun(main())
    assert status == 0, out
    assert "<~  250 ok:  Message 1 accepted" in out   # inside TLS
    assert any(l.startswith("Info: ICID 1 TLS success protocol TLSv1.3") for l in lines)


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


def test_a_listener_listens_on_its_interface_addresses_only(tmp_path):
    """An interface with an IPv6 address gets the listener there too; one with only an IPv6
    address never makes it listen on every address of the host."""
    def interfaces(session):
        ifaces = session.edit("interfaces")
        ifaces["Management"].ipv6, ifaces["Management"].ipv6_prefix = "::1", 128
    appliance = make_appliance(tmp_path, interfaces)

    async def main():
        async with running(appliance):
            dual = sorted(e[1] for e in appliance.endpoints if e[0] == "SMTP")
            edit(appliance, lambda s: setattr(s.edit("interfaces")["Management"], "ipv4", ""))
            await asyncio.sleep(0.05)
            only_v6 = sorted(e[1] for e in appliance.endpoints if e[0] == "SMTP")
            reader, writer = await asyncio.open_connection("::1", listener_port(appliance))
            banner = await read_reply(reader)
            writer.close()
            return dual, only_v6, banner
    dual, only_v6, banner = arun(main())
    assert dual == ["127.0.0.1", "::1"]
    assert only_v6 == ["::1"]
    assert banner.startswith("220 ")
