"""``FollowedPorts``, the one way the services follow their ports on commit (SSH and FTP in
``asyncos_shell``, HTTP and HTTPS in ``asyncos_web``, the SMTP listeners in ``smtp_core``), on
recorded ports.  Each service over it: ``tests/shell/test_ssh_service.py``, the SMTP tests, and
with real sockets ``tests/e2e/test_ssh_rebind.py`` and ``tests/e2e/test_https.py``."""
from __future__ import annotations

import pytest
from twisted.internet.address import IPv4Address
from twisted.internet.error import CannotListenError

from asyncos_net.following import FollowedPorts, Key
from harness import RecordingLogs


class Port:
    def __init__(self, key: Key):
        self.key, self.listening = key, True

    def getHost(self) -> IPv4Address:
        return IPv4Address("TCP", self.key[1], self.key[2] + 1)   # as if bound elsewhere

    def stopListening(self) -> None:
        self.listening = False


class Binder:
    """``listen`` for the follower: records each port; ports in ``busy`` are taken."""

    def __init__(self):
        self.opened: list[tuple[Key, str]] = []
        self.ports: list[Port] = []
        self.busy: set[int] = set()

    def __call__(self, key: Key, serves: str) -> Port:
        if key[2] in self.busy:
            raise CannotListenError(key[1], key[2], OSError(98, "Address already in use"))
        self.opened.append((key, serves))
        self.ports.append(Port(key))
        return self.ports[-1]

    def listening(self) -> list[Key]:
        return [port.key for port in self.ports if port.listening]


def follower(binder: Binder, logs: RecordingLogs, endpoints: list, **options) -> FollowedPorts:
    return FollowedPorts(binder, logs, endpoints, ("HTTPS", "HTTP"), **options)


def test_new_ports_are_bound_the_others_stopped_and_status_kept_current():
    binder, logs, endpoints = Binder(), RecordingLogs(), [("SSH", "127.0.0.1", 22)]
    ports = follower(binder, logs, endpoints)
    https, http = ("HTTPS", "127.0.0.1", 443), ("HTTP", "127.0.0.1", 80)

    assert ports.follow({https: "Management", http: "Management"}, strict=True) == [
        "HTTPS on 127.0.0.1 port 444", "HTTP on 127.0.0.1 port 81"]
    assert endpoints == [("SSH", "127.0.0.1", 22), ("HTTPS", "127.0.0.1", 444),
                         ("HTTP", "127.0.0.1", 81)]

    moved = ("HTTPS", "127.0.0.1", 8443)
    assert ports.follow({moved: "Management"}) == ["HTTPS on 127.0.0.1 port 8444"]
    assert binder.listening() == [moved]
    assert endpoints == [("SSH", "127.0.0.1", 22), ("HTTPS", "127.0.0.1", 8444)]
    assert ports.follow({moved: "Management"}) == []       # nothing changed: nothing rebound
    assert len(binder.opened) == 3 and logs.lines == []


def test_a_busy_port_stops_the_start_but_after_a_commit_is_logged_and_retried():
    binder, logs, endpoints = Binder(), RecordingLogs(), []
    ports = follower(binder, logs, endpoints)
    https, http = ("HTTPS", "127.0.0.2", 443), ("HTTP", "127.0.0.2", 80)
    binder.busy.add(443)
    with pytest.raises(CannotListenError):
        ports.follow({https: "Data"}, strict=True)

    assert ports.follow({https: "Data", http: "Data"}) == ["HTTP on 127.0.0.2 port 81"]
    assert logs.of("system_logs") == [
        "HTTPS on interface Data could not bind 127.0.0.2 port 443: "
        "[Errno 98] Address already in use"]
    assert endpoints == [("HTTP", "127.0.0.2", 81)]

    binder.busy.clear()
    assert ports.follow({https: "Data", http: "Data"}) == ["HTTPS on 127.0.0.2 port 444"]


def test_what_a_port_serves_changes_live_unless_it_is_built_into_the_port():
    key = ("HTTPS", "127.0.0.1", 443)
    binder = Binder()
    ports = follower(binder, RecordingLogs(), [])
    ports.follow({key: "Management"})
    assert ports.follow({key: "Admin"}) == []             # an interface renamed: same port
    assert ports.serving(key) == "Admin" and binder.listening() == [key]

    binder = Binder()
    listeners = FollowedPorts(binder, RecordingLogs(), [], ("SMTP",), rebind_on_change=True,
                              line=lambda key, name, bound: f"SMTP port {bound} ({name})")
    smtp = ("SMTP", "127.0.0.1", 25)
    listeners.follow({smtp: "IncomingMail"})
    assert listeners.follow({smtp: "Inbound"}) == ["SMTP port 26 (Inbound)"]
    assert [port.listening for port in binder.ports] == [False, True]


def test_close_stops_every_port_and_takes_them_off_status():
    binder, endpoints = Binder(), [("SMTP", "127.0.0.1", 25)]
    ports = follower(binder, RecordingLogs(), endpoints)
    ports.follow({("HTTP", "127.0.0.1", 80): "Management"})
    assert len(ports.close()) == 1
    assert binder.listening() == [] and list(ports) == []
    assert endpoints == [("SMTP", "127.0.0.1", 25)]
