"""interfaceconfig: listing, NEW, EDIT (rename, services, HTTPS certificate); DELETE of an
interface in use is in test_interfaceconfig_delete.py."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_listenerconfig import PROMPT, committed, contains, crlf, session, starts  # noqa: E402
from harness import force_commit, make_appliance  # noqa: E402

from asyncos_shell.engine import registry  # noqa: E402

MENU = """
Choose the operation you want to perform:
- NEW - Create a new interface.
- EDIT - Modify an interface.
- DELETE - Remove an interface.
[]> """
TOP = """
Currently configured interfaces:
1. Management (127.0.0.1/8 on Management: ironport.example.com)
""" + MENU
# EDIT of Management up to the services, every answer the default.
EDIT_DEFAULTS = ["", "", "", "", "", "", "", ""]


def interfaces(appliance):
    return committed(appliance).interfaces


def add_certificate(appliance, name):
    config = appliance.committed().copy()
    profiles = config.resolve("certificates", appliance.machine).profiles
    demo = profiles["Demo"]
    profiles[name] = type(demo)(name, demo.certificate_pem, demo.key_pem)
    force_commit(appliance, config, "second certificate")


def test_listing_and_restricted_to_machine_mode(tmp_path):
    text = session(make_appliance(tmp_path), ["interfaceconfig", ""])
    assert text == crlf(PROMPT + "interfaceconfig\n" + TOP + "\n\n" + PROMPT)
    registry.load_all()
    assert registry.lookup("interfaceconfig").restricted == "machine"


def test_new_interface_with_bad_answers(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, [
        "interfaceconfig", "new", "", "Management", "Data1", "", "10.0.0.300", "127.0.0.1",
        "10.0.0.5", "255.255.0.0", "y", "2001:db8::5/64", "2001:db8::5", "", "2", "bad", "mail.example.com",
        "y", "helo.example.com", "", "", "y", "80000", "2222", "", "y", "2222", "80", "y", "",
        "", "", "", "commit", "", ""])
    starts(text, PROMPT + "interfaceconfig\n" + TOP + """new

Please enter a name for this IP interface (Ex: "InternalNet"):
[]> 
You must enter a value.

Please enter a name for this IP interface (Ex: "InternalNet"):
[]> Management
The name "Management" is already in use by another interface.

Please enter a name for this IP interface (Ex: "InternalNet"):
[]> Data1

Would you like to configure an IPv4 address for this interface (y/n)? [Y]> 

IPv4 Address (Ex: 192.168.1.2):
[]> 10.0.0.300
The IP address must be 4 numbers separated by a period. Each number must be a value from 0 to 255. (Ex: 192.168.1.2)

IPv4 Address (Ex: 192.168.1.2):
[]> 127.0.0.1
The IP address "127.0.0.1" is already configured for the interface "Management".

IPv4 Address (Ex: 192.168.1.2):
[]> 10.0.0.5

Netmask (Ex: "24", "255.255.255.0" or "0xffffff00"):
[24]> 255.255.0.0

Would you like to configure an IPv6 address for this interface (y/n)? [N]> y

IPv6 Address (Ex: 2001:420:80:1::5):
[]> 2001:db8::5/64
The value must be an IPv6 address. (Ex: 2001:420:80:1::5)

IPv6 Address (Ex: 2001:420:80:1::5):
[]> 2001:db8::5

Prefix length (Ex: 64):
[64]> 

Ethernet interface:
1. Data 1
2. Data 2
3. Management
[1]> 2

Hostname:
[]> bad
A hostname must have at least 2 labels separated by a period.

Hostname:
[]> mail.example.com

Do you want to configure custom SMTP Helo to use in the SMTP conversation? [N]> y

Enter the custom SMTP Helo to use in the SMTP conversation:
[]> helo.example.com

Do you want to enable FTP on this interface? [N]> 

Do you want to enable Telnet on this interface? [N]> 

Do you want to enable SSH on this interface? [N]> y

Which port do you want to use for SSH?
[22]> 80000
The value must be an integer from 1 to 65535.

Which port do you want to use for SSH?
[22]> 2222

Do you want to enable Cluster Communication Service on this interface? [N]> 

Do you want to enable HTTP on this interface? [N]> y

Which port do you want to use for HTTP?
[80]> 2222
Port 2222 is currently assigned to ssh on Data1.

Which port do you want to use for HTTP?
[80]> 80

Do you want to enable HTTPS on this interface? [N]> y

Which port do you want to use for HTTPS?
[443]> 

You have not entered an HTTPS certificate.  To assure privacy, run "certconfig" first.  You may use the demo certificate to test HTTPS, but this will not be secure.  Do you really wish to use a demo certificate? [Y]> 

Since both HTTP and HTTPS are enabled for this interface, should HTTP requests redirect to the secure service? [N]> 

Currently configured interfaces:
1. Management (127.0.0.1/8 on Management: ironport.example.com)
2. Data1 (10.0.0.5/16, 2001:db8::5/64 on Data 2: mail.example.com)
""" + MENU + "\n\n" + PROMPT + "commit\n")
    data1 = interfaces(appliance)["Data1"]
    assert (data1.ipv4, data1.prefix, data1.ipv6, data1.ipv6_prefix, data1.ethernet) == (
        "10.0.0.5", 16, "2001:db8::5", 64, "Data 2")
    assert (data1.hostname, data1.smtp_helo, data1.https_certificate) == (
        "mail.example.com", "helo.example.com", "Demo")
    assert data1.services == {"ssh": 2222, "http": 80, "https": 443}


def test_edit_https_certificate_and_rename_follows_listeners(tmp_path):
    appliance = make_appliance(tmp_path)
    add_certificate(appliance, "mail")
    text = session(appliance, ["interfaceconfig", "edit", "3", "Management", "Public"]
                   + EDIT_DEFAULTS[1:] + [""] * 10 + ["1", "n", "2", "y", "",
                                           "commit", "", ""])
    contains(text, """edit

Enter the number of the interface you wish to edit.
[]> 3
Please enter an interface name or a number from 1 to 1.

Enter the number of the interface you wish to edit.
[]> Management

IP interface name (Ex: "InternalNet"):
[Management]> Public
""")
    contains(text, """Which port do you want to use for HTTPS?
[443]> 

Please choose the certificate to apply:
1. Demo
2. mail
[1]> 1

Do you really wish to use the "Demo" certificate? [Y]> n

Please choose the certificate to apply:
1. Demo
2. mail
[1]> 2

Since both HTTP and HTTPS are enabled for this interface, should HTTP requests redirect to the secure service? [N]> y

Currently configured interfaces:
1. Public (127.0.0.1/8 on Management: ironport.example.com)
""")
    view = committed(appliance)
    assert list(view.interfaces) == ["Public"]
    assert (view.interfaces["Public"].https_certificate, view.interfaces["Public"].http_redirect) == (
        "mail", True)
    assert view.listeners.listeners["IncomingMail"].interface == "Public"


def test_edit_with_enter_everywhere_changes_nothing(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, ["interfaceconfig", "edit", "1"] + EDIT_DEFAULTS + [""] * 13
                   + ["commit"])
    assert text.endswith(crlf(PROMPT + "commit\n\nThere is no data to commit.\n\n" + PROMPT))
