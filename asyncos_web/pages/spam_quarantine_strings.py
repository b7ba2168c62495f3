"""Strings of Monitor > Spam Quarantine.  The page title and column names follow the AsyncOS
user guide's "Spam Quarantine" chapter (message list: From, To, Subject, Date, Size; action
Release); the exact wording of the notices is our reasoned guess (R)."""
from __future__ import annotations

from .. import strings

strings.register({
    "isq.title": ("Spam Quarantine", "S"),
    "isq.from": ("From", "R"),
    "isq.to": ("To", "R"),
    "isq.subject": ("Subject", "R"),
    "isq.date": ("Date", "R"),
    "isq.size": ("Size", "R"),
    "isq.release": ("Release", "R"),
    "isq.empty": ("No messages in the Spam Quarantine.", "R"),
    "isq.released": ("{count} message(s) released.", "R"),
    "isq.none_selected": ("No messages were selected.", "R"),
})
