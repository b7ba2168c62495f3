"""``asyncos-emulator --store etcd://…``: the configuration lives in a real etcd, shared by every
process started on it, and survives the processes; a store that cannot be used stops the start."""
from __future__ import annotations

import subprocess
import sys

from .conftest import REPOSITORY, launch
from etcd_support import free_port, unique_prefix


def prompt_of(server) -> str:
    """The main prompt a new SSH session on ``server`` shows."""
    answer = server.run(None, input=b"exit\n")
    assert answer.returncode == 0, answer.stderr
    return answer.stdout.decode().strip().splitlines()[-1]


def sethostname(server, name: str) -> None:
    dialogue = f"sethostname\n{name}\ncommit\netcd e2e\nY\nexit\n".encode()
    answer = server.run(None, input=dialogue)
    assert b"Changes committed" in answer.stdout, answer.stdout.decode()


def test_processes_on_one_etcd_share_the_configuration_and_it_outlives_them(tmp_path, etcd_server):
    store = ("--store", etcd_server.url(unique_prefix("e2e")))
    with launch(tmp_path / "a", arguments=store) as first:
        assert f"configuration store: etcd at {etcd_server.endpoint}, prefix " \
               f"{store[1].split(etcd_server.endpoint)[1]}" in first.startup
        sethostname(first, "esa9.example.com")
        with launch(tmp_path / "b", arguments=store) as second:
            assert second.startup[1].startswith("asyncos-emulator: esa9.example.com ")
            sethostname(first, "esa8.example.com")
            assert prompt_of(second).startswith("esa8.example.com>")
    with launch(tmp_path / "c", arguments=store) as again:
        assert prompt_of(again).startswith("esa8.example.com>")


def run_emulator(tmp_path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "asyncos_emulator.main", "--state-dir", str(tmp_path / "state"),
         *arguments], cwd=REPOSITORY, capture_output=True, text=True, timeout=60)


def test_a_store_that_is_not_an_etcd_url_is_refused(tmp_path):
    answer = run_emulator(tmp_path, "--store", "http://127.0.0.1:2379")
    assert answer.returncode == 2
    assert "'http://127.0.0.1:2379' is not etcd://HOST:PORT[/prefix]" in answer.stderr


def test_an_etcd_that_does_not_answer_stops_the_start(tmp_path):
    port = free_port()
    answer = run_emulator(tmp_path, "--store", f"etcd://127.0.0.1:{port}")
    assert answer.returncode == 2
    assert f"etcd at 127.0.0.1:{port}, prefix /asyncos cannot be reached" in answer.stderr
