"""The README's quick start on Debian's own, externally managed python3 with a clean PATH:
``scripts/start`` installs into a project venv and starts an appliance that answers SSH, and
``scripts/test`` installs the test extras into the same venv and runs tests."""
import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from .conftest import PASSWORD, REPOSITORY, SSH_OPTIONS, _free_offset

DEBIAN_PYTHON = Path("/usr/bin/python3")
INSTALL_TIMEOUT = 900


def _clean_environment(home: Path) -> dict[str, str]:
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}
    cache = Path.home() / ".cache" / "pip"
    if cache.is_dir():  # downloads are shared with the developer's cache; installs are not
        env["PIP_CACHE_DIR"] = str(cache)
    return env


def _checkout(target: Path) -> Path:
    files = subprocess.run(["git", "ls-files", "-z"], cwd=REPOSITORY, capture_output=True,
                           check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPOSITORY / name, target / name)
    return target


@pytest.mark.skipif(not DEBIAN_PYTHON.exists(), reason="needs the distribution's python3")
def test_quick_start_on_the_distribution_python(tmp_path):
    externally_managed = list(Path("/usr/lib").glob("python3*/EXTERNALLY-MANAGED"))
    repo = _checkout(tmp_path / "asyncos-emulator")
    env = _clean_environment(tmp_path)
    offset = _free_offset()
    log = open(tmp_path / "start.log", "w+")
    start = subprocess.Popen(["scripts/start", "--state-dir", str(tmp_path / "state"),
                              "--port-offset", str(offset)], cwd=repo, env=env, stdout=log,
                             stderr=subprocess.STDOUT, start_new_session=True)
    try:
        for _ in range(INSTALL_TIMEOUT * 2):
            log.seek(0)
            if "Ready." in log.read() or start.poll() is not None:
                break
            subprocess.run(["sleep", "0.5"])
        log.seek(0)
        output = log.read()
        assert "Ready." in output, output[-3000:]
        assert (repo / ".venv/bin/python").resolve() == DEBIAN_PYTHON.resolve()
        version = subprocess.run(
            ["sshpass", "-p", PASSWORD, "ssh", "-p", str(22 + offset), *SSH_OPTIONS,
             "admin@127.0.0.1", "version"], capture_output=True, text=True, timeout=60)
        assert version.returncode == 0 and "Version: 16.0.3" in version.stdout, version
    finally:
        os.killpg(start.pid, signal.SIGTERM)
        start.wait(timeout=30)
    assert externally_managed, "the distribution's python3 is expected to be externally managed"

    tests = subprocess.run(["scripts/test", "-q", "tests/configuration/test_tree.py"],
                           cwd=repo, env=env, capture_output=True, text=True,
                           timeout=INSTALL_TIMEOUT)
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-3000:]
    assert " passed" in tests.stdout
