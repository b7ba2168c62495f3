"""Monitor > Message Tracking: a message's events from ICID to DCID, found by its envelope."""
from __future__ import annotations

from asyncos_web import tracking

from .support import Client, make_gui

LOG = """\
Wed Dec  2 04:50:31 2026 Info: Begin Logfile
Wed Dec  2 04:50:32 2026 Info: New SMTP ICID 2 interface Management (127.0.0.2) address 127.0.0.1 reverse dns host localhost verified yes
Wed Dec  2 04:50:32 2026 Info: ICID 2 RELAY SG RELAYLIST match 127.0.0.1 SBRS not enabled country not enabled
Wed Dec  2 04:50:32 2026 Info: ICID 2 TLS success protocol TLSv1.3 cipher TLS_AES_256_GCM_SHA384
Wed Dec  2 04:50:32 2026 Info: Start MID 1 ICID 2
Wed Dec  2 04:50:32 2026 Info: MID 1 ICID 2 From: <alice@example.com>
Wed Dec  2 04:50:32 2026 Info: MID 1 ICID 2 RID 0 To: <bob@good.example.net>
Wed Dec  2 04:50:32 2026 Info: MID 1 Subject "GUI lab"
Wed Dec  2 04:50:32 2026 Info: New SMTP ICID 3 interface Management (127.0.0.2) address 127.0.0.9 reverse dns host x verified no
Wed Dec  2 04:50:32 2026 Info: ICID 2 close
Wed Dec  2 04:50:32 2026 Info: New SMTP DCID 1 interface 127.0.0.2 address 127.0.0.6 port 2525
Wed Dec  2 04:50:32 2026 Info: DCID 1 TLS success protocol TLSv1.3 cipher TLS_AES_256_GCM_SHA384
Wed Dec  2 04:50:32 2026 Info: Delivery start DCID 1 MID 1 to RID [0]
Wed Dec  2 04:50:32 2026 Info: Message done DCID 1 MID 1 to RID [0]
Wed Dec  2 04:50:32 2026 Info: DCID 1 close
"""


def test_a_message_carries_its_connection_and_delivery_lines():
    messages = tracking.track(LOG.splitlines())
    message = messages[1]
    assert (message.icid, message.dcids, message.sender, message.recipients, message.subject) == (
        2, [1], "alice@example.com", ["bob@good.example.net"], "GUI lab")
    assert len(message.events) == 13 and not any("ICID 3" in e for e in message.events)
    assert "ICID 2 TLS success" in message.events[2] and "DCID 1 close" in message.events[-1]
    assert tracking.search(messages, recipient="GOOD.example") == [message]
    assert tracking.search(messages, sender="nobody") == []


class MailLog:
    def __init__(self, path):
        self.path = path

    def log_path(self, log):
        return self.path if log == "mail_logs" else None


def test_the_pages(tmp_path):
    (tmp_path / "mail.current").write_text(LOG)
    gui, _ = make_gui(tmp_path, mail=MailLog(tmp_path / "mail.current"))
    client = Client(gui)
    client.login()
    page = client.get("/monitor/tracking?search=1&subject=gui&since=all")
    assert 'id="mid-1"' in page.body and "Messages found: 1" in page.body
    page = client.get("/monitor/tracking/message?mid=1")
    assert "DCID 1 TLS success protocol TLSv1.3" in page.body
    assert client.get("/monitor/tracking/message?mid=9").status == 404
