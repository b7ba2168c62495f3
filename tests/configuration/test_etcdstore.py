"""What only the etcd store does: the key layout, other processes' commits through the watch,
creation by two processes at once, etcd stopped and back, and blocking calls kept off the loop."""
from __future__ import annotations

import asyncio
import threading
import time

import aetcd
import pytest

from cluster import membership
from cluster.backend import BackendUnavailable, CommitMeta, Conflict
from cluster.etcdlayout import assemble, parse_url, split
from cluster.etcdstore import TIMEOUT, EtcdRegistry
from cluster.lab import Lab
from cluster.levels import CLUSTER, ClusterConfig
from etcd_support import EtcdServer, unique_prefix
from harness import MACHINE, factory

from .test_backend_contract import BACKEND, commit, concurrency, initial


def wait_until(predicate, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail("timed out")
        time.sleep(0.01)


@pytest.fixture
def registries(etcd_server, loop_thread):
    """``registries(n)``: n registries (think: processes) on one fresh prefix."""
    opened: list[EtcdRegistry] = []
    url = etcd_server.url(unique_prefix("store"))

    def open_registries(count: int, where: str = url) -> list[EtcdRegistry]:
        opened.extend(EtcdRegistry(where, loop=loop_thread) for _ in range(count))
        return opened[-count:]

    yield open_registries
    for registry in opened:
        registry.close()


def raw_keys(registry: EtcdRegistry) -> dict[str, int]:
    """key -> etcd mod revision, read with a client of its own."""
    async def read() -> dict[str, int]:
        async with aetcd.Client(registry.host, registry.port) as client:
            return {kv.key.decode(): kv.mod_revision
                    for kv in await client.get_prefix(registry.prefix.encode() + b"/")}
    return asyncio.run_coroutine_threadsafe(read(), registry.loop).result(10)


@pytest.mark.parametrize("url, expected", [
    ("etcd://127.0.0.1:2379/lab", ("127.0.0.1", 2379, "/lab")),
    ("etcd://etcd.example.net", ("etcd.example.net", 2379, "/asyncos")),
    ("etcd://127.0.0.1:23790/a/b/", ("127.0.0.1", 23790, "/a/b")),
])
def test_store_urls(url, expected):
    assert parse_url(url) == expected


@pytest.mark.parametrize("url", ["http://127.0.0.1:2379", "etcd://127.0.0.1:port", "etcd:///x",
                                 "127.0.0.1:2379", "etcd://h:2379/x?y=1"])
def test_what_is_not_a_store_url(url):
    with pytest.raises(ValueError):
        parse_url(url)


def test_a_tree_cut_into_keys_is_put_back_in_its_order():
    config = membership.join(membership.create_cluster(factory(), MACHINE, "lab"), factory_of(
        "esa2.example.com"), "esa2.example.com")
    config_tree = config.to_tree()
    config_tree["levels"] = dict(reversed(list(config_tree["levels"].items())))
    shared, machines = split(config_tree)
    assert set(machines) == {MACHINE, "esa2.example.com"}
    assert not any(key.startswith("machine:") for key in shared["tree"]["levels"])
    rebuilt = assemble(shared, machines)
    assert rebuilt == config_tree
    assert list(rebuilt) == list(config_tree)
    assert list(rebuilt["levels"]) == list(config_tree["levels"])


def factory_of(machine: str) -> ClusterConfig:
    config = factory()
    identity = config.machines.pop(MACHINE)
    identity.name = machine
    config.machines[machine] = identity
    config.levels = {f"machine:{machine}": config.levels.pop(f"machine:{MACHINE}")}
    return config


def test_a_commit_writes_only_the_keys_of_the_levels_it_changes(registries):
    (registry,) = registries(1)
    clustered = membership.create_cluster(factory(), MACHINE, "lab").to_tree()
    backend = registry.open(BACKEND, lambda: clustered)
    stores = f"{registry.prefix}/stores/{BACKEND}/"
    before = raw_keys(registry)
    assert {stores + part for part in ("head", "shared", f"machine/{MACHINE}",
                                       "history/0000000000")} == set(before)
    hostname = ("levels", f"machine:{MACHINE}", "system", "hostname")
    backend.commit(0, [(hostname, "esa9.example.com")], meta("machine level"))
    after = raw_keys(registry)
    changed = {key for key in after if after[key] != before.get(key)}
    assert changed == {stores + part for part in ("head", f"machine/{MACHINE}",
                                                  "history/0000000001", "rollback/0000000001")}
    backend.commit(1, [(("levels", CLUSTER, "delivery", "max_concurrency"), 7)], meta("cluster"))
    again = raw_keys(registry)
    assert again[stores + "shared"] == again[stores + "head"] != after[stores + "shared"]
    assert again[stores + f"machine/{MACHINE}"] == after[stores + f"machine/{MACHINE}"]
    assert ClusterConfig.from_tree(backend.snapshot()[1]).appliance(MACHINE).hostname \
        == "esa9.example.com"


def meta(comment: str) -> CommitMeta:
    return CommitMeta("admin", comment, MACHINE)


def test_another_process_sees_every_revision_once_in_order(registries):
    here, there = registries(2)
    backend = here.open(BACKEND, initial)
    mirror = there.open(BACKEND, lambda: pytest.fail("created twice"))
    seen = []
    mirror.watch(lambda config_tree, record: seen.append((record.revision,
                                                          concurrency(config_tree))))
    for value in range(1, 21):
        commit(backend, value)
    wait_until(lambda: len(seen) == 20)
    assert seen == [(n, n) for n in range(1, 21)]
    assert mirror.snapshot() == backend.snapshot()
    assert mirror.history() == backend.history()
    assert mirror.rollback_revisions() == backend.rollback_revisions()


def test_a_commit_right_after_another_process_s_lands_rebased_on_it(registries):
    here, there = registries(2)
    lab_here = Lab(here, {MACHINE: factory})
    wait_until(lambda: MACHINE in there.members())   # the watch brings the new member
    lab_there = Lab(there, {})
    assert lab_there.machines == [MACHINE]
    backend_there = there.open(MACHINE, lambda: pytest.fail("created twice"))
    # ``there`` commits on revision 0 while ``here`` already moved to 1: a Conflict, and the
    # commit gate rebases on what the watch brings and lands as revision 2.
    commit(here.open(MACHINE, initial), 50)
    retry = ("levels", f"machine:{MACHINE}", "delivery", "retry_initial_seconds")
    record = lab_there.commit(MACHINE, MACHINE, [(retry, 9)], meta("rebased"))
    assert record.revision == 2
    wait_until(lambda: lab_here.revision_key(MACHINE)[1] == 2)
    delivery = lab_here.committed(MACHINE).appliance(MACHINE).delivery
    assert (delivery.max_concurrency, delivery.retry_initial_seconds) == (50, 9)
    assert backend_there.snapshot()[0] == 2


def test_a_process_whose_watch_is_late_rereads_after_losing_the_compare_and_swap(registries):
    here, there = registries(2)
    backend = here.open(BACKEND, initial)
    stale = there.open(BACKEND, lambda: pytest.fail("created twice"))
    there.loop.call_soon_threadsafe(there._follower.cancel)    # its watch stops for good
    commit(backend, 1)
    time.sleep(0.2)
    assert stale.snapshot()[0] == 0
    started = time.monotonic()
    with pytest.raises(Conflict):
        commit(stale, 2)
    assert stale.snapshot()[0] == 1 and time.monotonic() - started < TIMEOUT
    assert commit(stale, 2).revision == 2


def test_two_processes_creating_one_backend_at_once_end_with_the_same_one(registries):
    first, second = registries(2)
    trees = [initial(), initial()]
    trees[1]["machines"][MACHINE]["serial"] = "OTHER"
    opened = [None, None]
    threads = [threading.Thread(target=lambda i=i, r=r: opened.__setitem__(
        i, r.open(BACKEND, lambda: trees[i]))) for i, r in enumerate((first, second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert opened[0].snapshot() == opened[1].snapshot()
    assert opened[0].snapshot()[1] in trees and opened[0].snapshot()[0] == 0
    assert len(opened[0].history()) == 1


def test_the_members_map_reaches_other_processes(registries):
    here, there = registries(2)
    told_here, told_there = [], []
    here.watch_members(told_here.append)
    there.watch_members(told_there.append)
    here.save_members({"esa1.example.com": "esa1.example.com"})
    assert here.members() == {"esa1.example.com": "esa1.example.com"}
    wait_until(lambda: told_there)
    assert told_there[-1] == {"esa1.example.com": "esa1.example.com"}
    assert there.members() == here.members()
    assert told_here == []


def test_a_blocking_call_on_the_running_loop_is_a_bug_not_a_hang(registries):
    (registry,) = registries(1)
    backend = registry.open(BACKEND, initial)

    async def on_the_loop():
        commit(backend, 1)

    future = asyncio.run_coroutine_threadsafe(on_the_loop(), registry.loop)
    with pytest.raises(RuntimeError, match="event loop"):
        future.result(5)
    assert backend.snapshot()[0] == 0


def test_etcd_stopped_then_back(tmp_path, registries):
    etcd = EtcdServer(tmp_path / "etcd")
    etcd.start()
    try:
        here, there = registries(2, etcd.url("/outage"))
        backend = here.open(BACKEND, initial)
        mirror = there.open(BACKEND, lambda: pytest.fail("created twice"))
        seen = []
        mirror.watch(lambda config_tree, record: seen.append(record.revision))
        commit(backend, 1)
        wait_until(lambda: seen == [1])
        etcd.stop()
        started = time.monotonic()
        with pytest.raises(BackendUnavailable, match="cannot be reached"):
            commit(backend, 2)
        assert time.monotonic() - started < 5
        # Reads keep serving the last revision applied.
        assert concurrency(backend.snapshot()[1]) == concurrency(mirror.snapshot()[1]) == 1
        assert backend.snapshot()[0] == 1
        etcd.start()
        deadline = time.monotonic() + 15
        while True:
            try:
                commit(backend, 3)
                break
            except BackendUnavailable:
                assert time.monotonic() < deadline, "etcd came back but commits still fail"
                time.sleep(0.1)
        wait_until(lambda: seen[-1:] == [2], timeout=15)
        assert seen == [1, 2]
        assert concurrency(mirror.snapshot()[1]) == 3
    finally:
        etcd.stop()
