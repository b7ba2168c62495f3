"""The DEFAULT mail policy's engines, driven by swaks: GTUBE is spam, EICAR is a virus, the rest
is clean; each verdict line is compared with a real appliance's line (ids and times masked).

Real lines (mail-logs.md): S9 = the Cribl pack's sample of an AsyncOS 7.6.3 log
(criblpacks/cribl-cisco-esa-mailtext data/samples/sTAFXQ.json), S11 = Elastic's sample
mail_logs (elastic/integrations packages/cisco_secure_email_gateway/_dev/deploy/docker/
sample_logs/mail_logs.@123456789.s), S10 = IronPort's own log analyser's quoted lines.
"""
import asyncio
import re

import pytest

from smtp_core import scanning
from smtp_core.queue import Spool

from .support import arun, listener_port, make_appliance, mail_log, running, swaks

# -- real lines, ids masked as ``masked`` does -------------------------------------------------
REAL = {
    "case_interim": "Info: MID N interim verdict using engine: CASE spam negative",       # S9
    "case": "Info: MID N using engine: CASE spam negative",                               # S9
    "case_interim_spam": "Info: MID N interim verdict using engine: CASE spam positive",  # S9
    "case_spam": "Info: MID N using engine: CASE spam positive",                          # S9
    "dropped_by_case": "Info: Message aborted MID N Dropped by CASE",                     # S9
    "finished": "Info: Message finished MID N done",                                      # S9
    "av_interim": "Info: MID N interim AV verdict using Sophos CLEAN",                    # S9, S11
    "av": "Info: MID N antivirus negative",                          # S3 (S9 adds a blank)
    "amp": "Info: MID N AMP file reputation verdict : SKIPPED (no attachment in message)",  # S11
    "outbreak": "Info: MID N Outbreak Filters: verdict negative",                         # S9, S11
    "queued": "Info: MID N queued for delivery",                                          # S9, S11
}
# S10 (older releases) for a virus: "MID 18313686 antivirus positive 'W32/Sober-P' …" and the
# quarantine line's form 'MID 43 quarantined to "Policy"' / '(VOF rule:.pif file in zip)'.
VIRUS = re.compile(r"^Info: MID N antivirus positive '[^']+'$")
QUARANTINE = re.compile(r'^Info: MID N quarantined to "[^"]+" \([^:]+:[^)]+\)$')
SDR = re.compile(r"^Info: MID N SDR: Consolidated Sender Threat Level: Neutral, Threat Category: "
                 r"N/A, Suspected Domain\(s\) : N/A \(other reasons for verdict\)\. Sender "
                 r"Maturity: 30 days \(or greater\) for domain: \S+$")              # S11's shape


def inbound(session):
    """127.0.0.1 falls to UNKNOWNLIST ($ACCEPTED: spam and virus checks on, inbound table)."""
    session.edit("listeners").listeners["IncomingMail"].hat.sender_groups[0].senders = ["10.9.9.9"]


def policy(**changes):
    def change(session):
        inbound(session)
        for name, value in changes.items():
            setattr(session.edit("mailpolicies").inbound, name, value)
    return change


def scanned(tmp_path, change, *swaks_args: str, **scenario):
    """Send one message; its MID's lines from ``matched`` on, masked; and what is still queued."""
    appliance = make_appliance(tmp_path, change, **scenario)

    async def main():
        async with running(appliance) as service:
            status, out = await swaks(listener_port(appliance), *swaks_args)
            assert status == 0, out
            assert "<-  250 ok:  Message 1 accepted" in out      # accepted before scanning
            for _ in range(100):
                lines = mail_log(service)
                if any(l.startswith("Info: Message finished MID 1") or "quarantined" in l
                       for l in lines):
                    return lines
                await asyncio.sleep(0.05)
            return lines
    lines = arun(main())
    mid = [re.sub(r"\bMID 1\b", "MID N", l) for l in lines if re.search(r"\bMID 1\b", l)]
    start = next(i for i, l in enumerate(mid) if "matched all recipients" in l)
    return lines, mid[start + 1:], Spool(tmp_path / "queue").load()


def test_a_clean_message_passes_every_engine(tmp_path):
    _, flow, _ = scanned(tmp_path, inbound, "--body", "Nothing to see here.")
    assert flow[:7] == [REAL["case_interim"], REAL["case"], REAL["av_interim"], REAL["av"],
                        REAL["amp"], REAL["outbreak"], REAL["queued"]]
    assert flow[-1] == REAL["finished"]


def test_gtube_is_spam_and_delivered_by_default(tmp_path):
    body = "Spam test\r\n" + scanning.GTUBE.decode() + "\r\n"
    _, flow, _ = scanned(tmp_path, inbound, "--body", body)
    assert flow[:3] == [REAL["case_interim_spam"], REAL["case_spam"], REAL["av_interim"]]
    assert REAL["queued"] in flow and flow[-1] == REAL["finished"]


def test_gtube_is_dropped_when_the_policy_drops_spam(tmp_path):
    body = scanning.GTUBE.decode()
    lines, flow, queued = scanned(tmp_path, policy(spam_action="drop"), "--body", body)
    assert flow == [REAL["case_interim_spam"], REAL["case_spam"], REAL["dropped_by_case"],
                    REAL["finished"]]
    assert not any("DCID" in l for l in lines) and queued == []


@pytest.fixture
def eicar(tmp_path):
    path = tmp_path / "eicar.com"
    path.write_bytes(scanning.EICAR)
    return str(path)


def test_an_attached_eicar_file_is_a_virus_and_dropped_by_default(tmp_path, eicar):
    lines, flow, queued = scanned(tmp_path, inbound, "--attach-name", "eicar.com",
                                  "--attach", eicar)     # base64-encoded in a MIME part
    assert flow[:3] == [REAL["case_interim"], REAL["case"],
                        "Info: MID N interim AV verdict using Sophos VIRAL"]
    assert VIRUS.match(flow[3]) and flow[3].endswith("'EICAR-AV-Test'")
    assert flow[4:] == ["Info: Message aborted MID N Dropped by antivirus", REAL["finished"]]
    assert not any("DCID" in l for l in lines) and queued == []


def test_eicar_goes_to_the_virus_quarantine_when_the_policy_says_so(tmp_path, eicar):
    lines, flow, queued = scanned(tmp_path, policy(virus_action="quarantine"),
                                  "--attach", eicar)
    assert QUARANTINE.match(flow[4])
    assert flow[4] == 'Info: MID N quarantined to "Virus" (a/v verdict:VIRAL)'
    assert len(flow) == 5                          # held: neither queued nor finished
    assert not any("DCID" in l for l in lines) and queued == []


def test_engines_the_policy_turns_off_log_nothing(tmp_path):
    change = policy(anti_spam=False, amp=False, outbreak_filters=False,
                    sender_domain_reputation=True)
    _, flow, _ = scanned(tmp_path, change, "--attach-type", "text/plain",
                         "--attach-name", "hello.txt", "--attach", "hello")
    assert SDR.match(flow[0]) and flow[0].endswith("for domain: sender.example")
    assert flow[1:4] == [REAL["av_interim"], REAL["av"], REAL["queued"]]


def test_an_attachment_gets_a_file_reputation_verdict(tmp_path):
    _, flow, _ = scanned(tmp_path, inbound, "--attach-type", "text/plain",
                         "--attach-name", "hello.txt", "--attach", "hello")
    assert "Info: MID N AMP file reputation verdict : UNKNOWN" in flow


def test_the_hat_line_carries_the_senders_reputation(tmp_path):
    lines, _, _ = scanned(tmp_path, inbound, "--body", "x", sender_reputation={
        "127.0.0.1": {"sbrs": 3.4, "country": "United States"}})
    # 2022 sample (mail-logs.md §2.2, S18): "… match sbrs[0.0:10.0] SBRS 3.4 country United
    # States"
    assert ("Info: ICID 1 ACCEPT SG UNKNOWNLIST match sbrs[-1.0:10.0] SBRS 3.4 country United "
            "States") in lines


def test_a_low_score_falls_in_the_blocked_sbrs_range(tmp_path):
    appliance = make_appliance(tmp_path, inbound,
                               sender_reputation={"127.0.0.1": {"sbrs": -9.5}})

    async def main():
        async with running(appliance) as service:
            await swaks(listener_port(appliance))
            await asyncio.sleep(0.2)
            return mail_log(service)
    lines = arun(main())
    assert re.search(r"^Info: ICID 1 REJECT SG \w+ match sbrs\[-10\.0:-3\.0\] SBRS -9\.5 "
                     r"country not applicable$", "\n".join(lines), re.M)


# -- the scanner reads a body in pieces --------------------------------------------------------
def mime(*parts) -> bytes:
    from email.mime.application import MIMEApplication
    from email.mime.message import MIMEMessage
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText
    outer, inner = MIMEMultipart(), MIMEMultipart()
    outer.attach(MIMEText("x" * 5000 + "\n--not-a-boundary\n", "plain", "latin-1"))  # QP
    for payload, name in parts:
        inner.attach(MIMEApplication(payload, Name=name))                              # base64
    outer.attach(MIMEMessage(inner))
    return outer.as_bytes().replace(b"\n", b"\r\n")


def in_pieces(body: bytes, size: int) -> scanning.Findings:
    scanner = scanning.Scanner()
    for start in range(0, len(body), size):
        scanner.feed(body[start:start + size])
    return scanner.finish()


@pytest.mark.parametrize("size", [1, 3, 64, 1000, 1 << 20])
def test_test_strings_are_found_across_pieces_and_inside_encoded_nested_parts(size):
    body = mime((b"clean", "a.txt"), (b"\0" * 3000 + scanning.EICAR, "eicar.com"))
    found = in_pieces(body, size)
    assert (found.spam, found.virus, found.attachments) == (False, scanning.EICAR_NAME,
                                                            ["a.txt", "eicar.com"])
    spam = b"Subject: s\r\n\r\n" + b"y" * (size * 7 + 11) + scanning.GTUBE + b"\r\n"
    assert in_pieces(spam, size).spam
    clean = in_pieces(mime((b"clean", "a.txt")), size)
    assert (clean.spam, clean.virus) == (False, "")


def test_a_big_body_is_scanned_from_its_file_in_bounded_pieces(tmp_path):
    body = mime((b"\xff" * (3 << 20) + scanning.EICAR, "big.bin"))   # ~4 MB base64 part
    path = tmp_path / "body"
    path.write_bytes(b"junk" + body)
    found = scanning.scan_file(path, 4, len(body))
    assert found.virus == scanning.EICAR_NAME and found.attachments == ["big.bin"]
