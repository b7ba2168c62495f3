"""kill -9 at random moments while a child process commits in a loop: every restart loads a
configuration that is exactly one of the committed revisions, never one older than the last
commit the child reported as done."""
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cluster.lab import FileRegistry, Lab
from harness import factory

MACHINE = "ironport.example.com"
CHILD = """
import sys
from cluster.lab import FileRegistry, Lab
from cluster.session import ConfigSession
lab = Lab(FileRegistry(sys.argv[1]), {sys.argv[2]: lambda: None})
session = ConfigSession(lab, "admin", sys.argv[2])
while True:
    session.edit("delivery").max_concurrency = lab.revision_key(sys.argv[2])[1] + 1
    record = session.commit("crash test")
    print(record.revision, flush=True)
"""


def committed_value(state: Path) -> tuple[int, int]:
    lab = Lab(FileRegistry(state), {MACHINE: lambda: pytest.fail("the configuration was lost")})
    return lab.revision_key(MACHINE)[1], lab.committed(MACHINE).appliance(MACHINE).delivery.max_concurrency


def test_sigkill_during_commits_never_breaks_or_loses_the_configuration(tmp_path):
    Lab(FileRegistry(tmp_path), {MACHINE: factory})
    rng = random.Random(2026)
    root = str(Path(__file__).resolve().parents[2])
    acknowledged = 0
    for _ in range(50):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path), MACHINE],
                                 stdout=subprocess.PIPE, text=True, cwd=root)
        # Let it start and commit for a random while, then kill it mid-flight.
        first = child.stdout.readline()
        assert first.strip().isdigit(), "the child did not commit"
        time.sleep(rng.uniform(0, 0.03))
        child.kill()
        rest, _ = child.communicate()
        reported = [int(line) for line in [first, *rest.splitlines()] if line.strip().isdigit()]
        acknowledged = max([acknowledged, *reported])
        revision, value = committed_value(tmp_path)
        assert value == revision, "the configuration does not match its revision"
        assert revision >= acknowledged, "a commit reported as done was lost"
    assert acknowledged >= 50
