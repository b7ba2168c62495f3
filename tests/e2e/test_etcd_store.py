"""``asyncos-emulator --store etcd://…``: the configuration lives in a real etcd, shared by every
process started on it, and survives the processes; a store that cannot be used stops the start."""
from __future__ import annotations

import subprocess
import sys
import time

import pexpect

from etcd_support import EtcdServer, free_port, unique_prefix

from . import test_cluster_lab as cluster_lab
from .conftest import REPOSITORY, _free_offset, launch


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


def test_etcd_stopped_commit_keeps_the_changes_and_the_appliance_keeps_serving(tmp_path):
    etcd = EtcdServer(tmp_path / "etcd")
    etcd.start()
    try:
        with launch(tmp_path / "state", arguments=("--store", etcd.url("/outage"))) as server:
            shell = server.ssh()
            shell.expect_exact("ironport.example.com> ")
            shell.sendline("sethostname")
            shell.expect_exact("]> ")
            shell.sendline("esa7.example.com")
            shell.expect_exact("ironport.example.com> ")
            etcd.stop()
            commit(shell)
            shell.expect_exact(f"The configuration could not be committed: etcd at "
                               f"{etcd.endpoint}, prefix /outage cannot be reached")
            shell.expect_exact("Your changes are still pending; try commit again later.")
            shell.expect_exact("ironport.example.com> ")
            # The appliance keeps serving on the configuration it had.
            assert prompt_of(server).startswith("ironport.example.com>")
            etcd.start()
            for _ in range(40):        # until the emulator's channel has reconnected
                commit(shell)
                if shell.expect_exact(["Changes committed", "could not be committed"]) == 0:
                    break
                shell.expect_exact("ironport.example.com> ")
                time.sleep(0.25)
            shell.expect_exact("esa7.example.com> ")
            shell.sendline("exit")
            shell.expect(pexpect.EOF)
    finally:
        etcd.stop()


def commit(shell) -> None:
    shell.sendline("commit")
    shell.expect_exact("[]> ")
    shell.sendline("etcd e2e")
    shell.expect_exact("[Y]> ")
    shell.sendline("Y")


def test_members_in_two_processes_form_a_cluster_over_ssh_and_share_its_certificate(
        tmp_path, etcd_server):
    """esa1 and esa2 in processes of their own on one etcd: create and join over SSH as in the
    one-process lab, then a cluster-level certificate made on esa1 is served by both."""
    store = ("--store", etcd_server.url(unique_prefix("two-processes")))
    offset = _free_offset()           # one offset: the members differ by address, as hosts do
    processes = []
    for name, address in (("esa1", "127.0.0.2"), ("esa2", "127.0.0.3")):
        lab_file = tmp_path / f"{name}.toml"
        lab_file.write_text(f'[[appliance]]\nhostname = "{name}.example.com"\n'
                            f'address = "{address}"\n')
        processes.append(launch(tmp_path / name, offset, ("--lab", str(lab_file), *store)))
    with processes[0] as first, processes[1]:
        lab = cluster_lab.Lab(first)
        cluster_lab.create_and_join(lab)
        cluster_lab.offer_tls_on_relayed_connections(lab, tmp_path)
        out = lab.run(cluster_lab.ESA1, "clustermode cluster; certconfig; listenerconfig; "
                                        "commit 'cluster cert' Y",
                      [*cluster_lab.new_certificate("clustercert", "esa.example.com")[1:],
                       "edit", "IncomingMail", "certificate", "clustercert", "", ""])
        assert "Changes committed" in out
        assert lab.served_common_name(cluster_lab.ESA1) == "esa.example.com"
        # esa2 applies the commit from the etcd watch: give it a moment, not a race.
        deadline = time.monotonic() + 10
        while (served := lab.served_common_name(cluster_lab.ESA2)) != "esa.example.com" \
                and time.monotonic() < deadline:
            time.sleep(0.1)
        assert served == "esa.example.com"
