"""The plain terminal: a byte-exact line editor for an SSH shell with a pty (the default).

What expect scripts, netmiko and paramiko see (clients.md §3.2): typed characters echoed as
themselves (hidden input not at all), CR LF line ends, the prompt as the last bytes written,
type-ahead kept in order until the next question reads it, and the AsyncOS pager.  Editing uses
nothing but backspace, space and reprinted characters -- never an escape sequence -- so a
transcript is clean text whatever the client does.

Keys: Enter (``\\r``, ``\\n`` or ``\\r\\n``), Backspace, Delete, Ctrl-U, Ctrl-W, Ctrl-A/E, left and
right arrows, up/down (history of main-prompt commands), Tab (command names at the main prompt,
the question's choices elsewhere), Ctrl-C (abort the running command; at the prompt drop the
line), Ctrl-D on an empty line (end of input).

Output is collected and sent in one write when the session next waits for input, so the echo
of Enter, a command's output and the next prompt leave in one packet (ssh.md fact 2).
"""
from __future__ import annotations

import asyncio
from collections import deque
from typing import Callable, Optional, Sequence

from .. import strings
from .base import MAX_LINE
from .paged import CTRL_C, CTRL_D, ENTER, PagedTerminal
from .pager import ERASE

_EOF = "<eof>"  # a key that cannot be typed: the end of input
# Output not followed by a read is sent after this long (a command still running).
FLUSH_DELAY = 0.005

_LEFT = {"\x1b[D", "\x1bOD", "\x02"}
_RIGHT = {"\x1b[C", "\x1bOC", "\x06"}
_UP = {"\x1b[A", "\x1bOA", "\x10"}
_DOWN = {"\x1b[B", "\x1bOB", "\x0e"}
_HOME = {"\x1b[H", "\x1bOH", "\x1b[1~", "\x1b[7~", "\x01"}
_END = {"\x1b[F", "\x1bOF", "\x1b[4~", "\x1b[8~", "\x05"}
_DELETE = {"\x1b[3~"}
_BACKSPACE = {"\x7f", "\x08"}


class _LineEditor:
    """One ``read_line``: the line being typed, its cursor and what the keys do to the screen."""

    def __init__(self, terminal: "PlainTerminal", prompt: str, hidden: bool,
                 candidates: Sequence[str], *, commands: bool, history: list[str]):
        self.terminal, self.prompt, self.hidden = terminal, prompt, hidden
        self.candidates, self.commands = candidates, commands
        self.history, self.history_index = history, len(history)
        self.line, self.cursor = "", 0
        self.discarding = False  # the line grew past MAX_LINE: ignore keys up to Enter
        self.future: asyncio.Future = asyncio.get_event_loop().create_future()

    def show(self, text: str) -> None:
        if not self.hidden:
            self.terminal._show(text)

    def key(self, key: str) -> None:
        if key == _EOF:
            self.future.set_exception(EOFError())
        elif self.discarding:
            if key == ENTER:  # the end of the discarded line: ask again
                self.discarding = False
                self.terminal._show(self.prompt)
        elif key == ENTER:
            self.terminal._show("\n")
            self.future.set_result(self.line)
        elif key == CTRL_C:
            self.interrupt()
        elif key == CTRL_D:
            if not self.line:
                self.terminal._show("\n")
                self.future.set_exception(EOFError())
        elif key in _BACKSPACE:
            if self.cursor:
                before, after = self.line[:self.cursor - 1], self.line[self.cursor:]
                self.set_line(before + after, self.cursor - 1)
        elif key in _DELETE:
            if self.cursor < len(self.line):
                self.set_line(self.line[:self.cursor] + self.line[self.cursor + 1:], self.cursor)
        elif key == "\x15":  # Ctrl-U: delete to the start of the line
            self.set_line(self.line[self.cursor:], 0)
        elif key == "\x17":  # Ctrl-W: delete the word before the cursor
            start = len(self.line[:self.cursor].rstrip(" ").rpartition(" ")[0])
            start = start + 1 if start else 0
            self.set_line(self.line[:start] + self.line[self.cursor:], start)
        elif key in _LEFT:
            if self.cursor:
                self.move(self.cursor - 1)
        elif key in _RIGHT:
            if self.cursor < len(self.line):
                self.move(self.cursor + 1)
        elif key in _HOME:
            self.move(0)
        elif key in _END:
            self.move(len(self.line))
        elif key in _UP or key in _DOWN:
            self.browse_history(-1 if key in _UP else 1)
        elif key == "\t":
            if not self.hidden:
                self.complete()
        elif _printable(key):
            self.type_text(key)

    def type_text(self, text: str) -> None:
        """Printable characters typed (or pasted) at the cursor: the cost is the text and the
        rest of the line reprinted after it, never a comparison of the whole line."""
        if self.discarding:
            return
        if len(self.line) + len(text) > MAX_LINE:
            self.discard()
            return
        after = self.line[self.cursor:]
        self.line = self.line[:self.cursor] + text + after
        self.cursor += len(text)
        self.show(text + after + "\b" * len(after))

    def discard(self) -> None:
        """The line is too long: say so, drop it, and ignore what follows up to Enter."""
        self.terminal._show("\n" + strings.text("terminal.line_too_long", limit=MAX_LINE) + "\n")
        self.line, self.cursor, self.history_index = "", 0, len(self.history)
        self.discarding = True

    # -- screen edits: backspaces, spaces and characters only -----------------------------------
    def move(self, cursor: int) -> None:
        if cursor < self.cursor:
            self.show("\b" * (self.cursor - cursor))
        else:
            self.show(self.line[self.cursor:cursor])
        self.cursor = cursor

    def set_line(self, line: str, cursor: int) -> None:
        """Change the line to ``line``, rewriting only from the first difference on."""
        old = self.line
        self.move(min(self.cursor, _common_length(old, line)))
        self.show(line[self.cursor:] + " " * max(0, len(old) - len(line)))
        self.line = line
        self.cursor = max(len(old), len(line))
        self.move(cursor)

    def browse_history(self, step: int) -> None:
        if not self.commands:
            return
        index = self.history_index + step
        if 0 <= index < len(self.history):
            self.history_index = index
            self.set_line(self.history[index], len(self.history[index]))
        elif index == len(self.history):
            self.history_index = index
            self.set_line("", 0)

    def complete(self) -> None:
        """Complete what is typed before the cursor: the command word at the main prompt, the
        whole answer elsewhere; list the choices when the completion is ambiguous."""
        word = self.line[:self.cursor]
        if self.commands and " " in word:
            return
        matches = sorted({c for c in self.candidates if c.lower().startswith(word.lower())})
        if not matches:
            return
        if len(matches) == 1:
            done = matches[0] + (" " if self.commands else "")
            self.set_line(done + self.line[self.cursor:], len(done))
            return
        common = _common_prefix([m.lower() for m in matches])
        if len(common) > len(word):
            done = matches[0][:len(common)]
            self.set_line(done + self.line[self.cursor:], len(done))
            return
        self.show("\n" + "  ".join(matches) + "\n" + self.prompt + self.line
                  + "\b" * (len(self.line) - self.cursor))

    def interrupt(self) -> None:
        self.terminal._show(strings.text("terminal.interrupt") + "\n")
        if not self.terminal._interrupt_command():
            # At the main prompt: drop the line and ask again.
            self.line, self.cursor, self.history_index = "", 0, len(self.history)
            self.terminal._show(self.prompt)


def _printable(key: str) -> bool:
    return len(key) == 1 and key >= " " and key != "\x7f"


def _common_length(first: str, second: str) -> int:
    """Length of the common prefix, by bisection: slices compare in C, so a long line costs
    microseconds, not a Python loop per character."""
    low, high = 0, min(len(first), len(second))
    while low < high:
        middle = (low + high + 1) // 2
        if first[low:middle] == second[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_prefix(words: list[str]) -> str:
    first, last = min(words), max(words)
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    return first[:size]


class PlainTerminal(PagedTerminal):
    """The ``Terminal`` of an interactive session with a pty."""

    def __init__(self, send: Callable[[bytes], None], *, rows: int = 24, cols: int = 80,
                 term: str = "vt100"):
        super().__init__(send, rows=rows, cols=cols, term=term)
        self._keys: deque[str] = deque()
        self._reader: Optional[_LineEditor | _KeyReader] = None  # the waiting read
        self._out: list[str] = []
        self._flush_timer: Optional[asyncio.TimerHandle] = None
        self._history: list[str] = []

    # -- the transport's side -----------------------------------------------------------------
    def feed(self, data: bytes) -> None:
        for key in self._decode(data):
            if key == CTRL_C and self._reader is None and not self.pager.paused:
                self._keys.clear()  # what was typed ahead was meant for the aborted command
                self._interrupt_running_command()
                continue
            self._keys.append(key)
        self._pump()

    def end_input(self) -> None:
        if not self._ended:
            self._ended = True
            self._keys.append(_EOF)
            self._pump()

    def resize(self, rows: int, cols: int) -> None:
        self.pager.resize(rows, cols)

    def backlog(self) -> int:
        return len(self._keys)

    # -- Terminal protocol ----------------------------------------------------------------------
    def write_unpaged(self, text: str) -> None:
        """Output that streams past the screen without stopping (``tail``); paging starts
        afresh after it."""
        self._emit(text)
        self.pager.key_pressed()

    async def read_line(self, prompt: str, *, hidden: bool = False,
                        completions: Sequence[str] = ()) -> str:
        at_main_prompt, completions = await self._before_read(completions)
        editor = _LineEditor(self, prompt, hidden, completions, commands=at_main_prompt,
                             history=self._history if at_main_prompt else [])
        self._show(prompt)
        line = await self._read(editor)
        if at_main_prompt and line.strip() and (not self._history or self._history[-1] != line):
            self._history.append(line)
        return line

    async def read_key(self) -> str:
        await self._all_shown()
        return await self._read(_KeyReader(self))

    async def drain(self) -> None:
        await self._all_shown()
        self._flush()

    # -- input ----------------------------------------------------------------------------------
    async def _read(self, reader: "_LineEditor | _KeyReader"):
        self._reader = reader
        try:
            self._pump()
            if not reader.future.done():
                self._flush()
            return await reader.future
        finally:
            if self._reader is reader:
                self._reader = None

    def _pump(self) -> None:
        """Hand queued keys to the pager or the waiting reader, in order."""
        while self._keys:
            if self.pager.paused:
                self._pager_key(self._keys.popleft())
                continue
            reader = self._reader
            if reader is None or reader.future.done():
                break
            key = self._keys[0]
            if isinstance(reader, _LineEditor) and _printable(key):
                reader.type_text(self._take_printable())
            else:
                if key != _EOF:  # the end of input stays queued for every later read
                    self._keys.popleft()
                reader.key(key)
            self.pager.key_pressed()
        if self.pager.paused or (self._reader is not None and not self._reader.future.done()):
            self._flush()

    def _take_printable(self) -> str:
        """The run of printable keys at the head of the queue (a paste), at most one more
        than a line may hold, as one text."""
        run = []
        while self._keys and len(run) <= MAX_LINE and _printable(self._keys[0]):
            run.append(self._keys.popleft())
        return "".join(run)

    def _pager_key(self, key: str) -> None:
        if key == _EOF:
            self._keys.appendleft(key)  # still there for the read that comes after the pager
            self._emit(ERASE + self.pager.release())
            self._release()
        else:
            super()._pager_key(key)

    # -- output ---------------------------------------------------------------------------------
    def _emit(self, text: str) -> None:
        if not text:
            return
        self._out.append(text)
        if self._flush_timer is None:
            self._flush_timer = asyncio.get_event_loop().call_later(FLUSH_DELAY, self._flush)

    def _flush(self) -> None:
        if self._flush_timer is not None:
            self._flush_timer.cancel()
            self._flush_timer = None
        if self._out:
            data = "".join(self._out).replace("\n", "\r\n").encode("utf-8")
            self._out.clear()
            self._send(data)


class _KeyReader:
    """One ``read_key``."""

    def __init__(self, terminal: PlainTerminal):
        self.terminal = terminal
        self.future: asyncio.Future = asyncio.get_event_loop().create_future()

    def key(self, key: str) -> None:
        if key == _EOF:
            self.future.set_exception(EOFError())
        elif key == CTRL_C:
            self.terminal._show(strings.text("terminal.interrupt") + "\n")
            self.terminal._interrupt_command()
        else:
            self.future.set_result(key)
