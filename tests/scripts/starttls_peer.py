"""A tiny SMTP server with STARTTLS for testing ``scripts/checktls`` (one thread, blocking)."""
from __future__ import annotations

import socket
import ssl
import threading
from typing import Optional


class StartTLSPeer:
    """Serves connections on 127.0.0.1 until ``close``; ``chain_file`` holds the certificate
    followed by what the server sends as its chain."""

    def __init__(self, chain_file: Optional[str], key_file: Optional[str], *,
                 offer_starttls: bool = True, starttls_reply: str = "220 Go ahead with TLS",
                 banner: bytes = b"220 peer.example.com ESMTP\r\n"):
        self.offer, self.starttls_reply, self.banner = offer_starttls, starttls_reply, banner
        self.context = None
        if chain_file:
            self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.context.load_cert_chain(chain_file, key_file)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def close(self) -> None:
        try:
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept() on Linux
        except OSError:
            pass
        self.listener.close()
        self.thread.join(timeout=5)

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            with conn:
                try:
                    self._session(conn)
                except (OSError, ssl.SSLError):
                    pass

    def _session(self, conn: socket.socket) -> None:
        conn.settimeout(10)
        stream = conn
        reader = stream.makefile("rb")
        stream.sendall(self.banner)
        while True:
            line = reader.readline()
            if not line:
                return
            verb = line.split(b" ", 1)[0].strip().upper()
            if verb == b"EHLO":
                extensions = [b"250-peer.example.com", b"250-SIZE 10485760"]
                if self.offer and stream is conn:
                    extensions.append(b"250 STARTTLS")
                else:
                    extensions[-1] = extensions[-1].replace(b"250-", b"250 ", 1)
                stream.sendall(b"\r\n".join(extensions) + b"\r\n")
            elif verb == b"STARTTLS":
                stream.sendall(self.starttls_reply.encode() + b"\r\n")
                if not self.starttls_reply.startswith("220"):
                    continue
                stream = self.context.wrap_socket(conn, server_side=True)
                reader = stream.makefile("rb")
            elif verb == b"MAIL":
                stream.sendall(b"250 sender ok\r\n")
            elif verb == b"QUIT":
                stream.sendall(b"221 peer.example.com closing\r\n")
                return
            else:
                stream.sendall(b"500 unknown command\r\n")
