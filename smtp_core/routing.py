"""Where mail for a domain goes: SMTP routes (smtproutes), else DNS MX, else the A record.

The lookups here are the host's own resolver, used when ``dnsconfig`` says Internet root
servers: MX queries use dnspython with a bounded lifetime; host names (MX targets, route hosts)
are resolved by the system resolver so ``/etc/hosts`` names work.  ``resolver`` chooses between
these and the DNS servers ``dnsconfig`` lists.
"""
from __future__ import annotations

import asyncio
import random
import socket
from dataclasses import dataclass
from typing import Awaitable, Callable, Optional

import dns.asyncresolver
import dns.exception
import dns.resolver

from cluster import model
from cluster.interfaces import source_address  # noqa: F401  (delivery's interface choice)
from cluster.validate import is_ip

DNS_LIFETIME = 10.0
REVERSE_LIFETIME = 5.0   # the banner waits for it: keep a lab without DNS usable


@dataclass
class Hop:
    """One host to try, in order."""
    host: str
    port: int
    priority: int
    ttl: Optional[int] = None    # an MX record's TTL; None: not from an MX record


@dataclass
class Route:
    hops: list[Hop]
    discard: bool = False   # /dev/null: accepted and thrown away


class DNSHardError(Exception):
    """The domain does not exist (NXDOMAIN) or has no address: bounce."""


def nxdomain(name: str, rtype: str) -> DNSHardError:
    """The error for a name that does not exist, with the two spaces before ``NXDomain`` the
    appliance writes (mail-logs.md §4.2, S10)."""
    return DNSHardError(f"DNS Hard Error looking up {name} ({rtype}):  NXDomain")


class DNSSoftError(Exception):
    """Timeout or server failure: try again later."""


async def route(domain: str, routes: model.SmtpRoutes,
                mx: Callable[[str, int], Awaitable[list[Hop]]]) -> Route:
    """The SMTP route of ``domain`` if one applies, else its MX hosts (``mx(domain, 25)``).

    A route's host name is itself looked up by its MX records (its address when it has none),
    unless it was given in square brackets: the smtproutes help says brackets force resolution
    by address records, ignoring MX records.  Route priorities come first; a host's MX order
    is kept within its priority.  A host whose lookup fails is skipped while another is left."""
    entry = routes.route_for(domain)
    if entry is not None and entry.destinations:
        hosts = [d.host for d in entry.destinations]
        if model.ROUTE_DEVNULL in hosts:
            return Route([], discard=True)
        if model.ROUTE_USEDNS not in hosts:
            hops: list[Hop] = []
            errors: list[Exception] = []
            for dest in order_destinations(entry.destinations):
                if dest.by_address or is_ip(dest.host):
                    hops.append(Hop(dest.host, dest.port, dest.priority))
                    continue
                try:
                    found = await mx(dest.host, dest.port)
                except (DNSHardError, DNSSoftError) as error:
                    errors.append(error)      # the other destinations may still be reached
                    continue
                hops += [Hop(h.host, h.port, dest.priority, h.ttl) for h in found]
            if not hops and errors:
                raise errors[0]
            return Route(hops)
    return Route(await mx(domain, 25))


def order(hops: list[Hop]) -> list[Hop]:
    """By priority; equal priorities in random order (round-robin over attempts)."""
    random.shuffle(hops)
    return sorted(hops, key=lambda h: h.priority)


def order_destinations(dests: list[model.RouteDestination]) -> list[model.RouteDestination]:
    """A route's destinations as ``order`` ranks hops (the route itself is left as it is)."""
    return sorted(random.sample(dests, len(dests)), key=lambda d: d.priority)


async def mx_hops(domain: str, port: int = 25,
                  resolver: Optional[dns.asyncresolver.Resolver] = None) -> list[Hop]:
    if is_ip(domain.strip("[]")):
        return [Hop(domain.strip("[]"), port, 0)]
    if resolver is None:
        resolver = dns.asyncresolver.Resolver()
        resolver.lifetime = DNS_LIFETIME
    try:
        answer = await resolver.resolve(domain, "MX")
        ttl = answer.rrset.ttl if answer.rrset is not None else None
        hops = [Hop(str(r.exchange).rstrip("."), port, r.preference, ttl) for r in answer]
        if any(h.host in ("", ".") for h in hops):   # RFC 7505 null MX
            raise DNSHardError(f"DNS Hard Error looking up {domain} (MX): null MX")
        return order(hops)
    except dns.resolver.NXDOMAIN:
        raise nxdomain(domain, "MX") from None
    except dns.resolver.NoAnswer:
        return [Hop(domain, port, 0)]               # no MX: the domain's own A record
    except (dns.exception.Timeout, dns.resolver.NoNameservers) as error:
        raise DNSSoftError(f"DNS Temporary Failure {domain} MX - {type(error).__name__}") from None


async def addresses(host: str, port: int) -> list[str]:
    """IP addresses of ``host`` (IPv4 first)."""
    if is_ip(host):
        return [host]
    loop = asyncio.get_running_loop()
    try:
        infos = await asyncio.wait_for(
            loop.getaddrinfo(host, port, type=socket.SOCK_STREAM), DNS_LIFETIME)
    except asyncio.TimeoutError:
        raise DNSSoftError(f"DNS Temporary Failure {host} A - Timeout") from None
    except socket.gaierror as error:
        if error.errno in (socket.EAI_AGAIN,):
            raise DNSSoftError(f"DNS Temporary Failure {host} A - ServFail") from None
        raise nxdomain(host, "A") from None
    result = []
    for family, _, _, _, sockaddr in sorted(infos, key=lambda i: i[0] != socket.AF_INET):
        if sockaddr[0] not in result:
            result.append(sockaddr[0])
    return result


async def reverse(address: str) -> tuple[str, bool]:
    """(PTR name, verified) where verified means the name resolves back to ``address``."""
    loop = asyncio.get_running_loop()
    try:
        name, _ = await asyncio.wait_for(
            loop.getnameinfo((address, 0), socket.NI_NAMEREQD), REVERSE_LIFETIME)
    except (asyncio.TimeoutError, socket.gaierror, OSError):
        return "", False
    try:
        forward = await addresses(name, 25)
    except (DNSHardError, DNSSoftError):
        return name, False
    return name, address in forward
