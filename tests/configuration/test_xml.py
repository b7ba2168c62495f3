"""The configuration file in AsyncOS's layout: the model survives export -> import exactly, backup
tools' patterns find what they look for, real-appliance-shaped files load and what the emulator
does not model is written back unchanged."""
import dataclasses
import datetime as dt
import re
import types
import typing
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cluster import model, validate, xmlconf
from cluster.levels import CLUSTER, ClusterConfig, Machine, group_key, machine_key
from harness import MACHINE, factory, make_appliance

FIXTURES = Path(__file__).parent / "fixtures"
KEY = Fernet.generate_key()

# Any text an XML 1.0 document can carry (a bare CR is normalised away by every XML parser).
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\ufffe\uffff",
                             min_codepoint=0x09).filter(lambda c: c in "\t\n" or ord(c) >= 0x20),
               max_size=12)
SERVICES = st.dictionaries(st.sampled_from(["ssh", "ftp", "telnet", "http", "https", "ccs"]),
                           st.integers(0, 65535), max_size=3)


def strategy(cls):
    origin = typing.get_origin(cls)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(cls) if a is not type(None)]
        return st.none() | strategy(inner)
    if origin is list:
        return st.lists(strategy(typing.get_args(cls)[0]), max_size=2)
    if origin is dict:
        item = typing.get_args(cls)[1]
        if dataclasses.is_dataclass(item):
            # A record is filed under its own name (listener name, domain, address, ...).
            key = dataclasses.fields(item)[0].name
            return st.lists(strategy(item), max_size=2, unique_by=lambda r: getattr(r, key)).map(
                lambda records: {getattr(r, key): r for r in records})
        return st.dictionaries(TEXT, strategy(item), max_size=2)
    if dataclasses.is_dataclass(cls):
        hints = typing.get_type_hints(cls)
        fields = {f.name: strategy(hints[f.name]) for f in dataclasses.fields(cls)}
        if cls is model.Interface:
            fields["services"] = SERVICES
        return st.builds(cls, **fields)
    return {str: TEXT, bool: st.booleans(), int: st.integers(-2 ** 40, 2 ** 40),
            float: st.floats(allow_nan=False, allow_infinity=False)}[cls]


SECTIONS = st.fixed_dictionaries({}, optional={name: strategy(cls) for name, cls in model.SECTIONS.items()})
IDENTITY = dict(serial=st.sampled_from(["ABCDEF012345-ABCDEFG", "4229C3C8DB2C5FF3A5A8-83E1B2C6B3D5"]),
                model=st.sampled_from(["C100V", "C300V", "C190", "C170"]),
                product=st.sampled_from(["Email Security Virtual Appliance", "Email Security Appliance",
                                         "Messaging Gateway(tm) Appliance"]),
                version=st.sampled_from(["16.0.3-025", "14.2.0-620", "11.0.0-274"]))


@st.composite
def standalone(draw):
    """A standalone appliance: every setting at machine level, named after its hostname."""
    sections = draw(SECTIONS)
    hostname = draw(TEXT)
    sections["system"] = dataclasses.replace(draw(strategy(model.System)), hostname=hostname)
    machine = Machine(name=hostname, **{k: draw(v) for k, v in IDENTITY.items()})
    return ClusterConfig(machines={hostname: machine}, levels={machine_key(hostname): sections})


@st.composite
def clustered(draw):
    groups = draw(st.lists(TEXT, max_size=2, unique=True))
    names = draw(st.lists(TEXT, min_size=1, max_size=2, unique=True))
    machines = {name: draw(st.builds(Machine, name=st.just(name), serial=TEXT, model=TEXT,
                                     product=TEXT, version=TEXT,
                                     group=st.sampled_from(groups or [""])))
                for name in names}
    levels = {CLUSTER: draw(SECTIONS), **{group_key(g): draw(SECTIONS) for g in groups},
              **{machine_key(n): draw(SECTIONS) for n in names}}
    return ClusterConfig(cluster_name=draw(TEXT), communication=draw(TEXT), groups=groups,
                         machines=machines, levels=levels)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(standalone() | clustered(), st.sampled_from(["plain", "encrypt"]))
def test_export_import_reproduces_the_model(config, secrets):
    machine = next(iter(config.machines))
    text = xmlconf.export_xml(config, machine, secrets, key=KEY)
    assert xmlconf.import_xml(text, KEY).to_tree() == config.to_tree()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(standalone(), st.sampled_from(["plain", "encrypt"]))
def test_loading_a_saved_file_onto_its_appliance_changes_nothing(config, secrets):
    """saveconfig then loadconfig on the same appliance, whatever its hostname became."""
    machine = next(iter(config.machines))
    text = xmlconf.export_xml(config, machine, secrets, key=KEY)
    loaded = xmlconf.retarget(xmlconf.import_xml(text, KEY), config, machine)
    assert loaded.to_tree() == config.to_tree()


def test_encrypted_passphrases_need_the_appliance_key_they_were_written_with(tmp_path):
    config = factory()
    key = make_appliance(tmp_path / "one").config_key
    assert make_appliance(tmp_path / "one").config_key == key    # kept across restarts
    encrypted = xmlconf.export_xml(config, MACHINE, "encrypt", key=key)
    assert "PRIVATE KEY" not in encrypted and "scrypt$" not in encrypted
    for wrong in (None, Fernet.generate_key(), make_appliance(tmp_path / "other").config_key):
        with pytest.raises(xmlconf.XmlConfigError):
            xmlconf.import_xml(encrypted, wrong)
    assert xmlconf.import_xml(encrypted, key).to_tree() == config.to_tree()


def test_factory_configuration_round_trips_and_masked_secrets_do_not_load():
    config = factory()
    assert xmlconf.import_xml(xmlconf.export_xml(config, MACHINE, "encrypt", key=KEY), KEY).to_tree() == config.to_tree()
    masked = xmlconf.export_xml(config, MACHINE, "mask")
    assert "PRIVATE KEY" not in masked and "scrypt$" not in masked
    with pytest.raises(xmlconf.MaskedSecrets):
        xmlconf.import_xml(masked)


def test_the_file_opens_as_an_appliances_does():
    config = factory()
    now = dt.datetime(2026, 12, 2, 4, 34, 34)
    text = xmlconf.export_xml(config, MACHINE, "mask", now=now, hardware=xmlconf.Hardware(
        cpus=2, memory_gb=8, features=['Feature "IronPort Anti-Spam": Perpetual']))
    assert text.startswith('<?xml version="1.0" encoding="ISO-8859-1"?>\n'
                           '<!DOCTYPE config SYSTEM "config.dtd">\n\n<!--\n'
                           "  Product: Cisco C100V Email Security Virtual Appliance\n"
                           "  Model Number: C100V\n"
                           "  Version: 16.0.3-025\n"
                           "  Serial Number: ABCDEF012345-ABCDEFG\n"
                           "  Number of CPUs: 2\n"
                           "  Memory (GB): 8\n"
                           "  Current Time: Wed Dec 02 04:34:34 2026\n"
                           '  Feature "IronPort Anti-Spam": Perpetual\n'
                           "-->\n\n<config>\n")
    assert re.search(r"<!--\n\*{78}\n\*\s+Network Interfaces\s+\*\n\*{78}\n-->", text)


def test_backup_tools_find_hostname_interfaces_and_addresses():
    """The patterns configuration backup tools use on real files (oxidized, configlook)."""
    config = factory()
    config.levels[machine_key(MACHINE)]["interfaces"]["Data1"] = model.Interface(
        "Data1", "192.0.2.10", 24, "data1.example.com", "Data 1")
    text = xmlconf.export_xml(config, MACHINE, "mask")
    assert re.findall(r"<hostname>(.*?)</hostname>", text) == ["ironport.example.com"]
    assert re.findall(r"<interface_name>(.*?)</interface_name>", text) == ["Management", "Data1"]
    assert re.findall(r"<ip>(.*?)</ip>", text) == ["127.0.0.1", "192.0.2.10"]
    assert re.findall(r"<netmask>(.*?)</netmask>", text) == ["255.0.0.0", "255.255.255.0"]
    root = ET.fromstring(text)
    assert [i.findtext("interface_name") for i in root.findall("interfaces/interface")] == [
        "Management", "Data1"]
    assert root.find("interfaces/interface[interface_name='Data1']/phys_interface").text == "Data 1"
    assert root.findtext("listeners/listener/listener_name") == "IncomingMail"
    assert root.findtext("listeners/listener/rat/rat_entry/rat_address") == "example.com"
    assert root.findtext("users/user/username") == "admin"
    assert [e.findtext("name") for e in root.findall("log_subscriptions/log_text")] == [
        "error_logs", "mail_logs"]


def test_cluster_levels_appear_under_cluster_config():
    config = factory()
    config.cluster_name, config.groups = "Lab", ["Main_Group"]
    config.machines[MACHINE].group = "Main_Group"
    mine = config.levels.pop(machine_key(MACHINE))
    config.levels[machine_key(MACHINE)] = {s: mine.pop(s) for s in ("system", "interfaces")}
    config.levels[CLUSTER] = mine
    config.levels[group_key("Main_Group")] = {}
    text = xmlconf.export_xml(config, MACHINE, "encrypt", key=KEY)
    root = ET.fromstring(text)
    assert root.findtext("cluster_config/cluster_name") == "Lab"
    assert root.findtext("cluster_config/cluster_group/group_name") == "Main_Group"
    machine = root.find("cluster_config/cluster_machine")
    assert machine.findtext("machine_name") == MACHINE
    assert machine.findtext("serial_number") == "ABCDEF012345-ABCDEFG"
    assert machine.findtext("hostname") == MACHINE and root.find("hostname") is None
    assert root.findtext("listeners/listener/listener_name") == "IncomingMail"
    assert xmlconf.import_xml(text, KEY).to_tree() == config.to_tree()


def test_a_real_appliance_shaped_file_loads_and_keeps_what_is_not_modelled():
    """tests/configuration/fixtures/esa-c100v-16.xml has the shape of a file saved on a 16.0 virtual
    appliance (elements the emulator does not model, the HAT as text, daemon port names)."""
    text = (FIXTURES / "esa-c100v-16.xml").read_text("latin-1")
    loaded = xmlconf.import_xml(text, KEY)
    (name,) = loaded.machines
    assert name == "mail1.example.com"
    identity = loaded.machines[name]
    assert (identity.model, identity.version, identity.serial, identity.product) == (
        "C100V", "16.0.3-025", "564D1B2B3C4D5E6F7A8B-9C0D1E2F3A4B",
        "Email Security Virtual Appliance")
    level = loaded.levels[machine_key(name)]
    data = level["interfaces"]["Data1"]
    assert (data.ipv4, data.prefix, data.hostname, data.ethernet, data.services) == (
        "192.0.2.25", 24, "mail1.example.com", "Data 1", {"ssh": 22, "https": 443})
    listener = level["listeners"].listeners["InboundMail"]
    assert (listener.port, listener.tcp_queue, listener.hat.default_params.max_message_size) == (
        25, 50, 20971520)
    assert [(r.address, r.action) for r in listener.rat] == [("example.com", "ACCEPT"),
                                                             ("ALL", "REJECT")]
    assert level["users"].users["admin"].role == "admin"
    logs = level["logs"].subscriptions
    assert [(s.name, s.type, s.level) for s in logs.values()] == [
        ("mail_logs", "IronPort Text Mail Logs", "Information"), ("cli_logs", "CLI Audit Logs",
                                                                 "Information")]

    current = factory()
    merged = xmlconf.retarget(loaded, current, MACHINE)
    mine = merged.levels[machine_key(MACHINE)]
    assert mine["system"].hostname == "mail1.example.com"
    assert mine["certificates"] is current.levels[machine_key(MACHINE)]["certificates"] or \
        mine["certificates"] == current.levels[machine_key(MACHINE)]["certificates"]
    written = xmlconf.export_xml(merged, MACHINE, "plain")
    for kept in ("<dns>", "<local_dns>", '<dns_ip priority="0">192.0.2.53</dns_ip>',
                 "<ntp_server>time.example.com</ntp_server>", "<clean_smtp>1</clean_smtp>",
                 "<euq_httpd_port>82</euq_httpd_port>", "$TRUSTED",
                 "<filename>mail.current</filename>", "<name>accesslogs</name>"):
        assert kept in written, kept
    root = ET.fromstring(written)
    assert root.find("listeners/listener[listener_name='InboundMail']/clean_smtp") is not None
    assert "\n$BLOCKED\n    REJECT\n" in root.findtext("listeners/listener/hat")
    assert root.findtext("listeners/listener/rat/rat_entry/rat_params/bypass_ldap_accept") == "0"
    mail_logs = root.find("log_subscriptions/log_text[name='mail_logs']")
    assert [e.tag for e in mail_logs].count("retrieval") == 1
    assert mail_logs.findtext("retrieval/ftp_poll/rolloversize") == "10485760"
    assert root.find("log_subscriptions/log_w3c_accesslog") is not None
    again = xmlconf.retarget(xmlconf.import_xml(written, KEY), merged, MACHINE)
    assert again.to_tree() == merged.to_tree()


def test_a_loaded_file_validates_when_it_is_complete():
    config = factory()
    text = xmlconf.export_xml(config, MACHINE, "encrypt", key=KEY)
    validate.validate(xmlconf.retarget(xmlconf.import_xml(text, KEY), factory(), MACHINE))


def test_garbage_is_a_parse_error():
    for text in ("not xml", "<other/>", "<config><listeners><listener><port>q</port></listener>"
                 "</listeners></config>", "<config><hostname>a</hostname><config_rollback>maybe"
                 "</config_rollback></config>"):
        with pytest.raises(xmlconf.XmlConfigError):
            xmlconf.import_xml(text, KEY)
