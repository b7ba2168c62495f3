"""Exact transcripts of ``ldapconfig`` (cli.md §5.7), in-process."""
import socket

from cluster import model
from harness import make_appliance

from .certconfig_support import commit_edit, drive

P = "ironport.example.com> "
NAME_Q = '\nPlease create a name for this server configuration (Ex: "PublicLDAP"):\n'
HOST_Q = ("\nPlease enter the hostname or IP address of the LDAP server (several separated by "
          "commas for failover):\n[]> ")
AUTH = """
Select the authentication method to use for this server configuration:
1. Anonymous
2. Passphrase based
"""
TYPES = """
Select the server type to use for this server configuration:
1. Active Directory
2. OpenLDAP
3. Unknown or Other
"""
SERVER_MENU = """
Choose the operation you want to perform:
- SERVER - Change the server settings.
[]> """
SETTINGS_MENU = """
Choose the operation you want to perform:
- NAME - Change the name of this server configuration.
- HOSTNAME - Change the hostname.
- PORT - Change the port.
- SERVERTYPE - Change the server type.
- AUTHTYPE - Change the authentication type.
- BASE - Change the base.
[]> """


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def test_new_server_with_ldaps_and_bad_answers(tmp_path):
    appliance = make_appliance(tmp_path)
    commit_edit(appliance, lambda s: s.edit("ldap").servers.update(
        {"Corp": model.LdapServer("Corp", ["ldap.corp.example.com"])}))
    text, config = drive(appliance, [
        "ldapconfig", "new", "Public LDAP", "Corp", "PublicLDAP", "bad host,", "ldap.example.com",
        "y", "2", "", "cn=bind", "pw1", "pw2", "pw1", "pw1", "n", "1", "x", "", "NONE", "", ""])
    assert text.startswith(crlf(P + """ldapconfig

Current LDAP server configurations:
1. Corp: (ldap.corp.example.com:389)

Choose the operation you want to perform:
- NEW - Create a new server configuration.
- EDIT - Modify a server configuration.
- DELETE - Remove a server configuration.
- SETUP - Configure LDAP options.
[]> new
""" + NAME_Q + "[]> Public LDAP\nThe server configuration name may contain only letters, numbers,"
        " \"-\" and \"_\".\n" + NAME_Q + "[]> Corp\nA server configuration named \"Corp\" already "
        "exists.\n" + NAME_Q + "[]> PublicLDAP\n" + HOST_Q + "bad host,\nThe LDAP Server Hostname "
        "should be the hostname or IP address of the LDAP server.\n" + HOST_Q + """ldap.example.com

Use SSL to connect to the LDAP server? [N]> y
""" + AUTH + """[1]> 2

Please enter the bind username:
[]> 
You must enter a value.

Please enter the bind username:
[]> cn=bind

Please enter the bind passphrase:
[]> 

Please enter the new passphrase again:
[]> 
The passphrases do not match.

Please enter the bind passphrase:
[]> 

Please enter the new passphrase again:
[]> 

Connect to LDAP server to validate setting? [Y]> n
""" + TYPES + """[3]> 1

Please enter the port number:
[3269]> x
The LDAP Server Port should be an integer from 1 to 65535.

Please enter the port number:
[3269]> 

Please enter the base or enter NONE to search from the root of the directory:
[dc=example,dc=com]> NONE

Name: PublicLDAP
Hostname: ldap.example.com Port 3269
Server Type: Active Directory
Authentication Type: password
Base: 
""" + SERVER_MENU + """

Current LDAP server configurations:
1. Corp: (ldap.corp.example.com:389)
2. PublicLDAP: (ldap.example.com:3269)
"""))
    assert config.view().ldap.servers["PublicLDAP"] == model.LdapServer(
        "PublicLDAP", ["ldap.example.com"], 3269, True, "password", "cn=bind", "pw1",
        "Active Directory", "")


def test_validate_setting_connects_to_the_server(tmp_path):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    closed_port = closed.getsockname()[1]  # bound, not listening: connection refused
    try:
        text, _ = drive(make_appliance(tmp_path), [
            "ldapconfig", "new", "Up", "127.0.0.1", "n", "", "y", "2", str(port), "",
            "", "new", "Down", "127.0.0.1", "n", "", "y", "2", str(closed_port), "", "", ""])
    finally:
        listener.close()
        closed.close()
    assert f"\r\nConnection to LDAP server 127.0.0.1:{port} succeeded.\r\n\r\nName: Up\r\n" in text
    assert f"\r\nUnable to connect to LDAP server 127.0.0.1:{closed_port}.\r\n\r\nName: Down\r\n" in text


def test_edit_server_settings(tmp_path):
    appliance = make_appliance(tmp_path)
    commit_edit(appliance, lambda s: s.edit("ldap").servers.update({
        "Corp": model.LdapServer("Corp", ["ldap.corp.example.com"]),
        "Other": model.LdapServer("Other", ["10.0.0.5"])}))
    text, config = drive(appliance, [
        "ldapconfig", "edit", "3", "Corp", "server", "name", "Other", "Main", "port", "70000",
        "1389", "authtype", "2", "cn=x", "pw", "pw", "y", "", "hostname", "a.example.com, 10.0.0.6",
        "servertype", "2", "base", "", "", "", ""])
    assert crlf("""[]> edit

Enter the name or number of the server configuration you wish to edit.
1. Corp
2. Other
[]> 3
Please enter a number from 1 to 2.

Enter the name or number of the server configuration you wish to edit.
1. Corp
2. Other
[]> Corp

Name: Corp
Hostname: ldap.corp.example.com Port 389
Server Type: OpenLDAP
Authentication Type: anonymous
Base: 
""" + SERVER_MENU + "server\n" + SETTINGS_MENU + "name\n" + NAME_Q + "[Corp]> Other\n"
                "A server configuration named \"Other\" already exists.\n" + NAME_Q
                + "[Corp]> Main\n" + SETTINGS_MENU + """port

Please enter the port number:
[389]> 70000
The LDAP Server Port should be an integer from 1 to 65535.

Please enter the port number:
[389]> 1389
""" + SETTINGS_MENU + "authtype\n" + AUTH + "[1]> 2\n") in text
    assert crlf("""Use SSL to connect to the LDAP server? [N]> y

Please enter the port number:
[1389]> 
""") in text
    server = config.view().ldap.servers["Main"]
    assert list(config.view().ldap.servers) == ["Main", "Other"]
    assert (server.hostnames, server.port, server.use_ssl, server.auth_method, server.server_type,
            server.base) == (["a.example.com", "10.0.0.6"], 1389, True, "password", "OpenLDAP",
                             "dc=example,dc=com")


def test_setup_chooses_interface_and_ldaps_certificate_then_delete(tmp_path):
    appliance = make_appliance(tmp_path)
    commit_edit(appliance, lambda s: s.edit("ldap").servers.update(
        {"Corp": model.LdapServer("Corp", ["ldap.corp.example.com"])}))
    text, config = drive(appliance, ["ldapconfig", "setup", "2", "y", "2", "1", "delete", "nope",
                                     "Corp", "n", "delete", "1", "y", "", "commit", "x", ""])
    assert crlf("""[]> setup

Choose the IP interface for LDAP traffic.
1. Auto
2. Management (127.0.0.1/8: ironport.example.com)
[1]> 2

Should group queries that fail to complete be treated as having negative results? [N]> y

Choose the certificate to use for LDAPS connections:
1. Demo
[1]> 2
Please enter a number from 1 to 1.

Choose the certificate to use for LDAPS connections:
1. Demo
[1]> 1
""") in text
    assert crlf("""[]> nope
Please enter a number from 1 to 1.

Enter the name or number of the server configuration you wish to delete.
1. Corp
[]> Corp

Are you sure you want to delete the server configuration "Corp"? [N]> n
""") in text
    assert crlf("[]> 1\n\nAre you sure you want to delete the server configuration \"Corp\"? "
                "[N]> y\n\nNo LDAP server configurations.\n") in text
    ldap = appliance.view().ldap
    assert (ldap.interface, ldap.certificate, ldap.servers) == ("Management", "Demo", {})
    assert ldap.failures_negative


def test_setup_before_16_asks_the_two_questions_the_qa_library_answers(tmp_path):
    """ESA 11.0-14.1: the interface, then yes or no; the next Enter leaves ldapconfig."""
    appliance = make_appliance(tmp_path, profile="14.x")
    text, config = drive(appliance, ["ldapconfig", "setup", "Management", "No", ""])
    assert crlf("""[1]> Management

Should group queries that fail to complete be treated as having negative results? [N]> No

No LDAP server configurations.

Choose the operation you want to perform:
- NEW - Create a new server configuration.
- SETUP - Configure LDAP options.
[]> 
""") in text
    assert "certificate" not in text
    assert config.view().ldap.interface == "Management"
