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
    (model.DnsConfig(interface="Data 9"), "'Data 9' does not exist"),
    (model.DnsConfig(reverse_timeout_seconds=0), "timeout out of range"),
])
def test_bad_dns_settings(settings, error):
    assert any(error in e for e in dns_errors(settings, {"Management": None}))


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
