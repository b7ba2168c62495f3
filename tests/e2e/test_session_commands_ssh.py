"""Every session command over real OpenSSH gives exactly the transcript the in-process engine
gives (the in-process transcripts are asserted in tests/shell/test_session_commands.py): the
transport adds nothing, drops nothing and echoes as a pty would."""
import re

import pexpect
import pytest

from harness import after_banner, make_appliance, run

SCENARIOS = {
    "unknown and bare enter": ["frobnicate", ""],
    "sethostname re-ask, showchanges, clear": ["sethostname", "nodots", "good.example.com",
                                               "showchanges", "clear", "y", "clear"],
    "commit with nothing pending": ["commit"],
    "commit and commitdetail": ["sethostname", "x1.example.com", "commit", "why", "n",
                                "commitdetail"],
    "version and whoami": ["version", "whoami"],
    "help": ["help commit", "help nothing"],
    "userconfig bad passphrases": ["userconfig", "new", "ironport", "eve", "Eve", "2", "n", "short",
                                   "abcdefgh1", "Strong7x!", "Other7x!!", "Strong7x!", "Strong7x!",
                                   "", "clear", "y"],
    "passwd wrong old password": ["passwd", "nope"],
    "sshconfig garbage key": ["sshconfig", "userkey", "new", "not a key", "", "", ""],
    "saveconfig and loadconfig errors": ["saveconfig y 1", "loadconfig", "2", "missing.xml"],
    "exit question": ["sethostname", "q.example.com", "exit", "n", "clear", "y"],
}
# Values that differ between two appliances or two runs.
MASKS = [(re.compile(r"\w{3} \w{3} \d\d \d\d:\d\d:\d\d \d{4}"), "<time>"),
         (re.compile(r"[0-9A-F]{12}-[0-9A-Z]{7}"), "<serial>"),
         (re.compile(r"\d{8}T\d{6}"), "<stamp>"),
         (re.compile(r"Commit ID: \d+"), "Commit ID: <n>"),
         (re.compile(r"Install Date: .*|Build Date: .*|UDI: .*"), "<date line>")]


def masked(text: str) -> str:
    for pattern, replacement in MASKS:
        text = pattern.sub(replacement, text)
    return text


@pytest.mark.parametrize("name", SCENARIOS)
def test_ssh_transcript_equals_the_engine_transcript(appliance_server, tmp_path, name):
    lines = SCENARIOS[name] + ["exit"]
    expected = after_banner(run(make_appliance(tmp_path / "local"), lines))
    child = appliance_server.ssh(dimensions=(1000, 200))  # no pager: the engine has none
    child.expect_exact("changes as soon as they are made.\r\n\r\n")
    child.expect_exact("ironport.example.com> ")
    child.send("".join(f"{line}\n" for line in lines))
    child.expect(pexpect.EOF)
    actual = "ironport.example.com> " + child.before
    assert "\x1b" not in actual
    assert masked(actual) == masked(expected)
