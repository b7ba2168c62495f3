"""Wrapping at the pty's width over real SSH: pexpect ptys of different sizes, a window change
in the middle of a session (``stty cols`` on the client), and exec without a pty."""
from __future__ import annotations

import re

from .test_ssh_shell import PROMPT, close, login, typed

NOTE_80 = ("NOTE: This session will expire if left idle for 30 minutes. Any uncommitted\r\n"
           "configuration changes will be lost. Commit the configuration changes as soon as\r\n"
           "they are made.\r\n")
NOTE_ONE_LINE = ("NOTE: This session will expire if left idle for 30 minutes. Any uncommitted "
                 "configuration changes will be lost. Commit the configuration changes as soon as "
                 "they are made.\r\n")
MASK_80 = ("1. Mask passphrases (Files with masked passphrases cannot be loaded using\r\n"
           "loadconfig command)\r\n")
MASK_ONE_LINE = ("1. Mask passphrases (Files with masked passphrases cannot be loaded using "
                 "loadconfig command)\r\n")


def showconfig_options(child) -> str:
    text = typed(child, "showconfig", "[1]> ")
    child.sendcontrol("c")  # leave before the file is shown
    child.expect_exact(PROMPT)
    return text


def test_80_columns_wrap_the_banner_and_the_option_line(appliance_server):
    child, seen = login(appliance_server, dimensions=(24, 80))
    assert child.before.endswith("\r\n\r\n" + NOTE_80 + "\r\n")
    assert MASK_80 in showconfig_options(child)
    close(child, seen)


def test_a_250_column_pty_gets_one_line(appliance_server):
    child, seen = login(appliance_server, dimensions=(100, 250))
    assert child.before.endswith("\r\n\r\n" + NOTE_ONE_LINE + "\r\n")
    assert MASK_ONE_LINE in showconfig_options(child)
    close(child, seen)


def test_a_window_change_rewraps_from_the_next_question_on(appliance_server):
    child, seen = login(appliance_server, dimensions=(100, 250))
    child.setwinsize(100, 50)  # what "stty cols 50" on the client's terminal sends
    text = showconfig_options(child)
    assert ("1. Mask passphrases (Files with masked\r\n"
            "passphrases cannot be loaded using loadconfig\r\ncommand)\r\n") in text
    close(child, seen)


def test_exec_without_a_pty_wraps_at_80_columns(appliance_server):
    # A backup script's `saveconfig y 1 | grep xml` finds the path on a line of its own.
    result = appliance_server.run("saveconfig 1")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().split("\r\n")
    written = [line for line in lines if line.startswith("File written")]
    assert written == ['File written on machine "ironport.example.com" to the location']
    assert re.fullmatch(r'"/configuration/[\w.-]+\.xml"\.', lines[lines.index(written[0]) + 1])
