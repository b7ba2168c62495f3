"""Message tracking in mail log files (``findevent``): find the MIDs whose envelope sender,
recipient or subject matches, and gather every line of one MID's story — its own lines, the
lines of its injection connection (ICID) and delivery connections (DCIDs) that name no other
message — in file order."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

# The mail_logs lines that carry each searchable field (mail-logs.md §3).
FIELDS = {
    "from": re.compile(r"Info: MID (\d+) ICID \d+ From: <(.*)>"),
    "to": re.compile(r"Info: MID (\d+) ICID \d+ RID \d+ To: <(.*)>"),
    "subject": re.compile(r"Info: MID (\d+) Subject (.*)$"),
}
TIMESTAMP_LENGTH = 24
_START = re.compile(r"Info: Start MID (\d+) ICID (\d+)")
# A delivery connection's lines that name the message (delivery start, delayed, bounced).
_DELIVERY = re.compile(r"\bDCID (\d+)\b.*\bMID (\d+)\b")
_MID = re.compile(r"\bMID (\d+)")


@dataclass
class Match:
    mid: int
    when: str
    value: str


def _lines(files: Sequence[Path]) -> Iterator[str]:
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                yield line.rstrip("\n")


def search(files: Sequence[Path], field: str, pattern: re.Pattern) -> list[Match]:
    """The first matching line of each MID, in file order."""
    found: dict[int, Match] = {}
    for line in _lines(files):
        hit = FIELDS[field].search(line)
        if hit and pattern.search(hit.group(2)) and int(hit.group(1)) not in found:
            found[int(hit.group(1))] = Match(int(hit.group(1)), line[:TIMESTAMP_LENGTH],
                                             hit.group(2))
    return list(found.values())


def story(files: Sequence[Path], mid: int) -> list[str]:
    """Every line about ``mid``, in file order; empty when the logs do not know it."""
    icids, dcids = set(), set()
    for line in _lines(files):
        start = _START.search(line)
        if start and int(start.group(1)) == mid:
            icids.add(start.group(2))
        delivery = _DELIVERY.search(line)
        if delivery and int(delivery.group(2)) == mid:
            dcids.add(delivery.group(1))
    connection = re.compile(r"\b(?:ICID (%s)|DCID (%s))\b" % (
        "|".join(sorted(icids)) or "-", "|".join(sorted(dcids)) or "-"))
    lines = []
    for line in _lines(files):
        mids = {int(m) for m in _MID.findall(line)}
        if mid in mids or (not mids and connection.search(line)):
            lines.append(line)
    return lines
