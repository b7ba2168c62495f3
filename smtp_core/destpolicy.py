"""Destination controls as the outbound conversation's policy (``outbound.ClientPolicy``).

The TLS setting of a destination (cli.md §5.3: No, Preferred, Required, Preferred-Verify,
Required-Verify) becomes a ``TLSRule``; verification checks the peer's chain against the enabled
trust roots and one of the names the certificate may carry (``tls.verify_peer``); the
connection limits (messages per connection, concurrent connections, the Preferred fallback when
all TLS connections are busy) and ``deliveryconfig``'s retry schedule are decided here from the
committed configuration, so each can be tested without a socket.
"""
from __future__ import annotations

from dataclasses import dataclass

from OpenSSL import SSL

from cluster import model

from .host import MailHost
from .outbound import TLSContext, TLSRule
from .tls import Verification

OFF = "off"
REQUIRED_MODES = ("require", "require_verify")
RULES = {
    OFF: TLSRule(),
    "on": TLSRule(starttls=True),
    "require": TLSRule(starttls=True, required=True),
    "on_verify": TLSRule(starttls=True, verify=True),
    "require_verify": TLSRule(starttls=True, required=True, verify=True, enforce=True),
}
# ``tlsverify``: STARTTLS must work and the certificate is checked, but the command reports a
# certificate that does not verify instead of hanging up on it (cli.md §5.10).
TLSVERIFY_RULE = TLSRule(starttls=True, required=True, verify=True)

DEFAULT_MESSAGES_PER_CONNECTION = 50
DEFAULT_DOMAIN_CONCURRENCY = 500
DEFAULT_SYSTEM_CONCURRENCY = 10000


def tls_mode(dest: model.DestinationControl) -> str:
    return dest.tls or OFF


def tls_rule(mode: str) -> TLSRule:
    return RULES[mode]


def plain_when_busy(mode: str, delivery: model.Delivery) -> bool:
    """All TLS connections are busy: True when this connection goes in clear instead of
    waiting for one (Preferred settings, if ``deliveryconfig`` allows it)."""
    return mode not in REQUIRED_MODES and delivery.tls_fallback_plain


def messages_per_connection(dest: model.DestinationControl) -> int:
    return dest.max_messages_per_connection or DEFAULT_MESSAGES_PER_CONNECTION


def concurrency(dest: model.DestinationControl, delivery: model.Delivery) -> int:
    """Connections a domain may have open at once: its own limit within the system's."""
    return min(dest.max_concurrency or DEFAULT_DOMAIN_CONCURRENCY,
               delivery.max_concurrency or DEFAULT_SYSTEM_CONCURRENCY)


def certificate_names(host: str, domain: str) -> list[str]:
    """Names the certificate may carry: the host connected to (MX or route host) or the
    destination domain (AsyncOS user guide, TLS verification)."""
    return [host, domain] if host != domain else [host]


@dataclass
class PeerPolicy:
    """The policy for one connection to ``host`` for ``domain`` under ``rule``."""
    core: MailHost
    host: str
    domain: str
    rule: TLSRule

    def helo_name(self) -> str:
        return self.core.helo_name()

    def tls_rule(self) -> TLSRule:
        return self.rule

    def tls_context(self) -> TLSContext:
        return self.core.client_tls()

    def verify(self, connection: SSL.Connection) -> Verification:
        return self.core.verify_peer(connection, certificate_names(self.host, self.domain))


# -- deliveryconfig's retry schedule ---------------------------------------------------------------
def queue_lifetime(settings: model.Delivery, scale: float) -> float:
    """Seconds a message may wait in the queue before it bounces as expired (``scale``: the
    lab's ``retry_scale`` knob, which shortens the whole schedule)."""
    return settings.max_queue_lifetime_seconds * scale


def retry_delay(settings: model.Delivery, scale: float, attempts: int, age: float) -> float:
    """Seconds until the next attempt of a message ``age`` seconds old that has failed
    ``attempts`` times: the initial interval doubled per failure up to the maximum, and never
    past the queue lifetime."""
    delay = scale * min(settings.retry_initial_seconds * 2 ** (attempts - 1),
                        settings.retry_max_seconds)
    return max(0.0, min(delay, queue_lifetime(settings, scale) - age))
