"""The anti-spam actions: swaks sends GTUBE through the listener; under Deliver it reaches the
lab peer, under Spam Quarantine it is held on the appliance's disk (across a restart) with a real
appliance's line sequence, listed, and delivered once released; under Bounce nobody gets it and
its sender gets a delivery status notification.

Real lines (mail-logs.md): S9 = the Cribl pack's AsyncOS 7.6.3 sample (criblpacks/
cribl-cisco-esa-mailtext data/samples/sTAFXQ.json: MID 24611424 "ISQ: Tagging MID … for
quarantine", then the rest of the work queue, "queued for delivery", the delivery to the
quarantine and "Message finished"); S10 = IronPort's log analysers (RPC lines of the local
quarantine); S14 = Cisco's SARF tests (``ISQ: Quarantined MID``).
"""
import asyncio
import re

from cluster import model
from smtp_core import scanning

from .sink import Sink
from .support import arun, listener_port, mail_log, make_appliance, masked, running, swaks

GTUBE_BODY = "Spam test\r\n" + scanning.GTUBE.decode() + "\r\n"
QUARANTINED = [                                                    # ids masked, RCID too
    "Info: MID N interim verdict using engine: CASE spam positive",            # S9
    "Info: MID N using engine: CASE spam positive",                            # S9
    "Info: ISQ: Tagging MID N for quarantine",                                 # S9
    "Info: MID N interim AV verdict using Sophos CLEAN",                       # S9
    "Info: MID N antivirus negative",                                          # S3
    "Info: MID N AMP file reputation verdict : SKIPPED (no attachment in message)",  # S11
    "Info: MID N Outbreak Filters: verdict negative",                          # S9
    "Info: MID N queued for delivery",                                         # S9
    "Info: RPC Delivery start RCID N MID N to local IronPort Spam Quarantine",  # S10
    "Info: ISQ: Quarantined MID N",                                            # S14
    "Info: RPC Message done RCID N MID N",                                     # S10
    "Info: Message finished MID N done",                                       # S9
]
RELEASED = ["Info: ISQ: Releasing MID [N] for all",                            # R
            "Info: ISQ: Delivering released MID N (skipping work queue)"]      # R


def to_peer(port: int, action: str):
    def change(session):
        # 127.0.0.1 falls to UNKNOWNLIST ($ACCEPTED: spam checks on, inbound table)
        session.edit("listeners").listeners["IncomingMail"].hat.sender_groups[0].senders = [
            "10.9.9.9"]
        session.edit("mailpolicies").inbound.spam_action = action
        for domain in ("example.com", "sender.example"):    # recipients' and sender's domains
            session.edit("smtproutes").routes[domain] = model.SmtpRoute(
                domain, [model.RouteDestination("127.0.0.1", port)])
    return change


def flow(lines: list[str]) -> list[str]:
    """MID 1's lines from the policy match on (and the RPC lines that name it), masked."""
    mine = [l for l in lines if re.search(r"\bMID \[?1\b", l)]
    start = next(i for i, l in enumerate(mine) if "matched all recipients" in l)
    return [re.sub(r"RCID \d+", "RCID N", l) for l in masked(mine[start + 1:])]


async def until(predicate, service, tries: int = 100) -> list[str]:
    for _ in range(tries):
        lines = mail_log(service)
        if predicate(lines):
            break
        await asyncio.sleep(0.05)
    return lines


def test_gtube_under_deliver_reaches_the_peer(tmp_path):
    sink = Sink("plain")

    async def main():
        appliance = make_appliance(tmp_path, to_peer(await sink.start(), "deliver"))
        async with running(appliance) as service:
            status, out = await swaks(listener_port(appliance), "--body", GTUBE_BODY)
            assert status == 0, out
            received = await sink.wait_for(1)
            held = service.core.spam_quarantine.listed()
        await sink.stop()
        return received, held
    received, held = arun(main())
    assert len(received) == 1 and scanning.GTUBE in received[0].data and held == []


def test_gtube_under_spam_quarantine_is_held_listed_and_released(tmp_path):
    sink = Sink("plain")

    async def main():
        appliance = make_appliance(tmp_path, to_peer(await sink.start(), "quarantine"))
        async with running(appliance) as service:
            status, out = await swaks(listener_port(appliance), "--body", GTUBE_BODY,
                                      "--header", "Subject: buy now")
            assert status == 0, out
            lines = await until(lambda ls: any("Message finished MID 1" in l for l in ls),
                                service)
            await asyncio.sleep(0.3)                     # time enough to deliver, were it so
            assert sink.messages == [] and not any("DCID" in l for l in mail_log(service))
            quarantined = flow(lines)
        # the quarantine is on disk: a restarted appliance still holds and lists the message
        async with running(appliance) as service:
            held = service.core.spam_quarantine.listed()
            assert [(m.mid, m.sender, m.recipients, m.subject) for m in held] == [
                (1, "alice@sender.example", ["user@example.com"], "buy now")]
            assert await service.core.release_spam(1) is True
            assert await service.core.release_spam(1) is False      # released once only
            received = await sink.wait_for(1)
            lines = await until(lambda ls: any("Message done DCID" in l for l in ls), service)
            left = service.core.spam_quarantine.listed()
        await sink.stop()
        return quarantined, held, received, lines, left
    quarantined, held, received, lines, left = arun(main())
    assert quarantined == QUARANTINED
    assert len(received) == 1 and scanning.GTUBE in received[0].data and left == []
    after = [l.replace("MID [1]", "MID [N]")
             for l in masked([l for l in lines if re.search(r"\bMID \[?1\b", l)])]
    release = after.index(RELEASED[0])
    assert after[release:release + 2] == RELEASED
    assert after[release + 2].startswith("Info: Delivery start DCID N MID N to RID [0]")
    assert "Info: Message finished MID N done" == after[-1]
    assert not (tmp_path / "spam_quarantine" / "1.msg").exists()


# "Message aborted MID n " + "Bounced by $what": Cisco's log catalogue (dharma412/PythonClass
# csa/testlib/common/shell/qlogmsgs.py, mail.MAIL.MESSAGE_ABORTED[.BOUNCED]); CASE as in S9's
# "Dropped by CASE".  The bounce's own MID: S10's "MID 515 was generated for bounce of MID 511".
BOUNCED = ["Info: MID N interim verdict using engine: CASE spam positive",     # S9
           "Info: MID N using engine: CASE spam positive",                     # S9
           "Info: Message aborted MID N Bounced by CASE",                      # catalogue
           "Info: Message finished MID N done",                                # S9 (as a drop)
           "Info: MID N was generated for bounce of MID N"]                    # S10


def test_gtube_under_bounce_is_not_delivered_and_its_sender_is_notified(tmp_path):
    sink = Sink("plain")

    async def main():
        appliance = make_appliance(tmp_path, to_peer(await sink.start(), "bounce"))
        async with running(appliance) as service:
            status, out = await swaks(listener_port(appliance), "--body", GTUBE_BODY,
                                      "--header", "Subject: buy now")
            assert status == 0, out
            received = await sink.wait_for(1)
            lines = await until(lambda ls: any("Message finished MID 2" in l for l in ls),
                                service)
            await asyncio.sleep(0.3)                     # time enough for a second delivery
            counters = dict(service.core.stats.values)
        await sink.stop()
        return received, lines, counters
    received, lines, counters = arun(main())
    assert flow(lines) == BOUNCED
    assert "Info: MID 2 was generated for bounce of MID 1" in lines   # the notification is 2
    assert not any(re.search(r"Delivery start DCID \d+ MID 1\b", l) for l in lines)
    assert len(received) == 1                           # the notification, not the spam
    notice = received[0]
    assert (notice.sender, notice.recipients) == ("", ["alice@sender.example"])
    text = notice.data.decode()
    assert "<user@example.com>: 5.7.1 - Delivery not authorized, message refused" in text
    assert "Subject: buy now" in text                   # the original headers go back
    assert "GTUBE" not in text                          # the body does not
    assert counters["hard_bounced_recipients"] == 1
