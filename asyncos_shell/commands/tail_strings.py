"""Strings of ``tail`` (cli.md §5.11, mail-logs.md §7.2).

S: Cisco's QA library (``Unable to tail``); R: recalled from the CLI reference.
"""
from __future__ import annotations

from .. import strings

STRINGS: dict[str, tuple[str, str]] = {
    "tail.description": ("Continuously display the end of a log file.", "R"),
    "tail.which": ("Enter the number of the log you wish to tail.", "R"),
    "tail.stop": ("Press Ctrl-C to stop.", "R"),
    "tail.unable": ("Unable to tail", "S"),
}

strings.register(STRINGS)
