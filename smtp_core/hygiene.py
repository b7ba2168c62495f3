"""What the listener does about hostile or sloppy SMTP input (issue 15).

* Line ends in DATA: every bare CR and bare LF becomes CR LF before the message is queued --
  AsyncOS's default "Clean" handling of bare CR and LF (Cisco TAC document 117979; CERT-EU
  advisory 2023-098).  Normalised *before* it is queued, so the relay's dot-stuffing sees
  every line: a smuggled ``<LF>.<CR><LF>`` reaches the next hop as ``..`` inside the body,
  never as an end of data (the SMTP-smuggling shape that AsyncOS's own Clean mode let through).
* Envelope addresses: printable ASCII only.  SMTPUTF8 is not offered, so NUL, controls and
  8-bit bytes are refused (RFC 6531 §3.2: without it a client must not send them).
* A slow drip cannot hold a slot: a command line, or the next 1 KB of DATA, must arrive within
  ``PROGRESS_SECONDS`` of the last progress (single bytes do not count).  When a listener or
  the appliance is full, a new connection is still greeted, on probation: its first complete
  command earns it the slot of the session that has made no progress for longest (once that is
  ``RECLAIM_AFTER_SECONDS`` old); without a command within ``PROBATION_SECONDS`` it gets the
  listener's 421.  A drip never completes a command, so it can hold a slot only until someone
  who does needs it; probation itself is bounded by the appliance's connection limit, the
  oldest on probation giving way first.
"""
from __future__ import annotations

import re

PROGRESS_SECONDS = 60.0
RECLAIM_AFTER_SECONDS = 3.0
PROBATION_SECONDS = 10.0
DATA_PROGRESS_BYTES = 1024

_LINE_END = re.compile(rb"\r\n|\r|\n")
_PLAIN_ADDRESS = re.compile(r"^[\x21-\x7e]*$")


def normalise_line_ends(body: bytes) -> bytes:
    """Every CR LF, bare CR and bare LF as CR LF."""
    pairs = body.count(b"\r\n")
    if body.count(b"\r") == pairs == body.count(b"\n"):
        return body                     # the usual case, counted much faster than rewritten
    return _LINE_END.sub(b"\r\n", body)


def plain_address(address: str) -> bool:
    """Printable ASCII, nothing else (the reverse path ``<>`` is empty and fine)."""
    return bool(_PLAIN_ADDRESS.match(address))


class HeaderLines:
    """Counts the lines of the header section of a CR LF body fed piece by piece (folded
    continuation lines count: each is a line); the section ends at the first empty line."""

    def __init__(self) -> None:
        self.count = 0
        self.done = False
        self._tail = b""        # the last 3 bytes of the header section so far

    def feed(self, piece: bytes) -> None:
        if self.done:
            return
        window = self._tail + piece
        end = window.find(b"\r\n\r\n")
        if end >= 0:
            self.done, window = True, window[:end + 2]
        self.count += window.count(b"\r\n") - self._tail.count(b"\r\n")
        self._tail = window[-3:]
