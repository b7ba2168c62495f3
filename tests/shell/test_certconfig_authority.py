"""certconfig → CERTAUTHORITY (system and custom lists) and → CRL; verification follows them."""
from __future__ import annotations

import re

import pytest
from cryptography.hazmat.primitives import serialization

from cluster import x509
from harness import make_appliance
from labcerts import LabCA, write

from .certconfig_support import committed, drive

CUSTOM_MENU = ("Choose the operation you want to perform:\r\n"
               "- DISABLE - Disable the list\r\n"
               "- IMPORT - Import custom certificate authorities from a local file\r\n"
               "- DELETE - Remove a custom certificate authority\r\n"
               "- PRINT - Display the certificate authorities\r\n"
               "- EXPORT - Export the certificate authorities to a file\r\n[]> ")


@pytest.fixture(scope="module")
def ca() -> LabCA:
    return LabCA()


@pytest.fixture
def appliance(tmp_path, ca):
    appliance = make_appliance(tmp_path)
    write(appliance.config_dir / "roots.pem", ca.root_pem + ca.inter_pem)
    return appliance


def custom(*answers: str) -> list[str]:
    return ["certconfig", "certauthority", "custom", *answers, "", "", ""]


def import_custom(appliance, commit=True):
    lines = custom("import", "roots.pem", "n") + (["commit", "", ""] if commit else [])
    return drive(appliance, lines)


def test_certauthority_menus_and_status(appliance):
    text, session = drive(appliance, custom())
    assert ("[]> certauthority\r\n\r\nCustom List: Enabled\r\n"
            "System List: Enabled\r\n\r\n"
            "Choose the operation you want to perform:\r\n"
            "- CUSTOM - Manage Custom Certificate Authorities\r\n"
            "- SYSTEM - Manage System Certificate Authorities\r\n[]> custom\r\n\r\n"
            "Custom List: Enabled\r\n\r\n" + CUSTOM_MENU) in text
    assert not session.has_changes


def test_custom_import_lists_both_certificates_and_skips_duplicates(appliance, ca):
    text, session = import_custom(appliance)
    assert ("[]> import\r\n\r\nEnter the name of the file on machine \"ironport.example.com\" to "
            "import:\r\n[]> roots.pem\r\n\r\nDo you want to check if Common Name or SAN:dNSName or "
            "both are in Fully Qualified Domain Name(FQDN) format ? [N]> n\r\n\r\n"
            "Imported 2 custom certificates successfully\r\n\r\n"
            "Custom List: Enabled\r\n\r\nChoose the operation") in text
    cas = committed(appliance).custom_cas
    assert [c.pem for c in cas.values()] == [ca.root_pem, ca.inter_pem]
    text, session = import_custom(appliance, commit=False)
    assert ("The certificate authority \"Test Root CA\" is already in the custom list...skipping\r\n"
            "\r\nThe certificate authority \"Test Intermediate CA\" is already") in text
    assert "Imported 0" not in text
    assert not session.has_changes


@pytest.mark.parametrize("case", ["missing", "not pem", "fqdn"])
def test_custom_import_errors_change_nothing(appliance, case):
    write(appliance.config_dir / "junk.pem", "no certificates here")
    answers, error = {
        "missing": (["nothere.pem"], 'Error: the file "nothere.pem" does not exist.'),
        "not pem": (["junk.pem"], "Could not read PEM data from file."),
        "fqdn": (["roots.pem", "y"], "A valid domain name is a string that must match the "
                                     "following rules:\r\n- A label is a set of characters"),
    }[case]
    text, session = drive(appliance, custom("import", *answers))
    assert f"\r\n\r\n{error}" in text
    last_line = "- The last label cannot be all numbers." if case == "fqdn" else error
    assert f"{last_line}\r\n\r\nCustom List" in text
    assert "Imported" not in text
    assert not session.has_changes


def test_custom_delete_print_export(appliance, ca):
    import_custom(appliance)
    text, session = drive(appliance, custom(
        "print", "export", "n", "2", "inter.pem", "export", "", "all.pem",
        "delete", "1", "n", "delete", "1", "y"))
    assert ("[]> print\r\n\r\nCustom ca certificates:\r\n\r\nO=Test, CN=Test Root CA\r\n"
            "O=Test, CN=Test Intermediate CA\r\n\r\nCustom List: Enabled\r\n\r\n"
            "Choose the operation") in text
    assert ("Do you want to export all custom ca certificates? [Y]> n\r\n\r\n"
            "Select the custom ca certificate you wish to export:\r\n1. Test Root CA\r\n"
            "2. Test Intermediate CA\r\n[]> 2\r\n\r\nEnter a name for the exported file:\r\n"
            "[]> inter.pem\r\n\r\nFile written on machine \"ironport.example.com\" to the location "
            "\"/configuration/inter.pem\".\r\n") in text
    assert (appliance.config_dir / "inter.pem").read_text() == ca.inter_pem
    assert (appliance.config_dir / "all.pem").read_text() == ca.root_pem + ca.inter_pem
    assert ("Select the custom ca certificate you wish to delete:\r\n1. Test Root CA\r\n"
            "2. Test Intermediate CA\r\n[]> 1\r\n\r\nAre you sure you want to delete "
            "\"Test Root CA\"? [N]> n\r\n") in text
    assert list(session.read("certificates").custom_cas) == ["Test Intermediate CA"]
    assert len(committed(appliance).custom_cas) == 2


def test_disabling_the_lists_changes_the_trust_roots(appliance, ca):
    import_custom(appliance)
    leaf, _ = ca.issue("mail.example.com")
    assert x509.verify_peer(committed(appliance), [leaf, ca.inter], "mail.example.com").ok
    text, session = drive(appliance, ["certconfig", "certauthority", "custom", "disable", "",
                                      "system", "disable", "", "", "", "commit", "", ""])
    assert "[]> disable\r\n\r\nCustom list disabled\r\n\r\nCustom List: Disabled\r\n" in text
    assert "[]> disable\r\n\r\nSystem list disabled\r\n\r\nSystem List: Disabled\r\n" in text
    assert "Custom List: Disabled\r\nSystem List: Disabled" in text
    assert ("Custom List: Disabled\r\n\r\nChoose the operation you want to perform:\r\n"
            "- ENABLE - Enable the list\r\n- IMPORT") in text
    section = committed(appliance)
    assert not section.custom_ca_enabled and not section.system_ca_enabled
    assert x509.trust_roots(section) == []
    check = x509.verify_peer(section, [leaf, ca.inter], "mail.example.com")
    assert check.reason == "unable to get local issuer certificate"


def test_system_list_print_and_export(appliance):
    text, session = drive(appliance, ["certconfig", "certauthority", "system", "print", "export",
                                      "system.pem", "", "", ""])
    assert "[]> system\r\n\r\nSystem List: Enabled\r\n\r\n" in text
    roots = x509.system_roots()
    shown = text.split("[]> print\r\n\r\nSystem ca certificates:\r\n\r\n")[1]
    shown = shown.split("\r\n\r\n")[0].split("\r\n")
    assert len(shown) == len(roots) and all(re.match(r"[\w.]+=", line) for line in shown)
    assert x509.read_certificates((appliance.config_dir / "system.pem").read_text()) == list(roots)
    assert not session.has_changes


# -- CRL --------------------------------------------------------------------------------------------
def test_crl_import_list_print_delete_and_verification_honours_it(appliance, ca):
    import_custom(appliance)
    leaf, _ = ca.issue("mail.example.com")
    write(appliance.config_dir / "inter.crl", x509.crl_pem(ca.crl(leaf)))
    text, session = drive(appliance, ["certconfig", "crl", "import", "inter.crl", "print", "1", "",
                                      "", "commit", "", ""])
    assert ("[]> crl\r\n\r\nList of Certificate Revocation Lists\r\n"
            "No certificate revocation lists are defined.\r\n\r\n"
            "Choose the operation you want to perform:\r\n"
            "- IMPORT - Import a certificate revocation list from a local file\r\n"
            "- DELETE - Remove a certificate revocation list\r\n"
            "- PRINT - Display a certificate revocation list\r\n[]> ") in text
    assert "Issuer                Last Update" in text and "\r\nTest Intermediate CA  " in text
    assert "Issuer: /O=Test/CN=Test Intermediate CA\r\n" in text
    assert f"    Serial Number: {leaf.serial_number:X}  Revocation Date: " in text
    section = committed(appliance)
    assert list(section.crls) == ["Test Intermediate CA"]
    assert x509.verify_peer(section, [leaf, ca.inter], "mail.example.com").reason == "certificate revoked"
    other, _ = ca.issue("other.example.com")
    assert x509.verify_peer(section, [other, ca.inter], "other.example.com").ok

    text, session = drive(appliance, ["certconfig", "crl", "delete", "1", "y", "", "", "commit", "", ""])
    assert ("Select the CRL you wish to delete:\r\n1. Test Intermediate CA\r\n[]> 1\r\n\r\n"
            "Are you sure you want to delete the CRL of \"Test Intermediate CA\"? [N]> y\r\n") in text
    assert x509.verify_peer(committed(appliance), [leaf, ca.inter], "mail.example.com").ok


@pytest.mark.parametrize("case", ["unknown issuer", "not a crl", "missing"])
def test_crl_import_errors_change_nothing(appliance, case):
    import_custom(appliance)
    stranger = LabCA("Stranger")
    write(appliance.config_dir / "stranger.crl", x509.crl_pem(stranger.crl()))
    write(appliance.config_dir / "junk.crl", b"\x00\x01junk")
    name, error = {
        "unknown issuer": ("stranger.crl", "The CRL is not signed by a custom certificate "
                                           "authority...discarding"),
        "not a crl": ("junk.crl", "Could not read CRL data from file."),
        "missing": ("none.crl", 'Error: the file "none.crl" does not exist.'),
    }[case]
    text, session = drive(appliance, ["certconfig", "crl", "import", name, "", ""])
    assert f"\r\n\r\n{error}\r\n\r\nList of Certificate Revocation Lists" in text
    assert not session.has_changes


def test_der_crl_accepted_and_stored_as_pem(appliance, ca):
    import_custom(appliance)
    write(appliance.config_dir / "inter.der", ca.crl().public_bytes(serialization.Encoding.DER))
    text, session = drive(appliance, ["certconfig", "crl", "import", "inter.der", "", ""])
    stored = session.read("certificates").crls["Test Intermediate CA"]
    assert stored.startswith("-----BEGIN X509 CRL-----")


def test_custom_menu_offers_only_the_change_and_says_what_it_did(appliance):
    """Cisco's SMA automation never sends ENABLE to an enabled list ("Already Enabled"), and
    expects "Custom list disabled" / "Custom list enabled" after the change."""
    text, session = drive(appliance, custom("enable", "disable", "enable"))
    assert "[]> enable\r\nUnknown option \"enable\".\r\n\r\nChoose the operation" in text
    assert ("[]> disable\r\n\r\nCustom list disabled\r\n\r\nCustom List: Disabled\r\n\r\n"
            "Choose the operation you want to perform:\r\n- ENABLE - Enable the list\r\n") in text
    assert ("[]> enable\r\n\r\nCustom list enabled\r\n\r\nCustom List: Enabled\r\n\r\n"
            "Choose the operation you want to perform:\r\n- DISABLE - Disable the list\r\n") in text
    assert session.read("certificates").custom_ca_enabled
