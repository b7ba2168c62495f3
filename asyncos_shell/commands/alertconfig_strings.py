"""Strings of ``alertconfig`` (cli.md §5.9).

S: substrings from Cisco's QA library (the questions' key words, ``Sending alerts to:``, the two
errors); the command's and the menu operations' descriptions are those the same library's
keywords carry (github dharma412/PythonClass, commit b79a424,
``csa/testlib/phoebe1411/cli/keywords/alert_config.py``: "Configure Cisco IronPort system
alerts.", one docstring per operation NEW, EDIT, DELETE, CLEAR, SETUP and FROM's EDIT and
DEFAULT); its driver ``.../cli/ctor/alertconfig.py`` answers EDIT with the address, the class,
then the severities (or, for class 9, the Release and Support Notification question); the
listing's "Maximum number of alerts to save" line has the SETUP question's words, and so do its
lines "Initial number of seconds to wait before sending a duplicate alert", "Maximum number of
seconds to wait before sending a duplicate alert", "Cisco IronPort AutoSupport" and "weekly
AutoSupport reports" (the driver's and keyword documentation's words, also the labels of the
GUI's settings, ``csa/testlib/phoebe1411/gui/admin/alerts_def/global_settings.py``); "None" is
the fifth severity of the keyword documentation's table.  NEW with an address already configured
says so ("already configured", ``csa/testlib/coeus1201/cli/ctor/alertconfig.py`` and
``csa/testlib/zeus1250/cli/ctor/alertconfig.py``, the same command on the WSA and SMA) and goes
on with the class questions for it.
R: chosen here.
"""
from __future__ import annotations

from .. import strings

STRINGS: dict[str, tuple[str, str]] = {
    "alertconfig.description": ("Configure Cisco IronPort system alerts.", "S"),
    "alertconfig.sending": ("Sending alerts to:", "S"),
    "alertconfig.recipient.class": ("Class: {cls} - Severities: {severities}", "R"),
    "alertconfig.recipient.notification": ("Class: {cls}", "R"),
    "alertconfig.all": ("All", "S"),
    "alertconfig.none": ("None", "S"),
    "alertconfig.status.initial": ("Initial number of seconds to wait before sending a duplicate "
                                   "alert: {value}", "S"),
    "alertconfig.status.max": ("Maximum number of seconds to wait before sending a duplicate "
                               "alert: {value}", "S"),
    "alertconfig.status.saved": ("Maximum number of alerts to save: {value}", "S"),
    "alertconfig.status.from_default": ("Alerts will be sent using the system-default From "
                                        "Address.", "R"),
    "alertconfig.status.from": ("Alerts will be sent using the From Address: {address}", "R"),
    "alertconfig.status.autosupport": ("Cisco IronPort AutoSupport: {value}", "S"),
    "alertconfig.status.weekly": ("Weekly AutoSupport reports: {value}", "S"),
    "alertconfig.status.interface": ("Default interface to deliver alerts: {value}", "R"),
    "alertconfig.status.tls": ("TLS for alert messages: {value}", "R"),
    "alertconfig.menu.new": ("Add a new email address to send alerts.", "S"),
    "alertconfig.menu.edit": ("Modify alert subscription for an email address.", "S"),
    "alertconfig.menu.delete": ("Remove an email address.", "S"),
    "alertconfig.menu.clear": ("Remove all email addresses (disable alerts).", "S"),
    "alertconfig.menu.setup": ("Configure alert settings.", "S"),
    "alertconfig.menu.from": ("Configure the From Address of alert emails.", "R"),
    "alertconfig.menu.from_edit": ("Edit the From Address of alert emails.", "S"),
    "alertconfig.menu.from_default": ("Use the System Default From Address.", "S"),
    # NEW / EDIT / DELETE
    "alertconfig.new.address": ("Please enter a new email address to send alerts.\n"
                                "(Ex: \"administrator@example.com\")", "S"),
    "alertconfig.classes": ("Choose the Alert Classes. Separate multiple choices with commas.", "S"),
    "alertconfig.severities": ("Select a Severity Level. Separate multiple choices with commas.",
                               "S"),
    "alertconfig.edit.address": ("Enter the email address or number you wish to edit.", "R"),
    "alertconfig.edit.class": ("Choose the Alert Class to modify, or press Enter when done.", "R"),
    "alertconfig.notification.enable": ("Do you want to enable \"Release and Support "
                                        "Notification?\"", "S"),
    "alertconfig.notification.disable": ("Do you want to disable \"Release and Support "
                                         "Notification?\"", "S"),
    "alertconfig.delete.address": ("Enter the email address or number you wish to delete.", "R"),
    "alertconfig.error.address": ("An email address is a localname, an \"@\", and a domain.", "S"),
    "alertconfig.error.exists": ("The email address \"{address}\" is already configured.", "S"),
    "alertconfig.error.pick": ("You cannot pick \"All\" or \"None\" together with other choices.",
                               "S"),
    # SETUP
    "alertconfig.setup.initial": ("Initial number of seconds to wait before sending a duplicate "
                                  "alert. Enter 0 to disable duplicate alert suppression.", "S"),
    "alertconfig.setup.max": ("Maximum number of seconds to wait before sending a duplicate alert.",
                              "S"),
    "alertconfig.error.debounce": ("The maximum debounce interval cannot be less than the initial "
                                   "debounce interval.", "S"),
    "alertconfig.setup.autosupport": ("Would you like to enable Cisco IronPort AutoSupport, which "
                                      "automatically emails system alerts and weekly status "
                                      "reports directly to Cisco IronPort Customer Support?", "S"),
    "alertconfig.setup.weekly": ("Would you like to receive a copy of the weekly AutoSupport "
                                 "reports?", "S"),
    "alertconfig.setup.saved": ("Maximum number of alerts to save.", "S"),
    "alertconfig.setup.interface": ("Choose the default interface to be used to deliver alerts.",
                                    "S"),
    "alertconfig.setup.tls": ("Do you want to enable TLS support to send alert messages?", "S"),
    # FROM
    "alertconfig.from.address": ("Please enter the From Address to use for alerts.", "R"),
    "alertconfig.usage": ("alertconfig [new <address> [<classes> [<severities>]] | delete "
                          "<address> | clear]\n"
                          "<classes> and <severities> are the numbers of the lists, separated by "
                          "commas (classes: 1 All, 2 System, 3 Hardware, 4 Updater, 5 Outbreak "
                          "Filters, 6 Anti-Virus, 7 Anti-Spam, 8 Directory Harvest Attack "
                          "Prevention, 9 Release and Support Notification; severities: 1 All, "
                          "2 Critical, 3 Warning, 4 Information).", "R"),
}

strings.register(STRINGS)
