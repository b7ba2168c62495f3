"""Wiring one appliance together: its configuration store, shell context and network services."""
from __future__ import annotations

import asyncio
import dataclasses
import functools
from pathlib import Path
from typing import Any, Awaitable, Callable, Optional, Protocol

from twisted.internet import defer

from asyncos_shell.engine import profile
from asyncos_shell.engine.context import Appliance
from asyncos_shell.transports.sshpeer import SshPeers
from cluster import defaults, model
from cluster.lab import FileRegistry, Lab, Registry
from cluster.logins import LoginAccounting

from . import labfile
from .labdns import LabDNSService
from .peer import PeerService


class Service(Protocol):
    def start(self) -> list[str]:
        """Bind and serve; return the start-up lines to print (one per bound address)."""

    def stop(self) -> Optional[defer.Deferred]:
        """Stop accepting; established sessions may finish."""


class Runtime:
    """Every appliance of this process and the services each one runs."""

    def __init__(self, appliances: list[Appliance], peers: tuple[PeerService, ...] = (),
                 dns: Optional[LabDNSService] = None,
                 store: Optional["ConfigurationStore"] = None):
        self.appliances = appliances
        self.peers = list(peers)          # the lab file's peer MTAs
        self.dns = dns                    # the lab file's DNS server
        self.store = store
        self.services: list[Service] = []
        self.failed = False

    @classmethod
    def from_state_dir(cls, state_dir: Path, port_offset: int = 10000,
                       store: Optional[str] = None) -> "Runtime":
        """``store``: an ``etcd://`` URL, or None for the files of ``state_dir``."""
        state_dir = Path(state_dir).resolve()
        machine = defaults.HOSTNAME
        config_store = ConfigurationStore.open(store, state_dir)
        lab = Lab(config_store.registry, {machine: defaults.factory_config})
        appliance = shell_appliance(lab=lab, machine=machine, state_dir=state_dir,
                                    port_offset=port_offset, peers=SshPeers())
        appliance.config_key  # made at first start (etcd: before the loop runs), not at first use
        return cls([appliance], store=config_store)

    @classmethod
    def from_lab(cls, lab_file: Path, state_dir: Path, port_offset: int = 10000,
                 store: Optional[str] = None) -> "Runtime":
        """``store`` (an ``etcd://`` URL) overrides the lab file's ``[store] url``."""
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
        lab = Lab(config_store.registry, factories)
        if first_start and spec.cluster_name:
            first, *others = spec.members
            lab.create_cluster(first, spec.cluster_name, "system")
            for member in others:
                lab.join(member, first, "system")
        ports = lab_ports(spec, port_offset)
        appliances = [shell_appliance(lab=lab, machine=a.hostname,
                                      state_dir=state_dir / a.hostname, port_offset=port_offset,
                                      scenario=a.scenario, peers=SshPeers(), lab_ports=ports)
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

    def start(self) -> list[str]:
        lines = [f"configuration store: {self.store.description}"] if self.store else []
        if self.dns:   # first: the appliances resolve through it from their first connection
            self.services.append(self.dns)
            lines.extend(self.dns.start())
        for appliance in self.appliances:
            _bind_to_loop(appliance.lab)
            ident = appliance.identity
            lines.append(f"asyncos-emulator: {appliance.hostname()} ({ident.model}, AsyncOS "
                         f"{ident.version}, serial {ident.serial})")
            lines.append(f"  state directory: {appliance.state_dir}")
            for service in self._services_for(appliance):
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

    def _services_for(self, appliance: Appliance) -> list[Service]:
        from asyncos_shell.transports.ftp import FTPService
        from asyncos_shell.transports.ssh import SSHService
        from asyncos_web.service import WebService
        from smtp_core import tls
        from smtp_core.service import MailService
        # Mail first: it sets appliance.logs and appliance.mail, which the shell and GUI use.
        # The GUI's HTTPS ports present certificates with the mail listeners' TLS contexts.
        return [MailService(appliance), SSHService(appliance), FTPService(appliance),
                WebService(appliance,
                           lambda profile, view: tls.server_options(
                               tls.identity(profile), tls.protocols(view.ssl.gui)),
                           tls.failure_detail, ShellConfigFiles(appliance),
                           accounts=appliance.accounts)]

    def stop(self) -> defer.Deferred:
        waits = [d for d in (service.stop() for service in self.services) if d is not None]
        for appliance in self.appliances:
            for session in list(appliance.sessions):
                session.close()
        if self.store is not None and self.store.close is not None:
            waits.append(defer.Deferred.fromFuture(asyncio.ensure_future(self.store.close())))
        return defer.DeferredList(waits)

    def open_console(self, on_exit: Callable[[], None]) -> None:
        from asyncos_shell.transports.console import open_console
        open_console(self.appliances[0], on_exit)


def shell_appliance(**fields: Any) -> Appliance:
    """The shell's ``Appliance`` with the login accounting that its SSH and FTP services and
    its web interface share (one per appliance, made here and handed to each: the GUI may not
    reach into the shell).  Its log lines go to the appliance's authentication log, whose
    writer the mail service installs at start."""
    appliance: Optional[Appliance] = None

    def users() -> model.Users:
        return appliance.view().users

    def log(line: str) -> None:
        appliance.logs.write("authentication", line)

    appliance = Appliance(**fields, accounts=LoginAccounting(users, log))
    return appliance


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


class ShellConfigFiles:
    """The GUI's Configuration File page writes and reads files as saveconfig and loadconfig."""

    def __init__(self, appliance: Appliance):
        self.appliance = appliance

    def export(self, config, secrets: str) -> str:
        from asyncos_shell.commands import _configfile
        return _configfile.export_config(self.appliance, config, secrets)

    def load(self, text: str, current):
        from asyncos_shell.commands import _configfile
        return _configfile.load_config(self.appliance, text, current)

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


def _bind_to_loop(lab: Lab) -> None:
    """Commit subscribers run on the event loop even when a commit runs in a worker thread."""
    lab.dispatch = asyncio.get_event_loop().call_soon_threadsafe
