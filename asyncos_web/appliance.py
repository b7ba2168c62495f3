"""What the web interface needs from an appliance (the composition root passes the shell's
``Appliance``, which has all of it; the GUI never imports the shell)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Protocol

from cluster.lab import Subscriber
from cluster.levels import ApplianceView, ClusterConfig, Machine
from cluster.session import ConfigSession


class LogSink(Protocol):
    def write(self, log: str, message: str, level: str = "Info") -> None:
        """Append ``message`` to the log subscription ``log`` (``gui_logs``, ...)."""


class HeldMessage(Protocol):
    """A message the Spam Quarantine holds, as Monitor > Spam Quarantine lists it."""
    mid: int
    sender: str
    recipients: list[str]
    subject: str
    size: int
    received: float


class SpamQuarantine(Protocol):
    def listed(self) -> list[HeldMessage]:
        """Newest first."""


class WebMail(Protocol):
    """What the web interface uses of the SMTP core's facade (the composition root gives it)."""
    spam_quarantine: SpamQuarantine

    def log_path(self, log: str) -> Optional[Path]:
        """The current file of log subscription ``log``."""

    async def release_spam(self, mid: int) -> bool:
        """Release a held message to its recipients; False when it is no longer held."""


class WebAppliance(Protocol):
    machine: str
    port_offset: int
    logs: LogSink
    endpoints: list[tuple[str, str, int]]
    mail: Optional[WebMail]   # None when mail services are off (unit tests)

    @property
    def identity(self) -> Machine: ...

    @property
    def config_dir(self) -> Path: ...

    def view(self) -> ApplianceView: ...

    def committed(self) -> ClusterConfig: ...

    def config_revision(self) -> tuple: ...

    def new_session(self, user: str) -> ConfigSession: ...

    def subscribe(self, callback: Subscriber) -> None: ...

    def hostname(self) -> str: ...


class ConfigFiles(Protocol):
    """The appliance's configuration file (the CLI's saveconfig and loadconfig), for System
    Administration > Configuration File; wired by the composition root."""

    def export(self, config: ClusterConfig, secrets: str) -> str:
        """The file of ``config`` with passphrases masked (``mask``) or encrypted."""

    def load(self, text: str, current: ClusterConfig) -> ClusterConfig:
        """The configuration the file makes of ``current``.  Raises ValueError (``xmlconf``'s
        MaskedSecrets and XmlConfigError, ``validate.ConfigError``, or another reading error)."""


def log_path(appliance: WebAppliance, log: str) -> Optional[Path]:
    """The current file of a log subscription (Message Tracking reads ``mail_logs``)."""
    return appliance.mail.log_path(log) if appliance.mail is not None else None
