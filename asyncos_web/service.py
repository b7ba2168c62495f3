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
from typing import Callable, Optional

from OpenSSL import SSL
from twisted.internet import defer
from twisted.internet.interfaces import IListeningPort, IOpenSSLServerConnectionCreator
from twisted.python.failure import Failure
from twisted.web import resource, server
from zope.interface import implementer

from asyncos_net.following import FollowedPorts
from cluster import model, ports
from cluster.levels import ApplianceView
from cluster.logins import LoginAccounting

from .appliance import ConfigFiles, WebAppliance
from .gui import Gui

Key = ports.Key
# (certificate profile, the appliance's view) -> the server TLS context; the view carries
# sslconfig's GUI protocol settings.
ServerContext = Callable[[model.CertificateProfile, ApplianceView],
                         IOpenSSLServerConnectionCreator]


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
                 tls_failure: Callable[[Failure], str], config_files: Optional[ConfigFiles] = None,
                 reactor=None, *, accounts: LoginAccounting):
        if reactor is None:
            from twisted.internet import reactor
        self.appliance, self.reactor = appliance, reactor
        self.server_context, self.tls_failure = server_context, tls_failure
        self.gui = Gui(appliance, config_files, accounts=accounts)
        # Each port serves one interface (its name).
        self.ports: FollowedPorts[str] = FollowedPorts(self._listen, appliance.logs,
                                                       appliance.endpoints, ("HTTPS", "HTTP"))
        self.certificates: dict[Key, ChosenCertificate] = {}   # of the bound HTTPS ports
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

    def _listen(self, key: Key, interface: str) -> IListeningPort:
        service, address, number = key
        site = Site(self, key)
        if service != "HTTPS":
            return self.reactor.listenTCP(number, site, interface=address)
        chosen = ChosenCertificate(self._context(interface))
        port = self.reactor.listenSSL(number, site, chosen, interface=address)
        self.certificates[key] = chosen
        return port

    def _bind(self, strict: bool = False) -> list[str]:
        """Make the bound ports match the committed interfaces (``FollowedPorts.follow``); the
        HTTPS ports that stay present their interface's certificate as now committed."""
        wanted = self._wanted()
        for key, chosen in list(self.certificates.items()):
            if key in wanted:
                chosen.context = self._context(wanted[key])
            else:
                del self.certificates[key]
        before = set(self.ports)
        lines = self.ports.follow(wanted, strict)
        self._log_ports(before, set(self.ports))
        self._log_redirects()
        return lines

    def _log_ports(self, before: set[Key], after: set[Key]) -> None:
        """``gui_logs`` says when a port starts or stops serving, in the words of Cisco's message
        catalogue (github dharma412/PythonClass csa/testlib/common/shell/qlogmsgs.py,
        webui.WEBUI.SVC_UP, SVC_DOWN)."""
        for service, address, number in sorted(after - before):
            self.write(f"{service.lower()} service listening on {address}:{number}")
        for service, address, number in sorted(before - after):
            self.write(f"{service.lower()} service shutting down on {address}:{number}")

    def _log_redirects(self) -> None:
        """``gui_logs`` says when an HTTP port starts redirecting (mail-logs.md §6, [V])."""
        now = {key for key in self.ports if self.redirect_target(key) is not None}
        for key in now - self.redirecting:
            self.write(f"http service on {key[1]}:{key[2]} redirecting to https port "
                       f"{self.redirect_target(key)}")
        self.redirecting = now

    def interface_of(self, key: Key) -> str:
        return self.ports.serving(key) or ""

    def redirect_target(self, key: Key) -> Optional[int]:
        """The HTTPS port an HTTP port redirects to; None when it serves the GUI itself."""
        interface = self.ports.serving(key)
        if key[0] != "HTTP" or interface is None:
            return None
        iface = self.view().interfaces.get(interface)
        if iface is None or not iface.http_redirect or "https" not in iface.services:
            return None
        return iface.services["https"] + self.appliance.port_offset

    def write(self, message: str, level: str = "Info") -> None:
        self.appliance.logs.write("gui_logs", message, level)

    def stop(self) -> Optional[defer.Deferred]:
        self.started = False
        waits = self.ports.close()
        self.certificates.clear()
        self.gui.close()
        return defer.DeferredList(waits)
