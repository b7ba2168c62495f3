"""The lab's DNS server: authoritative for the zones of the lab file's ``[dns]`` table, built on
``twisted.names``, listening (UDP and TCP) on a loopback address of the lab.

A zone is a list of records in zone-file order, one string each::

    [dns]
    address = "127.0.0.50"
    port = 10053                    # default: 53 + the port offset

    [dns.zones]
    "example.com" = ["@ MX 10 mail", "@ MX 20 backup", "mail A 127.0.0.2",
                     "@ TXT \\"v=spf1 ip4:127.0.0.2 -all\\"", "127.0.0.20 PTR sender.example.org."]

``NAME [TTL] TYPE DATA``: ``@`` is the zone's own name, a name without a final dot is relative
to the zone, and an IP address as NAME means its reverse name (PTR records).  Types: A, AAAA,
MX (``PREFERENCE HOST``), PTR and TXT.  The appliances' and peers' own host names and addresses
are added (A or AAAA, and PTR) unless the lab file names them already.
"""
from __future__ import annotations

import ipaddress
import shlex
from dataclasses import dataclass, field
from typing import Optional

from twisted.internet import defer
from twisted.names import authority, dns, server

DEFAULT_TTL = 3600
RECORD_TYPES = ("A", "AAAA", "MX", "PTR", "TXT")
REVERSE_ZONES = ("in-addr.arpa", "ip6.arpa")


class DNSSpecError(ValueError):
    """A ``[dns]`` table the lab cannot serve; the text says which record and why."""


@dataclass
class Record:
    owner: str        # absolute, without the final dot, lower case
    type: str
    data: object      # a twisted.names record
    ttl: int = DEFAULT_TTL


@dataclass
class DNSSpec:
    address: str
    port: Optional[int]                          # None: 53 + the port offset
    zones: dict[str, list[Record]] = field(default_factory=dict)


def parse_zones(zones: dict[str, list[str]]) -> dict[str, list[Record]]:
    parsed = {}
    for zone, lines in zones.items():
        origin = zone.rstrip(".").lower()
        if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
            raise DNSSpecError(f"zone {zone}: expected a list of records (strings)")
        parsed[origin] = [parse_record(origin, line) for line in lines]
    return parsed


def parse_record(origin: str, line: str) -> Record:
    try:
        words = shlex.split(line)
    except ValueError as error:
        raise DNSSpecError(f"zone {origin}: {line!r}: {error}") from None
    if len(words) < 3:
        raise DNSSpecError(f"zone {origin}: {line!r}: expected NAME [TTL] TYPE DATA")
    owner, rest = _owner(origin, words[0]), words[1:]
    ttl = DEFAULT_TTL
    if rest[0].isdigit():
        ttl, rest = int(rest[0]), rest[1:]
    kind, data = rest[0].upper(), rest[1:]
    if kind not in RECORD_TYPES or not data:
        raise DNSSpecError(f"zone {origin}: {line!r}: the type must be one of "
                           f"{', '.join(RECORD_TYPES)}, followed by its data")
    try:
        return Record(owner, kind, _rdata(origin, kind, data, ttl), ttl)
    except (ValueError, IndexError) as error:
        raise DNSSpecError(f"zone {origin}: {line!r}: {error or 'bad data'}") from None


def _owner(origin: str, name: str) -> str:
    try:
        return ipaddress.ip_address(name).reverse_pointer
    except ValueError:
        return _absolute(origin, name)


def _absolute(origin: str, name: str) -> str:
    if name == "@":
        return origin
    if name.endswith("."):
        return name.rstrip(".").lower()
    return f"{name}.{origin}".lower()


def _rdata(origin: str, kind: str, data: list[str], ttl: int) -> object:
    if kind == "A":
        return dns.Record_A(str(ipaddress.IPv4Address(data[0])), ttl)
    if kind == "AAAA":
        return dns.Record_AAAA(str(ipaddress.IPv6Address(data[0])), ttl)
    if kind == "MX":
        if not data[0].isdigit() or not 0 <= int(data[0]) <= 65535:
            raise ValueError("an MX record is PREFERENCE (0 to 65535) HOST")
        return dns.Record_MX(int(data[0]), _absolute(origin, data[1]).encode(), ttl)
    if kind == "PTR":
        return dns.Record_PTR(_absolute(origin, data[0]).encode(), ttl)
    return dns.Record_TXT(*(word.encode() for word in data), ttl=ttl)


def host_records(hosts: list[tuple[str, str]]) -> list[Record]:
    """A (or AAAA) and PTR records for the lab's own (host name, address) pairs."""
    records = []
    for name, address in hosts:
        ip = ipaddress.ip_address(address)
        kind = "A" if ip.version == 4 else "AAAA"
        name = name.rstrip(".").lower()
        records.append(Record(name, kind, _rdata(name, kind, [address], DEFAULT_TTL)))
        records.append(Record(ip.reverse_pointer, "PTR", dns.Record_PTR(name.encode(), DEFAULT_TTL)))
    return records


def zone_for(name: str, zones: dict[str, list[Record]]) -> Optional[str]:
    """The most specific zone ``name`` belongs to."""
    matches = [z for z in zones if name == z or name.endswith("." + z)]
    return max(matches, key=len) if matches else None


def with_hosts(zones: dict[str, list[Record]], hosts: list[tuple[str, str]]) -> dict[str, list[Record]]:
    """``zones`` plus the lab's own names, every record in the zone its name belongs to (PTR
    records in the reverse zones; a zone for a host's parent domain when no zone holds it).  A
    host's record is left out when the lab file gives that name a record of that type."""
    result: dict[str, list[Record]] = {zone: [] for zone in (*zones, *REVERSE_ZONES)}
    given = [record for records in zones.values() for record in records]
    typed = {(r.owner, r.type) for r in given}
    own = [r for r in host_records(hosts) if (r.owner, r.type) not in typed]
    for record in given + own:
        zone = zone_for(record.owner, result)
        if zone is None:
            zone = record.owner.split(".", 1)[1] if "." in record.owner else record.owner
            result[zone] = []
        result[zone].append(record)
    return result


class ZoneAuthority(authority.FileAuthority):
    """One zone held in memory (FileAuthority answers: NXDOMAIN inside the zone, the next zone's
    authority for names outside it, MX targets' addresses as additional records)."""

    def __init__(self, origin: str, records: list[Record], nameserver: str):
        super().__init__(None)
        soa = dns.Record_SOA(mname=nameserver.encode(), rname=f"hostmaster.{origin}".encode(),
                             serial=1, refresh=3600, retry=600, expire=86400, minimum=300,
                             ttl=DEFAULT_TTL)
        self.soa = (origin.encode(), soa)
        self.records = {}
        for record in records:
            self.records.setdefault(record.owner.encode(), []).append(record.data)
        self.records.setdefault(origin.encode(), []).append(soa)

    def loadFile(self, filename) -> None:   # FileAuthority's constructor calls it
        pass


class LabDNSService:
    """The lab's DNS server as a service of the composition root."""

    def __init__(self, spec: DNSSpec, port: int, hosts: list[tuple[str, str]]):
        self.spec, self.port = spec, port
        self.zones = with_hosts(spec.zones, hosts)
        self._ports: list = []

    def start(self) -> list[str]:
        from twisted.internet import reactor
        nameserver = f"ns.{self.spec.address}.lab"
        authorities = [ZoneAuthority(zone, records, nameserver)
                       for zone, records in sorted(self.zones.items(), key=lambda z: -len(z[0]))]
        factory = server.DNSServerFactory(authorities=authorities)
        factory.noisy = False
        protocol = dns.DNSDatagramProtocol(factory)
        protocol.noisy = False
        self._ports.append(reactor.listenUDP(self.port, protocol, interface=self.spec.address))
        self._ports.append(reactor.listenTCP(self.port, factory, interface=self.spec.address))
        names = ", ".join(z for z in sorted(self.zones) if z not in REVERSE_ZONES)
        return [f"DNS on {self.spec.address} port {self.port} (UDP and TCP), zones: {names}"]

    def stop(self) -> Optional[defer.Deferred]:
        waits = [d for d in (port.stopListening() for port in self._ports) if d is not None]
        self._ports = []
        return defer.DeferredList(waits) if waits else None
