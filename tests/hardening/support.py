"""What the hardening tests share: a probe that keeps asking another service (the SMTP banner)
while an attack runs, and SSH clients that can misbehave (paramiko)."""
from __future__ import annotations

import socket
import threading
import time
from typing import Optional

import paramiko

HOST = "127.0.0.1"
PASSWORD = "ironport"
# A banner slower than this means the event loop was stalled (the attacks measured in issue 15
# stalled it for 23 s and more).  Not a speed target: scripts/bench_hardening measures those.
STALLED = 5.0


class BannerProbe:
    """Connects to the SMTP port every ``interval`` seconds in a thread and records how long
    the ``220`` banner took (``worst``; a refused or silent connection counts as ``STALLED``)."""

    def __init__(self, port: int, interval: float = 0.05):
        self.port, self.interval = port, interval
        self.latencies: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "BannerProbe":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=STALLED * 3)

    @property
    def worst(self) -> float:
        return max(self.latencies, default=0.0)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.latencies.append(banner_latency(self.port))
            self._stop.wait(self.interval)


def banner_latency(port: int, timeout: float = STALLED * 2) -> float:
    start = time.monotonic()
    try:
        with socket.create_connection((HOST, port), timeout=timeout) as conn:
            conn.settimeout(timeout)
            banner = conn.recv(512)
            conn.sendall(b"QUIT\r\n")
    except OSError:
        return STALLED
    return time.monotonic() - start if banner.startswith(b"220") else STALLED


def ssh_client(port: int, user: str = "admin", password: str = PASSWORD) -> paramiko.SSHClient:
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect(HOST, port=port, username=user, password=password, look_for_keys=False,
                   allow_agent=False, timeout=15, banner_timeout=15, auth_timeout=15)
    return client


def read_until(channel: paramiko.Channel, marker: bytes, timeout: float = 30.0,
               seen: Optional[bytearray] = None) -> bytes:
    """What the channel sends up to and including ``marker`` (AssertionError after timeout)."""
    seen = seen if seen is not None else bytearray()
    deadline = time.monotonic() + timeout
    channel.settimeout(0.5)
    while marker not in seen:
        if time.monotonic() > deadline:
            raise AssertionError(f"{marker!r} not seen; got ...{bytes(seen[-400:])!r}")
        try:
            chunk = channel.recv(65536)
        except socket.timeout:
            continue
        if not chunk:
            raise AssertionError(f"channel closed before {marker!r}; got ...{bytes(seen[-400:])!r}")
        seen.extend(chunk)
    return bytes(seen)


class RawSink:
    """A next-hop MTA in a thread that keeps every DATA stream byte for byte (up to the
    ``CRLF.CRLF`` a strict server ends it at), to see exactly what the appliance relays."""

    def __init__(self) -> None:
        self.server = socket.create_server((HOST, 0))
        self.port = self.server.getsockname()[1]
        self.streams: list[bytes] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def wait_for(self, count: int, timeout: float = 30.0) -> list[bytes]:
        deadline = time.monotonic() + timeout
        while len(self.streams) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.streams

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self._session, args=(conn,), daemon=True).start()

    def _session(self, conn: socket.socket) -> None:
        with conn:
            conn.sendall(b"220 sink ESMTP\r\n")
            pending = b""
            while True:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                pending += chunk
                while b"\r\n" in pending:
                    line, pending = pending.split(b"\r\n", 1)
                    verb = line[:4].upper()
                    if verb == b"DATA":
                        conn.sendall(b"354 go\r\n")
                        stream, end = bytearray(pending), pending.find(b"\r\n.\r\n")
                        while end < 0:      # searched once per byte: a big message is fine
                            more = conn.recv(1 << 20)
                            if not more:
                                return
                            stream += more
                            end = stream.find(b"\r\n.\r\n", max(0, len(stream) - len(more) - 4))
                        data, pending = bytes(stream[:end]), bytes(stream[end + 5:])
                        self.streams.append(data + b"\r\n")
                        conn.sendall(b"250 ok\r\n")
                    elif verb == b"QUIT":
                        conn.sendall(b"221 bye\r\n")
                        return
                    elif verb == b"EHLO":
                        conn.sendall(b"250 sink\r\n")
                    else:
                        conn.sendall(b"250 ok\r\n")


class SmtpClient:
    """A raw SMTP client: whatever bytes the test wants, replies read line by line."""

    def __init__(self, port: int, source: str = HOST, timeout: float = 15.0):
        self.conn = socket.create_connection((HOST, port), timeout=timeout,
                                             source_address=(source, 0))
        self.file = self.conn.makefile("rb")

    def reply(self) -> bytes:
        """One whole reply (the last line of a multi-line one)."""
        while True:
            line = self.file.readline()
            if not line or line[3:4] != b"-":
                return line

    def send(self, data: bytes) -> bytes:
        self.conn.sendall(data)
        return self.reply()

    def close(self) -> None:
        try:
            self.conn.close()
        except OSError:
            pass
