"""HAT sender syntax and evaluation: which sender group a connecting host falls into.

A sender group (or an unnamed HAT entry) lists senders in the appliance's syntax (AsyncOS user
guide, "Sender Group Syntax"): an IP address ``10.1.1.1``, a partial IP ``10.1.1.``, a range
``10.1.1.10-20`` or ``10.1.1.10-10.1.1.20``, a CIDR block ``10.1.1.0/24`` (IPv6 forms too), a
hostname ``mail.example.com``, a partial hostname ``.example.com``, a SenderBase reputation range
``SBRS[-10.0:-3.0]`` or ``SBRS[none]``, a SenderBase network owner ``SBO:12345`` and ``ALL``.
Pure Python: the shell validates with it and the SMTP core evaluates the HAT with it.
"""
from __future__ import annotations

import functools
import ipaddress
import re
from dataclasses import dataclass, fields
from typing import Optional, Union

from . import model

IPAddress = Union[ipaddress.IPv4Address, ipaddress.IPv6Address]

_SBRS = re.compile(r"^sbrs\[\s*(?:(none)|([+-]?\d+(?:\.\d+)?)\s*:\s*([+-]?\d+(?:\.\d+)?))\s*\]$", re.I)
_SBO = re.compile(r"^sbo:(\d+)$", re.I)
_PARTIAL_IP = re.compile(r"^(\d{1,3}\.){1,3}$")
_SHORT_RANGE = re.compile(r"^((?:\d{1,3}\.){3})(\d{1,3})-(\d{1,3})$")
_HOST_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$")
_IPISH = re.compile(r"^[0-9.:/\-a-f]+$", re.I)

# Error texts: the substrings Cisco's QA library treats as errors (cli.md §2 item 6).
ERR_IP = 'Invalid IP or IP range "{text}".'
ERR_SBRS = ('Invalid SBRS range "{text}". A SenderBase Reputation Score is a number from -10.0 '
            'to 10.0, for example SBRS[-10.0:-3.0] or SBRS[none].')
ERR_HOST = 'Invalid hostname format "{text}".'


class SenderSyntaxError(ValueError):
    """The text is not a sender; ``str(error)`` is the appliance's message."""


@dataclass(frozen=True)
class Sender:
    """One parsed sender.  ``text`` is the canonical form the HAT stores and prints."""
    text: str
    kind: str  # all, ip, network, range, partial_ip, host, domain, sbrs, sbrs_none, sbo
    low: Optional[IPAddress] = None
    high: Optional[IPAddress] = None
    name: str = ""
    score_low: float = 0.0
    score_high: float = 0.0

    def matches(self, host: "ConnectingHost") -> bool:
        if self.kind == "all":
            return True
        if self.kind in ("ip", "network", "range"):
            ip = ipaddress.ip_address(host.ip)
            return (ip.version == self.low.version  # type: ignore[union-attr]
                    and self.low <= ip <= self.high)  # type: ignore[operator]
        if self.kind == "partial_ip":
            return host.ip.startswith(self.name)
        hostname = (host.hostname or "").lower().rstrip(".")
        if self.kind == "host":
            return hostname == self.name
        if self.kind == "domain":
            return hostname.endswith(self.name)
        if self.kind == "sbrs":
            return host.sbrs is not None and self.score_low <= host.sbrs <= self.score_high
        if self.kind == "sbrs_none":
            return host.sbrs is None
        return False  # SBO: no SenderBase network owner data in the emulator


@functools.lru_cache(maxsize=4096)   # the SMTP core evaluates the HAT on every connection
def parse(text: str) -> Sender:
    """Parse one sender; raises ``SenderSyntaxError`` with the appliance's message."""
    raw = text.strip()
    lowered = raw.lower()
    if not raw:
        raise SenderSyntaxError(ERR_IP.format(text=raw))
    if lowered == "all":
        return Sender("ALL", "all")
    if lowered.startswith("sbrs"):
        return _parse_sbrs(raw)
    if match := _SBO.match(raw):
        return Sender(f"SBO:{int(match.group(1))}", "sbo")
    if _IPISH.match(raw) and (any(c.isdigit() for c in raw.split(".")[0][:1]) or ":" in raw):
        return _parse_ip(raw)
    return _parse_host(raw)


def _parse_sbrs(raw: str) -> Sender:
    match = _SBRS.match(raw)
    if not match:
        raise SenderSyntaxError(ERR_SBRS.format(text=raw))
    if match.group(1):
        return Sender("sbrs[none]", "sbrs_none")
    low, high = float(match.group(2)), float(match.group(3))
    if not (-10.0 <= low <= high <= 10.0):
        raise SenderSyntaxError(ERR_SBRS.format(text=raw))
    return Sender(f"sbrs[{low:.1f}:{high:.1f}]", "sbrs", score_low=low, score_high=high)


def _parse_ip(raw: str) -> Sender:
    error = SenderSyntaxError(ERR_IP.format(text=raw))
    try:
        if _PARTIAL_IP.match(raw):
            if any(int(part) > 255 for part in raw.rstrip(".").split(".")):
                raise error
            return Sender(raw, "partial_ip", name=raw)
        if "/" in raw:
            network = ipaddress.ip_network(raw, strict=False)
            return Sender(str(network), "network", network[0], network[-1])
        if "-" in raw:
            if match := _SHORT_RANGE.match(raw):
                first = ipaddress.ip_address(match.group(1) + match.group(2))
                last = ipaddress.ip_address(match.group(1) + match.group(3))
            else:
                start, _, end = raw.partition("-")
                first, last = ipaddress.ip_address(start), ipaddress.ip_address(end)
            if first.version != last.version or first > last:
                raise error
            return Sender(raw, "range", first, last)
        address = ipaddress.ip_address(raw)
        return Sender(str(address), "ip", address, address)
    except ValueError as exc:
        raise error from exc


def _parse_host(raw: str) -> Sender:
    name = raw.lower().rstrip(".")
    partial = name.startswith(".")
    labels = name[1:].split(".") if partial else name.split(".")
    if not all(_HOST_LABEL.match(label) for label in labels):
        raise SenderSyntaxError(ERR_HOST.format(text=raw))
    if partial:
        return Sender(name, "domain", name=name)
    return Sender(name, "host", name=name)


def split(text: str) -> list[str]:
    """A typed host list (``a, b c``) as separate entries."""
    return [part for part in re.split(r"[,\s]+", text.strip()) if part]


def parse_list(text: str) -> list[Sender]:
    """Every sender of a typed host list; raises on the first invalid one."""
    senders = [parse(part) for part in split(text)]
    if not senders:
        raise SenderSyntaxError(ERR_IP.format(text=text.strip()))
    return senders


def list_error(text: str) -> Optional[str]:
    """A Dialog validator for a host list."""
    try:
        parse_list(text)
    except SenderSyntaxError as error:
        return str(error)
    return None


# -- evaluation ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class ConnectingHost:
    ip: str
    hostname: Optional[str] = None  # verified reverse-DNS name, None when not verified
    sbrs: Optional[float] = None    # SenderBase Reputation Score, None for "none"


@dataclass
class HatDecision:
    """The HAT entry a connection matched and what applies to it."""
    group: str          # sender group name; "" for an unnamed entry; "ALL" for the default
    matched: str        # the sender that matched ("" for the default)
    policy: str         # "$NAME" of the mail-flow policy, "" for an inline behaviour
    action: str         # ACCEPT, REJECT, RELAY, TCPREFUSE
    params: model.PolicyParams  # effective parameters, no None left where a default exists


_PARAMS = tuple(f.name for f in fields(model.PolicyParams))


def overlay(*layers: model.PolicyParams) -> model.PolicyParams:
    """Later layers win where they set a value (listener defaults <- policy <- inline entry)."""
    values = {}
    for layer in layers:
        values.update((name, value) for name in _PARAMS
                      if (value := getattr(layer, name)) is not None)
    return model.PolicyParams(**values)


def behaviour(hat: model.HostAccess, policy: str,
              inline: Optional[model.PolicyParams] = None) -> tuple[str, model.PolicyParams]:
    """(action, effective parameters) of a ``$POLICY`` name or an inline action word."""
    if policy.startswith("$"):
        flow = hat.policies[policy]
        return flow.action, overlay(hat.default_params, flow.params)
    return policy, overlay(hat.default_params, inline or model.PolicyParams())


def evaluate(hat: model.HostAccess, host: ConnectingHost) -> HatDecision:
    """First matching entry from the top; CONTINUE entries pass on to the next (user guide)."""
    for group in hat.sender_groups:
        matched = next((s for s in group.senders if parse(s).matches(host)), None)
        if matched is None:
            continue
        action, params = behaviour(hat, group.policy, group.params)
        if action == "CONTINUE":
            continue
        return HatDecision(group.name, matched, group.policy if group.policy.startswith("$") else "",
                           action, params)
    action, params = behaviour(hat, hat.default_action)
    if action == "CONTINUE":
        action = "ACCEPT"
    return HatDecision("ALL", "", hat.default_action if hat.default_action.startswith("$") else "",
                       action, params)
