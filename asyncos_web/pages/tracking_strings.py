"""Strings of Monitor > Message Tracking (labels: our reasoned guess at the appliance's)."""
from __future__ import annotations

from .. import strings

strings.register({
    "track.title": ("Message Tracking", "R"),
    "track.sender": ("Envelope Sender:", "R"),
    "track.recipient": ("Envelope Recipient:", "R"),
    "track.subject": ("Subject:", "R"),
    "track.since": ("Message Received:", "R"),
    "track.since.hour": ("Last hour", "R"),
    "track.since.day": ("Last day", "R"),
    "track.since.week": ("Last 7 days", "R"),
    "track.since.all": ("All", "R"),
    "track.search": ("Search", "R"),
    "track.results": ("Messages found: {count}", "R"),
    "track.none": ("No messages matched.", "R"),
    "track.time": ("Time", "R"),
    "track.mid": ("MID", "R"),
    "track.details": ("Message Details", "R"),
    "track.events": ("Processing Details", "R"),
})
