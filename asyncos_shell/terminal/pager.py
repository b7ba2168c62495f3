"""The AsyncOS pager: interactive output taller than the screen stops at
``-Press Any Key For More-`` (cli.md §1.3, corrections item 10; clients.md §3.2 item 15).

Pure bookkeeping, no I/O: the terminal hands every piece of output to ``page`` (which may hold
part of it back) or, for echo and prompts that never page, to ``advance``.  Rows are counted
from the last key the user pressed, long lines wrapped at the pty width, so a page holds exactly
``rows - 1`` lines and the pager prompt takes the last row.
"""
from __future__ import annotations

import re

# Written over the pager prompt once a key was pressed (Netshot's fake: CR, 25 spaces, CR).
ERASE = "\r" + " " * 25 + "\r"
_CONTROLS = re.compile("([\n\r\b\a])")


class Pager:
    def __init__(self, rows: int, cols: int):
        self.rows, self.cols = rows, cols
        self.row = 0  # rows completed since the last key
        self.col = 0
        self.held = ""  # output waiting for a key
        self.enabled = True

    @property
    def paused(self) -> bool:
        return bool(self.held)

    def resize(self, rows: int, cols: int) -> None:
        self.rows, self.cols = rows, cols

    def key_pressed(self) -> None:
        """Any input starts a new page."""
        self.row = 0

    def page(self, text: str) -> str:
        """Return the part of ``text`` to show now; the rest is held until ``resume``."""
        if self.held:
            self.held += text
            return ""
        last = self.rows - 1  # the row the pager prompt takes
        if not self.enabled or last < 1:
            self.advance(text)
            return text
        # Where the current line began in this text (None: in earlier output), and its row.
        line_start, line_row = (0 if self.col == 0 else None), self.row
        for index, char in enumerate(text):
            if char != "\r" and self._target_row(char) >= last:
                # A wrapped line that would straddle the page boundary starts the next page,
                # unless it is the page's only line.
                cut = line_start if line_start is not None and line_row > 0 else index
                if cut != index:
                    self.row, self.col = line_row, 0
                self.held = text[cut:]
                return text[:cut]
            self._step(char)
            if char == "\n":
                line_start, line_row = index + 1, self.row
        return text

    def resume(self) -> str:
        """After a key: the next page of held output (the prompt was erased by the caller)."""
        text, self.held = self.held, ""
        self.row, self.col = 0, 0
        return self.page(text)

    def release(self) -> str:
        """Input has ended: show everything, never page again."""
        self.enabled = False
        text, self.held = self.held, ""
        self.advance(text)
        return text

    def advance(self, text: str) -> None:
        """Count output that is shown without paging (echo, prompts).  Runs of ordinary
        characters are counted arithmetically: echoing a long line costs its length in C, not
        a Python step per character."""
        for piece in _CONTROLS.split(text):
            if not piece:
                continue
            if piece in "\n\r\b\a":
                self._step(piece)
            else:
                self._columns(len(piece))

    def _columns(self, count: int) -> None:
        """``count`` ordinary characters, as ``_step`` would count them one by one."""
        if self.cols <= 0:
            self.col += count
            return
        end = self.col + count  # columns used if nothing wrapped
        wraps = (end - 1) // self.cols
        self.row += wraps
        self.col = end - wraps * self.cols

    def _target_row(self, char: str) -> int:
        wraps = char not in "\n\b\a" and self.cols > 0 and self.col >= self.cols
        return self.row + 1 if wraps else self.row

    def _step(self, char: str) -> None:
        if char == "\n":
            self.row, self.col = self.row + 1, 0
        elif char == "\r":
            self.col = 0
        elif char == "\b":
            self.col = max(0, self.col - 1)
        elif char == "\a":
            pass
        else:
            if self.cols > 0 and self.col >= self.cols:
                self.row, self.col = self.row + 1, 0
            self.col += 1
