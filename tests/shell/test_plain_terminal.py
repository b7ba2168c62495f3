"""The plain (pty) terminal byte by byte: feed the client's bytes, assert the exact bytes sent."""
from __future__ import annotations

import asyncio

import pytest

from asyncos_shell.engine import registry
from asyncos_shell.engine.cli import CliSession
from asyncos_shell.terminal.paged import KeyDecoder
from asyncos_shell.terminal.plain import PlainTerminal
from harness import after_banner, make_appliance

MORE = b"-Press Any Key For More-"
ERASE = b"\r" + b" " * 25 + b"\r"


class FakeSession:
    """What the terminal needs from a CliSession."""

    def __init__(self, command: str = ""):
        self.current_command = command
        self.touched = 0
        self.interrupts = 0
        self.running = False

    def touch(self) -> None:
        self.touched += 1

    def interrupt(self) -> bool:
        self.interrupts += 1
        return self.running


class Wire:
    def __init__(self, rows: int = 24, cols: int = 80, session: FakeSession | None = None):
        self.sent: list[bytes] = []
        self.terminal = PlainTerminal(self.sent.append, rows=rows, cols=cols)
        self.terminal.session = session or FakeSession()

    @property
    def output(self) -> bytes:
        return b"".join(self.sent)


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, 5))


async def read_after(wire: Wire, data: bytes, prompt: str = "p> ", **kwargs) -> str:
    """Feed ``data`` while read_line waits; return the line once its echo was sent."""
    task = asyncio.ensure_future(wire.terminal.read_line(prompt, **kwargs))
    await asyncio.sleep(0)
    wire.terminal.feed(data)
    line = await task
    await wire.terminal.drain()
    return line


@pytest.mark.parametrize("enter", [b"\r", b"\n", b"\r\n", b"\r\0"])
def test_echo_then_crlf_for_every_enter(enter):
    wire = Wire()

    assert run(read_after(wire, b"status" + enter)) == "status"
    assert wire.output == b"p> status\r\n"


def test_crlf_split_between_reads_is_one_enter():
    wire = Wire()

    async def main():
        first = await read_after(wire, b"a\r")
        second = await read_after(wire, b"\nb\r")
        return first, second
    assert run(main()) == ("a", "b")
    assert wire.output.endswith(b"p> a\r\np> b\r\n")


def test_type_ahead_is_read_in_order_after_each_prompt():
    wire = Wire()

    async def main():
        wire.terminal.feed(b"\none\ntwo\n")
        lines = [await wire.terminal.read_line("p> ") for _ in range(3)]
        await wire.terminal.drain()
        return lines
    assert run(main()) == ["", "one", "two"]
    assert wire.output == b"p> \r\np> one\r\np> two\r\n"


def test_hidden_input_is_not_echoed():
    wire = Wire()
    assert run(read_after(wire, b"ironport\x7fX\r", "Password: ", hidden=True)) == "ironporX"
    assert wire.output == b"Password: \r\n"


def test_backspace_and_ctrl_u():
    wire = Wire()
    assert run(read_after(wire, b"abx\x7fc\r")) == "abc"
    assert wire.output == b"p> abx\b \bc\r\n"
    wire = Wire()
    assert run(read_after(wire, b"abc\x15x\r")) == "x"
    assert wire.output == b"p> abc\b\b\b   \b\b\bx\r\n"


def test_backspace_on_empty_line_sends_nothing():
    wire = Wire()
    assert run(read_after(wire, b"\x7f\x7fa\r")) == "a"
    assert wire.output == b"p> a\r\n"


def test_arrows_edit_in_the_middle_without_escape_sequences():
    wire = Wire()
    assert run(read_after(wire, b"ac\x1b[Db\x1b[C!\r")) == "abc!"
    assert wire.output == b"p> ac\bbc\bc!\r\n"
    assert b"\x1b" not in wire.output


def test_escape_sequence_split_between_reads():
    decoder = KeyDecoder()
    assert decoder.feed(b"a\x1b") == ["a"]
    assert decoder.feed(b"[") == []
    assert decoder.feed(b"Db") == ["\x1b[D", "b"]


def test_history_up_and_down_at_the_main_prompt():
    wire = Wire()

    async def main():
        await read_after(wire, b"status\r")
        await read_after(wire, b"version\r")
        del wire.sent[:]
        return await read_after(wire, b"x\x1b[A\x1b[A\x1b[B\r")
    assert run(main()) == "version"
    assert wire.output == (b"p> x\bversion\b\b\b\b\b\b\bstatus \b\b\b\b\b\b\bversion\r\n")


def test_history_is_only_for_main_prompt_commands():
    wire = Wire(session=FakeSession(command="sethostname"))

    async def main():
        await read_after(wire, b"mail.example.com\r")
        return await read_after(wire, b"\x1b[A\r")
    assert run(main()) == ""


def test_tab_completes_a_command_name_at_the_main_prompt():
    registry.load_all()
    wire = Wire()
    assert run(read_after(wire, b"sethost\tmail.example.com\r")) == "sethostname mail.example.com"
    assert wire.output == b"p> sethostname mail.example.com\r\n"


def test_tab_lists_ambiguous_commands():
    registry.load_all()
    wire = Wire()
    listing = "  ".join(sorted(w for w in registry.COMMANDS if w.startswith("commit"))).encode()
    assert b"commitdetail" in listing
    assert run(read_after(wire, b"comm\t\t\r")) == "commit"
    assert wire.output == b"p> commit\r\n" + listing + b"\r\np> commit\r\n"


def test_tab_completes_the_questions_choices_case_insensitively():
    wire = Wire(session=FakeSession(command="certconfig"))
    line = run(read_after(wire, b"cer\t\r", "[]> ", completions=["CERTIFICATE", "CRL"]))
    assert line == "CERTIFICATE"
    assert wire.output == b"[]> cer\b\b\bCERTIFICATE\r\n"


def test_ctrl_c_at_the_prompt_drops_the_line():
    wire = Wire()
    assert run(read_after(wire, b"junk\x03ok\r")) == "ok"
    assert wire.output == b"p> junk^C\r\np> ok\r\n"
    assert wire.terminal.session.interrupts == 1


def test_ctrl_d_on_an_empty_line_ends_input():
    wire = Wire()
    with pytest.raises(EOFError):
        run(read_after(wire, b"\x04"))
    wire = Wire()
    assert run(read_after(wire, b"a\x04b\r")) == "ab"


def test_end_of_input_raises_for_every_later_read():
    wire = Wire()

    async def main():
        wire.terminal.feed(b"last\n")
        wire.terminal.end_input()
        assert await wire.terminal.read_line("p> ") == "last"
        for _ in range(2):
            with pytest.raises(EOFError):
                await wire.terminal.read_line("p> ")
    run(main())


def test_every_input_touches_the_session():
    wire = Wire()
    run(read_after(wire, b"a\r"))
    assert wire.terminal.session.touched == 1


def test_echo_output_and_next_prompt_leave_in_one_write():
    wire = Wire()

    async def main():
        task = asyncio.ensure_future(wire.terminal.read_line("p> "))
        await asyncio.sleep(0)
        before = len(wire.sent)
        wire.terminal.feed(b"status\r")
        await task
        wire.terminal.write("\nStatus: Online\n\n")
        await asyncio.ensure_future(read_after(wire, b"x\r"))
        return before
    before = run(main())
    assert wire.sent[before] == b"status\r\n\r\nStatus: Online\r\n\r\np> "


def test_pager_stops_after_rows_minus_one_lines_and_continues_on_any_key():
    wire = Wire(rows=5)
    lines = "".join(f"line {n}\n" for n in range(1, 11))

    async def main():
        wire.terminal.write(lines)
        reading = asyncio.ensure_future(wire.terminal.read_line("p> "))
        await asyncio.sleep(0.01)
        assert wire.output == b"line 1\r\nline 2\r\nline 3\r\nline 4\r\n" + MORE
        wire.terminal.feed(b" ")
        await asyncio.sleep(0.01)
        assert wire.output.endswith(
            MORE + ERASE + b"line 5\r\nline 6\r\nline 7\r\nline 8\r\n" + MORE)
        wire.terminal.feed(b"q")
        await asyncio.sleep(0.01)
        assert not reading.done()
        assert wire.output.endswith(ERASE + b"line 9\r\nline 10\r\np> ")
        wire.terminal.feed(b"ok\r")
        return await reading
    assert run(main()) == "ok"


def test_pager_counts_wrapped_lines_at_the_pty_width():
    wire = Wire(rows=4, cols=10)

    async def main():
        wire.terminal.write("x" * 25 + "\nend\n")
        await asyncio.sleep(0.01)
    run(main())
    assert wire.output == b"x" * 25 + b"\r\n" + MORE


def test_a_wrapped_line_that_would_straddle_the_page_starts_the_next_one():
    wire = Wire(rows=4, cols=10)

    async def main():
        wire.terminal.write("a\nb\n" + "x" * 15 + "\nend\n")
        await asyncio.sleep(0.01)
        wire.terminal.feed(b" ")
        await asyncio.sleep(0.01)
    run(main())
    assert wire.output == b"a\r\nb\r\n" + MORE + ERASE + b"x" * 15 + b"\r\nend\r\n"


def test_output_that_fits_does_not_page():
    wire = Wire(rows=5)

    async def main():
        wire.terminal.write("1\n2\n3\n4\n")
        return await read_after(wire, b"\r")
    run(main())
    assert MORE not in wire.output


def test_ctrl_c_at_the_pager_discards_the_rest():
    session = FakeSession()
    wire = Wire(rows=3, session=session)

    async def main():
        wire.terminal.write("a\nb\nc\nd\n")
        await asyncio.sleep(0.01)
        wire.terminal.feed(b"\x03")
        await wire.terminal.drain()
    run(main())
    assert wire.output == b"a\r\nb\r\n" + MORE + ERASE
    assert session.interrupts == 1


def test_end_of_input_at_the_pager_shows_the_rest():
    wire = Wire(rows=3)

    async def main():
        wire.terminal.write("a\nb\nc\nd\n")
        wire.terminal.end_input()
        await wire.terminal.drain()
    run(main())
    assert wire.output == b"a\r\nb\r\n" + MORE + ERASE + b"c\r\nd\r\n"


def test_resize_changes_the_page():
    wire = Wire(rows=24)
    wire.terminal.resize(3, 80)

    async def main():
        wire.terminal.write("a\nb\nc\n")
        await asyncio.sleep(0.01)
    run(main())
    assert wire.output == b"a\r\nb\r\n" + MORE


# -- a real CliSession on the plain terminal ------------------------------------------------------

def shell(tmp_path, chunks: list[bytes], rows: int = 24) -> str:
    appliance = make_appliance(tmp_path)
    sent: list[bytes] = []
    terminal = PlainTerminal(sent.append, rows=rows)
    user = appliance.view().users.users["admin"]
    cli = CliSession(appliance, user, terminal)
    terminal.session = cli

    async def main():
        session = asyncio.ensure_future(cli.run_shell())
        for chunk in chunks:
            await asyncio.sleep(0.02)
            terminal.feed(chunk)
        await asyncio.sleep(0.02)
        terminal.end_input()
        await asyncio.wait_for(session, 5)
    asyncio.run(main())
    output = b"".join(sent)
    assert b"\x1b" not in output
    return output.decode()


def test_wizard_re_ask_then_ctrl_c_back_to_the_prompt(tmp_path):
    text = after_banner(shell(tmp_path, [b"sethostname\r", b"bad\r", b"\x03", b"\r"]))
    assert text == ("ironport.example.com> sethostname\r\n[ironport.example.com]> bad\r\n"
                    "A hostname must have at least 2 labels separated by a period.\r\n"
                    "[ironport.example.com]> ^C\r\n\r\nironport.example.com> \r\n"
                    "ironport.example.com> ")


def test_unknown_command(tmp_path):
    text = after_banner(shell(tmp_path, [b"foo\r"]))
    assert text == ("ironport.example.com> foo\r\n\r\n"
                    "Unknown command or missing feature key: foo\r\n\r\nironport.example.com> ")
