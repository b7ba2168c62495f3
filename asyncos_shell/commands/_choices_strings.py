"""Strings of the helpers in ``_choices.py``: files in ``/configuration`` for IMPORT/EXPORT
(destconfig, smtproutes; errors [S] from Cisco's QA library for smtproutes)."""
from __future__ import annotations

from .. import strings

STRINGS: dict[str, tuple[str, str]] = {
    "file.import": ("Enter the name of the file on machine \"{hostname}\" to import:", "T"),
    "file.export": ("Enter a name for the exported file:", "S"),
    "file.error.name": ("Valid characters are letters, digits, \"-\", \"_\" and \".\".", "S"),
    "file.error.read": ("Error reading file.", "S"),
    "file.error.write": ("Error writing file.", "S"),
    "file.error.import": ("Import failed.", "S"),
}

strings.register(STRINGS)
