"""The SSH service follows commits like the listeners and HTTPS: a new SSH port chosen with
``interfaceconfig`` over SSH accepts logins after ``commit``, the old port refuses new
connections, the session that made the change goes on, and ``status`` lists the new port."""
from __future__ import annotations

import subprocess

import pexpect

from .conftest import PASSWORD, SSH_OPTIONS, refused

PROMPT = "ironport.example.com> $"
# EDIT of interface 1 up to the SSH port, every answer the default (name, IPv4 y, address,
# netmask, IPv6 n, ethernet port, hostname, HELO n, FTP y, FTP port, Telnet n, SSH y).
UP_TO_SSH_PORT = [""] * 12
# Cluster Communication Service n, HTTP y, port, HTTPS y, port, demo certificate y, HTTP
# redirect n, main menu.
AFTER_SSH_PORT = [""] * 8


def exec_on(port: int, command: str) -> subprocess.CompletedProcess:
    """``command`` in exec mode through OpenSSH on ``port`` (the fixture's helpers use the
    factory port, and OpenSSH keeps the first ``-p``)."""
    return subprocess.run(["sshpass", "-p", PASSWORD, "ssh", "-p", str(port), *SSH_OPTIONS,
                           "admin@127.0.0.1", command], capture_output=True, timeout=30)


def answer(child, lines: list[str]) -> None:
    """Each line after the question (or prompt) that asks for it."""
    for line in lines:
        child.expect(r"> $")
        child.sendline(line)


def test_ssh_port_moves_on_commit_and_the_open_session_goes_on(appliance_server):
    server = appliance_server
    old, new = server.ssh_port, 2222 + server.port_offset
    assert refused(new)

    held = server.ssh()
    held.expect(PROMPT)
    held.sendline("interfaceconfig")
    answer(held, ["edit", "1", *UP_TO_SSH_PORT, "2222", *AFTER_SSH_PORT])
    held.expect(PROMPT)
    held.sendline("commit")
    answer(held, ["move SSH", ""])
    held.expect("Changes committed: ")
    held.expect(PROMPT)

    assert refused(old)
    result = exec_on(new, "status")
    assert result.returncode == 0, result.stderr
    status = result.stdout.decode().replace("\r\n", "\n")
    assert f"  SSH    127.0.0.1:{new}\n" in status
    assert f"127.0.0.1:{old}\n" not in status

    # The session that made the change (on the old port) still works.
    held.sendline("version")
    held.expect("Current Version\r\n")
    held.expect(PROMPT)
    held.sendline("exit")
    held.expect(pexpect.EOF)
