"""The appliance's DNS: MX, address and PTR lookups through the servers ``dnsconfig`` names.

With local DNS servers (a lab's default: the lab's own server) every lookup is a ``twisted.names``
query to those servers, by priority (equal priorities in random order), the next server when one
does not answer.  With the Internet root servers the appliance resolves as the host it runs on
does (``routing``'s system resolver, ``/etc/hosts`` included): the emulator never queries the
Internet's root servers itself.  In both modes a name in (or under) a domain of dnsconfig's
alternate servers is asked of those servers only (split DNS).  Nothing here blocks the event
loop.

Port 53 of a lab address is where the lab's DNS server really listens (``lab_ports``).

Queries leave from the address of dnsconfig's interface for DNS traffic (with Auto: of the
interface on the server's network, else wherever the host routes them), over UDP and TCP alike.
"""
from __future__ import annotations

import asyncio
import functools
import ipaddress
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from twisted.internet import defer
from twisted.names import client, dns

from cluster import model
from cluster.interfaces import source_address
from cluster.validate import is_ip

from . import routing
from .host import MailHost

DNS_PORT = 53
ATTEMPT_TIMEOUTS = (1, 3)       # per server: a query is sent again after 1 s, abandoned after 3 s
RESOLV_CONF = Path("/etc/resolv.conf")
REVERSE_CACHE_SECONDS = 300.0
TYPES = {"A": dns.A, "AAAA": dns.AAAA, "CNAME": dns.CNAME, "MX": dns.MX, "NS": dns.NS,
         "PTR": dns.PTR, "SOA": dns.SOA, "TXT": dns.TXT}
RCODES = {dns.OK: "NOERROR", dns.EFORMAT: "FORMERR", dns.ESERVER: "SERVFAIL",
          dns.ENAME: "NXDOMAIN", dns.ENOTIMP: "NOTIMP", dns.EREFUSED: "REFUSED"}


@dataclass
class Exchange:
    """One DNS question and the answer a server gave (for ``nslookup`` and ``dig``)."""
    name: str
    type: str
    server: tuple[str, int]     # as configured: (address, 53)
    message: dns.Message
    milliseconds: int

    @property
    def status(self) -> str:
        return RCODES.get(self.message.rCode, str(self.message.rCode))

    def records(self, rtype: Optional[str] = None) -> list[dns.RRHeader]:
        wanted = TYPES.get(rtype or self.type)
        return [rr for rr in self.message.answers if rr.type == wanted]

    def summary(self) -> dict:
        """The answer in plain values for the shell (``MailFacade.dns_lookup``)."""
        message = self.message
        flags = [flag for flag, on in (("qr", message.answer), ("aa", message.auth),
                                       ("tc", message.trunc), ("rd", message.recDes),
                                       ("ra", message.recAv)) if on]
        return {
            "status": self.status, "id": message.id, "flags": flags,
            "question": (_absolute(self.name), self.type), "server": self.server,
            "milliseconds": self.milliseconds, "size": len(message.toStr()),
            **{section: [_record(rr) for rr in getattr(message, section)]
               for section in ("answers", "authority", "additional")},
        }


class NoServerAnswered(Exception):
    """Every configured server timed out or could not be reached."""

    def __init__(self, servers: list[tuple[str, int]]):
        super().__init__("no DNS server answered")
        self.servers = servers


@dataclass
class _Cached:
    expires: float
    value: object


@dataclass
class Resolver:
    """One appliance's resolver; its cache is emptied by ``dnsflush`` and by any commit."""
    core: MailHost
    _cache: dict = field(default_factory=dict)
    _revision: tuple = ()
    _clients: dict = field(default_factory=dict)

    # -- what delivery and the listeners ask ------------------------------------------------------
    async def mx(self, domain: str, port: int = 25) -> list[routing.Hop]:
        if not self._asks_servers(domain) or is_ip(domain.strip("[]")):
            return await routing.mx_hops(domain, port)
        exchange = await self._soft(domain, "MX")
        if exchange.status == "NXDOMAIN":
            raise routing.nxdomain(domain, "MX")
        if exchange.status != "NOERROR":
            raise routing.DNSSoftError(f"DNS Temporary Failure {domain} MX - {exchange.status}")
        records = exchange.records()
        if not records:
            return [routing.Hop(domain, port, 0)]       # no MX: the domain's own address
        hops = [routing.Hop(str(rr.payload.name).rstrip("."), port, rr.payload.preference,
                            rr.ttl) for rr in records]
        if any(h.host in ("", ".") for h in hops):       # RFC 7505 null MX
            raise routing.DNSHardError(f"DNS Hard Error looking up {domain} (MX): null MX")
        return routing.order(hops)

    async def addresses(self, host: str, port: int) -> list[str]:
        """IP addresses of ``host``, IPv4 first."""
        if is_ip(host) or not self._asks_servers(host):
            return await routing.addresses(host, port)
        found: list[str] = []
        for rtype in ("A", "AAAA"):
            exchange = await self._soft(host, rtype)
            if exchange.status == "NXDOMAIN":
                raise routing.nxdomain(host, "A")
            if exchange.status != "NOERROR":
                raise routing.DNSSoftError(f"DNS Temporary Failure {host} A - {exchange.status}")
            found += [rr.payload.dottedQuad() if rtype == "A"
                      else str(ipaddress.IPv6Address(rr.payload.address))
                      for rr in exchange.records()]
        return found

    def cached_reverse(self, address: str) -> Optional[tuple[str, bool]]:
        """What ``reverse`` answered for ``address`` lately (None: it has to ask)."""
        self._settings()
        return self._cached(("reverse", address))

    async def reverse(self, address: str) -> tuple[str, bool]:
        """(PTR name, verified): verified when the name resolves back to ``address``.  Bounded
        by dnsconfig's reverse DNS timeout; ("", False) when there is no answer."""
        settings = self._settings()
        key = ("reverse", address)
        cached = self._cached(key)
        if cached is not None:
            return cached
        if not self._asks_servers(_reverse_name(address)):
            result = await routing.reverse(address)
        else:
            try:
                result = await asyncio.wait_for(self._reverse(address),
                                                settings.reverse_timeout_seconds)
            except asyncio.TimeoutError:
                result = ("", False)
        self._remember(key, result, REVERSE_CACHE_SECONDS)
        return result

    async def _reverse(self, address: str) -> tuple[str, bool]:
        try:
            exchange = await self.exchange(ipaddress.ip_address(address).reverse_pointer, "PTR")
        except (NoServerAnswered, ValueError):
            return "", False
        names = [str(rr.payload.name).rstrip(".") for rr in exchange.records()]
        if not names:
            return "", False
        try:
            forward = await self.addresses(names[0], 25)
        except (routing.DNSHardError, routing.DNSSoftError):
            return names[0], False
        return names[0], address in forward

    # -- what nslookup, dig and dnsflush ask ------------------------------------------------------
    async def exchange(self, name: str, rtype: str,
                       servers: Optional[list[tuple[str, int]]] = None) -> Exchange:
        """Ask the configured servers (in root mode, the host's) one question; the first
        server that answers gives the answer."""
        question = dns.Query(name.rstrip(".") or ".", TYPES[rtype], dns.IN)
        servers = servers or self.servers(name)
        for server in servers:
            started = time.monotonic()
            try:
                message = await _future(self._client(server).queryUDP([question],
                                                                      ATTEMPT_TIMEOUTS))
                if message.trunc:
                    message = await _future(self._client(server).queryTCP([question]))
            except (defer.TimeoutError, dns.DNSQueryTimeoutError, OSError, ConnectionError):
                continue
            return Exchange(name, rtype, server, message,
                            int((time.monotonic() - started) * 1000))
        raise NoServerAnswered(servers)

    async def lookup(self, name: str, rtype: str, server: Optional[str] = None) -> Optional[dict]:
        """``exchange``'s answer as plain values; None when no server answered."""
        try:
            exchange = await self.exchange(name, rtype, [(server, DNS_PORT)] if server else None)
        except NoServerAnswered:
            return None
        return exchange.summary()

    def servers(self, name: str = ".") -> list[tuple[str, int]]:
        """The servers to ask about ``name``, in order: the alternate servers of its domain, else
        dnsconfig's local servers, by priority (equal priorities shuffled), else the host's own
        (``/etc/resolv.conf``)."""
        settings = self._settings()
        listed = settings.alternates_for(name) or (
            settings.servers if settings.mode == model.DNS_LOCAL else [])
        if listed:
            listed = list(listed)
            random.shuffle(listed)
            return [(s.address, DNS_PORT) for s in sorted(listed, key=lambda s: s.priority)]
        return [(address, DNS_PORT) for address in _host_servers()]

    def flush(self) -> None:
        self._cache.clear()

    # -- internals -----------------------------------------------------------------------------
    def _asks_servers(self, name: str) -> bool:
        """Whether ``name`` is asked of configured servers (local or alternate) rather than of
        the host's resolver (root servers mode)."""
        settings = self._settings()
        return settings.mode == model.DNS_LOCAL or bool(settings.alternates_for(name))

    def _settings(self) -> model.DnsConfig:
        revision = self.core.appliance.config_revision()
        if revision != self._revision:    # a commit may have changed the servers
            self._revision = revision
            self._cache.clear()
        return self.core.view().dnsconfig

    async def _soft(self, name: str, rtype: str) -> Exchange:
        """``exchange``, cached for the records' TTL (at least dnsconfig's minimum TTL); no
        server answering is a soft error."""
        key = (rtype, name.lower())
        cached = self._cached(key)
        if cached is not None:
            return cached
        try:
            exchange = await self.exchange(name, rtype)
        except NoServerAnswered:
            raise routing.DNSSoftError(f"DNS Temporary Failure {name} {rtype} - Timeout") from None
        ttls = [rr.ttl for rr in exchange.message.answers]
        if exchange.status == "NOERROR" and ttls:
            # dnsconfig's minimum TTL: shorter-lived answers are kept that long all the same.
            self._remember(key, exchange, max(min(ttls), self._settings().min_ttl_seconds))
        return exchange

    def _cached(self, key: tuple) -> Optional[object]:
        entry = self._cache.get(key)
        if entry is None or entry.expires <= time.monotonic():
            return None
        return entry.value

    def _remember(self, key: tuple, value: object, seconds: float) -> None:
        self._cache[key] = _Cached(time.monotonic() + seconds, value)

    def _client(self, server: tuple[str, int]) -> client.Resolver:
        address, port = server
        real = (address, self.core.appliance.lab_ports.get(server, port))
        source = self._source(address)
        key = (real, source)
        if key not in self._clients:
            reactor = self.core.reactor if source is None else _FromSource(self.core.reactor,
                                                                           source)
            self._clients[key] = client.Resolver(servers=[real], reactor=reactor)
        return self._clients[key]

    def _source(self, server: str) -> Optional[str]:
        """The address DNS queries to ``server`` leave from: dnsconfig's interface, or (Auto)
        the interface on the server's network; None to let the host choose."""
        view = self.core.view()
        choice = view.dnsconfig.interface
        iface = source_address(view.interfaces, choice, server)
        if iface is None or not iface.ipv4 or (choice == "Auto" and not _on_network(iface, server)):
            return None
        if ipaddress.ip_address(server).version != 4:
            return None
        return iface.ipv4


class _FromSource:
    """The reactor as ``twisted.names``' client sees it, with its UDP ports and TCP connections
    bound to one local address (the DNS interface's): the client takes no source address."""

    def __init__(self, reactor, source: str):
        self._reactor, self._source = reactor, source

    def listenUDP(self, port: int, protocol, interface: str = "", maxPacketSize: int = 8192):
        return self._reactor.listenUDP(port, protocol, interface=interface or self._source,
                                       maxPacketSize=maxPacketSize)

    def connectTCP(self, host: str, port: int, factory, timeout: float = 30,
                   bindAddress=None):
        return self._reactor.connectTCP(host, port, factory, timeout,
                                        bindAddress or (self._source, 0))

    def __getattr__(self, name: str):
        return getattr(self._reactor, name)


def _on_network(iface: model.Interface, address: str) -> bool:
    try:
        return ipaddress.ip_address(address) in ipaddress.ip_network(
            f"{iface.ipv4}/{iface.prefix}", strict=False)
    except ValueError:
        return False


def _reverse_name(address: str) -> str:
    try:
        return ipaddress.ip_address(address).reverse_pointer
    except ValueError:
        return address


def _absolute(name: str) -> str:
    return name.rstrip(".") + "."


def _record(rr: dns.RRHeader) -> tuple[str, int, str, str]:
    """(owner., TTL, type, data in zone-file form)."""
    payload, kind = rr.payload, dns.QUERY_TYPES.get(rr.type, str(rr.type))
    if rr.type == dns.A:
        data = payload.dottedQuad()
    elif rr.type == dns.AAAA:
        data = str(ipaddress.IPv6Address(payload.address))
    elif rr.type == dns.MX:
        data = f"{payload.preference} {_absolute(str(payload.name))}"
    elif rr.type in (dns.PTR, dns.NS, dns.CNAME):
        data = _absolute(str(payload.name))
    elif rr.type == dns.TXT:
        data = " ".join('"' + part.decode(errors="replace").replace('"', '\\"') + '"'
                        for part in payload.data)
    elif rr.type == dns.SOA:
        data = (f"{_absolute(str(payload.mname))} {_absolute(str(payload.rname))} "
                f"{payload.serial} {payload.refresh} {payload.retry} {payload.expire} "
                f"{payload.minimum}")
    else:
        data = str(payload)
    return _absolute(str(rr.name)), rr.ttl, kind, data


def _future(deferred: defer.Deferred) -> asyncio.Future:
    return deferred.asFuture(asyncio.get_running_loop())


@functools.lru_cache(maxsize=1)
def _host_servers() -> tuple[str, ...]:
    """The name servers of the host the emulator runs on (root-servers mode)."""
    try:
        lines = RESOLV_CONF.read_text().splitlines()
    except OSError:
        lines = []
    servers = [line.split()[1] for line in lines
               if line.startswith("nameserver") and len(line.split()) > 1]
    return tuple(s for s in servers if is_ip(s)) or ("127.0.0.1",)
