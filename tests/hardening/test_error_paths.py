"""Issue 15 item 6: bad file names get the appliance's own errors, never a fault or a traceback,
and exec-mode tail ends with its input."""
from __future__ import annotations

import subprocess

import pytest

from .support import ssh_client

FAULT = b"An application fault occurred"
NAMES = ["bad\0name.xml", "n" * 300 + ".xml", "\u00e9" * 200]


@pytest.mark.parametrize("name", NAMES, ids=["nul", "long", "long-utf8"])
@pytest.mark.parametrize("command", [
    "loadconfig {name}",
    "certconfig certificate import imported {name} secret y",
    "listenerconfig edit Main_Listener hostaccess import {name}",
    "listenerconfig edit Main_Listener hostaccess export {name}",
    "certconfig certauthority custom import {name}",
])
def test_bad_file_names_get_the_appliances_error(appliance_server_module, command, name):
    client = ssh_client(appliance_server_module.ssh_port)
    stdin, stdout, stderr = client.exec_command(command.format(name=name))
    stdin.channel.shutdown_write()  # no answers beyond the arguments
    output = stdout.read() + stderr.read()
    client.close()
    assert FAULT not in output and b"Traceback" not in output, output


@pytest.mark.parametrize("name", NAMES, ids=["nul", "long", "long-utf8"])
def test_scp_with_a_bad_name_gets_an_scp_error(appliance_server_module, tmp_path, name):
    client = ssh_client(appliance_server_module.ssh_port)
    _, stdout, stderr = client.exec_command(f"scp -f /configuration/{name}")
    stdout.channel.sendall(b"\0")
    output = stdout.read() + stderr.read()
    client.close()
    assert b"Traceback" not in output and output.startswith(b"\x01scp: "), output


def test_exec_tail_ends_when_its_input_closes(appliance_server_module):
    result = subprocess.run(
        ["sshpass", "-p", "ironport", "ssh", "-p", str(appliance_server_module.ssh_port),
         "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
         "-o", "LogLevel=ERROR", "admin@127.0.0.1", "tail mail_logs"],
        stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
    assert b"Press Ctrl-C to stop." in result.stdout
