"""Writing SMTP lines to a Twisted TCP connection without a loop iteration per line."""
from __future__ import annotations


def write_now(transport, data: bytes) -> None:
    """Send ``data`` (a reply, a command, a message) at once when nothing is waiting in the
    connection's buffer, the usual case in a lock-step SMTP dialogue.

    Twisted's ``write`` only buffers: it registers the socket for writing and sends on the next
    loop iteration, which costs two epoll_ctl calls and a dispatch per line, about a tenth of
    the listener's CPU.  TLS connections, and whatever the socket does not take at once, go the
    normal way, so the order of the bytes never changes."""
    if (getattr(transport, "TLS", True) or not transport.connected or transport.disconnecting
            or transport._tempDataBuffer or transport.offset != len(transport.dataBuffer)):
        transport.write(data)
        return
    try:
        sent = transport.socket.send(data)
    except OSError:   # EAGAIN, or the peer is gone: Twisted reports it as it writes
        sent = 0
    if sent < len(data):
        transport.write(data[sent:])
