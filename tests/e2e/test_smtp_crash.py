"""kill -9 under load: every message acknowledged with 250 is delivered after a restart.

Phase 1 runs the real ``asyncos-emulator`` with all mail routed to a closed port (so accepted
messages wait in the queue), drives it with concurrent SMTP clients and kills it with SIGKILL in
the middle of the load.  Phase 2 routes mail to a receiving MTA and restarts the emulator on the
same state directory: the queue is replayed and every acknowledged message must arrive.
"""
import asyncio
import os
import re
import signal
import subprocess
import sys
import threading
import time

from cluster import model

from ..smtp.sink import Sink
from ..smtp.support import HOST, edit, free_port
from .conftest import REPOSITORY, _free_offset, launch

import harness

CLIENTS = 12
KILL_AFTER = 120


def route_all(appliance, port: int) -> None:
    def change(session):
        session.edit("smtproutes").routes[model.ROUTE_ALL] = model.SmtpRoute(
            model.ROUTE_ALL, [model.RouteDestination(HOST, port)])
    edit(appliance, change)


async def client(port: int, number: int, acked: set, stop: asyncio.Event) -> None:
    """One connection after another, one message each; a subject is recorded once it got 250."""
    sequence = 0
    while not stop.is_set():
        subject = f"crash-{number}-{sequence}"
        sequence += 1
        try:
            reader, writer = await asyncio.open_connection(HOST, port)
            for line in (None, b"EHLO load.example", b"MAIL FROM:<load@sender.example>",
                         b"RCPT TO:<user@dest.example>", b"DATA"):
                if line is not None:
                    writer.write(line + b"\r\n")
                while (reply := await reader.readline())[3:4] == b"-":
                    pass
            writer.write(f"Subject: {subject}\r\n\r\nbody\r\n.\r\n".encode())
            reply = await reader.readline()
            if reply.startswith(b"250 "):
                acked.add(subject)
            writer.write(b"QUIT\r\n")
            writer.close()
        except (OSError, ConnectionError):
            await asyncio.sleep(0.05)


async def load_until_killed(process: subprocess.Popen, port: int) -> set:
    acked: set = set()
    stop = asyncio.Event()
    tasks = [asyncio.ensure_future(client(port, n, acked, stop)) for n in range(CLIENTS)]
    while len(acked) < KILL_AFTER:
        await asyncio.sleep(0.01)
    process.send_signal(signal.SIGKILL)     # in the middle of the load: sessions are open
    process.wait()
    await asyncio.sleep(0.3)
    stop.set()
    await asyncio.wait(tasks, timeout=15)
    return acked


def run_sink(sink: Sink) -> tuple[int, asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    started = threading.Event()
    port = []

    def serve():
        asyncio.set_event_loop(loop)
        port.append(loop.run_until_complete(sink.start()))
        started.set()
        loop.run_forever()
    threading.Thread(target=serve, daemon=True).start()
    started.wait(10)
    return port[0], loop


def test_kill_9_under_load_loses_no_acknowledged_message(tmp_path):
    state = tmp_path / "state"
    appliance = harness.make_appliance(state)
    route_all(appliance, free_port())            # nothing listens there: messages stay queued
    offset = _free_offset()
    log_path = tmp_path / "phase1.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "asyncos_emulator.main", "--state-dir", str(state),
             "--port-offset", str(offset)], cwd=REPOSITORY, stdin=subprocess.DEVNULL,
            stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 30
    while "Ready." not in log_path.read_text():
        assert process.poll() is None and time.monotonic() < deadline, log_path.read_text()
        time.sleep(0.05)
    acked = asyncio.run(load_until_killed(process, 25 + offset))
    assert process.returncode == -signal.SIGKILL
    assert len(acked) >= KILL_AFTER

    sink = Sink("plain")
    sink_port, loop = run_sink(sink)
    route_all(harness.make_appliance(state), sink_port)
    with launch(state):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            subjects = [re.search(rb"Subject: (\S+)", m.data).group(1).decode()
                        for m in list(sink.messages)]
            received = set(subjects)
            if acked <= received:
                break
            time.sleep(0.2)
    # read after the clean stop: the log writer buffers lines and flushes them on stop
    mail_log = (state / "logs" / "mail_logs" / "mail.current").read_text()
    loop.call_soon_threadsafe(loop.stop)
    missing = acked - received
    assert not missing, f"{len(missing)} acknowledged messages lost: {sorted(missing)[:10]}"
    # Phase 1 delivered nothing, so each message must arrive once: a second copy would be the
    # replay sending what it had already sent.
    duplicates = sorted({subject for subject in subjects if subjects.count(subject) > 1})
    assert not duplicates, f"{len(duplicates)} messages delivered twice: {duplicates[:10]}"
    # the restart resumed delivery of the recovered queue, logged as ever
    assert "Message done DCID" in mail_log and "Message finished MID" in mail_log
