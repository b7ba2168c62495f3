"""userconfig → POLICY → ACCOUNT (the committed account-lock policy that SSH and FTP logins use)
and userconfig → STATUS (lock an account, or make a locked one available)."""
import pytest

from asyncos_shell.transports.auth import login_failed
from cluster import model
from cluster.validate import ConfigError
from harness import RecordingLogs, after_banner, make_appliance, run

P = "ironport.example.com> "
POLICY_MENU = ("Choose the operation you want to perform:\r\n"
               "- ACCOUNT - Configure account locking after failed login attempts.\r\n[]> ")
LOCK_QUESTION = ("Would you like to automatically lock account after unsuccessful login "
                 "attempts? [Y]> ")
COUNT_QUESTION = "How many consecutive unsuccessful login attempts will lock the account?\r\n"
COMMIT = ["commit", "policy", "y"]


def fail_logins(appliance, user: str, times: int) -> None:
    for _ in range(times):
        login_failed(appliance, user, "10.0.0.9", "an SSH connection")


def test_policy_account_transcript_refuses_a_count_out_of_range_and_commits(tmp_path):
    appliance = make_appliance(tmp_path)
    text = after_banner(run(appliance, ["userconfig", "policy", "account", "y", "61", "0", "3",
                                        "", "", *COMMIT]))
    assert ("[]> policy\r\n\r\nAccount lock: after 5 consecutive unsuccessful login attempts\r\n"
            "\r\n" + POLICY_MENU + "account\r\n\r\n" + LOCK_QUESTION + "y\r\n\r\n"
            + COUNT_QUESTION + "[5]> 61\r\nThe value must be an integer from 1 to 60.\r\n\r\n"
            + COUNT_QUESTION + "[5]> 0\r\nThe value must be an integer from 1 to 60.\r\n\r\n"
            + COUNT_QUESTION + "[5]> 3\r\n"
            "\r\nAccount lock: after 3 consecutive unsuccessful login attempts\r\n\r\n"
            + POLICY_MENU + "\r\n") in text
    assert "Changes committed" in text
    assert appliance.view().users.account_policy == model.AccountPolicy(True, 3)


def test_no_lock_skips_the_count_and_logins_then_never_lock(tmp_path):
    appliance = make_appliance(tmp_path)
    appliance.logs = RecordingLogs()
    text = after_banner(run(appliance, ["userconfig", "policy", "account", "n", "", "",
                                        *COMMIT]))
    assert LOCK_QUESTION + "n\r\n\r\nAccount lock: Disabled\r\n" in text
    assert COUNT_QUESTION not in text
    assert appliance.view().users.account_policy.lock_account is False
    fail_logins(appliance, "admin", 20)
    admin = appliance.view().users.users["admin"]
    assert not appliance.failed_logins.locked("admin", admin.password_hash)
    assert not [line for line in appliance.logs.of("authentication") if "locked" in line]


def test_logins_lock_after_the_committed_count(tmp_path):
    appliance = make_appliance(tmp_path)
    appliance.logs = RecordingLogs()
    run(appliance, ["userconfig", "policy", "account", "", "2", "", "", *COMMIT])
    admin = appliance.view().users.users["admin"]
    fail_logins(appliance, "admin", 1)
    assert not appliance.failed_logins.locked("admin", admin.password_hash)
    fail_logins(appliance, "admin", 1)
    assert appliance.failed_logins.locked("admin", admin.password_hash)
    assert ("The user admin was locked after 2 consecutive failed login attempts."
            in appliance.logs.of("authentication"))


def test_an_uncommitted_policy_does_not_apply(tmp_path):
    appliance = make_appliance(tmp_path)
    run(appliance, ["userconfig", "policy", "account", "", "1", "", ""])   # no commit
    admin = appliance.view().users.users["admin"]
    fail_logins(appliance, "admin", 4)
    assert not appliance.failed_logins.locked("admin", admin.password_hash)
    fail_logins(appliance, "admin", 1)                                      # the factory five
    assert appliance.failed_logins.locked("admin", admin.password_hash)


def test_the_commit_gate_refuses_a_count_out_of_range(tmp_path):
    appliance = make_appliance(tmp_path)
    session = appliance.new_session("admin")
    session.edit("users").account_policy.max_failed_logins = 61
    with pytest.raises(ConfigError, match="from 1 to 60"):
        session.commit("too many")


def status_lines(appliance, answer: str) -> str:
    return after_banner(run(appliance, ["userconfig", "status", "ironport", "op1", answer, ""]))


def test_status_makes_a_locked_account_available_and_locks_an_available_one(tmp_path):
    appliance = make_appliance(tmp_path)
    appliance.logs = RecordingLogs()
    run(appliance, ["userconfig add op1 Op operators Secret9x!pw", *COMMIT])
    op1 = appliance.view().users.users["op1"]
    fail_logins(appliance, "op1", 5)
    assert appliance.failed_logins.locked("op1", op1.password_hash)
    text = status_lines(appliance, "y")
    assert ("[]> status\r\n\r\nEnter your Passphrase to make changes:\r\n[]> \r\n\r\n"
            "Enter the user name or number to edit.\r\n[]> op1\r\nThe account op1 is locked.\r\n"
            "\r\nDo you want to make this account available? [N]> y\r\n") in text
    assert not appliance.failed_logins.locked("op1", op1.password_hash)
    fail_logins(appliance, "op1", 4)      # the failures were forgotten too
    assert not appliance.failed_logins.locked("op1", op1.password_hash)

    text = status_lines(appliance, "y")
    assert ("The account op1 is available.\r\n\r\nDo you want to lock this account? [N]> y"
            in text)
    assert appliance.failed_logins.locked("op1", op1.password_hash)
    assert [line for line in appliance.logs.of("authentication") if "by admin" in line] == [
        "The user op1 was made available by admin.", "The user op1 was locked by admin."]


def test_status_left_at_its_default_changes_nothing(tmp_path):
    appliance = make_appliance(tmp_path)
    run(appliance, ["userconfig add op1 Op operators Secret9x!pw", *COMMIT])
    op1 = appliance.view().users.users["op1"]
    assert "Do you want to lock this account? [N]> \r\n" in status_lines(appliance, "")
    assert not appliance.failed_logins.locked("op1", op1.password_hash)


def test_status_needs_the_operators_own_passphrase(tmp_path):
    appliance = make_appliance(tmp_path)
    text = after_banner(run(appliance, ["userconfig", "status", "wrong"]))
    assert "The passphrase you entered is incorrect." in text
    assert "Do you want to" not in text
