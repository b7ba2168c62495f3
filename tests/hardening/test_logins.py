"""Issue 15 item 5: guessing passwords locks the account and slows the guesser down; nobody
may sit unauthenticated on a login forever."""
from __future__ import annotations

import ftplib
import socket
import time

import paramiko
import pytest

from asyncos_shell.transports.auth import LOGIN_GRACE_SECONDS
from cluster.model import AccountPolicy

from .support import HOST, ssh_client
from .test_logs import log_text

PASSWORD = "Secret9x!pw"
MAX_FAILURES = AccountPolicy().max_failed_logins   # the factory policy


def ssh_login(server, user: str, password: str) -> bool:
    try:
        ssh_client(server.ssh_port, user=user, password=password).close()
    except paramiko.AuthenticationException:
        return False
    return True


def ftp_login(server, user: str, password: str) -> bool:
    client = ftplib.FTP()
    client.connect(HOST, 21 + server.port_offset, timeout=30)
    try:
        client.login(user, password)
    except ftplib.error_perm:
        return False
    finally:
        client.close()
    return True


def test_consecutive_failures_over_ssh_and_ftp_lock_the_account(appliance_server):
    added = appliance_server.run(f'userconfig add victim "V" operators {PASSWORD}; commit v Y')
    assert b"Changes committed" in added.stdout
    assert ssh_login(appliance_server, "victim", PASSWORD)
    started = time.monotonic()
    for attempt in range(MAX_FAILURES):
        login = ssh_login if attempt % 2 else ftp_login
        assert not login(appliance_server, "victim", f"guess{attempt}")
    slowed = time.monotonic() - started
    assert slowed >= 0.5 * (2 ** (MAX_FAILURES - 1) - 1)  # the refusals came later and later
    assert not ssh_login(appliance_server, "victim", PASSWORD)  # locked: even the right one
    assert not ftp_login(appliance_server, "victim", PASSWORD)
    text = log_text(appliance_server, "authentication", "was locked")
    assert f"The user victim was locked after {MAX_FAILURES} consecutive failed" in text
    assert "using an FTP connection" in text and "using an SSH connection" in text
    # Others are not locked out, and a new passphrase unlocks the account.
    assert ssh_login(appliance_server, "admin", "ironport")
    changed = appliance_server.run("userconfig delete victim; commit d Y; "
                                   "userconfig add victim V operators Secret8y!pw; commit a Y")
    assert changed.stdout.count(b"Changes committed") == 2, changed.stdout
    assert ssh_login(appliance_server, "victim", "Secret8y!pw")


def test_unknown_users_are_refused_like_known_ones(appliance_server):
    for user in ("nobody", "admin"):
        assert not ssh_login(appliance_server, user, "wrong")
    text = log_text(appliance_server, "authentication", "user nobody")
    assert "An authentication attempt by the user nobody from 127.0.0.1 failed" in text


@pytest.mark.timeout(LOGIN_GRACE_SECONDS + 60)
def test_unauthenticated_ssh_and_ftp_connections_are_closed(appliance_server):
    ssh = socket.create_connection((HOST, appliance_server.ssh_port), timeout=LOGIN_GRACE_SECONDS + 30)
    ftp = socket.create_connection((HOST, 21 + appliance_server.port_offset),
                                   timeout=LOGIN_GRACE_SECONDS + 30)
    assert ssh.recv(256).startswith(b"SSH-2.0-")
    ssh.sendall(b"SSH-2.0-idle_client\r\n")  # then nothing: no key exchange, no login
    assert ftp.recv(256).startswith(b"220")
    started = time.monotonic()
    for conn in (ftp, ssh):
        try:
            while True:
                if conn is ftp:
                    conn.sendall(b"NOOP\r\n")  # commands do not extend the deadline
                if not conn.recv(65536):
                    break
                if conn is ftp:
                    time.sleep(1)
        except ConnectionError:
            pass  # closed by the appliance
    assert time.monotonic() - started < LOGIN_GRACE_SECONDS + 20
    ssh.close()
    ftp.close()
