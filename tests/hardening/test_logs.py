"""Issue 15 item 3: a field that comes from a client cannot forge a log line."""
from __future__ import annotations

import socket
import time
from pathlib import Path

import paramiko
import pytest

from .support import HOST

FORGED = "Info: The user admin successfully logged on from 10.6.6.6"


def log_text(server, subscription: str, wanted: str, timeout: float = 10.0) -> str:
    """The current file of a log once ``wanted`` is in it (logs are flushed in batches)."""
    folder = Path(server.state_dir) / "logs" / subscription
    deadline = time.monotonic() + timeout
    while True:
        text = "".join(p.read_text(errors="replace") for p in sorted(folder.glob("*.c")))
        if wanted in text or time.monotonic() > deadline:
            return text
        time.sleep(0.05)


def assert_not_forged(text: str) -> None:
    for line in text.splitlines():
        assert not line.startswith(FORGED) and "10.6.6.6" not in line.split(":", 1)[0], line
        assert "\0" not in line and "\x1b" not in line


def test_an_ssh_user_name_with_a_newline_cannot_forge_an_authentication_line(appliance_server):
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    with pytest.raises(paramiko.AuthenticationException):
        client.connect(HOST, port=appliance_server.ssh_port, username=f"x\n{FORGED}\r\0\x1b[2J",
                       password="wrong", look_for_keys=False, allow_agent=False, timeout=15)
    client.close()
    text = log_text(appliance_server, "authentication", "x\\n" + FORGED)
    assert "An authentication attempt by the user x\\nInfo: The user admin" in text
    assert_not_forged(text)


def test_an_ftp_user_name_cannot_forge_a_line(appliance_server):
    port = 21 + appliance_server.port_offset
    with socket.create_connection((HOST, port), timeout=10) as conn:
        conn.recv(1024)
        conn.sendall(f"USER x\r{FORGED}\0\r\n".encode())
        conn.recv(1024)
        conn.sendall(b"PASS wrong\r\n")
        conn.recv(1024)
    text = log_text(appliance_server, "authentication", "x\\r" + FORGED)
    assert_not_forged(text)


def test_an_exec_command_line_cannot_forge_a_cli_log_line(appliance_server):
    appliance_server.run(f"version '\n{FORGED}\r\x1b[2J'")  # quoted: one argument
    text = log_text(appliance_server, "cli_logs", FORGED)
    assert "\\n" + FORGED in text
    assert_not_forged(text)
