"""Logins (password, keyboard-interactive, keys), refusals, and two sessions side by side."""
from __future__ import annotations

import re
import subprocess
import time

import pexpect
import pytest

from .conftest import launch

PROMPT = "ironport.example.com> "
ONE_TRY = ("-o", "NumberOfPasswordPrompts=1")


@pytest.mark.parametrize("user, methods", [
    ("admin", "keyboard-interactive"),
    ("admin", "password"),
    ("nobody", "keyboard-interactive,password"),
])
def test_wrong_credentials_are_an_ordinary_failure(appliance_server_module, user, methods):
    child = appliance_server_module.ssh(
        user=user, password=None,
        options=(*ONE_TRY, "-o", f"PreferredAuthentications={methods}",
                 "-o", "PubkeyAuthentication=no"))
    # One question per method (NumberOfPasswordPrompts=1), then the client gives up.
    while child.expect([r"[Pp]assword: ", r"Permission denied \(.*\)\."]) == 0:
        child.sendline("wrong")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 255


def test_keyboard_interactive_asks_password(appliance_server_module):
    child = appliance_server_module.ssh(
        password=None, options=("-o", "PreferredAuthentications=keyboard-interactive"))
    child.expect_exact("Password: ")
    child.sendline("ironport")
    child.expect_exact(PROMPT)
    child.sendline("exit")
    child.expect(pexpect.EOF)


def test_failed_login_goes_to_the_authentication_log(appliance_server_module):
    server = appliance_server_module
    result = server.run("version", password="wrong",
                        options=(*ONE_TRY, "-o", "PreferredAuthentications=password"))
    assert result.returncode != 0
    expected = b"An authentication attempt by the user admin from 127.0.0.1 failed using an SSH " \
               b"connection."
    deadline = time.monotonic() + 10  # the log writer flushes its lines in batches
    while True:
        logs = b"".join(p.read_bytes() for p in server.state_dir.rglob("authentication*")
                        if p.is_file())
        if expected in logs or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert expected in logs


def _keypair(tmp_path, name: str):
    key = tmp_path / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)],
                   check=True)
    return key, (tmp_path / f"{name}.pub").read_text().strip()


def _key_login(server, key, command: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["ssh", "-p", str(server.ssh_port), "-o", "StrictHostKeyChecking=no",
         "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "BatchMode=yes",
         "-o", "IdentitiesOnly=yes", "-o", "PreferredAuthentications=publickey", "-i", str(key),
         f"admin@{server.host}", command], capture_output=True, timeout=30)


def typed(child: pexpect.spawn, line: str, until: str = PROMPT) -> str:
    child.sendline(line)
    child.expect_exact(until)
    return child.before


def test_two_sessions_keep_their_pending_changes_apart_and_both_commits_land(appliance_server,
                                                                             tmp_path):
    server = appliance_server
    key, public = _keypair(tmp_path, "admin_key")
    assert _key_login(server, key, "version").returncode == 255  # not authorised yet

    first = server.ssh()
    first.expect_exact(PROMPT)
    second = server.ssh()
    second.expect_exact(PROMPT)

    typed(first, "sethostname", "]> ")
    typed(first, "mail5.example.com")
    # The second session does not see the first one's pending hostname.
    assert typed(second, "commit") == "commit\r\n\r\nThere is no data to commit.\r\n\r\n"

    typed(second, "sshconfig", "[]> ")
    typed(second, "userkey", "[]> ")
    second.sendline("new")
    second.expect("public SSH key")
    second.sendline(public)
    second.sendline("")
    second.expect_exact("[]> ")
    typed(second, "", "[]> ")
    typed(second, "")
    typed(second, "commit", "[]> ")
    typed(second, "add a key", "[Y]> ")
    assert re.search(r"Changes committed: ", typed(second, ""))

    # The first session still shows its own pending change only after its commit.
    assert typed(first, "") == "\r\n"
    typed(first, "commit", "[]> ")
    typed(first, "rename", "[Y]> ")
    first.sendline("")
    first.expect_exact("mail5.example.com> ")
    for child in (first, second):
        child.sendline("exit")
        child.expect(pexpect.EOF)

    # Both commits landed: the key logs in, and the hostname changed.
    result = _key_login(server, key, "version")
    assert result.returncode == 0, result.stderr
    other_key, _ = _keypair(tmp_path, "other_key")
    refused = _key_login(server, other_key, "version")
    assert refused.returncode == 255 and b"Permission denied (" in refused.stderr
    child = server.ssh()
    child.expect_exact("mail5.example.com> ")
    child.sendline("exit")
    child.expect(pexpect.EOF)


def _host_keys(server) -> set[str]:
    scan = subprocess.run(["ssh-keyscan", "-p", str(server.ssh_port), "-t", "ed25519,rsa",
                           server.host], capture_output=True, text=True, timeout=30)
    return {line.split(None, 1)[1] for line in scan.stdout.splitlines() if line.strip()}


def test_host_keys_are_made_once_private_and_kept_across_restarts(tmp_path):
    state = tmp_path / "state"
    with launch(state) as server:
        first = _host_keys(server)
    assert {key.split()[0] for key in first} == {"ssh-ed25519", "ssh-rsa"}
    for name in ("ssh_host_ed25519_key", "ssh_host_rsa_key"):
        assert (state / name).stat().st_mode & 0o777 == 0o600
    with launch(state) as server:
        assert _host_keys(server) == first
