"""rollbackconfig's dialogue as Cisco's QA driver (csa/testlib/phoebe1411/cli/ctor/
rollbackconfig.py) answers it: ROLLBACK, the commit's number, confirm, commit now; SETUP."""
import re

from harness import after_banner, make_appliance, make_fleet, run

MENU = ("Choose the operation you want to perform:\r\n"
        "- ROLLBACK - Roll back to one of the previously committed configurations.\r\n"
        "- SETUP - Enable or disable the Rollback Configuration.\r\n[]> ")
SETUP_ONLY = ("Choose the operation you want to perform:\r\n"
              "- SETUP - Enable or disable the Rollback Configuration.\r\n[]> ")


def masked(text: str) -> str:
    return re.sub(r"\w{3} \w{3} \d\d \d\d:\d\d:\d\d \d{4}", "<when>", text)


def two_commits(appliance):
    run(appliance, ["sethostname one.example.com", "commit", "first", "y",
                    "sethostname two.example.com", "commit", "second", "y"])


def test_rollback_lists_commits_and_commits_the_chosen_one(tmp_path):
    appliance = make_appliance(tmp_path)
    two_commits(appliance)
    text = after_banner(run(appliance, ["rollbackconfig", "ROLLBACK", "2", "y", "y", ""]))
    assert masked(text) == (
        "two.example.com> rollbackconfig\r\n\r\n" + MENU + "ROLLBACK\r\n\r\n"
        "     Committed On              User   Description\r\n"
        "1.   <when>  admin  second\r\n"
        "2.   <when>  admin  first\r\n\r\n"
        "Enter the number of the config to revert to.\r\n[]> 2\r\n\r\n"
        "Are you sure you want to roll back the configuration? [N]> y\r\n\r\n"
        "Do you want to commit this configuration now? [N]> y\r\n\r\n"
        "Changes committed: <when>\r\n\r\n" + MENU + "\r\n\r\none.example.com> ")
    assert appliance.view().system.hostname == "one.example.com"
    # the rollback is a commit of its own, described as the configuration it restored
    assert appliance.lab.history(appliance.machine)[-1].comment == "first"


def test_rollback_without_commit_leaves_pending_changes_and_bad_numbers_are_reasked(tmp_path):
    appliance = make_appliance(tmp_path)
    two_commits(appliance)
    text = after_banner(run(appliance, ["rollbackconfig", "ROLLBACK", "7", "x", "2", "y", "n", "",
                                        "showchanges", "commit", "back", "y"]))
    assert ("[]> 7\r\nThat value is not valid.\r\n\r\n"
            "Enter the number of the config to revert to.\r\n[]> x\r\nThat value is not valid.\r\n"
            in text)
    assert "Do you want to commit this configuration now? [N]> n\r\n\r\n" + MENU in text
    assert "No changes have been made" not in text.split("showchanges", 1)[1]
    assert appliance.view().system.hostname == "one.example.com"


def test_enter_at_the_list_or_no_at_the_question_changes_nothing(tmp_path):
    appliance = make_appliance(tmp_path)
    two_commits(appliance)
    text = after_banner(run(appliance, ["rollbackconfig", "ROLLBACK", "", "ROLLBACK", "1", "",
                                        "", "showchanges"]))
    assert "Are you sure you want to roll back the configuration? [N]> \r\n\r\n" + MENU in text
    assert "No changes have been made since the last commit." in text
    assert appliance.view().system.hostname == "two.example.com"


def test_setup_disables_rollback_which_hides_rollback_and_the_commit_question(tmp_path):
    appliance = make_appliance(tmp_path)
    text = after_banner(run(appliance, ["rollbackconfig", "SETUP", "y", "", "commit", "off"]))
    assert masked(text) == (
        "ironport.example.com> rollbackconfig\r\n\r\n" + MENU + "SETUP\r\n\r\n"
        "Rollback Configuration: Enabled\r\n\r\n"
        "Do you want to disable the Rollback Configuration? [N]> y\r\n\r\n" + SETUP_ONLY
        + "\r\n\r\nironport.example.com> commit\r\n\r\n"
        "Please enter some comments describing your changes:\r\n[]> off\r\n\r\n"
        "Changes committed: <when>\r\n\r\nironport.example.com> ")
    assert not appliance.view().system.rollback_enabled
    text = after_banner(run(appliance, ["rollbackconfig", "ROLLBACK", "SETUP", "y", ""]))
    assert "[]> ROLLBACK\r\nUnknown option" in text
    assert "Rollback Configuration: Disabled\r\n\r\n" \
           "Do you want to enable the Rollback Configuration? [N]> y\r\n\r\n" + MENU in text


def test_nothing_saved_yet(tmp_path):
    text = after_banner(run(make_appliance(tmp_path), ["rollbackconfig", "ROLLBACK", ""]))
    assert "ROLLBACK\r\n\r\nThere are no saved configurations to roll back to.\r\n\r\n" + MENU in text


def test_setup_in_cluster_mode_changes_the_machines_own_setting(tmp_path):
    esa1, esa2 = make_fleet(tmp_path)
    run(esa1, ["clusterconfig", "2", "lab", "1", "1"])
    text = run(esa1, ["rollbackconfig", "y", "SETUP", "y", "", "commit", "off"])
    assert "Rollback Configuration: Enabled" in text and "Changes committed" in text
    assert not esa1.view().system.rollback_enabled
