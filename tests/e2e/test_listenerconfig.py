"""listenerconfig over real SSH: a trainee sets a listener's certificate and TLS Required in its
HAT, commits, reconnects and sees it in PRINT; the HAT exported in batch form comes back by scp."""
from __future__ import annotations

import pexpect

from .test_ssh_shell import close, login, typed

SUB = "]> "


def answer_defaults(child: pexpect.spawn, count: int) -> None:
    for _ in range(count):
        child.expect_exact(SUB)
        child.sendline("")


def test_tls_required_survives_commit_and_reconnect(appliance_server, tmp_path):
    # A tall pty: PRINT and the menus fit on one page, no pager in between.
    child, seen = login(appliance_server, dimensions=(200, 120))
    typed(child, "listenerconfig", SUB)
    assert "1. IncomingMail (on Management, 127.0.0.1) SMTP TCP Port 25 Public" in child.before
    typed(child, "edit", SUB)
    assert "Certificate: Demo" in typed(child, "1", SUB)
    assert typed(child, "certificate", "[1]> ").endswith("Please choose the certificate to apply:\r\n1. Demo\r\n")
    typed(child, "7", "[1]> ")
    assert "Please enter a number from 1 to 1." in child.before
    typed(child, "1", '"Demo" certificate? [Y]> ')
    typed(child, "y", SUB)
    typed(child, "hostaccess", SUB)
    typed(child, "edit", "[1]> ")
    typed(child, "2", SUB)
    typed(child, "ACCEPTED", "[1]> ")
    typed(child, "", "Would you like to change the policy parameters? [N]> ")
    child.sendline("y")
    answer_defaults(child, 14)
    child.expect_exact("Do you want to allow encrypted TLS connections?\r\n1. No\r\n2. Preferred\r\n"
                       "3. Required\r\n[1]> ")
    typed(child, "3", "Do you really wish to use a demo certificate? [Y]> ")
    # 120 columns: the question wraps before "TLS,but" (A's substring has no space there)
    assert ("You may use the demo certificate to test\r\nTLS,but this will not be secure."
            in child.before)
    typed(child, "", "Do you want to allow SMTP authentication?\r\n1. No\r\n2. Preferred\r\n"
                     "3. Required\r\n[1]> ")
    child.sendline("")
    answer_defaults(child, 8)  # DKIM signing ... untagged bounces, by position
    child.expect_exact(SUB)
    assert "There are currently 5 policies defined." in child.before
    typed(child, "", SUB)
    typed(child, "", SUB)
    typed(child, "")
    typed(child, "commit", SUB)
    typed(child, "TLS required", "[Y]> ")
    assert "Changes committed: " in typed(child, "")
    close(child, seen)

    child, seen = login(appliance_server, dimensions=(200, 120))
    for line in ("listenerconfig", "edit", "IncomingMail", "hostaccess"):
        typed(child, line, SUB)
    printed = typed(child, "print", SUB)
    assert printed.startswith('print\r\n$ACCEPTED\r\n    ACCEPT {\r\n        tls = "required"\r\n'
                              '    }\r\n$THROTTLED\r\n')
    for _ in range(2):
        typed(child, "", SUB)
    typed(child, "")
    close(child, seen)

    result = appliance_server.run("listenerconfig edit IncomingMail hostaccess export hat.txt")
    assert (result.returncode, result.stdout) == (
        0, b'\r\nFile written on machine "ironport.example.com" to the location\r\n'
           b'"/configuration/hat.txt".\r\n')  # exec: wrapped at 80 columns
    copied = appliance_server.scp(appliance_server.remote("/configuration/hat.txt"), str(tmp_path))
    assert copied.returncode == 0, copied.stderr
    assert (tmp_path / "hat.txt").read_text().startswith(
        '$ACCEPTED\n    ACCEPT {\n        tls = "required"\n    }\n')
