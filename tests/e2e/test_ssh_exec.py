"""SSH exec (batch mode) through OpenSSH: ``ssh host 'cmd args; cmd'`` (clients.md §3.1 item 5)."""
from __future__ import annotations

import re

import pexpect

UNKNOWN = b"\r\nUnknown command or missing feature key: foo\r\n"


def test_exec_prints_no_banner_no_prompt_and_exits_zero(appliance_server_module):
    result = appliance_server_module.run("version")
    assert result.returncode == 0
    assert result.stdout.startswith(b"\r\nCurrent Version\r\n===============\r\n")
    assert b"\r\nVersion: 16.0.3-025\r\n" in result.stdout
    assert b"> " not in result.stdout and b"\x1b" not in result.stdout
    assert b"NOTE:" not in result.stdout


def test_exec_unknown_command_exits_one(appliance_server_module):
    result = appliance_server_module.run("foo")
    assert (result.returncode, result.stdout) == (1, UNKNOWN)


def test_exec_runs_a_semicolon_chain_in_order(appliance_server_module):
    result = appliance_server_module.run("foo; version")
    assert result.returncode == 1  # one command of the line failed
    assert result.stdout.startswith(UNKNOWN + b"\r\nCurrent Version\r\n")
    assert appliance_server_module.run("version ; version").stdout.count(b"Current Version") == 2


def test_exec_saveconfig_then_scp_the_file_back(appliance_server_module, tmp_path):
    """The support-community backup script: ``saveconfig y 1`` over exec, then scp -f."""
    server = appliance_server_module
    result = server.run("saveconfig y 1; version")
    assert result.returncode == 0, result.stdout
    saved = re.search(rb'"(/configuration/[^"]+\.xml)"', result.stdout)
    assert saved and b"Current Version" in result.stdout
    copied = server.scp(server.remote(saved.group(1).decode()), str(tmp_path / "backup.xml"))
    assert copied.returncode == 0, copied.stderr
    backup = (tmp_path / "backup.xml").read_bytes()
    assert backup.lstrip().startswith(b"<?xml")
    # what backup tools grep the file for
    assert re.findall(rb"<hostname>(.*?)</hostname>", backup) == [b"ironport.example.com"]
    assert re.findall(rb"<interface_name>(.*?)</interface_name>", backup) == [b"Management"]
    assert re.findall(rb"<ip>(.*?)</ip>", backup) == [b"127.0.0.1"]


def test_exec_batch_arguments_answer_the_wizard_and_commit_lands(appliance_server):
    server = appliance_server
    result = server.run("sethostname mail9.example.com; commit exec-test N")
    assert result.returncode == 0, result.stdout
    assert re.fullmatch(rb"\r\nChanges committed: [^\r\n]+\r\n", result.stdout)
    child = server.ssh()
    child.expect_exact("mail9.example.com> ")
    child.sendline("exit")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_exec_reads_unanswered_questions_from_stdin(appliance_server_module):
    result = appliance_server_module.run("sethostname", input=b"bad\n")
    assert result.stdout == (b"[ironport.example.com]> A hostname must have at least 2 labels "
                             b"separated by a period.\r\n[ironport.example.com]> ")
    assert result.returncode == 1  # the input ended in the middle of the question
