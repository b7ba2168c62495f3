"""In-process CLI sessions for fast transcript tests of command dialogues.

The session runs on a LineTerminal with echo, so the transcript reads like a pty's: prompt,
typed answer, CR LF.  End-to-end tests over the real transports live in ``tests/e2e``.
"""
from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Optional, Sequence

from asyncos_shell.engine.cli import CliSession
from asyncos_shell.engine.context import Appliance, LogSink, NullLogs, PeerCheck
from asyncos_shell.terminal.line import LineTerminal
from cluster import defaults, passwords
from cluster.lab import FileRegistry, Lab
from cluster.backend import CommitMeta
from cluster.session import ConfigSession

_FACTORY_CACHE: dict = {}


def factory() -> "defaults.ClusterConfig":
    """The factory configuration, built once per test process (RSA key generation is slow)."""
    if "config" not in _FACTORY_CACHE:
        _FACTORY_CACHE["config"] = defaults.factory_config(serial="ABCDEF012345-ABCDEFG")
    return _FACTORY_CACHE["config"].copy()


MACHINE = "ironport.example.com"


def make_appliance(state_dir: Path, logs: Optional[LogSink] = None, **scenario) -> Appliance:
    """The factory appliance with the scenario knobs ``scenario``; ``logs``: where its log
    lines go (none are kept by default)."""
    lab = Lab(FileRegistry(Path(state_dir)), {MACHINE: factory})
    return Appliance(lab=lab, machine=MACHINE, state_dir=Path(state_dir), scenario=scenario,
                     logs=logs or NullLogs())


def make_fleet(state_dir: Path, count: int = 2, recording: bool = False) -> list[Appliance]:
    """``count`` standalone appliances esa1.example.com... on 127.0.0.2... sharing one Lab;
    ``recording``: each keeps its log lines (``RecordingLogs``)."""
    names = [f"esa{n}.example.com" for n in range(1, count + 1)]
    factories = {name: (lambda name=name, n=n: defaults.factory_config(
        hostname=name, address=f"127.0.0.{n + 1}", serial=f"ABCDEF01234{n}-ABCDEF{n}"))
        for n, name in enumerate(names, 1)}
    lab = Lab(FileRegistry(Path(state_dir)), factories)
    return [Appliance(lab=lab, machine=name, state_dir=Path(state_dir) / name, peers=LabPeers(lab),
                      **({"logs": RecordingLogs()} if recording else {}))
            for name in names]


class LabPeers:
    """In-process stand-in for the SSH connection clusterconfig join makes (the real one is
    tested end to end in tests/e2e/test_cluster_lab.py): the member's users decide."""

    FINGERPRINT = "SHA256:in-process-test-peer"

    def __init__(self, lab: Lab):
        self.lab = lab

    async def check(self, address: str, port: int, user: str, passphrase: str) -> PeerCheck:
        target = self.lab.machine_at(address, {port})
        if target is None:
            return PeerCheck(None, False)
        account = self.lab.committed(target).appliance(target).users.users.get(user)
        return PeerCheck(self.FINGERPRINT, account is not None and await asyncio.to_thread(
            passwords.check_password, passphrase, account.password_hash))


class RecordingLogs:
    """A log sink that keeps what the appliance wrote, per log subscription."""

    def __init__(self) -> None:
        self.lines: list[tuple[str, str]] = []

    def write(self, log: str, message: str, level: str = "Info") -> None:
        self.lines.append((log, message))

    def of(self, log: str) -> list[str]:
        return [message for name, message in self.lines if name == log]


class Transcript:
    def __init__(self, appliance: Appliance, user: str = "admin", columns: int = 0):
        self.output = bytearray()
        # columns=0: logical lines, the transcript reads the same whatever width a real client
        # has; a width shows the lines as a terminal of that width wraps them.
        self.terminal = LineTerminal(self.output.extend, echo=True, columns=columns)
        users = appliance.view().users.users
        self.cli = CliSession(appliance, users[user], self.terminal)

    @property
    def text(self) -> str:
        return self.output.decode()


def run_session(appliance: Appliance, lines: Sequence[str], user: str = "admin",
                columns: int = 0) -> Transcript:
    """Type ``lines`` into an interactive session (then end input); the transcript afterwards
    (``cli.config`` keeps the session's pending changes)."""
    transcript = Transcript(appliance, user, columns)

    async def main() -> None:
        for line in lines:
            transcript.terminal.feed(line.encode() + b"\n")
        transcript.terminal.end_input()
        await transcript.cli.run_shell()

    asyncio.run(main())
    return transcript


def run(appliance: Appliance, lines: Sequence[str], user: str = "admin", columns: int = 0) -> str:
    """Type ``lines`` into an interactive session (then end input); return the CR LF transcript."""
    return run_session(appliance, lines, user, columns).text


def run_exec(appliance: Appliance, line: str,
             user: str = "admin") -> tuple[int, str, ConfigSession]:
    """``ssh host '<line>'`` without input: (exit status, transcript, the session's
    configuration with its pending changes)."""
    transcript = Transcript(appliance, user)

    async def main() -> int:
        transcript.terminal.end_input()
        return await transcript.cli.run_exec(line)

    status = asyncio.run(main())
    return status, transcript.text, transcript.cli.config


def after_banner(text: str) -> str:
    """The transcript from the first prompt on (the banner is tested on its own)."""
    marker = "they are made.\r\n\r\n"  # the NOTE's end, on one line or wrapped
    return text.split(marker, 1)[1]


def backend_of(appliance: Appliance) -> str:
    """The configuration backend the appliance's machine uses now."""
    return appliance.lab.backend_id(appliance.machine)


def force_commit(appliance: Appliance, config: "defaults.ClusterConfig", comment: str) -> None:
    """Commit ``config`` as a whole, as the administrator (test set-up without a dialogue)."""
    appliance.lab.replace(appliance.machine, config, CommitMeta("admin", comment, appliance.machine))
