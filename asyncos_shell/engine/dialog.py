"""The dialogue toolkit every command uses to talk to the user (cli.md §2).

Questions print a blank line, the question, and a ``[default]> `` sub-prompt; invalid answers
print the appliance's error and ask again.  Questions, prompts and messages wrap at the
terminal's width (``terminal/wrap.py``); documents (``write``: the configuration file) and log
lines (``stream``, ``out(wrap=False)``) never do.  Batch arguments (``ssh host 'cmd a b'``) answer
the same questions in order without displaying them; an invalid batch answer aborts the command.
"""
from __future__ import annotations

from collections import deque
from typing import Callable, Optional, Sequence

from .. import strings
from ..terminal.base import Terminal
from ..terminal.wrap import wrap

Validator = Callable[[str], Optional[str]]  # returns an error text, or None when the answer is fine


class CommandAborted(Exception):
    """Stop the running command and go back to the main prompt; the message is printed."""


class Dialog:
    def __init__(self, terminal: Terminal, command: str = ""):
        self.terminal = terminal
        # Only the dialogue takes from this queue: commands declare what their arguments mean
        # (``batchargs``) and never edit it.
        self._answers: deque[str] = deque()
        self.command = command
        # Batch arguments that answered a hidden question (or that the command says are
        # passphrases): masked where the command line is recorded (cli_logs).
        self.secrets: set[str] = set()
        # Called once, when the batch arguments are used up or a question goes to the terminal:
        # from then on ``secrets`` is complete (the session then records the command line).
        self.on_settled: Optional[Callable[[], None]] = None

    def mark_secret(self, value: str) -> None:
        """A batch argument is a passphrase (an argument declared ``secret``)."""
        self.secrets.add(value)

    def start(self, answers: Sequence[str]) -> None:
        """The batch arguments that answer the questions, in order; with none, the command line
        is complete (``secrets`` known) and settles."""
        self._answers.extend(answers)
        if not self._answers:
            self.settle()

    def settle(self) -> None:
        callback, self.on_settled = self.on_settled, None
        if callback is not None:
            callback()

    # -- output ---------------------------------------------------------------------------------
    def out(self, text: str = "", *, wrap: bool = True) -> None:
        """Print ``text`` followed by a newline, wrapped at the terminal's width unless
        ``wrap`` is False (log lines)."""
        self.terminal.write((self.wrapped(text) if wrap else text) + "\n")

    def wrapped(self, text: str) -> str:
        """``text`` as the terminal shows it: lines broken at its width."""
        return wrap(text, self.terminal.columns)

    def write(self, text: str) -> None:
        self.terminal.write(text)

    def stream(self, text: str) -> None:
        """Print ``text`` and a newline past the pager (``tail``, ``grep`` without paging)."""
        write = getattr(self.terminal, "write_unpaged", None) or self.terminal.write
        write(text + "\n")

    # -- the one place answers come from -------------------------------------------------------
    @property
    def batch(self) -> bool:
        """True while batch arguments are left to answer questions."""
        return bool(self._answers)

    async def _answer(self, question: str, prompt: str, *, hidden: bool = False,
                      completions: Sequence[str] = ()) -> str:
        if self._answers:
            answer = self._answers.popleft()
            if hidden:
                self.secrets.add(answer)
            if not self._answers:
                self.settle()
            return answer
        self.settle()
        if question:
            self.terminal.write(self.wrapped(question))
        return await self.terminal.read_line(self.wrapped(prompt), hidden=hidden,
                                             completions=completions)

    def _reject(self, error: str, batch: bool) -> None:
        if batch:
            raise CommandAborted(error)
        self.out(error)

    # -- question kinds ------------------------------------------------------------------------
    async def ask(self, question: str, default: Optional[str] = None, *,
                  validate: Optional[Validator] = None, required: bool = True,
                  hidden: bool = False, completions: Sequence[str] = (),
                  prompt: Optional[str] = None) -> str:
        """Free text at a ``[default]> `` sub-prompt (or ``prompt``, e.g. the bare ``> `` some
        questions have); Enter takes the default."""
        shown = "" if default is None or hidden else default
        prompt = prompt if prompt is not None else strings.text("prompt.sub", default=shown)
        while True:
            batch = self.batch
            answer = (await self._answer(f"\n{question}\n" if question else "", prompt,
                                         hidden=hidden, completions=completions)).strip()
            if not answer and default is not None:
                answer = default
            if not answer and required:
                self._reject(strings.text("error.required"), batch)
                continue
            error = validate(answer) if validate else None
            if error:
                self._reject(error, batch)
                continue
            return answer

    async def secret(self, prompt: str) -> str:
        """Hidden input typed on the prompt's own line (``Old password: ``)."""
        return await self._answer("", prompt, hidden=True)

    async def ask_int(self, question: str, default: Optional[int] = None, *,
                      low: Optional[int] = None, high: Optional[int] = None) -> int:
        def check(answer: str) -> Optional[str]:
            try:
                value = int(answer)
            except ValueError:
                return strings.text("error.integer")
            if (low is not None and value < low) or (high is not None and value > high):
                return strings.text("error.number_range", low=low, high=high)
            return None
        answer = await self.ask(question, None if default is None else str(default), validate=check)
        return int(answer)

    async def yes_no(self, question: str, default: bool) -> bool:
        """``question [Y]> `` on one line; y, yes, n, no in any case."""
        prompt = f"{question} " + strings.text("prompt.sub", default="Y" if default else "N")
        while True:
            batch = self.batch
            answer = (await self._answer("\n", prompt)).strip().lower()
            if not answer:
                return default
            if answer in ("y", "yes"):
                return True
            if answer in ("n", "no"):
                return False
            self._reject(strings.text("error.yes_no"), batch)

    async def choose(self, question: str, items: Sequence[str], default: Optional[int] = None) -> int:
        """A numbered list; the answer is a number or an item's text.  Returns a 0-based index."""
        listing = "".join(strings.text("list.item", number=i, text=item) + "\n"
                          for i, item in enumerate(items, 1))
        shown = "" if default is None else str(default + 1)
        prompt = strings.text("prompt.sub", default=shown)
        while True:
            batch = self.batch
            answer = (await self._answer(f"\n{question}\n{listing}" if question else f"\n{listing}",
                                         prompt, completions=items)).strip()
            if not answer and default is not None:
                return default
            index = _pick(answer, items)
            if index is not None:
                return index
            self._reject(strings.text("error.list_choice", high=len(items)), batch)

    async def menu(self, operations: Sequence[tuple[str, str]],
                   header: Optional[str] = None, unlisted: Sequence[str] = ()) -> Optional[str]:
        """``Choose the operation…`` with ``- WORD - text`` lines.  Returns the upper-case word,
        or None on an empty answer (go up one level).  ``unlisted`` words are accepted too
        without being shown (a toggle's current state, which scripts may send regardless)."""
        lines = "".join(strings.text("menu.item", word=word, text=text) + "\n"
                        for word, text in operations)
        listed = [word for word, _ in operations]
        words = listed + list(unlisted)
        while True:
            batch = self.batch
            answer = (await self._answer(f"\n{header or strings.text('menu.header')}\n{lines}",
                                         strings.text("prompt.sub", default=""),
                                         completions=listed)).strip()
            if not answer:
                return None
            for word in words:
                if word.lower() == answer.lower():
                    return word
            self._reject(strings.text("error.menu_choice", answer=answer), batch)

    async def paste(self, prompt: str) -> str:
        """Lines up to one holding only ``.`` (PEM blocks); no sub-prompt (cli.md §5.1.2)."""
        if not self._answers:
            self.terminal.write(self.wrapped(f"\n{prompt}\n"))
        lines = []
        while True:
            line = await self._answer("", "")
            if line.strip() == ".":
                return "\n".join(lines) + ("\n" if lines else "")
            lines.append(line.rstrip("\r"))

    async def text_block(self, prompt: str) -> str:
        """Lines up to a blank line (custom SMTP responses, SSH public keys)."""
        if not self._answers:
            self.terminal.write(self.wrapped(f"{prompt}\n"))
        lines = []
        while True:
            line = (await self._answer("", "")).rstrip("\r")
            if not line.strip():
                return "\n".join(lines)
            lines.append(line)


def _pick(answer: str, items: Sequence[str]) -> Optional[int]:
    if answer.isdigit():
        number = int(answer)
        return number - 1 if 1 <= number <= len(items) else None
    matches = [i for i, item in enumerate(items) if item.lower() == answer.lower()]
    if not matches:
        matches = [i for i, item in enumerate(items) if item.lower().startswith(answer.lower())]
    return matches[0] if len(matches) == 1 else None


Operation = tuple[str, str, Callable[[], "object"]]  # (WORD, description, async handler)


async def run_menu(dialog: Dialog, operations: Callable[[], Sequence[Operation]],
                   status: Optional[Callable[[], Optional[str]]] = None,
                   header: Optional[str] = None) -> None:
    """Show ``status`` and the menu until an empty answer; re-shown after each operation, with
    its listing refreshed (cli.md §2 item 2)."""
    while True:
        if status is not None:
            text = status()
            if text is not None:
                dialog.out(text)
        current = list(operations())
        word = await dialog.menu([(w, t) for w, t, _ in current], header)
        if word is None:
            return
        handler = next(h for w, _, h in current if w == word)
        await handler()
