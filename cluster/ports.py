"""Which ports an appliance's network services want, and what ``status`` lists as bound.

Pure bookkeeping shared by the services that follow commits (SSH in ``asyncos_shell``, HTTPS
and HTTP in ``smtp_core``); the listening itself is Twisted and stays with each service, since
the shell and the SMTP core share nothing but ``cluster``.
"""
from __future__ import annotations

from typing import Collection, Iterable

from .model import Interface

# (service as ``status`` names it, address, port + offset): one listening port per key; keyed by
# address rather than interface name so renaming an interface leaves its ports (and their
# connections) alone.
Key = tuple[str, str, int]


def addresses(iface: Interface) -> list[str]:
    """The addresses a port on ``iface`` listens on: its IPv4 and its IPv6 address, those it
    has (never none, which would mean every address of the host)."""
    return [address for address in (iface.ipv4, iface.ipv6) if address]


def interface_ports(interfaces: Iterable[Interface], services: Iterable[str],
                    port_offset: int) -> dict[Key, str]:
    """The ports the interfaces' ``services`` (``ssh``, ``https`` ...) want -> interface name."""
    wanted = {}
    for iface in interfaces:
        for service in services:
            if service in iface.services:
                for address in addresses(iface):
                    wanted[(service.upper(), address, iface.services[service] + port_offset)] = \
                        iface.name
    return wanted


def publish(endpoints: list[tuple[str, str, int]], services: Collection[str],
            bound: Iterable[tuple[str, str, int]]) -> None:
    """Replace, in place, the ``endpoints`` entries of ``services`` with ``bound`` (service,
    address, port actually bound)."""
    endpoints[:] = [e for e in endpoints if e[0] not in services] + list(bound)


def bind_failure(service: str, interface: str, address: str, port: int, reason: object) -> str:
    """The ``system_logs`` Warning for a port a commit asked for and that could not be bound
    (the commit stands and the service's other ports go on)."""
    return f"{service} on interface {interface} could not bind {address} port {port}: {reason}"
