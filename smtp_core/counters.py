"""Counters of the SMTP core: lifetime counters and gauges for ``status``, the same counters
per recipient host for ``tophosts`` and ``hoststatus``, and what each host last did (its last
activity, last 5XX answer, last TLS failure).

Every hard bounce counts once under ``hard_bounced_recipients`` and once under the reason it
bounced for (``status detail`` and ``hoststatus`` print the five reasons under it).

``resetcounters`` does not lose anything: it remembers the values at the reset, and the
``Reset`` column of ``status`` shows what happened since.

The counters of ``RATED`` also feed the 1/5/15-minute rates of ``status detail`` (``rates``).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Optional

from .rates import Rates


# Why a recipient hard-bounced: the DNS said its domain or host does not exist, a remote host
# answered 5XX, a filter or the mail policy bounced it (the spam BOUNCE action), it waited past
# the queue lifetime, or anything else permanent.
DNS_BOUNCE, FIVEXX_BOUNCE, FILTER_BOUNCE = ("dns_hard_bounces", "fivexx_hard_bounces",
                                            "filter_hard_bounces")
EXPIRED_BOUNCE, OTHER_BOUNCE = "expired_hard_bounces", "other_hard_bounces"
HARD_BOUNCE_REASONS = (DNS_BOUNCE, FIVEXX_BOUNCE, EXPIRED_BOUNCE, FILTER_BOUNCE, OTHER_BOUNCE)
# The counters ``status detail`` also gives as rates (events per hour).
RATED = ("messages_received", "recipients_received", "soft_bounced_events",
         "completed_recipients", "hard_bounced_recipients", "delivered_recipients")


def printable(text: str) -> str:
    """``text`` with control characters escaped (a remote host's answer or a sender's subject
    must not drive the operator's terminal)."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


@dataclass
class Event:
    """A remembered failure: its text (escaped), when, and the address of the host that
    caused it."""
    text: str
    when: float
    address: str
    setting: str = ""      # the destination's TLS setting, for TLS failures

    def __post_init__(self) -> None:
        self.text = printable(self.text)


@dataclass
class HostRecord:
    values: dict[str, int] = field(default_factory=dict)
    last_activity: Optional[float] = None
    last_5xx: Optional[Event] = None
    last_tls_error: Optional[Event] = None
    # The last connection attempt failed (no connection, or no usable one): the host is down.
    down: bool = False


class Stats:
    """Lifetime counters and gauges, overall and per recipient host (domain)."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.values: dict[str, int] = {}
        self.rates = Rates(RATED, clock)
        self.hosts: dict[str, HostRecord] = {}
        self.reset_at: Optional[float] = None
        self._at_reset: dict[str, int] = {}
        self._hosts_at_reset: dict[str, dict[str, int]] = {}

    def add(self, name: str, amount: int = 1, domain: Optional[str] = None) -> None:
        self.values[name] = self.values.get(name, 0) + amount
        self.rates.record(name, amount)
        if domain is not None:
            record = self.host(domain)
            record.values[name] = record.values.get(name, 0) + amount
            record.last_activity = time.time()

    def hard_bounced(self, reason: str, domain: str, count: int = 1) -> None:
        """``count`` recipients of ``domain`` bounced for ``reason`` (one of
        ``HARD_BOUNCE_REASONS``): they are completed, as hard bounces of that reason."""
        for name in ("hard_bounced_recipients", reason, "completed_recipients"):
            self.add(name, count, domain=domain)

    def host(self, domain: str) -> HostRecord:
        key = domain.lower()
        record = self.hosts.get(key)
        if record is None:
            record = self.hosts[key] = HostRecord()
        return record

    def reset(self) -> float:
        """``resetcounters``: the counters start again from zero in the ``Reset`` column."""
        self.reset_at = time.time()
        self._at_reset = dict(self.values)
        self._hosts_at_reset = {d: dict(r.values) for d, r in self.hosts.items()}
        return self.reset_at

    def since_reset(self, name: str) -> int:
        return self.values.get(name, 0) - self._at_reset.get(name, 0)

    def host_since_reset(self, domain: str, name: str) -> int:
        record = self.hosts.get(domain.lower())
        if record is None:
            return 0
        return record.values.get(name, 0) - self._hosts_at_reset.get(domain.lower(), {}).get(name, 0)
