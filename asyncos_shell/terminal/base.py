"""What the command engine needs from a terminal.  Three kinds implement it: the plain
byte-exact VT100 line editor (SSH default), prompt_toolkit (rich UI) and batch (exec)."""
from __future__ import annotations

from typing import Protocol, Sequence

#: The longest input line any terminal accepts, in characters (bytes without a pty).  The
#: longest legitimate answers -- a pasted OpenSSH key of a 16384-bit RSA key (about 2,800
#: characters), a commit comment, a command line with batch arguments -- fit with room to spare;
#: a longer line is dropped with ``terminal.line_too_long`` so no line costs the shared event
#: loop more than a bounded amount of work.
MAX_LINE = 8192


class Terminal(Protocol):
    #: A person or an expect script at a pty: questions are shown, output may page.
    interactive: bool

    def write(self, text: str) -> None:
        """Queue output; ``\\n`` becomes CR LF on the wire.  Never blocks."""

    async def read_line(self, prompt: str, *, hidden: bool = False,
                        completions: Sequence[str] = ()) -> str:
        """Write ``prompt`` (after any queued output has been shown) and return one line.

        ``hidden`` input is not echoed.  Raises ``EOFError`` when the input has ended.
        """

    async def read_key(self) -> str:
        """One keystroke (used by ``tail`` and the like).  Raises ``EOFError`` at end of input."""

    def end_input(self) -> None:
        """No more input will come: a pending or later ``read_line`` raises ``EOFError``."""

    async def drain(self) -> None:
        """Wait until everything written has been shown (the pager may hold output back)."""

    def backlog(self) -> int:
        """How much input is queued and not yet read (keys, or bytes without a pty): the
        transport stops taking more from the client while this is large."""
