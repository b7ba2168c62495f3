"""A terminal without a pty: exec input, ``ssh -T host < script``, in-process tests.

Input arrives as bytes and is cut into lines (``\\r``, ``\\n`` and ``\\r\\n`` each end one line);
nothing is echoed unless ``echo`` is set (tests use it to get pty-like transcripts); output is
never paged.  Questions wrap at the 80 columns real sessions without a pty show (``wrap.py``);
in-process transcripts pass ``columns=0`` to read the logical lines.
"""
from __future__ import annotations

import asyncio
from typing import Callable, Sequence

from .wrap import DEFAULT_COLUMNS

_EOF = object()


class LineTerminal:
    interactive = False

    def __init__(self, write: Callable[[bytes], None], *, echo: bool = False,
                 columns: int = DEFAULT_COLUMNS):
        self._write = write
        self.columns = columns
        self._echo = echo
        self._lines: asyncio.Queue = asyncio.Queue()
        self._partial = bytearray()
        self._after_cr = False
        self._ended = False

    # -- input side (called by the transport) --------------------------------------------------
    def feed(self, data: bytes) -> None:
        for byte in data:
            if byte == 0x0A and self._after_cr:
                self._after_cr = False
                continue
            self._after_cr = byte == 0x0D
            if byte in (0x0A, 0x0D):
                self._lines.put_nowait(self._partial.decode("utf-8", "replace"))
                self._partial.clear()
            else:
                self._partial.append(byte)

    def end_input(self) -> None:
        if not self._ended:
            self._ended = True
            if self._partial:
                self._lines.put_nowait(self._partial.decode("utf-8", "replace"))
                self._partial.clear()
            self._lines.put_nowait(_EOF)

    # -- Terminal protocol ---------------------------------------------------------------------
    def write(self, text: str) -> None:
        self._write(text.replace("\n", "\r\n").encode("utf-8"))

    async def read_line(self, prompt: str, *, hidden: bool = False,
                        completions: Sequence[str] = ()) -> str:
        if prompt:
            self.write(prompt)
        line = await self._lines.get()
        if line is _EOF:
            self._lines.put_nowait(_EOF)
            raise EOFError()
        if self._echo:
            self.write(("" if hidden else line) + "\n")
        return line

    async def read_key(self) -> str:
        line = await self.read_line("")
        return line[:1] or "\r"

    async def drain(self) -> None:
        return None
