"""certconfig → CERTIFICATE: transcripts of every path, bad input included; nothing changes on
an error and everything stays pending until commit."""
from __future__ import annotations

import asyncio
import os
import re
import subprocess

import pytest
from cryptography import x509 as cx509

from asyncos_shell.commands import certconfig_certificate
from cluster import model, x509
from harness import RecordingLogs, make_appliance
from labcerts import LabCA, key_pem, pem, write

from .certconfig_support import (CERT_MENU, PROMPT, TOP_MENU, add_profile, commit_edit, committed,
                                 drive, pasted)

NOTICE = ("You are currently using a demonstration certificate (Cisco Secure Email Certificate) "
          "which is not secure and is not recommended for general use.")
ONE = "Currently using one certificate/key for receiving, delivery, HTTPS management access, and LDAPS."
NEW_ANSWERS = ["mail.example.com", "n", "Example Inc", "IT", "San Jose", "California", "us", "30", ""]


@pytest.fixture(scope="module")
def ca() -> LabCA:
    return LabCA()


@pytest.fixture
def appliance(tmp_path):
    return make_appliance(tmp_path)


def new_profile(appliance, name="mail", commit=True):
    """NEW through the CLI (committed unless told otherwise); returns the profile."""
    lines = ["certconfig", "certificate", "new", "", name, *NEW_ANSWERS, "n", "", ""]
    if commit:
        lines += ["commit", "", ""]
    text, session = drive(appliance, lines)
    return (committed(appliance) if commit else session.read("certificates")).profiles[name]


def test_top_menu_with_the_demo_certificate_notice(appliance):
    text, _ = drive(appliance, ["certconfig", ""])
    assert text == (f"{PROMPT}certconfig\r\n\r\n{NOTICE}\r\n\r\n{ONE}\r\n\r\n{TOP_MENU}\r\n\r\n{PROMPT}")


def test_no_notice_once_no_service_uses_the_demo_certificate(appliance, ca):
    cert, key = ca.issue("mail.example.com")
    add_profile(appliance, "mail", pem(cert), key_pem(key))

    def use(session, name):
        listeners = session.edit("listeners").listeners
        for listener in listeners.values():
            listener.certificate = name
        session.edit("destconfig").certificate = name
        for iface in session.edit("interfaces").values():
            iface.https_certificate = name
        session.edit("ldap").certificate = name

    commit_edit(appliance, lambda s: use(s, "mail"))
    text, _ = drive(appliance, ["certconfig", ""])
    assert text == f"{PROMPT}certconfig\r\n\r\n{ONE}\r\n\r\n{TOP_MENU}\r\n\r\n{PROMPT}"
    commit_edit(appliance, lambda s: setattr(s.edit("ldap"), "certificate", "Demo"))
    text, _ = drive(appliance, ["certconfig", ""])
    assert f"{NOTICE}\r\n\r\nCurrently using multiple certificates/keys for receiving" in text


def test_certificate_listing(appliance):
    text, _ = drive(appliance, ["certconfig", "certificate", "", ""])
    listing = re.search(r"certificate\r\n\r\n(List of Certificates\r\n.*?)\r\n\r\nChoose", text, re.S)
    assert listing.group(1) == (
        "List of Certificates\r\n"
        "Name      Common Name      Issued By        Status       Time Remaining\r\n"
        "--------  ---------------  ---------------  -----------  --------------\r\n"
        "Demo      Cisco Appliance  Cisco Appliance  Valid        3649 days")
    assert f"{CERT_MENU}\r\n\r\n{NOTICE}" in text


def test_new_question_order_and_csr(appliance):
    text, session = drive(appliance, ["certconfig", "certificate", "new", "", "mail",
                                      *NEW_ANSWERS, "y", "", ""])
    start = text.index("[]> new\r\n")
    dialogue = text[start:text.index("List of Certificates", start)]
    dialogue = re.sub(r"-----BEGIN CERTIFICATE REQUEST-----\r\n.*?-----END CERTIFICATE REQUEST-----",
                      "<CSR>", dialogue, flags=re.S)
    assert dialogue == (
        "[]> new\r\n\r\n"
        "1. Create a self-signed certificate and CSR\r\n"
        "2. Create a self-signed SMIME certificate and CSR\r\n[1]> \r\n\r\n"
        "Enter a name for this certificate profile:\r\n> mail\r\n\r\n"
        "Enter Common Name:\r\n> mail.example.com\r\n\r\n"
        "Do you want to check if Common Name or SAN:dNSName or both are in Fully "
        "Qualified Domain Name(FQDN) format ? [N]> n\r\n\r\n"
        "Enter Organization:\r\n> Example Inc\r\n\r\n"
        "Enter Organizational Unit:\r\n> IT\r\n\r\n"
        "Enter Locality or City:\r\n> San Jose\r\n\r\n"
        "Enter State or Province:\r\n> California\r\n\r\n"
        "Enter Country (2 letter code):\r\n> us\r\n\r\n"
        "Duration before expiration (in days):\r\n[3650]> 30\r\n\r\n"
        "Enter size of private key:\r\n1. 2048\r\n2. 4096\r\n[1]> \r\n\r\n"
        "Do you want to view the CSR? [Y]> y\r\n\r\n<CSR>\r\n\r\n")
    profile = session.read("certificates").profiles["mail"]
    csr_text = re.search(r"-----BEGIN CERTIFICATE REQUEST-----.*?-----END CERTIFICATE REQUEST-----",
                         text, re.S).group(0)
    assert csr_text.replace("\r\n", "\n") + "\n" == profile.csr_pem
    cert = x509.load_certificate(profile.certificate_pem)
    assert x509.oneline(cert.subject) == "/C=US/ST=California/L=San Jose/O=Example Inc/OU=IT/CN=mail.example.com"
    assert (cert.not_valid_after_utc - cert.not_valid_before_utc).days == 30
    assert cert.public_key().key_size == 2048 and x509.key_matches(profile.certificate_pem, profile.key_pem)
    assert "mail      mail.example.co  mail.example.co  Signing request pending  29 days" in text
    assert session.has_changes


def test_new_validates_country_fqdn_and_existing_names(appliance):
    text, session = drive(appliance, [
        "certconfig", "certificate", "new", "", "Demo", "n", "bad name!", "mail",
        "mailhost", "y", "mail.example.com", "y", "Org", "Unit", "City", "State", "usa", "XX",
        "de", "", "2", "n", "", ""])
    assert ("Certificate profile \"Demo\" already exists. Do you want to\r\n"
            "overwrite with this new one? [N]> n\r\n\r\n"
            "Enter a name for this certificate profile:\r\n> bad name!\r\nSymbols are not allowed.\r\n"
            "\r\nEnter a name for this certificate profile:\r\n> mail\r\n") in text
    assert ("format ? [N]> y\r\n\r\n\"mailhost\" is not in Fully Qualified Domain Name(FQDN) format."
            "\r\n\r\nEnter Common Name:\r\n> mail.example.com\r\n") in text
    assert text.count("Country should be a ISO two character country code\r\n") == 2
    assert "Enter size of private key:\r\n1. 2048\r\n2. 4096\r\n[1]> 2\r\n" in text
    profile = session.read("certificates").profiles["mail"]
    cert = x509.load_certificate(profile.certificate_pem)
    assert x509.oneline(cert.subject).startswith("/C=DE/") and cert.public_key().key_size == 4096
    assert "Demo" in session.read("certificates").profiles


def test_new_smime_asks_for_email_addresses_then_dns_names(appliance):
    text, session = drive(appliance, [
        "certconfig", "certificate", "new", "2", "smime", "Alice", "n", "O", "U", "L", "S", "US",
        "", "", "alice", "alice@example.com", "y", "al@example.com", "n",
        "bad name", "mail.example.com", "y", "*.example.org", "n", "n", "", ""])
    assert ("Enter email address:\r\n> alice\r\nAn email address is a localname, an \"@\", and a "
            "domain.\r\n\r\nEnter email address:\r\n> alice@example.com\r\n\r\n"
            "Add another member? [N]> y\r\n\r\nEnter email address:\r\n> al@example.com\r\n\r\n"
            "Add another member? [N]> n\r\n\r\nEnter the DNS you want to add:\r\n> bad name\r\n"
            ) in text
    assert ("\r\nEnter the DNS you want to add:\r\n> mail.example.com\r\n\r\n"
            "Add another member? [N]> y\r\n\r\nEnter the DNS you want to add:\r\n> *.example.org"
            "\r\n\r\nAdd another member? [N]> n\r\n\r\nDo you want to view the CSR? [Y]> n\r\n"
            ) in text
    cert = x509.load_certificate(session.read("certificates").profiles["smime"].certificate_pem)
    san = cert.extensions.get_extension_for_class(cx509.SubjectAlternativeName).value
    assert san.get_values_for_type(cx509.RFC822Name) == ["alice@example.com", "al@example.com"]
    assert san.get_values_for_type(cx509.DNSName) == ["mail.example.com", "*.example.org"]


def test_new_before_12x_offers_no_smime_and_no_san_questions(tmp_path):
    text, _ = drive(make_appliance(tmp_path, profile="11.x"), [
        "certconfig", "certificate", "new", "plain", "mail.example.com", "O", "U", "L", "S",
        "US", "", "", "n", "", ""])
    assert "SMIME" not in text and "Enter the DNS" not in text and "Add another" not in text


def test_new_generates_the_key_off_the_event_loop(appliance, monkeypatch):
    calls = []
    real = asyncio.to_thread

    async def recording(func, *args):
        calls.append(func)
        return await real(func, *args)

    monkeypatch.setattr(certconfig_certificate.asyncio, "to_thread", recording)
    new_profile(appliance, commit=False)
    assert x509.make_self_signed in calls


def test_new_is_pending_until_commit(appliance):
    profile = new_profile(appliance, commit=False)
    assert profile.csr_pem
    assert "mail" not in committed(appliance).profiles
    profile = new_profile(appliance)
    assert committed(appliance).profiles["mail"] == profile
    # the key is stored with the configuration, readable by its owner only
    assert oct(os.stat(appliance.state_dir / "stores" / appliance.machine / "config.json").st_mode & 0o777) == "0o600"


# -- EDIT -----------------------------------------------------------------------------------------
def edit_lines(number: str, *answers: str) -> list[str]:
    return ["certconfig", "certificate", "edit", number, *answers, "", ""]


def test_edit_installs_the_signed_certificate_and_intermediate(appliance, ca):
    profile = new_profile(appliance)
    signed = ca.sign_csr(profile.csr_pem)
    text, session = drive(appliance, edit_lines(
        "2", "y", *pasted(pem(signed)), "y", *pasted(ca.inter_pem), "y", *pasted(ca.inter_pem),
        "n", "n", "y", "y") + ["commit", "", ""])
    assert ("Select the certificate profile you wish to edit:\r\n1. Demo\r\n2. mail\r\n[]> 2\r\n\r\n"
            "Do you want to update the existing public certificate? [N]> y\r\n\r\n"
            "Paste public certificate in PEM format (end with '.'):\r\n-----BEGIN CERTIFICATE-----\r\n"
            ) in text
    assert ("-----END CERTIFICATE-----\r\n.\r\n\r\nDo you want to add an intermediate certificate? "
            "[N]> y\r\n\r\nPaste intermediate certificate in PEM format (end with '.'):\r\n") in text
    # the same intermediate again is refused
    assert ("-----END CERTIFICATE-----\r\n.\r\n\r\nThis intermediate certificate is already part "
            "of the certificate chain...discarding\r\n\r\nDo you want to add an intermediate "
            "certificate? [N]> n\r\n\r\n"
            "Do you want to remove an intermediate certificate? [N]> n\r\n\r\n"
            "Do you want to view the CSR? [N]> y\r\n\r\n-----BEGIN CERTIFICATE REQUEST-----") in text
    assert ("-----END CERTIFICATE REQUEST-----\r\n\r\nDo you want to check if Common Name or "
            "SAN:dNSName or both are in Fully Qualified Domain Name(FQDN) format ? [N]> y\r\n"
            ) in text
    assert "mail      mail.example.co  Test Intermedia  Valid        364 days" in text
    stored = committed(appliance).profiles["mail"]
    assert stored.certificate_pem == pem(signed) and stored.intermediates == [ca.inter_pem]
    assert stored.key_pem == profile.key_pem and stored.csr_pem == profile.csr_pem
    assert x509.verify_chain([stored.certificate_pem, *stored.intermediates], [ca.root],
                             hostname="mail.example.com").ok


def test_edit_removes_a_duplicate_intermediate_from_a_numbered_list(appliance, ca):
    cert, key = ca.issue("mail.example.com")
    add_profile(appliance, "mail", pem(cert), key_pem(key), [ca.inter_pem, ca.root_pem])
    text, session = drive(appliance, edit_lines("2", "n", "n", "y", "2", "n"))
    assert ("Do you want to remove an intermediate certificate? [N]> y\r\n\r\n"
            "Choose the intermediate certificate you wish to remove:\r\n"
            "1. Test Intermediate CA (Issued by: Test Root CA)\r\n"
            "2. Test Root CA (Issued by: Test Root CA)\r\n[]> 2\r\n\r\n"
            "Do you want to remove an intermediate certificate? [N]> n\r\n") in text
    assert session.read("certificates").profiles["mail"].intermediates == [ca.inter_pem]
    assert session.has_changes


@pytest.mark.parametrize("kind", ["not pem", "other key"])
def test_edit_refuses_bad_certificates_and_changes_nothing(appliance, ca, kind):
    profile = new_profile(appliance)
    if kind == "not pem":
        paste, error = ["this is not a certificate", "."], "Invalid certificate...discarding"
    else:
        other, _ = ca.issue("mail.example.com")
        paste, error = pasted(pem(other)), "Private key does not sign certificate...discarding"
    text, session = drive(appliance, edit_lines("2", "y", *paste))
    assert f".\r\n\r\n{error}\r\n\r\nList of Certificates" in text
    assert not session.has_changes
    assert committed(appliance).profiles["mail"] == profile


def test_edit_accepts_an_expired_certificate_and_shows_its_status(appliance, ca):
    profile = new_profile(appliance)
    key = x509.read_private_key(profile.key_pem)
    expired, _ = ca.expired("mail.example.com", key)
    text, session = drive(appliance, edit_lines("2", "y", *pasted(pem(expired)), "n", "n", "n"))
    assert "mail      mail.example.co  Test Intermedia  Expired      0 days" in text
    assert session.read("certificates").profiles["mail"].certificate_pem == pem(expired)


def test_edit_fqdn_check_refuses_a_certificate_with_a_short_name(appliance):
    made = x509.make_self_signed(x509.Subject("mailhost"), 30)
    add_profile(appliance, "short", made.certificate_pem, made.key_pem)
    again = x509.issue_certificate(x509.Subject("mailhost").name(),
                                   x509.read_private_key(made.key_pem).public_key(), None,
                                   x509.read_private_key(made.key_pem), 60)
    text, session = drive(appliance, edit_lines("2", "y", *pasted(pem(again)), "n", "y"))
    assert "format ? [N]> y\r\n\r\n\"mailhost\" is not in Fully Qualified Domain Name(FQDN) format.\r\n" in text
    assert not session.has_changes


# -- PASTE ----------------------------------------------------------------------------------------
def paste_lines(name: str, cert_pem: str, key_text: str, *rest: str) -> list[str]:
    return ["certconfig", "certificate", "paste", name, *pasted(cert_pem), *pasted(key_text), *rest,
            "", ""]


def test_paste_certificate_key_and_intermediate(appliance, ca):
    cert, key = ca.issue("mail.example.com")
    text, session = drive(appliance, paste_lines("mail", pem(cert), key_pem(key), "y",
                                                 *pasted(ca.inter_pem), "n", "n", "y"))
    assert ("[]> paste\r\n\r\nEnter a name for this certificate profile:\r\n> mail\r\n\r\n"
            "Paste public certificate in PEM format (end with '.'):\r\n-----BEGIN CERTIFICATE-----") in text
    assert ("-----END CERTIFICATE-----\r\n.\r\n\r\nPaste private key in PEM format (end with '.'):\r\n"
            "-----BEGIN PRIVATE KEY-----\r\n") in text
    assert ("-----END PRIVATE KEY-----\r\n.\r\n\r\nDo you want to add an intermediate certificate? "
            "[N]> y\r\n") in text
    profile = session.read("certificates").profiles["mail"]
    assert profile.intermediates == [ca.inter_pem] and profile.csr_pem == ""
    assert x509.key_matches(profile.certificate_pem, profile.key_pem)
    assert "mail      mail.example.co  Test Intermedia  Valid" in text


def test_paste_encrypted_key_asks_for_the_passphrase_hidden(appliance, ca):
    cert, key = ca.issue("mail.example.com")
    text, session = drive(appliance, paste_lines("mail", pem(cert), key_pem(key, "s3cret", True),
                                                 "s3cret", "n", "n"))
    assert "-----END RSA PRIVATE KEY-----\r\n.\r\n\r\nEnter passphrase:\r\n[]> \r\n" in text
    assert "s3cret" not in text
    stored = session.read("certificates").profiles["mail"].key_pem
    assert stored.startswith("-----BEGIN PRIVATE KEY-----") and x509.key_matches(pem(cert), stored)


def test_a_pasted_key_and_its_passphrase_stay_out_of_cli_logs(tmp_path, ca):
    """cli_logs has every answer (``entered …; prompt was …``) but no pasted line and no hidden
    answer: Cisco's own tests check that a pasted private key is not in cli_logs."""
    appliance = make_appliance(tmp_path, logs=RecordingLogs())
    cert, key = ca.issue("mail.example.com")
    drive(appliance, paste_lines("mail", pem(cert), key_pem(key, "s3cret", True), "s3cret", "n",
                                 "n"))
    logged = "\n".join(appliance.logs.of("cli_logs"))
    assert "entered 'mail'; prompt was '\\nEnter a name for this certificate profile:\\n> '" in logged
    assert "entered '*****'; prompt was " in logged           # the passphrase
    assert "s3cret" not in logged and "PRIVATE KEY" not in logged and "CERTIFICATE-" not in logged
    assert key_pem(key).splitlines()[1] not in logged


@pytest.mark.parametrize("case", ["wrong passphrase", "not a key", "other key", "not pem"])
def test_paste_errors_change_nothing(appliance, ca, case):
    cert, key = ca.issue("mail.example.com")
    other, _ = ca.issue("mail.example.com")
    lines, error = {
        "wrong passphrase": (paste_lines("mail", pem(cert), key_pem(key, "right"), "wrong"),
                             "Invalid private key ...discarding"),
        "not a key": (paste_lines("mail", pem(cert), "hello"), "Invalid private key ...discarding"),
        "other key": (paste_lines("mail", pem(other), key_pem(key)),
                      "Private key does not sign certificate...discarding"),
        "not pem": (["certconfig", "certificate", "paste", "mail", "junk", ".", "", ""],
                    "Invalid certificate...discarding"),
    }[case]
    text, session = drive(appliance, lines)
    assert f"\r\n\r\n{error}\r\n\r\nList of Certificates" in text
    assert not session.has_changes


# -- IMPORT ---------------------------------------------------------------------------------------
@pytest.fixture
def p12(appliance, ca):
    cert, key = ca.issue("mail.example.com")
    data = x509.write_pkcs12("mail", pem(cert), key_pem(key), [ca.inter_pem], "pw")
    write(appliance.config_dir / "mail.p12", data)
    return cert


def import_lines(*answers: str) -> list[str]:
    return ["certconfig", "certificate", "import", "mail", *answers, "", ""]


def test_import_pkcs12(appliance, ca, p12):
    text, session = drive(appliance, import_lines("mail.p12", "pw", "n"))
    assert ("[]> import\r\n\r\nEnter a name for this certificate profile:\r\n> mail\r\n\r\n"
            "Enter the name of the file on machine \"ironport.example.com\" to import:\r\n"
            "[]> mail.p12\r\n\r\nEnter passphrase:\r\n[]> \r\n\r\n"
            "Do you want to check if Common Name or SAN:dNSName or both are in Fully "
            "Qualified Domain Name(FQDN) format ? [N]> n\r\n\r\nList of Certificates") in text
    profile = session.read("certificates").profiles["mail"]
    assert profile.certificate_pem == pem(p12) and profile.intermediates == [ca.inter_pem]
    assert "pw\r\n" not in text


@pytest.mark.parametrize("where,answers,count", [
    ("before", ["mail.p12", "n", "pw"], 1), ("both", ["mail.p12", "n", "pw", "n"], 2),
    ("none", ["mail.p12", "pw"], 0)])
def test_import_fqdn_question_placement(tmp_path, ca, where, answers, count):
    appliance = make_appliance(tmp_path, fqdn_question=where)
    cert, key = ca.issue("mail.example.com")
    write(appliance.config_dir / "mail.p12", x509.write_pkcs12("m", pem(cert), key_pem(key), [], "pw"))
    text, session = drive(appliance, import_lines(*answers))
    assert text.count("(FQDN) format ?") == count
    if where == "before":
        assert text.index("(FQDN) format ?") < text.index("Enter passphrase:")
    assert "mail" in session.read("certificates").profiles


@pytest.mark.parametrize("case", ["wrong passphrase", "missing file", "corrupt file", "directory"])
def test_import_errors_change_nothing(appliance, p12, case):
    write(appliance.config_dir / "junk.p12", b"not pkcs12")
    answers, error = {
        "wrong passphrase": (["mail.p12", "nope"], "Invalid pass phrase or corrupt PKCS#12 file."),
        "missing file": (["nothere.p12"], 'Error: the file "nothere.p12" does not exist.'),
        "corrupt file": (["junk.p12", "pw"], "Invalid pass phrase or corrupt PKCS#12 file."),
        "directory": (["../config.json"], 'Error: the file "../config.json" does not exist.'),
    }[case]
    text, session = drive(appliance, import_lines(*answers))
    assert f"\r\n\r\n{error}\r\n\r\nList of Certificates" in text
    assert not session.has_changes


# -- EXPORT ---------------------------------------------------------------------------------------
def test_export_writes_a_pkcs12_file_openssl_can_read(appliance, ca, tmp_path):
    cert, key = ca.issue("mail.example.com")
    add_profile(appliance, "mail", pem(cert), key_pem(key), [ca.inter_pem])
    text, session = drive(appliance, ["certconfig", "certificate", "export", "2", "a/b", "mail.p12",
                                      "one", "two", "", "pw", "pw", "", ""])
    assert ("Select the certificate profile you wish to export:\r\n1. Demo\r\n2. mail\r\n[]> 2\r\n\r\n"
            "Enter a name for the exported file:\r\n[]> a/b\r\nInvalid file name \"a/b\".\r\n\r\n"
            "Enter a name for the exported file:\r\n[]> mail.p12\r\n\r\n"
            "Create a passphrase for file:\r\n[]> \r\n\r\nConfirm the passphrase for file:\r\n[]> \r\n"
            "The passphrases do not match.\r\n\r\n"
            "Create a passphrase for file:\r\n[]> \r\nYou must enter a value.\r\n\r\n"
            "Create a passphrase for file:\r\n[]> \r\n\r\nConfirm the passphrase for file:\r\n[]> \r\n"
            "\r\nFile written on machine \"ironport.example.com\" to the location "
            "\"/configuration/mail.p12\".\r\n") in text
    path = appliance.config_dir / "mail.p12"
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    back = x509.read_pkcs12(path.read_bytes(), "pw")
    assert back.certificate_pem == pem(cert) and back.intermediates == [ca.inter_pem]
    out = subprocess.run(["openssl", "pkcs12", "-in", str(path), "-passin", "pass:pw", "-nodes"],
                         capture_output=True, text=True, check=True).stdout
    assert "subject=O = Peer, CN = mail.example.com" in out and "BEGIN PRIVATE KEY" in out
    assert not session.has_changes


# -- DELETE and PRINT -----------------------------------------------------------------------------
def test_delete_refuses_a_certificate_in_use(appliance):
    text, session = drive(appliance, ["certconfig", "certificate", "delete", "1", "", ""])
    assert ("Select the certificate profile you wish to delete:\r\n1. Demo\r\n[]> 1\r\n\r\n"
            "The certificate profile \"Demo\" is in use and cannot be deleted:\r\n"
            "    Receiving (listener IncomingMail)\r\n    Delivery (destination controls)\r\n"
            "    HTTPS management access (interface Management)\r\n    LDAPS\r\n\r\n") in text
    assert not session.has_changes


def test_delete_after_confirmation_pending_until_commit(appliance, ca):
    cert, key = ca.issue("mail.example.com")
    add_profile(appliance, "mail", pem(cert), key_pem(key))
    text, session = drive(appliance, ["certconfig", "certificate", "delete", "2", "n", "delete",
                                      "2", "y", "", ""])
    assert "Are you sure you want to delete the certificate profile \"mail\"? [N]> n\r\n" in text
    assert list(session.read("certificates").profiles) == ["Demo"]
    assert "mail" in committed(appliance).profiles


def test_print_shows_services_and_chains(appliance, ca):
    cert, key = ca.issue("mail.example.com")
    add_profile(appliance, "mail", pem(cert), key_pem(key), [ca.inter_pem])
    commit_edit(appliance, lambda s: setattr(s.edit("destconfig"), "certificate", "mail"))
    text, _ = drive(appliance, ["certconfig", "certificate", "print", "", ""])
    assert ("[]> print\r\n\r\n"
            "Service                                         Certificate\r\n"
            "----------------------------------------------  -----------\r\n"
            "Receiving (listener IncomingMail)               Demo\r\n"
            "Delivery (destination controls)                 mail\r\n"
            "HTTPS management access (interface Management)  Demo\r\n"
            "LDAPS                                           Demo\r\n"
            "Web Security Services client certificate        (none)\r\n\r\n"
            "Certificate chains:\r\n") in text
    assert ("\r\nmail\r\n  Certificate: /O=Peer/CN=mail.example.com\r\n"
            "      Issued by: /O=Test/CN=Test Intermediate CA\r\n") in text
    assert "  Intermediate 1: /O=Test/CN=Test Intermediate CA\r\n      Issued by: /O=Test/CN=Test Root CA\r\n" in text


def test_batch_arguments_answer_the_questions(appliance):
    text, session = drive(appliance, ["certconfig certificate new 1 mail mail.example.com n O U L S US 30 1 n",
                                      "", ""])
    profile = session.read("certificates").profiles["mail"]
    assert x509.describe(profile.certificate_pem).common_name == "mail.example.com"
    assert isinstance(profile, model.CertificateProfile)


def test_one_line_command_ends_after_its_operation(appliance):
    text, _ = drive(appliance, ["certconfig certificate print"])
    assert text.startswith(f"{PROMPT}certconfig certificate print\r\n\r\nService  ")
    assert text.endswith(f" GMT\r\n\r\n{PROMPT}") and "Choose the operation" not in text
