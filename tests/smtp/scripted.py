"""The SMTP client's far side without a socket: ``ScriptedServer`` is a ``StringTransport`` that
answers each line the client writes, the way ``sink.Sink``'s modes do, and records the dialogue.

STARTTLS's handshake is the test's to decide: ``handshake`` says whether it succeeds (the
protocol is told ``handshakeCompleted``) or fails with an OpenSSL error (``connectionLost``).
Coroutines run on a private asyncio loop (never the reactor's); timeouts run on ``task.Clock``.
"""
from __future__ import annotations

import asyncio
from typing import Coroutine, Optional, TypeVar

from OpenSSL import SSL
from twisted.internet import task
from twisted.internet.testing import StringTransport
from twisted.python.failure import Failure

from smtp_core.client import ClientProtocol

T = TypeVar("T")
HANDSHAKE_ERROR = SSL.Error([("SSL routines", "", "wrong version number")])


class NegotiatedTLS:
    """What ``getHandle`` gives once the (pretend) handshake is done."""

    def get_protocol_version_name(self) -> str:
        return "TLSv1.3"

    def get_cipher_name(self) -> str:
        return "TLS_AES_256_GCM_SHA384"


def ehlo_reply(starttls: bool) -> str:
    return ("250-mx.example.net\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n"
            + ("250-STARTTLS\r\n" if starttls else "") + "250 8BITMIME")


# The sink's modes (tests/smtp/sink.py) as answers per verb; "handshake" says how TLS ends.
MODES = {
    "good": {"EHLO": ehlo_reply(True), "STARTTLS": "220 2.0.0 Ready to start TLS"},
    "plain": {"EHLO": ehlo_reply(False)},
    "454": {"EHLO": ehlo_reply(True),
            "STARTTLS": "454 4.7.0 TLS not available due to temporary reason"},
    "garbage": {"EHLO": ehlo_reply(True), "STARTTLS": "220 2.0.0 Ready to start TLS",
                "handshake": "fail"},
    "noesmtp": {"EHLO": "502 5.5.2 Error: command not recognized"},
}
COMMON = {"HELO": "250 mx.example.net", "MAIL": "250 2.1.0 Ok", "RCPT": "250 2.1.5 Ok",
          "DATA": "354 End data with <CR><LF>.<CR><LF>", "END": "250 2.0.0 Ok: queued as SINK1",
          "RSET": "250 2.0.0 Ok", "QUIT": "221 2.0.0 Bye"}


class ScriptedServer(StringTransport):
    """Answers per verb: ``answers[verb]`` is a reply, or a function of the command line.
    ``END`` answers the end of DATA.  ``dialogue`` holds ``C: …``/``S: …`` lines."""

    def __init__(self, answers: dict[str, object], banner: str = "220 mx.example.net ESMTP"):
        super().__init__()
        self.answers = {**COMMON, **answers}
        self.banner = banner
        self.dialogue: list[str] = []
        self.data: Optional[bytes] = None      # the last message as it went over the wire
        self._pending = b""
        self._in_data = False
        self.tls = False
        self.protocol: Optional[ClientProtocol] = None

    def connect(self, clock: task.Clock) -> ClientProtocol:
        self.protocol = ClientProtocol(clock)
        self.protocol.makeConnection(self)
        self._answer(self.banner)
        return self.protocol

    def _answer(self, reply: str) -> None:
        self.dialogue.append("S: " + reply)
        self.protocol.dataReceived(reply.encode() + b"\r\n")

    def write(self, data: bytes) -> None:
        super().write(data)
        self._pending += data
        if self._in_data:
            if not self._pending.endswith(b"\r\n.\r\n") and self._pending != b".\r\n":
                return
            self.data, self._pending, self._in_data = self._pending, b"", False
            self.dialogue.append("C: <message>")
            self._answer(self._reply("END", ""))
            return
        while b"\r\n" in self._pending:
            line, self._pending = self._pending.split(b"\r\n", 1)
            text = line.decode()
            self.dialogue.append("C: " + text)
            verb = text.split(" ", 1)[0].upper()
            reply = self._reply(verb, text)
            self._in_data = verb == "DATA" and reply.startswith("354")
            self._answer(reply)

    def _reply(self, verb: str, line: str) -> str:
        answer = self.answers.get(verb, "502 5.5.2 Error: command not recognized")
        return answer(line) if callable(answer) else answer

    # -- STARTTLS -----------------------------------------------------------------------------
    def startTLS(self, context: object) -> None:
        self.dialogue.append("TLS handshake")
        if self.answers.get("handshake") == "fail":
            self.protocol.connectionLost(Failure(HANDSHAKE_ERROR))
            return
        self.tls = True
        self.answers["EHLO"] = ehlo_reply(False)
        self.protocol.handshakeCompleted()

    def getHandle(self) -> NegotiatedTLS:
        return NegotiatedTLS()


def run(coroutine: Coroutine[object, None, T]) -> T:
    """Run a test coroutine on a loop of its own."""
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(coroutine)
    finally:
        loop.close()


async def settle() -> None:
    """Let every task that can run, run (a few turns of the loop; no time passes)."""
    for _ in range(5):
        await asyncio.sleep(0)

