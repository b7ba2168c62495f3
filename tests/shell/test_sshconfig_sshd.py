"""sshconfig → SSHD → SETUP: the SSH server's algorithm questions in the order Cisco's ESA
automation answers them (public key, cipher, MAC, minimum key size, KEX), bad answers re-asked,
the answers committed and saved with the configuration."""
from __future__ import annotations

from twisted.conch.ssh import transport

from cluster import defaults, model, validate, xmlconf
from harness import after_banner, make_appliance, run

SETUP = ["sshconfig", "sshd", "setup"]
DONE = ["", "", "commit", "", ""]


def test_setup_asks_in_the_drivers_order_and_commits(tmp_path):
    appliance = make_appliance(tmp_path)
    text = after_banner(run(appliance, [*SETUP, "ssh-rsa, ssh-ed25519", "aes256-ctr,aes128-ctr",
                                        "hmac-sha2-256", "2048", "curve25519-sha256", *DONE]))
    questions = ["Enter the Public Key Authentication Algorithms you want to use",
                 "Enter the Cipher Algorithms you want to use",
                 "Enter the MAC Methods you want to use",
                 "Enter the Minimum Server Key Size you want to use",
                 "Enter the KEX Algorithms you want to use"]
    positions = [text.index(f"\r\n{question}\r\n[") for question in questions]
    assert positions == sorted(positions)
    assert "- SETUP - Setup SSH server configuration settings\r\n" in text
    assert "\r\nEnter the Cipher Algorithms you want to use\r\n[aes256-ctr,aes192-ctr," in text
    assert "Cipher Algorithms: aes256-ctr, aes128-ctr\r\n" in text
    settings = appliance.view().users.ssh_server
    assert settings == model.SshServer(pubkey_algorithms=["ssh-rsa", "ssh-ed25519"],
                                       ciphers=["aes256-ctr", "aes128-ctr"],
                                       macs=["hmac-sha2-256"], min_server_key_size=2048,
                                       kex_algorithms=["curve25519-sha256"])
    # the settings travel with saveconfig/loadconfig
    saved = xmlconf.export_xml(appliance.committed(), appliance.machine, secrets="plain")
    loaded = xmlconf.import_xml(saved).appliance(appliance.machine).users.ssh_server
    assert loaded == settings


def test_enter_keeps_every_current_setting(tmp_path):
    appliance = make_appliance(tmp_path)
    text = after_banner(run(appliance, [*SETUP, "", "", "", "", "", *DONE]))
    assert "[1024]> \r\n" in text
    assert appliance.view().users.ssh_server == model.SshServer()


def test_bad_answers_get_an_error_and_the_question_again(tmp_path):
    appliance = make_appliance(tmp_path)
    text = after_banner(run(appliance, [
        *SETUP, "rsa1", "", "arcfour", "aes128-ctr,aes128-ctr", ",", "aes128-ctr", "hmac-sha1",
        "abc", "100", "", "", *DONE]))
    assert 'Unknown algorithm "rsa1". Choose from: ssh-ed25519,' in text
    assert ('Unknown algorithm "arcfour". Choose from: aes256-ctr,aes192-ctr,aes128-ctr,'
            'aes256-cbc,aes192-cbc,aes128-cbc,3des-cbc\r\n\r\n'
            'Enter the Cipher Algorithms you want to use\r\n') in text
    assert '"aes128-ctr" is listed more than once.\r\n' in text
    assert "]> ,\r\nYou must enter a value.\r\n" in text
    assert "[1024]> abc\r\nThe value must be an integer.\r\n" in text
    assert "[1024]> 100\r\nThe value must be an integer from 512 to 16384.\r\n" in text
    settings = appliance.view().users.ssh_server
    assert settings.ciphers == ["aes128-ctr"] and settings.macs == ["hmac-sha1"]
    assert settings.pubkey_algorithms == list(model.SSH_PUBKEY_ALGORITHMS)


def test_every_offered_name_is_one_conch_can_apply():
    server = transport.SSHServerTransport
    assert {n.encode() for n in model.SSH_CIPHERS} <= set(server.supportedCiphers)
    assert {n.encode() for n in model.SSH_MACS} <= set(server.supportedMACs)
    assert {n.encode() for n in model.SSH_KEX_ALGORITHMS} <= set(server.supportedKeyExchanges)
    # public key authentication algorithms are key types (Key.sshType())
    assert {n.encode() for n in model.SSH_PUBKEY_ALGORITHMS} <= set(server.supportedPublicKeys)


def test_a_loaded_configuration_with_unknown_algorithms_does_not_validate():
    config = defaults.factory_config()
    machine = next(iter(config.machines))
    settings = config.appliance(machine).users.ssh_server
    settings.ciphers, settings.macs, settings.min_server_key_size = ["arcfour"], [], 10
    assert [e for e in validate.machine_errors(config, machine) if "sshconfig" in e] == [
        "sshconfig: cipher algorithms: unknown: arcfour",
        "sshconfig: MAC methods: at least one is needed",
        "sshconfig: the minimum server key size must be from 512 to 16384"]
