"""The outbound SMTP conversation as a machine that only speaks SMTP (issue 16, aiosmtpd style).

``ClientSession`` says the banner-EHLO-STARTTLS-MAIL-RCPT-DATA-QUIT dialogue over any
``Connection`` (the Twisted ``client.ClientProtocol``, or ``tlscheck``'s blocking socket).  What
it may do it asks a ``ClientPolicy`` (the destination's TLS rule, the TLS context, certificate
verification, the HELO name); what happened it tells a ``ClientSink`` (TLS events) and, per
message, a ``TransactionSink`` (which recipients were delivered, which failed and why).  Logging,
queueing, bouncing and retrying are the sinks' business (``delivery``), so this module knows
nothing of the appliance.

Destination TLS (seed-summary §5, §8.3): a rule that asks for STARTTLS sends it when offered; one
that is ``required`` ends the conversation (TLSPolicyFailure) when STARTTLS is not offered, is
refused, or the handshake fails; a failed handshake always ends it (after the 220 the appliance
never falls back to clear text); ``verify`` checks the certificate after the handshake, and
``enforce`` ends the conversation when it does not verify.

Reply classification: a refused command becomes an ``Outcome`` whose status comes from the
reply's enhanced status code when it has one, else from the stage (mail-logs.md §4.2); a 5XX is
permanent (bounce), anything else temporary (retry).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import AsyncIterator, Callable, Optional, Protocol, Sequence, Union

from OpenSSL import SSL
from twisted.internet.ssl import CertificateOptions

from .client import REPLY_TIMEOUT, Reply, SMTPClientError, TLSHandshakeError, UnexpectedReply
from .tls import Verification
from .wire import DotStuffer

# Twisted's connection takes its options, the blocking socket a pyOpenSSL context.
TLSContext = Union[CertificateOptions, SSL.Context]

# Enhanced status code class/subject -> AsyncOS's reason text (mail-logs.md §4.2; R otherwise).
REASONS = {
    "1.0": "Unknown address error", "1.1": "Bad destination mailbox address",
    "1.2": "Bad destination host", "2.0": "Other mailbox problem", "2.2": "Mailbox full",
    "3.0": "Other mail system problem", "3.2": "Not accepting messages at this time",
    "3.4": "Message too big for system", "4.0": "Other network problem",
    "4.7": "Delivery expired (message too old)", "5.0": "Other protocol problem",
    "7.0": "Other security problem", "7.1": "Delivery not authorized, message refused",
}
_ENHANCED = re.compile(r"^#?([245])\.(\d{1,3})\.(\d{1,3})\b")
QUIT_TIMEOUT = 10.0


@dataclass
class Outcome:
    """Why some recipients were not delivered: ``5.1.0``, ``Unknown address error``,
    ``('550', ['…'])``."""
    status: str
    reason: str
    code: str
    lines: list[str]
    dcid: int = 0
    address: str = ""   # the host that answered (``hoststatus``: last 5XX error)
    # The hard-bounce counter a permanent outcome feeds (``counters.HARD_BOUNCE_REASONS``);
    # empty: by who answered (a remote 5XX reply, else "other").
    bounce_reason: str = ""

    def text(self) -> str:
        """The answer as the remote host gave it (``454 4.7.0 …``), or the local reason."""
        return " ".join(([self.code] if self.code != "000" else []) + self.lines)

    @property
    def permanent(self) -> bool:
        return self.status.startswith("5")

    @classmethod
    def from_reply(cls, reply: Reply, stage_subject: str = "1.0", address: str = "") -> "Outcome":
        match = _ENHANCED.match(reply.lines[0] if reply.lines else "")
        klass = "5" if reply.kind == 5 else "4"
        if match:
            status = f"{klass}.{match.group(2)}.{match.group(3)}"
        else:
            status = f"{klass}.{stage_subject}"
        subject = ".".join(status.split(".")[1:])
        reason = REASONS.get(subject) or REASONS.get(subject.split(".")[0] + ".0", "Unknown error")
        return cls(status, reason, str(reply.code), list(reply.lines), address=address)

    @classmethod
    def local(cls, status: str, detail: str, dcid: int = 0) -> "Outcome":
        subject = ".".join(status.split(".")[1:])
        return cls(status, REASONS.get(subject, "Other network problem"), "000", [detail], dcid)


class TLSPolicyFailure(Exception):
    """The TLS rule forbids going on over this connection."""

    def __init__(self, outcome: Outcome, required: bool):
        super().__init__(outcome.lines[0])
        self.outcome, self.required = outcome, required


@dataclass(frozen=True)
class TLSRule:
    """What the policy asks of one connection's TLS."""
    starttls: bool = False   # send STARTTLS when the server offers it
    required: bool = False   # never go on in clear
    verify: bool = False     # check the certificate after the handshake
    enforce: bool = False    # a certificate that does not verify ends the conversation


@dataclass
class Envelope:
    """One message for one transaction: recipients as (RID, address); the body (unstuffed) as
    ``pieces`` gives it, piece by piece (a body may be 100 MB: it is never read whole)."""
    sender: str
    recipients: Sequence[tuple[int, str]]
    size: int
    eight_bit: bool
    pieces: Callable[[], AsyncIterator[bytes]]

    @classmethod
    def of(cls, sender: str, recipients: Sequence[tuple[int, str]], body: bytes) -> "Envelope":
        """An envelope for a body held in memory."""
        async def pieces() -> AsyncIterator[bytes]:
            yield body
        return cls(sender, recipients, len(body), not body.isascii(), pieces)


# -- what the machine needs from the world -------------------------------------------------------
class Connection(Protocol):
    """A connection that carries lines and replies (``client.ClientProtocol``)."""

    @property
    def is_open(self) -> bool: ...
    @property
    def ssl_connection(self) -> SSL.Connection: ...
    async def reply(self, timeout: float = REPLY_TIMEOUT) -> Reply: ...
    async def command(self, line: str, timeout: float = REPLY_TIMEOUT) -> Reply: ...
    async def send_stream(self, pieces: AsyncIterator[bytes]) -> None: ...
    async def start_tls(self, context: TLSContext) -> tuple[str, str]: ...
    def close(self) -> None: ...


class ClientPolicy(Protocol):
    """What the conversation may do (destination controls, ``destpolicy.PeerPolicy``)."""

    def helo_name(self) -> str: ...
    def tls_rule(self) -> TLSRule: ...
    def tls_context(self) -> TLSContext: ...
    def verify(self, connection: SSL.Connection) -> Verification: ...


class ClientSink(Protocol):
    """Told what happened to the connection's TLS, each at the moment it happens."""

    def tls_not_offered(self) -> None:
        """A required STARTTLS was not offered (or the server has no ESMTP)."""

    def starttls_refused(self, reply: Reply) -> None: ...

    def starttls_accepted(self) -> None:
        """The 220 to STARTTLS; the handshake comes next."""

    def tls_failed(self, detail: str) -> None:
        """The handshake failed, or the certificate did not verify under an enforcing rule."""

    def tls_started(self, protocol: str, cipher: str,
                    verification: Optional[Verification]) -> None:
        """The handshake succeeded (and the certificate was checked when the rule says so)."""


class TransactionSink(Protocol):
    """Told the fate of one message's recipients (each recipient once)."""

    def failed(self, rids: list[int], outcome: Outcome) -> None: ...
    def delivered(self, rids: list[int], reply: Reply) -> None: ...


# -- the machine --------------------------------------------------------------------------------
@dataclass
class ClientSession:
    connection: Connection
    policy: ClientPolicy
    sink: ClientSink
    address: str = ""          # the host talked to, named in outcomes (``hoststatus``)
    extensions: dict[str, str] = field(default_factory=dict)
    tls: bool = False          # the handshake succeeded
    verification: Optional[Verification] = None

    async def open(self) -> None:
        """Banner, EHLO (HELO when refused), STARTTLS as the policy's TLS rule says."""
        await self.greet()
        await self.hello()
        await self.secure()
        if self.tls:
            await self.hello()   # the extensions offered over TLS (RFC 3207 §4.2)

    async def greet(self) -> None:
        banner = await self.connection.reply()
        if banner.code != 220:
            raise UnexpectedReply(banner.details())

    async def ehlo(self) -> Optional[dict[str, str]]:
        """EHLO: the extensions it lists (None: refused)."""
        answer = await self.connection.command(f"EHLO {self.policy.helo_name()}")
        if answer.kind != 2:
            return None
        extensions = {}
        for line in answer.lines[1:]:
            word, _, value = line.partition(" ")
            extensions[word.upper()] = value
        self.extensions = extensions
        return extensions

    async def hello(self) -> None:
        """EHLO, or HELO when EHLO is refused (no extensions then)."""
        if await self.ehlo() is not None:
            return
        self.extensions = {}
        answer = await self.connection.command(f"HELO {self.policy.helo_name()}")
        if answer.kind != 2:
            raise UnexpectedReply(answer.details())

    async def secure(self) -> None:
        """STARTTLS and the handshake if the rule asks for them; TLSPolicyFailure when the rule
        forbids going on.  The caller says EHLO again after it (``tls``)."""
        rule = self.policy.tls_rule()
        if not rule.starttls:
            return
        if "STARTTLS" not in self.extensions:
            # seed-summary §8.3 cases 1 and 2: no ESMTP, or STARTTLS not advertised.
            if rule.required:
                self.sink.tls_not_offered()
                raise TLSPolicyFailure(Outcome.local(
                    "4.7.0", "TLS was required but could not be successfully negotiated"), True)
            return
        answer = await self.connection.command("STARTTLS")
        if answer.code != 220:
            # Case 3: STARTTLS refused (before any handshake): Preferred goes on in clear.
            self.sink.starttls_refused(answer)
            if rule.required:
                raise TLSPolicyFailure(Outcome.from_reply(answer, "7.0") if answer.kind == 4
                                       else Outcome.local("4.7.0", answer.details()), True)
            return
        self.sink.starttls_accepted()
        try:
            protocol_name, cipher = await self.connection.start_tls(self.policy.tls_context())
        except TLSHandshakeError as error:
            # After the 220 the appliance never falls back to clear text.
            self.sink.tls_failed(error.details)
            raise TLSPolicyFailure(Outcome.local("4.7.0", f"TLS failed: {error.details}"),
                                   rule.required)
        self.tls = True
        if rule.verify:
            self.verification = self.policy.verify(self.connection.ssl_connection)
            if not self.verification.verified and rule.enforce:
                self.sink.tls_failed(self.verification.detail)
                raise TLSPolicyFailure(
                    Outcome.local("4.7.0", f"TLS failed: {self.verification.detail}"), True)
        self.sink.tls_started(protocol_name, cipher, self.verification)

    async def transact(self, envelope: Envelope, sink: TransactionSink) -> None:
        """MAIL, RCPT for each recipient, DATA; every recipient's fate goes to ``sink``."""
        conn = self.connection
        rids = [rid for rid, _ in envelope.recipients]
        params = ""
        if "SIZE" in self.extensions:
            params += f" SIZE={envelope.size}"
        if "8BITMIME" in self.extensions and envelope.eight_bit:
            params += " BODY=8BITMIME"
        answer = await conn.command(f"MAIL FROM:<{envelope.sender}>{params}")
        if answer.kind != 2:
            sink.failed(rids, Outcome.from_reply(answer, address=self.address))
            await conn.command("RSET")
            return
        accepted = []
        for rid, address in envelope.recipients:
            answer = await conn.command(f"RCPT TO:<{address}>")
            if answer.kind == 2:
                accepted.append(rid)
            else:
                sink.failed([rid], Outcome.from_reply(answer, address=self.address))
        if not accepted:
            await conn.command("RSET")
            return
        answer = await conn.command("DATA")
        if answer.code != 354:
            sink.failed(accepted, Outcome.from_reply(answer, "3.0", address=self.address))
            await conn.command("RSET")
            return
        await conn.send_stream(_stuffed(envelope.pieces()))
        answer = await conn.reply()
        if answer.kind != 2:
            sink.failed(accepted, Outcome.from_reply(answer, "3.0", address=self.address))
            return
        sink.delivered(accepted, answer)

    async def quit(self) -> None:
        """QUIT when the connection is still up (its answer or its loss does not matter)."""
        if self.connection.is_open:
            try:
                await self.connection.command("QUIT", timeout=QUIT_TIMEOUT)
            except SMTPClientError:
                pass
        self.connection.close()


async def _stuffed(pieces: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    """The body as DATA carries it: leading dots doubled, CRLF-terminated, then the ending
    ``.CRLF`` (RFC 5321 §4.5.2)."""
    stuffer = DotStuffer()
    async for piece in pieces:
        yield stuffer.feed(piece)
    yield stuffer.end()
