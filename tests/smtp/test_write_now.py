"""The listener and the delivery client send a line at once when Twisted's buffer is empty, and never reorders bytes."""
from __future__ import annotations

from smtp_core.wire import write_now


class Socket:
    def __init__(self, takes: int | None = None, error: OSError | None = None):
        self.sent: list[bytes] = []
        self.takes, self.error = takes, error

    def send(self, data: bytes) -> int:
        if self.error is not None:
            raise self.error
        taken = data if self.takes is None else data[:self.takes]
        self.sent.append(taken)
        return len(taken)


class Transport:
    """The attributes of ``twisted.internet.tcp.Server`` that ``write_now`` reads."""
    TLS = False
    connected = True
    disconnecting = False

    def __init__(self, socket: Socket, buffered: list[bytes] | None = None):
        self.socket = socket
        self.dataBuffer, self.offset = b"", 0
        self._tempDataBuffer = list(buffered or [])
        self.written: list[bytes] = []

    def write(self, data: bytes) -> None:
        self.written.append(data)


def test_an_empty_buffer_sends_at_once():
    transport = Transport(Socket())
    write_now(transport, b"250 ok\r\n")
    assert transport.socket.sent == [b"250 ok\r\n"] and transport.written == []


def test_what_the_socket_does_not_take_is_buffered_after_what_it_took():
    transport = Transport(Socket(takes=3))
    write_now(transport, b"250 ok\r\n")
    assert transport.socket.sent == [b"250"] and transport.written == [b" ok\r\n"]


def test_a_socket_error_leaves_the_reply_to_twisted():
    transport = Transport(Socket(error=BlockingIOError()))
    write_now(transport, b"250 ok\r\n")
    assert transport.written == [b"250 ok\r\n"]


def test_buffered_data_goes_first():
    transport = Transport(Socket(), buffered=[b"250 first\r\n"])
    write_now(transport, b"250 second\r\n")
    assert transport.socket.sent == [] and transport.written == [b"250 second\r\n"]


def test_tls_and_closing_connections_use_twisted():
    for attribute, value in (("TLS", True), ("disconnecting", True), ("connected", False)):
        transport = Transport(Socket())
        setattr(transport, attribute, value)
        write_now(transport, b"250 ok\r\n")
        assert transport.socket.sent == [] and transport.written == [b"250 ok\r\n"], attribute
