"""The lab file: several appliances (and optionally a cluster they form) in one process.

TOML, for example::

    [[appliance]]
    hostname = "esa1.example.com"
    address = "127.0.0.2"

    [[appliance]]
    hostname = "esa2.example.com"
    address = "127.0.0.3"

    [cluster]
    name = "lab"
    members = ["esa1.example.com", "esa2.example.com"]

    [scenario]          # knobs for script authors, applied to every appliance
    no_rollback_question = true

    [store]             # optional: the configuration in etcd (default: the state directory)
    url = "etcd://127.0.0.1:2379/lab"

    [[peer]]            # a peer MTA (asyncos_emulator.peer) for the appliances to deliver to
    name = "good"
    address = "127.0.0.5"
    port = 2525         # default 2525
    mode = "good"       # default good; see peer.MODES
    hostname = "good.example.net"
    ca = "labca"        # lab CA directory (scripts/labca init), needed by certificate modes

    [dns]               # the lab's DNS server (asyncos_emulator.labdns); the appliances use it
    address = "127.0.0.50"
    port = 10053        # default 53 + the port offset
    [dns.zones]
    "example.com" = ["@ MX 10 mail", "mail A 127.0.0.2"]

Relative paths are relative to the lab file.  A peer logs to ``<state-dir>/peers/<name>.log`` and
keeps what it receives in ``<state-dir>/peers/<name>/`` unless ``spool`` says where.

Every name is checked: a misspelt table, key or scenario knob is an error, not ignored.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from asyncos_shell.engine import profile
from cluster.etcdlayout import parse_url
from cluster.validate import hostname_error, is_ip

from .labdns import DNSSpec, DNSSpecError, parse_zones
from .peer import CERT_MODES, MODES, PeerSpec

PEER_KEYS = ("name", "address", "port", "mode", "hostname", "ca", "spool", "delay")


class LabFileError(ValueError):
    pass


@dataclass
class ApplianceSpec:
    hostname: str
    address: str
    model: str = "C100V"
    version: str = "16.0.3-025"
    serial: Optional[str] = None
    scenario: dict[str, Any] = field(default_factory=dict)


@dataclass
class LabSpec:
    appliances: list[ApplianceSpec]
    cluster_name: Optional[str] = None
    members: list[str] = field(default_factory=list)
    peers: list[PeerSpec] = field(default_factory=list)
    store_url: Optional[str] = None
    dns: Optional[DNSSpec] = None


def load(path: Path) -> LabSpec:
    try:
        data = tomllib.loads(Path(path).read_text())
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LabFileError(f"{path}: {exc}") from exc
    _check_names(path, "the lab file", data,
                 ("appliance", "cluster", "scenario", "peer", "dns", "store"))
    store_url = _store_url(path, data.get("store", {}))
    scenario = _scenario(path, "[scenario]", data.get("scenario", {}))
    appliances = []
    for entry in data.get("appliance", []):
        own = _scenario(path, f"appliance {entry.get('hostname')!r}: scenario",
                        entry.get("scenario", {}))
        try:
            spec = ApplianceSpec(**{k: v for k, v in entry.items() if k != "scenario"},
                                 scenario={**scenario, **own})
        except TypeError as exc:
            raise LabFileError(f"{path}: appliance {entry}: {exc}") from exc
        if error := hostname_error(spec.hostname) or profile.version_error(spec.version):
            raise LabFileError(f"{path}: {spec.hostname}: {error}")
        appliances.append(spec)
    names = [a.hostname for a in appliances]
    if not appliances or len(set(names)) != len(names):
        raise LabFileError(f"{path}: name one or more appliances, each with its own hostname")
    if len({a.address for a in appliances}) != len(appliances):
        raise LabFileError(f"{path}: every appliance needs its own address")
    peers = _peers(path, data.get("peer", []))
    dns = _dns(path, data["dns"]) if "dns" in data else None
    cluster = data.get("cluster")
    if cluster is None:
        return LabSpec(appliances, peers=peers, store_url=store_url, dns=dns)
    _check_names(path, "[cluster]", cluster, ("name", "members"))
    members = cluster.get("members", names)
    unknown = set(members) - set(names)
    if unknown or not members or "name" not in cluster:
        raise LabFileError(f"{path}: [cluster] needs a name and members among the appliances")
    return LabSpec(appliances, cluster["name"], members, peers, store_url, dns)


def _dns(path: Path, table: Any) -> DNSSpec:
    _check_names(path, "[dns]", table, ("address", "port", "zones"))
    address, port = table.get("address"), table.get("port")
    if not isinstance(address, str) or not is_ip(address):
        raise LabFileError(f"{path}: [dns]: address must be the IP address the server listens on")
    if port is not None and (not isinstance(port, int) or not 0 <= port <= 65535):
        raise LabFileError(f"{path}: [dns]: port must be a number from 0 to 65535")
    zones = table.get("zones", {})
    if not isinstance(zones, dict):
        raise LabFileError(f"{path}: [dns.zones]: expected a table of zones")
    try:
        return DNSSpec(address, port, parse_zones(zones))
    except DNSSpecError as error:
        raise LabFileError(f"{path}: [dns]: {error}") from None


def _store_url(path: Path, table: Any) -> Optional[str]:
    _check_names(path, "[store]", table, ("url",))
    url = table.get("url")
    if url is None:
        return None
    try:
        parse_url(url if isinstance(url, str) else "")
    except ValueError:
        raise LabFileError(f"{path}: [store] url must be etcd://HOST:PORT[/prefix], "
                           f"not {url!r}") from None
    return url


def _peers(path: Path, entries: Any) -> list[PeerSpec]:
    base = Path(path).resolve().parent
    peers = []
    for entry in entries if isinstance(entries, list) else [entries]:
        where = f"peer {entry.get('name')!r}" if isinstance(entry, dict) else "[[peer]]"
        _check_names(path, where, entry, PEER_KEYS)
        mode = entry.get("mode", "good")
        if not isinstance(entry.get("name"), str) or not isinstance(entry.get("address"), str):
            raise LabFileError(f"{path}: {where}: a peer needs a name and an address")
        if mode not in MODES:
            raise LabFileError(f"{path}: {where}: mode {mode!r} is not one of {', '.join(MODES)}")
        if mode in CERT_MODES and "ca" not in entry:
            raise LabFileError(f"{path}: {where}: mode {mode} needs a lab CA directory (ca = …)")
        port = entry.get("port", 2525)
        if not isinstance(port, int) or not 0 <= port <= 65535:
            raise LabFileError(f"{path}: {where}: port must be a number from 0 to 65535")
        peers.append(PeerSpec(
            entry["name"], entry["address"], port, mode, entry.get("hostname", "mx.example.net"),
            base / entry["ca"] if "ca" in entry else None,
            base / entry["spool"] if "spool" in entry else None, float(entry.get("delay", 2.0))))
    if len({p.name for p in peers}) != len(peers):
        raise LabFileError(f"{path}: every peer needs its own name")
    if len({(p.address, p.port) for p in peers if p.port}) != len([p for p in peers if p.port]):
        raise LabFileError(f"{path}: every peer needs its own address and port")
    return peers


def _check_names(path: Path, where: str, table: Any, known: tuple[str, ...]) -> None:
    if not isinstance(table, dict):
        raise LabFileError(f"{path}: {where}: expected a table")
    if unknown := sorted(set(table) - set(known)):
        raise LabFileError(f"{path}: {where}: unknown {', '.join(unknown)} "
                           f"(known: {', '.join(known)})")


def _scenario(path: Path, where: str, knobs: Any) -> dict[str, Any]:
    """A scenario table whose knobs all exist and have a value they accept."""
    if not isinstance(knobs, dict):
        raise LabFileError(f"{path}: {where}: expected a table of knobs")
    if errors := profile.scenario_errors(knobs):
        raise LabFileError(f"{path}: {where}: " + "; ".join(errors))
    return knobs
