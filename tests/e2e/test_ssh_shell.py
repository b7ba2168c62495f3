"""The interactive shell through OpenSSH under pexpect: exact transcripts (clients.md §3.2)."""
from __future__ import annotations

import io
import re

import pexpect

from .conftest import launch

PROMPT = "ironport.example.com> "
# At the 80 columns of pexpect's default pty the NOTE takes three lines (cli.md §1.2).
BANNER = ("AsyncOS 16.0.3 for Cisco C100V build 025\r\n\r\n"
          "Welcome to the Cisco C100V Email Security Virtual Appliance\r\n\r\n"
          "NOTE: This session will expire if left idle for 30 minutes. Any uncommitted\r\n"
          "configuration changes will be lost. Commit the configuration changes as soon as\r\n"
          "they are made.\r\n\r\n")


def login(server, **kwargs) -> tuple[pexpect.spawn, io.StringIO]:
    child = server.ssh(**kwargs)
    seen = io.StringIO()
    child.logfile_read = seen
    child.expect_exact(PROMPT)
    return child, seen


def typed(child: pexpect.spawn, line: str, until: str = PROMPT) -> str:
    """Send ``line`` + Enter; return everything up to ``until`` (the echo included)."""
    child.sendline(line)
    child.expect_exact(until)
    return child.before


def close(child: pexpect.spawn, seen: io.StringIO) -> None:
    assert typed(child, "exit", pexpect.EOF) == "exit\r\n"
    child.close()
    assert child.exitstatus == 0
    assert "\x1b" not in seen.getvalue()


def test_banner_then_prompt_and_last_login_on_the_next_visit(appliance_server):
    child, seen = login(appliance_server)
    # The first CR LF is the client's own pty ending the password line.
    assert child.before == "\r\n" + BANNER
    close(child, seen)

    child, seen = login(appliance_server)
    assert re.fullmatch(r"\r\nLast login: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4} "
                        r"from 127\.0\.0\.1\r\r\n" + re.escape(BANNER), child.before)
    close(child, seen)


def test_echo_bare_enter_unknown_command_and_exit(appliance_server):
    child, seen = login(appliance_server)
    assert typed(child, "") == "\r\n"
    assert typed(child, "") == "\r\n"
    assert typed(child, "foo") == "foo\r\n\r\nUnknown command or missing feature key: foo\r\n\r\n"
    close(child, seen)


def test_wizard_re_asks_after_an_invalid_answer_then_commit(appliance_server):
    child, seen = login(appliance_server)
    question = "[ironport.example.com]> "
    assert typed(child, "sethostname", question) == "sethostname\r\n"
    assert typed(child, "bad", question) == (
        "bad\r\nA hostname must have at least 2 labels separated by a period.\r\n")
    assert typed(child, "mail7.example.com") == "mail7.example.com\r\n\r\n"
    assert typed(child, "commit", "[]> ") == (
        "commit\r\n\r\nPlease enter some comments describing your changes:\r\n")
    assert typed(child, "e2e", "[Y]> ") == (
        "e2e\r\n\r\nDo you want to save the current configuration for rollback? ")
    child.sendline("")
    child.expect_exact("mail7.example.com> ")
    assert re.fullmatch(r"\r\n\r\nChanges committed: [^\r\n]+\r\n\r\n", child.before)
    typed(child, "exit", pexpect.EOF)
    assert "\x1b" not in seen.getvalue()


def test_ctrl_c_aborts_a_wizard_and_clears_a_typed_line(appliance_server):
    child, seen = login(appliance_server)
    typed(child, "sethostname", "]> ")
    child.send("\x03")
    child.expect_exact(PROMPT)
    assert child.before == "^C\r\n\r\n"
    child.send("junk")
    child.send("\x03")
    child.expect_exact(PROMPT)
    assert child.before == "junk^C\r\n"
    # Ctrl-C discarded the pending change: nothing to commit.
    assert typed(child, "commit") == "commit\r\n\r\nThere is no data to commit.\r\n\r\n"
    close(child, seen)


def test_pager_at_the_pty_height_after_a_window_change(appliance_server):
    child, seen = login(appliance_server)
    child.setwinsize(12, 80)
    child.sendline("help")
    child.expect_exact("-Press Any Key For More-")
    page = child.before
    assert page.startswith("help\r\n")
    lines = page[len("help\r\n"):].split("\r\n")
    assert lines[-1] == ""  # pages end at a line boundary
    rows = sum(max(1, -(-len(line) // 80)) for line in lines[:-1])
    assert 9 <= rows <= 11  # rows - 1, less a wrapped line that would not have fitted
    child.send(" ")
    child.expect_exact("\r" + " " * 25 + "\r")
    assert child.before == ""
    while child.expect_exact(["-Press Any Key For More-", PROMPT]) == 0:
        child.send("x")
    close(child, seen)


def test_tab_completion_and_history(appliance_server):
    child, seen = login(appliance_server)
    child.send("sethostn\t")
    child.expect_exact("sethostname ")
    child.send("\x15")
    child.send("fo\r")
    child.expect_exact(PROMPT)
    child.send("\x1b[A")
    child.expect_exact("fo")
    child.send("o\r")
    child.expect_exact(PROMPT)
    assert child.before == "o\r\n\r\nUnknown command or missing feature key: foo\r\n\r\n"
    close(child, seen)


def test_ssh_t_runs_a_script_without_echo(appliance_server):
    result = appliance_server.run(None, b"\n\nfoo\nsethostname\nbad\nmail.example.com\n")
    assert result.returncode == 0
    text = result.stdout.decode()
    assert text.startswith("AsyncOS 16.0.3 for Cisco C100V build 025\r\n")
    assert text.endswith(
        f"{PROMPT}{PROMPT}{PROMPT}\r\nUnknown command or missing feature key: foo\r\n\r\n"
        f"{PROMPT}[ironport.example.com]> "
        "A hostname must have at least 2 labels separated by a period.\r\n"
        f"[ironport.example.com]> \r\n{PROMPT}")


def test_rich_ui_scenario_serves_prompt_toolkit_with_the_exact_prompt(tmp_path):
    lab = tmp_path / "lab.toml"
    lab.write_text('[[appliance]]\nhostname = "esa1.example.com"\naddress = "127.0.0.1"\n\n'
                   '[scenario]\nrich_ui = true\n')
    with launch(tmp_path / "state", arguments=["--lab", str(lab)]) as server:
        child = server.ssh()
        child.expect_exact("esa1.example.com> ")
        child.sendline("sethostname")
        child.expect_exact("[esa1.example.com]> ")
        child.send("\x03")
        child.expect_exact("esa1.example.com> ")
        child.sendline("exit")
        child.expect(pexpect.EOF)
        assert "\x1b[6n" not in child.before  # never a cursor position request


def test_sigterm_with_open_sessions_ends_them_and_exits_zero(tmp_path):
    with launch(tmp_path / "state") as server:
        at_prompt, in_wizard, paging = server.ssh(), server.ssh(), server.ssh(dimensions=(12, 80))
        for child in (at_prompt, in_wizard, paging):
            child.expect_exact(PROMPT)
        in_wizard.sendline("sethostname")
        in_wizard.expect_exact("]> ")
        paging.sendline("help")
        paging.expect_exact("-Press Any Key For More-")
        server.process.terminate()
        for child in (at_prompt, in_wizard, paging):
            child.expect(pexpect.EOF)
        server.process.wait(timeout=10)
    # launch() asserts the exit status 0
