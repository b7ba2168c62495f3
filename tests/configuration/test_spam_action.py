"""The mail policy's anti-spam action in the model: "quarantine" (the local Spam Quarantine) is
valid and goes through the configuration file; an unknown action is refused at commit."""
import pytest

from cluster import defaults, xmlconf
from cluster.validate import ConfigError, validate


def config_with(action: str):
    config = defaults.factory_config()
    config.levels[next(iter(config.levels))]["mailpolicies"].inbound.spam_action = action
    return config


def test_the_quarantine_action_goes_through_the_configuration_file():
    config = config_with("quarantine")
    validate(config)
    machine = next(iter(config.machines))
    text = xmlconf.export_xml(config, machine, secrets="plain")
    assert "<spam_action>quarantine</spam_action>" in text
    loaded = xmlconf.import_xml(text).appliance(machine).mailpolicies
    assert loaded.inbound.spam_action == "quarantine"
    assert loaded.outbound.spam_action == "deliver"


def test_an_unknown_spam_action_is_refused():
    with pytest.raises(ConfigError, match="inbound mail policy: unknown spam action 'archive'"):
        validate(config_with("archive"))
