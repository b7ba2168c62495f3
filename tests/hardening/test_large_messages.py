"""Issue 15 item 4: message bodies are spooled to disk, not held in memory.

A 30 MB message is accepted and relayed byte for byte while the server's peak RSS grows by far
less than the message; a kill -9 while large messages stream in loses no acknowledged body.
The memory figure is a bound with a wide margin (not a timing): ``scripts/bench_hardening``
measures the 20 x 95 MB case.
"""
from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

from ..e2e.conftest import launch
from ..e2e.test_smtp_crash import route_all
from ..smtp.support import free_port
from .support import HOST, RawSink, SmtpClient
from .test_smtp import envelope

import harness

LINE = b"x" * 70 + b"\r\n"


def vm_hwm_kb(pid: int) -> int:
    """The process's peak resident set size so far (kB)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


def write_message(path: Path, subject: bytes, megabytes: float) -> int:
    """A message of about ``megabytes`` MB in ``path``: a header section, then lines of which
    every 1000th begins with a dot (to be stuffed on the wire both ways)."""
    with open(path, "wb") as out:
        out.write(b"Subject: " + subject + b"\r\n\r\n")
        for number in range(int(megabytes * 1024 * 1024) // len(LINE)):
            out.write(b"." + LINE[1:] if number % 1000 == 0 else LINE)
    return path.stat().st_size


def send_file(client: SmtpClient, path: Path) -> bytes:
    """DATA from a file in 64 KB pieces, dot-stuffed; the reply to the end of data."""
    with open(path, "rb") as body:
        at_line_start = True
        while piece := body.read(65536):
            stuffed = piece.replace(b"\r\n.", b"\r\n..")
            if at_line_start and piece.startswith(b"."):
                stuffed = b"." + stuffed
            client.conn.sendall(stuffed)
            at_line_start = piece.endswith(b"\r\n")   # LINE never straddles the 64 KB pieces
    return client.send(b".\r\n")


def stuffed(path: Path) -> bytes:
    """The body as a next hop sees it between DATA and the end of data."""
    body = path.read_bytes().replace(b"\r\n.", b"\r\n..")
    return b"." + body if body.startswith(b".") else body


def without_received(stream: bytes) -> bytes:
    """The relayed stream after the appliance's own Received header (two lines)."""
    assert stream.startswith(b"Received: from "), stream[:200]
    return stream.split(b"\r\n", 2)[2]


def test_a_30_mb_message_is_relayed_byte_for_byte_in_bounded_memory(appliance_server, tmp_path):
    server, sink = appliance_server, RawSink()
    done = server.run(f"smtproutes new ALL 127.0.0.1:{sink.port}; commit r Y")
    assert b"Changes committed" in done.stdout, done.stdout
    path = tmp_path / "big.eml"
    size = write_message(path, b"thirty", 30)
    before = vm_hwm_kb(server.process.pid)
    client = SmtpClient(server.smtp_port, timeout=120)
    envelope(client)
    assert send_file(client, path).startswith(b"250 ")
    client.send(b"QUIT\r\n")
    client.close()
    streams = sink.wait_for(1, timeout=180)
    assert len(streams) == 1
    grown = (vm_hwm_kb(server.process.pid) - before) * 1024
    assert without_received(streams[0]) == stuffed(path)
    assert grown < size // 2, f"peak RSS grew by {grown} bytes for a {size}-byte message"


def test_kill_9_while_large_bodies_stream_in_loses_no_acknowledged_message(tmp_path):
    state = tmp_path / "state"
    route_all(harness.make_appliance(state), free_port())   # nothing listens: mail stays queued
    bodies = {}
    for number in range(4):
        bodies[b"big-%d" % number] = tmp_path / f"{number}.eml"
        write_message(bodies[b"big-%d" % number], b"big-%d" % number, 1.5)
    acked: list[bytes] = []

    def sender(subjects: list[bytes], port: int) -> None:
        for subject in subjects:
            try:
                client = SmtpClient(port, timeout=30)
                envelope(client)
                if send_file(client, bodies[subject]).startswith(b"250 "):
                    acked.append(subject)
                client.close()
            except (OSError, AssertionError):
                return                          # the appliance was killed
    with launch(state, returncode=-signal.SIGKILL) as server:
        senders = [threading.Thread(target=sender, args=(list(bodies) * 50, server.smtp_port))
                   for _ in range(3)]
        for thread in senders:
            thread.start()
        deadline = time.monotonic() + 120
        while len(acked) < 6 and time.monotonic() < deadline:
            time.sleep(0.01)
        server.process.send_signal(signal.SIGKILL)     # other messages are mid-DATA now
        server.process.wait()
        for thread in senders:
            thread.join(timeout=60)
    assert len(acked) >= 6
    spooled = list((state / "queue" / "bodies").iterdir())
    assert spooled, "big bodies are spooled to files"

    sink = RawSink()
    route_all(harness.make_appliance(state), sink.port)
    with launch(state):
        streams = sink.wait_for(len(acked), timeout=120)
        time.sleep(0.5)
    relayed = [without_received(stream) for stream in streams]
    # at-least-once: each acknowledged message arrives, whole (a duplicate is allowed)
    assert len(relayed) >= len(acked)
    for subject in set(acked):
        assert stuffed(bodies[subject]) in relayed, subject
    assert set(relayed) <= {stuffed(path) for path in bodies.values()}
