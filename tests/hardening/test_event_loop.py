"""Issue 15 item 1: no input stalls the appliance.  Each attack runs against a real process
while a probe keeps asking for the SMTP banner; the attack gets the appliance's error and the
session goes on."""
from __future__ import annotations

import socket
import time

import paramiko

from asyncos_shell.terminal.base import MAX_LINE

from .support import STALLED, BannerProbe, read_until, ssh_client

PROMPT = b"ironport.example.com> "
TOO_LONG = b"Input line too long"


def test_a_long_line_at_a_pty_prompt_is_discarded_and_nothing_stalls(appliance_server):
    client = ssh_client(appliance_server.ssh_port)
    chan = client.invoke_shell(width=80, height=24)
    read_until(chan, PROMPT)
    with BannerProbe(appliance_server.smtp_port) as probe:
        chan.sendall(b"x" * 100_000)  # a Guest's paste without Enter: quadratic before
        chan.sendall(b"\r")
        seen = read_until(chan, TOO_LONG)
        chan.sendall(b"version\r")
        read_until(chan, b"Version:", seen=bytearray(seen))
    client.close()
    assert probe.worst < STALLED, probe.latencies
    assert seen.count(b"x") <= MAX_LINE + 100  # the echo stopped at the limit


def test_a_long_line_without_a_pty_is_discarded_and_nothing_stalls(appliance_server):
    client = ssh_client(appliance_server.ssh_port)
    chan = client.get_transport().open_session()
    chan.invoke_shell()  # no pty-req: the line terminal, as ``ssh -T``
    with BannerProbe(appliance_server.smtp_port) as probe:
        chan.sendall(b"y" * 2_000_000 + b"\nversion\n")
        chan.shutdown_write()
        output = read_until(chan, b"Version:", timeout=60)
    client.close()
    assert probe.worst < STALLED, probe.latencies
    assert TOO_LONG in output
    assert b"yyyy" not in output  # nothing of the line was run as a command


def test_an_exec_command_line_longer_than_a_line_is_refused(appliance_server):
    client = ssh_client(appliance_server.ssh_port)
    _, stdout, _ = client.exec_command("version " + "z" * (MAX_LINE + 10))
    output = stdout.read()
    assert TOO_LONG in output
    assert stdout.channel.recv_exit_status() == 1
    client.close()


def test_a_catastrophic_grep_pattern_does_not_freeze_the_appliance(appliance_server):
    # 29 W's in the command log, then (W+)+Z: 2**29 steps for a backtracking engine.
    assert appliance_server.run("W" * 29).returncode == 1
    with BannerProbe(appliance_server.smtp_port) as probe:
        started = time.monotonic()
        result = appliance_server.run("grep -c -e (W+)+Z cli_logs")
        took = time.monotonic() - started
    assert result.returncode == 0, result
    assert result.stdout.strip().endswith(b"0")
    assert took < STALLED and probe.worst < STALLED, (took, probe.latencies)


def test_a_pattern_re2_cannot_run_gets_the_error(appliance_server):
    result = appliance_server.run(r"grep -e '(a)\1' cli_logs")
    assert b"Invalid regular expression" in result.stdout


def test_data_before_a_shell_is_held_back_by_the_window(appliance_server):
    client = ssh_client(appliance_server.ssh_port)
    chan = client.get_transport().open_session()
    chan.settimeout(3)
    sent = 0
    try:
        while sent < 50_000_000:
            sent += chan.send(b"a" * 32768)
    except socket.timeout:
        pass
    assert sent <= 256 * 1024  # one window, not the 300 MB the server once took in
    chan.settimeout(30)
    chan.invoke_shell()
    chan.sendall(b"\nversion\n")
    output = read_until(chan, b"Version:")
    assert TOO_LONG in output
    client.close()


def test_a_stray_channel_message_leaves_the_connection_working(appliance_server):
    client = ssh_client(appliance_server.ssh_port)
    transport = client.get_transport()
    chan = transport.open_session()
    chan.invoke_shell()
    read_until(chan, PROMPT)
    for channel_number in (77, 0x7FFFFFFF):
        message = paramiko.Message()
        message.add_byte(paramiko.common.cMSG_CHANNEL_EOF)
        message.add_int(channel_number)
        transport._send_user_message(message)  # paramiko has no API for a wrong message
    other = transport.open_session()
    other.exec_command("version")
    assert b"Version:" in other.makefile().read()
    chan.sendall(b"version\n")
    read_until(chan, b"Version:")
    client.close()


def test_a_connection_may_open_only_a_few_channels(appliance_server):
    client = ssh_client(appliance_server.ssh_port)
    transport = client.get_transport()
    opened = []
    try:
        for _ in range(50):
            opened.append(transport.open_session(timeout=10))
    except paramiko.ChannelException:
        pass
    assert 1 <= len(opened) < 50
    assert transport.is_active()
    client.close()
