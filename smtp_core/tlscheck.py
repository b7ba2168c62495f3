"""A STARTTLS probe for ``scripts/checktls``: a blocking SMTP client that records the dialogue
the way CheckTLS prints it and keeps the server's certificate chain without verifying it
(verification is ``cluster.x509``'s job, so the report can say what is wrong).

Uses a plain socket and pyOpenSSL; independent of the SMTP core's Twisted code.
"""
from __future__ import annotations

import socket
import struct
import time
from dataclasses import dataclass, field
from typing import Optional

from cryptography import x509
from OpenSSL import SSL


@dataclass
class Probe:
    """What happened: ``lines`` to print (the certificate report goes after line
    ``handshake_line``), and the TLS facts when the handshake succeeded."""
    lines: list[str] = field(default_factory=list)
    starttls_offered: bool = False
    tls: bool = False
    protocol: str = ""
    cipher: str = ""
    chain: list[x509.Certificate] = field(default_factory=list)
    handshake_line: int = -1
    error: Optional[str] = None


class _Failed(Exception):
    pass


class _Session:
    def __init__(self, probe: Probe, sock: socket.socket):
        self.probe, self.sock, self.conn = probe, sock, None
        self.start = time.monotonic()
        self.buffer = b""

    def note(self, text: str) -> None:
        self.probe.lines.append(f"[{time.monotonic() - self.start:07.3f}]{text}")

    def send(self, command: str) -> None:
        self.note(f" -->{command}")
        data = command.encode() + b"\r\n"
        (self.conn or self.sock).sendall(data)

    def _recv(self) -> bytes:
        try:
            data = self.conn.recv(4096) if self.conn else self.sock.recv(4096)
        except SSL.ZeroReturnError:
            data = b""
        except (OSError, SSL.Error) as error:
            raise _Failed(f"Connection lost: {error or 'timed out'}") from error
        if not data:
            raise _Failed("Connection closed by the server")
        return data

    def reply(self) -> tuple[int, list[str]]:
        """One (possibly multi-line) reply; printed with the first line marked ``<--``."""
        lines = []
        while True:
            while b"\n" not in self.buffer:
                self.buffer += self._recv()
            raw, self.buffer = self.buffer.split(b"\n", 1)
            line = raw.rstrip(b"\r").decode("utf-8", "replace")
            lines.append(line)
            if len(line) < 4 or line[3] != "-":
                break
        self.note("<-- " + "\n".join(lines))
        try:
            return int(lines[-1][:3]), lines
        except ValueError as error:
            raise _Failed("The server's reply is not SMTP") from error


def _set_timeouts(sock: socket.socket, seconds: float) -> None:
    """Blocking reads and writes that give up after ``seconds`` (pyOpenSSL needs a blocking
    socket, so ``settimeout`` cannot be used)."""
    value = struct.pack("ll", int(seconds), int((seconds % 1) * 1_000_000))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, value)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, value)


def probe(host: str, port: int = 25, *, ehlo: str = "checktls.local",
          server_name: Optional[str] = None, mail_from: Optional[str] = "test@checktls.local",
          timeout: float = 10.0) -> Probe:
    """Connect, EHLO, STARTTLS, handshake (no verification), EHLO again, MAIL FROM, QUIT."""
    result = Probe()
    start = time.monotonic()
    result.lines.append(f"[{0:07.3f}] Trying {host}:{port}")
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except OSError as error:
        result.error = f"Cannot connect to {host}:{port}: {error.strerror or error}"
        result.lines.append(f"[{time.monotonic() - start:07.3f}] {result.error}")
        return result
    session = _Session(result, sock)
    session.start = start
    try:
        sock.settimeout(None)
        _set_timeouts(sock, timeout)
        session.note(" Connected to server")
        _dialogue(session, host, ehlo, server_name, mail_from)
    except _Failed as failure:
        result.error = str(failure)
        session.note(f" {result.error}")
    finally:
        sock.close()
    return result


def _dialogue(session: _Session, host: str, ehlo: str, server_name: Optional[str],
              mail_from: Optional[str]) -> None:
    result = session.probe
    code, _ = session.reply()
    if code != 220:
        raise _Failed("The server does not accept connections")
    session.send(f"EHLO {ehlo}")
    code, lines = session.reply()
    if code != 250:
        raise _Failed("The server does not speak ESMTP")
    session.note(" We can use this server")
    result.starttls_offered = any(line[4:].strip().upper() == "STARTTLS" for line in lines)
    if not result.starttls_offered:
        raise _Failed("TLS is not an option on this server")
    session.note(" TLS is an option on this server")
    session.send("STARTTLS")
    code, lines = session.reply()
    if code != 220:
        raise _Failed(f"STARTTLS command failed: {lines[-1]}")
    session.note(" STARTTLS command works on this server")
    context = SSL.Context(SSL.TLS_CLIENT_METHOD)
    context.set_verify(SSL.VERIFY_NONE, lambda *args: True)
    conn = SSL.Connection(context, session.sock)
    conn.set_tlsext_host_name((server_name or host).encode("idna"))
    conn.set_connect_state()
    try:
        conn.do_handshake()
    except (SSL.Error, OSError) as error:
        raise _Failed(f"Cannot convert connection to SSL: {error}") from error
    session.conn = conn
    result.tls = True
    result.protocol, result.cipher = conn.get_protocol_version_name(), conn.get_cipher_name()
    result.chain = [c.to_cryptography() for c in conn.get_peer_cert_chain() or []]
    session.note(" Connection converted to SSL")
    result.handshake_line = len(result.lines)
    session.send(f"EHLO {ehlo}")
    code, _ = session.reply()
    if code != 250:
        raise _Failed("EHLO after STARTTLS failed")
    session.note(" TLS successfully started on this server")
    if mail_from is not None:
        session.send(f"MAIL FROM:<{mail_from}>")
        code, _ = session.reply()
        session.note(" Sender is OK" if code == 250 else " Sender was rejected")
    session.send("QUIT")
    try:
        session.reply()
    except _Failed:
        pass
