"""listenerconfig -> EDIT -> RCPTACCESS: PRINT, NEW, EDIT, DELETE, IMPORT/EXPORT, CLEAR."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_listenerconfig import committed, contains, session  # noqa: E402
from harness import make_appliance  # noqa: E402

from cluster import recipients  # noqa: E402

OPEN = ["listenerconfig", "edit", "1", "rcptaccess"]
CLOSE = ["", "", "", "commit", "", ""]
RAT_MENU = """
There are currently {count} entries in the Recipient Access Table.

Choose the operation you want to perform:
- NEW - Create a new entry.
- EDIT - Modify an entry.
- DELETE - Remove an entry.
- PRINT - Display the table.
- IMPORT - Import a table from a file.
- EXPORT - Export the table to a file.
- CLEAR - Remove all entries.
[]> """
ADDRESS_QUESTION = """
Enter the recipient address for this entry.
Hostnames such as "example.com" are allowed.
Partial hostnames such as ".example.com" are allowed.
Usernames such as "postmaster@" are allowed.
Full email addresses such as "joe@example.com" or "joe@[1.2.3.4]" are allowed.
Separate multiple addresses with commas.
[]> """
BAD_ADDRESS = ("A Recipient Access Table address can be one of the following: a domain "
               "(example.com), a partial domain (.example.com), a user name (postmaster@), a full "
               "email address (joe@example.com or joe@[1.2.3.4]), or ALL.")


def rat(appliance):
    return committed(appliance).listeners.listeners["IncomingMail"].rat


def test_print_new_edit_delete_with_bad_answers(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, OPEN + [
        "print", "new", "bad@@x", "example.com", "partner.example, User@Example.ORG", "3", "2",
        "y", "551", "No such user", "", "edit", "nobody.example", "ALL", "", "n",
        "delete", "ALL", "delete", "partner.example", "new", ".example.com", "", "", "y",
        "print"] + CLOSE)
    contains(text, "rcptaccess\n" + RAT_MENU.format(count=2) + """print

Recipient Access Table

example.com ACCEPT
ALL REJECT
""" + RAT_MENU.format(count=2) + "new\n" + ADDRESS_QUESTION + "bad@@x\n" + BAD_ADDRESS + "\n"
             + ADDRESS_QUESTION + "example.com\n"
             "The address example.com is already in the Recipient Access Table.\n"
             + ADDRESS_QUESTION + """partner.example, User@Example.ORG

Select the action to apply to this address:
1. Accept
2. Reject
[1]> 3
Please enter a number from 1 to 2.

Select the action to apply to this address:
1. Accept
2. Reject
[1]> 2

Would you like to specify a custom SMTP response? [N]> y

Enter the SMTP code to use in the response. 550 is the standard code.
[550]> 551
Enter your custom SMTP response.  Press Enter on a blank line to finish.
No such user

""" + RAT_MENU.format(count=4) + """edit

Enter the address to edit.
[]> nobody.example
The address nobody.example is not in the Recipient Access Table.

Enter the address to edit.
[]> ALL

What access for ALL?
1. Accept
2. Reject
[2]> 

Would you like to specify a custom SMTP response? [N]> n
""" + RAT_MENU.format(count=4) + """delete

Enter the address to delete.
[]> ALL

The ALL entry cannot be deleted.
""")
    contains(text, """[]> .example.com

Select the action to apply to this address:
1. Accept
2. Reject
[1]> 

Would you like to specify a custom SMTP response? [N]> 

Would you like to bypass receiving control for this entry? [N]> y
""" + RAT_MENU.format(count=4) + """print

Recipient Access Table

example.com ACCEPT
user@example.org REJECT
.example.com ACCEPT
ALL REJECT
""")
    table = rat(appliance)
    assert [(e.address, e.action, e.smtp_code, e.smtp_text, e.bypass_receiving_control)
            for e in table] == [
        ("example.com", "ACCEPT", None, None, False),
        ("user@example.org", "REJECT", 551, "No such user", False),
        (".example.com", "ACCEPT", None, None, True),
        ("ALL", "REJECT", None, None, False)]
    # The SMTP core's view of the table.
    assert recipients.lookup(table, "<User@example.org>").smtp_code == 551
    assert recipients.lookup(table, "joe@mail.example.com").address == ".example.com"
    assert recipients.lookup(table, "joe@other.test").action == "REJECT"


def test_export_import_and_clear(tmp_path):
    appliance = make_appliance(tmp_path)
    (appliance.config_dir / "rat.txt").write_text(
        '# a comment\nexample.com ACCEPT\npostmaster@ ACCEPT 250 "Hello \\"you\\"" '
        'BYPASS_RECEIVING_CONTROL\nALL REJECT 550 "Go away"\n')
    (appliance.config_dir / "bad.txt").write_text("example.com ACCEPT\nexample..com ACCEPT\n")
    text = session(appliance, OPEN + ["import", "bad.txt", "import", "rat.txt", "export",
                                      "out.txt"] + CLOSE)
    contains(text, "[]> bad.txt\n\nError on line 2: " + BAD_ADDRESS + "\nImport failed.\n")
    assert [(e.address, e.smtp_text) for e in rat(appliance)] == [
        ("example.com", None), ("postmaster@", 'Hello "you"'), ("ALL", "Go away")]
    assert (appliance.config_dir / "out.txt").read_text() == (
        'example.com ACCEPT\npostmaster@ ACCEPT 250 "Hello \\"you\\"" BYPASS_RECEIVING_CONTROL\n'
        'ALL REJECT 550 "Go away"\n')
    text = session(appliance, OPEN + ["clear", "1"] + CLOSE)
    contains(text, "clear\n\nSelect the default action for all other recipients:\n1. Accept\n"
                   "2. Reject\n[2]> 1\n" + RAT_MENU.format(count=1))
    assert [(e.address, e.action) for e in rat(appliance)] == [("ALL", "ACCEPT")]


def test_private_listener_has_no_rcptaccess(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, ["listenerconfig", "new", "1", "Out", "", "", "2525", "10.0.0.0/8",
                               "", "", "", "edit", "Out", "rcptaccess", "", "", ""])
    assert "- RCPTACCESS -" not in text.split("[]> Out")[-1]
    assert 'Unknown option "rcptaccess".' in text
