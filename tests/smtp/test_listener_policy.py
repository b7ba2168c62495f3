"""The listener's policy alone (HAT, banners, RAT, parameters, TLS): no sockets, no machine."""
import inspect

from twisted.internet import task

from cluster import model
from smtp_core.core import MailCore
from smtp_core.policy import HatCache, ListenerPolicy

from .support import arun, edit, make_appliance, relay_policy, with_tls


def policy_for(appliance, peer: str = "127.0.0.1", rdns=("localhost", True),
               cache: HatCache = None) -> tuple[ListenerPolicy, object]:
    """A greeted policy for a connection from ``peer``: (policy, greeting)."""
    core = MailCore(appliance, task.Clock())

    core.cached_reverse_dns = lambda address: rdns
    policy = ListenerPolicy(core, "IncomingMail", cache or HatCache())
    greeting = arun(_greet(policy, peer))
    core.spool.close()
    return policy, greeting


async def _greet(policy: ListenerPolicy, peer: str):
    return policy.greet(peer)     # a name in the resolver's cache: at once


def test_a_relay_host_gets_the_banner_and_the_listener_timeouts(tmp_path):
    appliance = make_appliance(tmp_path, lambda s: setattr(s.edit("listeners"),
                                                           "injection_timeout_seconds", 42))
    policy, greeting = policy_for(appliance)
    assert greeting.banner == b"220 ironport.example.com ESMTP\r\n"
    assert (greeting.refuse, greeting.reject, greeting.idle_seconds) == (False, False, 42)
    assert greeting.max_seconds == appliance.view().listeners.max_connection_seconds
    assert policy.decision.action == "RELAY" and policy.decision.group == "RELAYLIST"
    assert policy.check_recipient("anyone@anywhere.example") is None   # relayed: no RAT


def test_the_mail_flow_policy_banners(tmp_path):
    def change(session):
        params = relay_policy(session).params
        params.smtp_banner_code, params.smtp_banner_text = 220, "welcome to the lab"
        params.smtp_banner_host = "mx.lab.example"
    policy, greeting = policy_for(make_appliance(tmp_path, change))
    assert greeting.banner == b"220 welcome to the lab\r\n"
    assert policy.host() == "mx.lab.example"


def test_hat_reject_and_tcprefuse(tmp_path):
    def block(action):
        def change(session):
            hat = session.edit("listeners").listeners["IncomingMail"].hat
            hat.sender_groups.insert(0, model.SenderGroup("LABBLOCK", ["127.0.0.1"], action))
        return change
    _, rejected = policy_for(make_appliance(tmp_path / "reject", block("$BLOCKED")))
    assert rejected.reject and rejected.banner.startswith(b"554 Your access to this mail system")
    _, refused = policy_for(make_appliance(tmp_path / "refuse", block("TCPREFUSE")))
    assert refused.refuse


def test_hat_decisions_are_kept_per_revision(tmp_path):
    appliance = make_appliance(tmp_path)
    cache = HatCache()
    first, _ = policy_for(appliance, cache=cache)
    second, _ = policy_for(appliance, cache=cache)
    assert second.decision is first.decision
    edit(appliance, lambda s: relay_policy(s).params.__setattr__("max_rcpts_per_msg", 7))
    third, _ = policy_for(appliance, cache=cache)
    assert third.decision is not first.decision and third.recipient_limit() == 7


def test_the_rat_of_a_public_listener(tmp_path):
    def change(session):
        listener = session.edit("listeners").listeners["IncomingMail"]
        listener.hat.sender_groups[0].senders = ["10.9.9.9"]     # 127.0.0.1: not a relay host
        listener.default_domain = "example.com"
        listener.rat.insert(0, model.RecipientAccess("blocked.example.com", "REJECT", 550,
                                                     "No mail for you"))
    policy, _ = policy_for(make_appliance(tmp_path, change))
    assert policy.check_recipient("someone@example.com") is None
    refused = policy.check_recipient("someone@elsewhere.example")
    assert (refused.reply, refused.by) == (b"550 #5.1.0 Address rejected.\r\n", "RAT")
    custom = policy.check_recipient("x@blocked.example.com")
    assert custom.reply == b"550 No mail for you\r\n"
    assert policy.qualify("postmaster") == "postmaster@example.com"
    assert policy.qualify("a@b.example") == "a@b.example"


def test_mail_parameters(tmp_path):
    policy, _ = policy_for(make_appliance(
        tmp_path, lambda s: setattr(relay_policy(s).params, "max_message_size", 1000)))
    assert policy.mail_parameters("SIZE=1000 BODY=8BITMIME", esmtp=True) is None
    assert policy.mail_parameters("SIZE=1001", esmtp=True) == (
        b"552 #5.3.4 message size exceeds limit\r\n")
    assert policy.mail_parameters("SIZE=x", esmtp=True) == b"501 #5.5.2 syntax error\r\n"
    assert policy.mail_parameters("BODY=BINARYMIME", esmtp=True) == b"501 #5.5.2 syntax error\r\n"
    assert policy.mail_parameters("SIZE=10", esmtp=False) == b"501 Unknown option SIZE=10\r\n"
    assert policy.rcpt_parameters("NOTIFY=NEVER") == b"501 Unknown option NOTIFY=NEVER\r\n"
    assert policy.extensions(tls_offered=False) == ["8BITMIME", "SIZE 1000"]


def test_tls_offered_required_and_the_tls_connection_limit(tmp_path):
    policy, _ = policy_for(make_appliance(tmp_path / "off", with_tls("off")))
    assert not policy.tls_offered() and policy.starttls().refusal == (
        b"454 TLS not available due to a temporary reason\r\n")
    required, _ = policy_for(make_appliance(tmp_path / "req", with_tls("required")))
    assert required.tls_offered() and required.tls_required()
    assert required.starttls().context is required.core.server_tls("IncomingMail")
    assert required.extensions(tls_offered=True)[-1] == "STARTTLS"

    def no_tls_sessions(session):
        relay_policy(session).params.tls = "on"
        session.edit("listeners").max_tls_connections = 0
    limited, _ = policy_for(make_appliance(tmp_path / "limit", no_tls_sessions))
    assert limited.tls_offered() and limited.starttls().context is None


def test_a_peer_whose_name_is_not_cached_is_greeted_after_the_lookup(tmp_path):
    core = MailCore(make_appliance(tmp_path), task.Clock())
    asked = []

    async def reverse_dns(address):
        asked.append(address)
        return "mail.example.net", False
    core.reverse_dns = reverse_dns
    core.cached_reverse_dns = lambda address: None
    policy = ListenerPolicy(core, "IncomingMail", HatCache())
    pending = policy.greet("192.0.2.9")
    assert asked == [] and inspect.isawaitable(pending)
    greeting = arun(pending)
    core.spool.close()
    assert asked == ["192.0.2.9"] and greeting.banner.startswith(b"220 ")
    assert (policy.rdns, policy.rdns_verified) == ("mail.example.net", False)
    assert policy.decision.group == "UNKNOWNLIST"   # unverified: no name to match on
