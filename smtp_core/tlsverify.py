"""``tlsverify``: one real TLS connection to a destination host with the delivery client, reported
step by step as events (the shell turns each event into the appliance's line, cli.md §5.10).

Events (id, values): connecting(address, port), connect_failed(address, details),
connected(address, interface), checking(), no_starttls(host), starttls_refused(reply),
handshake_failed(address, details), established(protocol, cipher), verifying(),
verifying_name(name), name_match(name), name_mismatch(names), verified(), verify_failed(reason),
tls_ok(address), success(host), failure(host), completed().

The dialogue is delivery's own (``outbound.ClientSession`` under ``destpolicy.TLSVERIFY_RULE``);
``ReportSink`` turns its TLS events into the events above.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from . import destpolicy, routing
from .client import Reply, SMTPClientError, connect
from .host import MailHost
from .outbound import ClientSession, TLSPolicyFailure
from .tls import Verification

Report = Callable[[str, dict], None]


async def run(core: MailHost, domain: str, host: str, port: int, report: Report) -> bool:
    ok = await _conversation(core, domain, host, port, report)
    report("success" if ok else "failure", {"host": host})
    report("completed", {})
    return ok


@dataclass
class ReportSink:
    """The conversation's TLS events as ``tlsverify``'s (``outbound.ClientSink``)."""
    report: Report
    host: str
    address: str

    def tls_not_offered(self) -> None:
        self.report("no_starttls", {"host": self.host})

    def starttls_refused(self, reply: Reply) -> None:
        self.report("starttls_refused", {"reply": reply.details()})

    def starttls_accepted(self) -> None:
        pass

    def tls_failed(self, detail: str) -> None:
        self.report("handshake_failed", {"address": self.address, "details": detail})

    def tls_started(self, protocol: str, cipher: str,
                    verification: Optional[Verification]) -> None:
        self.report("established", {"protocol": protocol, "cipher": cipher})
        self.report("verifying", {})
        self.report("verifying_name", {"name": self.host})
        if verification is not None and verification.verified:
            self.report("name_match", {"name": verification.detail})
            self.report("verified", {})
        elif verification is not None:
            self.report("verify_failed",
                        {"reason": verification.detail.removeprefix("verify error: ")})


async def _conversation(core: MailHost, domain: str, host: str, port: int,
                        report: Report) -> bool:
    try:
        address = (await core.resolver.addresses(host, port))[0]
    except (routing.DNSHardError, routing.DNSSoftError, IndexError) as error:
        report("connect_failed", {"address": host, "details": str(error) or "no address"})
        return False
    port = core.smtp_port(address, port)
    view = core.view()
    iface = routing.source_address(view.interfaces, view.delivery.interface, address)
    report("connecting", {"address": address, "port": port})
    try:
        conn = await connect(core.reactor, address, port, iface.ipv4 if iface else None)
    except SMTPClientError as error:
        report("connect_failed", {"address": address, "details": error.details})
        return False
    policy = destpolicy.PeerPolicy(core, host, domain, destpolicy.TLSVERIFY_RULE)
    session = ClientSession(conn, policy, ReportSink(report, host, address), address)
    try:
        report("connected", {"address": address, "interface": conn.local_address()})
        await session.greet()
        report("checking", {})
        await session.hello()
        await session.secure()
        report("tls_ok", {"address": address})
        await session.quit()
        return session.verification is not None and session.verification.verified
    except TLSPolicyFailure:
        return False
    except SMTPClientError as error:
        report("connect_failed", {"address": address, "details": error.details})
        return False
    finally:
        if not conn.closing:
            conn.abort()
