"""Strings of System Administration > LDAP and Security Services > URL Filtering (seed §3.4
[V] for the labels the tech note prints)."""
from __future__ import annotations

from .. import strings

strings.register({
    "ldap.title": ("LDAP", "V"),
    "ldap.global": ("LDAP Global Settings", "V"),
    "ldap.edit": ("Edit Settings...", "V"),
    "ldap.edit.title": ("Edit LDAP Global Settings", "R"),
    "ldap.interface": ("Interface:", "R"),
    "ldap.auto": ("Auto", "R"),
    "ldap.certificate": ("Certificate:", "V"),
    "ldap.servers": ("LDAP Server Profiles", "R"),
    "ldap.server": ("Server Profile", "R"),
    "ldap.hosts": ("Hostnames", "R"),
    "ldap.none": ("No LDAP server profiles are defined.", "R"),
    "ldap.saved": ("LDAP global settings changed.", "R"),
    "url.title": ("URL Filtering", "R"),
    "url.enabled": ("URL Filtering:", "R"),
    "url.client_certificate": ("Client Certificate for Cisco Web Security Services "
                               "Authentication:", "R"),
    "url.none": ("None", "R"),
    "url.saved": ("URL filtering settings changed.", "R"),
})
