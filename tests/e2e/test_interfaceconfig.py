"""interfaceconfig DELETE over real SSH: the listener on the deleted interface, moved by
"Change" to another interface and TCP port, accepts SMTP there after commit (loopback only)."""
from __future__ import annotations

import socket

from .test_ssh_shell import close, login, typed

SUB = "]> "
DATA1 = "127.0.0.9"


def banner(address: str, port: int) -> str:
    with socket.create_connection((address, port), timeout=10) as connection:
        line = connection.makefile("rb").readline().decode()
        connection.sendall(b"QUIT\r\n")
    return line


def refused(address: str, port: int) -> bool:
    try:
        socket.create_connection((address, port), timeout=5).close()
    except ConnectionRefusedError:
        return True
    return False


def answers(child, lines) -> None:
    for line in lines:
        typed(child, line, SUB)


def commit(child) -> None:
    typed(child, "commit", SUB)
    typed(child, "", SUB)
    assert "Changes committed: " in typed(child, "")


def test_a_listener_moved_by_change_accepts_smtp_on_its_new_address_and_port(appliance_server):
    offset = appliance_server.port_offset
    child, seen = login(appliance_server, dimensions=(200, 120))
    # Data1 on 127.0.0.9, and the listener IncomingMail on it (port 25).
    answers(child, ["interfaceconfig", "new", "Data1", "", DATA1, "", "", "",
                    "data1.example.com", "", "", "", "", "", ""])
    typed(child, "", SUB)
    typed(child, "")
    answers(child, ["listenerconfig", "edit", "IncomingMail", "interface", "Data1", "", "", ""])
    typed(child, "")
    commit(child)
    assert banner(DATA1, 25 + offset).startswith("220 ")

    # Deleting Data1: Change, to Management, port 2525.
    answers(child, ["interfaceconfig", "delete"])
    asked = typed(child, "Data1", SUB)
    assert 'The interface "Data1" is used by listener "IncomingMail".' in asked
    assert "Please choose a new interface for listener" in typed(child, "2", SUB)
    assert "Please enter the TCP port for this listener." in typed(child, "", SUB)
    typed(child, "2525", SUB)
    typed(child, "")
    commit(child)
    assert banner(appliance_server.host, 2525 + offset).startswith("220 ")
    assert refused(DATA1, 25 + offset)
    close(child, seen)
