"""Strings of ``tlsverify`` (cli.md §5.10, mail-logs.md §7.5).

The dialogue and the success conversation are a recollection of the CLI reference (R); the
failure lines are chosen here (R).  Cisco's QA library (github dharma412/PythonClass, commit
b79a424) has no tlsverify driver in any ESA, SMA or WSA release, and none of these lines occurs
in its GUI drivers or robot tests, so nothing here could be checked against it.
"""
from __future__ import annotations

from .. import strings

STRINGS: dict[str, tuple[str, str]] = {
    "tlsverify.description": ("Test and verify a TLS connection to a remote MTA.", "V"),
    "tlsverify.domain": ("Enter the TLS domain to verify against:", "R"),
    "tlsverify.host": ("Enter the destination host to connect to.  Append the port "
                       "(example.com:26) if you are not connecting on port 25:", "R"),
    "tlsverify.bad_host": ("The destination must be a host name or IP address, optionally "
                           "followed by :port.", "R"),
    "tlsverify.unavailable": ("Unable to verify TLS: mail services are not running.", "R"),
    # the conversation, one line per event of the SMTP core's TLS check
    "tlsverify.connecting": ("Connecting to {address} on port {port}.", "R"),
    "tlsverify.connect_failed": ("Connection to {address} failed: {details}", "R"),
    "tlsverify.connected": ("Connected to {address} from interface {interface}.", "R"),
    "tlsverify.checking": ("Checking TLS connection.", "R"),
    "tlsverify.no_starttls": ("The remote host {host} does not support TLS (STARTTLS was not "
                              "offered).", "R"),
    "tlsverify.starttls_refused": ("STARTTLS was refused: {reply}", "R"),
    "tlsverify.handshake_failed": ("TLS connection to {address} failed: {details}", "R"),
    "tlsverify.established": ("TLS connection established: protocol {protocol}, cipher "
                              "{cipher}.", "R"),
    "tlsverify.verifying": ("Verifying peer certificate.", "R"),
    "tlsverify.verifying_name": ("Verifying certificate common name {name}.", "R"),
    "tlsverify.name_match": ("TLS certificate match {name}", "R"),
    "tlsverify.verified": ("TLS certificate verified.", "R"),
    "tlsverify.verify_failed": ("TLS certificate verification failed: {reason}.", "R"),
    "tlsverify.tls_ok": ("TLS connection to {address} succeeded.", "R"),
    "tlsverify.success": ("TLS successfully connected to {host}.", "R"),
    "tlsverify.failure": ("TLS verification of {host} failed.", "R"),
    "tlsverify.completed": ("TLS verification completed.", "R"),
}

strings.register(STRINGS)
