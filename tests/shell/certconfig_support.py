"""Helpers shared by the certconfig transcript tests."""
from __future__ import annotations

from typing import Sequence

from cluster import model
from cluster.session import ConfigSession
from harness import after_banner, run_session

PROMPT = "ironport.example.com> "
TOP_MENU = ("Choose the operation you want to perform:\r\n"
            "- CERTIFICATE - Import, Create a request, Edit or Remove Certificate Profiles\r\n"
            "- CERTAUTHORITY - Manage System and Customized Authorities\r\n"
            "- CRL - Manage Certificate Revocation Lists\r\n[]> ")
CERT_MENU = ("Choose the operation you want to perform:\r\n"
             "- IMPORT - Import a certificate from a local PKCS#12 file\r\n"
             "- PASTE - Paste a certificate into the CLI\r\n"
             "- NEW - Create a self-signed certificate and CSR\r\n"
             "- EDIT - Update certificate or view the signing request\r\n"
             "- EXPORT - Export a certificate\r\n"
             "- DELETE - Remove a certificate\r\n"
             "- PRINT - View certificates assigned to services\r\n[]> ")


def drive(appliance, lines: Sequence[str]) -> tuple[str, ConfigSession]:
    """Type ``lines`` into a session; returns the transcript from the first prompt on and the
    session's configuration (its pending changes survive the end of input)."""
    transcript = run_session(appliance, lines)
    return after_banner(transcript.text), transcript.cli.config


def pasted(*pems: str) -> list[str]:
    """The lines typed to paste PEM text, ending with the lone ``.``."""
    return "".join(pems).rstrip("\n").split("\n") + ["."]


def committed(appliance) -> model.Certificates:
    return appliance.view().certificates


def commit_edit(appliance, change) -> None:
    """Change the committed configuration directly: ``change(session)`` then commit."""
    session = appliance.new_session("admin")
    change(session)
    session.commit("test setup")


def add_profile(appliance, name: str, certificate_pem: str, key_pem: str,
                intermediates: Sequence[str] = (), csr_pem: str = "") -> None:
    commit_edit(appliance, lambda s: s.edit("certificates").profiles.__setitem__(
        name, model.CertificateProfile(name, certificate_pem, key_pem, list(intermediates),
                                       csr_pem)))
