"""What the SMTP core needs from the appliance it serves.

The composition root hands it the shell's ``Appliance`` context, which has all of this; the
protocol keeps ``smtp_core`` from importing ``asyncos_shell`` (both only use ``cluster``).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from cluster.levels import Machine
from cluster.levels import ClusterConfig
from cluster.lab import Subscriber


class ServedAppliance(Protocol):
    machine: str
    state_dir: Path
    port_offset: int
    endpoints: list[tuple[str, str, int]]  # (service, address, port) bound, for ``status``
    lab_ports: dict[tuple[str, int], int]  # (address, well-known port) -> where it listens in a lab
    logs: Any   # set to the SMTP core's log writer
    mail: Any   # set to the SMTP core's facade for the shell

    def committed(self) -> ClusterConfig: ...

    def config_revision(self) -> tuple: ...  # changes with every commit this machine sees

    @property
    def identity(self) -> Machine: ...

    @property
    def profile(self) -> Any: ...  # the scenario knobs (``retry_scale``)

    def subscribe(self, callback: Subscriber) -> None: ...
