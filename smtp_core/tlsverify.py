"""``tlsverify``: one real TLS connection to a destination host with the delivery client, reported
step by step as events (the shell turns each event into the appliance's line, cli.md §5.10).

Events (id, values): connecting(address, port), connect_failed(address, details),
connected(address, interface), checking(), no_starttls(host), starttls_refused(reply),
handshake_failed(address, details), established(protocol, cipher), verifying(),
verifying_name(name), name_match(name), name_mismatch(names), verified(), verify_failed(reason),
tls_ok(address), success(host), failure(host), completed().
"""
from __future__ import annotations

from typing import Callable

from . import routing
from .client import SMTPClientError, TLSHandshakeError, connect
from .delivery import ehlo, quit_politely
from .host import MailHost

Report = Callable[[str, dict], None]


async def run(core: MailHost, domain: str, host: str, port: int, report: Report) -> bool:
    ok = await _conversation(core, domain, host, port, report)
    report("success" if ok else "failure", {"host": host})
    report("completed", {})
    return ok


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
    try:
        report("connected", {"address": address, "interface": conn.transport.getHost().host})
        banner = await conn.reply()
        if banner.code != 220:
            report("connect_failed", {"address": address, "details": banner.details()})
            return False
        report("checking", {})
        extensions = await ehlo(conn, core.helo_name())
        if not extensions or "STARTTLS" not in extensions:
            report("no_starttls", {"host": host})
            return False
        answer = await conn.command("STARTTLS")
        if answer.code != 220:
            report("starttls_refused", {"reply": answer.details()})
            return False
        try:
            protocol_name, cipher = await conn.start_tls(core.client_tls())
        except TLSHandshakeError as error:
            report("handshake_failed", {"address": address, "details": error.details})
            return False
        report("established", {"protocol": protocol_name, "cipher": cipher})
        report("verifying", {})
        report("verifying_name", {"name": host})
        result = core.verify_peer(conn.ssl_connection, [host, domain] if host != domain else [host])
        if result.verified:
            report("name_match", {"name": result.detail})
            report("verified", {})
        else:
            report("verify_failed", {"reason": result.detail.removeprefix("verify error: ")})
        report("tls_ok", {"address": address})
        await quit_politely(conn)
        return result.verified
    except SMTPClientError as error:
        report("connect_failed", {"address": address, "details": error.details})
        return False
    finally:
        if not conn.closing:
            conn.abort()
