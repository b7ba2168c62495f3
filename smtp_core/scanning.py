"""Deterministic stand-ins for the appliance's scanning engines.

The anti-spam engine (CASE) finds the GTUBE test string, the anti-virus engine (Sophos) the
EICAR test file, in the message text or in any MIME part once its transfer encoding is undone
(``swaks --attach`` base64-encodes a file).  Everything else is clean.

The body is read once, piece by piece, in bounded memory (a body may be 100 MB): the test
strings are searched across piece boundaries; the MIME structure is followed line by line
(each part's header section, at most ``HEADER_BYTES``, is read with the ``email`` package;
boundaries are recognised as ``email.feedparser`` does), and base64 and quoted-printable parts
are decoded as they stream past.  ``scan_file`` runs off the event loop.
"""
from __future__ import annotations

import binascii
import email
import email.policy
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

GTUBE = b"XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
# The name Sophos gives the EICAR file (Sophos's threat library: "EICAR-AV-Test").
EICAR_NAME = "EICAR-AV-Test"
MAX_PARTS = 1000           # a message with more parts is scanned as it is, part by part no further
HEADER_BYTES = 64 * 1024   # of one part's header section; the rest is not read
LINE_BYTES = 1000          # a longer line is never a boundary (nor an end of headers)
READ_BYTES = 256 * 1024
_PATTERNS = (GTUBE, EICAR)
_OVERLAP = max(len(p) for p in _PATTERNS) - 1
_NOT_BASE64 = bytes(b for b in range(256)
                    if not (chr(b).isascii() and (chr(b).isalnum() or chr(b) in "+/=")))


def _mime(body: bytes) -> bool:
    """Whether the header section names a content type, disposition or transfer encoding."""
    end = body.find(b"\r\n\r\n")
    head = (body if end < 0 else body[:end]).lower()
    return head.startswith(b"content-") or b"\ncontent-" in head or b"mime-version" in head


@dataclass
class Findings:
    spam: bool = False
    virus: str = ""                         # the virus name, "" when clean
    attachments: list[str] = field(default_factory=list)


class _Search:
    """The test strings in a stream of pieces."""

    def __init__(self, found: set[bytes]):
        self.found, self._tail = found, b""

    def feed(self, piece: bytes) -> None:
        window = self._tail + piece
        self.found.update(p for p in _PATTERNS if p in window)
        self._tail = window[-_OVERLAP:]


class _Base64:
    def __init__(self) -> None:
        self._rest = b""

    def feed(self, piece: bytes) -> bytes:
        chars = self._rest + piece.translate(None, _NOT_BASE64)
        whole = len(chars) // 4 * 4
        self._rest = chars[whole:]
        return _decode(binascii.a2b_base64, chars[:whole])

    def end(self) -> bytes:
        return b""       # an incomplete last group holds no whole byte


class _QuotedPrintable:
    def __init__(self) -> None:
        self._rest = b""

    def feed(self, piece: bytes) -> bytes:
        data = self._rest + piece
        cut = data.rfind(b"\n") + 1
        if not cut and len(data) > LINE_BYTES:     # a long line: decode it in pieces,
            escape = data.rfind(b"=", len(data) - 3)    # never between "=" and its digits
            cut = escape if escape >= 0 else len(data)
        self._rest = data[cut:]
        return _decode(binascii.a2b_qp, data[:cut])

    def end(self) -> bytes:
        return _decode(binascii.a2b_qp, self._rest)


def _decode(function, data: bytes) -> bytes:
    try:
        return function(data)
    except (binascii.Error, ValueError):
        return b""


_DECODERS = {"base64": _Base64, "quoted-printable": _QuotedPrintable}


class Scanner:
    """Feed the body in pieces, then ``finish``."""

    def __init__(self) -> None:
        self._found: set[bytes] = set()
        self._text = _Search(self._found)
        self._attachments: list[str] = []
        self._carry = b""              # a short incomplete line
        self._line_start = True
        self._in_headers = True        # of the message itself, first
        self._headers = bytearray()
        self._boundaries: list[bytes] = []   # of the enclosing multiparts, innermost last
        self._decoder = None           # of the current part, when it is encoded
        self._decoded: Optional[_Search] = None
        self._parts = 0

    def feed(self, piece: bytes) -> None:
        self._text.feed(piece)
        if self._parts > MAX_PARTS:
            return
        buf, pos = self._carry + piece, 0
        self._carry = b""
        while pos < len(buf):
            pos = self._step(buf, pos)

    def _step(self, buf: bytes, pos: int) -> int:
        """Take what ``buf`` holds from ``pos`` on (a line, or content up to a possible
        boundary); returns where it stopped."""
        if not self._line_start:                       # the rest of a long line
            end = buf.find(b"\n", pos)
            stop = len(buf) if end < 0 else end + 1
            self._take(buf[pos:stop])
            self._line_start = end >= 0
            return stop
        whole_line = self._in_headers or buf.startswith(b"--", pos) or len(buf) - pos < 2
        if whole_line:
            end = buf.find(b"\n", pos)
            if end >= 0:
                self._line(buf[pos:end + 1])
                return end + 1
            if len(buf) - pos <= LINE_BYTES:
                self._carry = buf[pos:]                # wait for the rest of the line
            else:
                self._take(buf[pos:])
                self._line_start = False
            return len(buf)
        if not self._boundaries:                       # the last part: no line matters now
            self._take(buf[pos:])
            self._line_start = buf.endswith(b"\n")
            return len(buf)
        candidate = buf.find(b"\n--", pos)
        if candidate >= 0:
            self._take(buf[pos:candidate + 1])
            return candidate + 1
        last = buf.rfind(b"\n", pos)
        if last >= 0 and len(buf) - last - 1 <= LINE_BYTES:
            self._take(buf[pos:last + 1])
            self._carry = buf[last + 1:]
        else:
            self._take(buf[pos:])
            self._line_start = buf.endswith(b"\n")
        return len(buf)

    def _take(self, content: bytes) -> None:
        """Part of a line that is not a boundary: a header, or the content of a part."""
        if self._in_headers:
            self._headers += content[:max(0, HEADER_BYTES - len(self._headers))]
        elif self._decoder is not None:
            self._decoded.feed(self._decoder.feed(content))

    def _line(self, line: bytes) -> None:
        if self._in_headers:
            if line in (b"\r\n", b"\n"):
                self._start_part()
            else:
                self._take(line)
            return
        if self._boundary(line):
            return
        self._take(line)

    def _boundary(self, line: bytes) -> bool:
        """A line ``--B`` or ``--B--`` of an enclosing multipart ends the current part."""
        text = line.rstrip(b"\r\n").rstrip(b" \t")
        for depth in range(len(self._boundaries) - 1, -1, -1):
            separator = b"--" + self._boundaries[depth]
            if text in (separator, separator + b"--"):
                self._end_part()
                del self._boundaries[depth + (text == separator):]
                self._in_headers = text == separator
                return True
        return False

    def _start_part(self) -> None:
        """The header section of a part (or of the message) is complete."""
        part = email.message_from_bytes(bytes(self._headers), policy=email.policy.compat32)
        self._headers = bytearray()
        self._in_headers = False
        self._parts += 1
        if self._parts > MAX_PARTS:
            return
        boundary = part.get_boundary() if part.get_content_maintype() == "multipart" else None
        if boundary:
            self._boundaries.append(boundary.encode("utf-8", "surrogateescape"))
        elif part.get_content_type() == "message/rfc822":
            self._in_headers = True                    # the enclosed message's headers follow
        else:
            name = part.get_filename()
            if name or part.get("Content-Disposition", "").lower().startswith("attachment"):
                self._attachments.append(name or "")
            encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
            decoder = _DECODERS.get(encoding)
            if decoder is not None:
                self._decoder, self._decoded = decoder(), _Search(self._found)

    def _end_part(self) -> None:
        if self._decoder is not None:
            self._decoded.feed(self._decoder.end())
        self._decoder = self._decoded = None

    def finish(self) -> Findings:
        if self._carry:
            carry, self._carry = self._carry, b""
            self._line(carry)
        if self._in_headers and self._headers and self._parts <= MAX_PARTS:
            self._start_part()                         # a message that is all headers
        self._end_part()
        return Findings(spam=GTUBE in self._found,
                        virus=EICAR_NAME if EICAR in self._found else "",
                        attachments=self._attachments)


def scan(body: bytes) -> Findings:
    scanner = Scanner()
    scanner.feed(body)
    return scanner.finish()


def scan_file(path: Path, offset: int, length: int) -> Findings:
    """The body at ``offset`` of ``path``, read in pieces (blocking: run it in a thread)."""
    scanner = Scanner()
    fd = os.open(path, os.O_RDONLY)
    try:
        for start in range(0, length, READ_BYTES):
            scanner.feed(os.pread(fd, min(READ_BYTES, length - start), offset + start))
    finally:
        os.close(fd)
    return scanner.finish()
