"""The web interface's ports: HTTPS (and HTTP) on every interface that enables it.

Each HTTPS port presents its interface's certificate profile, intermediates in the chain (the TLS
context comes from the composition root: ``tls.server_options`` with ``sslconfig``'s GUI
settings).  Commits are followed live: ports start, stop and move; a new certificate applies from the
next handshake, and open connections go on.  Every port serves the same GUI (``gui.py``), whose
logged-in sessions are shared by all ports; an HTTP port with redirection sends browsers to HTTPS.
Requests and TLS failures are written to ``gui_logs`` (mail-logs.md §6).
"""
from __future__ import annotations

import functools
from typing import Any, Callable, Optional

from OpenSSL import SSL
from twisted.internet import defer
from twisted.internet.error import CannotListenError
from twisted.internet.interfaces import IOpenSSLServerConnectionCreator
from twisted.web import resource, server
from zope.interface import implementer

from cluster import model, ports
from cluster.logins import LoginAccounting

from .appliance import ConfigFiles, WebAppliance
from .gui import Gui

Key = ports.Key
# (certificate profile, the appliance's view) -> the server TLS context
# (an IOpenSSLServerConnectionCreator); the view carries sslconfig's GUI protocol settings.
ServerContext = Callable[[model.CertificateProfile, Any], Any]


@implementer(IOpenSSLServerConnectionCreator)
class ChosenCertificate:
    """The TLS side of one HTTPS port: the certificate is swapped on commit, and each handshake
    uses the one chosen at that moment (sessions already open keep theirs)."""

    def __init__(self, context):
        self.context = context

    def serverConnectionForTLS(self, protocol) -> SSL.Connection:
        return self.context.serverConnectionForTLS(protocol)


class PortResource(resource.Resource):
    """One port's root: on HTTP with redirection, a redirect to the same path on HTTPS; else
    the GUI."""
    isLeaf = True

    def __init__(self, web: "WebService", key: Key):
        super().__init__()
        self.web, self.key = web, key

    def render(self, request: server.Request):
        target = self.web.redirect_target(self.key)
        if target is not None:
            host = request.getRequestHostname().decode("ascii", "replace")
            port = "" if target == 443 else f":{target}"
            request.redirect(f"https://{host}{port}{request.uri.decode('ascii', 'replace')}"
                             .encode())
            return b""
        return self.web.gui.render(request, secure=self.key[0] == "HTTPS",
                                   interface=self.web.interface_of(self.key))


class Site(server.Site):
    def __init__(self, web: "WebService", key: Key):
        super().__init__(PortResource(web, key))
        self.web = web
        self.displayTracebacks = False

    def log(self, request: server.Request) -> None:
        """AsyncOS's HTTP log line: client, user and session id ("-" before login)."""
        agent = (request.getHeader(b"user-agent") or b"-").decode("utf-8", "replace")
        user, session_id = getattr(request, "gui_user", ("-", "-"))
        self.web.write(f"req:{request.getClientAddress().host} user:{user} id:{session_id} "
                       f"{request.code} {request.method.decode()} "
                       f"{request.uri.decode('ascii', 'replace')} "
                       f"{request.clientproto.decode()} {ascii(agent)[1:-1]}")

    def buildProtocol(self, addr):
        channel = super().buildProtocol(addr)
        # A failed handshake reaches the HTTP channel only as the reason its connection was lost.
        channel.connectionLost = functools.partial(self._lost, addr, channel.connectionLost)
        return channel

    def _lost(self, addr, lost, reason) -> None:
        if isinstance(reason.value, SSL.Error):
            self.web.write(f"SSL error with client {addr.host}:{addr.port} - "
                           f"{self.web.tls_failure(reason)}", "Warning")
        lost(reason)


class WebService:
    """``server_context`` makes an HTTPS port's TLS context from a certificate profile and
    ``tls_failure`` words a failed handshake for the log (both from the SMTP core's TLS);
    ``config_files`` reads and writes configuration files as the CLI does (from the shell);
    ``accounts`` is the appliance's login accounting, the one SSH and FTP use: all passed in by
    the composition root."""

    def __init__(self, appliance: WebAppliance, server_context: ServerContext,
                 tls_failure: Callable[[Any], str], config_files: Optional[ConfigFiles] = None,
                 reactor=None, *, accounts: LoginAccounting):
        if reactor is None:
            from twisted.internet import reactor
        self.appliance, self.reactor = appliance, reactor
        self.server_context, self.tls_failure = server_context, tls_failure
        self.gui = Gui(appliance, config_files, accounts=accounts)
        # key -> (listening port, its certificate holder (HTTPS only), interface name)
        self.ports: dict[Key, tuple[Any, Optional[ChosenCertificate], str]] = {}
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

    def _context(self, interface: str):
        view = self.view()
        return self.server_context(
            view.certificates.profiles[view.interfaces[interface].https_certificate], view)

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
                    chosen.context = self._context(interface)
                self.ports[key] = (port, chosen, interface)
                continue
            service, address, number = key
            chosen = ChosenCertificate(self._context(interface)) if service == "HTTPS" else None
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

    def interface_of(self, key: Key) -> str:
        return self.ports[key][2] if key in self.ports else ""

    def redirect_target(self, key: Key) -> Optional[int]:
        """The HTTPS port an HTTP port redirects to; None when it serves the GUI itself."""
        if key[0] != "HTTP" or key not in self.ports:
            return None
        iface = self.view().interfaces.get(self.ports[key][2])
        if iface is None or not iface.http_redirect or "https" not in iface.services:
            return None
        return iface.services["https"] + self.appliance.port_offset

    def write(self, message: str, level: str = "Info") -> None:
        self.appliance.logs.write("gui_logs", message, level)

    def stop(self) -> Optional[defer.Deferred]:
        self.started = False
        waits = [defer.maybeDeferred(port.stopListening) for port, _, _ in self.ports.values()]
        self.ports.clear()
        self._publish()
        self.gui.close()
        return defer.DeferredList(waits)
