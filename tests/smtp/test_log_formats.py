"""Every mail_logs and bounces line of a busy scenario has a shape documented in mail-logs.md
(verbatim samples and the parsers of §9: IronPort's analysers, Cribl, Elastic)."""
import asyncio
import re

from cluster import model

from .sink import Sink
from .support import (PKI, arun, closed_port, listener_port, make_appliance, relay_policy,
                      running, swaks)

STAMP = re.compile(r"^([A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}) (Info|Warning): (.*)$")
IP = r"\d+\.\d+\.\d+\.\d+"
RIDS = r"\[\d+(, \d+)*\]"
SHAPES = [
    r"Begin Logfile", r"Version: \d+\.\d+\.\d+-\d{3} SN: \S{20}",
    r"Time offset from UTC: -?\d{1,7} seconds",
    rf"New SMTP ICID \d+ interface [\w ]+ \({IP}\) address {IP} reverse dns host \S+ verified (yes|no)",
    # Cribl's HAT regex (mail-logs.md §2.2), with the modern country suffix
    r"ICID \d+ (TCPREFUSE|ACCEPT|REJECT|RELAY) SG \w+ match \S+ SBRS (None|-?\d+\.\d) country .+",
    r"ICID \d+ TLS success protocol TLSv1\.[0-3] cipher [\w-]+",
    r"ICID \d+ TLS failed: \(\d+, 'error:[0-9A-F]{8}:.+'\)",
    r"ICID \d+ (close|lost)", r"ICID \d+ Receiving Failed: [\w ]+",
    r"Start MID \d+ ICID \d+",
    r"MID \d+ ICID \d+ From: <[^>]*>", r"MID \d+ ICID \d+ RID \d+ To: <[^>]+>",
    r"MID \d+ ICID \d+ To: <[^>]+> Rejected by RAT",
    r"MID \d+ Message-ID '<[^>]+>'", r'MID \d+ Subject ".*"',
    r"MID \d+ ready \d+ bytes from <[^>]*>",
    r"MID \d+ matched all recipients for per-recipient policy \w+ in the (inbound|outbound) table",
    r"MID \d+ interim AV verdict using Sophos (CLEAN|VIRAL)", r"MID \d+ antivirus negative",
    r"MID \d+ queued for delivery", r"MID \d+ was generated for bounce of MID \d+",
    rf"New SMTP DCID \d+ interface {IP} address {IP} port \d+",
    r"DCID \d+ TLS success protocol TLSv1\.[0-3] cipher [\w-]+",
    r"DCID \d+ TLS failed: STARTTLS unexpected response",
    rf"DCID \d+ IP {IP} TLS was required but could not be successfully negotiated",
    rf"Delivery start DCID \d+ MID \d+ to RID {RIDS}", rf"Message done DCID \d+ MID \d+ to RID {RIDS}",
    rf"MID \d+ RID {RIDS} Response '.*'",
    # Cribl's Connection Error regex, the 2023 sample's field order (mail-logs.md §4.3)
    rf"Connection Error: DCID \d+ domain: \S+ IP: {IP} port: \d+ details: .+ interface: {IP} "
    r"reason: (network error|unexpected SMTP response)",
    # the 2018 Splunk sample's Bounced / Delayed form (mail-logs.md §4.2)
    r"(Bounced|Delayed): DCID \d+ MID \d+ From: <[^>]*> To: <[^>]+> RID \d+ - [45]\.\d+\.\d+ - "
    r"[\w ().,]+ \('\d{3}', \[.*\]\)",
    r"Message finished MID \d+ (done|aborted)", r"Message aborted MID \d+ Receiving aborted",
    r"DCID \d+ close",
    # the emulator's own line for the verification result of Preferred/Required-Verify
    r"DCID \d+ TLS certificate (verified for \S+|verification failed: .+)",
]
# Elastic's bounce grok (mail-logs.md §9.1 item 3)
BOUNCE = re.compile(r"^(Bounced|Delayed): DCID \d+ MID \d+ From:<.*> To:<.*> RID \d+ - \S+ - .* \(.*\)$")


def test_every_line_has_a_documented_shape(tmp_path):
    pki = PKI.create()
    context = pki.server_context(tmp_path)
    sinks = {"good.example": Sink("good", context), "refuse.example": Sink("454"),
             "plain.example": Sink("plain")}

    async def main():
        ports = {domain: await sink.start() for domain, sink in sinks.items()}
        ports["closed.example"] = closed_port()
        settings = {"good.example": "require_verify", "refuse.example": "on",
                    "plain.example": "require", "closed.example": "off"}

        def change(session):
            relay_policy(session).params.tls = "on"
            routes = session.edit("smtproutes").routes
            for domain, port in ports.items():
                routes[domain] = model.SmtpRoute(domain, [model.RouteDestination("127.0.0.1", port)])
                session.edit("destconfig").entries[domain] = model.DestinationControl(
                    domain, tls=settings[domain])
            routes["sender.example"] = model.SmtpRoute(
                "sender.example", [model.RouteDestination("127.0.0.1", ports["good.example"])])
            session.edit("certificates").custom_cas["lab"] = model.CustomCA("lab", pki.root_pem)
        appliance = make_appliance(tmp_path, change)
        async with running(appliance) as service:
            port = listener_port(appliance)
            for to in ("a@good.example,bounce@good.example", "b@refuse.example",
                       "c@plain.example", "d@closed.example"):
                status, out = await swaks(port, "--tls", to=to,
                                          sender="alice@sender.example")
                assert status == 0, out
            await swaks(port, "--quit-after", "RCPT", to="x@good.example")   # aborted MID
            for _ in range(100):
                await asyncio.sleep(0.05)
                if len(sinks["good.example"].messages) >= 2:
                    break
            await asyncio.sleep(0.3)
            service.core.writer.flush()
            mail = service.core.log_path("mail_logs").read_text().splitlines()
            bounces = service.core.log_path("bounces").read_text().splitlines()
        for sink in sinks.values():
            await sink.stop()
        return mail, bounces
    mail, bounces = arun(main())
    shapes = [re.compile(shape + "$") for shape in SHAPES]
    odd = []
    for line in mail:
        match = STAMP.match(line)
        if match is None or len(match.group(1)) != 24 or not any(
                s.match(match.group(3)) for s in shapes):
            odd.append(line)
    assert not odd, "\n".join(odd)
    messages = [STAMP.match(line).group(3) for line in mail]
    for needed in ("Bounced:", "Delayed:", "Connection Error:", "TLS failed:", "TLS success",
                   "TLS was required", "Message aborted", "generated for bounce", "Response '"):
        assert any(needed in m for m in messages), needed
    bodies = [STAMP.match(line).group(3) for line in bounces[3:]]
    assert bodies and all(BOUNCE.match(b) for b in bodies), bounces
