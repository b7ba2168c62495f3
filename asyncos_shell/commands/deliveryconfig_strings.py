"""Strings of ``deliveryconfig`` (cli.md §5.3, corrections item 15).

V: Cisco tech note 118601 (a full transcript, AsyncOS 9-era); S: Cisco's QA library (the 13.0+
question about falling back to plain text); R: chosen here.
"""
from __future__ import annotations

from .. import strings

STRINGS: dict[str, tuple[str, str]] = {
    "deliveryconfig.description": ("Configure mail delivery.", "R"),
    "deliveryconfig.interface": ("Default interface to deliver mail: {value}", "V"),
    "deliveryconfig.possible": ("\"Possible Delivery\": {value}", "V"),
    "deliveryconfig.concurrency": ("Default system wide maximum outbound message delivery "
                                   "concurrency: {value}", "V"),
    "deliveryconfig.tls_concurrency": ("Default system wide TLS maximum outbound message delivery "
                                       "concurrency: {value}", "V"),
    "deliveryconfig.fallback": ("Should an attempt to connect without TLS be made when TLS "
                                "concurrency limit has been reached: {value}", "S"),
    "deliveryconfig.enabled": ("Enabled", "V"),
    "deliveryconfig.menu.setup": ("Configure mail delivery.", "V"),
    "deliveryconfig.setup.interface": ("Choose the default interface to deliver mail.", "V"),
    "deliveryconfig.setup.possible": ("Enable \"Possible Delivery\" (recommended)?", "V"),
    "deliveryconfig.setup.concurrency": ("Please enter the default system wide maximum outbound "
                                         "message delivery concurrency.", "V"),
    "deliveryconfig.setup.tls_concurrency": ("Please enter the default system wide TLS maximum "
                                             "outbound message delivery concurrency.", "V"),
    "deliveryconfig.setup.fallback": ("Should an attempt to connect without TLS be made when TLS "
                                      "concurrency limit has been reached?", "S"),
    "deliveryconfig.usage": ("deliveryconfig [setup <interface> <Y|N> <concurrency> "
                             "<TLS concurrency> <Y|N>]", "R"),
}

strings.register(STRINGS)
