"""Strings of ``ldapconfig`` (cli.md §5.7).

S: substrings from Cisco's QA library (the NEW questions, ``No LDAP server configurations.``, the
hostname and port errors); S also: NEW's and SETUP's descriptions
are the docstrings of ``csa/testlib/phoebe1411/cli/keywords/ldap_config.py`` (github
dharma412/PythonClass, commit b79a424: "Create a new server configuration.", "Configure LDAP
options."; SETUP's interface parameter: "the IP interface for LDAP traffic."). R: chosen here.  Where the CLI selects the LDAPS client certificate
is unknown: here it is the third question of SETUP, from the 16.x profile.
"""
from __future__ import annotations

from .. import strings

STRINGS: dict[str, tuple[str, str]] = {
    "ldapconfig.description": ("Configure LDAP servers.", "R"),
    "ldapconfig.none": ("No LDAP server configurations.", "S"),
    "ldapconfig.current": ("Current LDAP server configurations:", "R"),
    "ldapconfig.item": ("{name}: ({hosts}:{port})", "R"),
    "ldapconfig.menu.new": ("Create a new server configuration.", "S"),
    "ldapconfig.menu.edit": ("Modify a server configuration.", "R"),
    "ldapconfig.menu.delete": ("Remove a server configuration.", "R"),
    "ldapconfig.menu.setup": ("Configure LDAP options.", "S"),
    "ldapconfig.menu.server": ("Change the server settings.", "R"),
    "ldapconfig.menu.name": ("Change the name of this server configuration.", "R"),
    "ldapconfig.menu.hostname": ("Change the hostname.", "R"),
    "ldapconfig.menu.port": ("Change the port.", "R"),
    "ldapconfig.menu.servertype": ("Change the server type.", "R"),
    "ldapconfig.menu.authtype": ("Change the authentication type.", "R"),
    "ldapconfig.menu.base": ("Change the base.", "R"),
    # NEW / SERVER
    "ldapconfig.name": ("Please create a name for this server configuration (Ex: \"PublicLDAP\"):",
                        "S"),
    "ldapconfig.hostname": ("Please enter the hostname or IP address of the LDAP server (several "
                            "separated by commas for failover):", "S"),
    "ldapconfig.ssl": ("Use SSL to connect to the LDAP server?", "S"),
    "ldapconfig.auth": ("Select the authentication method to use for this server configuration:",
                        "S"),
    # The QA library picks the authentication list item containing the words it is given (case
    # ignored): "Anonymous" (csa/testlib/phoebe1210/cli/ctor/ldapconfig.py's own example
    # ``authtype(auth_type='Anonymous')``) and, on a 14.0 appliance, "Passphrase based"
    # (csa/tests/zeus1400/csdl/ct1886_sec-log-nosens-3.robot, ``auth_type=Passphrase based``).
    "ldapconfig.auth.anonymous": ("Anonymous", "S"),
    "ldapconfig.auth.password": ("Passphrase based", "S"),
    "ldapconfig.bind_user": ("Please enter the bind username:", "S"),
    "ldapconfig.bind_password": ("Please enter the bind passphrase:", "S"),
    "ldapconfig.bind_password.keep": ("Please enter the bind passphrase. Press Enter to leave the "
                                      "passphrase unchanged:", "S"),
    "ldapconfig.bind_password.again": ("Please enter the new passphrase again:", "S"),
    "ldapconfig.validate": ("Connect to LDAP server to validate setting?", "S"),
    "ldapconfig.server_type": ("Select the server type to use for this server configuration:", "S"),
    "ldapconfig.port": ("Please enter the port number:", "S"),
    "ldapconfig.base": ("Please enter the base or enter NONE to search from the root of the "
                        "directory:", "S"),
    "ldapconfig.summary": ("Name: {name}\nHostname: {hosts} Port {port}\nServer Type: {type}\n"
                           "Authentication Type: {auth}\nBase: {base}", "R"),
    "ldapconfig.connected": ("Connection to LDAP server {host}:{port} succeeded.", "R"),
    "ldapconfig.not_connected": ("Unable to connect to LDAP server {host}:{port}.", "R"),
    # EDIT / DELETE / SETUP
    "ldapconfig.edit.server": ("Enter the name or number of the server configuration you wish "
                               "to edit.", "R"),
    "ldapconfig.delete.server": ("Enter the name or number of the server configuration you wish "
                                 "to delete.", "R"),
    "ldapconfig.delete.confirm": ("Are you sure you want to delete the server configuration "
                                  "\"{name}\"?", "S"),
    "ldapconfig.setup.interface": ("Choose the IP interface for LDAP traffic.", "S"),
    # SETUP's second answer in the QA library is yes or no; its keyword says what it means
    # ("treat group queries that fail to complete as having negative results", csa/testlib/
    # phoebe1411/cli/keywords/ldap_config.py): the question's words are ours.
    "ldapconfig.setup.negative": ("Should group queries that fail to complete be treated as "
                                  "having negative results?", "R"),
    "ldapconfig.setup.certificate": ("Choose the certificate to use for LDAPS connections:", "R"),
    # errors
    "ldapconfig.error.name_exists": ("A server configuration named \"{name}\" already exists.", "R"),
    "ldapconfig.error.hostname": ("The LDAP Server Hostname should be the hostname or IP address "
                                  "of the LDAP server.", "S"),
    "ldapconfig.error.port": ("The LDAP Server Port should be an integer from 1 to 65535.", "S"),
    "ldapconfig.usage": ("ldapconfig [new|edit|delete|setup] (the answers of the dialogue follow "
                         "in order)", "R"),
}

strings.register(STRINGS)
