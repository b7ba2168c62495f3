"""Exact transcripts of ``alertconfig`` (cli.md §5.9), in-process."""

from harness import make_appliance, run_exec

from .certconfig_support import drive

P = "ironport.example.com> "
SETTINGS = """Initial number of seconds to wait before sending a duplicate alert: 300
Maximum number of seconds to wait before sending a duplicate alert: 3600
Maximum number of alerts to save: 50
Alerts will be sent using the system-default From Address.
Cisco IronPort AutoSupport: Enabled
Weekly AutoSupport reports: Enabled
Default interface to deliver alerts: Auto
TLS for alert messages: Disabled
"""
MENU_EMPTY = """
Choose the operation you want to perform:
- NEW - Add a new email address to send alerts.
- SETUP - Configure alert settings.
- FROM - Configure the From Address of alert emails.
[]> """
MENU = """
Choose the operation you want to perform:
- NEW - Add a new email address to send alerts.
- EDIT - Modify alert subscription for an email address.
- DELETE - Remove an email address.
- CLEAR - Remove all email addresses (disable alerts).
- SETUP - Configure alert settings.
- FROM - Configure the From Address of alert emails.
[]> """
ADDRESS_Q = """
Please enter a new email address to send alerts.
(Ex: "administrator@example.com")
[]> """
CLASSES = """
Choose the Alert Classes. Separate multiple choices with commas.
1. All
2. System
3. Hardware
4. Updater
5. Outbreak Filters
6. Anti-Virus
7. Anti-Spam
8. Directory Harvest Attack Prevention
9. Release and Support Notification
[1]> """
SEVERITIES = """
Select a Severity Level. Separate multiple choices with commas.
1. All
2. Critical
3. Warning
4. Information
"""


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def alerts(config):
    return {a: r.classes for a, r in config.view().alerts.recipients.items()}


def test_new_recipient_of_system_warnings(tmp_path):
    text, config = drive(make_appliance(tmp_path), [
        "alertconfig", "new", "", "not-an-address", "ops@example.com", "1,2", "0", "2,3", "5",
        "3", ""])
    assert text == crlf(
        P + "alertconfig\n\n" + SETTINGS + MENU_EMPTY + "new\n" + ADDRESS_Q
        + "\nYou must enter a value.\n" + ADDRESS_Q + "not-an-address\n"
        "An email address is a localname, an \"@\", and a domain.\n" + ADDRESS_Q
        + "ops@example.com\n" + CLASSES + "1,2\n"
        "You cannot pick \"All\" or \"None\" together with other choices.\n" + CLASSES
        + "0\nPlease enter a number from 1 to 9.\n" + CLASSES + "2,3\n" + SEVERITIES
        + "[1]> 5\nPlease enter a number from 1 to 4.\n" + SEVERITIES + "[1]> 3\n"
        "\nSending alerts to:\n    ops@example.com\n"
        "        Class: System - Severities: Warning\n"
        "        Class: Hardware - Severities: Warning\n\n" + SETTINGS + MENU + "\n\n" + P)
    assert alerts(config) == {"ops@example.com": {"System": ["Warning"], "Hardware": ["Warning"]}}
    assert config.view().alerts.recipients_for("System", "Warning") == ["ops@example.com"]


def test_all_classes_and_duplicate_address(tmp_path):
    """NEW with an address already configured says so and goes on with the class questions for
    it, as Cisco's QA drivers (coeus1201, zeus1250 cli/ctor/alertconfig.py) answer it."""
    text, config = drive(make_appliance(tmp_path), [
        "alertconfig", "new", "a@example.com", "", "", "new", "A@example.com", "2", "2",
        "new", "b@example.com", "9", ""])
    assert crlf(ADDRESS_Q + "A@example.com\n"
                "The email address \"A@example.com\" is already configured.\n" + CLASSES) in text
    every = ["Critical", "Warning", "Information"]
    assert alerts(config) == {
        "a@example.com": {"System": ["Critical"], "Hardware": every, "Updater": every,
                          "Outbreak Filters": every, "Anti-Virus": every, "Anti-Spam": every,
                          "Directory Harvest Attack Prevention": every,
                          "Release and Support Notification": []},
        "b@example.com": {"Release and Support Notification": []}}
    assert "        Class: Anti-Spam - Severities: All\r\n" in text


def test_edit_delete_and_clear(tmp_path):
    appliance = make_appliance(tmp_path)
    text, config = drive(appliance, [
        "alertconfig", "new", "a@example.com", "2", "", "new", "b@example.com", "3", "4",
        "edit", "a@example.com", "12", "2", "1,5", "5", "9", "y", "3", "", "",
        "delete", "3", "b@example.com", "", "commit", "x", ""])
    assert crlf("""[]> edit

Enter the email address or number you wish to edit.
1. a@example.com
2. b@example.com
[]> a@example.com

Choose the Alert Class to modify, or press Enter when done.
1. All
2. System
3. Hardware
4. Updater
5. Outbreak Filters
6. Anti-Virus
7. Anti-Spam
8. Directory Harvest Attack Prevention
9. Release and Support Notification
[]> 12
Please enter a number from 1 to 9.
""") in text
    assert crlf("[]> 2\n" + SEVERITIES + "5. None\n[1]> 1,5\nYou cannot pick \"All\" or \"None\" "
                "together with other choices.\n" + SEVERITIES + "5. None\n[1]> 5\n") in text
    assert crlf("[]> 9\n\nDo you want to enable \"Release and Support Notification?\" [N]> y\n"
                ) in text
    assert crlf("[]> 3\n" + SEVERITIES + "5. None\n[1]> \n") in text
    assert crlf("""[]> delete

Enter the email address or number you wish to delete.
1. a@example.com
2. b@example.com
[]> 3
Please enter a number from 1 to 2.
""") in text
    assert alerts(config) == {"a@example.com": {
        "Hardware": ["Critical", "Warning", "Information"],
        "Release and Support Notification": []}}
    text, config = drive(appliance, ["alertconfig", "clear", ""])
    assert text.endswith(crlf("[]> clear\n\n" + SETTINGS + MENU_EMPTY + "\n\n" + P))
    assert alerts(config) == {}


def test_setup_and_from(tmp_path):
    text, config = drive(make_appliance(tmp_path), [
        "alertconfig", "setup", "-1", "60", "30", "120", "n", "1001", "10", "2", "y",
        "from", "edit", "bad", "alerts@example.com", "from", "", ""])
    assert crlf("""[]> setup

Initial number of seconds to wait before sending a duplicate alert. Enter 0 to disable duplicate \
alert suppression.
[300]> -1
The value must be an integer from 0 to 604800.

Initial number of seconds to wait before sending a duplicate alert. Enter 0 to disable duplicate \
alert suppression.
[300]> 60

Maximum number of seconds to wait before sending a duplicate alert.
[3600]> 30
The maximum debounce interval cannot be less than the initial debounce interval.

Maximum number of seconds to wait before sending a duplicate alert.
[3600]> 120

Would you like to enable Cisco IronPort AutoSupport, which automatically emails system alerts \
and weekly status reports directly to Cisco IronPort Customer Support? [Y]> n

Maximum number of alerts to save.
[50]> 1001
The value must be an integer from 0 to 1000.

Maximum number of alerts to save.
[50]> 10

Choose the default interface to be used to deliver alerts.
1. Auto
2. Management (127.0.0.1/8: ironport.example.com)
[1]> 2

Do you want to enable TLS support to send alert messages? [N]> y

Initial number of seconds to wait before sending a duplicate alert: 60
Maximum number of seconds to wait before sending a duplicate alert: 120
Maximum number of alerts to save: 10
Alerts will be sent using the system-default From Address.
Cisco IronPort AutoSupport: Disabled
Default interface to deliver alerts: Management
TLS for alert messages: Enabled
""") in text
    assert crlf("""[]> from

Choose the operation you want to perform:
- EDIT - Edit the From Address of alert emails.
- DEFAULT - Use the System Default From Address.
[]> edit

Please enter the From Address to use for alerts.
[]> bad
An email address is a localname, an "@", and a domain.

Please enter the From Address to use for alerts.
[]> alerts@example.com

Initial number of seconds""") in text
    assert "Alerts will be sent using the From Address: alerts@example.com\r\n" in text
    settings = config.view().alerts
    assert (settings.debounce_initial_seconds, settings.debounce_max_seconds, settings.autosupport,
            settings.max_saved, settings.interface, settings.tls, settings.from_address) == (
        60, 120, False, 10, "Management", True, "alerts@example.com")


def test_batch_new(tmp_path):
    appliance = make_appliance(tmp_path)
    status, _, _ = run_exec(
        appliance, "alertconfig new ops@example.com 2 3; alertconfig new all@example.com; commit x Y")
    assert status == 0
    recipients = appliance.view().alerts.recipients
    assert recipients["ops@example.com"].classes == {"System": ["Warning"]}
    assert len(recipients["all@example.com"].classes) == 8
