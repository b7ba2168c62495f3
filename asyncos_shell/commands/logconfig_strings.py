"""Strings of ``logconfig`` (mail-logs.md §1.5: the AsyncOS 11+ listing, its column layout lost
in the source; cli.md corrections item 16).

V: a whole NEW dialogue on a real AsyncOS 12.0 appliance (an SMA, whose logconfig is the ESA's),
quoted in Cisco's Cloud Email Security API documentation ("Create and view an API log from the
CLI"): the menu, the questions from the type to the number of files, in that order.

S: Cisco's QA library (dharma412/PythonClass csa/testlib/phoebe1210/cli/ctor/logconfig.py, the
dialogue driver, and .../keywords/logconfig.py, its documented answers): the menu words, the type,
level and retrieval lists, the error ``Log name '…' already in use`` and the prompts it matches by
their start or middle (``Choose the log file``, ``name for the log``, ``Log level:``, ``method to
retrieve the logs``, ``Filename to use``, ``maximum file size``, ``maximum number of files``,
``alert be sent``, ``configure time-based log``, ``Configure log rollover settings``, ``Enter an
interval``, ``append system based unique identifiers``).  Where only such a fragment is known, the
rest of the sentence is ours and the string is labelled R, except for the four questions whose
words the same library's keyword documentation (.../keywords/logconfig.py) gives as well:
``alert be sent`` "when files are removed due to the maximum number of files allowed", ``Enter
an interval``, SETUP's "system metrics frequency" and "log the original subject header of each
message" (S); SETUP asks frequency, Message-ID, subject, remote response in that order
(``setup()`` in the dialogue driver).

Push retrieval (S: the same driver's prompts ``Hostname to deliver``, ``Port to connect to``,
``Username on the remote``, ``Passphrase for``, ``Directory on remote host``, ``Maximum time to
wait``, ``Maximum filesize``, ``Protocol:``, ``enable host key checking``, ``transfer the log
data``, ``facility do you want``, and its keyword documentation's lists: SSH1/SSH2, UDP/TCP and
the seventeen syslog facilities in order).  The driver answers them by their words, not their
position, so their order is ours (R): the keyword documentation's order of its parameters, the
host, the SCP port, the user, the FTP passphrase, the directory, then the file name and the
transfer limits; the syslog push asks the host, the protocol and the facility.
"""
from __future__ import annotations

from .. import strings

STRINGS: dict[str, tuple[str, str]] = {
    "logconfig.description": ("Configure access to log files.", "R"),
    "logconfig.interval.none": ("None", "V"),
    "logconfig.interval.seconds": ("{seconds}s", "R"),
    "logconfig.menu.new": ("Create a new log.", "V"),
    "logconfig.menu.edit": ("Modify a log subscription.", "V"),
    "logconfig.menu.delete": ("Remove a log subscription.", "V"),
    "logconfig.menu.setup": ("General settings.", "V"),
    "logconfig.menu.logheaders": ("Configure headers to log.", "V"),
    "logconfig.menu.hostkeyconfig": ("Configure SSH host keys.", "V"),
    "logconfig.not_offered": ("This operation is not available on this appliance.", "R"),
    "logconfig.columns": ("Log Name|Log Type|Retrieval|Interval", "V"),
    "logconfig.retrieval.manual": ("Manual Download", "V"),
    # NEW / EDIT
    "logconfig.type": ("Choose the log file type for this subscription:", "V"),
    "logconfig.name": ("Please enter the name for the log:", "V"),
    "logconfig.name_in_use": ("Log name '{name}' already in use", "S"),
    "logconfig.level": ("Log level:", "V"),
    "logconfig.levels": ("Critical|Warning|Information|Debug|Trace", "V"),
    "logconfig.retrieval": ("Choose the method to retrieve the logs.", "V"),
    "logconfig.retrievals": ("Download Manually: FTP/HTTP(S)/SCP|FTP Push|SCP Push|Syslog Push",
                             "S"),
    "logconfig.retrieval.ftp": ("FTP Push", "S"),
    "logconfig.retrieval.scp": ("SCP Push", "S"),
    "logconfig.retrieval.syslog": ("Syslog Push", "S"),
    # FTP / SCP / Syslog Push: each question holds the words the QA driver waits for (S); the
    # rest of each sentence, and the order, are ours (see the docstring).
    "logconfig.push.host": ("Hostname to deliver the logs:", "S"),
    "logconfig.push.port": ("Port to connect to on the remote host:", "S"),
    "logconfig.push.user": ("Username on the remote host:", "S"),
    "logconfig.push.password": ("Passphrase for {user}:", "S"),
    "logconfig.push.directory": ("Directory on remote host to place logs:", "S"),
    "logconfig.push.max_time": ("Maximum time to wait before transferring (in seconds):", "S"),
    "logconfig.push.max_size": ("Maximum filesize before transferring (in bytes):", "S"),
    "logconfig.push.ssh_protocol": ("Protocol:", "S"),
    "logconfig.push.ssh_protocols": ("SSH1|SSH2", "S"),
    "logconfig.push.host_key": ("Do you want to enable host key checking?", "S"),
    "logconfig.push.syslog_protocol": ("Which protocol do you want to use to transfer the log "
                                       "data?", "S"),
    "logconfig.push.syslog_protocols": ("UDP|TCP", "S"),
    "logconfig.push.facility": ("Which facility do you want the log data to be sent as?", "S"),
    "logconfig.push.facilities": ("auth|authpriv|console|daemon|ftp|local0|local1|local2|local3|"
                                  "local4|local5|local6|local7|mail|ntp|security|user", "S"),
    "logconfig.filename": ("Filename to use for log files:", "V"),
    "logconfig.max_size": ('Please enter the maximum file size. You can specify suffixes: "m" for '
                           'megabytes, "k" for kilobytes. Suffixes are case-insensitive:', "V"),
    "logconfig.max_size_invalid": ("The file size must be a number of bytes from {low} to {high} "
                                   "(suffixes k and m allowed).", "R"),
    "logconfig.max_files": ("Please enter the maximum number of files:", "V"),
    "logconfig.alert": ("Should an alert be sent when files are removed due to the maximum number "
                        "of files allowed?", "S"),
    "logconfig.time_rollover": ("Do you want to configure time-based log files rollover?", "V"),
    "logconfig.rollover_setting": ("Configure log rollover settings:", "S"),
    "logconfig.rollover_settings": ("Custom time interval.|Weekly rollover.", "S"),
    "logconfig.weekly_unavailable": ("Only a custom time interval is available on this "
                                     "appliance.", "R"),
    "logconfig.interval": ("Enter an interval in seconds:", "S"),
    "logconfig.append_ids": ("Would you like to append system based unique identifiers like "
                             "$hostname, $serialnumber to the log filename?", "V"),
    # quoted as prompts by csa/testlib/coeus1201/cli/keywords/log_config.py (the WSA's logconfig)
    "logconfig.edit_which": ("Enter the number of the log you wish to edit:", "S"),
    "logconfig.delete_which": ("Enter the number of the log you wish to delete:", "S"),
    # SETUP
    "logconfig.setup.frequency": ("Enter the system metrics frequency (in seconds):", "S"),
    "logconfig.setup.message_id": ("Would you like to log the Message-ID headers?", "R"),
    "logconfig.setup.subject": ("Would you like to log the original subject header of each "
                                "message?", "S"),
    "logconfig.setup.response": ("Would you like to log the remote response text?", "R"),
}

# The log types NEW offers, in the order of the QA library's list (S), then the newer types of
# the predefined subscriptions (R).
LOG_TYPES = (
    "IronPort Text Mail Logs", "qmail Format Mail Logs", "Delivery Logs", "Bounce Logs",
    "Status Logs", "Domain Debug Logs", "Injection Debug Logs", "SMTP Conversation Logs",
    "System Logs", "CLI Audit Logs", "FTP Server Logs", "HTTP Logs", "NTP logs",
    "LDAP Debug Logs", "Anti-Spam Logs", "Anti-Spam Archive", "Anti-Virus Logs",
    "Anti-Virus Archive", "Scanning Logs", "Encryption Logs", "Spam Quarantine Logs",
    "Spam Quarantine GUI Logs", "Reporting Logs", "Reporting Query Logs", "Updater Logs",
    "SNMP Logs", "Tracking Logs", "Safe/Block Lists Logs", "Authentication Logs",
    "Configuration History Logs", "Reputation Engine Logs",
    "AMP Engine Logs", "AMP Archive", "API Logs", "Consolidated Event Logs",
    "Content Scanner Logs", "Upgrade Logs",
)

strings.register(STRINGS)
