"""The queue commands' dialogues, bad answers and batch errors, without mail services (the
commands that act on a real queue are tested in ``tests/smtp/test_queue_commands.py`` and
``tests/e2e/test_queue_commands_ssh.py``)."""
import harness
from cluster import model, passwords


def session(tmp_path, lines):
    return harness.after_banner(harness.run(harness.make_appliance(tmp_path), lines)) \
        .replace("\r\n", "\n")


def test_bad_answers_are_refused_and_asked_again(tmp_path):
    text = session(tmp_path, ["hoststatus", "bad host!", "example.com",
                              "suspendlistener", "9", "1,IncomingMail", "abc", "0",
                              "deleterecipients", "4", "2", "", "alice@example.com"])
    assert ("\nRecipient host:\n[]> bad host!\nPlease enter a valid hostname or domain.\n"
            "\nRecipient host:\n[]> example.com\nMail services are not running.\n") in text
    assert ("\nChoose the listener(s) you wish to suspend.\nSeparate multiple entries with "
            "commas.\n1. All\n2. IncomingMail\n[1]> 9\n"
            "Please enter numbers from 1 to 2, separated by commas.\n") in text
    assert ("\nEnter the number of seconds to wait before forcibly closing connections.\n"
            "[30]> abc\nThe value must be an integer.\n") in text
    assert "[30]> 0\nMail services are not running.\n" in text
    assert ("[1]> 4\nPlease enter a number from 1 to 3.\n") in text
    assert ("\nPlease enter the Envelope From address for the messages you wish to delete.\n"
            "[]> \nYou must enter a value.\n") in text


def test_batch_forms_refuse_bad_arguments(tmp_path):
    appliance = harness.make_appliance(tmp_path)
    for line, error in (
            ("showrecipients bogus", "Invalid arguments. Use: showrecipients [host <hostname> | "
                                     "sender <address> | all]"),
            ("deleterecipients host", "Invalid arguments. Use: deleterecipients [host <hostname> "
                                      "| sender <address> | all]"),
            ("redirectrecipients host bad/host", "Invalid arguments. Use: redirectrecipients "
                                                 "host <hostname>"),
            ("findevent -x a mail_logs", "Invalid arguments. Use: findevent [-i] [-f from | "
                                         "-s subject | -t to] log_name | findevent -m mid "
                                         "log_name"),
            ("findevent -m 1 nosuch_logs", "Unknown log name: nosuch_logs"),
            ("tophosts active_rcpts", None)):
        status, text, _ = harness.run_exec(appliance, line)
        if error is None:
            assert status == 1 and "Mail services are not running." in text
        else:
            assert status == 1 and error in text, (line, text)


def test_help_findevent_prints_the_appliance_usage_first(tmp_path):
    text = session(tmp_path, ["help findevent"])
    assert ("help findevent\nfindevent [-i] [-f from | -s subject | -t to] log_name\n"
            "findevent -m mid log_name\n") in text


def test_read_only_operators_may_look_but_not_delete(tmp_path):
    appliance = harness.make_appliance(tmp_path)
    session = appliance.new_session("admin")
    session.edit("users").users["bob"] = model.User("bob", "Bob Reader", "readonly",
                                                 passwords.hash_password("Readonly9x!"))
    session.commit("a reader")
    status, text, _ = harness.run_exec(appliance, "deleterecipients all", user="bob")
    assert status == 1 and "You are not in the correct access group" in text
    status, text, _ = harness.run_exec(appliance, "showrecipients all", user="bob")
    assert "Mail services are not running." in text
