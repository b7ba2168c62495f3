"""Issue 15 item 4: hostile SMTP input is refused or normalised, and a drip holds no slot."""
from __future__ import annotations

import re
import threading
import time

import pytest

from smtp_core.hygiene import RECLAIM_AFTER_SECONDS

from .support import STALLED, RawSink, SmtpClient, banner_latency

BARE = re.compile(rb"(?<!\r)\n|\r(?!\n)")


@pytest.fixture(scope="module")
def relay(appliance_server_module):
    """The appliance with all mail routed to a RawSink."""
    sink = RawSink()
    done = appliance_server_module.run(f"smtproutes new ALL 127.0.0.1:{sink.port}; commit r Y")
    assert b"Changes committed" in done.stdout, done.stdout
    return appliance_server_module, sink


def envelope(client: SmtpClient, sender: bytes = b"a@sender.example",
             recipient: bytes = b"user@dest.example") -> None:
    assert client.reply().startswith(b"220")
    assert client.send(b"EHLO client.example\r\n").startswith(b"250")
    assert client.send(b"MAIL FROM:<" + sender + b">\r\n").startswith(b"250")
    assert client.send(b"RCPT TO:<" + recipient + b">\r\n").startswith(b"250")
    assert client.send(b"DATA\r\n").startswith(b"354")


@pytest.mark.parametrize("end", [b"\n.\r\n", b"\n.\n", b"\r.\r\n"])
def test_a_smuggled_message_is_relayed_as_one_message_with_crlf_only(relay, end):
    server, sink = relay
    before = len(sink.streams)
    client = SmtpClient(server.smtp_port)
    envelope(client)
    smuggled = (b"Subject: carrier\r\n\r\nhello" + end + b"MAIL FROM:<spoof@bank.example>\r\n"
                b"RCPT TO:<victim@dest.example>\r\nDATA\r\nSubject: smuggled\r\n\r\nevil\r\n")
    assert client.send(smuggled + b".\r\n").startswith(b"250")
    assert client.send(b"QUIT\r\n").startswith(b"221")
    client.close()
    streams = sink.wait_for(before + 1)
    time.sleep(0.5)  # a second message, if any, would have arrived by now
    assert len(sink.streams) == before + 1
    relayed = streams[before]
    assert BARE.search(relayed) is None, relayed
    assert b"\r\n..\r\nMAIL FROM:<spoof@bank.example>" in relayed  # inside, dot-stuffed


@pytest.mark.parametrize("address", [b"a\0b@sender.example", "j\u00f6rg@sender.example".encode(),
                                     b"a\x01b@sender.example", b"\xff@sender.example"])
def test_nul_control_and_8bit_envelope_addresses_are_refused(relay, address):
    server, _ = relay
    client = SmtpClient(server.smtp_port)
    client.reply()
    client.send(b"EHLO client.example\r\n")
    assert client.send(b"MAIL FROM:<" + address + b">\r\n").startswith(b"501")
    assert client.send(b"MAIL FROM:<a@sender.example>\r\n").startswith(b"250")
    assert client.send(b"RCPT TO:<" + address + b">\r\n").startswith(b"501")
    client.close()


def test_more_header_lines_than_the_limit_are_refused(relay):
    server, _ = relay
    client = SmtpClient(server.smtp_port)
    envelope(client)
    headers = b"".join(b"X-Filler-%d: x\r\n" % n for n in range(1001))
    assert client.send(headers + b"\r\nbody\r\n.\r\n").startswith(b"552")
    client.close()


def test_a_slow_drip_cannot_hold_every_slot(relay):
    # One source address (the relay list's concurrency allows it; other loopback addresses
    # would make the appliance ask the resolver for their names).
    server, sink = relay
    drippers, stop = [], threading.Event()
    for _ in range(60):  # more than the listener's 50 slots
        client = SmtpClient(server.smtp_port)
        drippers.append(client)
    for client in drippers[:50]:
        assert client.reply().startswith(b"220")

    def drip():
        while not stop.is_set():
            for client in drippers:
                try:
                    client.conn.sendall(b"N")  # never a whole command
                except OSError:
                    pass
            stop.wait(1.0)
    threading.Thread(target=drip, daemon=True).start()
    try:
        time.sleep(RECLAIM_AFTER_SECONDS + 1)  # the drippers have made no progress since
        before = len(sink.streams)
        delivered = 0
        for _ in range(5):
            client = SmtpClient(server.smtp_port)
            try:
                envelope(client)
                if client.send(b"Subject: legit\r\n\r\nhi\r\n.\r\n").startswith(b"250"):
                    delivered += 1
            except AssertionError:
                pass
            client.close()
        assert delivered == 5
        assert len(sink.wait_for(before + 5)) >= before + 5
    finally:
        stop.set()
        for client in drippers:
            client.close()
    assert banner_latency(server.smtp_port) < STALLED
