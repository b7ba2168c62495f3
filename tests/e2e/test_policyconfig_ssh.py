"""The real process: over SSH, ``policyconfig`` sets the incoming DEFAULT policy's spam action
and ``commit`` applies it; swaks then sends GTUBE.  Under the Spam Quarantine the appliance holds
it (on its disk) with the quarantine's mail-log lines; under Bounce it delivers it to nobody and
sends its sender a delivery status notification (to a lab peer MTA, its own process)."""
import re
import subprocess
import time
from pathlib import Path

import pexpect
import pytest

from .conftest import PEER_HOST, lab_peer

PROMPT = "ironport.example.com> "


def answer(child, pattern: str, reply: str) -> None:
    child.expect_exact(pattern)
    child.sendline(reply)


def set_spam_action(server, item: str, reply: str, summary: str) -> None:
    """policyconfig: the incoming DEFAULT policy's spam action (list ``item`` answered with
    ``reply``), then commit."""
    child = server.ssh()
    answer(child, PROMPT, "policyconfig")
    answer(child, "Would you like to configure Incoming or Outgoing Mail Policies?", "1")
    child.expect_exact("Incoming Mail Policy Configuration")
    answer(child, "[]> ", "EDIT")
    answer(child, "1. DEFAULT", "DEFAULT")
    child.expect_exact("Anti-Spam: IronPort - Deliver")
    answer(child, "[]> ", "ANTISPAM")
    answer(child, "- DISABLE - ", "EDIT")
    answer(child, "default IronPort Anti-Spam spam threshold? [Y]> ", "")
    child.expect_exact("What do you want to do with messages identified as spam?")
    answer(child, f"{item}\r\n4. IRONPORT QUARANTINE\r\n[1]> ", reply)
    # The rest as the QA library's ctor answers it: Enter, the appliance's defaults (a long
    # question wraps at the terminal's width, before its prompt).
    for question in ("archive messages identified as spam?", "3. Append",
                     "treatment of suspected spam?", "4. IRONPORT QUARANTINE",
                     "identified as suspected spam?", "3. Append", "[[SUSPECTED SPAM]",
                     "alternate host?", "identified as suspected spam?", "envelope recipient?"):
        child.expect_exact(question)
        answer(child, "]> ", "")
    child.expect_exact("Anti-Spam configuration complete")
    child.expect_exact(f"Anti-Spam: IronPort - {summary}")
    answer(child, "[]> ", "")                      # up to the table
    answer(child, "[]> ", "")                      # out of policyconfig
    answer(child, PROMPT, "commit")
    answer(child, "describing your changes:\r\n[]> ", f"spam: {summary}")
    answer(child, "for rollback? [Y]> ", "n")
    child.expect_exact("Changes committed: ")
    answer(child, PROMPT, "exit")
    child.expect(pexpect.EOF)


def mail_log_lines(server, mid: str) -> list[str]:
    log = server.run(f'grep -e "MID {mid}\\b" mail_logs').stdout.decode()
    return [re.sub(r"^.* Info: ", "", line) for line in log.split("\r\n") if " Info: " in line]


def send_gtube(server) -> str:
    gtube = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"
    # From 127.0.0.2: not in RELAYLIST, so UNKNOWNLIST ($ACCEPTED, spam checks on) and the
    # incoming mail policies.
    result = subprocess.run(
        ["swaks", "--server", f"{server.host}:{server.smtp_port}", "--local-interface",
         "127.0.0.2", "--to", "user@example.com", "--from", "spammer@sender.example",
         "--header", "Subject: buy now", "--body", f"Spam test\n{gtube}\n", "--timeout", "10"],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    return re.search(r"Message (\d+) accepted", result.stdout).group(1)


def test_policyconfig_sends_gtube_to_the_spam_quarantine(appliance_server):
    set_spam_action(appliance_server, "3. BOUNCE", "IRONPORT QUARANTINE", "Spam Quarantine")
    mid = send_gtube(appliance_server)
    for _ in range(100):
        held = list(appliance_server.state_dir.rglob(f"spam_quarantine/{mid}.msg"))
        log = appliance_server.run(f'grep -e "MID {mid}\\b" mail_logs').stdout.decode()
        if held and "Message finished" in log:
            break
        time.sleep(0.1)
    assert len(held) == 1 and b"GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL" in held[0].read_bytes()
    lines = [re.sub(r"^.* Info: ", "", line) for line in log.split("\r\n") if " Info: " in line]
    flow = [re.sub(r"RCID \d+", "RCID N", line) for line in lines]
    assert flow[flow.index(f"MID {mid} matched all recipients for per-recipient policy DEFAULT "
                           "in the inbound table"):] == [
        f"MID {mid} matched all recipients for per-recipient policy DEFAULT in the inbound table",
        f"MID {mid} interim verdict using engine: CASE spam positive",
        f"MID {mid} using engine: CASE spam positive",
        f"ISQ: Tagging MID {mid} for quarantine",
        f"MID {mid} interim AV verdict using Sophos CLEAN",
        f"MID {mid} antivirus negative",
        f"MID {mid} AMP file reputation verdict : SKIPPED (no attachment in message)",
        f"MID {mid} Outbreak Filters: verdict negative",
        f"MID {mid} queued for delivery",
        f"RPC Delivery start RCID N MID {mid} to local IronPort Spam Quarantine",
        f"ISQ: Quarantined MID {mid}",
        f"RPC Message done RCID N MID {mid}",
        f"Message finished MID {mid} done",
    ]


@pytest.fixture
def peer_spool(tmp_path: Path):
    """A lab peer MTA (plain SMTP) that keeps what it receives; yields (its port, its spool
    directory)."""
    spool = tmp_path / "peer-spool"
    with lab_peer("no-starttls", "--spool", str(spool)) as port:
        yield port, spool


def test_policyconfig_bounce_returns_gtube_to_its_sender(appliance_server, peer_spool):
    port, spool = peer_spool
    # by number, as scripts written for the appliance answer: 3 is BOUNCE
    set_spam_action(appliance_server, "3. BOUNCE", "3", "Bounce")
    routed = appliance_server.run(f"smtproutes new sender.example {PEER_HOST}:{port}; "
                                  "commit 'notices to the lab peer' N")
    assert routed.returncode == 0, routed.stdout + routed.stderr
    mid = send_gtube(appliance_server)
    for _ in range(100):
        notices = sorted(spool.glob("*.eml")) if spool.exists() else []
        lines = mail_log_lines(appliance_server, mid)
        if notices and any(line.startswith("Message finished") for line in lines):
            break
        time.sleep(0.1)
    assert lines[lines.index(f"MID {mid} matched all recipients for per-recipient policy "
                             "DEFAULT in the inbound table"):] == [
        f"MID {mid} matched all recipients for per-recipient policy DEFAULT in the inbound table",
        f"MID {mid} interim verdict using engine: CASE spam positive",
        f"MID {mid} using engine: CASE spam positive",
        f"Message aborted MID {mid} Bounced by CASE",
        f"Message finished MID {mid} done",
        f"MID {int(mid) + 1} was generated for bounce of MID {mid}",
    ]
    assert len(notices) == 1                       # the notification only: the spam went nowhere
    notice = notices[0].read_bytes().decode()
    assert notice.startswith("X-Peer-Envelope: from=<> to=<spammer@sender.example> ")
    assert "<user@example.com>: 5.7.1 - Delivery not authorized, message refused" in notice
    assert "Subject: buy now" in notice and "GTUBE" not in notice
