"""End-to-end fixtures: a real ``asyncos-emulator`` process, driven through its real services.

``appliance_server`` (one process per test) and ``appliance_server_module`` (one per test
module, for tests that only read) yield an ``ApplianceServer``:

* ``host``, ``ssh_port``, ``smtp_port``, ``port_offset``, ``state_dir``, ``process``;
* ``ssh(*command, user="admin", password="ironport", options=(), dimensions=(24, 80),
  timeout=10)`` spawns the OpenSSH client under pexpect (``delaybeforesend=None``, str I/O,
  host keys not checked) and answers the password prompt; pass ``password=None`` to answer it
  yourself (or for key logins), a ``command`` for exec mode;
* ``run(command, input=b"", user=..., password=..., options=())`` runs one exec command with
  OpenSSH under sshpass and returns the ``subprocess.CompletedProcess`` (exact stdout bytes,
  no local pty in between; ``returncode`` is the appliance's exit status); ``command=None``
  is ``ssh -T host < input`` (a shell without a pty);
* ``scp(*args)`` runs ``scp -O`` under sshpass; ``remote(path)`` spells ``admin@host:path``.

The process is ``python -m asyncos_emulator.main`` (what the ``asyncos-emulator`` script runs)
with ``--state-dir <tmp> --port-offset <N>``, where N leaves ports 21, 22, 25, 80 and 443 + N
free; the fixture waits for its ``Ready.`` line and at the end stops it with SIGTERM, asserting
exit status 0.  ``launch(state_dir, arguments=())`` is the same as a context manager, for a test
that restarts the appliance on the same state directory or passes more arguments (``--lab``).
"""
from __future__ import annotations

import contextlib
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional, Sequence

import pexpect
import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
BASE_PORTS = (21, 22, 25, 80, 443)
HOST = "127.0.0.1"
PEER_HOST = "127.0.0.1"
PASSWORD = "ironport"
START_TIMEOUT = 30.0
SSH_OPTIONS = ("-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
               "-o", "LogLevel=ERROR")


@dataclass
class ApplianceServer:
    host: str
    port_offset: int
    state_dir: Path
    process: subprocess.Popen
    startup: list[str] = field(default_factory=list)

    @property
    def ssh_port(self) -> int:
        return 22 + self.port_offset

    @property
    def smtp_port(self) -> int:
        return 25 + self.port_offset

    def ssh(self, *command: str, user: str = "admin", password: Optional[str] = PASSWORD,
            options: Sequence[str] = (), dimensions: tuple[int, int] = (24, 80),
            timeout: float = 10) -> pexpect.spawn:
        """OpenSSH to the appliance; ``command`` given = exec mode.  Returns after the
        password was sent (or at once with ``password=None``)."""
        args = ["-p", str(self.ssh_port), *SSH_OPTIONS, *options, f"{user}@{self.host}", *command]
        child = pexpect.spawn("ssh", args, timeout=timeout, dimensions=dimensions,
                              encoding="utf-8", codec_errors="replace")
        child.delaybeforesend = None
        if password is not None:
            child.expect(r"[Pp]assword: ")
            child.sendline(password)
        return child

    def run(self, command: Optional[str], input: bytes = b"", user: str = "admin",
            password: str = PASSWORD, options: Sequence[str] = (),
            timeout: float = 30) -> subprocess.CompletedProcess:
        """One exec command (or, with None, a shell without pty) through OpenSSH."""
        login = f"{user}@{self.host}"
        remote = ["-T", login] if command is None else [login, command]
        return subprocess.run(
            ["sshpass", "-p", password, "ssh", "-p", str(self.ssh_port), *SSH_OPTIONS, *options,
             *remote], input=input, capture_output=True, timeout=timeout)

    def scp(self, *args: str, password: str = PASSWORD,
            timeout: float = 30) -> subprocess.CompletedProcess:
        """``scp -O`` (legacy protocol) with ``args`` as given; remote paths as
        ``server.remote("/configuration/x")``."""
        return subprocess.run(
            ["sshpass", "-p", password, "scp", "-O", "-P", str(self.ssh_port), *SSH_OPTIONS,
             *args], capture_output=True, timeout=timeout)

    def remote(self, path: str, user: str = "admin") -> str:
        return f"{user}@{self.host}:{path}"



def refused(port: int) -> bool:
    """Nothing listens on ``port`` of the appliance's address (a service stopped or moved)."""
    try:
        socket.create_connection((HOST, port), timeout=5).close()
    except ConnectionRefusedError:
        return True
    return False

def _ports_free(offset: int) -> bool:
    for base in BASE_PORTS:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((HOST, base + offset))
            except OSError:
                return False
    return True


def _free_offset() -> int:
    for _ in range(200):
        offset = random.randrange(20000, 50000, 10)  # + 8443 stays a valid port
        if _ports_free(offset):
            return offset
    raise RuntimeError("no free port offset found")


@contextlib.contextmanager
def launch(state_dir: Path, port_offset: Optional[int] = None,
           arguments: Sequence[str] = (), returncode: int = 0) -> Iterator[ApplianceServer]:
    """Start the emulator on ``state_dir``, yield it once ready, stop it (``returncode``
    asserted: a test that kills it with SIGKILL expects ``-SIGKILL``)."""
    state_dir = Path(state_dir)
    state_dir.mkdir(parents=True, exist_ok=True)
    for attempt in range(3):  # another test may take a probed port before the emulator binds it
        offset = port_offset if port_offset is not None else _free_offset()
        log_path = state_dir.parent / f"{state_dir.name}-emulator-{offset}.log"
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "asyncos_emulator.main", "--state-dir", str(state_dir),
                 "--port-offset", str(offset), *arguments],
                cwd=REPOSITORY, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                env={**os.environ, "PYTHONUNBUFFERED": "1"})
        last_attempt = attempt == 2 or port_offset is not None
        startup = _wait_ready(process, log_path, last_attempt)
        if startup is not None:
            break
    try:
        yield ApplianceServer(HOST, offset, state_dir, process, startup)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                pytest.fail("the emulator did not stop on SIGTERM:\n" + log_path.read_text())
    assert process.returncode == returncode, log_path.read_text()


def _wait_ready(process: subprocess.Popen, log_path: Path,
                last_attempt: bool) -> Optional[list[str]]:
    """The start-up lines once ``Ready.`` was printed; None when it could not start (retry)."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        lines = log_path.read_text(errors="replace").splitlines()
        if any(line.startswith("Ready.") for line in lines):
            return lines
        if process.poll() is not None:
            if not last_attempt and any("cannot start" in line for line in lines):
                return None
            pytest.fail(f"the emulator exited with {process.returncode}:\n" + "\n".join(lines))
        time.sleep(0.05)
    process.kill()
    pytest.fail("the emulator did not print Ready.:\n" + log_path.read_text())


@pytest.fixture
def appliance_server(tmp_path: Path) -> Iterator[ApplianceServer]:
    with launch(tmp_path / "state") as server:
        yield server


@contextlib.contextmanager
def lab_peer(mode: str, *arguments: str) -> Iterator[int]:
    """A lab peer MTA (``asyncos-emulator peer serve --mode MODE``, its own process) on
    ``PEER_HOST``; yields its port."""
    process = subprocess.Popen(
        [sys.executable, "-m", "asyncos_emulator.main", "peer", "serve", "--listen",
         f"{PEER_HOST}:0", "--mode", mode, *arguments], stdout=subprocess.PIPE, text=True,
        cwd=REPOSITORY)
    port = int(re.search(r"on 127\.0\.0\.1:(\d+)", process.stdout.readline()).group(1))
    yield port
    process.terminate()
    process.wait(10)


@pytest.fixture
def refusing_peer() -> Iterator[int]:
    """A lab peer that answers STARTTLS with 454; yields its port."""
    with lab_peer("tls-454") as port:
        yield port


@pytest.fixture(scope="module")
def appliance_server_module(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApplianceServer]:
    with launch(tmp_path_factory.mktemp("appliance") / "state") as server:
        yield server
