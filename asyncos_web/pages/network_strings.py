"""Strings of Network > Listeners and Network > IP Interfaces (seed §3.4 [V] for the labels the
tech note prints)."""
from __future__ import annotations

from .. import strings

strings.register({
    "listeners.title": ("Listeners", "V"),
    "listeners.name": ("Name", "R"),
    "listeners.type": ("Type of Listener", "R"),
    "listeners.interface": ("Interface", "R"),
    "listeners.port": ("Port", "R"),
    "listeners.certificate": ("Certificate", "V"),
    "listeners.edit": ("Edit Listener", "R"),
    "listeners.saved": ("Listener \"{name}\" changed.", "R"),
    "interfaces.title": ("IP Interfaces", "V"),
    "interfaces.name": ("Interface Name", "R"),
    "interfaces.address": ("IP Address", "R"),
    "interfaces.hostname": ("Hostname", "R"),
    "interfaces.services": ("Services", "R"),
    "interfaces.edit": ("Edit IP Interface", "R"),
    "interfaces.port": ("Port", "R"),
    "interfaces.redirect": ("Redirect HTTP requests to HTTPS", "R"),
    "interfaces.https_certificate": ("HTTPS Certificate", "V"),
    "interfaces.port_in_use": ("Port {port} is already used by {user}.", "R"),
    "interfaces.saved": ("IP interface \"{name}\" changed.", "R"),
})
