"""What a command can reach: its dialogue, its session's pending configuration, the appliance."""
from __future__ import annotations

import time
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Callable, Optional, Protocol

from cluster import clock, configkey, model
from cluster.backend import CommitRecord
from cluster.lab import Lab, Subscriber
from cluster.levels import ApplianceView, ClusterConfig, Machine
from cluster.logins import LoginAccounting
from cluster.session import ConfigSession

from .. import strings
from . import profile as profiles
from .batchargs import Arguments
from .dialog import Dialog


class ShellSession(Protocol):
    """What commands and the appliance see of a CLI session (``cli.CliSession``): its user,
    pending configuration and login; closing it ends it."""
    appliance: "Appliance"
    user: model.User
    config: ConfigSession
    login: "LoginRecord"
    remote: str
    current_command: str
    last_activity: float
    failed: bool

    @property
    def role(self) -> str: ...

    def close(self) -> None: ...


class LogSink(Protocol):
    def write(self, log: str, message: str, level: str = "Info") -> None:
        """Append ``message`` to the log subscription ``log`` (``cli_logs``, ``system_logs``...)."""


class NullLogs:
    def write(self, log: str, message: str, level: str = "Info") -> None:
        pass


class MailFacade(Protocol):
    """What the shell needs from the SMTP core (implemented in ``smtp_core``, wired by the
    composition root, so the shell never imports it)."""

    def counters(self) -> dict[str, int]:
        """Lifetime counters and gauges for ``status``.  Keys: messages_received,
        recipients_received, gen_bounce_recipients (notifications the appliance generated),
        rejected_recipients, dropped_messages, soft_bounced_events,
        completed_recipients, hard_bounced_recipients, dns_hard_bounces, fivexx_hard_bounces,
        expired_hard_bounces, filter_hard_bounces, other_hard_bounces, delivered_recipients,
        deleted_recipients, last_mid, last_icid, last_dcid, current_inbound, current_outbound,
        active_recipients, unattempted_recipients, attempted_recipients, work_queue_messages,
        oldest_message_age (seconds, -1 when the queue is empty), queue_kilobytes,
        destinations_in_memory (recipient hosts with a record or a queue), pvo_quarantine_messages,
        pvo_quarantine_kilobytes, spam_quarantine_messages, spam_quarantine_kilobytes; the
        system gauges (``smtp_core.systemgauges``): ram_percent, cpu_percent, disk_io_percent,
        logging_disk_percent, logging_disk_available (bytes), queue_kilobytes_free."""

    def submit(self, sender: str, recipients: list[str], message: bytes) -> None:
        """Queue a message the appliance itself sends (mailconfig, alerts) for delivery."""

    def log_path(self, log: str) -> Optional[Path]:
        """The current file of log subscription ``log``, for tail/grep."""

    def rollover(self, log: str) -> Optional[Path]:
        """``rollovernow``: close the current file of ``log`` as a saved ``.s`` file and start a
        new one; returns the saved file's path, None for an unknown log."""

    async def dns_lookup(self, name: str, rtype: str,
                         server: Optional[str] = None) -> Optional[dict]:
        """``nslookup``/``dig``: ask dnsconfig's DNS servers (or ``server``) for the ``rtype``
        records (A, AAAA, CNAME, MX, NS, PTR, SOA, TXT) of ``name``.  None when no server
        answered; else status (NOERROR, NXDOMAIN ...), id, flags, question (name., type),
        server (address, port), milliseconds, size, and answers/authority/additional as
        (owner., TTL, type, data in zone-file form)."""

    def dns_flush(self) -> None:
        """``dnsflush``: forget every cached DNS answer."""

    async def tlsverify(self, domain: str, host: str, port: int,
                        report: Callable[[str, dict], None]) -> bool:
        """``tlsverify``: connect to ``host`` as delivery does, STARTTLS and verify the
        certificate for ``domain``.  Each step is reported as ``report(event, values)`` (events
        listed in ``smtp_core.tlsverify``); True when the certificate verified."""

    # -- counters and hosts (status, resetcounters, tophosts, hoststatus) ---------------------------
    def reset_counters(self) -> float:
        """``resetcounters``: start the ``Reset`` column from zero; returns the time of the reset."""

    def counters_since_reset(self) -> tuple[Optional[float], dict[str, int]]:
        """(time of the last reset or None, each counter of ``counters()`` since then)."""

    def rates(self) -> dict[str, tuple[int, ...]]:
        """Events per hour over the last 1, 5 and 15 minutes of messages_received,
        recipients_received, soft_bounced_events, completed_recipients,
        hard_bounced_recipients and delivered_recipients (``status detail``)."""

    def hosts(self) -> list[dict]:
        """``host_status`` of every recipient host with queued recipients or counters."""

    def host_status(self, domain: str) -> dict:
        """One recipient host (domain).  Keys: host, known (anything queued or counted),
        active_recipients, attempted_recipients, unattempted_recipients, connections_out,
        pending_connections_out (waiting to be opened), delivered_recipients,
        soft_bounced_events, hard_bounced_recipients, dns_hard_bounces, fivexx_hard_bounces,
        expired_hard_bounces, filter_hard_bounces, other_hard_bounces, completed_recipients,
        deleted_recipients (since the last reset), down (the last
        connection attempt failed), oldest_message_age (-1: none), last_activity (epoch or
        None), last_5xx and last_tls_error (None or {text, when, address, setting})."""

    async def host_routing(self, domain: str) -> dict:
        """Where mail for ``domain`` goes now, as delivery would find it through dnsconfig's
        servers: routes (the SMTP route's destinations as host[:port], None when no route
        applies), mx ([(preference, TTL seconds, host)] by preference), addresses
        ([(preference, [IP addresses])] in the order delivery tries them) and error (the DNS
        error that stopped the lookup, or None)."""

    # -- the queue ---------------------------------------------------------------------------------
    def queued_recipients(self, by: str, value: str) -> list[dict]:
        """Pending recipients, oldest message first, selected by ``by`` = host (a domain),
        sender (an address) or all.  Keys: mid, rid, size, attempts, sender, recipient,
        subject."""

    def delete_recipients(self, by: str, value: str) -> int:
        """Remove the selected recipients from the queue; returns how many."""

    def deliver_now(self, domain: Optional[str]) -> int:
        """Retry the recipients of ``domain`` (None: all) at once; returns how many."""

    def redirect_recipients(self, host: str) -> int:
        """Send every queued recipient to ``host``; returns how many."""

    async def message(self, mid: int) -> Optional[dict]:
        """A queued message: {mid, sender, size, recipients, lines (its headers and body, control
        characters escaped; at most the first MiB), omitted (bytes not in lines)}; None when it
        is not queued."""

    # -- suspending and resuming -------------------------------------------------------------------
    def suspended(self) -> dict:
        """{delivery: bool, delivery_domains: [domains suspended alone], listeners: [names],
        work_queue: bool (paused)}."""

    async def suspend_delivery(self, seconds: int, domains: Optional[list[str]] = None) -> None:
        """No new deliveries (to ``domains`` only, when given: ``example.com``,
        ``.example.com``, ``[192.0.2.1]``); waits up to ``seconds`` for open connections."""

    def resume_delivery(self, domains: Optional[list[str]] = None) -> bool:
        """Deliver again (to ``domains`` only, when given); False when nothing was suspended."""

    async def suspend_listeners(self, names: list[str], seconds: int) -> None:
        """Close the listeners' ports; their open sessions are cut after ``seconds``."""

    def resume_listeners(self, names: list[str]) -> list[str]:
        """Reopen those of ``names`` that were suspended; returns them."""

    def pause_work_queue(self, reason: str = "") -> bool:
        """Keep received messages from delivery (``reason`` goes to the mail log); False when
        it was already paused."""

    def resume_work_queue(self) -> bool:
        """Hand the held messages to delivery; False when it was not paused."""


@dataclass
class PeerCheck:
    """What ``clusterconfig`` join learned from a member over SSH."""
    fingerprint: Optional[str]   # "SHA256:..." of its host key; None when it could not be reached
    authenticated: bool          # the administrator's name and passphrase were accepted


class ClusterPeers(Protocol):
    """Reaching other cluster members (implemented over SSH in ``transports.sshpeer``)."""

    async def check(self, address: str, port: int, user: str, passphrase: str) -> PeerCheck:
        """Connect to ``address:port``, note the host key and log in as ``user``."""


@dataclass
class LoginRecord:
    user: str
    remote: str
    start: float
    end: Optional[float] = None
    transport: str = "ssh"


@dataclass(frozen=True, eq=False)
class ConfiguredAppliance:
    """One appliance as its services see it before any of them runs: its configuration (through
    the lab), identity, state directory and ports.  The composition root builds it first and
    hands it to the services that the shell's ``Appliance`` then holds (the SMTP core)."""
    lab: Lab
    machine: str
    state_dir: Path
    port_offset: int = 0
    # The lab's knobs for script authors (``profile.KNOBS``); commands read ``profile``.
    scenario: dict[str, Any] = field(default_factory=dict)
    # Where a lab's well-known ports really listen: (address, 53 or 25) -> port (the lab DNS
    # server, the peers' and appliances' SMTP ports); empty outside a lab.
    lab_ports: dict[tuple[str, int], int] = field(default_factory=dict)
    # (service, address, port) actually bound, for the start-up lines and ``status``: each
    # service keeps its own entries current (``cluster.ports.publish``).
    endpoints: list[tuple[str, str, int]] = field(default_factory=list)

    def subscribe(self, callback: Subscriber) -> None:
        """Commits affecting this machine, across cluster joins and leaves."""
        self.lab.subscribe(self.machine, callback)

    @property
    def config_key(self) -> bytes:
        """The key for encrypted passphrases in configuration files: its cluster's, shared by
        every member (``configkey``)."""
        return configkey.for_machine(self.lab, self.machine, self.state_dir)

    @property
    def config_dir(self) -> Path:
        """The appliance's ``/configuration`` directory (scp, saveconfig, PKCS#12 files)."""
        path = self.state_dir / "configuration"
        path.mkdir(parents=True, exist_ok=True)
        return path

    def committed(self) -> ClusterConfig:
        """The committed configuration this machine uses now (shared: never modify it)."""
        return self.lab.committed(self.machine)

    def view(self) -> ApplianceView:
        """This machine's committed settings, resolved through the cluster levels."""
        return self.committed().appliance(self.machine)

    def config_revision(self) -> tuple:
        """A key that changes with every commit this machine sees (for caches)."""
        return self.lab.revision_key(self.machine)

    def history(self) -> list[CommitRecord]:
        return self.lab.history(self.machine)

    def new_session(self, user: str) -> ConfigSession:
        """A front end's own pending changes over this machine's configuration."""
        return ConfigSession(self.lab, user, self.machine)

    @property
    def identity(self) -> Machine:
        return self.committed().machines[self.machine]

    def hostname(self) -> str:
        return self.view().system.hostname

    def timestamp(self, when: Optional[float] = None) -> str:
        """``when`` (epoch seconds, now by default) on the appliance's clock and in its time
        zone (``settime``, ``settz``), in the CLI's format."""
        return clock.local_time(self.view().system, when).strftime(strings.TIME_FORMAT)

    @property
    def profile(self) -> profiles.Profile:
        """The dialogue variant of this appliance's AsyncOS version, with the scenario knobs."""
        return profiles.resolve(self.identity.version, self.scenario)


@dataclass(frozen=True, eq=False)
class Appliance(ConfiguredAppliance):
    """One emulated appliance as the shell and the web interface see it: the configured
    appliance and the services' parts they use, all given at construction by the composition
    root (nothing is filled in later: the dataclass is frozen)."""
    started: float = field(default_factory=time.time)
    # The mail logs' writer (cli_logs, system_logs, authentication ...).
    logs: LogSink = field(default_factory=NullLogs)
    # The SMTP core's facade; None when mail services are off (unit tests).
    mail: Optional[MailFacade] = None
    # How clusterconfig reaches the member it joins; None when the shell runs without a network
    # (unit tests give it one of their own).
    peers: Optional[ClusterPeers] = None
    sessions: list[ShellSession] = field(default_factory=list)
    logins: list[LoginRecord] = field(default_factory=list)
    # The login accounting SSH, FTP and the web interface share (failures, locks, delays):
    # made by the composition root; a shell without one (unit tests) makes its own.
    accounts: Optional[LoginAccounting] = None

    def __post_init__(self) -> None:
        if self.accounts is None:   # (set through object: the dataclass is frozen)
            object.__setattr__(self, "accounts", LoginAccounting(
                lambda: self.view().users,
                lambda line: self.logs.write("authentication", line)))

    @classmethod
    def serving(cls, configured: ConfiguredAppliance, logs: LogSink,
                mail: Optional[MailFacade], peers: Optional[ClusterPeers],
                accounts: LoginAccounting) -> "Appliance":
        """``configured`` with the parts its services made of it: one appliance, whose
        configuration, state and endpoints are the very objects the services hold."""
        shared = {f.name: getattr(configured, f.name) for f in fields(ConfiguredAppliance)}
        return cls(**shared, logs=logs, mail=mail, peers=peers, accounts=accounts)


@dataclass
class CommandContext:
    cli: ShellSession
    dialog: Dialog
    name: str
    # The command's parsed arguments (``batchargs``); form "" when it was given none.
    batch: Arguments = field(default_factory=Arguments)

    @property
    def session(self) -> ConfigSession:
        return self.cli.config

    @property
    def appliance(self) -> Appliance:
        return self.cli.appliance

    def out(self, text: str = "") -> None:
        self.dialog.out(text)
