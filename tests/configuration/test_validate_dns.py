"""``dnsconfig`` in the model: what a commit may not leave behind, and its place in the
configuration file."""
import pytest

from cluster import defaults, model, xmlconf
from cluster.validate import ConfigError, dns_errors, validate


@pytest.mark.parametrize("settings, error", [
    (model.DnsConfig(mode=model.DNS_LOCAL), "none is configured"),
    (model.DnsConfig(mode="both"), "unknown server choice"),
    (model.DnsConfig(servers=[model.DnsServer("dns.example.com")]), "invalid DNS server address"),
    (model.DnsConfig(servers=[model.DnsServer("10.0.0.1", 10001)]), "priority out of range"),
    (model.DnsConfig(servers=[model.DnsServer("10.0.0.1"), model.DnsServer("10.0.0.1", 2)]),
     "listed twice"),
    (model.DnsConfig(interface="Data 9"), "invalid interface name 'Data 9'"),
    (model.DnsConfig(reverse_timeout_seconds=0), "timeout out of range"),
    (model.DnsConfig(alternates=[model.DnsAlternate(["eng"], "ns.eng")]),
     "invalid DNS server address"),
    (model.DnsConfig(alternates=[model.DnsAlternate([], "10.0.0.2")]), "invalid domains"),
    (model.DnsConfig(alternates=[model.DnsAlternate(["a..b"], "10.0.0.2")]), "invalid domains"),
])
def test_bad_dns_settings(settings, error):
    assert any(error in e for e in dns_errors(settings))


def test_factory_and_lab_defaults_are_valid():
    for servers in (None, ["127.0.0.50"]):
        config = defaults.factory_config(dns_servers=servers)
        validate(config)
    config = defaults.factory_config()
    config.levels[next(iter(config.levels))]["dnsconfig"] = model.DnsConfig(mode=model.DNS_LOCAL)
    with pytest.raises(ConfigError, match="DNS: using local DNS servers, but none"):
        validate(config)


def test_dns_servers_go_through_the_configuration_file():
    config = defaults.factory_config(dns_servers=["127.0.0.50"])
    machine = next(iter(config.machines))
    level = next(iter(config.levels))
    config.levels[level]["dnsconfig"].servers.append(model.DnsServer("127.0.0.51", 3))
    text = xmlconf.export_xml(config, machine, secrets="plain")
    assert "<dns_server_ip>127.0.0.51</dns_server_ip>" in text
    assert xmlconf.import_xml(text).appliance(machine).dnsconfig == model.DnsConfig(
        model.DNS_LOCAL, [model.DnsServer("127.0.0.50", 0), model.DnsServer("127.0.0.51", 3)])


def test_alternate_servers_go_through_the_configuration_file_and_match_by_domain():
    config = defaults.factory_config(dns_servers=["127.0.0.50"])
    machine = next(iter(config.machines))
    level = next(iter(config.levels))
    alternates = [model.DnsAlternate(["eng", "16.172.in-addr.arpa"], "127.0.0.60", 2),
                  model.DnsAlternate(["lab.eng"], "127.0.0.61", 0, "ns.lab.eng")]
    config.levels[level]["dnsconfig"].alternates = alternates
    validate(config)
    text = xmlconf.export_xml(config, machine, secrets="plain")
    dns = xmlconf.import_xml(text).appliance(machine).dnsconfig
    assert dns.alternates == alternates
    assert dns.alternates_for("host.lab.eng.") == [alternates[1]]      # the most specific
    assert dns.alternates_for("ENG") == [alternates[0]]
    assert dns.alternates_for("1.0.16.172.in-addr.arpa") == [alternates[0]]
    assert dns.alternates_for("beng") == [] and dns.alternates_for("example.com") == []
