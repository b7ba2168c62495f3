"""Destination-control limits in outbound delivery: the recipient limit per sliding window
(per domain or per MX IP address) and the system-wide TLS connection limit with its fallback to
clear text.  The recipient limits run on a ``task.Clock`` the test advances; the TLS tests hold a
connection open at the receiving MTA, so nothing depends on how fast anything runs."""
import asyncio
import ssl

import pytest
from twisted.internet import task

from cluster import model
from smtp_core import delivery as delivery_module
from smtp_core import limits

from .sink import Sink
from .support import PKI, arun, mail_log, make_appliance, running, until

DOMAIN = "dest.example"
BUSY = "busy.example"
SENDER = "alice@sender.example"


@pytest.fixture(scope="module")
def tls_context(tmp_path_factory) -> ssl.SSLContext:
    ident = PKI.create().leaf("mx.example.net", dns=["mx.example.net"], ips=["127.0.0.1"])
    path = tmp_path_factory.mktemp("certs") / "mx.pem"
    path.write_text(ident.key_pem + ident.certificate_pem + "".join(ident.chain_pem))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(path))
    return context


def route(session, domain: str, sinks, **dest) -> None:
    """Mail for ``domain`` goes to ``sinks`` (in MX order) under the destination entry ``dest``."""
    session.edit("smtproutes").routes[domain] = model.SmtpRoute(
        domain, [model.RouteDestination(host, port, priority)
                 for priority, (host, port) in enumerate(sinks)])
    session.edit("destconfig").entries[domain] = model.DestinationControl(domain, **dest)


def pending(service) -> list[str]:
    return [r.address for m in service.core.spool.messages.values() for r in m.pending()]


def delivered(sink: Sink) -> list[list[str]]:
    return [m.recipients for m in sink.messages]


def held(service, domain: str = DOMAIN) -> bool:
    queue = service.core.delivery.domains.get(domain)
    return queue is not None and queue.held is not None


# -- the recipient limit, without a connection ----------------------------------------------------
def dest(**values) -> model.DestinationControl:
    resolved = model.default_destination()
    for name, value in values.items():
        setattr(resolved, name, value)
    return resolved


@pytest.mark.parametrize("limit", [0, None])
def test_a_recipient_limit_of_zero_or_none_is_no_limit(limit):
    assert limits.window(dest(recipient_limit=limit), DOMAIN, "192.0.2.1", "10.0.0.1") is None
    assert limits.RecipientLimits().room(None, 0.0) == limits.UNLIMITED


@pytest.mark.parametrize("limit_type, limit_apply, shared", [
    ("host", "system", [("192.0.2.2", "10.0.0.1"), ("192.0.2.1", "10.0.0.2"),
                        ("192.0.2.2", "10.0.0.2")]),
    ("MXIP", "system", [("192.0.2.1", "10.0.0.2")]),
    ("host", "VG", [("192.0.2.2", "10.0.0.1")]),
    ("MXIP", "VG", []),
])
def test_what_a_recipient_limit_counts_for(limit_type, limit_apply, shared):
    entry = dest(recipient_limit=1, recipient_minutes=5, limit_type=limit_type,
                 limit_apply=limit_apply)
    counted = limits.RecipientLimits()
    counted.take(limits.window(entry, DOMAIN, "192.0.2.1", "10.0.0.1"), 1, 0.0)
    for address, interface in [("192.0.2.1", "10.0.0.1"), ("192.0.2.2", "10.0.0.1"),
                               ("192.0.2.1", "10.0.0.2"), ("192.0.2.2", "10.0.0.2")]:
        window = limits.window(entry, DOMAIN, address, interface)
        counts = (address, interface) == ("192.0.2.1", "10.0.0.1") or (address, interface) in shared
        assert counted.room(window, 10.0) == (0 if counts else 1), (address, interface)
    assert counted.room(limits.window(entry, "other.example", "192.0.2.1", "10.0.0.1"), 10.0) == 1


def test_the_window_slides():
    window = limits.window(dest(recipient_limit=3, recipient_minutes=2), DOMAIN, "192.0.2.1", "")
    counted = limits.RecipientLimits()
    counted.take(window, 2, 0.0)
    counted.take(window, 1, 60.0)
    assert counted.room(window, 119.0) == 0 and counted.free_at(window, 119.0) == 120.0
    assert counted.room(window, 120.0) == 2            # the first two stopped counting
    assert counted.free_at(window, 120.0) == 180.0
    assert counted.room(window, 180.0) == 3



def test_a_tls_wait_cancelled_after_a_release_leaves_the_slots_consistent():
    async def main():
        slots = limits.TLSSlots()
        assert slots.try_acquire(1)
        waiting = asyncio.ensure_future(slots.acquire(1))
        await asyncio.sleep(0)
        waiting.cancel()
        slots.release(1)       # before the cancelled waiter runs: it skips and drops it
        with pytest.raises(asyncio.CancelledError):
            await waiting
        return slots.used, slots.waiting(), slots.try_acquire(1)
    assert asyncio.run(main()) == (0, 0, True)

# -- the recipient limit in delivery ----------------------------------------------------------------
def test_recipients_over_the_limit_wait_in_the_queue_and_go_when_the_window_frees(tmp_path):
    sink = Sink("plain")

    async def main():
        port = await sink.start()
        appliance = make_appliance(tmp_path, lambda s: route(
            s, DOMAIN, [("127.0.0.1", port)], recipient_limit=2, recipient_minutes=1,
            limit_type="host"))
        async with running(appliance) as service:
            clock = service.core.delivery.clock = task.Clock()
            await service.core.generate(SENDER, [f"r{i}@{DOMAIN}" for i in range(5)],
                                        b"Subject: five\r\n\r\nhi\r\n", {})
            await until(lambda: held(service))
            steps = [(delivered(sink), pending(service))]
            clock.advance(59)
            assert held(service)                      # the window has not freed yet
            clock.advance(1)
            await until(lambda: held(service) and len(sink.messages) == 2)
            steps.append((delivered(sink), pending(service)))
            clock.advance(60)
            await until(lambda: not pending(service))
            lines = mail_log(service)
        await sink.stop()
        return steps, lines
    steps, lines = arun(main())
    rcpt = [f"r{i}@{DOMAIN}" for i in range(5)]
    assert steps == [([rcpt[:2]], rcpt[2:]), ([rcpt[:2], rcpt[2:4]], rcpt[4:])]
    assert [l for l in lines if "Delivery start" in l] == [
        "Info: Delivery start DCID 1 MID 1 to RID [0, 1]",
        "Info: Delivery start DCID 2 MID 1 to RID [2, 3]",
        "Info: Delivery start DCID 3 MID 1 to RID [4]"]
    assert not [l for l in lines if "Delayed" in l or "Bounced" in l]   # not a failed attempt
    assert "Info: Message finished MID 1 done" in lines


def test_the_recipient_limit_is_a_sliding_window_over_messages(tmp_path):
    sink = Sink("plain")

    async def send(service, name):
        await service.core.generate(SENDER, [f"{name}@{DOMAIN}"], b"Subject: x\r\n\r\nhi\r\n", {})

    async def main():
        port = await sink.start()
        appliance = make_appliance(tmp_path, lambda s: route(
            s, DOMAIN, [("127.0.0.1", port)], recipient_limit=3, recipient_minutes=2))
        async with running(appliance) as service:
            clock = service.core.delivery.clock = task.Clock()
            await send(service, "a")
            await send(service, "b")
            await until(lambda: len(sink.messages) == 2 and not pending(service))
            clock.advance(60)
            await send(service, "c")
            await send(service, "d")
            await until(lambda: held(service) and len(sink.messages) == 3)
            before = pending(service)
            clock.advance(59)                 # a and b count until 120 s
            assert held(service)
            clock.advance(1)
            await until(lambda: not pending(service))
        await sink.stop()
        return before
    before = arun(main())
    assert before == [f"d@{DOMAIN}"]
    assert delivered(sink) == [[f"{n}@{DOMAIN}"] for n in "abcd"]


@pytest.mark.parametrize("limit_type, second_mx", [("MXIP", [[f"r2@{DOMAIN}"]]), ("host", [])])
def test_the_limit_counts_per_mx_ip_address_or_for_the_whole_domain(tmp_path, limit_type,
                                                                    second_mx):
    first, second = Sink("plain"), Sink("plain", host="127.0.0.2")

    async def main():
        ports = await first.start(), await second.start()
        appliance = make_appliance(tmp_path, lambda s: route(
            s, DOMAIN, [("127.0.0.1", ports[0]), ("127.0.0.2", ports[1])], recipient_limit=2,
            recipient_minutes=1, limit_type=limit_type))
        async with running(appliance) as service:
            service.core.delivery.clock = task.Clock()
            await service.core.generate(SENDER, [f"r{i}@{DOMAIN}" for i in range(3)],
                                        b"Subject: three\r\n\r\nhi\r\n", {})
            await until(lambda: held(service) or not pending(service))
            left = pending(service)
        await first.stop()
        await second.stop()
        return left
    left = arun(main())
    assert delivered(first) == [[f"r0@{DOMAIN}", f"r1@{DOMAIN}"]]
    assert delivered(second) == second_mx
    assert left == ([] if second_mx else [f"r2@{DOMAIN}"])
    assert second.connections == len(second_mx)      # no connection only to send nothing


# -- the TLS connection limit ------------------------------------------------------------------------
@pytest.mark.parametrize("setting, fallback, in_clear", [
    ("on", True, True), ("on_verify", True, True),        # Preferred: in clear when allowed
    ("on", False, False), ("require", True, False),       # otherwise: wait for a TLS connection
])
def test_tls_connection_limit(tmp_path, tls_context, setting, fallback, in_clear):
    busy, sink = Sink("good", tls_context, hold=asyncio.Event()), Sink("good", tls_context)

    async def main():
        ports = await busy.start(), await sink.start()

        def change(session):
            delivery = session.edit("delivery")
            delivery.tls_max_concurrency, delivery.tls_fallback_plain = 1, fallback
            route(session, BUSY, [("127.0.0.1", ports[0])], tls="require")
            route(session, DOMAIN, [("127.0.0.1", ports[1])], tls=setting)
        appliance = make_appliance(tmp_path, change)
        async with running(appliance) as service:
            slots = service.core.delivery.tls_slots
            await service.core.generate(SENDER, [f"u@{BUSY}"], b"Subject: 1\r\n\r\nhi\r\n", {})
            await until(lambda: busy.holding == 1)      # the only TLS connection is in use
            await service.core.generate(SENDER, [f"u@{DOMAIN}"], b"Subject: 2\r\n\r\nhi\r\n", {})
            if in_clear:
                await until(lambda: len(sink.messages) == 1)
            else:
                await until(lambda: slots.waiting() == 1)
            during = (len(sink.messages), sink.connections, busy.holding, slots.used)
            busy.hold.set()
            await until(lambda: not pending(service) and slots.used == 0)
            lines = mail_log(service)
        await busy.stop()
        await sink.stop()
        return during, lines
    during, lines = arun(main())
    assert during == ((1, 1, 1, 1) if in_clear else (0, 0, 1, 1))
    assert [m.tls for m in busy.messages] == [True]
    assert [m.tls for m in sink.messages] == [not in_clear]
    assert not [l for l in lines if "Delayed" in l or "Bounced" in l]


def test_a_preferred_connection_in_clear_does_not_hold_a_tls_connection(tmp_path, tls_context):
    plain, sink = Sink("plain", hold=asyncio.Event()), Sink("good", tls_context)

    async def main():
        ports = await plain.start(), await sink.start()

        def change(session):
            delivery = session.edit("delivery")
            delivery.tls_max_concurrency, delivery.tls_fallback_plain = 1, False
            route(session, BUSY, [("127.0.0.1", ports[0])], tls="on")   # no STARTTLS offered
            route(session, DOMAIN, [("127.0.0.1", ports[1])], tls="require")
        appliance = make_appliance(tmp_path, change)
        async with running(appliance) as service:
            await service.core.generate(SENDER, [f"u@{BUSY}"], b"Subject: 1\r\n\r\nhi\r\n", {})
            await until(lambda: plain.holding == 1)
            await service.core.generate(SENDER, [f"u@{DOMAIN}"], b"Subject: 2\r\n\r\nhi\r\n", {})
            await until(lambda: len(sink.messages) == 1)
            still_held = plain.holding
            plain.hold.set()
            await until(lambda: not pending(service))
        await plain.stop()
        await sink.stop()
        return still_held
    assert arun(main()) == 1
    assert [m.tls for m in sink.messages] == [True]


def test_an_unexpected_connect_error_gives_the_tls_connection_back(tmp_path, tls_context,
                                                                   monkeypatch):
    sink = Sink("good", tls_context)
    real_connect, calls = delivery_module.connect, []

    async def failing_once(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise RuntimeError("unexpected")
        return await real_connect(*args, **kwargs)
    monkeypatch.setattr(delivery_module, "connect", failing_once)

    async def main():
        port = await sink.start()

        def change(session):
            session.edit("delivery").tls_max_concurrency = 1
            route(session, DOMAIN, [("127.0.0.1", port)], tls="require")
        appliance = make_appliance(tmp_path, change)
        async with running(appliance) as service:
            await service.core.generate(SENDER, [f"u@{DOMAIN}"], b"Subject: 1\r\n\r\nhi\r\n", {})
            slots = service.core.delivery.tls_slots
            # A leaked slot would hold the retry forever, and stay used after it.
            await until(lambda: len(sink.messages) == 1 and slots.used == 0)
        await sink.stop()
    arun(main())
    assert len(calls) == 2
