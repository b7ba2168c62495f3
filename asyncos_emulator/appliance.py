"""Wiring one appliance together: its configuration store, shell context and network services."""
from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Callable, Optional, Protocol

from twisted.internet import defer

from asyncos_shell.engine.context import Appliance
from cluster import defaults
from cluster.lab import Lab


class Service(Protocol):
    def start(self) -> list[str]:
        """Bind and serve; return the start-up lines to print (one per bound address)."""

    def stop(self) -> Optional[defer.Deferred]:
        """Stop accepting; established sessions may finish."""


class Runtime:
    """Every appliance of this process and the services each one runs."""

    def __init__(self, appliances: list[Appliance]):
        self.appliances = appliances
        self.services: list[Service] = []
        self.failed = False

    @classmethod
    def from_state_dir(cls, state_dir: Path, port_offset: int = 10000) -> "Runtime":
        state_dir = Path(state_dir).resolve()
        machine = defaults.HOSTNAME
        lab = Lab(state_dir, {machine: defaults.factory_config})
        return cls([Appliance(lab=lab, machine=machine, state_dir=state_dir,
                              port_offset=port_offset)])

    def start(self) -> list[str]:
        lines = []
        for appliance in self.appliances:
            _bind_to_loop(appliance.lab)
            ident = appliance.identity
            lines.append(f"asyncos-emulator: {appliance.hostname()} ({ident.model}, AsyncOS "
                         f"{ident.version}, serial {ident.serial})")
            lines.append(f"  state directory: {appliance.state_dir}")
            for service in self._services_for(appliance):
                self.services.append(service)
                lines.extend(f"  {line}" for line in service.start())
        lines.append("Ready. Ctrl-C or SIGTERM stops the appliance.")
        return lines

    def _services_for(self, appliance: Appliance) -> list[Service]:
        from asyncos_shell.transports.ssh import SSHService
        return [SSHService(appliance)]

    def stop(self) -> defer.Deferred:
        waits = [d for d in (service.stop() for service in self.services) if d is not None]
        for appliance in self.appliances:
            for session in list(appliance.sessions):
                session.close()
        return defer.DeferredList(waits)

    def open_console(self, on_exit: Callable[[], None]) -> None:
        from asyncos_shell.transports.console import open_console
        open_console(self.appliances[0], on_exit)


def _bind_to_loop(lab: Lab) -> None:
    """Commit subscribers run on the event loop even when a commit runs in a worker thread."""
    lab.dispatch = asyncio.get_event_loop().call_soon_threadsafe
