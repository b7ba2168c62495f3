"""Transcripts of showconfig, saveconfig and loadconfig with the file in AsyncOS's layout, a
real-appliance-shaped file loaded through loadconfig, version's build date and setttymode."""
import re
import shutil
from pathlib import Path

from cluster import passwords
from harness import after_banner, make_appliance, run

P = "ironport.example.com> "
FIXTURE = Path(__file__).parents[1] / "configuration" / "fixtures" / "esa-c100v-16.xml"


def test_showconfig_prints_the_appliances_layout(tmp_path):
    # an 80-column terminal: the option line wraps as in the public samples
    text = after_banner(run(make_appliance(tmp_path), ["showconfig", "1"], columns=80))
    assert text.startswith(
        P + "showconfig\r\n\r\nChoose the passphrase option:\r\n1. Mask passphrases (Files with "
        "masked passphrases cannot be loaded using\r\nloadconfig command)\r\n2. Encrypt "
        "passphrases\r\n[1]> 1\r\n\r\n<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\r\n"
        "<!DOCTYPE config SYSTEM \"config.dtd\">\r\n\r\n<!--\r\n"
        "  Product: Cisco C100V Email Security Virtual Appliance\r\n  Model Number: C100V\r\n"
        "  Version: 16.0.3-025\r\n  Serial Number: ABCDEF012345-ABCDEFG\r\n"
        "  Number of CPUs: 2\r\n  Memory (GB): 8\r\n  Current Time: ")
    assert 'Feature "Outbreak Filters": Perpetual\r\n-->\r\n\r\n<config>\r\n' in text
    assert "<hostname>ironport.example.com</hostname>" in text
    assert re.search(r"<interface>\r\n\s+<interface_name>Management</interface_name>\r\n"
                     r"\s+<ip>127\.0\.0\.1</ip>\r\n\s+<netmask>255\.0\.0\.0</netmask>", text)
    assert '<enc_password masked="true">*****</enc_password>' in text
    assert text.endswith("</config>\r\n\r\n" + P)


def test_saved_file_loads_back_unchanged_and_restores_edits(tmp_path):
    appliance = make_appliance(tmp_path)
    text = after_banner(run(appliance, ["saveconfig", "2"]))
    name = re.search(r'"/configuration/([^"]+)"', text).group(1)
    saved = (appliance.config_dir / name).read_text("latin-1")
    assert re.findall(r"<hostname>(.*?)</hostname>", saved) == ["ironport.example.com"]
    text = after_banner(run(appliance, ["sethostname", "other.example.com", "commit", "x", "y",
                                        f"loadconfig {name}", "commit", "back", "y"]))
    assert ("loadconfig " + name + "\r\nValues have been loaded.\r\nBe sure to run \"commit\" to "
            "make these settings active.\r\n\r\nother.example.com> commit") in text
    assert appliance.view().system.hostname == "ironport.example.com"
    assert after_banner(run(appliance, [f"loadconfig {name}"])).endswith(
        "No changes detected from current configuration.\r\n\r\n" + P)


def test_a_real_appliance_shaped_file_loads_commits_and_saves_what_it_did_not_model(tmp_path):
    appliance = make_appliance(tmp_path)
    appliance.config_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURE, appliance.config_dir / "real.xml")
    text = after_banner(run(appliance, ["loadconfig", "2", "real.xml", "commit", "real", "y",
                                        "saveconfig", "2"]))
    assert "[]> real.xml\r\nValues have been loaded." in text
    view = appliance.view()
    assert view.system.hostname == "mail1.example.com"
    hat = view.listeners.listeners["InboundMail"].hat
    assert [g.name for g in hat.sender_groups] == ["WHITELIST", "BLACKLIST"]
    assert hat.policies["$TRUSTED"].params.max_message_size == 104857600
    # the file's $6$ hash cannot be checked here: admin keeps this appliance's passphrase
    assert passwords.check_password("ironport", view.users.users["admin"].password_hash)
    name = re.search(r'"/configuration/([^"]+)"', text).group(1)
    saved = (appliance.config_dir / name).read_text("latin-1")
    assert "<ntp_server>time.example.com</ntp_server>" in saved
    assert "<clean_smtp>1</clean_smtp>" in saved
    assert "<sender_group_name>BLACKLIST</sender_group_name>" in saved


def test_a_hat_the_format_does_not_know_fails_to_parse(tmp_path):
    appliance = make_appliance(tmp_path)
    appliance.config_dir.mkdir(parents=True, exist_ok=True)
    broken = FIXTURE.read_text("latin-1").replace("    REJECT\n", "    FROBNICATE\n")
    (appliance.config_dir / "broken.xml").write_text(broken, "latin-1")
    assert after_banner(run(appliance, ["loadconfig broken.xml"])).endswith(
        "Parsing failed.  Aborting.\r\n\r\n" + P)


def test_version_build_date_is_the_releases(tmp_path):
    text = after_banner(run(make_appliance(tmp_path), ["version"]))
    assert "\r\nVersion: 16.0.3-025\r\nBuild Date: 2025-04-22\r\nInstall Date: " in text


def test_setttymode_is_accepted_silently_and_hidden(tmp_path):
    text = after_banner(run(make_appliance(tmp_path), ["setttymode 0 1", "setttymode", "help"]))
    assert text.startswith(P + "setttymode 0 1\r\n\r\n" + P + "setttymode\r\n\r\n" + P + "help")
    assert "setttymode" not in text.split("help", 1)[1]
