"""Strings of ``rollovernow`` (R: recalled from the CLI reference; the confirmation chosen)."""
from __future__ import annotations

from .. import strings

STRINGS: dict[str, tuple[str, str]] = {
    "rollovernow.description": ("Roll over a log file.", "R"),
    "rollovernow.all": ("All Logs", "R"),
    "rollovernow.which": ("Which log would you like to roll over?", "R"),
    "rollovernow.done": ("Log files successfully rolled over.", "R"),
    "rollovernow.unable": ("Unable to roll over the log.", "R"),
}

strings.register(STRINGS)
