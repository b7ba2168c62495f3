"""A real etcd for the tests (and ``scripts/bench_cluster``): Debian's ``etcd`` on free loopback
ports, data in a temp directory.

``EtcdServer(data_dir)`` starts it (``start``), waits until ``/health`` answers, and can be
stopped and started again on the same ports and data (``stop``, ``start``): a member sees the
same URL come back.  Without the binary the tests skip, except in CI, where they must run.
"""
from __future__ import annotations

import itertools
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

HOST = "127.0.0.1"
READY_TIMEOUT = 30.0
_prefixes = itertools.count()


class EtcdError(RuntimeError):
    pass


def etcd_binary() -> str:
    """The etcd binary; skips the test without it (fails in CI: scripts/test installs it)."""
    import pytest
    binary = shutil.which("etcd")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("etcd is not installed (Debian package etcd-server, see scripts/test)")
        pytest.skip("etcd is not installed (Debian package etcd-server)")
    return binary


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def unique_prefix(name: str) -> str:
    """A key prefix of its own for one test on a shared etcd."""
    return f"/test-{os.getpid()}-{next(_prefixes)}-{name}"


class EtcdServer:
    def __init__(self, data_dir: Path, binary: str | None = None):
        self.binary = binary or etcd_binary()
        self.data_dir = Path(data_dir)
        self.client_port, self.peer_port = free_port(), free_port()
        self.process: subprocess.Popen | None = None

    @property
    def endpoint(self) -> str:
        return f"{HOST}:{self.client_port}"

    def url(self, prefix: str = "") -> str:
        """``etcd://127.0.0.1:PORT/prefix``, what ``--store`` and ``EtcdRegistry`` take."""
        return f"etcd://{self.endpoint}{prefix}"

    def start(self) -> None:
        client, peer = f"http://{self.endpoint}", f"http://{HOST}:{self.peer_port}"
        log = open(self.data_dir.parent / f"{self.data_dir.name}.log", "ab")
        self.process = subprocess.Popen(
            [self.binary, "--name", "test", "--data-dir", str(self.data_dir),
             "--listen-client-urls", client, "--advertise-client-urls", client,
             "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
             "--initial-cluster", f"test={peer}"],
            stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise EtcdError(f"etcd exited with {self.process.returncode}: see {log.name}")
            if self.healthy():
                return
            time.sleep(0.05)
        raise EtcdError(f"etcd did not become healthy: see {log.name}")

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://{self.endpoint}/health", timeout=1) as answer:
                return json.loads(answer.read()).get("health") == "true"
        except (OSError, ValueError):
            return False

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(sig)
            wait_or_kill(self.process)
        self.process = None


def wait_or_kill(process: subprocess.Popen, timeout: float = 10) -> None:
    """Wait for a process asked to stop; kill it if it does not within ``timeout``."""
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
