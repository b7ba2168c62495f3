"""Exact transcripts of the session commands, through the in-process terminal."""
import re

from cluster import passwords
from harness import after_banner, make_appliance, run

P = "ironport.example.com> "


def session(tmp_path, lines, **kw):
    return after_banner(run(make_appliance(tmp_path), lines, **kw))


def test_banner_layout(tmp_path):
    text = run(make_appliance(tmp_path), [])
    assert text == ("AsyncOS 16.0.3 for Cisco C100V build 025\r\n\r\n"
                    "Welcome to the Cisco C100V Email Security Virtual Appliance\r\n\r\n"
                    "NOTE: This session will expire if left idle for 30 minutes. Any uncommitted "
                    "configuration changes will be lost. Commit the configuration changes as soon as "
                    "they are made.\r\n\r\n" + P)


def test_second_login_shows_last_login_with_cr_cr_lf(tmp_path):
    appliance = make_appliance(tmp_path)
    run(appliance, ["exit"])
    text = run(appliance, [])
    assert re.match(r"Last login: \w{3} \w{3} \d\d \d\d:\d\d:\d\d \d{4} from 127\.0\.0\.1\r\r\n"
                    r"AsyncOS 16\.0\.3", text)


def test_unknown_command(tmp_path):
    assert session(tmp_path, ["frobnicate"]) == (
        P + "frobnicate\r\n\r\nUnknown command or missing feature key: frobnicate\r\n\r\n" + P)


def test_bare_enter_gives_a_fresh_prompt(tmp_path):
    assert session(tmp_path, ["", ""]) == P + "\r\n" + P + "\r\n" + P


def test_invalid_hostname_is_reasked(tmp_path):
    text = session(tmp_path, ["sethostname", "nodots", "good.example.com", "showchanges"])
    assert text.startswith(
        P + "sethostname\r\n[ironport.example.com]> nodots\r\n"
        "A hostname must have at least 2 labels separated by a period.\r\n"
        "[ironport.example.com]> good.example.com\r\n\r\n" + P + "showchanges\r\n\r\n"
        "{'standalone': {'': {'system': {'hostname': 'good.example.com'}}}}\r\n")


def test_clear_with_and_without_changes(tmp_path):
    text = session(tmp_path, ["clear", "sethostname", "x.example.com", "clear", "y", "commit"])
    assert "clear\r\n\r\nNo changes have been made since the last commit.\r\n" in text
    assert ("Are you sure you want to clear all changes since the last commit? [Y]> y\r\n\r\n"
            "Changes cleared: ") in text
    assert text.endswith("commit\r\n\r\nThere is no data to commit.\r\n\r\n" + P)


def test_exit_asks_when_changes_are_pending(tmp_path):
    text = session(tmp_path, ["sethostname", "x.example.com", "exit", "n", "exit", "y", "version"])
    assert text.endswith(P + "exit\r\n\r\nYou have uncommitted changes.  Are you sure you wish to "
                         "exit? [N]> n\r\n\r\n" + P + "exit\r\n\r\nYou have uncommitted changes.  "
                         "Are you sure you wish to exit? [N]> y\r\n")


def test_exit_without_changes_ends_at_once(tmp_path):
    assert session(tmp_path, ["exit", "version"]) == P + "exit\r\n"


def test_version(tmp_path):
    text = session(tmp_path, ["version"])
    assert "version\r\n\r\nCurrent Version\r\n===============\r\n" in text
    for pattern in (r"^Version: ([0-9.-]+)", r"^Model: (.+)", r"^Serial #: ([0-9A-Z-]+)",
                    r"^CPUs:.* ([0-9]+) allocated", r"^Memory:.* ([0-9]+) MB allocated",
                    r"^Product: Cisco C100V Email Security Virtual Appliance"):
        assert re.search(pattern, text, re.M), pattern


def test_status_without_mail_services(tmp_path):
    text = session(tmp_path, ["status"])
    assert re.search(r"^Status as of:\s{18}\w{3} ", text, re.M)
    assert "System status:                 Online" in text
    assert "Couldn't obtain mail stats" in text


def test_help_lists_commands_and_explains_one(tmp_path):
    text = session(tmp_path, ["help", "help commit", "help nothing"])
    assert re.search(r"^commit\s+Commit pending configuration changes\.\r$", text, re.M)
    assert "help commit\r\ncommit\r\nCommit pending configuration changes.\r\n" in text
    assert "help is not available for nothing" in text


def test_whoami_and_who(tmp_path):
    text = session(tmp_path, ["whoami", "who"])
    assert "Username: admin\r\nFull Name: Administrator\r\nGroups: admin" in text
    assert "Username  Role                    Login Time  Idle Time  Remote Host      What" in text
    assert re.search(r"^admin     Administrator +\d\d:\d\d[AP]M\s+\d+s\s+127\.0\.0\.1\s+who\r$", text,
                     re.M), text


def test_userconfig_new_user_then_role_is_enforced(tmp_path):
    appliance = make_appliance(tmp_path)
    text = after_banner(run(appliance, [
        "userconfig", "new", "ironport", "bob", "Bob Reader", "3", "n", "Readonly9x!", "Readonly9x!",
        "", "commit", "", ""]))
    assert "Assign a role to \"bob\":\r\n1. Administrators" in text
    assert "Changes committed" in text
    users = appliance.view().users.users
    assert users["bob"].role == "readonly" and users["bob"].full_name == "Bob Reader"
    assert passwords.check_password("Readonly9x!", users["bob"].password_hash)
    ro = after_banner(run(appliance, ["sethostname", "ro.example.com", "commit", "userconfig"],
                          user="bob"))
    assert "commit\r\n\r\nYou are not in the correct access group to use this command.\r\n" in ro
    assert ro.endswith("userconfig\r\n\r\nYou are not in the correct access group to use this "
                       "command.\r\n\r\n" + "ironport.example.com> ")


def test_userconfig_edit_delete_and_assign_ask_in_the_qa_librarys_order(tmp_path):
    """The answers Cisco's QA library (ESA 14.1 userconfig.py) sends, in its order."""
    appliance = make_appliance(tmp_path)
    run(appliance, ["userconfig add bob Bob operators Strong7x!", "commit", "", ""])
    before = appliance.view().users.users["bob"].password_hash
    # EDIT: user, own passphrase, full name, role, system generated? (N), passphrase (blank)
    text = after_banner(run(appliance, ["userconfig", "edit", "bob", "ironport", "Bobby", "", "",
                                        "", "", "commit", "", ""]))
    assert ("[]> edit\r\n\r\nEnter the user name or number to edit.\r\n[]> bob\r\n\r\n"
            "Enter your Passphrase to make changes:\r\n[]> \r\n\r\n"
            "Enter the full name for bob.\r\n[Bob]> Bobby\r\n") in text
    assert ("Do you want to generate a system generated passphrase? [N]> \r\n\r\n"
            "Enter the passphrase for bob.\r\n[]> \r\n") in text
    bob = appliance.view().users.users["bob"]
    assert (bob.full_name, bob.password_hash) == ("Bobby", before)
    # PASSPHRASE: ASSIGN, user, own passphrase, system generated? (N), passphrase twice
    text = after_banner(run(appliance, ["userconfig", "passphrase", "assign", "bob", "ironport",
                                        "", "Other8y!x", "Other8y!x", "", "commit", "", ""]))
    assert ("[]> passphrase\r\n\r\nChoose the operation you want to perform:\r\n"
            "- ASSIGN - Assign a new passphrase to a user.\r\n[]> assign\r\n\r\n"
            "Enter the user name or number to edit.\r\n[]> bob\r\n\r\n"
            "Enter your Passphrase to make changes:\r\n") in text
    assert passwords.check_password("Other8y!x",
                                    appliance.view().users.users["bob"].password_hash)
    # DELETE: user, own passphrase, confirmation
    text = after_banner(run(appliance, ["userconfig", "delete", "bob", "ironport", "y", "",
                                        "commit", "", ""]))
    assert ("Enter the user name or number to delete.\r\n[]> bob\r\n\r\n"
            "Enter your Passphrase to make changes:\r\n[]> \r\n\r\n"
            "Are you sure you want to delete \"bob\"? [N]> y\r\n") in text
    assert "bob" not in appliance.view().users.users


def test_userconfig_refuses_bad_passphrases_and_wrong_own_passphrase(tmp_path):
    text = session(tmp_path, ["userconfig", "new", "wrong", "", ""])
    assert "The passphrase you entered is incorrect." in text
    text = session(tmp_path, ["userconfig", "new", "ironport", "eve", "Eve", "2", "n", "short",
                              "abcdefgh1", "Strong7x!", "Other7x!!", "Strong7x!", "Strong7x!", "", ""])
    # every unmet criterion under the appliance's heading, then the question again
    assert ("\r\n[]> \r\nFollowing criteria for passphrase are not met:\r\n"
            "- at least 8 characters.\r\n\r\nEnter the passphrase for eve.\r\n") in text
    assert ("Following criteria for passphrase are not met:\r\n- must not contain three or "
            "more repetitive or sequential characters.\r\n") in text
    assert "The passphrases do not match." in text


def test_passwd_changes_own_password_after_commit(tmp_path):
    appliance = make_appliance(tmp_path)
    text = after_banner(run(appliance, ["passwd", "nope"]))
    assert "passwd\r\n\r\nOld passphrase: []> \r\nOld passphrase did not match.\r\n" in text
    text = after_banner(run(appliance, ["passwd", "ironport", "", "Newpass7x!", "Newpass7x!",
                                        "commit", "", ""]))
    # the order and words Cisco's QA library drives on ESA 11.0-14.1 (passwd.py)
    assert ("passwd\r\n\r\nOld passphrase: []> \r\n\r\n"
            "Would you like to get a system generated passphrase? [N]> \r\n"
            "New Passphrase: []> \r\nPlease enter the new passphrase again: []> \r\n"
            "Password changed.\r\n") in text
    admin = appliance.view().users.users["admin"]
    assert passwords.check_password("Newpass7x!", admin.password_hash)


def test_passwd_offers_a_system_generated_passphrase(tmp_path):
    appliance = make_appliance(tmp_path)
    text = after_banner(run(appliance, ["passwd", "ironport", "y", "", "commit", "", ""]))
    match = re.search(r"\r\nThis is your system generated passphrase: (\S+)\r\n\r\n"
                      r"Do you want to proceed with this passphrase\? \[Y\]> \r\n"
                      r"Password changed\.\r\n", text)
    assert match, text
    admin = appliance.view().users.users["admin"]
    assert passwords.check_password(match.group(1), admin.password_hash)


def test_sshconfig_adds_a_valid_key_and_refuses_garbage(tmp_path):
    appliance = make_appliance(tmp_path)
    key = ("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl "
           "user@host")
    text = after_banner(run(appliance, ["sshconfig", "userkey", "new", "not a key", "", "new", key,
                                        "", "", "", "commit", "", ""]))
    assert "SSH key does not appear to be a valid public key." in text
    assert "Currently installed keys for admin:\r\n1. ssh-ed25519 " in text
    admin = appliance.view().users.users["admin"]
    assert admin.ssh_keys == [key]


def test_sshconfig_user_picks_another_user_from_a_list(tmp_path):
    appliance = make_appliance(tmp_path)
    run(appliance, ["userconfig add bob Bob operators Strong7x!", "commit", "", ""])
    key = ("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl "
           "bob@host")
    text = after_banner(run(appliance, ["sshconfig", "userkey", "user", "bob", "new", key, "", "",
                                        "", "commit", "", ""]))
    # the QA library answers "Choose the user" with a name; a number works too; [1] is admin
    assert ("[]> user\r\n\r\nChoose the user whose keys you wish to edit:\r\n1. admin\r\n"
            "2. bob\r\n[1]> bob\r\n\r\nCurrently installed keys for bob:\r\n") in text
    assert appliance.view().users.users["bob"].ssh_keys == [key]


def test_saveconfig_writes_the_file_and_loadconfig_reads_it_back(tmp_path):
    appliance = make_appliance(tmp_path)
    text = after_banner(run(appliance, ["saveconfig", "2"]))
    match = re.search(r'File written on machine "ironport\.example\.com" to the location '
                      r'"/configuration/(C100V-ABCDEF012345-ABCDEFG-\d{8}T\d{6}\.xml)"\.', text)
    assert match and "Configuration saved." in text
    name = match.group(1)
    assert (appliance.config_dir / name).stat().st_mode & 0o777 == 0o600
    text = after_banner(run(appliance, ["loadconfig", "2", name]))
    assert "No changes detected from current configuration." in text
    text = after_banner(run(appliance, ["sethostname", "other.example.com", "loadconfig", "y", "2",
                                        name, "showchanges"]))
    assert "Values have been loaded.\r\nBe sure to run \"commit\" to make these settings active." in text
    assert text.endswith("showchanges\r\n\r\nNo changes have been made since the last commit.\r\n\r\n" + P)


def test_batch_saveconfig_and_masked_files_do_not_load(tmp_path):
    appliance = make_appliance(tmp_path)
    text = after_banner(run(appliance, ["saveconfig y 1"]))
    name = re.search(r'"/configuration/([^"]+)"', text).group(1)
    assert "*****" in (appliance.config_dir / name).read_text()
    text = after_banner(run(appliance, [f"loadconfig {name}"]))
    assert "The configuration file contains masked passphrases and cannot be loaded." in text
    text = after_banner(run(appliance, ["loadconfig", "2", "missing.xml"]))
    assert 'Error: the file "missing.xml" does not exist.' in text
    text = after_banner(run(appliance, ["loadconfig", "2", "../config.json"]))
    assert 'does not exist' in text


def test_loadconfig_paste_ends_with_ctrl_d(tmp_path):
    appliance = make_appliance(tmp_path)
    text = after_banner(run(appliance, ["loadconfig", "1", "<config>", "</config", "\x04"]))
    assert "Parsing failed.  Aborting." in text


def test_commitdetail_after_commit(tmp_path):
    text = session(tmp_path, ["commitdetail", "sethostname", "d.example.com", "commit", "why", "",
                              "commitdetail"])
    assert "No commits have been made in this session." in text
    assert "Comment: why\r\nChanged settings:\r\n  levels.machine:ironport.example.com.system.hostname" in text


def test_showconfig_prints_xml(tmp_path):
    text = session(tmp_path, ["showconfig", "1"])
    assert '<?xml version="1.0" encoding="ISO-8859-1"?>' in text and "<config>" in text
    assert "PRIVATE KEY" not in text


def test_last_lists_logins(tmp_path):
    appliance = make_appliance(tmp_path)
    run(appliance, [])
    text = after_banner(run(appliance, ["last admin"]))
    assert re.search(r"^admin\s+127\.0\.0\.1\s+\w{3} \w{3} \d\d \d\d:\d\d\s+\w{3}", text, re.M)
    assert "still logged in" in text
