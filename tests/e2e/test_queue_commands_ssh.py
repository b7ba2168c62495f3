"""The queue commands through the real process and OpenSSH, on a queue filled by a lab peer
(``asyncos-emulator peer serve --mode tls-454``, its own process) that refuses STARTTLS while
the destination requires TLS: the trainee's "TLS Required delivery failed, what is left in the
queue" exercise."""
import re
import subprocess
import time

from .conftest import PEER_HOST


def swaks(server, to: str) -> None:
    subprocess.run(["swaks", "--server", f"{server.host}:{server.smtp_port}", "--to", to,
                    "--from", "alice@sender.example", "--timeout", "10"],
                   check=True, capture_output=True, timeout=30)


def text_of(done: subprocess.CompletedProcess) -> str:
    return done.stdout.decode().replace("\r\n", "\n")


def wait_for(server, command: str, pattern: str, timeout: float = 15) -> str:
    deadline = time.monotonic() + timeout
    while True:
        text = text_of(server.run(command))
        if re.search(pattern, text) or time.monotonic() > deadline:
            return text
        time.sleep(0.3)


def test_a_queue_left_by_a_tls_refusing_peer(appliance_server, refusing_peer):
    server = appliance_server
    setup = server.run(f"smtproutes new example.net {PEER_HOST}:{refusing_peer}; "
                       "destconfig new example.net --tls=require; commit queue-lab N")
    assert setup.returncode == 0, setup.stdout + setup.stderr
    swaks(server, "one@example.net")
    swaks(server, "two@example.net")

    top = wait_for(server, "tophosts active_rcpts", r"\n1 +example\.net +2 +0 +0 +2 +0\n")
    assert re.search(r"\n1 +example\.net +2 +0 +0 +2 +0\n", top), top
    status = text_of(server.run("hoststatus example.net"))
    assert "Last TLS Error:    Required\n" in status
    assert "454 4.7.0 TLS not available due to temporary reason\n" in status
    shown = text_of(server.run("showrecipients host example.net"))
    assert re.search(r"\[0\] +\[1\] +one@example\.net\n", shown), shown
    detail = text_of(server.run("status detail"))
    assert re.search(r"Active Recipients +2\n", detail), detail
    assert re.search(r"Soft Bounced Events +2 +2 +2\n", detail), detail

    deleted = server.run("deleterecipients host example.net")
    assert deleted.returncode == 0
    assert text_of(deleted) == "\nDeleting messages, please wait.\n2 recipients deleted.\n"
    detail = text_of(server.run("status detail"))
    assert re.search(r"Active Recipients +0\n", detail), detail
    assert re.search(r"Deleted Recipients +2 +2 +2\n", detail), detail
    tracked = text_of(server.run("findevent -t one@ mail_logs"))
    assert re.search(r"Info: Deleted: MID \d+ to \[0\]\n", tracked), tracked
    assert "two@example.net" not in tracked
    refused = server.run("deleterecipients everything")
    assert refused.returncode == 1
