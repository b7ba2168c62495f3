"""Strings the terminals themselves show (the pager prompt is ``pager.more`` in ``strings.py``)."""
from __future__ import annotations

from .. import strings

STRINGS = {
    # Ctrl-C echoes like a cooked FreeBSD tty (ECHOCTL); no transcript shows it.
    "terminal.interrupt": ("^C", "R"),
}

strings.register(STRINGS)
