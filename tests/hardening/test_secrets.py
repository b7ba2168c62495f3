"""Issue 15 item 2: a role reads no secret it may not, and passphrases stay out of the logs."""
from __future__ import annotations

import base64
import hashlib
import subprocess
from pathlib import Path

import pytest
from cryptography.fernet import Fernet, InvalidToken

from .test_logs import log_text

ACCESS = b"You are not in the correct access group to use this command."
USERS = {"ro": ("readonly", "Readonly9x!"), "gst": ("guest", "Guest9x!pw"),
         "hd": ("helpdesk", "Helpdesk9x!")}
# The key every emulator used before issue 15: derivable from the source.
OLD_KEY = base64.urlsafe_b64encode(hashlib.sha256(b"asyncos-emulator config").digest())


@pytest.fixture(scope="module")
def server(appliance_server_module):
    commands = "; ".join(f'userconfig add {name} "{name}" {role} {password}'
                         for name, (role, password) in USERS.items())
    added = appliance_server_module.run(f"{commands}; commit users Y")
    assert b"Changes committed" in added.stdout, added.stdout
    return appliance_server_module


def run_as(server, name: str, command: str) -> subprocess.CompletedProcess:
    return server.run(command, user=name, password=USERS[name][1])


@pytest.mark.parametrize("name", ["gst", "hd"])
@pytest.mark.parametrize("command", ["showconfig 2", "saveconfig y 1", "mailconfig a@b.example 2"])
def test_guests_and_help_desk_cannot_take_the_configuration(server, name, command):
    result = run_as(server, name, command)
    assert ACCESS in result.stdout and b"<config>" not in result.stdout


def test_a_read_only_operator_may_view_but_not_save_or_mail_it(server):
    shown = run_as(server, "ro", "showconfig 2")
    assert b"<config>" in shown.stdout
    assert b"PRIVATE KEY" not in shown.stdout and b"scrypt$" not in shown.stdout
    for command in ("saveconfig y 1", "mailconfig a@b.example 2"):
        assert ACCESS in run_as(server, "ro", command).stdout


@pytest.mark.parametrize("name", ["ro", "gst", "hd"])
def test_only_roles_that_reach_the_file_system_download_the_configuration(server, name,
                                                                          tmp_path):
    saved = server.run("saveconfig y 1")
    assert b"Configuration saved." in saved.stdout
    saved_name = next(Path(server.state_dir, "configuration").glob("*.xml")).name
    result = server.scp(server.remote(f"/configuration/{saved_name}", user=name),
                        str(tmp_path / "copy.xml"), password=USERS[name][1])
    assert result.returncode != 0 and not (tmp_path / "copy.xml").exists()
    assert b"Permission denied" in result.stderr


def test_encrypted_passphrases_use_a_key_of_this_appliance(server):
    (key_file,) = Path(server.state_dir).glob("stores/*/secrets/config.key")
    assert key_file.stat().st_mode & 0o777 == 0o600
    shown = server.run("showconfig 2").stdout.decode()
    token = shown.split('encrypted="true">', 1)[1].split("<", 1)[0]
    with pytest.raises(InvalidToken):
        Fernet(OLD_KEY).decrypt(token.encode())
    assert Fernet(key_file.read_bytes().strip()).decrypt(token.encode())


def test_batch_passphrases_are_masked_in_cli_logs(server):
    server.run('userconfig add op1 "Op" operators Operator9x!; commit op Y')
    server.run("passwd Operator9x! N Operator8y! Operator8y!", user="op1", password="Operator9x!")
    server.run("clusterconfig join 127.0.0.1 admin Clusterpw9x! Main_Group")
    text = log_text(server, "cli_logs", "clusterconfig join")
    for secret in ("Operator9x!", "Operator8y!", "Clusterpw9x!", *(p for _, p in USERS.values())):
        assert secret not in text
    assert "entered 'userconfig add op1 Op operators *****'" in text
    # the answer to "get a system generated passphrase?" is no secret
    assert "entered 'passwd ***** N ***** *****'" in text


def test_a_read_only_operator_cannot_read_who_typed_what(server):
    for log in ("cli_logs", "authentication"):
        result = run_as(server, "ro", f"grep -e admin {log}")
        assert b"Unknown log name" in result.stdout, result.stdout
        assert b"entered" not in result.stdout and b"logged on" not in result.stdout
    assert b"Begin Logfile" in run_as(server, "ro", "grep -e Begin mail_logs").stdout


def test_passwd_for_a_role_that_cannot_commit_says_so(server):
    result = run_as(server, "gst", "passwd Guest9x!pw Guest8y!pw Guest8y!pw")
    assert b"cannot commit" in result.stdout and b"Password changed." not in result.stdout
