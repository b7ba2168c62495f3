import asyncio
import os
import sys
from pathlib import Path

# The etcd tests load gRPC into the test process, which then forks ssh, swaks … (pexpect,
# subprocess).  gRPC's fork handlers, meant for children that go on using gRPC, break children
# that exec at once ("epoll_wait error: Bad file descriptor" in their output): turn them off.
os.environ.setdefault("GRPC_ENABLE_FORK_SUPPORT", "0")

import pytest
from twisted.internet import asyncioreactor

sys.path.insert(0, str(Path(__file__).resolve().parent))

# One reactor for the whole test process, the one the emulator runs on (Twisted on asyncio).
# Installed before any test module is imported: some Twisted modules (conch's userauth) import
# the default reactor as a side effect, which would shut the SMTP tests out of this one.
REACTOR_LOOP = asyncio.new_event_loop()
if "twisted.internet.reactor" not in sys.modules:
    asyncioreactor.install(REACTOR_LOOP)


@pytest.fixture(autouse=True)
def reactor_loop_is_current():
    """Each test starts with the reactor's loop as the thread's current loop, as in the emulator
    (``main`` sets it): a test before it that ran ``asyncio.run`` leaves no current loop, and
    code that asks for the running process's loop (``EtcdRegistry``) would fail by test order."""
    asyncio.set_event_loop(REACTOR_LOOP)


@pytest.fixture(scope="session")
def etcd_server(tmp_path_factory):
    """One real etcd for the test process (tests take a ``unique_prefix`` each); tests that stop
    etcd start an ``EtcdServer`` of their own."""
    from etcd_support import EtcdServer
    server = EtcdServer(tmp_path_factory.mktemp("etcd") / "data")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def loop_thread():
    """An event loop running in a thread of its own, like the emulator's main loop (for an
    ``EtcdRegistry`` whose blocking calls come from the test's thread)."""
    import threading
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    yield loop
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)
    loop.close()
