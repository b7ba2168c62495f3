"""listenerconfig -> EDIT -> HOSTACCESS: the menu, PRINT, DEFAULT (policy parameters), NEW, EDIT,
DELETE, MOVE, IMPORT/EXPORT (also in batch form), RESET and (before 11.x) CLEAR."""
import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_listenerconfig import PROMPT, committed, contains, crlf, session, starts, TOP  # noqa: E402
from harness import make_appliance  # noqa: E402

from asyncos_shell.engine.cli import CliSession  # noqa: E402
from asyncos_shell.terminal.line import LineTerminal  # noqa: E402
from cluster import senders  # noqa: E402

OPEN = ["listenerconfig", "edit", "1", "hostaccess"]
# Enter at each question after SMTP authentication (16.x: with the S/MIME questions).
TAIL_DEFAULTS = [""] * 8
TAIL_TRANSCRIPT = """
Would you like to enable DKIM/DomainKeys signing? [N]> 

Would you like to enable S/MIME Public Key Harvesting? [N]> 

Would you like to enable S/MIME gateway decryption/verification? [N]> 

Would you like to enable DKIM verification? [N]> 

Would you like to change SPF/SIDF settings? [N]> 

Would you like to enable DMARC verification? [N]> 

Would you like to enable envelope sender verification? [N]> 

Would you like to accept untagged bounces? [N]> 
"""
CLOSE = ["", "", "", "commit", "", ""]
HAT_MENU = """
There are currently {policies} policies defined.
There are currently {groups} sender groups.

Choose the operation you want to perform:
- NEW - Create a new entry.
- EDIT - Modify an entry.
- DELETE - Remove an entry.
- MOVE - Move an entry.
- DEFAULT - Set the defaults.
- PRINT - Display the table.
- IMPORT - Import a table from a file.
- EXPORT - Export the table to a file.
- RESET - Remove senders and set policies to system default.
[]> """
FACTORY_PRINT = """$ACCEPTED
    ACCEPT
$THROTTLED
    ACCEPT {
        spam_check = "on"
        max_msgs_per_session = 10
        max_concurrency = 10
        max_rcpts_per_msg = 25
        max_rcpts_per_hour = 1
        dhap_limit = 0
        virus_check = "on"
        max_message_size = 1048576
        use_sb = "on"
        tls = "off"
    }
$TRUSTED
    ACCEPT {
        spam_check = "off"
        max_msgs_per_session = 5000
        max_concurrency = 600
        max_rcpts_per_msg = 5000
        max_rcpts_per_hour = -1
        dhap_limit = 0
        virus_check = "on"
        max_message_size = 104857600
        use_sb = "off"
        tls = "off"
    }
$BLOCKED
    REJECT
$RELAYED
    RELAY {
        spam_check = "off"
        max_msgs_per_session = 5000
        max_concurrency = 600
        max_rcpts_per_msg = 5000
        max_rcpts_per_hour = -1
        virus_check = "on"
        max_message_size = 104857600
        use_sb = "off"
        tls = "off"
    }
RELAYLIST:
        127.0.0.1
        $RELAYED (Hosts allowed to relay mail through this listener)
WHITELIST:
        $TRUSTED (My trusted senders have no anti-spam scanning or rate limiting)
BLACKLIST:
        sbrs[-10.0:-3.0]
        $BLOCKED (Spammers are rejected)
SUSPECTLIST:
        sbrs[-3.0:-1.0]
        $THROTTLED (Suspicious senders are throttled)
UNKNOWNLIST:
        sbrs[-1.0:10.0]
        sbrs[none]
        $ACCEPTED (Reviewed but undecided, continue normal acceptance)
ALL
    $ACCEPTED
"""
# The parameters dialogue up to the TLS question, every answer the default.
# Enter at each question before TLS: size, connections, messages, recipients, banner host,
# acceptance and rejection responses, rate limiting, DHAP, envelope sender rate limiting,
# SenderBase flow control, trusted relay header, anti-spam, anti-virus.
BEFORE_TLS = [""] * 14


def hat_menu(policies=5, groups=6):
    return HAT_MENU.format(policies=policies, groups=groups)


def hat(appliance, name="IncomingMail"):
    return committed(appliance).listeners.listeners[name].hat


def test_menu_and_print_exactly_as_the_appliance(tmp_path):
    text = session(make_appliance(tmp_path), OPEN + ["print", "", "", ""])
    assert PROMPT + "listenerconfig" in text
    contains(text, "hostaccess\n" + hat_menu() + "print\n" + FACTORY_PRINT + hat_menu() + "\n")


def test_default_tls_required_asks_about_the_demo_certificate(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, OPEN + ["default"] + BEFORE_TLS + ["4", "3", "", "2", ""] + TAIL_DEFAULTS + CLOSE)
    contains(text, """default

Enter the maximum message size.  Add a trailing k for kilobytes, M for megabytes, or no letter for bytes.
[10M]> 

Enter the maximum number of concurrent connections allowed from a single IP address.
[10]> 

Enter the maximum number of messages per connection.
[10]> 

Enter the maximum number of recipients per message.
[50]> 

Do you want to override the hostname in the SMTP banner? [N]> 

Would you like to specify a custom SMTP acceptance response? [N]> 

Would you like to specify a custom SMTP rejection response? [N]> 

Do you want to enable rate limiting per host? [N]> 

Do you want to enable Directory Harvest Attack Prevention per host? [N]> 

Do you want to enable rate limiting per envelope sender? [N]> 

Would you like to use SenderBase for flow control by default? [Y]> 

Will this IronPort applicance need to fetch the incoming address (for SenderBase) from a trusted relay's header? [N]> 

Would you like to enable anti-spam scanning? [Y]> 

Would you like to enable anti-virus scanning? [Y]> 

Do you want to allow encrypted TLS connections?
1. No
2. Preferred
3. Required
[1]> 4
Please enter a number from 1 to 3.

Do you want to allow encrypted TLS connections?
1. No
2. Preferred
3. Required
[1]> 3

You have not entered a certificate. To assure privacy, run "certconfig" first. You may use the demo certificate to test TLS,but this will not be secure. Do you really wish to use a demo certificate? [Y]> 

Do you want to allow SMTP authentication?
1. No
2. Preferred
3. Required
[1]> 2

Require TLS to offer SMTP authentication? [N]> 
""" + TAIL_TRANSCRIPT + hat_menu())
    table = hat(appliance)
    assert (table.default_params.tls, table.default_params.smtp_auth) == ("required", "on")
    assert table.default_params.smtp_auth_requires_tls is False
    # The SMTP core's view: an unknown sender gets $ACCEPTED with the new default; $THROTTLED
    # keeps its own "off".
    assert senders.evaluate(table, senders.ConnectingHost("192.0.2.1")).params.tls == "required"
    suspect = senders.evaluate(table, senders.ConnectingHost("192.0.2.1", sbrs=-2.0))
    assert (suspect.group, suspect.params.tls) == ("SUSPECTLIST", "off")


def test_policy_parameters_with_custom_responses_and_limits(tmp_path):
    appliance = make_appliance(tmp_path)
    session(appliance, OPEN + [
        "default", "20x", "20M", "5", "", "", "y", "bad", "mx.example.com", "y", "250",
        "Welcome to", "our MTA", "", "", "y", "100", "y", "", "Slow down", "", "y", "25", "", "",
        "", "n", "", "", "", "", "2", "", "3", "y"] + TAIL_DEFAULTS + CLOSE)
    params = hat(appliance).default_params
    assert (params.max_message_size, params.max_concurrency, params.smtp_banner_host) == (
        20 * 1024 * 1024, 5, "mx.example.com")
    assert (params.smtp_banner_code, params.smtp_banner_text) == (250, "Welcome to\nour MTA")
    assert params.reject_banner_code is None
    assert (params.max_rcpts_per_hour, params.max_rcpts_per_hour_code,
            params.max_rcpts_per_hour_text) == (100, 452, "Slow down")
    assert (params.dhap_limit, params.use_sb, params.tls, params.smtp_auth,
            params.smtp_auth_requires_tls) == (25, False, "on", "required", True)


def test_edit_policy_tls_shows_in_print_and_enter_everywhere_changes_nothing(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, OPEN + ["edit", "2", "0", "ACCEPTED", "", "y"] + BEFORE_TLS
                   + ["3", "", ""] + TAIL_DEFAULTS + ["print"] + CLOSE)
    contains(text, """edit

1. Edit Sender Group
2. Edit Policy
[1]> 2

Currently configured HAT policies:
1. ACCEPTED
2. THROTTLED
3. TRUSTED
4. BLOCKED
5. RELAYED

Enter the policy name or number to edit.
[]> 0
Please enter a name or a number from 1 to 5.

Enter the policy name or number to edit.
[]> ACCEPTED

Select a behavior for this entry.
1. Accept
2. Relay
3. Reject
4. TCP Refuse
5. Continue
[1]> 

Would you like to change the policy parameters? [N]> y
""")
    contains(text, "print\n$ACCEPTED\n    ACCEPT {\n        tls = \"required\"\n    }\n$THROTTLED\n")
    policy = hat(appliance).policies["$ACCEPTED"]
    assert (policy.action, policy.params.tls, policy.params.max_concurrency) == ("ACCEPT", "required", None)


def test_new_sender_group_with_bad_hosts_and_a_duplicate(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, OPEN + [
        "new", "", "RELAYLIST", "bad name", "PARTNERS", "10.1.1.300", "",
        "10.1.1.0/24, 127.0.0.1, .partner.example, 10.1.1.0/24", "n", "11", "Policy: TRUSTED",
        "", "Partner MTAs", "print"] + CLOSE)
    contains(text, """new

1. New Sender Group
2. New Policy
[1]> 

Enter a name for this sender group. (optional)
[]> RELAYLIST
A sender group named "RELAYLIST" already exists.

Enter a name for this sender group. (optional)
[]> bad name
Sender group names may contain letters, digits, "_" and "-".

Enter a name for this sender group. (optional)
[]> PARTNERS

Enter the hosts to add.  CIDR addresses such as 10.1.1.0/24 are allowed.  IP address ranges such as 10.1.1.10-20 are allowed.  IP subnets such as 10.2.3. are allowed.  Hostnames such as crm.example.com are allowed.  Partial hostnames such as .example.com are allowed.
Ranges of SenderBase Reputation scores such as SBRS[7.5:10.0] are allowed.
SenderBase Network Owner IDs such as SBO:12345 are allowed.
Separate multiple hosts with commas
[]> 10.1.1.300
Invalid IP or IP range "10.1.1.300".
""")
    contains(text, """[]> 10.1.1.0/24, 127.0.0.1, .partner.example, 10.1.1.0/24

127.0.0.1 is already in sender group RELAYLIST.  Add anyway? [N]> n

Select a behavior for this entry.
1. Accept
2. Relay
3. Reject
4. TCP Refuse
5. Continue
6. Policy: ACCEPTED
7. Policy: THROTTLED
8. Policy: TRUSTED
9. Policy: BLOCKED
10. Policy: RELAYED
[1]> 11
Please enter a number from 1 to 10.
""")
    contains(text, "[1]> Policy: TRUSTED\n\nWould you like to change the policy parameters? [N]> \n\n"
                   "Enter a comment for this sender group.\n[]> Partner MTAs\n" + hat_menu(groups=7))
    contains(text, "print\n" + FACTORY_PRINT.split("RELAYLIST:")[0] + """PARTNERS:
        10.1.1.0/24
        .partner.example
        $TRUSTED (Partner MTAs)
RELAYLIST:
""")
    decision = senders.evaluate(hat(appliance), senders.ConnectingHost("10.1.1.7"))
    assert (decision.group, decision.policy, decision.matched) == ("PARTNERS", "$TRUSTED", "10.1.1.0/24")


def test_unnamed_entry_with_inline_behaviour_prints_like_the_guide(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, OPEN + ["new", "1", "", "spamdomain.com", "3", "",
                                      'reject the domain "spamdomain.com"', "print"] + CLOSE)
    contains(text, 'spamdomain.com\n    REJECT (reject the domain "spamdomain.com")\nRELAYLIST:\n')
    entry = hat(appliance).sender_groups[0]
    assert (entry.name, entry.senders, entry.policy) == ("", ["spamdomain.com"], "REJECT")
    decision = senders.evaluate(hat(appliance), senders.ConnectingHost("192.0.2.9", "spamdomain.com"))
    assert (decision.group, decision.action) == ("", "REJECT")


def test_new_policy_then_sender_group_submenu(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, OPEN + [
        "new", "2", "bad name", "$ACCEPTED", "PARTNER", "1", "n",
        "edit", "1", "WHITELIST", "new", "192.0.2.0/24, 192.0.2.0/24", "new", "mx.example.com",
        "delete", "1", "policy", "Policy: PARTNER", "", "rename", "UNKNOWNLIST", "FRIENDS", "print",
        ""] + CLOSE)
    contains(text, """[]> bad name
Policy names may contain letters, digits and "_".

Enter a name for this policy.
[]> $ACCEPTED
A policy named "ACCEPTED" already exists.
""")
    contains(text, """
Sender Group: WHITELIST
Policy: $TRUSTED
Comment: My trusted senders have no anti-spam scanning or rate limiting
Senders:

Choose the operation you want to perform:
- NEW - Add a new host.
- DELETE - Remove a host.
- MOVE - Reorder the hosts.
- POLICY - Change the policy settings and options.
- PRINT - Display the current definition.
- RENAME - Rename this sender group.
[]> new
""")
    contains(text, """delete

Enter the host to remove.
1. 192.0.2.0/24
2. mx.example.com
[]> 1
""")
    contains(text, """rename

Enter the new name for this sender group.
[WHITELIST]> UNKNOWNLIST
A sender group named "UNKNOWNLIST" already exists.
""")
    contains(text, "print\nFRIENDS:\n        mx.example.com\n        $PARTNER (My trusted senders have "
                   "no anti-spam scanning or rate limiting)\n")
    table = hat(appliance)
    assert table.policies["$PARTNER"].action == "ACCEPT"
    friends = table.sender_groups[1]
    assert (friends.name, friends.senders, friends.policy) == ("FRIENDS", ["mx.example.com"], "$PARTNER")


def test_delete_policy_in_use_asks_and_the_default_policy_is_refused(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, OPEN + ["delete", "2", "ACCEPTED", "delete", "2", "THROTTLED", "n",
                                      "delete", "2", "THROTTLED", "y", "delete", "1", "RELAYLIST"]
                   + CLOSE)
    contains(text, "[]> ACCEPTED\n\nThe policy $ACCEPTED is used by the ALL entry and cannot be "
                   "deleted.\n")
    contains(text, "[]> THROTTLED\n\nAt least one sender group references this policy: SUSPECTLIST. "
                   "Those sender groups will also be removed.  Do you want to continue? [N]> n\n"
                   + hat_menu())
    table = hat(appliance)
    assert list(table.policies) == ["$ACCEPTED", "$TRUSTED", "$BLOCKED", "$RELAYED"]
    assert [g.name for g in table.sender_groups] == ["WHITELIST", "BLACKLIST", "UNKNOWNLIST"]


def test_move_and_clear(tmp_path):
    appliance = make_appliance(tmp_path, profile="9.x")  # CLEAR before 11.x
    session(appliance, OPEN + ["move", "UNKNOWNLIST", "1"] + CLOSE)
    assert [g.name for g in hat(appliance).sender_groups] == [
        "UNKNOWNLIST", "RELAYLIST", "WHITELIST", "BLACKLIST", "SUSPECTLIST"]
    session(appliance, OPEN + ["move", "1", "ALL", "clear"] + CLOSE)
    assert hat(appliance).sender_groups == []
    assert len(hat(appliance).policies) == 5


def test_11x_already_ends_the_menu_with_reset(tmp_path):
    # A phoebe1100's hostaccess clear() sends RESET, as every later release's does
    text = session(make_appliance(tmp_path, profile="11.x"), OPEN + ["", "", ""])
    assert "- RESET - " in text and "- CLEAR - " not in text


def test_export_then_import_an_edited_file_and_bad_files(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, OPEN + ["export", "../x", "hat.txt", "", "", ""])
    contains(text, """export

Enter a name for the exported file:
[]> ../x
The file name may not contain "/" or start with ".".

Enter a name for the exported file:
[]> hat.txt

File written on machine "ironport.example.com" to the location "/configuration/hat.txt".
""")
    exported = (appliance.config_dir / "hat.txt").read_text()
    assert exported == FACTORY_PRINT
    (appliance.config_dir / "bad.txt").write_text("LIST:\n        10.1.1.300\n        $ACCEPTED\n")
    (appliance.config_dir / "dangling.txt").write_text("LIST:\n        10.1.1.1\n        $NOPE\n")
    edited = exported.replace("        127.0.0.1\n", "        127.0.0.1\n        10.0.0.0/8\n")
    (appliance.config_dir / "good.txt").write_text(edited.replace('tls = "off"\n    }\n$BLOCKED',
                                                                  'tls = "required"\n    }\n$BLOCKED'))
    text = session(appliance, OPEN + ["import", "missing.txt", "import", "bad.txt", "import",
                                      "dangling.txt", "import", "good.txt"] + CLOSE)
    contains(text, 'import\n\nEnter the name of the file to import:\n[]> missing.txt\n\n'
                   'Error: the file "missing.txt" does not exist.\n')
    contains(text, '[]> bad.txt\n\nError on line 2: Invalid IP or IP range "10.1.1.300".\n'
                   'Import failed.\n')
    contains(text, "[]> dangling.txt\n\nsender group LIST uses policy '$NOPE', which does not exist\n"
                   "Import failed.\n")
    table = hat(appliance)
    assert table.sender_groups[0].senders == ["127.0.0.1", "10.0.0.0/8"]
    assert table.policies["$TRUSTED"].params.tls == "required"


def exec_line(appliance, line, input=b""):
    """``ssh host '<line>' < input`` in-process: (exit status, output)."""
    output = bytearray()
    terminal = LineTerminal(output.extend)
    terminal.feed(input)
    terminal.end_input()
    user = appliance.view().users.users["admin"]
    cli = CliSession(appliance, user, terminal)
    status = asyncio.run(cli.run_exec(line))
    return status, output.decode()


def test_batch_import_and_export(tmp_path):
    appliance = make_appliance(tmp_path)
    status, output = exec_line(appliance, "listenerconfig edit IncomingMail hostaccess export h.txt")
    # Without a pty the appliance wraps at 80 columns: the path ends up on a line of its own.
    assert (status, output) == (0, crlf('\nFile written on machine "ironport.example.com" to the '
                                        'location\n"/configuration/h.txt".\n'))
    assert (appliance.config_dir / "h.txt").read_text() == FACTORY_PRINT
    (appliance.config_dir / "h.txt").write_text(FACTORY_PRINT.replace("sbrs[none]", "sbrs[none]\n        10.9.9.9"))
    status, output = exec_line(appliance, "listenerconfig edit 1 hostaccess import h.txt; commit",
                               b"imported\n\n")
    assert status == 0 and "Changes committed: " in output
    assert hat(appliance).sender_groups[-1].senders[-1] == "10.9.9.9"
    status, output = exec_line(appliance, "listenerconfig edit IncomingMail hostaccess import")
    assert (status, output) == (1, crlf('The hostaccess "import" command requires a filename\n'))
    status, output = exec_line(appliance, "listenerconfig edit Nope hostaccess export h.txt")
    assert (status, output) == (1, crlf("Invalid arguments when processing: listenerconfig edit Nope "
                                        "hostaccess export\nh.txt\n"))
    status, output = exec_line(appliance, "listenerconfig edit 1 hostaccess import none.txt")
    assert (status, output) == (1, crlf('\nError: the file "none.txt" does not exist.\n'))


def test_leaving_with_enter_only_changes_nothing(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, OPEN + ["default"] + BEFORE_TLS + ["", "", "edit", "2", "1", "", ""]
                   + BEFORE_TLS + ["", "", "", "", "", "commit"])
    starts(text, PROMPT + "listenerconfig\n" + TOP)
    assert text.endswith(crlf(PROMPT + "commit\n\nThere is no data to commit.\n\n" + PROMPT))
