"""Versions and scenario knobs in the lab file: checked when it is loaded, applied per appliance."""
import pytest

from asyncos_emulator import labfile
from asyncos_emulator.appliance import Runtime

APPLIANCE = "[[appliance]]\nhostname = 'a.example.com'\naddress = '127.0.0.2'\n"


def load(tmp_path, text):
    path = tmp_path / "lab.toml"
    path.write_text(text)
    return labfile.load(path)


@pytest.mark.parametrize("text, message", [
    (APPLIANCE + "[scenario]\nno_rollback_questoin = true\n",
     r'\[scenario\]: unknown scenario knob "no_rollback_questoin" \(known: profile, '),
    (APPLIANCE + "scenario = { exit_questions = false }\n",
     "appliance 'a.example.com': scenario: unknown scenario knob \"exit_questions\""),
    (APPLIANCE + "[scenario]\ncluster_prompt = 'host'\n",
     "cluster_prompt = 'host': expected \"mode\" or \"hostname\""),
    (APPLIANCE + "[scenario]\nno_rollback_question = 'yes'\n", "expected true or false"),
    (APPLIANCE + "[scenario]\nslow_commit_seconds = -1\n", "0 or more"),
    (APPLIANCE + "[scenario]\nprofile = '15.x'\n", r'expected "9.x" or "11.x"'),
    (APPLIANCE + "[scenario]\nhat_names = { allowed = 'OK', good = 'X' }\n", "hat_names"),
    (APPLIANCE + "scenario = 3\n", "expected a table of knobs"),
    (APPLIANCE + "[scenario]\nsender_reputation = { '127.0.0.9' = { sbrs = 11 } }\n",
     "sender_reputation"),
    (APPLIANCE + "[scenario]\nsender_reputation = { '127.0.0.9' = { score = 1 } }\n",
     "sender_reputation"),
    (APPLIANCE + "[senario]\nrich_ui = true\n",
     "the lab file: unknown senario \\(known: appliance, cluster, scenario, peer, dns, store\\)"),
    (APPLIANCE + "[cluster]\nname = 'c'\nmember = ['a.example.com']\n", r"\[cluster\]: unknown member"),
    (APPLIANCE + "version = '16.0'\n", "version '16.0': expected an AsyncOS version like"),
])
def test_misspelt_knobs_tables_and_versions_are_errors(tmp_path, text, message):
    with pytest.raises(labfile.LabFileError, match=message):
        load(tmp_path, text)


def test_sender_reputation_is_a_table_of_addresses(tmp_path):
    spec = load(tmp_path, APPLIANCE + "[scenario.sender_reputation]\n"
                "'127.0.0.20' = { sbrs = -4.5, country = 'Brazil' }\n")
    assert spec.appliances[0].scenario == {
        "sender_reputation": {"127.0.0.20": {"sbrs": -4.5, "country": "Brazil"}}}


def test_knobs_per_appliance_override_the_lab_wide_ones(tmp_path):
    spec = load(tmp_path, APPLIANCE + "version = '14.1.0-227'\n"
                "scenario = { exit_question = true, cluster_prompt = 'hostname' }\n"
                "[scenario]\nexit_question = false\nunknown_command = 'quoted'\n")
    assert spec.appliances[0].version == "14.1.0-227"
    assert spec.appliances[0].scenario == {"exit_question": True, "unknown_command": "quoted",
                                           "cluster_prompt": "hostname"}


def test_each_appliance_speaks_its_release_and_the_factory_takes_the_group_names(tmp_path):
    path = tmp_path / "lab.toml"
    path.write_text(APPLIANCE + "version = '14.1.0-227'\nscenario = { hat_names = 'modern' }\n"
                    "[[appliance]]\nhostname = 'b.example.com'\naddress = '127.0.0.3'\n")
    old, new = Runtime.from_lab(path, tmp_path / "state", port_offset=0).appliances
    assert (old.profile.name, new.profile.name) == ("14.x", "16.x")

    def groups(appliance):
        listeners = appliance.view().listeners.listeners
        return [g.name for g in listeners["IncomingMail"].hat.sender_groups]
    assert groups(old) == ["RELAYLIST", "ALLOWED_LIST", "BLOCKED_LIST", "SUSPECTLIST",
                           "UNKNOWNLIST"]
    assert groups(new)[1:3] == ["WHITELIST", "BLACKLIST"]
