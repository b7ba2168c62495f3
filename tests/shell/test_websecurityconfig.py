"""Exact transcripts of ``websecurityconfig`` (cli.md §5.8), in-process."""

from cluster import model
from harness import make_appliance, run_exec

from .certconfig_support import commit_edit, drive

P = "ironport.example.com> "
CERTIFICATES = """
Choose the certificate:
1. Demo
2. Lab
"""


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def with_lab_certificate(appliance):
    def change(session):
        profiles = session.edit("certificates").profiles
        profiles["Lab"] = model.CertificateProfile("Lab", profiles["Demo"].certificate_pem,
                                                   profiles["Demo"].key_pem)
    commit_edit(appliance, change)


def test_enable_url_filtering_with_a_client_certificate(tmp_path):
    appliance = make_appliance(tmp_path)
    with_lab_certificate(appliance)
    text, config = drive(appliance, ["websecurityconfig", "yes please", "y", "y", "3", "Lab", "y",
                                     "websecurityconfig", "", "", "y", "commit", "x", ""])
    assert text.startswith(crlf(P + """websecurityconfig

Enable URL Filtering? [N]> yes please
Please answer Y or N.

Enable URL Filtering? [N]> y

Do you want to set client certificate for Cisco Web Security Services Authentication? [N]> y
""" + CERTIFICATES + "[]> 3\nPlease enter a number from 1 to 2.\n" + CERTIFICATES + """[]> Lab

Do you wish to enable Web Interaction Tracking? [N]> y

""" + P + """websecurityconfig

Disable URL Filtering? [N]> 

Do you want to set client certificate for Cisco Web Security Services Authentication? [N]> 

Do you wish to disable Web Interaction Tracking? [N]> y

""" + P + "commit\n"))
    web = appliance.view().websecurity
    assert (web.url_filtering, web.client_certificate, web.web_interaction_tracking) == (
        True, "Lab", False)


def test_disable_url_filtering_asks_nothing_more(tmp_path):
    appliance = make_appliance(tmp_path)
    commit_edit(appliance, lambda s: setattr(s.edit("websecurity"), "url_filtering", True))
    text, config = drive(appliance, ["websecurityconfig", "y"])
    assert text == crlf(P + "websecurityconfig\n\nDisable URL Filtering? [N]> y\n\n" + P)
    assert config.view().websecurity.url_filtering is False


def test_batch_answers_in_order(tmp_path):
    appliance = make_appliance(tmp_path)
    with_lab_certificate(appliance)
    status, _, _ = run_exec(appliance, "websecurityconfig Y Y 2 N; commit x Y")
    assert status == 0
    web = appliance.view().websecurity
    assert (web.url_filtering, web.client_certificate) == (True, "Lab")
