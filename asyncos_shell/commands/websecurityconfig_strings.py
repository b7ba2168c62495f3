"""Strings of ``websecurityconfig`` (cli.md §5.8).

V: the client-certificate question (Cisco tech note on TLS certificates, seed-summary.md §3.4);
S: substrings from Cisco's QA library (phoebe1100); R: chosen here (the help line and usage:
no ctor, keyword or GUI driver of any release shows them).
"""
from __future__ import annotations

from .. import strings

STRINGS: dict[str, tuple[str, str]] = {
    "websecurityconfig.description": ("Configure web security services settings.", "R"),
    "websecurityconfig.enable": ("Enable URL Filtering?", "S"),
    "websecurityconfig.disable": ("Disable URL Filtering?", "S"),
    "websecurityconfig.client_certificate": ("Do you want to set client certificate for Cisco Web "
                                             "Security Services Authentication?", "V"),
    "websecurityconfig.certificate": ("Choose the certificate:", "S"),
    "websecurityconfig.tracking.enable": ("Do you wish to enable Web Interaction Tracking?", "S"),
    "websecurityconfig.tracking.disable": ("Do you wish to disable Web Interaction Tracking?", "S"),
    "websecurityconfig.usage": ("websecurityconfig (the answers of the dialogue may follow in "
                                "order)", "R"),
}

strings.register(STRINGS)
