"""One appliance put together: each service gets what it needs when it is built, in the order
their needs dictate, and nothing is filled in afterwards.

The SMTP core is built first, from the configured appliance: its log writer and its facade are
what the shell's ``Appliance`` is made with, and the shell's services (SSH, FTP) and the web
interface are made with that ``Appliance``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Protocol

from twisted.internet import defer
from twisted.internet.interfaces import IOpenSSLServerConnectionCreator, IReactorTCP

from asyncos_shell.engine.context import Appliance, ClusterPeers, ConfiguredAppliance
from asyncos_shell.transports.ftp import FTPService
from asyncos_shell.transports.ssh import SSHService
from asyncos_web.service import WebService
from cluster import model
from cluster.levels import ApplianceView, ClusterConfig
from cluster.logins import LoginAccounting
from smtp_core import tls
from smtp_core.service import MailService


class Service(Protocol):
    def start(self) -> list[str]:
        """Bind and serve; return the start-up lines to print (one per bound address)."""

    def stop(self) -> Optional[defer.Deferred]:
        """Stop accepting; established sessions may finish."""


@dataclass(frozen=True)
class ApplianceAssembly:
    """One appliance and the services that run it."""
    appliance: Appliance
    mail: MailService
    ssh: SSHService
    ftp: FTPService
    web: WebService

    @classmethod
    def build(cls, configured: ConfiguredAppliance, peers: ClusterPeers,
              reactor: IReactorTCP) -> "ApplianceAssembly":
        mail = MailService(configured, reactor)
        # One login accounting for SSH, FTP and the GUI (the GUI may not reach into the shell).
        accounts = LoginAccounting(lambda: configured.view().users,
                                   lambda line: mail.core.writer.write("authentication", line))
        appliance = Appliance.serving(configured, logs=mail.core.writer, mail=mail.core,
                                      peers=peers, accounts=accounts)
        return cls(appliance, mail, SSHService(appliance, reactor),
                   FTPService(appliance, reactor),
                   WebService(appliance, gui_tls_context, tls.failure_detail,
                              ShellConfigFiles(appliance), reactor, accounts=accounts))

    @property
    def services(self) -> tuple[Service, ...]:
        """In start order, which is the order of the start-up lines and of ``status``'s
        endpoints: SMTP, SSH, FTP, then HTTPS and HTTP."""
        return (self.mail, self.ssh, self.ftp, self.web)


def gui_tls_context(profile: model.CertificateProfile,
                    view: ApplianceView) -> IOpenSSLServerConnectionCreator:
    """An HTTPS port's TLS context: the mail listeners' kind, with ``sslconfig``'s GUI
    settings."""
    return tls.server_options(tls.identity(profile), tls.protocols(view.ssl.gui))


class ShellConfigFiles:
    """The GUI's Configuration File page writes and reads files as saveconfig and loadconfig."""

    def __init__(self, appliance: Appliance):
        self.appliance = appliance

    def export(self, config: ClusterConfig, secrets: str) -> str:
        from asyncos_shell.commands import _configfile
        return _configfile.export_config(self.appliance, config, secrets)

    def load(self, text: str, current: ClusterConfig) -> ClusterConfig:
        from asyncos_shell.commands import _configfile
        return _configfile.load_config(self.appliance, text, current)
