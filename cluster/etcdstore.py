"""etcd as the configuration store: members of one cluster in separate processes.

``asyncos-emulator --store etcd://HOST:PORT[/prefix]`` keeps every backend (a cluster's, or a
standalone machine's) and the machine -> backend map in etcd (v3 API) under the prefix (default
``/asyncos``)::

    <prefix>/members/<machine>               the backend id the machine uses
    <prefix>/stores/<id>/head                the backend's revision; every commit compares it
    <prefix>/stores/<id>/shared              cluster name, groups, machines, the cluster and
                                             group levels (``etcdlayout.split``)
    <prefix>/stores/<id>/machine/<name>      that machine's machine-level sections
    <prefix>/stores/<id>/history/<revision>  one commit record each (the newest HISTORY_KEEP)
    <prefix>/stores/<id>/rollback/<revision> a saved rollback configuration (newest ROLLBACK_KEEP)
    <prefix>/stores/<id>/secret/<name>       a secret of the cluster (``configkey``), written once

A commit is one etcd transaction: if the head still holds the revision the commit was based on,
write the new head, the parts that changed, the record and the rollback configuration and delete
what falls out of the kept ones; else read the head (``Conflict``: the commit gate rebases).
A backend is created by a transaction conditioned on its head not existing, so of two processes
starting at once one creates it and the other adopts it.

Reads never touch the network: the registry mirrors everything under the prefix in memory,
kept current by one watch on the prefix whose events are applied an etcd revision at a time;
each backend's watchers are called once per new revision, in order.  This process's own writes
are applied to the mirror as soon as etcd confirms them (the watch's copy is then skipped).
When etcd goes away the mirror keeps serving the last configuration applied, commits fail with
``BackendUnavailable`` within ``TIMEOUT`` seconds, and the watch retries with backoff; when it is
back the registry re-reads the prefix and tells the watchers of every backend that moved on.

The client is a kept ``aetcd`` (gRPC asyncio) channel on the process's event loop.  Blocking
calls (``commit``, creating a backend, ``save_members``) come from worker threads, or from the
loop's own thread before the loop runs (start-up); on the running loop's thread they are a bug.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import json
import logging
import threading
import time
from typing import Any, Callable, Coroutine, Iterable, Optional

import aetcd
import aetcd.exceptions
from aetcd import rpc
from aetcd.utils import prefix_range_end

from . import tree
from .backend import (BackendUnavailable, Change, CommitMeta, CommitRecord, Conflict, Watcher)
from .etcdlayout import DEFAULT_PORT, DEFAULT_PREFIX, HEAD, SECRET, Parts, Write, parse_url

log = logging.getLogger(__name__)

# A blocking call (commit, creation, the members map) gives up after this many seconds.
TIMEOUT = 3.0
# Start-up waits this long for etcd to answer (containers starting together).
START_WAIT = 10.0
# After losing a compare-and-swap, wait this long for the watch to bring the newer revision.
CATCH_UP = 2.0
RETRY_FIRST, RETRY_MAX = 0.05, 2.0
_CHANNEL_OPTIONS = {
    # Reconnect soon after etcd is back instead of gRPC's default of up to two minutes.
    "grpc.initial_reconnect_backoff_ms": 100,
    "grpc.min_reconnect_backoff_ms": 100,
    "grpc.max_reconnect_backoff_ms": 1000,
    "grpc.max_receive_message_length": 64 << 20,
}
_NETWORK_ERRORS = (rpc.AioRpcError, aetcd.exceptions.ClientError, asyncio.TimeoutError, OSError)


class EtcdBackend:
    """One backend as the registry's mirror holds it; writes go through the registry."""

    def __init__(self, registry: "EtcdRegistry", backend_id: str):
        self.id = backend_id
        self._registry = registry
        self._parts = Parts()
        self._current: tuple[int, Optional[dict]] = (-1, None)
        self._etcd_revision = 0           # the newest etcd revision applied to this backend
        self._watchers: list[Watcher] = []

    @property
    def exists(self) -> bool:
        return self._current[1] is not None

    # -- reading (memory only) ------------------------------------------------------------------
    def snapshot(self) -> tuple[int, dict]:
        return self._current

    def history(self) -> list[CommitRecord]:
        with self._registry.lock:
            return [self._parts.history[r] for r in sorted(self._parts.history)]

    def rollback_revisions(self) -> list[CommitRecord]:
        with self._registry.lock:
            return [self._parts.history[r] for r in sorted(self._parts.rollbacks)
                    if r in self._parts.history]

    def rollback_tree(self, revision: int) -> dict:
        with self._registry.lock:
            saved = self._parts.rollbacks[revision]
        return json.loads(saved)

    def watch(self, callback: Watcher) -> None:
        self._watchers.append(callback)

    def secrets(self) -> dict[str, bytes]:
        with self._registry.lock:
            return dict(self._parts.secrets)

    # -- writing --------------------------------------------------------------------------------
    def commit(self, base_revision: int, changes: list[Change], meta: CommitMeta) -> CommitRecord:
        # The new tree and its encoding are built here, in the caller's thread, not on the loop.
        record = CommitRecord(base_revision + 1, meta.user, time.time(), meta.comment,
                              meta.machine, meta.save_rollback, tuple(path for path, _ in changes))
        revision, latest = self._current
        if base_revision != revision:
            raise Conflict(f"revision {base_revision} is not the newest")
        new = tree.apply(latest, changes)
        with self._registry.lock:
            if self._parts.revision != base_revision:
                raise Conflict(f"revision {base_revision} is not the newest")
            writes = self._parts.writes(new, record)
        self._registry.call(self._send(base_revision, writes))
        return record

    async def _send(self, base_revision: int, writes: list[Write]) -> None:
        head = self._registry.key(self.id, HEAD)
        succeeded, response = await self._registry.transaction(
            [rpc.Compare(key=head, target=rpc.Compare.VALUE, result=rpc.Compare.EQUAL,
                         value=str(base_revision).encode())],
            self._entries(writes), [_range(head)])
        if not succeeded:
            head_kvs = response.responses[0].response_range.kvs
            await self._registry.catch_up(self, head_kvs[0].mod_revision if head_kvs else 0)
            raise Conflict(f"revision {base_revision} is not the newest")

    def sync(self) -> None:
        self._registry.call(self._sync())

    async def _sync(self) -> None:
        # A linearizable read of the head names the newest commit; the mirror waits for it.
        head = self._registry.key(self.id, HEAD)
        response = await self._registry._request(lambda kv: kv.Range(_range(head), timeout=TIMEOUT))
        if response.kvs:
            await self._registry.catch_up(self, response.kvs[0].mod_revision)

    def add_secret(self, name: str, value: bytes) -> bytes:
        kept = self.secrets().get(name)
        return kept if kept is not None else self._registry.call(self._add_secret(name, value))

    async def _add_secret(self, name: str, value: bytes) -> bytes:
        """Written only where the key does not exist yet: of two processes, the first wins."""
        key = self._registry.key(self.id, SECRET + name)
        succeeded, response = await self._registry.transaction(
            [rpc.Compare(key=key, target=rpc.Compare.VERSION, result=rpc.Compare.EQUAL, version=0)],
            [(key, value)], [_range(key)])
        if succeeded:
            return value
        return response.responses[0].response_range.kvs[0].value

    async def _create(self, initial: Callable[[], dict]) -> None:
        """Create this backend at revision 0, or adopt it if another process was first (the
        watch may not have brought it yet: etcd is asked before ``initial`` is built)."""
        start = self._registry.key(self.id, "")
        found = await self._registry._read_all(start)
        if found.kvs:
            self._registry.replace(found.header.revision, found.kvs)
            return
        record = CommitRecord(0, "system", time.time(), "factory configuration")
        head = self._registry.key(self.id, HEAD)
        factory_tree = initial()
        succeeded, response = await self._registry.transaction(
            [rpc.Compare(key=head, target=rpc.Compare.VERSION, result=rpc.Compare.EQUAL, version=0)],
            self._entries(Parts().writes(factory_tree, record)), [_range(start, prefix_range_end(start))])
        if not succeeded:
            self._registry.replace(response.header.revision, response.responses[0].response_range.kvs)

    def _entries(self, writes: list[Write]) -> list[tuple[bytes, Optional[bytes]]]:
        return [(self._registry.key(self.id, part), value) for part, value in writes]

    # -- the mirror (called by the registry on the loop's thread, holding its lock) ------------
    def _apply(self, etcd_revision: int, part: str, value: Optional[bytes]) -> None:
        if etcd_revision > self._etcd_revision:
            self._parts.apply(part, value)

    def _applied(self, etcd_revision: int) -> Optional[tuple[dict, CommitRecord]]:
        """Close one etcd revision: the (tree, record) to tell the watchers, if it is new."""
        if etcd_revision <= self._etcd_revision:
            return None
        self._etcd_revision = etcd_revision
        return self._publish()

    def _replace(self, etcd_revision: int, parts: Parts) -> Optional[tuple[dict, CommitRecord]]:
        """Adopt a whole re-read backend (after an outage, or created by another process)."""
        if etcd_revision <= self._etcd_revision:
            return None
        self._parts, self._etcd_revision = parts, etcd_revision
        return self._publish()

    def _publish(self) -> Optional[tuple[dict, CommitRecord]]:
        before = self._current[0]
        config_tree = self._parts.tree()
        if config_tree is None or self._parts.revision < 0:
            return None
        self._current = (self._parts.revision, config_tree)
        if self._parts.revision == before:
            return None
        record = self._parts.history.get(self._parts.revision) or CommitRecord(
            self._parts.revision, "", time.time(), "")
        return config_tree, record


class EtcdRegistry:
    """Machines and backends in etcd under ``prefix``: see the module docstring."""

    def __init__(self, url: Optional[str] = None, *, host: str = "127.0.0.1",
                 port: int = DEFAULT_PORT, prefix: str = DEFAULT_PREFIX,
                 loop: Optional[asyncio.AbstractEventLoop] = None):
        if url is not None:
            host, port, prefix = parse_url(url)
        self.host, self.port, self.prefix = host, port, prefix.rstrip("/") or DEFAULT_PREFIX
        self.loop = loop or asyncio.get_event_loop_policy().get_event_loop()
        self.lock = threading.Lock()
        self._root = self.prefix.encode() + b"/"
        self._client = aetcd.Client(host, port, options=_CHANNEL_OPTIONS)
        self._backends: dict[str, EtcdBackend] = {}
        self._members: dict[str, str] = {}
        self._member_revisions: dict[str, int] = {}
        self._member_watchers: list[Callable[[dict[str, str]], None]] = []
        self._own_members: set[tuple[str, str]] = set()    # being written by this process
        self._seen = 0                    # the watch has delivered every etcd revision up to here
        self._progress: Optional[asyncio.Event] = None
        self._follower: Optional[asyncio.Task] = None
        self.call(self._start(), timeout=START_WAIT)

    def describe(self) -> str:
        return f"etcd at {self.host}:{self.port}, prefix {self.prefix}"

    # -- Registry -------------------------------------------------------------------------------
    def members(self) -> dict[str, str]:
        with self.lock:
            return dict(self._members)

    def save_members(self, members: dict[str, str]) -> None:
        self.call(self._save_members(members))

    def open(self, backend_id: str, initial: Callable[[], dict]) -> EtcdBackend:
        with self.lock:
            backend = self._backend(backend_id)
        if not backend.exists:
            self.call(backend._create(initial))
        return backend

    def fresh_id(self, machine: str) -> str:
        n = 1
        while f"{machine}.{n}" in self._backends:
            n += 1
        return f"{machine}.{n}"

    def watch_members(self, callback: Callable[[dict[str, str]], None]) -> None:
        self._member_watchers.append(callback)

    def close(self) -> None:
        """Stop following etcd and close the channel (from another thread, or before the loop
        runs); ``aclose`` on the loop."""
        self.call(self.aclose())

    # -- running coroutines on the loop ---------------------------------------------------------
    def call(self, coroutine: Coroutine, timeout: float = TIMEOUT) -> Any:
        """Run ``coroutine`` on the registry's loop and wait for it: from a worker thread while
        the loop runs, or before it runs from the thread that will run it."""
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self.loop:
            coroutine.close()
            raise RuntimeError("a blocking etcd call on the event loop's thread: "
                               "run it in a worker thread (asyncio.to_thread)")
        bounded = asyncio.wait_for(coroutine, timeout)
        if not self.loop.is_running():
            return self.loop.run_until_complete(self._unavailable_on_timeout(bounded))
        future = asyncio.run_coroutine_threadsafe(self._unavailable_on_timeout(bounded), self.loop)
        try:
            return future.result(timeout + 1)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise BackendUnavailable(f"{self.describe()} does not answer") from None

    async def _unavailable_on_timeout(self, awaitable: Any) -> Any:
        try:
            return await awaitable
        except asyncio.TimeoutError:
            raise BackendUnavailable(f"{self.describe()} does not answer") from None

    # -- etcd requests --------------------------------------------------------------------------
    def key(self, backend_id: str, part: str) -> bytes:
        return self._root + f"stores/{backend_id}/{part}".encode()

    async def transaction(self, compare: list, entries: list[tuple[bytes, Optional[bytes]]],
                          failure: Iterable = ()) -> tuple[bool, Any]:
        """One etcd transaction; on success its writes are applied to the mirror at once."""
        request = rpc.TxnRequest(compare=compare, success=[_write_op(k, v) for k, v in entries],
                                 failure=[rpc.RequestOp(request_range=r) for r in failure])
        response = await self._request(lambda kv: kv.Txn(request, timeout=TIMEOUT))
        if response.succeeded:
            self._apply(response.header.revision, entries)
        return response.succeeded, response

    async def _request(self, call: Callable[[Any], Any]) -> Any:
        try:
            await self._client.connect()
            return await call(self._client.kvstub)
        except _NETWORK_ERRORS as exc:
            raise BackendUnavailable(f"{self.describe()} cannot be reached ({_reason(exc)})") from exc

    async def _read_all(self, start: bytes) -> Any:
        return await self._request(lambda kv: kv.Range(_range(start, prefix_range_end(start)),
                                                       timeout=TIMEOUT))

    async def _save_members(self, members: dict[str, str]) -> None:
        entries = [(self._root + f"members/{m}".encode(), b.encode()) for m, b in members.items()]
        # The watch may bring these before the answer does: they are not another process's.
        self._own_members.update(members.items())
        try:
            await self.transaction([], entries)
        finally:
            self._own_members.difference_update(members.items())

    # -- following etcd -------------------------------------------------------------------------
    async def _start(self) -> None:
        self._progress = asyncio.Event()
        deadline = self.loop.time() + START_WAIT - 1
        while True:
            try:
                response = await self._read_all(self._root)
                break
            except BackendUnavailable:
                if self.loop.time() > deadline:
                    raise
                await asyncio.sleep(0.2)
        self.replace(response.header.revision, response.kvs)
        self._seen = response.header.revision
        self._follower = asyncio.ensure_future(self._follow())

    async def aclose(self) -> None:
        if self._follower is not None:
            self._follower.cancel()
            await asyncio.gather(self._follower, return_exceptions=True)
        await self._client.close()

    async def _follow(self) -> None:
        delay, outage = RETRY_FIRST, None
        while True:
            try:
                if outage is not None:
                    response = await self._read_all(self._root)
                    self.replace(response.header.revision, response.kvs)
                    self._seen = response.header.revision
                    log.warning("%s: configuration updates resumed at etcd revision %d",
                                self.describe(), self._seen)
                    delay, outage = RETRY_FIRST, None
                await self._watch()
            except asyncio.CancelledError:
                raise
            except Exception as exc:     # etcd away, the watch lost; anything else is a bug
                if outage is None:
                    expected = isinstance(exc, (BackendUnavailable, *_NETWORK_ERRORS, _WatchLost))
                    log.warning("%s: configuration updates stopped (%s); retrying",
                                self.describe(), _reason(exc), exc_info=not expected)
                outage = exc
                await asyncio.sleep(delay)
                delay = min(delay * 2, RETRY_MAX)

    async def _watch(self) -> None:
        """One watch stream on the prefix from the next revision; returns or raises when it ends."""
        done = asyncio.Event()

        async def requests():
            yield rpc.WatchRequest(create_request=rpc.WatchCreateRequest(
                key=self._root, range_end=prefix_range_end(self._root),
                start_revision=self._seen + 1))
            await done.wait()

        await self._client.connect()
        stream = rpc.WatchStub(self._client.channel).Watch(requests())
        try:
            async for response in stream:
                if response.compact_revision or response.canceled:
                    raise _WatchLost(f"watch ended at revision {response.compact_revision}")
                for etcd_revision, entries in _by_revision(response.events):
                    self._apply(etcd_revision, entries)
                    self._seen = max(self._seen, etcd_revision)
            raise _WatchLost("etcd closed the watch")
        finally:
            done.set()
            stream.cancel()

    async def catch_up(self, backend: EtcdBackend, etcd_revision: int) -> None:
        """After a lost compare-and-swap: wait until ``backend`` reflects ``etcd_revision``
        (the watch brings it, watchers called in order); re-read it if the watch is late."""
        deadline = self.loop.time() + CATCH_UP
        while backend._etcd_revision < etcd_revision:
            remaining = deadline - self.loop.time()
            if remaining <= 0:
                start = self.key(backend.id, "")
                response = await self._read_all(start)
                self.replace(response.header.revision, response.kvs)
                return
            try:
                await asyncio.wait_for(self._progress.wait(), remaining)
            except asyncio.TimeoutError:
                pass

    # -- the mirror (on the loop's thread) ------------------------------------------------------
    def _backend(self, backend_id: str) -> EtcdBackend:
        if backend_id not in self._backends:
            self._backends[backend_id] = EtcdBackend(self, backend_id)
        return self._backends[backend_id]

    def _apply(self, etcd_revision: int, entries: list[tuple[bytes, Optional[bytes]]]) -> None:
        """One etcd revision's writes (a transaction of this process or a watch event batch)."""
        touched: dict[str, EtcdBackend] = {}
        members_changed = False
        with self.lock:
            for key, value in entries:
                kind, name, part = self._parse(key)
                if kind == "members":
                    members_changed |= self._set_member(etcd_revision, name, value)
                elif kind == "stores":
                    backend = touched.setdefault(name, self._backend(name))
                    backend._apply(etcd_revision, part, value)
            published = [(b, b._applied(etcd_revision)) for b in touched.values()]
        self._announce(published, members_changed)

    def replace(self, etcd_revision: int, kvs: Iterable[Any]) -> None:
        """A range read at ``etcd_revision``: backends behind it are replaced by what was read."""
        read: dict[str, Parts] = {}
        members_changed = False
        with self.lock:
            for kv in kvs:
                kind, name, part = self._parse(kv.key)
                if kind == "members":
                    members_changed |= self._set_member(kv.mod_revision, name, kv.value)
                elif kind == "stores":
                    read.setdefault(name, Parts()).apply(part, kv.value)
            published = [(self._backend(name), self._backend(name)._replace(etcd_revision, parts))
                         for name, parts in read.items()]
        self._announce(published, members_changed)

    def _parse(self, key: bytes) -> tuple[str, str, str]:
        """``<prefix>/stores/<id>/<part>`` -> ("stores", id, part); members -> ("members", m, "")."""
        kind, _, rest = key[len(self._root):].decode().partition("/")
        if kind == "members":
            return kind, rest, ""
        name, _, part = rest.partition("/")
        return kind, name, part

    def _set_member(self, etcd_revision: int, machine: str, value: Optional[bytes]) -> bool:
        """Apply one members entry; True when another process changed the map."""
        if etcd_revision <= self._member_revisions.get(machine, 0):
            return False
        self._member_revisions[machine] = etcd_revision
        if value is None:
            return self._members.pop(machine, None) is not None
        changed = self._members.get(machine) != value.decode()
        self._members[machine] = value.decode()
        return changed and (machine, value.decode()) not in self._own_members

    def _announce(self, published: list[tuple[EtcdBackend, Optional[tuple[dict, CommitRecord]]]],
                  members_changed: bool) -> None:
        for backend, news in published:
            if news is not None:
                for callback in list(backend._watchers):
                    _safely(callback, *news)
        if members_changed:
            members = self.members()
            for callback in list(self._member_watchers):
                _safely(callback, members)
        if self._progress is not None:
            self._progress.set()
            self._progress = asyncio.Event()


class _WatchLost(Exception):
    """The watch stream ended (etcd restarted, history compacted): re-read and watch again."""


def _by_revision(events: Iterable[Any]) -> list[tuple[int, list[tuple[bytes, Optional[bytes]]]]]:
    """A watch response's events, grouped by etcd revision (a revision is never split)."""
    groups: list[tuple[int, list]] = []
    for event in events:
        value = None if event.type == rpc.Event.DELETE else event.kv.value
        if not groups or groups[-1][0] != event.kv.mod_revision:
            groups.append((event.kv.mod_revision, []))
        groups[-1][1].append((event.kv.key, value))
    return groups


def _range(key: bytes, range_end: Optional[bytes] = None) -> rpc.RangeRequest:
    return rpc.RangeRequest(key=key, range_end=range_end or b"")


def _write_op(key: bytes, value: Optional[bytes]) -> rpc.RequestOp:
    if value is None:
        return rpc.RequestOp(request_delete_range=rpc.DeleteRangeRequest(key=key))
    return rpc.RequestOp(request_put=rpc.PutRequest(key=key, value=value))


def _reason(exc: BaseException) -> str:
    if isinstance(exc, rpc.AioRpcError):
        return exc.code().name
    return str(exc) or type(exc).__name__


def _safely(callback: Callable[..., None], *args: Any) -> None:
    """A failing watcher must not stop the others or the watch."""
    try:
        callback(*args)
    except Exception:
        log.exception("configuration watcher %r failed", callback)
