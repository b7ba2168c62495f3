"""What the two terminals of a person or an expect script at a pty share (plain and rich): keys
decoded from the client's bytes, the AsyncOS pager in front of command output, Ctrl-C to the
running command, and no read until the pager has shown everything it held back.

Subclasses say how text reaches the client: ``_emit`` (the plain terminal queues it for one
write, the rich one sends it at once) and ``_flush``.
"""
from __future__ import annotations

import asyncio
import codecs
from typing import TYPE_CHECKING, Callable, Optional, Sequence

from .. import strings
from ..engine import registry
from . import terminal_strings  # noqa: F401  (registers the strings)
from .pager import ERASE, Pager

if TYPE_CHECKING:
    from ..engine.cli import CliSession

ENTER, CTRL_C, CTRL_D = "\r", "\x03", "\x04"


class KeyDecoder:
    """Bytes from the client -> keys: characters, control characters, whole escape sequences.

    ``\\r``, ``\\n`` and ``\\r\\n`` (also ``\\r\\0``) are each one Enter, even when split between
    two reads.
    """

    def __init__(self) -> None:
        self._utf8 = codecs.getincrementaldecoder("utf-8")("replace")
        self._partial = ""
        self._after_cr = False

    def feed(self, data: bytes) -> list[str]:
        text = self._partial + self._utf8.decode(data)
        self._partial = ""
        keys, index = [], 0
        while index < len(text):
            char = text[index]
            if char == "\x1b":
                end = _escape_end(text, index)
                if end is None:  # the rest of the sequence is in the next read
                    self._partial = text[index:]
                    break
                keys.append(text[index:end])
                self._after_cr = False
                index = end
                continue
            index += 1
            if char in "\n\0" and self._after_cr:
                self._after_cr = False
                continue
            self._after_cr = char == "\r"
            keys.append(ENTER if char in "\r\n" else char)
        return keys


# No terminal sends a longer escape sequence; a longer one is garbage and ends there, so an
# unterminated ``ESC [`` cannot make every later read rescan what came before.
MAX_ESCAPE = 32


def _escape_end(text: str, start: int) -> Optional[int]:
    if start + 1 >= len(text):
        return None
    kind = text[start + 1]
    if kind == "[":
        limit = start + MAX_ESCAPE
        for index in range(start + 2, min(len(text), limit)):
            if "\x40" <= text[index] <= "\x7e":
                return index + 1
        return limit if len(text) >= limit else None
    if kind == "O":
        return start + 3 if start + 2 < len(text) else None
    return start + 2


class PagedTerminal:
    """The shared half of ``PlainTerminal`` and ``RichTerminal``.

    The transport calls ``feed`` with the client's bytes, ``end_input`` at end of input and
    ``resize`` on window-change; ``session`` (set once the CliSession exists) is told about
    every input (idle expiry) and about Ctrl-C.
    """

    interactive = True

    def __init__(self, send: Callable[[bytes], None], *, rows: int, cols: int, term: str):
        self._send = send
        self.term = term
        self.session: Optional["CliSession"] = None
        self.pager = Pager(rows, cols)
        self._decoder = KeyDecoder()
        self._released: Optional[asyncio.Event] = None  # set when the pager has shown all
        self._ended = False

    # -- Terminal protocol ----------------------------------------------------------------------
    def write(self, text: str) -> None:
        if not text:
            return
        was_paused = self.pager.paused
        shown = self.pager.page(text)
        if shown:
            self._emit(shown)
        if self.pager.paused and not was_paused:
            self._emit(strings.text("pager.more"))
            self._flush()

    # -- for the subclasses ---------------------------------------------------------------------
    def _emit(self, text: str) -> None:
        raise NotImplementedError

    def _flush(self) -> None:
        """Send what ``_emit`` holds back (nothing, unless a subclass queues)."""

    def _decode(self, data: bytes) -> list[str]:
        """The client's bytes as keys; any input keeps the session from idling out."""
        if self.session is not None:
            self.session.touch()
        return self._decoder.feed(data)

    def _at_main_prompt(self) -> bool:
        return self.session is not None and not self.session.current_command

    async def _before_read(self, completions: Sequence[str]) -> tuple[bool, Sequence[str]]:
        """Wait for held output; then whether this read is the main prompt, and what Tab
        completes (command names at the main prompt unless the caller says otherwise)."""
        await self._all_shown()
        at_main_prompt = self._at_main_prompt()
        if at_main_prompt and not completions:
            completions = self._command_words()
        return at_main_prompt, completions

    @staticmethod
    def _command_words() -> list[str]:
        """What Tab completes at the main prompt."""
        return sorted(word for word, entry in registry.COMMANDS.items() if not entry.hidden)

    def _show(self, text: str) -> None:
        """Output that never pages: echo, prompts."""
        self.pager.advance(text)
        self._emit(text)

    def _pager_key(self, key: str) -> None:
        """A key while ``-Press Any Key For More-`` shows: Ctrl-C drops the held output and
        aborts the command, any other key shows the next page."""
        if key == CTRL_C:
            self.pager.held = ""
            self._emit(ERASE)
            self._interrupt_command()
        else:
            self._emit(ERASE + self.pager.resume())
            if self.pager.paused:
                self._emit(strings.text("pager.more"))
        if not self.pager.paused:
            self._release()

    def _release(self) -> None:
        if self._released is not None:
            self._released.set()

    async def _all_shown(self) -> None:
        """Wait until the pager has shown everything held back."""
        while self.pager.paused:
            if self._released is None:
                self._released = asyncio.Event()
            self._released.clear()
            self._flush()
            await self._released.wait()

    def _interrupt_command(self) -> bool:
        return self.session.interrupt() if self.session is not None else False

    def _interrupt_running_command(self) -> None:
        """Ctrl-C while a command runs without reading: abort it (nothing at the main prompt)."""
        if self._interrupt_command():
            self._show(strings.text("terminal.interrupt") + "\n")
