"""sslconfig applied on commit to the real TLS contexts: the listener (openssl s_client with
one TLS version or one cipher) and the delivery client (a receiving MTA on Python's ssl)."""
import asyncio

import harness
from cluster import model
from tlsclient import renegotiate

from .sink import Sink
from .support import PKI, arun, listener_port, mail_log, make_appliance, relay_policy, running, \
    s_client


def with_tls(session):
    relay_policy(session).params.tls = "on"


async def configure(appliance, *answers: str) -> str:
    """``sslconfig`` typed in a CLI session, then ``commit``; the transcript."""
    transcript = harness.Transcript(appliance)
    for answer in ("sslconfig", *answers, "", "commit", "sslconfig test", ""):
        transcript.terminal.feed(answer.encode() + b"\n")
    transcript.terminal.end_input()
    await transcript.cli.run_shell()
    return transcript.text.replace("\r\n", "\n")


OLD_CLIENT = ("-cipher", "DEFAULT:@SECLEVEL=0")   # lets this OpenSSL 3 client offer TLS 1.1


def test_inbound_versions_and_ciphers_apply_on_commit(tmp_path):
    appliance = make_appliance(tmp_path, with_tls)
    results = {}

    async def main():
        async with running(appliance) as service:
            port = listener_port(appliance)
            results["1.1 off"] = await s_client(port, "-tls1_1", *OLD_CLIENT)
            results["dialog"] = await configure(appliance, "inbound", "2-3", "", "")
            results["1.1 on"] = await s_client(port, "-tls1_1", *OLD_CLIENT)
            results["1.3 off"] = await s_client(port, "-tls1_3")
            await configure(appliance, "inbound", "3", "ECDHE-RSA-AES256-GCM-SHA384", "")
            results["outside"] = await s_client(port, "-tls1_2", "-cipher", "AES128-SHA")
            results["inside"] = await s_client(port, "-tls1_2", "-cipher",
                                               "ECDHE-RSA-AES256-GCM-SHA384")
            await asyncio.sleep(0.1)
            results["log"] = mail_log(service)
    arun(main())

    assert results["1.1 off"][0] != 0
    assert "Inbound SMTP method: tlsv1_1tlsv1_2\n" in results["dialog"]
    assert "Changes committed" in results["dialog"]
    assert results["1.1 on"][0] == 0 and "Protocol  : TLSv1.1" in results["1.1 on"][1]
    assert results["1.3 off"][0] != 0
    assert results["outside"][0] != 0
    assert results["inside"][0] == 0
    log = results["log"]
    assert any(line.endswith("TLS success protocol TLSv1.1 cipher ECDHE-RSA-AES256-SHA")
               for line in log), log
    assert any("TLS failed: (167772353, 'error:0A0000C1:SSL routines::no shared cipher')" in line
               for line in log), log
    assert any(line.endswith("TLS success protocol TLSv1.2 cipher ECDHE-RSA-AES256-GCM-SHA384")
               for line in log), log


def test_outbound_versions_and_ciphers_apply_to_delivery(tmp_path):
    sink = Sink("good", PKI.create().server_context(tmp_path))

    async def main():
        port = await sink.start()

        def route(session):
            session.edit("smtproutes").routes["dest.example"] = model.SmtpRoute(
                "dest.example", [model.RouteDestination("127.0.0.1", port)])
            session.edit("destconfig").entries["dest.example"] = model.DestinationControl(
                "dest.example", tls="require")
        appliance = make_appliance(tmp_path / "state", route)
        async with running(appliance) as service:
            await configure(appliance, "outbound", "3", "ECDHE-RSA-AES128-GCM-SHA256")
            await service.core.generate("alice@sender.example", ["user@dest.example"],
                                        b"Subject: t\r\n\r\nhello\r\n", {})
            received = await sink.wait_for(1)
            lines = mail_log(service)
        await sink.stop()
        return received, lines
    received, lines = arun(main())
    assert len(received) == 1 and received[0].tls
    assert "Info: DCID 1 TLS success protocol TLSv1.2 cipher ECDHE-RSA-AES128-GCM-SHA256" in lines


SMTP = (("-starttls", "smtp"), b"NOOP\r\n", b"250 ok")


def test_inbound_renegotiation_question_applies_to_the_listener(tmp_path):
    appliance = make_appliance(tmp_path, with_tls)
    results = {}

    async def main():
        async with running(appliance):
            port = listener_port(appliance)
            results["allowed"] = await renegotiate(port, *SMTP)
            results["dialog"] = await configure(appliance, "inbound", "", "", "n")
            results["refused"] = await renegotiate(port, *SMTP)
    arun(main())

    assert "TLS Renegotiation for inbound SMTP? [Y]> n\n" in results["dialog"]
    assert "Changes committed" in results["dialog"]
    allowed = results["allowed"].split("RENEGOTIATING", 1)[1]
    assert "250 ok" in allowed and "no renegotiation" not in allowed
    refused = results["refused"].split("RENEGOTIATING", 1)[1]
    assert "no renegotiation" in refused and "250 ok" not in refused
    assert appliance.view().ssl.inbound.renegotiation is False
