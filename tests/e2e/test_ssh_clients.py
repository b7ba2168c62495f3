"""paramiko and netmiko against the real SSH service (clients.md §2.1, §2.3, §3.2 item 22)."""
from __future__ import annotations

import time

import paramiko
import pytest
from netmiko.base_connection import BaseConnection
from netmiko.no_config import NoConfig
from netmiko.no_enable import NoEnable

PROMPT = b"ironport.example.com> "
MORE = b"-Press Any Key For More-"
ERASE = b"\r" + b" " * 25 + b"\r"


def connect(server) -> paramiko.SSHClient:
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect(server.host, port=server.ssh_port, username="admin", password="ironport",
                   look_for_keys=False, allow_agent=False, timeout=10)
    return client


def read_until(channel: paramiko.Channel, marker: bytes | tuple[bytes, ...],
               timeout: float = 10) -> bytes:
    data = b""
    deadline = time.monotonic() + timeout
    while not data.endswith(marker):
        if time.monotonic() > deadline:
            raise AssertionError(f"no {marker!r} after {data[-300:]!r}")
        if channel.recv_ready():
            data += channel.recv(65536)
        elif channel.exit_status_ready() and not channel.recv_ready():
            raise AssertionError(f"channel closed before {marker!r}: {data[-300:]!r}")
        else:
            time.sleep(0.005)
    return data


def test_paramiko_shell_at_80x24_pages_help(appliance_server_module):
    client = connect(appliance_server_module)
    try:
        channel = client.invoke_shell()  # term vt100, 80 x 24
        read_until(channel, PROMPT)
        channel.send(b"help\n")
        page = read_until(channel, MORE)
        assert page.startswith(b"help\r\n") and b"\x1b" not in page
        lines = page[len(b"help\r\n"):-len(MORE)].split(b"\r\n")
        assert lines[-1] == b""  # pages end at a line boundary
        rows = sum(max(1, -(-len(line) // 80)) for line in lines[:-1])
        after = channel.recv(200) if channel.recv_ready() else b""
        assert after == b"" and 20 <= rows <= 23  # rows - 1, less a wrapped line that did not fit
        channel.send(b" ")
        rest = read_until(channel, (PROMPT, MORE))
        assert rest.startswith(ERASE)
        while rest.endswith(MORE):  # a taller help pages again
            channel.send(b" ")
            rest = read_until(channel, (PROMPT, MORE))
        channel.send(b"exit\n")
        read_until(channel, b"exit\r\n")
        assert channel.recv_exit_status() == 0
    finally:
        client.close()


def test_paramiko_type_ahead_before_the_first_prompt(appliance_server_module):
    client = connect(appliance_server_module)
    try:
        channel = client.invoke_shell(width=511, height=1000)
        channel.send(b"\nfoo\n")  # netmiko writes a RETURN before it has seen anything
        answer = b"foo\r\n\r\nUnknown command or missing feature key: foo\r\n\r\n" + PROMPT
        data = read_until(channel, answer)
        assert data.endswith(b"made.\r\n\r\n" + PROMPT + b"\r\n" + PROMPT + answer)
    finally:
        client.close()


def test_paramiko_exec_command(appliance_server_module):
    client = connect(appliance_server_module)
    try:
        _, stdout, _ = client.exec_command("version")
        output = stdout.read()
        assert stdout.channel.recv_exit_status() == 0
        assert output.startswith(b"\r\nCurrent Version\r\n") and MORE not in output
        _, stdout, _ = client.exec_command("nosuchcommand")
        assert stdout.read() == b"\r\nUnknown command or missing feature key: nosuchcommand\r\n"
        assert stdout.channel.recv_exit_status() == 1
    finally:
        client.close()


class AsyncOSSSH(NoEnable, NoConfig, BaseConnection):
    """The small netmiko driver an ESA user writes (clients.md §2.1): no paging command, since
    AsyncOS has none; the prompt ends in ``>``."""

    def session_preparation(self) -> None:
        self._test_channel_read(pattern=r"> $")
        self.set_base_prompt()

    def cleanup(self, command: str = "exit") -> None:
        self.write_channel(command + self.RETURN)


@pytest.fixture
def netmiko_session(appliance_server):
    connection = AsyncOSSSH(device_type="generic", host=appliance_server.host,
                            port=appliance_server.ssh_port, username="admin",
                            password="ironport", use_keys=False, allow_agent=False)
    yield connection
    connection.disconnect()


def test_netmiko_send_command_and_a_wizard(netmiko_session):
    connection = netmiko_session
    assert connection.base_prompt == "ironport.example.com"
    output = connection.send_command("version")
    assert "Version: 16.0.3-025" in output
    assert "ironport.example.com>" not in output
    output = connection.send_multiline([
        ["sethostname", r"\]> $"],
        ["netmiko.example.com", r"> $"],
        ["commit", r"\[\]> $"],
        ["from netmiko", r"\[Y\]> $"],
        ["N", r"netmiko\.example\.com> $"],
    ])
    assert "Changes committed: " in output
    assert connection.find_prompt() == "netmiko.example.com>"
