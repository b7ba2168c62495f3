"""Words and messages several commands print alike, kept once so that the evidence for them
(and a correction) lands in one place.  Labels as in ``strings.py``; all are R here: the
appliance's status value words "Enabled" and "No" are seen elsewhere (``deliveryconfig``,
``certconfig``, ``rollbackconfig``, ``destconfig``), but not at these commands' places.
"""
from __future__ import annotations

from .. import strings

STRINGS: dict[str, tuple[str, str]] = {
    # status values (alertconfig, deliveryconfig, listenerconfig's policy summary, policyconfig)
    "shared.enabled": ("Enabled", "R"),
    "shared.disabled": ("Disabled", "R"),
    "shared.yes": ("Yes", "R"),
    "shared.no": ("No", "R"),
    "shared.off": ("Off", "R"),
    # a table written to /configuration (certconfig EXPORT, listenerconfig HAT/RAT EXPORT)
    "shared.file_written": ('File written on machine "{hostname}" to the location '
                            '"/configuration/{name}".', "R"),
    # a host answer that is neither a host name nor an IP address (logconfig push,
    # redirectrecipients, ntpconfig)
    "shared.bad_host": ("Please enter a valid hostname or IP address.", "R"),
    # a new passphrase typed twice differently (userconfig/passwd, ldapconfig, certconfig EXPORT)
    "shared.passphrase_mismatch": ("The passphrases do not match.", "R"),
    # grep's and findevent's pattern
    "shared.bad_regexp": ("Invalid regular expression: {error}", "R"),
}

strings.register(STRINGS)
