"""A terminal without a pty: exec input, ``ssh -T host < script``, in-process tests.

Input arrives as bytes and is cut into lines (``\\r``, ``\\n`` and ``\\r\\n`` each end one line);
nothing is echoed unless ``echo`` is set (tests use it to get pty-like transcripts); output is
never paged.  A line longer than ``MAX_LINE`` bytes is never kept: its first bytes are dropped
as they come, and the read that would have returned it reports ``terminal.line_too_long``
and reads the next line instead.
"""
from __future__ import annotations

import asyncio
from typing import Callable, Sequence

from .. import strings
from . import terminal_strings  # noqa: F401  (registers the strings)
from .base import MAX_LINE

_EOF = object()
_TOO_LONG = object()  # where a line that exceeded MAX_LINE was


class LineTerminal:
    interactive = False

    def __init__(self, write: Callable[[bytes], None], *, echo: bool = False):
        self._write = write
        self._echo = echo
        self._lines: asyncio.Queue = asyncio.Queue()
        self._queued = 0  # bytes in _lines
        self._partial = bytearray()
        self._dropping = False  # the current line is too long: skip to its end
        self._after_cr = False
        self._ended = False

    # -- input side (called by the transport) --------------------------------------------------
    def feed(self, data: bytes) -> None:
        if self._after_cr and data[:1] == b"\n":
            data = data[1:]
        self._after_cr = False
        start = 0
        while start < len(data):
            cr, lf = data.find(b"\r", start), data.find(b"\n", start)
            end = min(e for e in (cr, lf) if e >= 0) if cr >= 0 or lf >= 0 else -1
            if end < 0:
                self._add(data[start:])
                return
            self._add(data[start:end])
            self._end_line()
            start = end + 1
            if data[end:end + 1] == b"\r":
                if start == len(data):
                    self._after_cr = True
                elif data[start:start + 1] == b"\n":
                    start += 1

    def _add(self, piece: bytes) -> None:
        if self._dropping:
            return
        if len(self._partial) + len(piece) > MAX_LINE:
            self._partial.clear()
            self._dropping = True
            return
        self._partial.extend(piece)

    def _end_line(self) -> None:
        if self._dropping:
            self._dropping = False
            self._lines.put_nowait(_TOO_LONG)
            return
        self._queued += len(self._partial)
        self._lines.put_nowait((self._partial.decode("utf-8", "replace"), len(self._partial)))
        self._partial.clear()

    def end_input(self) -> None:
        if not self._ended:
            self._ended = True
            if self._partial or self._dropping:
                self._end_line()
            self._lines.put_nowait(_EOF)

    def backlog(self) -> int:
        return self._queued + len(self._partial)

    # -- Terminal protocol ---------------------------------------------------------------------
    def write(self, text: str) -> None:
        self._write(text.replace("\n", "\r\n").encode("utf-8"))

    async def read_line(self, prompt: str, *, hidden: bool = False,
                        completions: Sequence[str] = ()) -> str:
        while True:
            if prompt:
                self.write(prompt)
            item = await self._lines.get()
            if item is _EOF:
                self._lines.put_nowait(_EOF)
                raise EOFError()
            if item is _TOO_LONG:
                self.write(strings.text("terminal.line_too_long", limit=MAX_LINE) + "\n")
                continue
            line, size = item
            self._queued -= size
            break
        if self._echo:
            self.write(("" if hidden else line) + "\n")
        return line

    async def read_key(self) -> str:
        line = await self.read_line("")
        return line[:1] or "\r"

    async def drain(self) -> None:
        return None
