"""listenerconfig: listing, NEW, EDIT (NAME, INTERFACE, LIMITS, SETUP, CERTIFICATE), DELETE, SETUP.

Transcripts are exact (CR LF as a pty shows them); bad answers get the appliance's error, the
question again, and change nothing.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from harness import after_banner, force_commit, make_appliance, run  # noqa: E402

from cluster import senders  # noqa: E402

PROMPT = "ironport.example.com> "
TOP = """
Currently configured listeners:
1. IncomingMail (on Management, 127.0.0.1) SMTP TCP Port 25 Public

Choose the operation you want to perform:
- NEW - Create a new listener.
- EDIT - Modify a listener.
- DELETE - Remove a listener.
- SETUP - Change global settings.
[]> """
EDIT_MENU = """
Choose the operation you want to perform:
- NAME - Change the name of the listener.
- INTERFACE - Change the interface.
- LIMITS - Change the injection limits.
- SETUP - Configure general options.
- HOSTACCESS - Modify the Host Access Table.
- RCPTACCESS - Modify the Recipient Access Table.
- BOUNCECONFIG - Choose the bounce profile to use for messages injected on this listener.
- CERTIFICATE - Choose the certificate.
[]> """
EDIT_STATUS = """
Name: IncomingMail
Type: Public
Interface: Management (127.0.0.1) TCP Port 25
Protocol: SMTP
Default Domain: example.com
Max Concurrency: {max_conn} (TCP Queue: {queue})
Bounce Profile: Default
Certificate: {cert}
"""


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def starts(text: str, expected: str) -> None:
    """``text`` begins with ``expected`` (LF written, CR LF compared); shows a diff if not."""
    expected = crlf(expected)
    assert text[:len(expected)] == expected


def contains(text: str, expected: str) -> None:
    expected = crlf(expected)
    if expected not in text:
        first = expected.splitlines()[0]
        start = text.find(first) if first in text else 0
        assert text[start:start + len(expected)] == expected


def session(appliance, lines):
    return after_banner(run(appliance, lines))


def committed(appliance):
    return appliance.view()


def edit_status(max_conn=50, queue=50, cert="Demo"):
    return EDIT_STATUS.format(max_conn=max_conn, queue=queue, cert=cert)


def test_listing_and_menu(tmp_path):
    text = session(make_appliance(tmp_path), ["listenerconfig", ""])
    assert text == crlf(PROMPT + "listenerconfig\n" + TOP + "\n\n" + PROMPT)


def test_new_public_listener_with_bad_answers_then_commit(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, [
        "listenerconfig", "new", "2", "IncomingMail", "bad name", "Web2", "", "", "25", "70000",
        "2526", "", "foo@@bar", "example.org, .example.org", "", "y", "1000", "", "", "",
        "commit", "", ""])
    domains_question = """
Enter the domain names or specific email addresses you want to accept mail for.

Hostnames such as "example.com" are allowed.
Partial hostnames such as ".example.com" are allowed.
Usernames such as "postmaster@" are allowed.
Full email addresses such as "joe@example.com" or "joe@[1.2.3.4]" are allowed.
Separate multiple addresses with commas.
[]> """
    expected = (PROMPT + "listenerconfig\n" + TOP + "new\n" + """
Please select the type of listener you want to create.
1. Private
2. Public
3. Blackhole
[2]> 2

Please create a name for this listener (Ex: "OutboundMail"):
[]> IncomingMail
The name "IncomingMail" is already in use by another listener.

Please create a name for this listener (Ex: "OutboundMail"):
[]> bad name
Valid characters are letters, digits, "_", "-" and ".".

Please create a name for this listener (Ex: "OutboundMail"):
[]> Web2

Please choose an IP interface for this Listener.
1. Management (127.0.0.1/8: ironport.example.com)
[1]> 

Choose a protocol.
1. SMTP
2. QMQP
[1]> 

Please enter the TCP port for this listener.
[25]> 25
Port 25 on 127.0.0.1 is already in use by listener IncomingMail.

Please enter the TCP port for this listener.
[25]> 70000
The value must be an integer from 1 to 65535.

Please enter the TCP port for this listener.
[25]> 2526
""" + domains_question + "\nYou must enter a value.\n" + domains_question + """foo@@bar
A Recipient Access Table address can be one of the following: a domain (example.com), a partial domain (.example.com), a user name (postmaster@), a full email address (joe@example.com or joe@[1.2.3.4]), or ALL.
""" + domains_question + """example.org, .example.org

Do you want to enable filtering based on SenderBase Reputation Service (SBRS) Scores for this listener? (Your selection will configure the default settings for the sender groups and mail flow policies.) [Y]> 

Do you want to enable rate limiting for this listener? (Rate limiting defines the maximum number of recipients per hour you are willing to receive from a remote domain.) [N]> y

Enter the maximum number of recipients per hour to accept from a remote domain.
[]> 1000

Default Policy Parameters
==========================
Maximum Message Size: 10M
Maximum Number Of Concurrent Connections From A Single IP: 10
Maximum Number Of Messages Per Connection: 10
Maximum Number Of Recipients Per Message: 50
Directory Harvest Attack Prevention: Disabled
Maximum Number Of Recipients Per Hour: 1000
Use SenderBase for Flow Control: Yes
Spam Detection Enabled: Yes
Virus Detection Enabled: Yes
Allow TLS Connections: No
Allow SMTP Authentication: No
Require TLS To Offer SMTP authentication: No
DKIM/DomainKeys Signing Enabled: No
DKIM Verification Enabled: No
SPF/SIDF Verification Enabled: No
DMARC Verification Enabled: No
Envelope Sender DNS Verification Enabled: No
Domain Exception Table Enabled: No
Accept Untagged Bounces: No

Would you like to change the default host access privileges? [N]> 

Please choose the bounce profile to apply:
1. Default
[1]> 

Listener Web2 created.
Defaults have been set for a Public listener.
Use the listenerconfig->EDIT command to customize the listener.

Currently configured listeners:
1. IncomingMail (on Management, 127.0.0.1) SMTP TCP Port 25 Public
2. Web2 (on Management, 127.0.0.1) SMTP TCP Port 2526 Public

Choose the operation you want to perform:
- NEW - Create a new listener.
- EDIT - Modify a listener.
- DELETE - Remove a listener.
- SETUP - Change global settings.
[]> 

""" + PROMPT + "commit\n")
    starts(text, expected)
    assert "Changes committed: " in text
    web2 = committed(appliance).listeners.listeners["Web2"]
    assert (web2.type, web2.interface, web2.protocol, web2.port) == ("public", "Management", "SMTP", 2526)
    assert [(e.address, e.action) for e in web2.rat] == [
        ("example.org", "ACCEPT"), (".example.org", "ACCEPT"), ("ALL", "REJECT")]
    assert [g.name for g in web2.hat.sender_groups] == ["WHITELIST", "BLACKLIST", "SUSPECTLIST",
                                                        "UNKNOWNLIST"]
    assert list(web2.hat.policies) == ["$ACCEPTED", "$THROTTLED", "$TRUSTED", "$BLOCKED"]
    assert web2.hat.default_params.max_rcpts_per_hour == 1000


def test_new_private_listener_relays_for_its_hosts_and_blocks_the_rest(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, [
        "listenerconfig", "new", "1", "Relay", "", "", "2525", "10.1.1.300", "10.1.1.1-50, .example.com",
        "", "y", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "3", "n", "", ""] + [""] * 8 + [
            "commit", "", ""])
    contains(text, """
Please specify the systems allowed to relay email through the IronPort.

Hostnames such as "example.com" are allowed.
Partial hostnames such as ".example.com" are allowed.
IP addresses, IP address ranges, and partial IP addresses are allowed.
Separate multiple entries with commas.
[]> 10.1.1.300
Invalid IP or IP range "10.1.1.300".
""")
    # Changing the defaults of a new listener runs the parameters dialogue; refusing the Demo
    # certificate for TLS leaves TLS off.
    contains(text, """
Do you want to allow encrypted TLS connections?
1. No
2. Preferred
3. Required
[1]> 3

You have not entered a certificate. To assure privacy, run "certconfig" first. You may use the demo certificate to test TLS,but this will not be secure. Do you really wish to use a demo certificate? [Y]> n
""")
    contains(text, "Listener Relay created.\nDefaults have been set for a Private listener.\n")
    relay = committed(appliance).listeners.listeners["Relay"]
    assert relay.type == "private" and relay.rat == []
    assert relay.hat.default_params.tls == "off"
    decide = lambda ip, host=None: senders.evaluate(relay.hat, senders.ConnectingHost(ip, host))
    assert decide("10.1.1.50").action == "RELAY"
    assert decide("10.9.9.9", "mx.example.com").group == "RELAYLIST"
    assert (decide("10.1.1.51").group, decide("10.1.1.51").action) == ("ALL", "REJECT")


def test_new_listener_takes_modern_group_names_from_the_lab(tmp_path):
    appliance = make_appliance(tmp_path, hat_names="modern")
    session(appliance, ["listenerconfig", "new", "", "Web2", "", "", "2526", "example.org", "n",
                        "", "", "", "", "", "commit", "", ""])
    web2 = committed(appliance).listeners.listeners["Web2"]
    assert [g.name for g in web2.hat.sender_groups] == ["ALLOWED_LIST", "BLOCKED_LIST",
                                                        "SUSPECTLIST", "UNKNOWNLIST"]
    # SBRS filtering declined: no reputation ranges in the groups.
    assert all(not g.senders for g in web2.hat.sender_groups)


def test_edit_limits_and_rename_with_bad_answers(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, ["listenerconfig", "edit", "3", "nope", "1", "limits", "0", "100",
                               "abc", "", "name", "", "", "", "commit", "", ""])
    expected = (PROMPT + "listenerconfig\n" + TOP + "edit\n" + """
Enter the name or number of the listener you wish to edit.
[]> 3
Please enter a listener name or a number from 1 to 1.

Enter the name or number of the listener you wish to edit.
[]> nope
Please enter a listener name or a number from 1 to 1.

Enter the name or number of the listener you wish to edit.
[]> 1
""" + edit_status() + EDIT_MENU + """limits

Please enter the maximum number of concurrent connections allowed.
[50]> 0
The value must be an integer from 1 to 1000.

Please enter the maximum number of concurrent connections allowed.
[50]> 100

Please enter the maximum number of connections allowed in the TCP queue.
[50]> abc
The value must be an integer.

Please enter the maximum number of connections allowed in the TCP queue.
[50]> 
""" + edit_status(max_conn=100) + EDIT_MENU + """name

Please enter a name for this listener:
[IncomingMail]> 
""" + edit_status(max_conn=100) + EDIT_MENU + "\n" + TOP + "\n\n" + PROMPT + "commit\n")
    starts(text, expected)
    listener = committed(appliance).listeners.listeners["IncomingMail"]
    assert (listener.max_connections, listener.tcp_queue) == (100, 50)


def test_rename_keeps_order_and_interface_change_checks_ports(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, ["listenerconfig", "new", "", "Second", "", "", "2526", "example.org", "",
                        "", "", "",
                        "edit", "1", "name", "Second", "Inbound", "interface", "", "2", "2526",
                        "628", "", "", "commit", "", ""])
    contains(text, '[IncomingMail]> Second\nThe name "Second" is already in use by another listener.\n')
    contains(text, "[628]> 2526\nPort 2526 on 127.0.0.1 is already in use by listener Second.\n")
    listeners = committed(appliance).listeners.listeners
    assert list(listeners) == ["Inbound", "Second"]
    assert listeners["Inbound"].name == "Inbound"
    assert (listeners["Inbound"].protocol, listeners["Inbound"].port) == ("QMQP", 628)


def test_certificate_choice_confirms_demo_and_rejects_bad_choices(tmp_path):
    appliance = make_appliance(tmp_path)
    cli_config = appliance.committed().copy()
    certificates = cli_config.resolve("certificates", appliance.machine)
    demo = certificates.profiles["Demo"]
    certificates.profiles["mail"] = type(demo)("mail", demo.certificate_pem, demo.key_pem)
    force_commit(appliance, cli_config, "second certificate")
    text = session(appliance, ["listenerconfig", "edit", "IncomingMail", "certificate", "5",
                               "nope", "2", "certificate", "1", "n", "1", "y", "certificate", "mail",
                               "", "", "commit", "", ""])
    choose = """
Please choose the certificate to apply:
1. Demo
2. mail
[{default}]> """
    expected = ("certificate\n" + choose.format(default=1) + "5\nPlease enter a number from 1 to 2.\n"
                + choose.format(default=1) + "nope\nPlease enter a number from 1 to 2.\n"
                + choose.format(default=1) + "2\n" + edit_status(cert="mail") + EDIT_MENU
                + "certificate\n" + choose.format(default=2) + "1\n\n"
                "Do you really wish to use the \"Demo\" certificate? [Y]> n\n"
                + choose.format(default=2) + "1\n\n"
                "Do you really wish to use the \"Demo\" certificate? [Y]> y\n"
                + edit_status(cert="Demo") + EDIT_MENU + "certificate\n"
                + choose.format(default=1) + "mail\n" + edit_status(cert="mail") + EDIT_MENU)
    contains(text, expected)
    assert committed(appliance).listeners.listeners["IncomingMail"].certificate == "mail"


def test_listener_setup_default_domain_and_received_header(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, ["listenerconfig", "edit", "1", "setup", "defaultdomain",
                               "joe@example.com", "example.net", "received", "n", "", "", "",
                               "commit", "", ""])
    domain = session(appliance, ["listenerconfig", "edit", "1", "setup", "defaultdomain", "Delete",
                                 "", "", "", "commit", "", ""])
    contains(domain, """[example.net]> Delete

Default Domain: None
""")
    contains(text, """setup

Default Domain: example.com
Add "Received:" Header: Yes

Choose the operation you want to perform:
- DEFAULTDOMAIN - Configure a default domain for the listener.
- RECEIVED - Configure whether to add a "Received:" header to messages.
[]> defaultdomain

Enter the default domain name to use for email addresses without a fully qualified domain name.
Enter the word "DELETE" to clear the setting and disable the addition of a default domain.
[example.com]> joe@example.com
A Recipient Access Table address can be one of the following: a domain (example.com), a partial domain (.example.com), a user name (postmaster@), a full email address (joe@example.com or joe@[1.2.3.4]), or ALL.

Enter the default domain name to use for email addresses without a fully qualified domain name.
Enter the word "DELETE" to clear the setting and disable the addition of a default domain.
[example.com]> example.net

Default Domain: example.net
Add "Received:" Header: Yes
""")
    listener = committed(appliance).listeners.listeners["IncomingMail"]
    assert (listener.default_domain, listener.add_received_header) == ("", False)


def test_delete_listener(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, ["listenerconfig", "delete", "0", "1", "", "commit", "", ""])
    starts(text, PROMPT + "listenerconfig\n" + TOP + """delete

Enter the name or number of the listener you wish to delete.
[]> 0
Please enter a listener name or a number from 1 to 1.

Enter the name or number of the listener you wish to delete.
[]> 1

No listeners configured.

Choose the operation you want to perform:
- NEW - Create a new listener.
- EDIT - Modify a listener.
- DELETE - Remove a listener.
- SETUP - Change global settings.
[]> 
""")
    assert committed(appliance).listeners.listeners == {}


def test_global_setup(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, ["listenerconfig", "setup", "-5", "500", "", "", "3", "0", "600",
                               "2x", "30m", "", "", "1", "y", "y", "100000", "1024", "",
                               "commit", "", ""])
    contains(text, """setup

Please enter the global limit for concurrent connections to be allowed across all listeners.
[300]> -5
The value must be an integer from 1 to 10000.

Please enter the global limit for concurrent connections to be allowed across all listeners.
[300]> 500

Please enter the global limit for concurrent TLS connections to be allowed across all listeners.
[100]> 

Enter the maximum number of message header lines. 0 indicates no limit.
[1000]> 

Choose how long SenderBase data is cached:
1. Allow SenderBase to determine cache time (Recommended)
2. Don't cache SenderBase data.
3. Specify your own cache time.
[1]> 3

Enter the time, in seconds, to cache SenderBase data.
[300]> 0
The value must be an integer from 1 to 86400.

Enter the time, in seconds, to cache SenderBase data.
[300]> 600

Enter the rate at which injection control counters are reset.
[1h]> 2x
Please enter a time from 1m to 1d, such as 30m or 1h.

Enter the rate at which injection control counters are reset.
[1h]> 30m

Enter the timeout, in seconds, for unsuccessful inbound connections.
[300]> 

Enter the maximum connection time, in seconds, for an inbound SMTP connection.
[900]> 

What hostname should Received: headers be stamped with?
1. The hostname of the Virtual Gateway(tm) used for delivering the message
2. The hostname of the interface the message is received on
[2]> 1

The system will always add a Message-ID header to outgoing messages that don't already have one. Would you like to do the same for incoming messages? (Not recommended.) [N]> y

By default connections with a HAT REJECT policy will be closed with a banner message at the start of the SMTP conversation. Would you like to do the rejection at the message recipient level instead for more detailed logging of rejected mail? [N]> y

Enter the maximum size of the subject to be logged, in bytes.
[2048]> 100000
The value must be an integer from 1 to 65536.

Enter the maximum size of the subject to be logged, in bytes.
[2048]> 1024
""")
    settings = committed(appliance).listeners
    assert (settings.max_concurrent_connections, settings.hat_delayed_rejection) == (500, True)
    assert (settings.senderbase_cache, settings.senderbase_cache_seconds) == ("custom", 600)
    assert (settings.injection_counter_reset_seconds, settings.received_hostname) == (
        1800, "delivery")
    assert (settings.add_message_id_incoming, settings.max_logged_subject_bytes) == (True, 1024)


def test_global_setup_before_12x_has_no_subject_question_and_keeps_defaults(tmp_path):
    appliance = make_appliance(tmp_path, profile="11.x")
    text = session(appliance, ["listenerconfig", "setup"] + [""] * 10 + ["", "commit"])
    assert "subject" not in text
    assert text.endswith(crlf("Would you like to do the rejection at the message recipient level "
                              "instead for more detailed logging of rejected mail? [N]> \n"
                              + TOP + "\n\n" + PROMPT + "commit\n\n"
                              "There is no data to commit.\n\n" + PROMPT))


def test_nothing_changes_when_every_answer_is_the_default(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, ["listenerconfig", "edit", "1", "limits", "", "", "interface", "",
                               "", "", "hostaccess", "default"] + [""] * 25 + ["", "", "", "commit"])
    assert text.endswith(crlf(PROMPT + "commit\n\nThere is no data to commit.\n\n" + PROMPT))
