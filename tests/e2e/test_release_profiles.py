"""A lab with an AsyncOS 14.1 appliance next to a 16.0.3 one, over OpenSSH: each speaks its
release (banner, FQDN question wording) and takes its own scenario knobs (login method,
unknown-command wording)."""
import pexpect
import pytest

from .conftest import launch

LAB = """
[[appliance]]
hostname = "esa14.example.com"
address = "127.0.0.2"
model = "C190"
version = "14.1.0-227"
scenario = { login_method = "password", unknown_command = "quoted" }

[[appliance]]
hostname = "esa16.example.com"
address = "127.0.0.3"
scenario = { login_method = "keyboard-interactive" }
"""
ESA14, ESA16 = "127.0.0.2", "127.0.0.3"
NEW_UP_TO_FQDN = ["certconfig", "certificate", "new", "", "mail", "mail.example.com"]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    state = tmp_path_factory.mktemp("profiles")
    path = state / "lab.toml"
    path.write_text(LAB)
    with launch(state / "state", arguments=("--lab", str(path))) as server:
        yield server


def shell(lab, address: str, prompt: str):
    lab.host = address
    child = lab.ssh()
    child.expect_exact(prompt)
    return child


def test_each_appliance_speaks_its_release(lab):
    child = shell(lab, ESA14, "esa14.example.com> ")
    assert ("AsyncOS 14.1.0 for Cisco C190 build 227\r\n\r\n"
            "Welcome to the Cisco C190 Email Security Appliance\r\n\r\n") in child.before
    for answer in NEW_UP_TO_FQDN:
        child.sendline(answer)
    child.expect_exact("Enter Common Name:\r\n> mail.example.com\r\n\r\n"
                       "Do you want to check if Common Name is in Fully Qualified Domain "
                       "Name(FQDN)\r\nformat? [N]> ")  # an 80-column pty
    child.sendintr()  # Ctrl-C: back to the prompt, nothing stored
    child.expect_exact("esa14.example.com> ")
    child.sendline("frobnicate")
    child.expect_exact("frobnicate\r\n\r\nUnknown command 'frobnicate'.\r\n\r\nesa14.example.com> ")
    child.sendline("exit")
    child.expect_exact("exit\r\n")
    child.expect(pexpect.EOF)

    child = shell(lab, ESA16, "esa16.example.com> ")
    assert "AsyncOS 16.0.3 for Cisco C100V build 025\r\n" in child.before
    for answer in NEW_UP_TO_FQDN:
        child.sendline(answer)
    child.expect_exact("Enter Common Name:\r\n> mail.example.com\r\n\r\n"
                       "Do you want to check if Common Name or SAN:dNSName or both are in Fully\r\n"
                       "Qualified Domain Name(FQDN) format ? [N]> ")
    child.sendintr()
    child.expect_exact("esa16.example.com> ")
    child.sendline("frobnicate")
    child.expect_exact("Unknown command or missing feature key: frobnicate\r\n")
    child.sendline("exit")
    child.expect_exact("exit\r\n")
    child.expect(pexpect.EOF)


@pytest.mark.parametrize("address, version, offered, refused", [
    (ESA14, "14.1.0-227", "password", "keyboard-interactive"),
    (ESA16, "16.0.3-025", "keyboard-interactive", "password")])
def test_login_method_knob(lab, address, version, offered, refused):
    lab.host = address
    ok = lab.run("version", options=("-o", f"PreferredAuthentications={offered}"))
    assert ok.returncode == 0, ok.stderr
    assert f"\nVersion: {version}\n".encode() in ok.stdout.replace(b"\r\n", b"\n")
    denied = lab.run("version", options=("-o", f"PreferredAuthentications={refused}"))
    assert denied.returncode == 255
    assert b"Permission denied" in denied.stderr and refused.encode() not in denied.stderr
