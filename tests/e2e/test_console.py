"""The local console: a login-less admin session on the terminal, alongside the services."""
import socket
import sys

import pexpect

from .conftest import REPOSITORY, _free_offset


def test_console_runs_commands_next_to_the_services_and_exit_stops(tmp_path):
    offset = _free_offset()
    child = pexpect.spawn(sys.executable, ["-m", "asyncos_emulator.main", "console", "--state-dir",
                                           str(tmp_path / "state"), "--port-offset", str(offset)],
                          cwd=str(REPOSITORY), timeout=30, encoding="utf-8", dimensions=(40, 120))
    child.delaybeforesend = None
    child.expect_exact("Ready.")
    child.expect_exact("ironport.example.com> ")
    socket.create_connection(("127.0.0.1", 22 + offset), timeout=5).close()  # SSH is served too
    child.send("whoami\r")
    child.expect_exact("Username: admin")
    child.expect_exact("ironport.example.com> ")
    child.send("sethostname console.example.com\r")
    child.expect_exact("ironport.example.com> ")
    child.send("commit\r")
    child.expect_exact("[]> ")
    child.send("from the console\r")
    child.expect_exact("[Y]> ")
    child.send("\r")
    child.expect_exact("Changes committed: ")
    child.expect_exact("console.example.com> ")
    child.send("exit\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
