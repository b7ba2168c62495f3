"""The appliance's local Spam Quarantine (ISQ): messages the mail policy's anti-spam action sends
there wait, on disk, until the operator releases them (Monitor > Spam Quarantine).

One file per message under ``<state_dir>/spam_quarantine/``: ``<mid>.msg`` holds one JSON line
(the queued message's envelope, as the mail queue records it), then the body; each is written
atomically and fsynced before the message leaves the mail queue, so a restart (or a crash)
never loses one.  The index in memory is rebuilt from the files at start.  Reads and writes are
blocking: the core runs them in a thread.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from cluster import persist

NAME = "Spam Quarantine"     # the quarantine's name in the GUI and logs (user guide: "Spam Quarantine")


@dataclass
class Held:
    """A quarantined message as the list shows it; ``envelope`` rebuilds its queue entry."""
    mid: int
    sender: str
    recipients: list[str]
    subject: str
    size: int
    received: float
    envelope: dict


class SpamQuarantine:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.held: dict[int, Held] = {}
        for path in self.folder.glob("*.msg"):
            with path.open("rb") as handle:          # the envelope line only, not the body
                envelope = json.loads(handle.readline())
            self.held[envelope["mid"]] = _held(envelope)

    def _path(self, mid: int) -> Path:
        return self.folder / f"{mid}.msg"

    def hold(self, envelope: dict, body: bytes) -> None:
        """Keep a message (blocking: fsynced before it returns)."""
        line = json.dumps(envelope, separators=(",", ":")).encode()   # no raw newline in it
        persist.atomic_write(self._path(envelope["mid"]), line + b"\n" + body)
        self.held[envelope["mid"]] = _held(envelope)

    def listed(self) -> list[Held]:
        """Newest first, as the quarantine's search lists them."""
        return sorted(self.held.values(), key=lambda held: (held.received, held.mid),
                      reverse=True)

    def body(self, mid: int) -> bytes:
        return self._path(mid).read_bytes().split(b"\n", 1)[1]

    def remove(self, mid: int) -> None:
        """Forget a message once it is back in the mail queue (blocking)."""
        self._path(mid).unlink(missing_ok=True)
        self.held.pop(mid, None)


def _held(envelope: dict) -> Held:
    return Held(mid=envelope["mid"], sender=envelope["sender"],
                recipients=[address for _rid, address in envelope["rcpts"]],
                subject=envelope.get("meta", {}).get("subject", ""), size=envelope["size"],
                received=envelope["received"], envelope=envelope)
