"""Text wrapped at the terminal's width, as AsyncOS prints its questions and messages.

The evidence is the banner's NOTE: at 80 columns real sessions show it as three lines broken at
word boundaries (cli.md §1.2, B [V]), on a wide terminal as one line (C [V]); the passphrase
list item and the 16.x FQDN question break the same way (B [V], E [T]).  Lines are filled up to
one column less than the width (R: 79 at 80 fits every sample and keeps the cursor off the last
column), at the last space that fits; a word longer than a line is cut.  Trailing spaces never
force a break, so a prompt's ``[Y]> `` keeps its space.  Data keeps its layout (R): indented
lines (certificate subjects, the HAT, chains), columns (a run of three spaces: tables, the
``help`` list) and rules (``===  ===``) are never broken -- the terminal folds them.

Sessions without a pty (exec, ``ssh -T``) wrap at ``DEFAULT_COLUMNS``, the 80 columns real
sessions show: the AsyncOS 9.0 backup script ``ssh … "saveconfig y 1" | grep xml | sed …``
(cli.md §5.13, D [T]) only yields a file name when the path is on a line of its own, as the
wrapped ``File written … to the location`` line puts it (inference R).
"""
from __future__ import annotations

DEFAULT_COLUMNS = 80
_RULE = set("=- ")


def columns_or_default(columns: int) -> int:
    """A pty's width; 0 (the client did not say) means the default."""
    return columns if columns > 0 else DEFAULT_COLUMNS


def wrap(text: str, columns: int) -> str:
    """``text`` with every line longer than the terminal allows broken into several.
    ``columns`` 0 or less: unchanged (in-process transcripts)."""
    if columns <= 1:
        return text
    limit = columns - 1
    return "\n".join(_wrap_line(line, limit) for line in text.split("\n"))


def _wrap_line(line: str, limit: int) -> str:
    if line.startswith(" ") or "   " in line.rstrip(" ") or set(line) <= _RULE:
        return line
    pieces = []
    while len(line.rstrip(" ")) > limit:
        cut = line.rfind(" ", 0, limit + 1)
        if cut <= 0:  # one word fills the line: cut it
            pieces.append(line[:limit])
            line = line[limit:]
            continue
        pieces.append(line[:cut].rstrip(" "))
        line = line[cut:].lstrip(" ")
    pieces.append(line)
    return "\n".join(pieces)
