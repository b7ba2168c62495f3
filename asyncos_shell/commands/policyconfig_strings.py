"""Strings of ``policyconfig``: the DEFAULT incoming and outgoing mail policies' security services.

S: Cisco's QA library (github dharma412/PythonClass, commit b79a424), the same in every ESA release
from ``csa/testlib/phoebe1100`` to ``csa/testlib/phoebe1411``:

* ``cli/ctor/policyconfig.py`` — ``choose`` picks the list item "Incoming" or "Outgoing";
  ``print_policy``/``search`` read up to "<Incoming|Outgoing> Mail Policy Configuration", which
  heads the policy table; the operation words EDIT, PRINT, ANTISPAM, ANTIVIRUS, ADVANCEDMALWARE,
  OUTBREAK, ENABLE, DISABLE; the anti-spam fragments "to do with messages identified as spam"
  and "Anti-Spam configuration complete"; the anti-virus fragments "actions for Virus Infected
  Message Handling", "Action applied to the original message" and "Anti-Virus configuration
  complete"; the services' names in the NEW dialogue's questions ("enable Anti-Spam support",
  "enable Anti-Virus support", "enable Outbreak Filters").  ``csa/testlib/phoebe1100/cli/ctor/
  policyconfig.py``'s self-test answers the spam action with ``'action_spam': 'BOUNCE'``,
  ``'DROP'`` and ``'DELIVER'`` (and, commented out, ``'IRONPORT QUARANTINE'``).
* ``cli/keywords/policyconfig.py`` — the action list of the same dialogue family: "1. DELIVER
  2. DROP 3. BOUNCE 4. IRONPORT QUARANTINE" (graymail actions), and robot suites answer the spam
  action with ``action_spam=IRONPORT QUARANTINE`` / ``DELIVER`` / ``DROP``
  (``csa/tests/zeus1400/commonregression/sma_esa/sma/reporting/reporting_6.robot``).
* ``gui/manager/mailpolicies.py`` — the Incoming/Outgoing Mail Policies table's column headers,
  which ``_click_edit_policy_service`` finds by their text: "Anti-Spam", "Anti-Virus",
  "Outbreak Filters" (``SERVICE_DICT``); ``gui/manager/mail_policies.py`` orders the columns
  Anti-Spam, Anti-Virus, Advanced Malware Protection, Graymail, Content Filters, Outbreak
  Filters, and ``gui/manager/mail_policies_def/advanced_malware_protection_entry_settings.py``
  names "Advanced Malware Protection".  The CLI table is taken to carry the GUI's headers (with
  the colon of the appliance's CLI tables); Graymail and Content Filters are not emulated.  The
  GUI's action labels used in the summaries: Deliver, Drop, Bounce (spam, ``ACTION_MAP``);
  Deliver As Is, Drop Message, Quarantine (malware/virus); the quarantine's own name "Spam
  Quarantine" (``cli/keywords/diskquota_config.py``).

The questions added for the QA driver (same files, phoebe1100-phoebe1411): the spam map's
fragments "IronPort Anti-Spam spam threshold", "to archive messages identified as spam",
"add text to the subject of messages", "What text do you want to", "spam sent to an external
quarantine", "host to send spam ", "to add a custom header", "Enter the name of the header",
"text for the content", "spam sent to an alternate envelope recipient", "email address to send
spam"; the suspected map's "Do you want to enable special" + "treatment of suspected spam",
"suspect spam threshold", "to do with messages identified as", "enter the host to send ";
the anti-virus maps' " like the system to scan ", "actions for Repaired/Encrypted/Unscannable/
Virus Infected Message Handling" and their end strings "<Kind> Message Handling"; the outbreak
errors "are already configured to bypass" and "Do not include the"; ``choose`` mapping 3 to
"Match" (phoebe1210 on).  The GUI drivers give the lists' words: ``gui/manager/mailpolicies.py``
``ACTION_MAP`` ("Scan and Repair viruses", "Scan for Viruses only", "Deliver As Is",
"Deliver as Attachment (text/plain) to New Message", "Deliver as Attachment (message/rfc822) to
New Message", "Drop Message", "Quarantine": the anti-virus action list, in that order, five
items as the keywords' ``infected_action=5`` needs), ``gui/manager/mail_policies.py``
("Subject Text Action: No, Prepend or Append"; alternate host, custom header and alternate
envelope recipient only for delivered spam; thresholds 0-100, 90 and 50 in its example).

R: the question that chooses the table, the "Name:" column (the GUI's is "Policy Name"), the
cells and the summary's layout, the menu descriptions, the "Begin ... configuration" lines, the
policy list question, the line before the anti-virus handling sections (the QA library waits
for "Message Handling" and then a lower-case "repaired" or "encrypted" before the sections:
its words are ours), the whole file-extension list dialogue of Outbreak Filters, and the Match
refusal — no real transcript of ``policyconfig`` was found (correct these when one is).  The
question texts around the evidenced fragments are ours too.
"""
from __future__ import annotations

from .. import strings

STRINGS: dict[str, tuple[str, str]] = {
    "policyconfig.description": ("Configure per recipient or sender based policies.", "R"),
    "policyconfig.usage": ("policyconfig (the answers of the dialogue may follow in order)", "R"),
    # -- which table --
    "policyconfig.table.question": ("Would you like to configure Incoming or Outgoing Mail "
                                    "Policies?", "R"),
    "policyconfig.table.inbound": ("Incoming", "S"),
    "policyconfig.table.outbound": ("Outgoing", "S"),
    "policyconfig.heading": ("{table} Mail Policy Configuration", "S"),
    # -- the policy table --
    "policyconfig.column.name": ("Name:", "R"),
    "policyconfig.column.antispam": ("Anti-Spam:", "S"),
    "policyconfig.column.antivirus": ("Anti-Virus:", "S"),
    "policyconfig.column.amp": ("Advanced Malware Protection:", "S"),
    "policyconfig.column.outbreak": ("Outbreak Filters:", "S"),
    "policyconfig.engine.antispam": ("IronPort", "R"),
    "policyconfig.engine.antivirus": ("Sophos", "R"),
    "policyconfig.engine.amp": ("File Reputation", "R"),
    # -- top menu --
    "policyconfig.menu.edit": ("Edit an existing policy", "R"),
    "policyconfig.menu.print": ("Print all policies", "R"),
    "policyconfig.choose.edit": ("Enter the name or number of the entry you wish to edit:", "R"),
    "policyconfig.choose.print": ("Enter the name or number of the entry you wish to print:",
                                  "R"),
    # -- one policy --
    "policyconfig.summary": ("Policy Summaries:", "R"),
    "policyconfig.summary.antispam": ("Anti-Spam: {value}", "R"),
    "policyconfig.summary.antivirus": ("Anti-Virus: {value}", "R"),
    "policyconfig.summary.amp": ("Advanced Malware Protection: {value}", "R"),
    "policyconfig.summary.outbreak": ("Outbreak Filters: {value}", "R"),
    "policyconfig.summary.engine_action": ("{engine} - {action}", "R"),
    "policyconfig.menu.antispam": ("Modify Anti-Spam policy", "R"),
    "policyconfig.menu.antivirus": ("Modify Anti-Virus policy", "R"),
    "policyconfig.menu.advancedmalware": ("Modify Advanced Malware Protection policy", "R"),
    "policyconfig.menu.outbreak": ("Modify Outbreak Filters policy", "R"),
    # -- a service's own menu --
    "policyconfig.service.antispam": ("Anti-Spam", "S"),
    "policyconfig.service.antivirus": ("Anti-Virus", "S"),
    "policyconfig.service.advancedmalware": ("Advanced Malware Protection", "S"),
    "policyconfig.service.outbreak": ("Outbreak Filters", "S"),
    "policyconfig.service.enable": ("Enable {service} policy", "R"),
    "policyconfig.service.edit": ("Edit {service} policy", "R"),
    "policyconfig.service.disable": ("Disable {service} policy (Disables all policy-related "
                                     "actions)", "R"),
    # -- anti-spam --
    "policyconfig.antispam.begin": ("Begin Anti-Spam configuration", "R"),
    "policyconfig.kind.spam": ("spam", "S"),
    "policyconfig.kind.suspected": ("suspected spam", "S"),
    "policyconfig.antispam.action": ("What do you want to do with messages identified as "
                                     "{kind}?", "S"),
    "policyconfig.antispam.archive": ("Do you want to archive messages identified as {kind}?",
                                      "S"),
    "policyconfig.antispam.subject": ("Do you want to add text to the subject of messages "
                                      "identified as {kind}?", "S"),
    "policyconfig.subject.none": ("No", "S"),
    "policyconfig.subject.prepend": ("Prepend", "S"),
    "policyconfig.subject.append": ("Append", "S"),
    "policyconfig.antispam.subject_text": ("What text do you want to {position} to the "
                                           "subject?", "S"),
    "policyconfig.position.prepend": ("prepend", "S"),
    "policyconfig.position.append": ("append", "S"),
    "policyconfig.antispam.default_threshold": ("Do you want to use the default IronPort "
                                                "Anti-Spam spam threshold?", "S"),
    "policyconfig.antispam.threshold": ("Enter the IronPort Anti-Spam spam threshold "
                                        "({low}-{high}):", "S"),
    "policyconfig.antispam.suspect_threshold": ("Enter the IronPort Anti-Spam suspect spam "
                                                "threshold ({low}-{high}):", "S"),
    "policyconfig.antispam.alt_host": ("Do you want {kind} sent to an external quarantine or "
                                       "alternate host?", "S"),
    "policyconfig.antispam.alt_host.enter": ("Please enter the host to send spam to:", "S"),
    "policyconfig.antispam.header": ("Do you want to add a custom header to messages "
                                     "identified as {kind}?", "S"),
    "policyconfig.antispam.header.name": ("Enter the name of the header:", "S"),
    "policyconfig.antispam.header.text": ("Enter the text for the content of the header:",
                                          "S"),
    "policyconfig.antispam.alt_recipient": ("Do you want {kind} sent to an alternate envelope "
                                            "recipient?", "S"),
    "policyconfig.antispam.alt_recipient.enter": ("Please enter an email address to send spam "
                                                  "to:", "S"),
    "policyconfig.antispam.special": ("Do you want to enable special treatment of suspected "
                                      "spam?", "S"),
    "policyconfig.antispam.done": ("Anti-Spam configuration complete", "S"),
    "policyconfig.spam_action.deliver": ("DELIVER", "S"),
    "policyconfig.spam_action.drop": ("DROP", "S"),
    "policyconfig.spam_action.bounce": ("BOUNCE", "S"),
    "policyconfig.spam_action.quarantine": ("IRONPORT QUARANTINE", "S"),
    "policyconfig.spam_label.deliver": ("Deliver", "S"),
    "policyconfig.spam_label.drop": ("Drop", "S"),
    "policyconfig.spam_label.bounce": ("Bounce", "S"),
    "policyconfig.spam_label.quarantine": ("Spam Quarantine", "S"),
    # -- anti-virus --
    "policyconfig.antivirus.begin": ("Begin Anti-Virus configuration", "R"),
    "policyconfig.antivirus.scan": ("How would you like the system to scan messages for "
                                    "viruses?", "S"),
    "policyconfig.antivirus.scan.repair": ("Scan and Repair viruses", "S"),
    "policyconfig.antivirus.scan.only": ("Scan for Viruses only", "S"),
    "policyconfig.antivirus.handling.repair": ("Message Handling for repaired, encrypted, "
                                               "unscannable and virus infected messages:", "R"),
    "policyconfig.antivirus.handling.scan": ("Message Handling for encrypted, unscannable and "
                                             "virus infected messages:", "R"),
    "policyconfig.antivirus.kind.repaired": ("Repaired", "S"),
    "policyconfig.antivirus.kind.encrypted": ("Encrypted", "S"),
    "policyconfig.antivirus.kind.unscannable": ("Unscannable", "S"),
    "policyconfig.antivirus.kind.virus": ("Virus Infected", "S"),
    "policyconfig.antivirus.heading": ("{kind} Message Handling", "S"),
    "policyconfig.antivirus.edit": ("Do you want to edit the actions for {kind} Message "
                                    "Handling?", "S"),
    "policyconfig.antivirus.action": ("Action applied to the original message:", "S"),
    "policyconfig.antivirus.done": ("Anti-Virus configuration complete", "S"),
    "policyconfig.virus_action.deliver": ("Deliver As Is", "S"),
    "policyconfig.virus_action.attach_plain": ("Deliver as Attachment (text/plain) to New "
                                               "Message", "S"),
    "policyconfig.virus_action.attach_rfc822": ("Deliver as Attachment (message/rfc822) to "
                                                "New Message", "S"),
    "policyconfig.virus_action.drop": ("Drop Message", "S"),
    "policyconfig.virus_action.quarantine": ("Quarantine", "S"),
    "policyconfig.virus_label.drop": ("Drop Message", "S"),
    "policyconfig.virus_label.quarantine": ("Quarantine", "S"),
    "policyconfig.virus_label.deliver": ("Deliver As Is", "S"),
    "policyconfig.virus_label.attach_plain": ("Deliver as Attachment (text/plain) to New "
                                              "Message", "S"),
    "policyconfig.virus_label.attach_rfc822": ("Deliver as Attachment (message/rfc822) to New "
                                               "Message", "S"),
    # -- outbreak filters: the file extensions that bypass them --
    "policyconfig.outbreak.bypass": ("Do you want to modify the list of file extensions that "
                                     "bypass Outbreak Filters?", "R"),
    "policyconfig.bypass.none": ("No file extensions bypass Outbreak Filters.", "R"),
    "policyconfig.bypass.list": ("File extensions that bypass Outbreak Filters:", "R"),
    "policyconfig.bypass.menu.new": ("Add file extensions", "R"),
    "policyconfig.bypass.menu.delete": ("Remove a file extension", "R"),
    "policyconfig.bypass.menu.print": ("Display the list of file extensions", "R"),
    "policyconfig.bypass.menu.clear": ("Remove all file extensions", "R"),
    "policyconfig.bypass.enter": ("Enter the file extensions to bypass Outbreak Filters, "
                                  "separated by commas:", "R"),
    "policyconfig.bypass.error.period": ("Do not include the period before a file extension.",
                                         "S"),
    "policyconfig.bypass.error.invalid": ("A file extension is letters and digits only.", "R"),
    "policyconfig.bypass.error.present": ("The file extensions {extensions} are already "
                                          "configured to bypass Outbreak Filters.", "S"),
    "policyconfig.bypass.choose.delete": ("Enter the number of the file extension you wish to "
                                          "remove:", "R"),
    # -- the Match item (12.x on) --
    "policyconfig.table.match": ("Match", "S"),
    "policyconfig.match.unavailable": ("The policy matching priority is not available on this "
                                       "system.", "R"),
}

strings.register(STRINGS)
