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
S, per release (same repository): the renegotiation question holds the fragments the ctor
matches, "TLS Renegotiation for GUI HTTPS" and "TLS Renegotiation for inbound SMTP"
(``csa/testlib/phoebe1300/cli/ctor/sslconfig.py`` to ``phoebe1411``; its leading words "Do you
want to enable" and its yes/no form are ours, R in substance); the words OTHER_CLIENT_TLSV10,
PEER_CERT_FQDN, PEER_CERT_X509, ENABLE and DISABLE are the ctor's (``phoebe1387`` to
``phoebe1411``).  "Enable peer certificate FQDN validation" and "Disable peer certificate FQDN
validation" are the sub-menu texts the SMA ctor of the same CLI framework tells the state by
(``csa/testlib/zeus1400/cli/ctor/sslconfig.py``, ``peer_cert_fqdn_status``: only the change is
listed).  The three new operations' descriptions are the docstrings of their keywords
(``csa/testlib/phoebe1387/cli/keywords/ssl_config.py``: "Edit PEER_CERT_FQDN ssl settings."), as
the GUI, INBOUND, OUTBOUND and VERIFY docstrings there are those operations' menu texts.
R: the X.509 and TLS v1.0 sub-menu texts, by analogy with the FQDN ones and the GUI labels "Peer Certificate X509 Validation" and "Other TLS
Client Services" (``csa/testlib/phoebe1387/gui/admin/ssl_config_def/ssl_config_settings.py``).
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
    "sslconfig.ask_renegotiation": ("Do you want to enable TLS Renegotiation for {service}?",
                                    "S"),
    "sslconfig.op_other_client_tlsv10": ("Edit OTHER_CLIENT_TLSV10 ssl settings.", "S"),
    "sslconfig.op_peer_cert_fqdn": ("Edit PEER_CERT_FQDN ssl settings.", "S"),
    "sslconfig.op_peer_cert_x509": ("Edit PEER_CERT_X509 ssl settings.", "S"),
    "sslconfig.enable_other_client_tlsv10": ("Enable TLS v1.0 for other TLS client services.",
                                             "R"),
    "sslconfig.disable_other_client_tlsv10": ("Disable TLS v1.0 for other TLS client services.",
                                              "R"),
    "sslconfig.enable_peer_cert_fqdn": ("Enable peer certificate FQDN validation.", "S"),
    "sslconfig.disable_peer_cert_fqdn": ("Disable peer certificate FQDN validation.", "S"),
    "sslconfig.enable_peer_cert_x509": ("Enable peer certificate X509 validation.", "R"),
    "sslconfig.disable_peer_cert_x509": ("Disable peer certificate X509 validation.", "R"),
}

strings.register(STRINGS)
