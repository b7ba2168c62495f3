"""HAT sender syntax and evaluation (cluster/senders.py) and RAT addresses (cluster/recipients.py)."""
import pytest
from hypothesis import given, strategies as st

from cluster import defaults, model, recipients, senders
from cluster.senders import ConnectingHost, SenderSyntaxError


@pytest.mark.parametrize("text, canonical, kind", [
    ("10.1.1.1", "10.1.1.1", "ip"),
    ("10.1.", "10.1.", "partial_ip"),
    ("10.1.1.10-20", "10.1.1.10-20", "range"),
    ("10.1.1.10-10.1.2.5", "10.1.1.10-10.1.2.5", "range"),
    ("10.1.1.7/24", "10.1.1.0/24", "network"),
    ("2001:db8::/32", "2001:db8::/32", "network"),
    ("2001:DB8::1", "2001:db8::1", "ip"),
    (".Example.COM", ".example.com", "domain"),
    ("Mail.Example.com.", "mail.example.com", "host"),
    ("SBRS[-10:-3]", "sbrs[-10.0:-3.0]", "sbrs"),
    ("sbrs[ none ]", "sbrs[none]", "sbrs_none"),
    ("sbo:0042", "SBO:42", "sbo"),
    ("all", "ALL", "all"),
])
def test_parse_gives_canonical_text(text, canonical, kind):
    sender = senders.parse(text)
    assert (sender.text, sender.kind) == (canonical, kind)


@pytest.mark.parametrize("text, error", [
    ("10.1.1.300", 'Invalid IP or IP range "10.1.1.300".'),
    ("10.1.1.20-10", 'Invalid IP or IP range "10.1.1.20-10".'),
    ("10.1.1.0/33", 'Invalid IP or IP range "10.1.1.0/33".'),
    ("300.1.", 'Invalid IP or IP range "300.1.".'),
    ("bad..example.com", 'Invalid hostname format "bad..example.com".'),
    ("-bad.example.com", 'Invalid hostname format "-bad.example.com".'),
    ("SBRS[3:1]", 'Invalid SBRS range "SBRS[3:1]". A SenderBase Reputation Score is a number from '
                  '-10.0 to 10.0, for example SBRS[-10.0:-3.0] or SBRS[none].'),
    ("SBRS[-11:0]", None),
])
def test_invalid_senders(text, error):
    with pytest.raises(SenderSyntaxError) as caught:
        senders.parse(text)
    if error:
        assert str(caught.value) == error


def test_matching():
    host = ConnectingHost("10.1.1.15", "mx1.Partner.example.", 2.5)
    assert all(senders.parse(s).matches(host) for s in [
        "10.1.1.15", "10.1.", "10.1.1.10-20", "10.1.0.0/16", ".partner.example",
        "mx1.partner.example", "SBRS[2.0:3.0]", "ALL"])
    assert not any(senders.parse(s).matches(host) for s in [
        "10.1.1.16", "10.2.", "10.1.1.16-20", "10.2.0.0/16", ".other.example", "partner.example",
        "SBRS[-10:2.4]", "SBRS[none]", "SBO:1", "2001:db8::/32"])
    assert senders.parse("SBRS[none]").matches(ConnectingHost("10.1.1.15"))
    assert not senders.parse(".partner.example").matches(ConnectingHost("10.1.1.15"))


@given(st.ip_addresses(v=4), st.integers(0, 32))
def test_cidr_matches_exactly_its_network(address, bits):
    import ipaddress
    network = ipaddress.ip_network(f"{address}/{bits}", strict=False)
    sender = senders.parse(f"{address}/{bits}")
    assert sender.matches(ConnectingHost(str(network[0])))
    assert sender.matches(ConnectingHost(str(network[-1])))
    if bits:
        outside = int(network[-1]) + 1
        if outside < 2 ** 32:
            assert not sender.matches(ConnectingHost(str(ipaddress.ip_address(outside))))


def test_parse_list_splits_on_commas_and_spaces():
    assert [s.text for s in senders.parse_list("10.1.1.1, .example.com  SBRS[none]")] == [
        "10.1.1.1", ".example.com", "sbrs[none]"]
    assert senders.list_error(" , ") == 'Invalid IP or IP range ",".'
    assert senders.list_error("10.1.1.1, 10.1.1.999") == 'Invalid IP or IP range "10.1.1.999".'


def test_evaluate_first_match_continue_and_inline_parameters():
    hat = defaults.public_hat()
    hat.sender_groups.insert(0, model.SenderGroup("", ["10.0.0.0/8"], "CONTINUE"))
    hat.sender_groups.insert(1, model.SenderGroup(
        "PARTNERS", [".partner.example"], "ACCEPT", params=model.PolicyParams(tls="required")))
    partner = senders.evaluate(hat, ConnectingHost("10.1.1.1", "mx.partner.example"))
    assert (partner.group, partner.policy, partner.action, partner.params.tls,
            partner.params.max_message_size) == ("PARTNERS", "", "ACCEPT", "required", 10485760)
    relay = senders.evaluate(hat, ConnectingHost("127.0.0.1"))
    assert (relay.group, relay.policy, relay.action, relay.params.max_concurrency) == (
        "RELAYLIST", "$RELAYED", "RELAY", 600)
    blocked = senders.evaluate(hat, ConnectingHost("192.0.2.1", sbrs=-5.0))
    assert (blocked.group, blocked.matched, blocked.action) == ("BLACKLIST", "sbrs[-10.0:-3.0]", "REJECT")
    hat.sender_groups = []
    fallback = senders.evaluate(hat, ConnectingHost("192.0.2.1"))
    assert (fallback.group, fallback.policy, fallback.action) == ("ALL", "$ACCEPTED", "ACCEPT")


@pytest.mark.parametrize("entry, recipient, expected", [
    ("example.com", "joe@example.com", True),
    ("example.com", "joe@mail.example.com", False),
    (".example.com", "joe@mail.example.com", True),
    (".example.com", "joe@example.com", False),
    ("postmaster@", "<Postmaster@any.test>", True),
    ("joe@example.com", "joe@example.com", True),
    ("joe@example.com", "jim@example.com", False),
    ("joe@[192.0.2.1]", "joe@[192.0.2.1]", True),
    ("ALL", "x@y.z", True),
])
def test_recipient_matching(entry, recipient, expected):
    assert recipients.matches(recipients.normalise(entry), recipient) is expected


@pytest.mark.parametrize("bad", ["@", "a@b@@c", "exa$mple.com", "joe@[300.1.1.1]", "..com", ""])
def test_invalid_recipient_addresses(bad):
    assert recipients.address_error(bad) == recipients.ERR_ADDRESS
