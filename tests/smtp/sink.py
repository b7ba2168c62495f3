"""A receiving MTA for delivery tests, on Python's ssl module (a TLS stack other than ours).

Modes: ``good`` (STARTTLS with the given context), ``plain`` (no STARTTLS), ``454`` (STARTTLS
refused), ``garbage`` (220 to STARTTLS, then bytes that are not TLS), ``noesmtp`` (EHLO refused).
Recipients whose local part starts with ``bounce`` get 550, ``defer`` 451.  With ``hold`` set,
the reply to the end of DATA waits until that event is set (``holding`` counts the waiting ones).
"""
from __future__ import annotations

import asyncio
import ssl
from dataclasses import dataclass, field
from typing import Optional


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes
    tls: bool


@dataclass
class Sink:
    mode: str = "good"
    context: Optional[ssl.SSLContext] = None
    messages: list[Received] = field(default_factory=list)
    connections: int = 0
    hold: Optional[asyncio.Event] = None
    host: str = "127.0.0.1"
    holding: int = 0
    server: Optional[asyncio.AbstractServer] = None

    async def start(self) -> int:
        self.server = await asyncio.start_server(self._session, self.host, 0)
        return self.server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        self.server.close()

    async def wait_for(self, count: int, timeout: float = 10) -> list[Received]:
        for _ in range(int(timeout / 0.05)):
            if len(self.messages) >= count:
                break
            await asyncio.sleep(0.05)
        return self.messages

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        tls, sender, recipients = False, "", []

        def send(text: str) -> None:
            writer.write(text.encode() + b"\r\n")

        send("220 mx.example.net ESMTP sink")
        try:
            while True:
                line = (await reader.readline()).decode(errors="replace").rstrip("\r\n")
                if not line:
                    return
                verb = line.split(" ", 1)[0].upper()
                if verb == "EHLO":
                    if self.mode == "noesmtp":
                        send("502 5.5.2 Error: command not recognized")
                        continue
                    offer = self.mode in ("good", "454", "garbage") and not tls
                    send("250-mx.example.net\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n"
                         + ("250-STARTTLS\r\n" if offer else "") + "250 8BITMIME")
                elif verb == "HELO":
                    send("250 mx.example.net")
                elif verb == "STARTTLS":
                    if self.mode == "454":
                        send("454 4.7.0 TLS not available due to temporary reason")
                    elif self.mode == "garbage":
                        send("220 2.0.0 Ready to start TLS")
                        writer.write(b"this is not a TLS server hello\r\n" * 4)
                        await writer.drain()
                        writer.close()
                        return
                    else:
                        send("220 2.0.0 Ready to start TLS")
                        await writer.drain()
                        try:
                            await writer.start_tls(self.context)
                        except (ssl.SSLError, OSError, ConnectionError):
                            return
                        tls, sender, recipients = True, "", []
                elif verb == "MAIL":
                    sender = line.split(":", 1)[1].split(">")[0].strip().lstrip("<")
                    recipients = []
                    send("250 2.1.0 Ok")
                elif verb == "RCPT":
                    address = line.split(":", 1)[1].split(">")[0].strip().lstrip("<")
                    if address.startswith("bounce"):
                        send(f"550 5.1.1 <{address}>: Recipient address rejected: User unknown")
                    elif address.startswith("defer"):
                        send("451 4.3.2 try again later")
                    else:
                        recipients.append(address)
                        send("250 2.1.5 Ok")
                elif verb == "DATA":
                    send("354 End data with <CR><LF>.<CR><LF>")
                    chunks = []
                    while True:
                        chunk = await reader.readline()
                        if chunk in (b".\r\n", b""):
                            break
                        chunks.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                    if self.hold is not None:
                        self.holding += 1
                        await self.hold.wait()
                        self.holding -= 1
                    self.messages.append(Received(sender, recipients, b"".join(chunks), tls))
                    send(f"250 2.0.0 Ok: queued as SINK{len(self.messages)}")
                elif verb == "RSET":
                    sender, recipients = "", []
                    send("250 2.0.0 Ok")
                elif verb == "QUIT":
                    send("221 2.0.0 Bye")
                    await writer.drain()
                    return
                else:
                    send("502 5.5.2 Error: command not recognized")
                await writer.drain()
        except (ConnectionError, ssl.SSLError):
            return
        finally:
            writer.close()
