"""Strings the terminals themselves show (the pager prompt is ``pager.more`` in ``strings.py``)."""
from __future__ import annotations

from .. import strings

STRINGS = {
    # Ctrl-C echoes like a cooked FreeBSD tty (ECHOCTL); no transcript shows it.
    "terminal.interrupt": ("^C", "R"),
    # Our own bound (issue 15): AsyncOS's own limit and wording are not in any public source.
    "terminal.line_too_long": ("Input line too long (more than {limit} characters); the line "
                               "was discarded.", "R"),
}

strings.register(STRINGS)
