"""``status detail`` read by the rules of Cisco's QA library's parser (``status_fields``) after
real traffic (swaks to the listener, delivery to a peer over an SMTP route): every field it reads is
there, the counters and the 1/5/15-minute rates follow the messages, and the rates fall back as
the windows pass (the rates' clock is a ``task.Clock``: no sleeping)."""
from __future__ import annotations

import re

from twisted.internet import task

from cluster import model
from smtp_core.rates import Rates

from .sink import Sink
from .status_fields import fields
from .support import HOST, arun, cli, listener_port, make_appliance, running, swaks, until

START = 1_700_000_000


def test_rates_count_events_per_hour_over_each_window_and_forget_old_seconds():
    clock = task.Clock()
    clock.advance(START)
    rates = Rates(("seen",), clock.seconds)
    rates.record("seen", 3)
    rates.record("unknown", 5)          # a counter without rates is ignored
    rates.record("seen", -1)            # a gauge going down is no event
    assert rates.per_hour() == {"seen": (3 * 60, 3 * 12, 3 * 4)}
    clock.advance(61)
    rates.record("seen", 1)
    assert rates.per_hour() == {"seen": (60, 4 * 12, 4 * 4)}
    clock.advance(300)
    assert rates.per_hour() == {"seen": (0, 0, 4 * 4)}
    # 900 seconds after the first events their slot comes round again: it counts anew.
    clock.advance(900 - 361)
    rates.record("seen", 2)
    assert rates.per_hour() == {"seen": (2 * 60, 2 * 12, 3 * 4)}
    clock.advance(900)
    assert rates.per_hour() == {"seen": (0, 0, 0)}


def test_status_detail_gives_every_field_of_the_qa_parser_after_real_mail(tmp_path):
    sink = Sink("plain")
    clock = task.Clock()
    clock.advance(START)

    async def main():
        port = await sink.start()

        def to_sink(session):
            session.edit("smtproutes").routes["example.com"] = model.SmtpRoute(
                "example.com", [model.RouteDestination(HOST, port)])
        appliance = make_appliance(tmp_path, to_sink)
        results = {}
        async with running(appliance) as service:
            core = service.core
            core.stats.rates.clock = clock.seconds
            results["before"] = await cli(appliance, "status detail")
            for to in ("one@example.com", "two@example.com"):
                status, out = await swaks(listener_port(appliance), to=to)
                assert status == 0, out
            await until(lambda: core.stats.values.get("completed_recipients", 0) == 2)
            results["after"] = await cli(appliance, "status detail")
            clock.advance(61)
            results["minute later"] = await cli(appliance, "status detail")
            clock.advance(900)
            results["window later"] = await cli(appliance, "status detail")
            results["plain"] = await cli(appliance, "status")
        await sink.stop()
        return results
    results = arun(main())

    before = fields(results["before"][1])
    assert before["rates"]["messages_received"] == ["0", "0", "0"], results["before"][1]
    after = fields(results["after"][1])
    missing = [(part, name) for part, found in after.items()
               for name, values in found.items() if values is None]
    assert not missing, (missing, results["after"][1])

    counters = after["counters"]
    assert counters["messages_received"] == ["2", "2", "2"]
    assert counters["completed_recipients"] == ["2", "2", "2"]
    assert counters["global_unsub_hits"] == counters["domainkeys_signed_msgs"] == ["0", "0", "0"]
    # Two events in the last minute: 120 an hour over one minute, 24 over five, 8 over 15.
    rates = after["rates"]
    for name in ("messages_received", "recipients_received", "completed_recipients",
                 "delivered_recipients"):
        assert rates[name] == ["120", "24", "8"], (name, results["after"][1])
    assert rates["soft_bounced_events"] == rates["hard_bounced_recipients"] == ["0", "0", "0"]
    assert fields(results["minute later"][1])["rates"]["messages_received"] == ["0", "24", "8"]
    assert fields(results["window later"][1])["rates"]["delivered_recipients"] == ["0", "0", "0"]

    gauges = after["gauges"]
    for name in ("ram_utilization", "cpu_utilization_total", "cpu_utilization_mga",
                 "disk_io_utilization", "logging_disk_usage"):
        assert 0 <= int(gauges[name][0]) <= 100, (name, gauges[name])
    assert gauges["cpu_utilization_case"] == gauges["cpu_utilization_bm_antispam"] == ["0"]
    assert gauges["resource_conservation"] == ["0"]
    assert re.fullmatch(r"\d+[KMGT]", gauges["logging_disk_available"][0]), gauges
    assert int(gauges["kilobytes_free"][0].replace(",", "")) > 0
    assert int(gauges["destinations_in_memory"][0]) >= 1       # example.com's queue
    assert gauges["messages_in_quarantine"] == gauges["kilobytes_in_quarantine"] == ["0"]
    assert re.search(r"\n {6}Spam Quarantine +0\n", results["after"][1])

    plain = fields(results["plain"][1])
    assert all(values is None for values in plain["rates"].values())    # detail only
    assert plain["counters"]["messages_received"] == ["2", "2", "2"]
    assert plain["gauges"]["kilobytes_free"] is not None
