"""smtproutes and destconfig through the real process and OpenSSH: the one-line (exec) forms
and an interactive destconfig NEW with Required - Verify TLS."""
from __future__ import annotations

PROMPT = "ironport.example.com> "


def test_smtproutes_batch_then_commit_then_print(appliance_server):
    done = appliance_server.run("smtproutes new example.net 127.0.0.5:2525; "
                                "smtproutes new ALL USEDNS; commit lab Y")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"\r\nChanges committed: ")
    shown = appliance_server.run("smtproutes print")
    assert (shown.returncode, shown.stdout) == (0, (
        b"\r\nDomain       Destinations\r\n===========  ==============\r\n"
        b"example.net  127.0.0.5:2525\r\nALL          USEDNS\r\n"))
    refused = appliance_server.run("smtproutes new example.net 127.0.0.6")
    assert (refused.returncode, refused.stdout) == (
        1, b"The value example.net is already in the routing table.\r\n")


def test_destconfig_new_required_verify_interactively_then_detail(appliance_server):
    child = appliance_server.ssh()
    child.expect_exact(PROMPT)
    answers = [("destconfig", "[]> "), ("new", "[]> "), ("example.com", "[Y]> "),
               ("n", "[N]> "), ("", "[1]> "), ("", "[1]> "), ("", "[N]> "), ("", "[N]> "),
               ("y", "[1]> "),
               ("5", "[N]> ")]
    for answer, prompt in answers:
        child.sendline(answer)
        child.expect_exact(prompt)
    # wrapped at the 80 columns of the pty
    assert child.before.endswith("You have chosen to enable TLS. Please use the 'certconfig' "
                                 "command to ensure\r\nthat there is a valid certificate "
                                 "configured.\r\n\r\nDo you wish to configure DANE Support for "
                                 "this domain? ")
    # 80 columns: the prompt "[Y]> " goes to a line of its own
    for answer, prompt in [("n", "Do you want to use the demo certificate?\r\n[Y]> "),
                           ("", "[N]> "), ("", "[N]> "), ("", "[N]> "), ("", "[]> "),
                           ("", PROMPT), ("commit", "[]> "), ("first TLS domain", "[Y]> "),
                           ("", PROMPT)]:
        child.sendline(answer)
        child.expect_exact(prompt)
    assert "Changes committed: " in child.before
    child.sendline("exit")
    child.expect_exact("exit\r\n")
    child.close()

    detail = appliance_server.run("destconfig detail example.com")
    assert detail.returncode == 0
    assert detail.stdout.decode() == (
        "\r\nDomain: example.com\r\n"
        "    Concurrent Connections: Default (500)\r\n"
        "    Recipients: Default (No Limit)\r\n"
        "    Apply Limits Per Destination: Entire Domain\r\n"
        "    Apply Limits Per ESA Hostname: System Wide\r\n"
        "    Maximum Messages Per Connection: Default (50)\r\n"
        "    TLS Support: Required - Verify\r\n"
        "    DANE Support: Default (No)\r\n"
        "    Bounce Verification: Default (Off)\r\n"
        "    Bounce Profile: Default (Default)\r\n"
        "    IP Address Preference: Default (Prefer IPv6)\r\n")
