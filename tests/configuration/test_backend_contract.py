"""The ``ConfigBackend`` contract, run against every backend: the file store and etcd.

Each test opens a backend through its registry (``FileRegistry``, or ``EtcdRegistry`` on a real
etcd with its client on an event loop in a thread, as in the emulator); opening the registry
again is a restart of the process.
"""
from __future__ import annotations

import pytest

from cluster.backend import (HISTORY_KEEP, ROLLBACK_KEEP, CommitMeta, CommitRecord, Conflict)
from cluster.lab import FileRegistry
from etcd_support import unique_prefix
from harness import MACHINE, factory

BACKEND = "esa"
CONCURRENCY = ("levels", f"machine:{MACHINE}", "delivery", "max_concurrency")


@pytest.fixture(params=["file", "etcd"])
def open_registry(request, tmp_path):
    """Opens the registry of one place (again: a restart)."""
    if request.param == "file":
        return lambda: FileRegistry(tmp_path / "state")
    from cluster.etcdstore import EtcdRegistry
    url = request.getfixturevalue("etcd_server").url(unique_prefix("contract"))
    loop = request.getfixturevalue("loop_thread")
    opened: list[EtcdRegistry] = []
    request.addfinalizer(lambda: [registry.close() for registry in opened])

    def open_etcd() -> EtcdRegistry:
        opened.append(EtcdRegistry(url, loop=loop))
        return opened[-1]
    return open_etcd


def initial() -> dict:
    return factory().to_tree()


def concurrency(config_tree: dict) -> int:
    node = config_tree
    for key in CONCURRENCY:
        node = node[key]
    return node


def commit(backend, value: int, save_rollback: bool = True, base: int | None = None) -> CommitRecord:
    base = backend.snapshot()[0] if base is None else base
    return backend.commit(base, [(CONCURRENCY, value)],
                          CommitMeta("admin", f"set {value}", MACHINE, save_rollback))


def test_a_new_backend_is_revision_0_with_its_initial_tree(open_registry):
    backend = open_registry().open(BACKEND, initial)
    assert backend.id == BACKEND
    assert backend.snapshot() == (0, initial())
    (record,) = backend.history()
    assert (record.revision, record.user, record.comment) == (0, "system", "factory configuration")
    assert backend.rollback_revisions() == []


def test_a_commit_on_the_newest_revision_lands(open_registry):
    backend = open_registry().open(BACKEND, initial)
    record = commit(backend, 123)
    assert (record.revision, record.user, record.comment, record.machine, record.rollback,
            record.changes) == (1, "admin", "set 123", MACHINE, True, (CONCURRENCY,))
    revision, config_tree = backend.snapshot()
    assert revision == 1 and concurrency(config_tree) == 123
    assert backend.history()[-1] == record


def test_a_commit_on_an_older_revision_is_a_conflict_and_writes_nothing(open_registry):
    backend = open_registry().open(BACKEND, initial)
    commit(backend, 1)
    before = backend.snapshot()
    with pytest.raises(Conflict):
        commit(backend, 2, base=0)
    assert backend.snapshot() == before
    assert [r.revision for r in backend.history()] == [0, 1]


def test_the_newest_ten_rollback_configurations_are_kept(open_registry):
    backend = open_registry().open(BACKEND, initial)
    for value in range(1, 13):
        commit(backend, value)
    commit(backend, 99, save_rollback=False)
    kept = backend.rollback_revisions()
    assert [r.revision for r in kept] == list(range(13 - ROLLBACK_KEEP, 13))
    for record in kept:
        assert concurrency(backend.rollback_tree(record.revision)) == record.revision
    assert concurrency(backend.snapshot()[1]) == 99


def test_the_history_keeps_the_newest_records(open_registry):
    backend = open_registry().open(BACKEND, initial)
    for value in range(HISTORY_KEEP + 5):
        commit(backend, value, save_rollback=False)
    revisions = [r.revision for r in backend.history()]
    assert revisions == list(range(6, HISTORY_KEEP + 6))


def test_watchers_see_every_revision_once_in_order(open_registry):
    backend = open_registry().open(BACKEND, initial)
    seen = []
    backend.watch(lambda config_tree, record: seen.append((record.revision,
                                                           concurrency(config_tree))))
    for value in (10, 20, 30):
        commit(backend, value)
    assert seen == [(1, 10), (2, 20), (3, 30)]


def test_a_restart_reads_the_newest_revision_history_and_rollbacks(open_registry):
    backend = open_registry().open(BACKEND, initial)
    for value in (5, 6, 7):
        commit(backend, value)
    again = open_registry().open(BACKEND, lambda: pytest.fail("the backend was created again"))
    assert again.snapshot() == backend.snapshot()
    assert again.history() == backend.history()
    assert again.rollback_revisions() == backend.rollback_revisions()
    assert again.rollback_tree(2) == backend.rollback_tree(2)
    assert commit(again, 8).revision == 4


def test_a_secret_is_written_once_kept_across_restarts_and_never_in_the_configuration(
        open_registry):
    backend = open_registry().open(BACKEND, initial)
    assert backend.secrets() == {}
    assert backend.add_secret("config.key", b"first") == b"first"
    assert backend.add_secret("config.key", b"second") == b"first"   # the first one stays
    commit(backend, 7)
    again = open_registry().open(BACKEND, initial)
    assert again.secrets() == {"config.key": b"first"}
    revision, config_tree = again.snapshot()
    assert b"first" not in repr((config_tree, again.history(),
                                 again.rollback_tree(revision))).encode()


def test_of_two_etcd_clients_adding_a_secret_the_first_wins(etcd_server, loop_thread):
    """(One process owns a file store: only etcd has two writers.)"""
    from cluster.etcdstore import EtcdRegistry
    url = etcd_server.url(unique_prefix("secret"))
    registries = [EtcdRegistry(url, loop=loop_thread) for _ in range(2)]
    one, other = (registry.open(BACKEND, initial) for registry in registries)
    kept = one.add_secret("config.key", b"one")
    assert other.add_secret("config.key", b"other") == kept == b"one"
    for registry in registries:
        registry.close()


def test_a_secret_file_is_readable_by_its_owner_only(tmp_path):
    backend = FileRegistry(tmp_path / "state").open(BACKEND, initial)
    backend.add_secret("config.key", b"key")
    path = tmp_path / "state" / "stores" / BACKEND / "secrets" / "config.key"
    assert path.read_bytes() == b"key"
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700


def test_sync_brings_a_commit_another_etcd_client_made_a_moment_ago(etcd_server, loop_thread):
    """A member joining a cluster another process created just before must see it (``Lab.join``)."""
    from cluster.etcdstore import EtcdRegistry
    url = etcd_server.url(unique_prefix("sync"))
    registries = [EtcdRegistry(url, loop=loop_thread) for _ in range(2)]
    writer, reader = (registry.open(BACKEND, initial) for registry in registries)
    for value in range(1, 6):
        commit(writer, value)
        reader.sync()
        revision, config_tree = reader.snapshot()
        assert (revision, concurrency(config_tree)) == (value, value)
    for registry in registries:
        registry.close()
