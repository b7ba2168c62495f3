"""Monitor > Spam Quarantine lists what the appliance's Spam Quarantine holds and releases the
ticked messages (the core's release; here a recording stand-in over the real on-disk store)."""
from __future__ import annotations

from smtp_core.spamquarantine import SpamQuarantine

from .support import Client, make_gui


class Mail:
    """The part of the mail core the page uses."""

    def __init__(self, folder):
        self.spam_quarantine = SpamQuarantine(folder)
        self.released: list[int] = []

    async def release_spam(self, mid: int) -> bool:
        if mid not in self.spam_quarantine.held:
            return False
        self.spam_quarantine.remove(mid)
        self.released.append(mid)
        return True


def envelope(mid: int, subject: str) -> dict:
    return {"mid": mid, "icid": 3, "sender": "spammer@sender.example",
            "rcpts": [[0, "user@example.com"]], "size": 2048, "received": 1764650000.0 + mid,
            "meta": {"subject": subject}}


def test_list_and_release(tmp_path):
    gui, _ = make_gui(tmp_path)
    mail = gui.appliance.mail = Mail(tmp_path / "isq")
    client = Client(gui)
    client.login()
    assert "No messages in the Spam Quarantine." in client.get("/monitor/spam_quarantine").body
    mail.spam_quarantine.hold(envelope(7, "<b>cheap</b>"), b"Subject: x\r\n\r\nGTUBE\r\n")
    mail.spam_quarantine.hold(envelope(8, "second"), b"Subject: y\r\n\r\nGTUBE\r\n")
    page = client.get("/monitor/spam_quarantine")
    assert page.body.index('id="mid-8"') < page.body.index('id="mid-7"')     # newest first
    assert "&lt;b&gt;cheap&lt;/b&gt;" in page.body and "spammer@sender.example" in page.body
    assert client.post("/monitor/spam_quarantine/release", mid=["7", "9"]).status == 303
    page = client.get("/monitor/spam_quarantine")
    assert mail.released == [7] and 'id="mid-7"' not in page.body and 'id="mid-8"' in page.body
    assert "1 message(s) released." in page.body
    assert client.post("/monitor/spam_quarantine/release").status == 303
    assert "No messages were selected." in client.get("/monitor/spam_quarantine").body
    # a forged form (no CSRF token of the session) releases nothing
    assert client.post("/monitor/spam_quarantine/release", mid="8", CSRFKey="x").status == 403
    assert mail.released == [7]
