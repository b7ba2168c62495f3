"""The tech note's GUI path in a real browser (headless Chromium) against a real appliance of a
lab file with a peer MTA: certificate, signing, services, TLS, commit; then the mail flow and
the served chains are checked with ``openssl s_client`` and ``swaks``.  Also roles, CSRF, CLI and
GUI sessions side by side, and each bad input.  The walkthrough's screenshots are
``docs/lab-gui-images/``, shown by ``docs/lab-gui.md``; regenerate them with
``LAB_GUI_RECORD=1 python -m pytest tests/e2e/test_gui_browser.py``.

One browser and one appliance for the module; the tests run in file order (the later ones use
the certificate the first one made)."""
from __future__ import annotations

import http.client
import os
import re
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from .conftest import REPOSITORY, SSH_OPTIONS, launch
from .gui_browser import IMAGES, Browser, available

pytestmark = pytest.mark.skipif(not available(), reason="chromium and chromedriver are needed")

LABCA = REPOSITORY / "scripts" / "labca"
ESA = "127.0.0.2"
PEER = "127.0.0.6"
PEM = re.compile(r"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----\n", re.S)
LAB = """
[[appliance]]
hostname = "esa1.example.com"
address = "127.0.0.2"
serial = "4229A1B2C3D4-ESA0001"

[[peer]]
name = "good"
address = "127.0.0.6"
port = {peer_port}
mode = "good"
hostname = "good.example.net"
ca = "{ca}"
"""


def free_port(address: str) -> int:
    with socket.socket() as probe:
        probe.bind((address, 0))
        return probe.getsockname()[1]


class Lab:
    def __init__(self, server, directory: Path, peer_port: int):
        self.server, self.directory, self.peer_port = server, directory, peer_port
        self.ca = directory / "labca"

    @property
    def https(self) -> int:
        return 443 + self.server.port_offset

    @property
    def smtp(self) -> int:
        return 25 + self.server.port_offset

    def cli(self, command: str, user: str = "admin", password: str = "ironport") -> str:
        result = subprocess.run(
            ["sshpass", "-p", password, "ssh", "-p", str(self.server.ssh_port), *SSH_OPTIONS,
             f"{user}@{ESA}", command], capture_output=True, timeout=60)
        return result.stdout.decode()

    def log(self, name: str) -> str:
        folder = self.server.state_dir / "esa1.example.com" / "logs" / name
        return "".join(p.read_text() for p in folder.glob("*.current"))

    def wait_for_line(self, name: str, pattern: str, timeout: float = 10) -> str:
        """The log ``name`` once a line matches ``pattern`` (the appliance writes its logs a
        moment after the page that caused them has been answered)."""
        deadline = time.monotonic() + timeout
        while not re.search(pattern, text := self.log(name)) and time.monotonic() < deadline:
            time.sleep(0.1)
        return text


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    directory = tmp_path_factory.mktemp("gui-lab")
    subprocess.run([sys.executable, str(LABCA), "init", str(directory / "labca")], check=True,
                   capture_output=True)
    peer_port = free_port(PEER)
    (directory / "lab.toml").write_text(LAB.format(peer_port=peer_port, ca=directory / "labca"))
    with launch(directory / "state", arguments=("--lab", str(directory / "lab.toml"))) as server:
        yield Lab(server, directory, peer_port)


@pytest.fixture(scope="module")
def browser(lab, tmp_path_factory):
    """Screenshots go to a temporary directory, or with ``LAB_GUI_RECORD=1`` to
    ``docs/lab-gui-images/`` (regenerating the pictures of ``docs/lab-gui.md``)."""
    downloads = tmp_path_factory.mktemp("downloads")
    images = IMAGES if os.environ.get("LAB_GUI_RECORD") else tmp_path_factory.mktemp("shots")
    browser = Browser(downloads, images)
    browser.base = f"https://{ESA}:{lab.https}"
    yield browser
    browser.close()


def served_chain(port: int, *options: str) -> list[str]:
    out = subprocess.run(["openssl", "s_client", "-connect", f"{ESA}:{port}", "-showcerts",
                          *options], input=b"QUIT\n", capture_output=True, timeout=20)
    return PEM.findall(out.stdout.decode())


def log_in(browser: Browser, user: str = "admin", password: str = "ironport") -> None:
    """A fresh login whatever the last test left: its session cookie is dropped first."""
    browser.open("/login")
    browser.driver.delete_all_cookies()
    browser.open("/login")
    browser.type("username", user)
    browser.type("password", password)
    browser.click("login")


def log_out(browser: Browser) -> None:
    browser.click("logout")


def test_the_tech_notes_gui_path(lab, browser):
    log_in(browser)
    assert browser.heading == "System Status"
    browser.shot("01-logged-in")

    # Network > Certificates > Add Certificate > Create Self-Signed Certificate > Next > Submit
    browser.menu("Network", "Certificates")
    browser.shot("02-certificates")
    browser.click("add-certificate")
    browser.choose("kind", "Create Self-Signed Certificate")
    for field, value in [("name", "mail"), ("common_name", "esa1.example.com"),
                         ("organization", "Example"), ("unit", "Mail"),
                         ("locality", "San Jose"), ("state", "CA"), ("country", "US")]:
        browser.type(field, value)
    browser.shot("03-add-certificate")
    browser.click("next")
    assert browser.heading == "View Certificate" and "CN=esa1.example.com" in browser.text
    browser.shot("04-view-certificate")
    browser.click("submit")
    assert browser.commit_link() == "Commit Changes"
    browser.commit("self-signed certificate for esa1", shot="05-commit-changes")

    # the certificate's page: Download Certificate Signing Request
    browser.menu("Network", "Certificates")
    browser.click("certificate-mail")
    assert "Signing request pending" in browser.text
    browser.shot("06-edit-certificate")
    browser.download("download-csr")
    csr = browser.downloaded("mail.csr.pem")

    # the CA signs it: the certificate, then its intermediate
    signed = subprocess.run([sys.executable, str(LABCA), "sign", str(lab.ca), str(csr)],
                            check=True, capture_output=True, text=True).stdout
    leaf, intermediate = PEM.findall(signed)
    (lab.directory / "mail.pem").write_text(leaf)
    (lab.directory / "intermediate.pem").write_text(intermediate)

    browser.upload("signed", lab.directory / "mail.pem")
    browser.upload("intermediate", lab.directory / "intermediate.pem")
    browser.shot("07-upload-signed-certificate")
    browser.click("submit")
    assert 'Certificate "mail" updated' in browser.notice()
    browser.shot("08-certificate-signed")

    # trust the lab CA for the verified delivery (Edit Certificate Authorities)
    browser.click("edit-authorities")
    browser.upload("import", lab.ca / "root-ca.pem")
    browser.shot("09-certificate-authorities")
    browser.click("submit")
    browser.commit("signed certificate and the lab CA")

    # Network > Listeners: the Certificate drop-down
    browser.menu("Network", "Listeners")
    browser.click("listener-IncomingMail")
    browser.choose("certificate", "mail")
    browser.shot("10-listener-certificate")
    browser.click("submit")

    # Network > IP Interfaces: hostname and HTTPS Certificate
    browser.menu("Network", "IP Interfaces")
    browser.click("interface-Management")
    browser.type("hostname", "esa1.example.com")
    browser.choose("https_certificate", "mail")
    browser.shot("11-interface-https-certificate")
    browser.click("submit")

    # System Administration > LDAP > Edit Settings: the certificate
    browser.menu("System Administration", "LDAP")
    browser.click("edit-settings")
    browser.choose("certificate", "mail")
    browser.shot("12-ldap-certificate")
    browser.click("submit")

    # Mail Policies > Mail Flow Policies > Default Policy Parameters: TLS Preferred
    browser.menu("Mail Policies", "Mail Flow Policies")
    browser.click("default-parameters")
    browser.check("tls-on")
    browser.shot("13-default-policy-tls-preferred")
    browser.click("submit")
    # this machine (127.0.0.1) is in RELAYLIST, whose policy RELAYED has TLS Off: use the default
    browser.menu("Mail Policies", "HAT Overview")
    assert "127.0.0.1" in browser.text
    browser.shot("14-hat-overview")
    browser.menu("Mail Policies", "Mail Flow Policies")
    browser.click("policy-RELAYED")
    browser.check("tls-")
    browser.shot("15-relayed-policy-tls-default")
    browser.click("submit")

    # Mail Policies > Destination Controls: the certificate, then Add Destination (Required - Verify)
    browser.menu("Mail Policies", "Destination Controls")
    browser.click("edit-global")
    browser.choose("certificate", "mail")
    browser.check("tls_alert")
    browser.shot("16-destination-global-settings")
    browser.click("submit")
    browser.click("add-destination")
    browser.type("domain", "good.example.net")
    browser.choose("tls", "Required - Verify")
    browser.shot("17-add-destination")
    browser.click("submit")
    assert "Required - Verify" in browser.text
    browser.shot("18-destination-controls")
    browser.commit("TLS: listener, HTTPS, LDAP, policies, destination",
                   shot="19-commit-tls-settings")

    # the listener and the GUI itself now present the signed certificate and its intermediate
    assert served_chain(lab.smtp, "-starttls", "smtp") == [leaf, intermediate]
    assert served_chain(lab.https) == [leaf, intermediate]
    context = ssl.create_default_context(cafile=str(lab.ca / "root-ca.pem"))
    context.check_hostname = False
    page = http.client.HTTPSConnection(ESA, lab.https, context=context, timeout=10)
    page.request("GET", "/login")
    assert page.getresponse().status == 200
    page.close()
    view = lab.cli("showconfig 1")
    assert "good.example.net" in view

    # mail to the destination reaches the peer over verified TLS
    lab.cli(f"smtproutes new good.example.net {PEER}:{lab.peer_port}; commit 'to the peer' Y")
    subprocess.run(["swaks", "--server", f"{ESA}:{lab.smtp}", "--from", "alice@example.com",
                    "--to", "bob@good.example.net", "--header", "Subject: GUI lab"],
                   check=True, capture_output=True, timeout=30)
    delivered = re.compile(r"DCID (\d+) TLS success protocol TLSv1\.[23] cipher \S+\n"
                           r".* DCID \1 TLS certificate verified for good\.example\.net\n"
                           r".* Delivery start DCID \1 MID \d+ to RID \[0\]\n"
                           r".* Message done DCID \1 ")
    deadline = time.monotonic() + 30
    while not delivered.search(lab.log("mail_logs")) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert delivered.search(lab.log("mail_logs")), lab.log("mail_logs")
    assert any((lab.server.state_dir / "peers" / "good").iterdir())    # the peer has the mail
    # Monitor > Message Tracking: the message, from its connection to its verified delivery
    browser.menu("Monitor", "Message Tracking")
    browser.type("recipient", "good.example.net")
    browser.click("search")
    browser.shot("20-message-tracking")
    browser.link("1")
    assert "TLS certificate verified for good.example.net" in browser.text
    browser.shot("21-message-details")


def test_read_only_operator_cannot_commit_and_guest_cannot_configure(lab, browser):
    added = lab.cli('userconfig add viewer "Read Only" readonly Readonly9x!; '
                    'userconfig add visitor "Guest" guest Guest7qpx!; commit users Y')
    assert "Changes committed" in added, added
    log_out(browser)
    log_in(browser, "viewer", "Readonly9x!")
    browser.menu("Mail Policies", "Destination Controls")
    browser.click("edit-global")
    browser.check("tls_alert", False)
    browser.click("submit")
    browser.click("commit-link")
    browser.click("commit")
    assert "You do not have permission to commit changes" in browser.text
    browser.shot("22-read-only-operator-cannot-commit")
    log_out(browser)
    log_in(browser, "visitor", "Guest7qpx!")
    browser.open("/network/certificates")
    assert "You do not have permission to access this page." in browser.text
    log_out(browser)
    auth = lab.wait_for_line("authentication", r"logout:127\.0\.0\.1 user:visitor")
    assert ("The user viewer successfully logged on from 127.0.0.1 with privilege readonly "
            "using an HTTPS connection.") in auth
    assert re.search(r"logout:127\.0\.0\.1 user:visitor session:\w{20}", auth)


def test_a_post_without_the_csrf_token_is_refused(lab, browser):
    log_in(browser)
    session = browser.driver.get_cookie("sid")["value"]
    connection = http.client.HTTPSConnection(ESA, lab.https, timeout=10,
                                             context=ssl._create_unverified_context())
    connection.request("POST", "/mail_policies/destinations/global",
                       body=urlencode({"certificate": "Demo", "tls_alert": ""}),
                       headers={"Cookie": f"sid={session}",
                                "Content-Type": "application/x-www-form-urlencoded"})
    response = connection.getresponse()
    assert response.status == 403 and b"invalid CSRF token" in response.read()
    connection.close()
    browser.open("/commit")
    assert "There are no changes to commit." in browser.text
    log_out(browser)


def test_cli_and_gui_sessions_keep_separate_pending_changes(lab, browser):
    log_in(browser)
    browser.menu("Mail Policies", "Destination Controls")
    browser.click("add-destination")
    browser.type("domain", "gui-only.example.net")
    browser.click("submit")
    assert browser.commit_link() == "Commit Changes"
    # a CLI session sees neither the GUI's pending entry nor anything to commit
    cli = lab.cli("destconfig list; commit")
    assert "gui-only.example.net" not in cli and "There is no data to commit." in cli
    browser.commit("from the GUI")
    assert "gui-only.example.net" in lab.cli("showconfig 1")
    log_out(browser)


def test_bad_inputs_come_back_marked_with_the_appliances_message(lab, browser):
    log_in(browser)
    browser.open("/network/certificates/add")
    browser.type("name", "bad name!")
    browser.type("country", "XX")
    browser.click("next")
    assert browser.field_error("name") == "Symbols are not allowed."
    assert browser.field_error("common_name") == "This field is required."
    assert browser.field_error("country") == \
        "Country should be a ISO two character country code"
    browser.shot("23-bad-input-missing-fields")
    browser.type("name", "Demo")          # the factory certificate: there whatever ran before
    browser.click("next")
    assert browser.field_error("name") == 'A certificate named "Demo" already exists.'

    browser.choose("kind", "Import Certificate")
    browser.type("name", "imported")
    p12 = lab.directory / "peer.p12"
    subprocess.run([sys.executable, str(LABCA), "issue", str(lab.ca), "peer.example.net",
                    "--out", str(lab.directory / "peer"), "--p12", str(p12), "--passphrase",
                    "right"], check=True, capture_output=True)
    browser.upload("file", p12)
    browser.type("password", "wrong")
    browser.click("next")
    assert browser.field_error("password") == "Invalid pass phrase or corrupt PKCS#12 file."
    browser.shot("24-bad-input-pkcs12-password")

    browser.open("/network/certificates/profile/Demo")
    not_pem = lab.directory / "not-a-certificate.pem"
    not_pem.write_text("hello\n")
    browser.upload("signed", not_pem)
    browser.click("submit")
    assert browser.field_error("signed") == "Invalid certificate...discarding"
    browser.upload("signed", lab.directory / "peer.pem")
    browser.click("submit")
    assert browser.field_error("signed") == "Private key does not sign certificate...discarding"
    browser.shot("25-bad-input-key-mismatch")
    browser.open("/commit")
    assert "There are no changes to commit." in browser.text     # nothing half-changed
    log_out(browser)
