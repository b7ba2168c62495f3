"""The rich terminal: prompt_toolkit line editing for people (the local console, and SSH users
with ``rich_ui``).

Same ``Terminal`` contract and transport interface as the plain terminal (``feed``,
``end_input``, ``resize``, ``session``), on the shared asyncio loop -- no thread per session.
prompt_toolkit reads a pipe that ``feed`` fills and writes through a VT100 output over the
transport, with cursor-position requests off (clients.md §4.1).  The prompt text is exactly the
appliance's; what prompt_toolkit adds is a completion menu (command names at the main prompt,
the question's choices elsewhere), history with search (Ctrl-R) and editing.  Output between
prompts goes through the same AsyncOS pager as the plain terminal.
"""
from __future__ import annotations

import asyncio
import contextlib
import re
from collections import deque
from typing import Callable, Optional, Sequence

from prompt_toolkit import PromptSession
from prompt_toolkit.completion import WordCompleter
from prompt_toolkit.data_structures import Size
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.typeahead import clear_typeahead
from prompt_toolkit.output.vt100 import Vt100_Output

from .. import strings
from .base import MAX_LINE
from .paged import CTRL_C, ENTER, PagedTerminal
from .pager import ERASE

_BARE_LF = re.compile(r"(?<!\r)\n")
KEYS_PER_TURN = 32


class _Stdout:
    """The file prompt_toolkit writes to: the transport, with CR LF line ends."""

    encoding = "utf-8"

    def __init__(self, send: Callable[[bytes], None]):
        self._send = send

    def write(self, data: str) -> int:
        self._send(_BARE_LF.sub("\r\n", data).encode("utf-8"))
        return len(data)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        raise OSError("a remote terminal has no file descriptor")


class _LineTooLong(Exception):
    """Ends a prompt whose line grew past ``MAX_LINE``."""


class RichTerminal(PagedTerminal):
    def __init__(self, send: Callable[[bytes], None], *, rows: int = 24, cols: int = 80,
                 term: str = "xterm"):
        super().__init__(send, rows=rows, cols=cols, term=term)
        self._size = Size(rows=rows, columns=cols)
        self._resources = contextlib.ExitStack()
        self._input = self._resources.enter_context(create_pipe_input())
        self._output = Vt100_Output(_Stdout(send), lambda: self._size, term=term, enable_cpr=False)
        # Keys typed and not yet handed to a prompt or read_key.
        self._typeahead: deque[str] = deque()
        self._pacing: Optional[asyncio.Handle] = None
        self._prompt: Optional[PromptSession] = None  # the prompt showing now
        self._key_waiter: Optional[asyncio.Future] = None  # read_key waiting
        self._line_length = 0  # characters typed since the last Enter
        self._discarding = False  # that was more than MAX_LINE: drop keys up to Enter
        self._prompt_dropped = False  # ... and the prompt showing it is ending
        self._commands = self._new_prompt(InMemoryHistory())
        self._questions = self._new_prompt(None)

    def _new_prompt(self, history: Optional[InMemoryHistory]) -> PromptSession:
        return PromptSession(input=self._input, output=self._output, history=history,
                             enable_history_search=False, complete_while_typing=True,
                             mouse_support=False, erase_when_done=False)

    # -- the transport's side -----------------------------------------------------------------
    def feed(self, data: bytes) -> None:
        for key in self._decode(data):
            if self.pager.paused:
                self._pager_key(key)
            elif not self._within_line_limit(key):
                continue
            elif self._prompt is not None:
                self._typeahead.append(key)
                self._pace()
            elif self._key_waiter is not None and not self._key_waiter.done():
                self._key_waiter.set_result(key)
            elif key == CTRL_C:
                self._typeahead.clear()
                self._interrupt_running_command()
            else:
                self._typeahead.append(key)

    def _pace(self) -> None:
        """Hand typed keys to the prompt showing now, ``KEYS_PER_TURN`` per turn of the event
        loop: prompt_toolkit handles all the keys it finds in one go, at about a millisecond
        each, so a paste given at once would hold the loop for seconds."""
        if self._pacing is None and self._typeahead:
            self._pacing = asyncio.get_event_loop().call_soon(self._send_keys)

    def _send_keys(self) -> None:
        self._pacing = None
        if self._prompt is None or not self._prompt.app.is_running or self._prompt_dropped:
            return  # the rest waits for the next prompt (or read_key)
        keys = [self._typeahead.popleft()
                for _ in range(min(KEYS_PER_TURN, len(self._typeahead)))]
        self._input.send_text("".join(keys))
        self._pace()

    def _within_line_limit(self, key: str) -> bool:
        """Count what the line being typed holds; past ``MAX_LINE`` drop it (the prompt shows
        the error and asks again) and every key up to its Enter."""
        if self._discarding:
            if key == ENTER:
                self._discarding = False
            return False
        if key == ENTER:
            self._line_length = 0
        elif key in ("\x7f", "\x08"):
            self._line_length = max(0, self._line_length - 1)
        elif len(key) == 1 and key >= " ":
            self._line_length += 1
            if self._line_length > MAX_LINE:
                self._discard_line()
                return False
        return True

    def _discard_line(self) -> None:
        self._discarding, self._line_length = True, 0
        while self._typeahead and self._typeahead[-1] != ENTER:  # keep complete lines
            self._typeahead.pop()
        if self._prompt is not None and self._prompt.app.is_running:
            self._prompt_dropped = True
            self._prompt.app.exit(exception=_LineTooLong())
        else:
            self._show_too_long()

    def _forget_sent_keys(self) -> None:
        """Keys of the discarded line already handed to prompt_toolkit (in the pipe, or kept
        by it as typeahead when the prompt ended) must not start the next prompt."""
        while self._input.read_keys():  # never blocks: it reads only what is there
            pass
        clear_typeahead(self._input)
        self._prompt_dropped = False

    def _show_too_long(self) -> None:
        self._show("\n" + strings.text("terminal.line_too_long", limit=MAX_LINE) + "\n")

    def backlog(self) -> int:
        return len(self._typeahead)

    def end_input(self) -> None:
        if self._ended:
            return
        self._ended = True
        if self.pager.paused:
            self._show(ERASE + self.pager.release())
            self._release()
        if self._prompt is not None and self._prompt.app.is_running:
            self._prompt.app.exit(exception=EOFError())
        if self._key_waiter is not None and not self._key_waiter.done():
            self._key_waiter.set_exception(EOFError())

    def resize(self, rows: int, cols: int) -> None:
        self._size = Size(rows=rows, columns=cols)
        self.pager.resize(rows, cols)
        if self._prompt is not None and self._prompt.app.is_running:
            self._prompt.app._on_resize()

    def close(self) -> None:
        """The session is over: release the input pipe."""
        self._resources.close()

    # -- Terminal protocol ----------------------------------------------------------------------
    async def read_line(self, prompt: str, *, hidden: bool = False,
                        completions: Sequence[str] = ()) -> str:
        at_main_prompt, completions = await self._before_read(completions)
        session = self._commands if at_main_prompt else self._questions
        completer = WordCompleter(list(completions), ignore_case=True) if completions else None
        while True:
            if self._ended:
                raise EOFError()
            try:
                line = await self._run(session, prompt, is_password=hidden, completer=completer)
            except KeyboardInterrupt:
                if self._interrupt_command():
                    raise asyncio.CancelledError()  # the command is being aborted
                continue  # at the main prompt: a fresh prompt
            except _LineTooLong:
                self._forget_sent_keys()
                self._show_too_long()
                continue
            self.pager.key_pressed()
            return line

    async def read_key(self) -> str:
        """One key between prompts (``tail`` and the like)."""
        await self._all_shown()
        if self._ended:
            raise EOFError()
        if self._typeahead:
            key = self._typeahead.popleft()
        else:
            self._key_waiter = asyncio.get_event_loop().create_future()
            try:
                key = await self._key_waiter
            finally:
                self._key_waiter = None
        if key == CTRL_C:
            self._show(strings.text("terminal.interrupt") + "\n")
            self._interrupt_command()
        self.pager.key_pressed()
        return key

    async def drain(self) -> None:
        await self._all_shown()

    # -- internals ------------------------------------------------------------------------------
    async def _run(self, session: PromptSession, prompt: str, **options) -> str:
        self._prompt = session
        # Started after the prompt is running (prompt_async schedules it; the first keys go
        # at the next turn of the loop).
        asyncio.get_event_loop().call_soon(self._pace)
        try:
            # A (visually neutral) colour makes prompt_toolkit write the trailing space too, so
            # the exact prompt text is on the screen (it skips unstyled trailing blanks).
            return await session.prompt_async([("fg:ansidefault", prompt)], handle_sigint=False,
                                              set_exception_handler=False, **options)
        finally:
            self._prompt = None

    def _emit(self, text: str) -> None:
        """Sent at once: prompt_toolkit writes to the transport directly, so queueing ours
        would reorder the two."""
        self._send(text.replace("\n", "\r\n").encode("utf-8"))
