"""The ``[dns]`` table of a lab file: records parsed as in a zone file, the lab's own names
added, errors explained; the port map that sends port 53 and 25 of lab addresses where the
lab's services listen; old state directories without ``dnsconfig``."""
import pytest

from asyncos_emulator import labdns, labfile
from asyncos_emulator.appliance import Runtime, lab_ports
from cluster import model
from cluster import persist
from cluster.levels import ClusterConfig

APPLIANCE = "[[appliance]]\nhostname = 'esa1.example.com'\naddress = '127.0.0.2'\n"
PEER = ("[[peer]]\nname = 'mx'\naddress = '127.0.0.6'\nport = 2600\nmode = 'no-starttls'\n"
        "hostname = 'mx.example.net'\n")
DNS = """
[dns]
address = "127.0.0.50"
[dns.zones]
"example.com" = ["@ MX 10 mail", "@ 60 MX 20 backup.example.net.", "mail A 127.0.0.2",
                 "v6 AAAA ::1", "@ TXT 'v=spf1 mx -all'", "127.0.0.20 PTR sender.example.org."]
"""


def load(tmp_path, text):
    path = tmp_path / "lab.toml"
    path.write_text(text)
    return labfile.load(path)


def records(zones, owner, kind):
    return [r for zone in zones.values() for r in zone if r.owner == owner and r.type == kind]


def test_records_are_read_as_in_a_zone_file(tmp_path):
    spec = load(tmp_path, APPLIANCE + PEER + DNS).dns
    assert (spec.address, spec.port) == ("127.0.0.50", None)
    zone = {(r.owner, r.type): r for r in spec.zones["example.com"]}
    mx = [r for r in spec.zones["example.com"] if r.type == "MX"]
    assert [(r.data.preference, str(r.data.name), r.ttl) for r in mx] == [
        (10, "mail.example.com", 3600), (20, "backup.example.net", 60)]
    assert zone[("mail.example.com", "A")].data.dottedQuad() == "127.0.0.2"
    assert zone[("example.com", "TXT")].data.data == [b"v=spf1 mx -all"]
    assert str(zone[("20.0.0.127.in-addr.arpa", "PTR")].data.name) == "sender.example.org"


def test_the_labs_own_names_are_added_where_they_belong(tmp_path):
    spec = load(tmp_path, APPLIANCE + PEER + DNS)
    zones = labdns.with_hosts(spec.dns.zones, [("esa1.example.com", "127.0.0.2"),
                                               ("mx.example.net", "127.0.0.6")])
    assert [r.data.dottedQuad() for r in records(zones, "esa1.example.com", "A")] == ["127.0.0.2"]
    assert "example.net" in zones    # made for the peer's name
    assert records(zones, "mx.example.net", "A")[0] in zones["example.net"]
    ptr = records(zones, "2.0.0.127.in-addr.arpa", "PTR")
    assert [str(r.data.name) for r in ptr] == ["esa1.example.com"]
    # The lab file's PTR record moved to the reverse zone, where the server looks for it.
    assert records(zones, "20.0.0.127.in-addr.arpa", "PTR")[0] in zones["in-addr.arpa"]


def test_a_name_the_lab_file_gives_keeps_its_own_record(tmp_path):
    zones = labdns.with_hosts(labdns.parse_zones({"example.com": ["esa1 A 127.0.0.9"]}),
                              [("esa1.example.com", "127.0.0.2")])
    assert [r.data.dottedQuad() for r in records(zones, "esa1.example.com", "A")] == ["127.0.0.9"]


@pytest.mark.parametrize("table, message", [
    ("[dns]\nport = 53\n", "address must be"),
    ("[dns]\naddress = 'dns.lab'\n", "address must be"),
    ("[dns]\naddress = '127.0.0.50'\nport = 70000\n", "port must be"),
    ("[dns]\naddress = '127.0.0.50'\ncolour = 1\n", "unknown colour"),
    ("[dns]\naddress = '127.0.0.50'\n[dns.zones]\n'a.test' = ['@ SRV 1 2 3 x']\n", "the type must"),
    ("[dns]\naddress = '127.0.0.50'\n[dns.zones]\n'a.test' = ['mail A 300.1.1.1']\n", "300.1.1.1"),
    ("[dns]\naddress = '127.0.0.50'\n[dns.zones]\n'a.test' = ['@ MX mail']\n", "PREFERENCE"),
    ("[dns]\naddress = '127.0.0.50'\n[dns.zones]\n'a.test' = ['@ MX']\n", "NAME \\[TTL\\]"),
    ("[dns]\naddress = '127.0.0.50'\n[dns.zones]\n'a.test' = 'x'\n", "list of records"),
])
def test_bad_dns_tables_are_explained(tmp_path, table, message):
    with pytest.raises(labfile.LabFileError, match=message):
        load(tmp_path, APPLIANCE + table)


def test_appliances_use_the_lab_server_and_lab_ports_lead_to_the_services(tmp_path):
    path = tmp_path / "lab.toml"
    path.write_text(APPLIANCE + PEER + DNS)
    runtime = Runtime.from_lab(path, tmp_path / "state", port_offset=30000)
    esa1 = runtime.appliances[0]
    dns = esa1.view().dnsconfig
    assert (dns.mode, [(s.address, s.priority) for s in dns.servers]) == (
        model.DNS_LOCAL, [("127.0.0.50", 0)])
    assert esa1.lab_ports == {("127.0.0.2", 25): 30025, ("127.0.0.6", 25): 2600,
                              ("127.0.0.50", 53): 30053}
    assert runtime.dns.port == 30053
    assert lab_ports(labfile.load(path), 0)[("127.0.0.50", 53)] == 53


def test_without_a_dns_table_appliances_keep_the_root_servers(tmp_path):
    path = tmp_path / "lab.toml"
    path.write_text(APPLIANCE)
    runtime = Runtime.from_lab(path, tmp_path / "state", port_offset=0)
    assert runtime.dns is None
    assert runtime.appliances[0].view().dnsconfig.mode == model.DNS_ROOT


def test_a_state_directory_saved_before_dnsconfig_gets_its_default(tmp_path):
    path = tmp_path / "lab.toml"
    path.write_text(APPLIANCE)
    Runtime.from_lab(path, tmp_path / "state", port_offset=0)
    saved_file = tmp_path / "state" / "stores" / "esa1.example.com" / "config.json"
    saved = persist.read_json(saved_file)
    for sections in saved["config"]["levels"].values():
        sections.pop("dnsconfig", None)
    persist.write_json(saved_file, saved)
    esa1 = Runtime.from_lab(path, tmp_path / "state", port_offset=0).appliances[0]
    assert esa1.view().dnsconfig == model.DnsConfig()
    assert esa1.history()[-1].user == "system"
    assert ClusterConfig.from_tree(saved["config"]).level_of("dnsconfig", esa1.machine) is None
