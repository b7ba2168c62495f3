"""Which of the appliance's interfaces a connection leaves from: delivery, ``tlsverify``,
``telnet``, ``ping`` and ``traceroute`` all choose the same way."""
from __future__ import annotations

import ipaddress
from typing import Optional

from . import model
from .validate import is_ip


def source_address(interfaces: dict[str, model.Interface], choice: str,
                   destination: Optional[str] = None) -> Optional[model.Interface]:
    """The delivery interface: the configured one, or (Auto) the one on the destination's
    network, else the first."""
    if choice != "Auto" and choice in interfaces:
        return interfaces[choice]
    if destination and is_ip(destination):
        target = ipaddress.ip_address(destination)
        for iface in interfaces.values():
            try:
                if target in ipaddress.ip_network(f"{iface.ipv4}/{iface.prefix}", strict=False):
                    return iface
            except ValueError:
                continue
    return next(iter(interfaces.values()), None)
