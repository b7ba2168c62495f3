"""What the SMTP core needs from the appliance it serves.

The composition root hands it the shell's ``ConfiguredAppliance`` (the appliance before its
services run), which has all of this; the protocols keep ``smtp_core`` from importing
``asyncos_shell`` (both only use ``cluster``).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping, Optional, Protocol

from cluster.levels import Machine
from cluster.levels import ClusterConfig
from cluster.lab import Subscriber


class ScenarioKnobs(Protocol):
    """The lab's knobs the SMTP core reads (``asyncos_shell.engine.profile.Profile``)."""

    @property
    def retry_scale(self) -> float: ...  # multiplies retry delays and the queue lifetime

    @property
    def sender_reputation(self) -> Optional[Mapping[str, Mapping[str, Any]]]: ...
    # sender address -> {sbrs, country}: what SenderBase answers in the lab


class ServedAppliance(Protocol):
    machine: str
    state_dir: Path
    port_offset: int
    endpoints: list[tuple[str, str, int]]  # (service, address, port) bound, for ``status``
    lab_ports: dict[tuple[str, int], int]  # (address, well-known port) -> where it listens in a lab

    def committed(self) -> ClusterConfig: ...

    def config_revision(self) -> tuple: ...  # changes with every commit this machine sees

    @property
    def identity(self) -> Machine: ...

    @property
    def profile(self) -> ScenarioKnobs: ...

    def subscribe(self, callback: Subscriber) -> None: ...
