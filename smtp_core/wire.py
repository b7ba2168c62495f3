"""The message text on the SMTP wire, transformed piece by piece so that no body is ever held
whole: receiving DATA (find the end, undo dot-stuffing, every line end as CR LF) and sending it
(dot-stuffing, the closing ``CRLF.CRLF``).  Both give the same bytes as transforming the whole
body at once, wherever the pieces are cut.
"""
from __future__ import annotations

from typing import Optional

from . import hygiene

END_OF_DATA = b"\r\n.\r\n"


class DataReader:
    """DATA as it arrives: ``feed`` returns the body bytes that are final so far and, once the
    client's ``CRLF.CRLF`` has come, the input that followed it (pipelined commands)."""

    def __init__(self) -> None:
        self._pending = bytearray(b"\r\n")   # the CRLF before a first-line "." is implied
        self._skip = 2                       # ... and is not part of the body

    def feed(self, data: bytes) -> tuple[bytes, Optional[bytes]]:
        pending = self._pending
        searched = max(0, len(pending) - len(END_OF_DATA) + 1)
        pending += data
        end = pending.find(END_OF_DATA, searched)
        if end >= 0:
            body, rest = self._convert(pending[:end + 2]), bytes(pending[end + 5:])
            del pending[:]
            return body, rest
        cut = _safe_cut(pending)
        body = self._convert(pending[:cut])
        del pending[:cut]
        return body, None

    def _convert(self, raw: bytearray) -> bytes:
        body = hygiene.normalise_line_ends(bytes(raw).replace(b"\r\n..", b"\r\n."))
        if self._skip:
            body, self._skip = body[self._skip:], max(0, self._skip - len(body))
        return body


def _safe_cut(pending: bytearray) -> int:
    """How much of ``pending`` can be converted now: the last 4 bytes wait (they may begin the
    end of data), and so does a stuffed ``CRLF..`` or a CR LF pair that the cut would split."""
    cut = len(pending) - (len(END_OF_DATA) - 1)
    if cut <= 0:
        return 0
    for start in range(max(0, cut - 3), cut):
        if pending.startswith(b"\r\n..", start):
            return start
    if pending[cut - 1] == 13 and pending[cut] == 10:
        cut -= 1
    return cut


class DotStuffer:
    """Sending: each piece of the body with every line-initial "." doubled; ``end`` closes the
    data (a CRLF first when the body does not end with one)."""

    def __init__(self) -> None:
        self._last = b""          # the body's last two bytes so far

    def feed(self, piece: bytes) -> bytes:
        if not piece:
            return piece
        out = piece.replace(b"\r\n.", b"\r\n..")
        if piece[:1] == b"." and (not self._last or self._last.endswith(b"\r\n")):
            out = b"." + out
        elif piece[:2] == b"\n." and self._last.endswith(b"\r"):
            out = b"\n." + out[1:]
        self._last = (self._last + piece[-2:])[-2:]
        return out

    def end(self) -> bytes:
        return (b"" if self._last.endswith(b"\r\n") else b"\r\n") + b".\r\n"
