"""Outbound delivery under each destination-control TLS setting, against a receiving MTA on
Python's ssl module, with certificates from a lab CA the appliance trusts as a custom CA."""
import asyncio
import re
import ssl

import pytest
from twisted.internet import task

from cluster import model

from .sink import Sink
from .support import (PKI, arun, listener_port, mail_log, make_appliance, masked, running, swaks,
                      until)

DOMAIN = "dest.example"


@pytest.fixture(scope="module")
def pki():
    return PKI.create()


@pytest.fixture(scope="module")
def identities(pki, tmp_path_factory):
    """Server identities written as PEM files for ssl.SSLContext.load_cert_chain."""
    folder = tmp_path_factory.mktemp("certs")
    made = {
        "good": pki.leaf("mx.example.net", dns=["mx.example.net"], ips=["127.0.0.1"]),
        "wrong": pki.leaf("wrong.invalid", dns=["wrong.invalid"]),
        "self": pki.leaf("mx.example.net", dns=["mx.example.net"], ips=["127.0.0.1"],
                         self_signed=True),
        "cn-only": pki.leaf("other.invalid"),
    }
    files = {}
    for name, ident in made.items():
        path = folder / f"{name}.pem"
        path.write_text(ident.key_pem + ident.certificate_pem + "".join(ident.chain_pem))
        files[name] = path
    return files


def server_context(path) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(path))
    return context


def to_sink(pki, port: int, tls: str, alert: bool = False):
    def change(session):
        session.edit("smtproutes").routes[DOMAIN] = model.SmtpRoute(
            DOMAIN, [model.RouteDestination("127.0.0.1", port)])
        session.edit("destconfig").entries[DOMAIN] = model.DestinationControl(DOMAIN, tls=tls)
        session.edit("certificates").custom_cas["lab"] = model.CustomCA("lab", pki.root_pem)
        if alert:
            session.edit("destconfig").tls_alert = True
            session.edit("alerts").recipients["ops@alerts.example"] = model.AlertRecipient(
                "ops@alerts.example", {"System": ["Warning"]})
    return change


async def deliver_one(service, recipient: str = f"user@{DOMAIN}") -> None:
    await service.core.generate("alice@sender.example", [recipient],
                                b"Subject: test\r\n\r\nhello\r\n", {})


# server mode -> {TLS setting: (delivered, over TLS)}; None = not delivered on this attempt.
OUTCOMES = {
    "good": {"off": False, "on": True, "require": True, "on_verify": True, "require_verify": True},
    "wrong": {"off": False, "on": True, "require": True, "on_verify": True, "require_verify": None},
    "self": {"off": False, "on": True, "require": True, "on_verify": True, "require_verify": None},
    "cn-only": {"off": False, "on": True, "require": True, "on_verify": True,
                "require_verify": None},
    "plain": {"off": False, "on": False, "require": None, "on_verify": False,
              "require_verify": None},
    "454": {"off": False, "on": False, "require": None, "on_verify": False,
            "require_verify": None},
    "garbage": {"off": False, "on": None, "require": None, "on_verify": None,
                "require_verify": None},
    "noesmtp": {"off": False, "on": False, "require": None, "on_verify": False,
                "require_verify": None},
}


# Real handshakes and verification go end to end for every setting; the servers without TLS
# are the conversation's business, each case tested without a socket in test_outbound (these
# few still go end to end).
END_TO_END = [(server, setting) for server in ("good", "wrong", "self", "cn-only")
              for setting in model.DEST_TLS] + [
    ("plain", "require"), ("454", "on"), ("garbage", "on"), ("noesmtp", "on_verify")]


@pytest.mark.parametrize("server,setting", END_TO_END)
def test_destination_tls_settings(tmp_path, pki, identities, server, setting):
    expected = OUTCOMES[server][setting]
    mode = server if server in ("plain", "454", "garbage", "noesmtp") else "good"
    sink = Sink(mode, server_context(identities.get(server, identities["good"])))

    async def main():
        port = await sink.start()
        appliance = make_appliance(tmp_path, to_sink(pki, port, setting))
        async with running(appliance) as service:
            await deliver_one(service)
            received = await sink.wait_for(1, timeout=5 if expected is not None else 1.5)
            lines = mail_log(service)
        await sink.stop()
        return received, lines, sink.connections
    received, lines, connections = arun(main())
    text = "\n".join(lines)
    assert connections == 1            # one connection per attempt, no hidden retries
    if expected is None:
        assert received == []
        assert re.search(r"Delayed: DCID [1-9]\d* MID 1 From: <alice@sender.example> "
                         rf"To: <user@{DOMAIN}> RID 0 - 4\.\d\.\d - ", text), text
        assert "Message finished MID 1" not in text
    else:
        assert len(received) == 1 and received[0].tls is expected, text
        assert "Info: Message done DCID 1 MID 1 to RID [0]" in lines
        assert "Info: MID 1 RID [0] Response '2.0.0 Ok: queued as SINK1'" in lines
        assert "Info: Message finished MID 1 done" in lines
        success = re.search(r"^Info: DCID 1 TLS success protocol TLSv1\.[23] cipher \S+$", text,
                            re.M)
        assert bool(success) is expected, text
    if setting == "on_verify" and expected:
        verdict = ("verified for 127.0.0.1" if server == "good" else "verification failed")
        assert f"Info: DCID 1 TLS certificate {verdict}" in text, text
    if server == "454" and setting != "off":
        assert ("Info: Connection Error: DCID 1 domain: dest.example IP: 127.0.0.1 port: "
                in text and "details: 454-'4.7.0 TLS not available due to temporary reason' "
                "interface: 127.0.0.1 reason: unexpected SMTP response" in text)
        assert "Info: DCID 1 TLS failed: STARTTLS unexpected response" in lines
    if server in ("plain", "noesmtp") and setting in ("require", "require_verify"):
        assert ("Info: DCID 1 IP 127.0.0.1 TLS was required but could not be successfully "
                "negotiated") in lines
    if server in ("wrong", "self", "cn-only") and setting == "require_verify":
        assert re.search(r"Info: DCID 1 TLS failed: verify error: "
                         r"(hostname mismatch|self-signed certificate)$", text, re.M), text


def test_a_message_is_traceable_from_icid_to_dcid(tmp_path, pki, identities):
    sink = Sink("good", server_context(identities["good"]))

    async def main():
        port = await sink.start()
        appliance = make_appliance(tmp_path, to_sink(pki, port, "require_verify"))
        async with running(appliance) as service:
            status, out = await swaks(listener_port(appliance), "--to", f"bob@{DOMAIN}",
                                      "--header", "Subject: Quarterly report")
            await sink.wait_for(1)
            await until(lambda: "Info: Message finished MID 1 done" in mail_log(service))
            lines = mail_log(service)
        await sink.stop()
        return lines
    lines = arun(main())
    flow = [l for l in masked(lines)
            if "ready" not in l and "Message-ID" not in l and not l.endswith(" close")]
    assert flow == [
        "Info: New SMTP ICID N interface Management (127.0.0.1) address 127.0.0.1 "
        "reverse dns host localhost verified yes",
        "Info: ICID N RELAY SG RELAYLIST match 127.0.0.1 SBRS None country not applicable",
        "Info: Start MID N ICID N",
        "Info: MID N ICID N From: <alice@sender.example>",
        "Info: MID N ICID N RID N To: <bob@dest.example>",
        'Info: MID N Subject "Quarterly report"',
        "Info: MID N matched all recipients for per-recipient policy DEFAULT in the outbound table",
        "Info: MID N interim AV verdict using Sophos CLEAN",      # the outbound DEFAULT policy
        "Info: MID N antivirus negative",
        "Info: MID N queued for delivery",
        flow[10],
        flow[11],
        "Info: DCID N TLS certificate verified for 127.0.0.1",
        "Info: Delivery start DCID N MID N to RID [0]",
        "Info: Message done DCID N MID N to RID [0]",
        "Info: MID N RID [0] Response '2.0.0 Ok: queued as SINK1'",
        "Info: Message finished MID N done",
    ]
    assert re.fullmatch(r"Info: New SMTP DCID N interface 127\.0\.0\.1 address 127\.0\.0\.1 "
                        r"port \d+", flow[10])
    assert re.fullmatch(r"Info: DCID N TLS success protocol TLSv1\.3 cipher TLS_\w+", flow[11])
    # the delivery connection closes after QUIT (the inbound one whenever the client quits)
    assert lines[-1] == "Info: DCID 1 close" or lines.index("Info: DCID 1 close") > lines.index(
        "Info: Message finished MID 1 done")
    ids = " ".join(lines)
    assert "Start MID 1 ICID 1" in ids and "Delivery start DCID 1 MID 1" in ids


def test_hard_bounce_sends_a_dsn_and_soft_bounce_is_retried(tmp_path, pki):
    sink = Sink("plain")

    async def main():
        port = await sink.start()

        def change(session):
            to_sink(pki, port, "off")(session)
            session.edit("smtproutes").routes["sender.example"] = model.SmtpRoute(
                "sender.example", [model.RouteDestination("127.0.0.1", port)])
        appliance = make_appliance(tmp_path, change)
        appliance.scenario["retry_scale"] = 1 / 60  # the lab knob: the first retry after 1 s
        async with running(appliance) as service:
            clock = service.core.delivery.clock = task.Clock()   # retries wait on it

            def delays() -> int:
                return "\n".join(mail_log(service)).count("Delayed: DCID")
            await service.core.generate("alice@sender.example",
                                        [f"bounce1@{DOMAIN}", f"defer1@{DOMAIN}", f"ok@{DOMAIN}"],
                                        b"Subject: three\r\n\r\nhi\r\n", {})
            received = await sink.wait_for(2)
            clock.advance(0.99)
            assert delays() == 1
            clock.advance(0.01)                # the deferred recipient is tried again
            await until(lambda: delays() == 2)
            lines = mail_log(service)
            bounces = service.core.log_path("bounces").read_text()
            pending = [r.address for m in service.core.spool.messages.values() for r in m.pending()]
        await sink.stop()
        return received, lines, bounces, pending
    received, lines, bounces, pending = arun(main())
    text = "\n".join(lines)
    assert ("Info: Bounced: DCID 1 MID 1 From: <alice@sender.example> To: <bounce1@dest.example> "
            "RID 0 - 5.1.1 - Bad destination mailbox address ('550', ['5.1.1 "
            "<bounce1@dest.example>: Recipient address rejected: User unknown'])") in lines
    assert ("Info: Delayed: DCID 1 MID 1 From: <alice@sender.example> To: <defer1@dest.example> "
            "RID 1 - 4.3.2 - Not accepting messages at this time ('451', ['4.3.2 try again "
            "later'])") in lines
    assert "Info: Message done DCID 1 MID 1 to RID [2]" in lines
    assert text.count("Delayed: DCID") == 2          # first attempt and the retry after 1 s
    assert "Info: MID 2 was generated for bounce of MID 1" in lines
    assert "Info: MID 2 ICID 0 From: <>" in lines
    dsn = next(m for m in received if m.sender == "")
    assert dsn.recipients == ["alice@sender.example"]
    assert b"Subject: Delivery Status Notification (Failure)" in dsn.data
    assert b"Status: 5.1.1" in dsn.data
    assert "Bounced: DCID 1 MID 1 From:<alice@sender.example> To:<bounce1@dest.example> RID 0" in bounces
    assert pending == ["defer1@dest.example"]


def test_required_tls_failure_sends_a_system_warning_alert(tmp_path, pki):
    refusing, alerts = Sink("454"), Sink("plain")

    async def main():
        port, alert_port = await refusing.start(), await alerts.start()

        def change(session):
            to_sink(pki, port, "require", alert=True)(session)
            session.edit("smtproutes").routes["alerts.example"] = model.SmtpRoute(
                "alerts.example", [model.RouteDestination("127.0.0.1", alert_port)])
        appliance = make_appliance(tmp_path, change)
        async with running(appliance) as service:
            await deliver_one(service)
            await deliver_one(service)      # a second failure within the debounce: no new alert
            received = await alerts.wait_for(1)
            await asyncio.sleep(0.3)
            lines = mail_log(service)
        await refusing.stop()
        await alerts.stop()
        return received, lines
    received, lines = arun(main())
    assert len(received) == 1
    alert = received[0]
    assert alert.sender == "alert@ironport.example.com" and alert.recipients == ["ops@alerts.example"]
    subject = re.search(rb"Subject: (.*)\r\n", alert.data).group(1).decode()
    assert subject.startswith("Warning <System> ironport.example.com: ")
    assert DOMAIN in subject
    assert any(l.startswith('Info: A System/Warning alert was sent to ops@alerts.example with '
                            f'subject "{subject}"') for l in lines)
