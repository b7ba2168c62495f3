"""Destination controls as the conversation's policy (``destpolicy``), without a socket."""
from __future__ import annotations

import pytest

from cluster import model
from smtp_core import destpolicy
from smtp_core.outbound import TLSRule
from smtp_core.tls import Verification


@pytest.mark.parametrize("setting,rule", [
    ("off", TLSRule()),
    ("on", TLSRule(starttls=True)),
    ("require", TLSRule(starttls=True, required=True)),
    ("on_verify", TLSRule(starttls=True, verify=True)),
    ("require_verify", TLSRule(starttls=True, required=True, verify=True, enforce=True)),
])
def test_each_tls_setting_is_a_rule(setting, rule):
    dest = model.DestinationControl("dest.example", tls=setting)
    assert destpolicy.tls_rule(destpolicy.tls_mode(dest)) == rule


def test_every_setting_the_model_knows_has_a_rule():
    assert set(destpolicy.RULES) == set(model.DEST_TLS)
    assert destpolicy.tls_mode(model.DestinationControl("dest.example", tls=None)) == "off"


def test_tlsverify_checks_but_does_not_hang_up_on_a_bad_certificate():
    rule = destpolicy.TLSVERIFY_RULE
    assert rule.starttls and rule.required and rule.verify and not rule.enforce


@pytest.mark.parametrize("setting,fallback,plain", [
    ("on", True, True), ("on_verify", True, True), ("on", False, False),
    ("require", True, False), ("require_verify", True, False),
])
def test_busy_tls_connections_send_only_preferred_in_clear(setting, fallback, plain):
    delivery = model.Delivery(tls_fallback_plain=fallback)
    assert destpolicy.plain_when_busy(setting, delivery) is plain


def test_connection_limits_and_their_defaults():
    unset = model.DestinationControl("dest.example")
    assert destpolicy.messages_per_connection(unset) == 50
    assert destpolicy.messages_per_connection(
        model.DestinationControl("dest.example", max_messages_per_connection=3)) == 3
    assert destpolicy.concurrency(unset, model.Delivery(max_concurrency=None)) == 500
    assert destpolicy.concurrency(model.DestinationControl("dest.example", max_concurrency=20),
                                  model.Delivery(max_concurrency=5)) == 5


class Core:
    """The parts of MailHost a PeerPolicy asks."""

    def __init__(self) -> None:
        self.asked: list[list[str]] = []

    def helo_name(self) -> str:
        return "esa.example.com"

    def client_tls(self) -> str:
        return "destconfig certificate"

    def verify_peer(self, connection: object, names: list[str]) -> Verification:
        self.asked.append(names)
        return Verification(True, names[-1])


@pytest.mark.parametrize("host,domain,names", [
    ("mx1.dest.example", "dest.example", ["mx1.dest.example", "dest.example"]),
    ("dest.example", "dest.example", ["dest.example"]),
])
def test_peer_policy_verifies_the_host_or_the_domain(host, domain, names):
    core = Core()
    policy = destpolicy.PeerPolicy(core, host, domain, destpolicy.tls_rule("on_verify"))
    assert policy.helo_name() == "esa.example.com"
    assert policy.tls_context() == "destconfig certificate"
    assert policy.tls_rule() == TLSRule(starttls=True, verify=True)
    assert policy.verify(object()) == Verification(True, domain)
    assert core.asked == [names]


SCHEDULE = model.Delivery(retry_initial_seconds=60, retry_max_seconds=3600,
                          max_queue_lifetime_seconds=259200)


@pytest.mark.parametrize("attempts,age,delay", [
    (1, 0, 60), (2, 0, 120), (3, 0, 240), (7, 0, 3600), (20, 0, 3600),
    (7, 259200 - 100, 100),            # never past the queue lifetime
    (3, 259200 + 5, 0.0),
])
def test_the_retry_interval_doubles_up_to_the_maximum(attempts, age, delay):
    assert destpolicy.retry_delay(SCHEDULE, 1.0, attempts, age) == delay


def test_the_lab_knob_scales_the_whole_schedule():
    assert destpolicy.retry_delay(SCHEDULE, 1 / 60, 1, 0) == 1.0
    assert destpolicy.queue_lifetime(SCHEDULE, 1 / 60) == 4320.0
