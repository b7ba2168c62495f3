import dataclasses
import types
import typing

import pytest
from cryptography.fernet import Fernet
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cluster import configkey, model, xmlconf
from cluster.levels import ClusterConfig, Machine
from harness import factory

KEY = Fernet.generate_key()

# Any text an XML 1.0 document can carry (a bare CR is normalised away by every XML parser).
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\ufffe\uffff",
                             min_codepoint=0x09).filter(lambda c: c in "\t\n" or ord(c) >= 0x20),
               max_size=12)


def strategy(cls):
    origin = typing.get_origin(cls)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(cls) if a is not type(None)]
        return st.none() | strategy(inner)
    if origin is list:
        return st.lists(strategy(typing.get_args(cls)[0]), max_size=2)
    if origin is dict:
        return st.dictionaries(TEXT, strategy(typing.get_args(cls)[1]), max_size=2)
    if dataclasses.is_dataclass(cls):
        hints = typing.get_type_hints(cls)
        return st.builds(cls, **{f.name: strategy(hints[f.name]) for f in dataclasses.fields(cls)})
    return {str: TEXT, bool: st.booleans(), int: st.integers(-2 ** 40, 2 ** 40),
            float: st.floats(allow_nan=False, allow_infinity=False)}[cls]


SECTIONS = st.fixed_dictionaries({}, optional={name: strategy(cls) for name, cls in model.SECTIONS.items()})
CONFIGS = st.builds(
    ClusterConfig,
    cluster_name=st.none() | TEXT,
    groups=st.lists(TEXT, max_size=2),
    machines=st.fixed_dictionaries({"esa1.example.com": strategy(Machine)}),
    levels=st.dictionaries(st.sampled_from(["cluster", "group:Main_Group", "machine:esa1.example.com"]),
                           SECTIONS, max_size=3),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CONFIGS, st.sampled_from(["plain", "encrypt"]))
def test_export_import_reproduces_the_model(config, secrets):
    text = xmlconf.export_xml(config, "esa1.example.com", secrets, key=KEY)
    assert xmlconf.import_xml(text, KEY).to_tree() == config.to_tree()


def test_factory_configuration_round_trips_and_masked_secrets_do_not_load():
    config = factory()
    machine = next(iter(config.machines))
    encrypted = xmlconf.export_xml(config, machine, "encrypt", key=KEY)
    assert xmlconf.import_xml(encrypted, KEY).to_tree() == config.to_tree()
    masked = xmlconf.export_xml(config, machine, "mask")
    assert "PRIVATE KEY" not in masked and "scrypt$" not in masked
    with pytest.raises(xmlconf.MaskedSecrets):
        xmlconf.import_xml(masked)


def test_encrypted_passphrases_need_the_appliance_key_they_were_written_with(tmp_path):
    config = factory()
    machine = next(iter(config.machines))
    key = configkey.load_or_create(tmp_path)
    assert (tmp_path / configkey.FILE_NAME).stat().st_mode & 0o777 == 0o600
    assert configkey.load_or_create(tmp_path) == key
    encrypted = xmlconf.export_xml(config, machine, "encrypt", key=key)
    assert "PRIVATE KEY" not in encrypted and "scrypt$" not in encrypted
    for wrong in (None, Fernet.generate_key(), configkey.load_or_create(tmp_path / "other")):
        with pytest.raises(xmlconf.XmlConfigError):
            xmlconf.import_xml(encrypted, wrong)
    assert xmlconf.import_xml(encrypted, key).to_tree() == config.to_tree()


def test_garbage_is_a_parse_error():
    for text in ("not xml", "<other/>", "<config><levels type='dict'><item name='x' type='int'>q</item>"
                 "</levels></config>"):
        with pytest.raises(xmlconf.XmlConfigError):
            xmlconf.import_xml(text)
