"""The appliances of this process: their configuration store, the lab's peers and DNS server,
and starting and stopping everything (each appliance assembled by ``assembly``)."""
from __future__ import annotations

import asyncio
import dataclasses
import functools
from pathlib import Path
from typing import Awaitable, Callable, Optional

from twisted.internet import defer
from twisted.internet.interfaces import IReactorTCP

from asyncos_shell.engine import profile
from asyncos_shell.engine.context import ConfiguredAppliance
from asyncos_shell.transports.sshpeer import SshPeers
from cluster import defaults
from cluster.lab import Dispatch, FileRegistry, Lab, Registry

from . import labfile
from .assembly import ApplianceAssembly, Service
from .labdns import LabDNSService
from .peer import PeerService


class Runtime:
    """Every appliance of this process and the services each one runs."""

    def __init__(self, appliances: list[ConfiguredAppliance], peers: tuple[PeerService, ...] = (),
                 dns: Optional[LabDNSService] = None,
                 store: Optional["ConfigurationStore"] = None):
        self.appliances = appliances
        self.peers = list(peers)          # the lab file's peer MTAs
        self.dns = dns                    # the lab file's DNS server
        self.store = store
        self.assemblies: list[ApplianceAssembly] = []   # built at start, one per appliance
        self.services: list[Service] = []               # started, in start order
        self.failed = False

    @classmethod
    def from_state_dir(cls, state_dir: Path, port_offset: int = 10000,
                       store: Optional[str] = None,
                       dispatch: Optional[Dispatch] = None) -> "Runtime":
        """``store``: an ``etcd://`` URL, or None for the files of ``state_dir``; ``dispatch``:
        how commit subscribers are called (the event loop's ``call_soon_threadsafe``)."""
        state_dir = Path(state_dir).resolve()
        machine = defaults.HOSTNAME
        config_store = ConfigurationStore.open(store, state_dir)
        lab = Lab(config_store.registry, {machine: defaults.factory_config}, dispatch)
        appliance = ConfiguredAppliance(lab=lab, machine=machine, state_dir=state_dir,
                                        port_offset=port_offset)
        appliance.config_key  # made at first start (etcd: before the loop runs), not at first use
        return cls([appliance], store=config_store)

    @classmethod
    def from_lab(cls, lab_file: Path, state_dir: Path, port_offset: int = 10000,
                 store: Optional[str] = None,
                 dispatch: Optional[Dispatch] = None) -> "Runtime":
        """``store`` (an ``etcd://`` URL) overrides the lab file's ``[store] url``; ``dispatch``
        as for ``from_state_dir``."""
        spec = labfile.load(lab_file)
        state_dir = Path(state_dir).resolve()
        config_store = ConfigurationStore.open(store or spec.store_url, state_dir)
        # The lab file's cluster is formed once, when none of its machines is known yet.
        first_start = not set(config_store.registry.members()) & {a.hostname for a in spec.appliances}
        dns_servers = [spec.dns.address] if spec.dns else None
        factories = {a.hostname: functools.partial(
            defaults.factory_config, hostname=a.hostname, address=a.address, serial=a.serial,
            model_name=a.model, version=a.version,
            hat_names=defaults.hat_group_names(profile.resolve(a.version, a.scenario).hat_names),
            dns_servers=dns_servers)
            for a in spec.appliances}
        lab = Lab(config_store.registry, factories, dispatch)
        if first_start and spec.cluster_name:
            first, *others = spec.members
            lab.create_cluster(first, spec.cluster_name, "system")
            for member in others:
                lab.join(member, first, "system")
        ports = lab_ports(spec, port_offset)
        appliances = [ConfiguredAppliance(lab=lab, machine=a.hostname,
                                          state_dir=state_dir / a.hostname,
                                          port_offset=port_offset, scenario=a.scenario,
                                          lab_ports=ports)
                      for a in spec.appliances]
        for appliance in appliances:   # made at first start, before the loop runs (etcd)
            appliance.config_key
        peers_dir = state_dir / "peers"
        peers = [PeerService(dataclasses.replace(p, spool=p.spool or peers_dir / p.name),
                             PeerLog(peers_dir / f"{p.name}.log")) for p in spec.peers]
        dns = None
        if spec.dns:
            hosts = [(a.hostname, a.address) for a in spec.appliances]
            hosts += [(p.hostname, p.address) for p in spec.peers]
            dns = LabDNSService(spec.dns, ports[(spec.dns.address, DNS_PORT)], hosts)
        return cls(appliances, tuple(peers), dns, config_store)

    def start(self, reactor: IReactorTCP) -> list[str]:
        lines = [f"configuration store: {self.store.description}"] if self.store else []
        if self.dns:   # first: the appliances resolve through it from their first connection
            self.services.append(self.dns)
            lines.extend(self.dns.start())
        for appliance in self.appliances:
            ident = appliance.identity
            lines.append(f"asyncos-emulator: {appliance.hostname()} ({ident.model}, AsyncOS "
                         f"{ident.version}, serial {ident.serial})")
            lines.append(f"  state directory: {appliance.state_dir}")
            assembly = ApplianceAssembly.build(appliance, SshPeers(), reactor)
            self.assemblies.append(assembly)
            _announce(assembly, "System is coming up.")
            for service in assembly.services:
                self.services.append(service)
                lines.extend(f"  {line}" for line in service.start())
        if self.peers:
            where = self.peers[0].log.path.parent
            lines.append(f"lab peer MTAs: logs and received mail in {where}")
        for peer in self.peers:
            self.services.append(peer)
            lines.extend(f"  {line}" for line in peer.start())
        lines.append("Ready. Ctrl-C or SIGTERM stops the appliance."
                     if len(self.appliances) == 1 else
                     "Ready. Ctrl-C or SIGTERM stops the appliances.")
        return lines

    def stop(self) -> defer.Deferred:
        for assembly in self.assemblies:
            _announce(assembly, "System is shutting down.")
        waits = [d for d in (service.stop() for service in self.services) if d is not None]
        for assembly in self.assemblies:
            for session in list(assembly.appliance.sessions):
                session.close()
        if self.store is not None and self.store.close is not None:
            waits.append(defer.Deferred.fromFuture(asyncio.ensure_future(self.store.close())))
        return defer.DeferredList(waits)

    def open_console(self, on_exit: Callable[[], None]) -> None:
        from asyncos_shell.transports.console import open_console
        open_console(self.assemblies[0].appliance, on_exit)


DNS_PORT, SMTP_PORT = 53, 25


def lab_ports(spec: labfile.LabSpec, port_offset: int) -> dict[tuple[str, int], int]:
    """Where the lab's well-known ports listen: the DNS server (port 53 of its address), the
    peers' SMTP ports and the appliances' listeners (port 25 of their addresses), so that MX
    delivery and DNS queries to those addresses reach them."""
    ports = {(a.address, SMTP_PORT): SMTP_PORT + port_offset for a in spec.appliances}
    ports.update({(p.address, SMTP_PORT): p.port for p in spec.peers if p.port})
    if spec.dns:
        ports[(spec.dns.address, DNS_PORT)] = (spec.dns.port if spec.dns.port is not None
                                               else DNS_PORT + port_offset)
    return ports


@dataclasses.dataclass
class ConfigurationStore:
    """Where the configuration lives: the state directory's files or etcd."""
    registry: Registry
    description: str
    close: Optional[Callable[[], Awaitable[None]]] = None

    @classmethod
    def open(cls, url: Optional[str], state_dir: Path) -> "ConfigurationStore":
        """Raises ``StoreError`` for a URL that is not ``etcd://…`` or an etcd that does not
        answer."""
        if not url:
            return cls(FileRegistry(state_dir), f"files in {state_dir}")
        from cluster.backend import BackendUnavailable
        from cluster.etcdstore import EtcdRegistry    # grpc is loaded only for etcd
        try:
            registry = EtcdRegistry(url)
        except (ValueError, BackendUnavailable) as exc:
            raise StoreError(f"configuration store: {exc}") from exc
        return cls(registry, registry.describe(), registry.aclose)



def _announce(assembly: ApplianceAssembly, text: str) -> None:
    """A start or a stop, as each of the appliance's daemons says it in its log (Cisco's message
    catalogue, github dharma412/PythonClass csa/testlib/common/shell/qlogmsgs.py,
    system.COMMON.SYSTEM_START / SYSTEM_SHUTDOWN, the same for webui: gui_logs)."""
    for log in ("system_logs", "gui_logs"):
        assembly.appliance.logs.write(log, text)

class StoreError(Exception):
    """The configuration store given (``--store``, ``[store] url``) cannot be used."""


class PeerLog:
    """A lab peer's conversation log: one timestamped line per event, appended to a file."""

    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)

    def __call__(self, text: str) -> None:
        with open(self.path, "a") as log:
            log.write(text + "\n")
