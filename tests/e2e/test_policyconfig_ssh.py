"""The real process: over SSH, ``policyconfig`` sets the incoming DEFAULT policy's spam action
to the Spam Quarantine and ``commit`` applies it; swaks then sends GTUBE, which the appliance
holds in its Spam Quarantine (on its disk) with the quarantine's mail-log lines."""
import re
import subprocess
import time

import pexpect

PROMPT = "ironport.example.com> "


def answer(child, pattern: str, reply: str) -> None:
    child.expect_exact(pattern)
    child.sendline(reply)


def quarantine_spam(server) -> None:
    child = server.ssh()
    answer(child, PROMPT, "policyconfig")
    answer(child, "Would you like to configure Incoming or Outgoing Mail Policies?", "1")
    child.expect_exact("Incoming Mail Policy Configuration")
    answer(child, "[]> ", "EDIT")
    answer(child, "1. DEFAULT", "DEFAULT")
    child.expect_exact("Anti-Spam: IronPort - Deliver")
    answer(child, "[]> ", "ANTISPAM")
    answer(child, "- DISABLE - ", "EDIT")
    child.expect_exact("What do you want to do with messages identified as spam?")
    answer(child, "3. IRONPORT QUARANTINE\r\n[1]> ", "IRONPORT QUARANTINE")
    child.expect_exact("Anti-Spam configuration complete")
    child.expect_exact("Anti-Spam: IronPort - Spam Quarantine")
    answer(child, "[]> ", "")                      # up to the table
    answer(child, "[]> ", "")                      # out of policyconfig
    answer(child, PROMPT, "commit")
    answer(child, "describing your changes:\r\n[]> ", "spam goes to the quarantine")
    answer(child, "for rollback? [Y]> ", "n")
    child.expect_exact("Changes committed: ")
    answer(child, PROMPT, "exit")
    child.expect(pexpect.EOF)


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
    quarantine_spam(appliance_server)
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
