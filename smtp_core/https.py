"""The appliance's web service: HTTPS (and HTTP) on every interface that enables it.

There is no web GUI: every page is a small status page naming the appliance, so a trainee can
open it in a browser and inspect the certificate chosen with ``interfaceconfig`` (seed §3.4).
Each HTTPS port presents its interface's certificate profile, intermediates in the chain, with
the TLS contexts of ``tls.server_options`` (``sslconfig``'s GUI settings).  Commits are followed
live: ports start, stop and move; a new certificate applies from the next handshake, and open
connections go on.  Requests and TLS failures are written to ``gui_logs`` (mail-logs.md §6).
"""
from __future__ import annotations

import functools
import html
from typing import TYPE_CHECKING, Optional

from OpenSSL import SSL
from twisted.internet import defer
from twisted.internet.error import CannotListenError
from twisted.internet.interfaces import IOpenSSLServerConnectionCreator
from twisted.web import resource, server
from zope.interface import implementer

from cluster import ports

from . import tls

if TYPE_CHECKING:
    from .appliance import ServedAppliance

Key = ports.Key


@implementer(IOpenSSLServerConnectionCreator)
class ChosenCertificate:
    """The TLS side of one HTTPS port: the certificate is swapped on commit, and each handshake
    uses the one chosen at that moment (sessions already open keep theirs)."""

    def __init__(self, identity: tls.Identity, protocols: tls.Protocols):
        self.identity, self.protocols = identity, protocols

    def serverConnectionForTLS(self, protocol) -> SSL.Connection:
        return tls.server_options(self.identity, self.protocols).serverConnectionForTLS(protocol)


class StatusPage(resource.Resource):
    """Every path: the appliance's status page, or on HTTP with redirection, a redirect to
    the same path on HTTPS."""
    isLeaf = True

    def __init__(self, web: "WebService", key: Key):
        super().__init__()
        self.web, self.key = web, key

    def render_GET(self, request: server.Request) -> bytes:
        target = self.web.redirect_target(self.key)
        if target is not None:
            host = request.getRequestHostname().decode("ascii", "replace")
            port = "" if target == 443 else f":{target}"
            request.redirect(f"https://{host}{port}{request.uri.decode('ascii', 'replace')}"
                             .encode())
            return b""
        request.setHeader(b"content-type", b"text/html; charset=utf-8")
        return self.web.page(self.key).encode()


class Site(server.Site):
    def __init__(self, web: "WebService", key: Key):
        super().__init__(StatusPage(web, key))
        self.web = web
        self.displayTracebacks = False

    def log(self, request: server.Request) -> None:
        """AsyncOS's HTTP log line; there are no GUI logins, hence no user or session id."""
        agent = (request.getHeader(b"user-agent") or b"-").decode("utf-8", "replace")
        self.web.write(f"req:{request.getClientAddress().host} user:- id:- {request.code} "
                       f"{request.method.decode()} {request.uri.decode('ascii', 'replace')} "
                       f"{request.clientproto.decode()} {agent}")

    def buildProtocol(self, addr):
        channel = super().buildProtocol(addr)
        # A failed handshake reaches the HTTP channel only as the reason its connection was lost.
        channel.connectionLost = functools.partial(self._lost, addr, channel.connectionLost)
        return channel

    def _lost(self, addr, lost, reason) -> None:
        if isinstance(reason.value, SSL.Error):
            self.web.write(f"SSL error with client {addr.host}:{addr.port} - "
                           f"{tls.failure_detail(reason)}", "Warning")
        lost(reason)


class WebService:
    def __init__(self, appliance: "ServedAppliance", reactor=None):
        if reactor is None:
            from twisted.internet import reactor
        self.appliance, self.reactor = appliance, reactor
        # key -> (listening port, its certificate holder (HTTPS only), interface name)
        self.ports: dict[Key, tuple[object, Optional[ChosenCertificate], str]] = {}
        self.redirecting: set[Key] = set()
        self.started = False

    def view(self):
        return self.appliance.view()

    def start(self) -> list[str]:
        self.started = True
        self.appliance.subscribe(self._committed)
        return self._bind(strict=True)

    def _committed(self, config, record) -> None:
        if self.started:
            self._bind()

    def _wanted(self) -> dict[Key, str]:
        return ports.interface_ports(self.view().interfaces.values(), ("https", "http"),
                                     self.appliance.port_offset)

    def _identity(self, interface: str) -> tls.Identity:
        view = self.view()
        profile = view.certificates.profiles[view.interfaces[interface].https_certificate]
        return tls.identity(profile)

    def _bind(self, strict: bool = False) -> list[str]:
        """Make the bound ports match the committed interfaces; returns a line per new port.  At
        start-up (``strict``) a port that cannot be bound stops the appliance; after a commit it
        is reported in the system log and the other ports go on."""
        wanted = self._wanted()
        for key in list(self.ports):
            if key not in wanted:
                port, _, _ = self.ports.pop(key)
                port.stopListening()   # open connections on it go on
        lines = []
        for key, interface in wanted.items():
            if key in self.ports:
                port, chosen, _ = self.ports[key]
                if chosen is not None:
                    chosen.identity = self._identity(interface)
                    chosen.protocols = tls.protocols(self.view().ssl.gui)
                self.ports[key] = (port, chosen, interface)
                continue
            service, address, number = key
            chosen = (ChosenCertificate(self._identity(interface), tls.protocols(self.view().ssl.gui))
                      if service == "HTTPS" else None)
            try:
                site = Site(self, key)
                port = (self.reactor.listenSSL(number, site, chosen, interface=address)
                        if chosen is not None
                        else self.reactor.listenTCP(number, site, interface=address))
            except CannotListenError as error:
                if strict:
                    raise
                self.appliance.logs.write("system_logs", ports.bind_failure(
                    service, interface, address, number, error.socketError), "Warning")
                continue
            self.ports[key] = (port, chosen, interface)
            lines.append(f"{service} on {address} port {port.getHost().port}")
        self._log_redirects()
        self._publish()
        return lines

    def _log_redirects(self) -> None:
        """``gui_logs`` says when an HTTP port starts redirecting (mail-logs.md §6, [V])."""
        now = {key for key in self.ports if self.redirect_target(key) is not None}
        for key in now - self.redirecting:
            self.write(f"http service on {key[1]}:{key[2]} redirecting to https port "
                       f"{self.redirect_target(key)}")
        self.redirecting = now

    def _publish(self) -> None:
        ports.publish(self.appliance.endpoints, ("HTTPS", "HTTP"),
                      [(service, address, port.getHost().port)
                       for (service, address, _), (port, _, _) in self.ports.items()])

    # -- what the pages need ------------------------------------------------------------------
    def redirect_target(self, key: Key) -> Optional[int]:
        """The HTTPS port an HTTP port redirects to; None when it serves the page itself."""
        if key[0] != "HTTP" or key not in self.ports:
            return None
        iface = self.view().interfaces.get(self.ports[key][2])
        if iface is None or not iface.http_redirect or "https" not in iface.services:
            return None
        return iface.services["https"] + self.appliance.port_offset

    def page(self, key: Key) -> str:
        view, ident = self.view(), self.appliance.identity
        product = f"Cisco {ident.model} {ident.product}"
        ssh = next((port for service, address, port in self.appliance.endpoints
                    if service == "SSH" and address == key[1]), None)
        rows = [("Hostname", view.system.hostname), ("Model", ident.model),
                ("AsyncOS Version", ident.version), ("Serial Number", ident.serial),
                ("Interface", f"{self.ports[key][2] if key in self.ports else ''} ({key[1]})")]
        cells = "\n".join(f"<tr><th>{html.escape(name)}</th><td>{html.escape(str(value))}</td></tr>"
                          for name, value in rows)
        cli = (f"ssh -p {ssh} admin@{html.escape(key[1])}" if ssh else "the CLI")
        return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n"
                f"<title>{html.escape(product)} - {html.escape(view.system.hostname)}</title>\n"
                f"</head><body>\n<h1>{html.escape(product)}</h1>\n"
                f"<table>\n{cells}\n</table>\n"
                f"<p>The web interface is not available on this emulated appliance. "
                f"Please use the command line interface: <code>{cli}</code></p>\n"
                f"</body></html>\n")

    def write(self, message: str, level: str = "Info") -> None:
        self.appliance.logs.write("gui_logs", message, level)

    def stop(self) -> Optional[defer.Deferred]:
        self.started = False
        waits = [defer.maybeDeferred(port.stopListening) for port, _, _ in self.ports.values()]
        self.ports.clear()
        self._publish()
        return defer.DeferredList(waits)
