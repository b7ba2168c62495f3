"""Message Tracking's reading of the mail logs: each message with its connection and delivery.

A message (MID) is tied to the inbound connection it came on (``Start MID m ICID i``) and to the
deliveries that carried it (``Delivery start DCID d MID m``); its events are every line that
names the MID, plus the lines of its ICID and DCIDs (``TLS success``, ``TLS failed``...), in log
order, as the appliance's tracking shows them.  Pure functions over log lines; the page reads
the file off the event loop.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

LINE = re.compile(r"^(?P<time>\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}) (?P<level>\w+): "
                  r"(?P<text>.*)$")
START = re.compile(r"^Start MID (\d+) ICID (\d+)")
FROM = re.compile(r"^MID (\d+) ICID \d+ From: <([^>]*)>")
TO = re.compile(r"^MID (\d+) ICID \d+ RID \d+ To: <([^>]*)>")
SUBJECT = re.compile(r"^MID (\d+) Subject (.*)$")
DELIVERY = re.compile(r"Delivery start DCID (\d+) MID (\d+)")
NAMES = re.compile(r"\b(MID|ICID|DCID) (\d+)")
MAX_BYTES = 32 * 1024 * 1024   # the newest part of a big log file is what tracking reads


@dataclass
class Tracked:
    mid: int
    time: str = ""
    icid: Optional[int] = None
    dcids: list[int] = field(default_factory=list)
    sender: str = ""
    recipients: list[str] = field(default_factory=list)
    subject: str = ""
    events: list[str] = field(default_factory=list)

    def when(self) -> Optional[dt.datetime]:
        try:
            return dt.datetime.strptime(" ".join(self.time.split()), "%a %b %d %H:%M:%S %Y")
        except ValueError:
            return None


def track(lines: Iterable[str]) -> dict[int, Tracked]:
    """MID -> the message as the log tells it."""
    messages: dict[int, Tracked] = {}
    entries: list[str] = []
    # MID / ICID / DCID number -> indexes in ``entries`` of the lines that name it
    named: dict[str, dict[int, list[int]]] = {"MID": {}, "ICID": {}, "DCID": {}}
    for raw in lines:
        match = LINE.match(raw.rstrip("\n"))
        if match is None:
            continue
        when, text = match["time"], match["text"]
        entries.append(f"{when} {match['level']}: {text}")
        for kind, number in NAMES.findall(text):
            named[kind].setdefault(int(number), []).append(len(entries) - 1)
        if found := START.match(text):
            messages[int(found[1])] = Tracked(int(found[1]), when, int(found[2]))
        elif found := FROM.match(text):
            _message(messages, int(found[1])).sender = found[2]
        elif found := TO.match(text):
            _message(messages, int(found[1])).recipients.append(found[2])
        elif found := SUBJECT.match(text):
            _message(messages, int(found[1])).subject = found[2].strip().strip('"')
        if found := DELIVERY.search(text):
            tracked = _message(messages, int(found[2]))
            if int(found[1]) not in tracked.dcids:
                tracked.dcids.append(int(found[1]))
    for tracked in messages.values():
        wanted = set(named["MID"].get(tracked.mid, []))
        wanted.update(named["ICID"].get(tracked.icid, []) if tracked.icid is not None else [])
        for dcid in tracked.dcids:
            wanted.update(named["DCID"].get(dcid, []))
        tracked.events = [entries[i] for i in sorted(wanted)]
    return messages


def _message(messages: dict[int, Tracked], mid: int) -> Tracked:
    return messages.setdefault(mid, Tracked(mid))


def search(messages: dict[int, Tracked], sender: str = "", recipient: str = "",
           subject: str = "", since: Optional[dt.datetime] = None) -> list[Tracked]:
    """Messages whose sender, a recipient and subject contain the given texts (any case),
    received at ``since`` or later; newest first."""
    def has(value: str, part: str) -> bool:
        return part.lower() in value.lower()

    found = [m for m in messages.values()
             if has(m.sender, sender) and any(has(r, recipient) for r in m.recipients or [""])
             and has(m.subject, subject)
             and (since is None or (m.when() or dt.datetime.min) >= since)]
    return sorted(found, key=lambda m: m.mid, reverse=True)


def read_lines(path: Optional[Path]) -> list[str]:
    """The newest ``MAX_BYTES`` of a log file as lines (blocking: call it in a thread)."""
    if path is None or not path.exists():
        return []
    with open(path, "rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - MAX_BYTES))
        data = handle.read()
    lines = data.decode("utf-8", "replace").splitlines()
    return lines[1:] if size > MAX_BYTES else lines
