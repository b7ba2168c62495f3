"""The SSH service follows ``interfaceconfig`` commits (NEW with SSH, EDIT disabling it, DELETE,
a port that cannot be bound), on a recording reactor; the real sockets are in
``tests/e2e/test_ssh_rebind.py``."""
from __future__ import annotations

from twisted.internet.error import CannotListenError

from asyncos_shell.transports.ssh import SSHService
from tests.harness import make_appliance, run

COMMIT = ["commit", "ssh ports", ""]
# NEW interface Data on 127.0.0.2 up to its services (name, IPv4 y, address, netmask, IPv6 n,
# ethernet port, hostname, HELO n), then FTP n, Telnet n, SSH y.
NEW_DATA = ["interfaceconfig", "new", "Data", "y", "127.0.0.2", "8", "n", "1", "data.example.com",
            "n", "", "", "y"]
# Its SSH port given: Cluster Communication Service n, HTTP n, HTTPS n, main menu.
NEW_DATA_END = ["", "", "", ""]
# EDIT of interface 1 with SSH turned off, every other answer the default.
NO_SSH_ON_MANAGEMENT = ["interfaceconfig", "edit", "1", *[""] * 11, "n", *[""] * 8]


class Port:
    def __init__(self, number: int, interface: str):
        self.number, self.interface, self.listening = number, interface, True

    def getHost(self):
        return self

    @property
    def port(self) -> int:
        return self.number

    def stopListening(self) -> None:
        self.listening = False


class Reactor:
    """Records listenTCP; ports in ``busy`` fail as a taken port does."""

    def __init__(self):
        self.ports: list[Port] = []
        self.busy: set[int] = set()

    def listenTCP(self, number: int, factory, interface: str = "") -> Port:
        if number in self.busy:
            raise CannotListenError(interface, number, OSError(98, "Address already in use"))
        self.ports.append(Port(number, interface))
        return self.ports[-1]

    def listening(self) -> list[tuple[str, int]]:
        return [(p.interface, p.number) for p in self.ports if p.listening]


class Logs:
    def __init__(self):
        self.lines: list[tuple[str, str, str]] = []

    def write(self, log: str, message: str, level: str = "Info") -> None:
        self.lines.append((log, message, level))

    def warnings(self) -> list[tuple[str, str]]:
        return [(log, message) for log, message, level in self.lines if level == "Warning"]


def test_ssh_ports_follow_new_edit_and_delete(tmp_path):
    appliance = make_appliance(tmp_path, logs=Logs())
    appliance.endpoints.append(("SMTP", "127.0.0.1", 25))
    reactor = Reactor()
    service = SSHService(appliance, reactor)
    assert service.start() == ["SSH on 127.0.0.1 port 22"]
    assert appliance.endpoints == [("SMTP", "127.0.0.1", 25), ("SSH", "127.0.0.1", 22)]

    out = run(appliance, [*NEW_DATA, "2022", *NEW_DATA_END, *COMMIT])
    assert "Changes committed: " in out
    assert reactor.listening() == [("127.0.0.1", 22), ("127.0.0.2", 2022)]
    assert appliance.endpoints == [("SMTP", "127.0.0.1", 25), ("SSH", "127.0.0.1", 22),
                                   ("SSH", "127.0.0.2", 2022)]

    out = run(appliance, [*NO_SSH_ON_MANAGEMENT, *COMMIT])
    assert "Changes committed: " in out
    assert reactor.listening() == [("127.0.0.2", 2022)]
    assert appliance.endpoints == [("SMTP", "127.0.0.1", 25), ("SSH", "127.0.0.2", 2022)]

    out = run(appliance, ["interfaceconfig", "delete", "2", "", *COMMIT])
    assert "Changes committed: " in out
    assert reactor.listening() == []
    assert appliance.endpoints == [("SMTP", "127.0.0.1", 25)]
    assert appliance.logs.warnings() == []

    assert len(reactor.ports) == 2          # nothing was bound twice


def test_a_port_that_cannot_be_bound_is_logged_and_the_others_go_on(tmp_path):
    appliance = make_appliance(tmp_path, logs=Logs())
    reactor = Reactor()
    service = SSHService(appliance, reactor)
    service.start()
    reactor.busy.add(2022)

    out = run(appliance, [*NEW_DATA, "2022", *NEW_DATA_END, *COMMIT])
    assert "Changes committed: " in out
    assert reactor.listening() == [("127.0.0.1", 22)]
    assert appliance.endpoints == [("SSH", "127.0.0.1", 22)]
    assert appliance.logs.warnings() == [
        ("system_logs", "SSH on interface Data could not bind 127.0.0.2 port 2022: "
                        "[Errno 98] Address already in use")]

    # Once the port is free, the next commit (of anything) binds it.
    reactor.busy.clear()
    assert "Changes committed: " in run(appliance, ["sethostname", "esa.example.com", *COMMIT])
    assert reactor.listening() == [("127.0.0.1", 22), ("127.0.0.2", 2022)]
