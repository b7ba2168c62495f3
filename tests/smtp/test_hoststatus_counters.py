"""``hoststatus`` and ``status detail`` after real deliveries that bounce for each reason: a peer
that answers 550 (5XX), a domain the lab DNS server says does not exist (DNS), a host that never
answers until the one-second queue lifetime is over (expired), spam under the BOUNCE action
(filter); and a connection that waits on a loopback port whose accept queue is full (pending).
Each host's output is read by the rules of Cisco's QA library's parser (``hoststatus_fields``)."""
from __future__ import annotations

import asyncio
import dataclasses
import re
import socket

from asyncos_emulator.labdns import DNSSpec, LabDNSService, parse_zones
from cluster import model
from smtp_core import scanning

from .hoststatus_fields import fields
from .sink import Sink
from .support import HOST, arun, cli, closed_port, free_udp_port, listener_port, make_appliance, \
    running, swaks, until

REFUSING = "refusing.example"      # its peer answers 550 to recipients named bounce*
MISSING = "missing.example.net"    # NXDOMAIN from the lab DNS server
EXPIRED = "expired.example"        # nothing listens at its route
PENDING = "pending.example"        # its route's port never completes a connection
FILTERED = "example.com"           # the listener's domain: GTUBE there is bounced by CASE
SENDER = "alice@sender.example"
ZONES = {"example.net": ["@ MX 10 mx", "mx A 127.0.0.1"]}


def stuffed_port() -> tuple[socket.socket, socket.socket]:
    """A listening socket whose accept queue is full: Linux leaves the next connection's SYN
    unanswered, so it waits (is pending) until the socket closes."""
    listener = socket.socket()
    listener.bind((HOST, 0))
    listener.listen(0)
    filler = socket.create_connection(listener.getsockname())
    return listener, filler


def lab(sink_port: int, stuffed: int):
    def change(session):
        # 127.0.0.1 falls to UNKNOWNLIST: spam checks on, and spam is bounced.
        session.edit("listeners").listeners["IncomingMail"].hat.sender_groups[0].senders = [
            "10.9.9.9"]
        session.edit("mailpolicies").inbound.spam_action = "bounce"
        routes = session.edit("smtproutes").routes
        del routes[model.ROUTE_ALL]           # other domains are looked up in the lab DNS
        for domain, port in ((REFUSING, sink_port), ("sender.example", sink_port),
                             (EXPIRED, closed_port()), (PENDING, stuffed)):
            routes[domain] = model.SmtpRoute(domain, [model.RouteDestination(HOST, port)])
        dns = session.edit("dnsconfig")
        dns.mode, dns.servers = model.DNS_LOCAL, [model.DnsServer(HOST, 0)]
        session.edit("delivery").max_queue_lifetime_seconds = 1
    return change


def test_hoststatus_counts_every_hard_bounce_reason_and_pending_connections(tmp_path):
    sink = Sink("plain")
    dns_port = free_udp_port()
    dns = LabDNSService(DNSSpec(HOST, dns_port, parse_zones(ZONES)), dns_port, [])
    listener, filler = stuffed_port()

    async def main():
        dns.start()
        appliance = make_appliance(tmp_path, lab(await sink.start(), listener.getsockname()[1]))
        appliance = dataclasses.replace(appliance, lab_ports={(HOST, 53): dns_port})
        results = {}
        async with running(appliance) as service:
            core = service.core
            status, out = await swaks(listener_port(appliance), "--body",
                                      scanning.GTUBE.decode(), to=f"user@{FILTERED}")
            assert status == 0, out
            for recipients in ([f"bounce1@{REFUSING}", f"ok@{REFUSING}"], [f"x@{MISSING}"],
                               [f"x@{EXPIRED}"], [f"x@{PENDING}"]):
                await core.generate(SENDER, recipients, b"Subject: t\r\n\r\nhi\r\n", {})

            def host(domain: str, name: str) -> int:
                record = core.stats.hosts.get(domain)
                return record.values.get(name, 0) if record else 0
            await until(lambda: all(host(d, "hard_bounced_recipients") == 1
                                    for d in (REFUSING, MISSING, EXPIRED, FILTERED))
                        and host(PENDING, "pending_outbound") == 1)
            for line in [f"hoststatus {d}" for d in (REFUSING, MISSING, EXPIRED, FILTERED,
                                                      PENDING)] + ["status detail"]:
                results[line] = await cli(appliance, line)
            # The far end goes away: the waiting connection fails and is no longer pending.
            filler.close()
            listener.close()
            await until(lambda: host(PENDING, "pending_outbound") == 0)
            results["after"] = await cli(appliance, f"hoststatus {PENDING}")
        await sink.stop()
        await dns.stop().asFuture(asyncio.get_running_loop())
        return results
    results = arun(main())

    counters = {domain: fields(results[f"hoststatus {domain}"][1])["counter"]
                for domain in (REFUSING, MISSING, EXPIRED, FILTERED, PENDING)}
    reasons = ("dns_hard_bounces", "fivexx_hard_bounces", "filter_hard_bounces",
               "expired_hard_bounces", "other_hard_bounces")
    expected = {REFUSING: "fivexx_hard_bounces", MISSING: "dns_hard_bounces",
                EXPIRED: "expired_hard_bounces", FILTERED: "filter_hard_bounces"}
    for domain, reason in expected.items():
        found = counters[domain]
        assert found["hard_bounced_recipients"] == "1", (domain, found)
        assert {name: found[name] for name in reasons} == {
            name: "1" if name == reason else "0" for name in reasons}, (domain, found)
    assert counters[REFUSING]["delivered_recipients"] == "1"
    assert counters[REFUSING]["completed_recipients"] == "2"
    assert counters[EXPIRED]["soft_bounced_events"] != "0"     # retried before it expired
    assert counters[PENDING]["completed_recipients"] == "0"

    gauges = fields(results[f"hoststatus {PENDING}"][1])["gauge"]
    assert (gauges["pending_outbound_connections"], gauges["current_outbound_connections"],
            gauges["active_recipients"]) == ("1", "0", "1"), results[f"hoststatus {PENDING}"]
    assert fields(results["after"][1])["gauge"]["pending_outbound_connections"] == "0"

    detail = results["status detail"][1]
    for label, count in (("Gen. Bounce Recipients", 4), ("Hard Bounced Recipients", 4), ("DNS Hard Bounces", 1),
                         ("5XX Hard Bounces", 1), ("Expired Hard Bounces", 1),
                         ("Filter Hard Bounces", 1), ("Other Hard Bounces", 0)):
        assert re.search(rf"\n {{4,8}}{label} +{count} +{count} +{count}\n", detail), detail
