"""userconfig → POLICY → ACCOUNT (the committed account-lock policy that SSH and FTP logins use)
and userconfig → STATUS (lock an account, or make a locked one available)."""
import pytest

from asyncos_shell.commands._passphrase import passphrase_error
from cluster import model
from cluster.validate import ConfigError
from harness import RecordingLogs, after_banner, make_appliance, run

P = "ironport.example.com> "
POLICY_MENU = ("Choose the operation you want to perform:\r\n"
               "- ACCOUNT - Configure account locking after failed login attempts.\r\n"
               "- PASSWORDSTRENGTH - Configure the passphrase rules.\r\n[]> ")
EXPIRY = "Passphrase expiration: Disabled\r\n"
RULES = ("Passphrase rules: at least 8 characters, not similar to the username, no three "
         "repetitive or sequential characters\r\n\r\n")
LOCK_QUESTION = ("Would you like to automatically lock account after unsuccessful login "
                 "attempts? [Y]> ")
COUNT_QUESTION = "How many consecutive unsuccessful login attempts will lock the account?\r\n"
COMMIT = ["commit", "policy", "y"]
# ACCOUNT after the count, every answer the default: locked message, expiry, reset.
ACCOUNT_REST = ["", "", ""]
ACCOUNT_REST_TEXT = (
    "\r\nDo you want to display an account locked message on the login page if an administrator "
    "has locked the account? [N]> \r\n"
    "\r\nDo you want to enable passphrase expiration? [N]> \r\n"
    "\r\nDo you want to require a passphrase reset whenever a user's passphrase is set or "
    "changed by an administrator? [N]> \r\n")
# PASSWORDSTRENGTH after the sequence rule, every answer the default: reuse, word list.
STRENGTH_REST = ["", ""]


def fail_logins(appliance, user: str, times: int) -> None:
    for _ in range(times):
        appliance.accounts.failed(user, "10.0.0.9", "an SSH connection")


def test_policy_account_transcript_refuses_a_count_out_of_range_and_commits(tmp_path):
    appliance = make_appliance(tmp_path)
    text = after_banner(run(appliance, ["userconfig", "policy", "account", "y", "61", "0", "3",
                                        *ACCOUNT_REST, "", "", *COMMIT]))
    assert ("[]> policy\r\n\r\nAccount lock: after 5 consecutive unsuccessful login attempts\r\n"
            + EXPIRY + RULES + POLICY_MENU + "account\r\n\r\n" + LOCK_QUESTION + "y\r\n\r\n"
            + COUNT_QUESTION + "[5]> 61\r\nThe value must be an integer from 1 to 60.\r\n\r\n"
            + COUNT_QUESTION + "[5]> 0\r\nThe value must be an integer from 1 to 60.\r\n\r\n"
            + COUNT_QUESTION + "[5]> 3\r\n" + ACCOUNT_REST_TEXT +
            "\r\nAccount lock: after 3 consecutive unsuccessful login attempts\r\n"
            + EXPIRY + RULES + POLICY_MENU + "\r\n") in text
    assert "Changes committed" in text
    assert appliance.view().users.account_policy == model.AccountPolicy(True, 3)


def test_no_lock_skips_the_count_and_logins_then_never_lock(tmp_path):
    appliance = make_appliance(tmp_path, logs=RecordingLogs())
    text = after_banner(run(appliance, ["userconfig", "policy", "account", "n", *ACCOUNT_REST,
                                        "", "", *COMMIT]))
    assert LOCK_QUESTION + "n\r\n" + ACCOUNT_REST_TEXT + "\r\nAccount lock: Disabled\r\n" in text
    assert COUNT_QUESTION not in text
    assert appliance.view().users.account_policy.lock_account is False
    fail_logins(appliance, "admin", 20)
    assert not appliance.accounts.locked("admin")
    assert not [line for line in appliance.logs.of("authentication") if "locked" in line]


def test_logins_lock_after_the_committed_count(tmp_path):
    appliance = make_appliance(tmp_path, logs=RecordingLogs())
    run(appliance, ["userconfig", "policy", "account", "", "2", *ACCOUNT_REST, "", "", *COMMIT])
    fail_logins(appliance, "admin", 1)
    assert not appliance.accounts.locked("admin")
    fail_logins(appliance, "admin", 1)
    assert appliance.accounts.locked("admin")
    assert ("The user admin was locked after 2 consecutive failed login attempts."
            in appliance.logs.of("authentication"))


def test_an_uncommitted_policy_does_not_apply(tmp_path):
    appliance = make_appliance(tmp_path)
    run(appliance, ["userconfig", "policy", "account", "", "1", *ACCOUNT_REST, "", ""])   # no commit
    fail_logins(appliance, "admin", 4)
    assert not appliance.accounts.locked("admin")
    fail_logins(appliance, "admin", 1)                                      # the factory five
    assert appliance.accounts.locked("admin")


def test_the_commit_gate_refuses_a_count_out_of_range(tmp_path):
    appliance = make_appliance(tmp_path)
    session = appliance.new_session("admin")
    session.edit("users").account_policy.max_failed_logins = 61
    with pytest.raises(ConfigError, match="from 1 to 60"):
        session.commit("too many")


def status_lines(appliance, answer: str) -> str:
    return after_banner(run(appliance, ["userconfig", "status", "ironport", "op1", answer, ""]))


def test_status_makes_a_locked_account_available_and_locks_an_available_one(tmp_path):
    appliance = make_appliance(tmp_path, logs=RecordingLogs())
    run(appliance, ["userconfig add op1 Op operators Secret9x!pw", *COMMIT])
    fail_logins(appliance, "op1", 5)
    assert appliance.accounts.locked("op1")
    text = status_lines(appliance, "y")
    # The listing marks it as Cisco's tech note 117866 shows ("(admin) (locked)").
    assert '2. op1 - "Op" (operators) (locked)\r\n' in text
    assert "- STATUS - Change the account status.\r\n" in text
    assert ("[]> status\r\n\r\nEnter your Passphrase to make changes:\r\n[]> \r\n\r\n"
            "Enter the user name or number to edit.\r\n[]> op1\r\nThe account op1 is locked.\r\n"
            "\r\nDo you want to make this account available? [N]> y\r\n") in text
    assert not appliance.accounts.locked("op1")
    fail_logins(appliance, "op1", 4)      # the failures were forgotten too
    assert not appliance.accounts.locked("op1")

    text = status_lines(appliance, "y")
    assert ("The account op1 is available.\r\n\r\nDo you want to lock this account? [N]> y"
            in text)
    assert appliance.accounts.locked("op1")
    assert [line for line in appliance.logs.of("authentication") if "by admin" in line] == [
        "The user op1 was made available by admin.", "The user op1 was locked by admin."]


def test_status_left_at_its_default_changes_nothing(tmp_path):
    appliance = make_appliance(tmp_path)
    run(appliance, ["userconfig add op1 Op operators Secret9x!pw", *COMMIT])
    assert "Do you want to lock this account? [N]> \r\n" in status_lines(appliance, "")
    assert not appliance.accounts.locked("op1")


def test_status_needs_the_operators_own_passphrase(tmp_path):
    appliance = make_appliance(tmp_path)
    text = after_banner(run(appliance, ["userconfig", "status", "wrong"]))
    assert "The passphrase you entered is incorrect." in text
    assert "Do you want to" not in text


STRENGTH = ["userconfig", "policy", "passwordstrength"]


def test_passwordstrength_transcript_and_the_committed_rules_apply_to_new_passphrases(tmp_path):
    appliance = make_appliance(tmp_path)
    text = after_banner(run(appliance, [*STRENGTH, "5", "10", "y", "y", "y", "", "n",
                                        *STRENGTH_REST, "", "", *COMMIT]))
    assert ("[]> passwordstrength\r\n\r\n"
            "Enter the minimum number of characters required in a passphrase.\r\n[8]> 5\r\n"
            "The value must be an integer from 6 to 128.\r\n\r\n"
            "Enter the minimum number of characters required in a passphrase.\r\n[8]> 10\r\n\r\n"
            "Do you want to require at least one upper (A-Z) and one lower (a-z) case letter? "
            "[N]> y\r\n\r\nDo you want to require at least one number (0-9)? [N]> y\r\n\r\n"
            "Do you want to require at least one special character? [N]> y\r\n\r\n"
            "Reject passphrases that are similar to the username? [Y]> \r\n\r\n"
            "Reject passphrases that contain three or more repetitive or sequential "
            "characters? [Y]> n\r\n\r\nBan reuse of last passphrases? [N]> \r\n\r\n"
            "Use a list of words to disallow in passphrases? (one word a line in the file "
            "forbidden_password_words.txt of /configuration) [N]> \r\n") in text
    assert appliance.view().users.passphrase_rules == model.PassphraseRules(
        10, True, True, True, True, False)
    errors = {
        "Short9!x": "- at least 10 characters.",
        "alllower9!xx": "- at least one upper (A-Z) and one lower (a-z) case letter.",
        "NoNumbers!xyz": "- at least one number (0-9).",
        "NoSpecial9xyz": "- at least one special character.",
        "Bob-is-me-9!": "- must not be a username or one of its variations.",
    }
    for passphrase, error in errors.items():
        text = run(appliance, [f"userconfig add bob Bob operators {passphrase}"])
        assert f"Following criteria for passphrase are not met:\r\n{error}\r\n" in text, passphrase
    # every unmet criterion is listed, in the appliance's order (SMA 14.0 robot test)
    text = run(appliance, ["userconfig add bob Bob operators abc"])
    assert ("Following criteria for passphrase are not met:\r\n- at least 10 characters.\r\n"
            "- at least one upper (A-Z) and one lower (a-z) case letter.\r\n"
            "- at least one number (0-9).\r\n- at least one special character.\r\n") in text
    text = run(appliance, ["userconfig add bob Bob operators " + "Ab9!x" * 26])   # 130
    assert "Following criteria for passphrase are not met:\r\n- at most 128 characters.\r\n" in text
    run(appliance, ["userconfig add bob Bob operators Abc123!xyzw", *COMMIT])
    assert "bob" in appliance.view().users.users          # sequential allowed now


def test_passwd_follows_the_committed_rules(tmp_path):
    appliance = make_appliance(tmp_path)
    run(appliance, [*STRENGTH, "", "n", "y", "n", "", "", *STRENGTH_REST, "", "", *COMMIT])
    text = run(appliance, ["passwd", "ironport", "", "NoDigitsHere", "Has9digits", "Has9digits",
                           *COMMIT])
    assert "Following criteria for passphrase are not met:\r\n- at least one number (0-9)." in text
    assert "Password changed." in text


def test_a_system_generated_passphrase_meets_the_rules(tmp_path):
    appliance = make_appliance(tmp_path)
    run(appliance, [*STRENGTH, "20", "y", "y", "y", "", "", *STRENGTH_REST, "", "",
                    *COMMIT])
    text = run(appliance, ["userconfig", "new", "ironport", "gen", "Gen", "2", "y", "y", "",
                           *COMMIT])
    generated = text.split("your system generated passphrase: ", 1)[1].split("\r\n", 1)[0]
    assert len(generated) >= 20
    assert passphrase_error(generated, "gen", appliance.view().users.passphrase_rules) is None
    assert "gen" in appliance.view().users.users


def test_account_expiry_transcript_validates_the_periods_and_commits(tmp_path):
    appliance = make_appliance(tmp_path)
    text = after_banner(run(appliance, [
        "userconfig", "policy", "account", "", "",   # lock as it is
        "y", "y", "Call the desk.", "", ".",          # locked message (an empty line kept)
        "y", "0", "45", "y", "10", "y", "400", "5",   # expiry, reminder, grace
        "y", "", "", *COMMIT]))
    assert ("Do you want to change the account locked message? [N]> y\r\n\r\n"
            "Enter or paste the account locked message. Enter '.' on a blank line to end.\r\n"
            in text)
    assert ("\r\nEnter the passphrase expiration period in days.\r\n[90]> 0\r\n"
            "The value must be an integer from 1 to 366.\r\n" in text)
    assert ("\r\nEnter the period before user's passphrase change time when the notification "
            "will be  printed (in days).\r\n[7]> 10\r\n" in text)
    assert ("\r\nEnter the period after users passphrase change time when the passphrase can "
            "still be changed at login (in days).\r\n[3]> 400\r\n"
            "The value must be an integer from 1 to 365.\r\n" in text)
    assert "\r\nPassphrase expiration: after 45 days\r\n" in text
    assert appliance.view().users.account_policy == model.AccountPolicy(
        True, 5, True, "Call the desk.", True, 45, True, 10, True, 5, True)


def test_an_empty_locked_message_is_asked_again(tmp_path):
    appliance = make_appliance(tmp_path)
    text = after_banner(run(appliance, ["userconfig", "policy", "account", "", "", "y", "y",
                                        ".", "Locked.", ".", "", "", "", "", *COMMIT]))
    assert "The message must have 1 to 2000 characters." in text
    assert appliance.view().users.account_policy.locked_message == "Locked."


def test_reuse_ban_and_forbidden_words_apply_to_new_passphrases(tmp_path):
    appliance = make_appliance(tmp_path)
    text = after_banner(run(appliance, [*STRENGTH, "", "", "", "", "", "", "y", "0", "4", "y",
                                        "", "", *COMMIT]))
    assert ("Ban reuse of last passphrases? [N]> y\r\n\r\nSpecify the  number of the most "
            "recent passphrases not allowed to be reused.\r\n[3]> 0\r\n"
            "The value must be an integer from 1 to 15.\r\n" in text)
    assert ", not the current passphrase, no forbidden words\r\n" in text
    rules = appliance.view().users.passphrase_rules
    assert (rules.ban_reuse, rules.reuse_count, rules.forbidden_words) == (True, 4, True)
    (appliance.config_dir / "forbidden_password_words.txt").write_text("Cisco\nmailhost\n")
    refused = run(appliance, ["userconfig add bob Bob operators MyCISCO-9x!pw"])
    assert "- must not contain a word of the list of words to disallow." in refused
    text = run(appliance, ["passwd", "ironport", "", "ironport", "Fresh9x!pw", "Fresh9x!pw",
                           *COMMIT])
    assert "- must not be one of the most recent passphrases." in text
    assert "Password changed." in text
