"""userconfig → POLICY → ACCOUNT over SSH, then OpenSSH logins: the committed number of failed
attempts locks the account (the right passphrase is refused too), and userconfig → STATUS makes
it available again."""
from __future__ import annotations

from ..hardening.test_logs import log_text

PASSPHRASE = "Secret9x!pw"
LIMIT = 2          # not the factory five: the committed policy is what counts


def logs_in(server, password: str) -> bool:
    """One OpenSSH login as ``victim`` (sshpass answers the password prompt once)."""
    result = server.run("version", user="victim", password=password)
    return result.returncode == 0 and b"Cisco" in result.stdout


def test_the_committed_failed_login_count_locks_and_status_unlocks(appliance_server):
    server = appliance_server
    dialogue = (f"userconfig add victim Victim operators {PASSPHRASE}\ncommit\nvictim\nY\n"
                f"userconfig\npolicy\naccount\ny\n{LIMIT}\n\n\n\n\n\ncommit\npolicy\nY\nexit\n")
    answer = server.run(None, input=dialogue.encode())
    assert answer.stdout.count(b"Changes committed") == 2, answer.stdout.decode()
    assert f"Account lock: after {LIMIT} consecutive".encode() in answer.stdout
    assert logs_in(server, PASSPHRASE)
    for attempt in range(LIMIT - 1):
        assert not logs_in(server, f"guess{attempt}")
    assert logs_in(server, PASSPHRASE)          # one short of the limit, and it starts over
    for attempt in range(LIMIT):
        assert not logs_in(server, f"guess{attempt}")
    assert not logs_in(server, PASSPHRASE)      # locked: even the right passphrase is refused
    text = log_text(server, "authentication", "was locked")
    assert f"The user victim was locked after {LIMIT} consecutive failed login attempts." in text

    status = server.run(None, input=b"userconfig\nstatus\nironport\nvictim\ny\n\nexit\n")
    assert b"The account victim is locked." in status.stdout, status.stdout.decode()
    assert logs_in(server, PASSPHRASE)
