"""AsyncOS release profiles (``engine/profile.py``): the same commands on appliances running
other versions, and the ``profile`` knob that picks a release regardless of the version."""
from __future__ import annotations

from pathlib import Path

import pytest

import harness
from asyncos_shell.engine import profile
from asyncos_shell.engine.context import Appliance
from cluster import model, x509
from cluster.lab import FileRegistry, Lab
from harness import after_banner, run
from labcerts import LabCA, key_pem, pem

from .certconfig_support import commit_edit, pasted

P = "ironport.example.com> "
NOTE_ONE_LINE = ("NOTE: This session will expire if left idle for 30 minutes. Any uncommitted "
                 "configuration changes will be lost. Commit the configuration changes as soon as "
                 "they are made.")
# AsyncOS 11.0.1 on a C170 at 80 columns, verbatim (cli.md §1.2, B #1272).
BANNER_11 = ("AsyncOS 11.0.1 for Cisco IronPort C170 build 027\r\n\r\n"
             "Welcome to the Cisco IronPort C170 Messaging Gateway(tm) Appliance\r\n\r\n"
             "NOTE: This session will expire if left idle for 30 minutes. Any uncommitted\r\n"
             "configuration changes will be lost. Commit the configuration changes as soon as\r\n"
             "they are made.\r\n\r\n")
FQDN_14 = ("Do you want to check if Common Name is in Fully Qualified Domain Name(FQDN)\r\n"
           "format? [N]> ")
FQDN_16 = ("Do you want to check if Common Name or SAN:dNSName or both are in Fully\r\n"
           "Qualified Domain Name(FQDN) format ? [N]> ")
ROLLBACK = "Do you want to save the current configuration for rollback? [Y]> "


def release(tmp_path: Path, version: str, model_name: str = "C100V", **scenario) -> Appliance:
    """The harness's appliance, installed with AsyncOS ``version`` on a ``model_name``."""
    config = harness.factory()
    identity = config.machines[harness.MACHINE]
    identity.version, identity.model = version, model_name
    lab = Lab(FileRegistry(tmp_path), {harness.MACHINE: lambda: config})
    return Appliance(lab=lab, machine=harness.MACHINE, state_dir=tmp_path, scenario=scenario)


def session(appliance: Appliance, lines: list[str]) -> str:
    """The dialogue as an 80-column pty shows it (the width of the public samples)."""
    return after_banner(run(appliance, lines, columns=80))


@pytest.fixture(scope="module")
def ca() -> LabCA:
    return LabCA()


@pytest.mark.parametrize("version, name", [
    ("9.7.0-125", "9.x"), ("10.0.2-020", "9.x"), ("11.0.1-027", "11.x"), ("12.1.0-071", "12.x"),
    ("13.8.1-052", "12.x"), ("14.1.0-227", "14.x"), ("15.5.3-017", "14.x"),
    ("16.0.3-025", "16.x"), ("17.0.0-001", "16.x"), ("garbage", "16.x")])
def test_release_of_a_version(version, name):
    assert profile.release(version) == name


def test_profile_knob_overrides_the_version_and_knobs_override_flags():
    assert profile.resolve("16.0.3-025", {"profile": "11.x"}).name == "11.x"
    assert not profile.resolve("16.0.3-025", {"no_rollback_question": True}).rollback_question
    with pytest.raises(ValueError, match="unknown scenario knob \"exit_questoin\""):
        profile.resolve("16.0.3-025", {"exit_questoin": False})


def test_banner_of_an_11_x_hardware_appliance_is_wrapped_and_branded(tmp_path):
    assert run(release(tmp_path, "11.0.1-027", "C170"), [], columns=80) == BANNER_11 + P


@pytest.mark.parametrize("model_name, title, product", [
    ("C190", "C190", "Email Security Appliance"),
    ("C100V", "C100V", "Email Security Virtual Appliance"),
    ("C370", "IronPort C370", "Messaging Gateway(tm) Appliance")])
def test_banner_and_version_name_the_model(tmp_path, model_name, title, product):
    text = run(release(tmp_path, "12.1.0-071", model_name), ["version"])
    assert text.startswith(f"AsyncOS 12.1.0 for Cisco {title} build 071\r\n\r\n"
                           f"Welcome to the Cisco {title} {product}\r\n\r\n{NOTE_ONE_LINE}\r\n\r\n")
    assert f"\r\nProduct: Cisco {title} {product}\r\nModel: {model_name}\r\n" in text


def test_commit_before_11_has_no_rollback_question(tmp_path):
    text = session(release(tmp_path, "9.7.0-125"), ["sethostname", "a.example.com", "commit", "x"])
    assert "[]> x\r\n\r\nChanges committed: " in text and "rollback" not in text
    text = session(release(tmp_path / "11", "11.0.1-027"),
                   ["sethostname", "a.example.com", "commit", "x", ""])
    assert f"[]> x\r\n\r\n{ROLLBACK}\r\n\r\nChanges committed: " in text


def test_passwd_before_11_speaks_of_passwords(tmp_path):
    appliance = release(tmp_path, "9.7.0-125")
    text = session(appliance, ["passwd", "ironport", "Newpass7x!", "Newpass7x!", "commit", ""])
    assert ("passwd\r\n\r\nOld password: \r\nNew password: \r\nRetype new password: \r\n"
            "Password changed.\r\n") in text
    assert "Old password did not match." in session(appliance, ["passwd", "nope"])


@pytest.mark.parametrize("version, question", [
    ("9.7.0-125", "Choose the password option:\r\n"
                  "1. Mask passwords (Files with masked passwords cannot be loaded using\r\n"
                  "loadconfig command)\r\n2. Encrypt passwords\r\n[1]> "),
    ("12.1.0-071", "Choose the passphrase option:\r\n"
                   "1. Mask passphrases (Files with masked passphrases cannot be loaded using\r\n"
                   "loadconfig command)\r\n2. Encrypt passphrases\r\n3. Plain passphrases\r\n[1]> "),
    ("14.1.0-227", "Choose the passphrase option:\r\n"
                   "1. Mask passphrases (Files with masked passphrases cannot be loaded using\r\n"
                   "loadconfig command)\r\n2. Encrypt passphrases\r\n[1]> ")])
def test_passphrase_option_of_showconfig_saveconfig_and_mailconfig(tmp_path, version, question):
    appliance = release(tmp_path, version)
    for command in ("showconfig", "saveconfig", "mailconfig"):
        answers = ["admin@example.com"] if command == "mailconfig" else []
        text = session(appliance, [command, *answers, "9"])
        assert f"\r\n\r\n{question}9\r\n" in text, command
    # 3 does not exist from 14.x on
    assert ("3\r\n" + "Please enter a number from 1 to 2.") in session(
        release(tmp_path / "16", "16.0.3-025"), ["showconfig", "3"])


def test_plain_passphrases_before_14(tmp_path):
    appliance = release(tmp_path, "12.1.0-071")
    assert '<enc_password masked="true"' in session(appliance, ["showconfig", "1"])
    text = session(appliance, ["showconfig", "3"])
    assert "<enc_password>scrypt$" in text and 'masked="true"' not in text


def new_certificate(appliance, *kind: str) -> str:
    return session(appliance, ["certconfig", "certificate", "new", *kind, "mail", "mail.example.com",
                               "n", "Org", "IT", "City", "State", "US", "30", "", "n", "", ""])


def test_certconfig_new_before_12_has_no_smime_list_nor_fqdn_question(tmp_path):
    text = new_certificate(release(tmp_path, "11.0.1-027"))
    assert ("[]> new\r\n\r\nEnter a name for this certificate profile:\r\n> mail\r\n\r\n"
            "Enter Common Name:\r\n> mail.example.com\r\n\r\nEnter Organization:\r\n> n\r\n") in text
    assert "SMIME" not in text and "FQDN" not in text


def test_certconfig_new_in_12_x_offers_smime_but_asks_no_fqdn_question(tmp_path):
    text = new_certificate(release(tmp_path, "12.1.0-071"), "")
    assert "2. Create a self-signed SMIME certificate and CSR\r\n[1]> \r\n" in text
    assert "Enter Common Name:\r\n> mail.example.com\r\n\r\nEnter Organization:\r\n> n\r\n" in text


@pytest.mark.parametrize("version, question", [("14.1.0-227", FQDN_14), ("16.0.3-025", FQDN_16)])
def test_certconfig_fqdn_question_wording(tmp_path, version, question):
    text = new_certificate(release(tmp_path, version), "")
    assert f"Enter Common Name:\r\n> mail.example.com\r\n\r\n{question}n\r\n" in text


def test_16_x_fqdn_check_covers_san_dns_names_and_14_x_only_the_common_name(tmp_path, ca):
    key = x509.new_key()
    cert = x509.issue_certificate(x509.Subject("mail.example.com").name(), key.public_key(),
                                  ca.inter, ca.inter_key, 30,
                                  dns_names=["mail.example.com", "mailhost"])
    lines = ["certconfig", "certificate", "paste", "mail", *pasted(pem(cert)),
             *pasted(key_pem(key)), "n", "y", "", "", "commit", "", ""]
    text = session(release(tmp_path / "16", "16.0.3-025"), lines)
    assert f"{FQDN_16}y\r\n\r\n\"mailhost\" is not in Fully Qualified Domain Name(FQDN) format." in text
    assert "There is no data to commit." in text
    text = session(release(tmp_path / "14", "14.1.0-227"), lines)
    assert f"{FQDN_14}y\r\n" in text and "Changes committed: " in text


def test_ca_import_fqdn_question_wording(tmp_path, ca):
    wordings = {"14.1.0-227": FQDN_16, "16.0.3-025": FQDN_16, "12.1.0-071": ""}
    for version, question in wordings.items():
        appliance = release(tmp_path / version, version)
        (appliance.config_dir / "roots.pem").write_text(ca.root_pem)
        text = session(appliance, ["certconfig", "certauthority", "custom", "import", "roots.pem",
                                   *(["n"] if question else []), "", "", ""])
        assert f"[]> roots.pem\r\n\r\n{question}{'n' if question else ''}" in text, version
        assert "Imported 1 custom certificates successfully\r\n\r\nCustom List: Enabled" in text


@pytest.mark.parametrize("version, shown", [("12.1.0-071", False), ("14.1.0-227", True)])
def test_demo_certificate_notice_from_14(tmp_path, version, shown):
    text = session(release(tmp_path, version), ["certconfig", ""])
    assert ("You are currently using a demonstration certificate" in text) is shown
    assert "certconfig\r\n\r\n" in text and "Currently using one certificate/key" in text


def test_userconfig_asks_for_the_own_passphrase_from_14(tmp_path):
    lines = ["userconfig", "new", "ironport", "jane", "Jane Doe", "3", "n", "Xk3#pL9w!q",
             "Xk3#pL9w!q", "", "commit", "", ""]
    text = session(release(tmp_path, "14.1.0-227"), lines)
    assert "[]> new\r\n\r\nEnter your Passphrase to make changes:\r\n[]> \r\n" in text
    older = release(tmp_path / "12", "12.1.0-071")
    text = session(older, lines[:2] + lines[3:])
    assert "[]> new\r\n\r\nEnter the new username.\r\n[]> jane\r\n" in text
    users = older.view().users.users
    assert users["jane"].role == "readonly"


HAT = ["listenerconfig", "edit", "1", "hostaccess"]


def hat(appliance) -> model.HostAccess:
    return appliance.view().listeners.listeners[
        "IncomingMail"].hat


def test_hostaccess_clear_before_11(tmp_path):
    appliance = release(tmp_path, "10.0.2-020")
    text = session(appliance, HAT + ["clear", "", "", "", "commit", "", ""])
    assert "- CLEAR - Remove all entries.\r\n[]> clear\r\n" in text and "RESET" not in text
    assert hat(appliance).sender_groups == []


def test_hostaccess_reset_from_11_empties_the_groups_and_resets_the_policies(tmp_path):
    appliance = release(tmp_path, "11.0.1-027")

    def customise(config_session):
        table = config_session.edit("listeners").listeners["IncomingMail"].hat
        table.policies["$THROTTLED"].params.max_msgs_per_session = 99
        table.policies["$MINE"] = model.MailFlowPolicy("$MINE", "ACCEPT",
                                                       model.PolicyParams(max_concurrency=3))
        table.default_params.max_concurrency = 7
    commit_edit(appliance, customise)
    text = session(appliance, HAT + ["reset", "", "", "", "commit", "", ""])
    assert ("- RESET - Remove senders and set policies to system default.\r\n[]> reset\r\n"
            in text) and "CLEAR" not in text
    table = hat(appliance)
    assert [g.name for g in table.sender_groups] == ["RELAYLIST", "WHITELIST", "BLACKLIST",
                                                     "SUSPECTLIST", "UNKNOWNLIST"]
    assert all(g.senders == [] for g in table.sender_groups)
    assert table.policies["$THROTTLED"].params.max_msgs_per_session == 10
    assert table.policies["$MINE"].params == model.PolicyParams()
    assert table.default_params.max_concurrency == 10


def test_every_release_sets_every_flag_and_names_only_known_ones():
    """Each release is one entry of what changed; folded, each gives the whole set of flags."""
    first_entry_flags = set(profile.RELEASES[0].changes)
    for entry in profile.RELEASES:
        assert set(entry.changes) <= first_entry_flags, entry.name
        assert set(profile.release_flags(entry.name)) == first_entry_flags
        assert profile.resolve("16.0.3-025", {"profile": entry.name}).name == entry.name


@pytest.mark.parametrize("version, choice", [("12.1.0-071", False), ("14.1.0-227", True)])
def test_custom_ca_export_asks_export_all_from_14(tmp_path, ca, version, choice):
    """Up to 13.x Cisco's QA automation answers the file name right after EXPORT; from
    phoebe1387 on it first answers "export all custom ca certificates?"."""
    appliance = release(tmp_path, version)
    (appliance.config_dir / "roots.pem").write_text(ca.root_pem)
    fqdn, export_all = (["n"], ["y"]) if choice else ([], [])
    answers = ["import", "roots.pem", *fqdn, "export", *export_all, "out.pem"]
    text = session(appliance, ["certconfig", "certauthority", "custom", *answers, "", "", ""])
    assert ("Do you want to export all custom ca certificates?" in text) is choice
    straight = "[]> export\r\n\r\nEnter a name for the exported file:\r\n[]> out.pem"
    assert (straight in text) is not choice
    assert (appliance.config_dir / "out.pem").read_text() == ca.root_pem
