"""Members of one cluster in separate processes sharing a real etcd (``etcd_member.py``):
commits seen across processes, simultaneous commits merged, etcd stopped and back, SIGKILL."""
from __future__ import annotations

import os
import queue
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from etcd_support import EtcdServer, unique_prefix, wait_or_kill

ROOT = Path(__file__).resolve().parents[2]
MEMBER = Path(__file__).with_name("etcd_member.py")
ESA1, ESA2 = "esa1.example.com", "esa2.example.com"
ANSWER_TIMEOUT = 20.0


class Member:
    """A member process; ``ask`` sends a command and returns its answer line."""

    def __init__(self, url: str, machine: str):
        self.machine = machine
        self.process = subprocess.Popen(
            [sys.executable, str(MEMBER), url, machine], cwd=ROOT, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT)})
        self.answers: queue.Queue[str] = queue.Queue()
        self.seen: list[int] = []
        self._seen_changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        assert self.answer() == "ready"

    def _read(self) -> None:
        for line in self.process.stdout:
            line = line.rstrip("\n")
            if line.startswith("seen "):
                with self._seen_changed:
                    self.seen.append(int(line.split()[1]))
                    self._seen_changed.notify_all()
            else:
                self.answers.put(line)

    def send(self, command: str) -> None:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def answer(self, timeout: float = ANSWER_TIMEOUT) -> str:
        try:
            return self.answers.get(timeout=timeout)
        except queue.Empty:
            pytest.fail(f"{self.machine} did not answer within {timeout} s")

    def ask(self, command: str, timeout: float = ANSWER_TIMEOUT) -> str:
        self.send(command)
        return self.answer(timeout)

    def committed(self, command: str) -> int:
        answer = self.ask(command)
        assert answer.startswith("committed "), answer
        return int(answer.split()[1])

    def values(self) -> tuple[int, int, int]:
        """(revision, max_concurrency, retry_initial_seconds) this member reads now."""
        word, *numbers = self.ask("get").split()
        assert word == "value"
        return tuple(map(int, numbers))

    def wait_seen(self, revision: int, timeout: float = 5.0) -> None:
        with self._seen_changed:
            if not self._seen_changed.wait_for(lambda: max(self.seen, default=-1) >= revision,
                                               timeout):
                pytest.fail(f"{self.machine} never saw revision {revision}: {self.seen}")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            wait_or_kill(self.process)


@pytest.fixture
def members(request):
    """``members(url, machine, …)`` starts member processes, stopped at the end of the test."""
    started: list[Member] = []

    def start(url: str, *machines: str) -> list[Member]:
        new = [Member(url, machine) for machine in machines]
        started.extend(new)
        return new

    yield start
    for member in started:
        member.close()


def cluster_of_two(url: str, members) -> tuple[Member, Member]:
    a, b = members(url, ESA1, ESA2)
    assert a.ask("create lab") == "ok"
    assert b.ask(f"join {ESA1}") == "ok"
    return a, b


def test_a_commit_on_one_member_is_seen_by_the_other(etcd_server, members):
    a, b = cluster_of_two(etcd_server.url(unique_prefix("seen")), members)
    revision = a.committed("set max_concurrency 1234")
    b.wait_seen(revision)
    assert b.values()[:2] == (revision, 1234)
    revision = b.committed("set retry_initial_seconds 77")
    a.wait_seen(revision)
    assert a.values() == (revision, 1234, 77)


def test_simultaneous_commits_on_two_members_all_land(etcd_server, members):
    a, b = cluster_of_two(etcd_server.url(unique_prefix("simultaneous")), members)
    for round_ in range(1, 11):
        # Different settings at the same moment: both land.
        a.send(f"set max_concurrency {1000 + round_}")
        b.send(f"set retry_initial_seconds {round_}")
        answers = [a.answer(), b.answer()]
        assert all(answer.startswith("committed ") for answer in answers), answers
        newest = max(int(answer.split()[1]) for answer in answers)
        for member in (a, b):
            member.wait_seen(newest)
            assert member.values() == (newest, 1000 + round_, round_)
        # The same setting at the same moment: the later commit wins on both members.
        a.send(f"set max_concurrency {2000 + round_}")
        b.send(f"set max_concurrency {3000 + round_}")
        revision_a, revision_b = (int(m.answer().split()[1]) for m in (a, b))
        assert revision_a != revision_b
        winner = 2000 + round_ if revision_a > revision_b else 3000 + round_
        for member in (a, b):
            member.wait_seen(max(revision_a, revision_b))
            assert member.values()[1] == winner


def test_etcd_stopped_commit_keeps_pending_changes_and_members_catch_up(tmp_path, members):
    etcd = EtcdServer(tmp_path / "etcd")
    etcd.start()
    try:
        a, b = cluster_of_two(etcd.url(unique_prefix("outage")), members)
        before = a.committed("set max_concurrency 500")
        b.wait_seen(before)
        etcd.stop()
        started = time.monotonic()
        answer = a.ask("set max_concurrency 777")
        assert answer.startswith("unavailable ") and "cannot be reached" in answer, answer
        assert time.monotonic() - started < 5
        assert a.ask("pending") == "pending True"
        # Both members keep serving the last configuration they applied.
        assert a.values()[:2] == b.values()[:2] == (before, 500)
        etcd.start()
        deadline = time.monotonic() + 15
        while (answer := a.ask("commit")).startswith("unavailable ") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert answer.startswith("committed "), answer
        revision = int(answer.split()[1])
        assert a.ask("pending") == "pending False"
        b.wait_seen(revision, timeout=15)
        assert b.values()[:2] == (revision, 777)
    finally:
        etcd.stop()


def test_sigkill_during_commits_and_restart_reads_the_current_revision(etcd_server, members):
    url = etcd_server.url(unique_prefix("sigkill"))
    a, b = cluster_of_two(url, members)
    a.close()
    rng = random.Random(2026)
    acknowledged = 0
    for _ in range(8):
        (child,) = members(url, ESA1)
        child.send("loop")
        first = child.answer()
        assert first.startswith("committed "), first
        time.sleep(rng.uniform(0, 0.05))
        child.process.kill()
        child.process.wait()
        time.sleep(0.1)                  # the reader thread takes the last lines
        reported = [first] + list(child.answers.queue)
        acknowledged = max([acknowledged] + [int(line.split()[1]) for line in reported
                                             if line.startswith("committed ")])
        (restarted,) = members(url, ESA1)
        revision, value, _ = restarted.values()
        assert value == revision, "the configuration does not match its revision"
        assert revision >= acknowledged, "a commit reported as done was lost"
        b.wait_seen(revision)
        assert b.values()[:2] == (revision, value)
        restarted.close()


def test_a_file_encrypted_on_one_member_loads_on_the_other_not_on_a_standalone(
        etcd_server, members, tmp_path):
    url = etcd_server.url(unique_prefix("key"))
    a, b = cluster_of_two(url, members)
    (standalone,) = members(url, "esa3.example.com")
    saved = tmp_path / "saved.xml"
    assert a.ask(f"save {saved}") == "ok"
    assert "encrypted=\"true\"" in saved.read_text()
    assert b.ask(f"load {saved}") == "loaded"
    assert standalone.ask(f"load {saved}") == "refused"
    assert standalone.ask(f"save {saved}") == "ok"
    assert a.ask(f"load {saved}") == "refused"
