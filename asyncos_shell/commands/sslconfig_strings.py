"""Strings of ``sslconfig``.

V: tech notes 117855 ("Alter the Methods and Ciphers Used with SSL/TLS on the ESA") and 215282
("Configure TLSv1.0 on the Cisco ESA and CES"): the settings lines, the menu, the method and
cipher questions and the numbered TLS versions answered with a range (``1-3``).  The method
tokens (``tlsv1_2``) are V; their concatenation for several versions follows the older
``sslv2sslv3tlsv1`` form (R).  TLS v1.3 in the list (16.x), indentation, VERIFY's question and
the errors are R.
R, after a search of every release's ``cli/ctor/sslconfig.py``, ``cli/keywords/ssl_config.py``
and the GUI driver ``gui/admin/ssl_config*`` (ESA, SMA, WSA): none shows the command's help
line, the answers' error texts or VERIFY's question (the ctor types the cipher list at whatever
prompt follows VERIFY), and the 14.x GUI offers TLS v1.0 to v1.2 only, so TLS v1.3 stays ours.
S: "GUI HTTPS" and "outbound SMTP" are the words of the GUI and OUTBOUND docstrings of Cisco's QA
library (github dharma412/PythonClass, commit b79a424,
``csa/testlib/phoebe1411/cli/keywords/ssl_config.py``: "Edit GUI HTTPS ssl settings.", "The
outbound SMTP ssl method.").
"""
from __future__ import annotations

from .. import strings

STRINGS: dict[str, tuple[str, str]] = {
    "sslconfig.description": ("Configure SSL settings.", "R"),
    "sslconfig.settings": ("sslconfig settings:", "V"),
    "sslconfig.method": ("  {service} method: {methods}", "V"),
    "sslconfig.ciphers": ("  {service} ciphers:", "V"),
    "sslconfig.cipher": ("    {cipher}", "V"),
    "sslconfig.gui": ("GUI HTTPS", "V"),
    "sslconfig.inbound": ("Inbound SMTP", "V"),
    "sslconfig.outbound": ("Outbound SMTP", "V"),
    "sslconfig.op_gui": ("Edit GUI HTTPS ssl settings.", "V"),
    "sslconfig.op_inbound": ("Edit Inbound SMTP ssl settings.", "V"),
    "sslconfig.op_outbound": ("Edit Outbound SMTP ssl settings.", "V"),
    "sslconfig.op_verify": ("Verify and show ssl cipher list.", "V"),
    "sslconfig.question_gui": ("GUI HTTPS", "S"),
    "sslconfig.question_inbound": ("inbound SMTP", "V"),
    "sslconfig.question_outbound": ("outbound SMTP", "S"),
    "sslconfig.ask_method": ("Enter the {service} ssl method you want to use.", "V"),
    "sslconfig.ask_cipher": ("Enter the {service} ssl cipher you want to use.", "V"),
    "sslconfig.tlsv1_0": ("TLS v1.0", "V"),
    "sslconfig.tlsv1_1": ("TLS v1.1", "V"),
    "sslconfig.tlsv1_2": ("TLS v1.2", "V"),
    "sslconfig.tlsv1_3": ("TLS v1.3", "R"),
    "sslconfig.bad_method": ("Please enter one or more numbers from 1 to {high}, as a range "
                             "(2-3) or separated by commas.", "R"),
    "sslconfig.not_consecutive": ("The TLS versions must be consecutive: TLS v1.2 with TLS "
                                  "v1.0 needs TLS v1.1 too.", "R"),
    "sslconfig.bad_cipher": ("The cipher list \"{ciphers}\" does not select any cipher.", "R"),
    "sslconfig.ask_verify": ("Enter the ssl cipher you want to verify.", "R"),
}

strings.register(STRINGS)
