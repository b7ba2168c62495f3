"""The rich (prompt_toolkit) terminal in process: a real CliSession fed keystrokes."""
from __future__ import annotations

import asyncio

from asyncos_shell.engine.cli import CliSession
from asyncos_shell.terminal.rich import RichTerminal
from harness import make_appliance

PROMPT = b"ironport.example.com> "


def session(tmp_path, chunks: list[bytes], rows: int = 24, until: bytes = b"") -> bytes:
    """Feed ``chunks`` one by one, wait for ``until`` to be shown, then end the input."""
    appliance = make_appliance(tmp_path)
    sent: list[bytes] = []
    terminal = RichTerminal(sent.append, rows=rows, cols=80)
    user = appliance.view().users.users["admin"]
    cli = CliSession(appliance, user, terminal)
    terminal.session = cli

    async def main():
        shell = asyncio.ensure_future(cli.run_shell())
        for chunk in chunks:
            await asyncio.sleep(0.05)
            terminal.feed(chunk)
        for _ in range(100):
            await asyncio.sleep(0.05)
            if until in b"".join(sent):
                break
        terminal.end_input()
        await asyncio.wait_for(shell, 5)
        terminal.close()
    asyncio.run(main())
    return b"".join(sent)


def test_exact_prompt_text_and_no_cursor_position_request(tmp_path):
    output = session(tmp_path, [b"foo\r"])
    assert output.count(PROMPT) >= 2
    assert b"\r\nUnknown command or missing feature key: foo\r\n" in output
    assert b"\x1b[6n" not in output


def test_ctrl_c_aborts_a_wizard(tmp_path):
    appliance_output = session(tmp_path, [b"sethostname\r", b"\x03", b"commit\r"])
    assert b"[ironport.example.com]> " in appliance_output
    assert b"There is no data to commit." in appliance_output


def test_tab_completes_a_command(tmp_path):
    # Tab in a read of its own: prompt_toolkit computes completions in the background.
    output = session(tmp_path, [b"sethostn", b"\t", b"\r", b"mail.example.com\r", b"commit\r",
                                b"\r", b"\r"], until=b"mail.example.com> ")
    assert b"mail.example.com> " in output


def test_pager_between_prompts(tmp_path):
    output = session(tmp_path, [b"help\r", b" ", b" ", b" "], rows=8)
    assert b"-Press Any Key For More-\r" + b" " * 25 + b"\r" in output
