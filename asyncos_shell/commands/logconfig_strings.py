"""Strings of ``logconfig`` (mail-logs.md §1.5: the AsyncOS 11+ listing, its column layout lost
in the source; cli.md corrections item 16).  Menu words from Cisco's QA library (S); their
descriptions and the note for operations the emulator does not offer are chosen here (R)."""
from __future__ import annotations

from .. import strings

STRINGS: dict[str, tuple[str, str]] = {
    "logconfig.description": ("Configure access to log files.", "R"),
    "logconfig.interval.none": ("None", "V"),
    "logconfig.menu.new": ("Create a new log.", "R"),
    "logconfig.menu.edit": ("Modify a log subscription.", "R"),
    "logconfig.menu.delete": ("Remove a log subscription.", "R"),
    "logconfig.menu.setup": ("General settings.", "R"),
    "logconfig.menu.logheaders": ("Configure headers to log.", "R"),
    "logconfig.menu.hostkeyconfig": ("Configure SSH host keys.", "R"),
    "logconfig.not_offered": ("This operation is not available on this appliance.", "R"),
    "logconfig.columns": ("Log Name|Log Type|Retrieval|Interval", "V"),
}

strings.register(STRINGS)
