"""Exact transcripts of ``policyconfig``: the DEFAULT mail policies' security services, in-process.

The mail path that applies what is set here is tested in ``tests/smtp`` (scanning, the Spam
Quarantine) and end to end in ``tests/e2e/test_policyconfig_ssh.py``.
"""
from harness import make_appliance, run_session

from .certconfig_support import commit_edit, drive

P = "ironport.example.com> "
CHOOSE_TABLE = """
Would you like to configure Incoming or Outgoing Mail Policies?
1. Incoming
2. Outgoing
3. Match
[1]> """
MENU = """
Choose the operation you want to perform:
- EDIT - Edit an existing policy
- PRINT - Print all policies
[]> """
POLICY_MENU = """
Choose the operation you want to perform:
- ANTISPAM - Modify Anti-Spam policy
- ANTIVIRUS - Modify Anti-Virus policy
- ADVANCEDMALWARE - Modify Advanced Malware Protection policy
- OUTBREAK - Modify Outbreak Filters policy
[]> """
SPAM_ACTIONS = """
What do you want to do with messages identified as spam?
1. DELIVER
2. DROP
3. BOUNCE
4. IRONPORT QUARANTINE
"""
SUSPECTED_ACTIONS = SPAM_ACTIONS.replace("as spam?", "as suspected spam?")

def treatment(kind: str, subject: str = "1") -> str:
    return f"""
Do you want to archive messages identified as {kind}? [N]> 

Do you want to add text to the subject of messages identified as {kind}?
1. No
2. Prepend
3. Append
[{subject}]> 
"""


# Enter at every question after the spam action: the appliance's defaults (suspected spam
# delivered with "[SUSPECTED SPAM]" prepended).
SPAM_DEFAULTS = [""] * 10
THRESHOLD = "\nDo you want to use the default IronPort Anti-Spam spam threshold? [Y]> "


def delivered(kind: str) -> str:
    return f"""
Do you want {kind} sent to an external quarantine or alternate host? [N]> 

Do you want to add a custom header to messages identified as {kind}? [N]> 

Do you want {kind} sent to an alternate envelope recipient? [N]> 
"""


SPAM_REST = (treatment("spam") + """
Do you want to enable special treatment of suspected spam? [Y]> 
""" + SUSPECTED_ACTIONS + "[1]> \n" + treatment("suspected spam", "2") + """
What text do you want to prepend to the subject?
[[SUSPECTED SPAM]]> 
""" + delivered("suspected spam"))
COLUMNS = """Name:    Anti-Spam:  Anti-Virus:  Advanced Malware Protection:  Outbreak Filters:
=======  ==========  ===========  ============================  =================
"""


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def incoming_table(antispam: str = "IronPort") -> str:
    return ("\nIncoming Mail Policy Configuration\n\n" + COLUMNS +
            f"DEFAULT  {antispam:<10}  Sophos       File Reputation               Enabled\n")


def summary(antispam: str, antivirus: str = "Sophos - Drop Message",
            amp: str = "File Reputation", outbreak: str = "Enabled") -> str:
    return (f"\nPolicy Summaries:\n\nAnti-Spam: {antispam}\nAnti-Virus: {antivirus}\n"
            f"Advanced Malware Protection: {amp}\nOutbreak Filters: {outbreak}\n")


def test_set_the_incoming_spam_action_to_the_spam_quarantine(tmp_path):
    appliance = make_appliance(tmp_path)
    text, config = drive(appliance, [
        "policyconfig", "", "EDIT", "DEFAULT", "antispam", "edit", "", "5", "ironport q", *SPAM_DEFAULTS, "", "",
        "commit", "spam to the quarantine", "n"])
    assert text.startswith(crlf(P + "policyconfig\n" + CHOOSE_TABLE + "\n" + incoming_table()
                                + MENU + """EDIT

Enter the name or number of the entry you wish to edit:
1. DEFAULT
[]> DEFAULT
""" + summary("IronPort - Deliver") + POLICY_MENU + """antispam

Choose the operation you want to perform:
- EDIT - Edit Anti-Spam policy
- DISABLE - Disable Anti-Spam policy (Disables all policy-related actions)
[]> edit

Begin Anti-Spam configuration
""" + THRESHOLD + "\n" + SPAM_ACTIONS + "[1]> 5\nPlease enter a number from 1 to 4.\n" + SPAM_ACTIONS
                                + "[1]> ironport q\n" + SPAM_REST + """
Anti-Spam configuration complete
""" + summary("IronPort - Spam Quarantine") + POLICY_MENU + "\n" + incoming_table() + MENU
                                + "\n\n" + P + "commit\n"))
    policies = appliance.view().mailpolicies
    assert policies.inbound.spam_action == "quarantine"
    assert policies.outbound.spam_action == "deliver"     # the other table is untouched
    assert appliance.history()[-1].comment == "spam to the quarantine"


def test_number_3_is_bounce_as_on_the_appliance(tmp_path):
    # Scripts answer the list by number: 3 is BOUNCE (DELIVER, DROP, BOUNCE, IRONPORT
    # QUARANTINE), the order of Cisco's QA library's list of the same dialogue family.
    appliance = make_appliance(tmp_path)
    text, config = drive(appliance, ["policyconfig", "1", "edit", "1", "antispam", "edit", "", "3",
                                     *SPAM_DEFAULTS, "", ""])
    assert crlf(SPAM_ACTIONS + "[1]> 3\n" + SPAM_REST + """
Anti-Spam configuration complete
""" + summary("IronPort - Bounce") + POLICY_MENU) in text
    assert config.view().mailpolicies.inbound.spam_action == "bounce"


def test_unknown_operation_and_policy_get_the_error_and_the_question_again(tmp_path):
    appliance = make_appliance(tmp_path)
    text, config = drive(appliance, ["policyconfig", "4", "1", "new", "edit", "mine", "1", ""])
    assert crlf(CHOOSE_TABLE + "4\nPlease enter a number from 1 to 3.\n" + CHOOSE_TABLE + "1\n") \
        in text
    assert crlf(MENU + 'new\nUnknown option "new".\n' + MENU + "edit\n") in text
    assert crlf("""[]> mine
Please enter a number from 1 to 1.

Enter the name or number of the entry you wish to edit:
1. DEFAULT
[]> 1
""") in text
    assert not config.has_changes


def test_outgoing_policy_enables_anti_spam_and_amp_and_disables_anti_virus(tmp_path):
    appliance = make_appliance(tmp_path)
    text, config = drive(appliance, [
        "policyconfig", "outgoing", "edit", "1",
        "antispam", "enable", "", "drop", *SPAM_DEFAULTS,
        "advancedmalware", "enable",
        "antivirus", "disable", "", ""])
    assert crlf("\nOutgoing Mail Policy Configuration\n\n" + COLUMNS +
                "DEFAULT  Off         Sophos       Off                           Off\n") in text
    assert crlf(summary("Off", amp="Off", outbreak="Off") + POLICY_MENU + """antispam

Choose the operation you want to perform:
- ENABLE - Enable Anti-Spam policy
[]> enable

Begin Anti-Spam configuration
""" + THRESHOLD + "\n" + SPAM_ACTIONS + "[1]> drop\n") in text
    assert crlf(POLICY_MENU + """advancedmalware

Choose the operation you want to perform:
- ENABLE - Enable Advanced Malware Protection policy
[]> enable
""" + summary("IronPort - Drop", amp="File Reputation", outbreak="Off")) in text
    assert crlf("""[]> antivirus

Choose the operation you want to perform:
- EDIT - Edit Anti-Virus policy
- DISABLE - Disable Anti-Virus policy (Disables all policy-related actions)
[]> disable
""" + summary("IronPort - Drop", antivirus="Off", outbreak="Off")) in text
    outbound = config.view().mailpolicies.outbound
    assert (outbound.anti_spam, outbound.spam_action, outbound.amp, outbound.anti_virus,
            outbound.outbreak_filters) == (True, "drop", True, False, False)
    assert config.view().mailpolicies.inbound == appliance.view().mailpolicies.inbound


def av_section(kind: str, answer: str = "") -> str:
    return (f"\n{kind} Message Handling\n\nDo you want to edit the actions for {kind} Message "
            f"Handling? [N]> {answer}\n")


VIRUS_ACTIONS = """
Action applied to the original message:
1. Deliver As Is
2. Deliver as Attachment (text/plain) to New Message
3. Deliver as Attachment (message/rfc822) to New Message
4. Drop Message
5. Quarantine
"""


def test_virus_infected_action_as_the_qa_library_answers_it_and_outbreak_filters_off(tmp_path):
    # policyconfigEditAntivirus.edit(): every question Enter but infected_edit=yes and
    # infected_action=5 (the keywords' example), then a wrong answer to the yes/no question.
    appliance = make_appliance(tmp_path)
    text, config = drive(appliance, [
        "policyconfig", "1", "edit", "1", "antivirus", "edit", "", "", "", "", "maybe", "y", "5",
        "outbreak", "disable", "", ""])
    assert crlf("""[]> edit

Begin Anti-Virus configuration

How would you like the system to scan messages for viruses?
1. Scan and Repair viruses
2. Scan for Viruses only
[1]> 

Message Handling for repaired, encrypted, unscannable and virus infected messages:
""" + av_section("Repaired") + av_section("Encrypted") + av_section("Unscannable")
                + av_section("Virus Infected", "maybe") + """Please answer Y or N.

Do you want to edit the actions for Virus Infected Message Handling? [N]> y
""" + VIRUS_ACTIONS + """[4]> 5

Anti-Virus configuration complete
""" + summary("IronPort - Deliver", antivirus="Sophos - Quarantine")) in text
    assert crlf(summary("IronPort - Deliver", antivirus="Sophos - Quarantine",
                        outbreak="Off")) in text
    inbound = config.view().mailpolicies.inbound
    assert (inbound.virus_action, inbound.outbreak_filters) == ("quarantine", False)


def test_scan_only_skips_repaired_handling_and_keeps_the_encrypted_action(tmp_path):
    appliance = make_appliance(tmp_path)
    text, config = drive(appliance, [
        "policyconfig", "2", "edit", "1", "antivirus", "edit", "2", "y", "6", "deliver as attachment (message", "", "", "", ""])
    assert crlf("""[1]> 2

Message Handling for encrypted, unscannable and virus infected messages:
""" + av_section("Encrypted", "y") + VIRUS_ACTIONS + "[1]> 6\nPlease enter a number from 1 "
                "to 5.\n" + VIRUS_ACTIONS + "[1]> deliver as attachment (message\n"
                + av_section("Unscannable") + av_section("Virus Infected")) in text
    outbound = config.view().mailpolicies.outbound
    assert (outbound.virus_repair, outbound.encrypted_action, outbound.virus_action) == \
        (False, "attach_rfc822", "drop")


def test_antispam_enable_answered_as_the_qa_library_does(tmp_path):
    # The robot suites: Spam Params Get action_spam=IRONPORT QUARANTINE, Suspected Spam
    # Params Get action_spam_suspected=IRONPORT QUARANTINE, Policyconfig Edit Antispam Enable
    # Outgoing DEFAULT: the ctor answers those two lists and Enter at everything else.
    appliance = make_appliance(tmp_path)
    text, config = drive(appliance, [
        "policyconfig", "Outgoing", "EDIT", "DEFAULT", "ANTISPAM", "ENABLE", "",
        "IRONPORT QUARANTINE", "", "", "", "IRONPORT QUARANTINE", "", "3", "", "", "", "commit",
        "qa", "n"])
    assert crlf(SPAM_ACTIONS + "[1]> IRONPORT QUARANTINE\n" + treatment("spam") + """
Do you want to enable special treatment of suspected spam? [Y]> 
""" + SUSPECTED_ACTIONS + "[1]> IRONPORT QUARANTINE\n" + treatment("suspected spam", "2").replace("[2]> ", "[2]> 3") + """
What text do you want to append to the subject?
[[SUSPECTED SPAM]]> 

Anti-Spam configuration complete
""") in text
    outbound = appliance.view().mailpolicies.outbound
    assert (outbound.anti_spam, outbound.spam_action, outbound.suspected_spam,
            outbound.suspected_action, outbound.suspected_subject) == \
        (True, "quarantine", True, "quarantine", "append")


def test_custom_thresholds_and_where_delivered_spam_goes_with_bad_answers(tmp_path):
    appliance = make_appliance(tmp_path)
    text, config = drive(appliance, [
        "policyconfig", "1", "edit", "1", "antispam", "edit", "n", "101", "80", "1", "n", "2",
        "[S]", "y", "bad host!", "mx.example.com", "y", "X-Spam", "yes", "y", "nobody",
        "spam@example.com", "y", "80", "60", "4", "", "", "", "", ""])
    assert crlf("""
Enter the IronPort Anti-Spam spam threshold (1-100):
[90]> 101
The value must be an integer from 1 to 100.
""") in text
    assert crlf("""
Do you want spam sent to an external quarantine or alternate host? [N]> y

Please enter the host to send spam to:
[]> bad host!
Please enter a valid hostname or IP address.

Please enter the host to send spam to:
[]> mx.example.com

Do you want to add a custom header to messages identified as spam? [N]> y

Enter the name of the header:
[]> X-Spam

Enter the text for the content of the header:
[]> yes

Do you want spam sent to an alternate envelope recipient? [N]> y

Please enter an email address to send spam to:
[]> nobody
An email address is a localname, an "@", and a domain.

Please enter an email address to send spam to:
[]> spam@example.com

Do you want to enable special treatment of suspected spam? [Y]> y

Enter the IronPort Anti-Spam suspect spam threshold (1-79):
[50]> 80
The value must be an integer from 1 to 79.
""") in text
    inbound = config.view().mailpolicies.inbound
    assert (inbound.spam_default_thresholds, inbound.spam_threshold, inbound.suspected_threshold,
            inbound.spam_subject, inbound.spam_subject_text, inbound.spam_alt_host,
            inbound.spam_header_name, inbound.spam_header_text, inbound.spam_alt_recipient,
            inbound.suspected_action) == (False, 80, 60, "prepend", "[S]", "mx.example.com",
                                          "X-Spam", "yes", "spam@example.com", "quarantine")


def test_no_special_treatment_of_suspected_spam_asks_no_more(tmp_path):
    appliance = make_appliance(tmp_path)
    text, config = drive(appliance, [
        "policyconfig", "1", "edit", "1", "antispam", "edit", "", "", "y", "3", "", "", "", "", "n", "", ""])
    assert crlf("""
Do you want to archive messages identified as spam? [N]> y

Do you want to add text to the subject of messages identified as spam?
1. No
2. Prepend
3. Append
[1]> 3

What text do you want to append to the subject?
[[SPAM]]> 
""" + delivered("spam") + """
Do you want to enable special treatment of suspected spam? [Y]> n

Anti-Spam configuration complete
""") in text
    inbound = config.view().mailpolicies.inbound
    assert (inbound.spam_archive, inbound.spam_subject, inbound.spam_subject_text,
            inbound.suspected_spam) == (True, "append", "[SPAM]", False)


def test_outbreak_enable_answers_the_bypass_question_no_then_yes_with_extensions(tmp_path):
    # policyconfigEditVof.enable(NO) goes straight back to the policy's menu;
    # enable(YES).new("exe") adds the extension in the list's own menu and leaves it with Enter.
    appliance = make_appliance(tmp_path)
    text, config = drive(appliance, [
        "policyconfig", "2", "edit", "1", "outbreak", "enable", "NO",
        "outbreak", "edit", "YES", "NEW", ".exe", "exe, Zip", "new", "zip", "", "", ""])
    assert crlf("""[]> enable

Do you want to modify the list of file extensions that bypass Outbreak Filters? [N]> NO
""" + summary("Off", amp="Off")) in text
    assert crlf("""bypass Outbreak Filters? [N]> YES

No file extensions bypass Outbreak Filters.

Choose the operation you want to perform:
- NEW - Add file extensions
[]> NEW

Enter the file extensions to bypass Outbreak Filters, separated by commas:
[]> .exe
Do not include the period before a file extension.

Enter the file extensions to bypass Outbreak Filters, separated by commas:
[]> exe, Zip

File extensions that bypass Outbreak Filters:
exe
zip
""") in text
    assert crlf("""[]> zip
The file extensions zip are already configured to bypass Outbreak Filters.
""") in text
    outbound = config.view().mailpolicies.outbound
    assert (outbound.outbreak_filters, outbound.outbreak_bypass) == (True, ["exe", "zip"])


def test_match_is_offered_from_12x_and_refused_older_releases_list_two_tables(tmp_path):
    text, _ = drive(make_appliance(tmp_path / "new"), ["policyconfig", "match"])
    assert crlf(CHOOSE_TABLE + """match

The policy matching priority is not available on this system.

""" + P) in text
    text, _ = drive(make_appliance(tmp_path / "old", profile="11.x"), ["policyconfig", "3", ""])
    assert crlf("1. Incoming\n2. Outgoing\n[1]> 3\nPlease enter a number from 1 to 2.\n") in text


def test_print_shows_the_policy_and_an_empty_answer_leaves_a_service_menu(tmp_path):
    appliance = make_appliance(tmp_path)
    commit_edit(appliance, lambda s: setattr(s.edit("mailpolicies").inbound, "anti_spam", False))
    text, config = drive(appliance, ["policyconfig", "", "print", "x", "1", "edit", "1",
                                     "antispam", "", "", ""])
    assert incoming_table("Off") in text.replace("\r\n", "\n")
    assert crlf(MENU + """print

Enter the name or number of the entry you wish to print:
1. DEFAULT
[]> x
Please enter a number from 1 to 1.

Enter the name or number of the entry you wish to print:
1. DEFAULT
[]> 1
""" + summary("Off") + incoming_table("Off") + MENU + "edit\n") in text
    assert crlf(POLICY_MENU + """antispam

Choose the operation you want to perform:
- ENABLE - Enable Anti-Spam policy
[]> 
""" + summary("Off") + POLICY_MENU) in text
    assert not config.has_changes


def test_an_operator_commits_the_change_a_read_only_operator_cannot(tmp_path):
    appliance = make_appliance(tmp_path)
    commit_edit(appliance, lambda s: s.edit("users").users.update(_accounts(s)))
    steps = ["policyconfig", "", "edit", "1", "antispam", "disable", "", "", "commit", "x", "n"]
    denied = run_session(appliance, steps, user="viewer").text
    assert "You are not in the correct access group to use this command." in denied
    assert appliance.view().mailpolicies.inbound.anti_spam is True
    run_session(appliance, steps, user="oper")
    assert appliance.view().mailpolicies.inbound.anti_spam is False


def _accounts(session) -> dict:
    admin = session.read("users").users["admin"]
    return {name: type(admin)(**{**vars(admin), "name": name, "role": role})
            for name, role in (("viewer", "readonly"), ("oper", "operators"))}
