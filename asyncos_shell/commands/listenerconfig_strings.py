"""Every user-visible string of ``listenerconfig`` (listeners, HAT, RAT, policy parameters).

Evidence labels as in ``shared/reference/cli.md``: V verbatim, S substring seen in Cisco's QA
automation (the full line is a best guess around it), T third party, R recalled or inferred.

S sources: Cisco's QA library (github dharma412/PythonClass, commit b79a424) — the questions its
driver ``csa/testlib/phoebe1411/cli/ctor/listenerconfig.py`` waits for; "No listeners configured"
(the driver's comment on an empty listing); the operations' descriptions carry the words of
``.../cli/keywords/listenerconfig.py``'s docstrings ("create a new listener", "change global
settings", "Change the interface of the listener", "Change the injection limits of the listener",
"choose the bounce profile to use for messages injected on this listener", "choose the
certificate", "add a new host in the sender group", "change the policy settings and options of
the sender group", "display the current definition of the sender group"); RENAME's question as its parameter
documentation words it ("new name for this sender group"); RAT's code questions as
``.../cli/keywords/system_setup.py`` documents them ("The SMTP code to use in the response. 550
is the standard code."); "SIDF strict" is the conformance level its example selects by name.
Further S sources, each named at its entry: ``.../cli/ctor/systemsetup.py`` and
``.../cli/keywords/system_setup.py`` (the SPF/SIDF SMTP actions, the DHAP action items), and the
GUI drivers ``.../gui/manager/mail_flow_policies.py`` and ``.../gui/manager/rat.py`` (the
connection behaviours and the RAT actions, the same words as the CLI lists).

Still R, because nothing in the QA library (every phoebe/zeus/coeus release, GUI drivers, robot
tests) shows them: the descriptions of the top-level EDIT/DELETE and of EDIT's NAME, SETUP,
HOSTACCESS, RCPTACCESS, the listener SETUP menu and the HOSTACCESS RESET item (A sends only the
operation words); the pick-by-name-or-number questions and their errors (A answers them from the
numbered list); the EDIT status blocks, the Default Policy Parameters summary and the RAT status
line (A never parses them); the NEW sender-group/policy name questions, the host syntax help,
CONTINUE and ``Policy: NAME`` items, the sender-group sub-menu's DELETE/MOVE/RENAME descriptions
and host questions; the SenderBase cache and Received: hostname list items, the S/MIME signature
and SPF-only/SIDF-compatible items (the GUI's words differ); the file IMPORT/EXPORT prompts and
errors; name-taken, in-use and cannot-delete errors.
"""
from __future__ import annotations

from .. import strings
from . import _shared_strings  # noqa: F401  (the shared words S() also names)

STRINGS: dict[str, tuple[str, str]] = {
    # -- top level (cli.md §5.5) --
    "lc.listing": ("Currently configured listeners:", "S"),
    "lc.listing_item": ("{number}. {name} (on {interface}, {addresses}) {protocol} TCP Port {port} "
                        "{type}", "S"),
    "lc.none": ("No listeners configured.", "S"),
    "lc.menu.new": ("Create a new listener.", "S"),
    "lc.menu.edit": ("Modify a listener.", "R"),
    "lc.menu.delete": ("Remove a listener.", "R"),
    "lc.menu.setup": ("Change global settings.", "S"),
    "lc.type.public": ("Public", "S"),
    "lc.type.private": ("Private", "S"),
    "lc.type.blackhole": ("Blackhole", "S"),
    "lc.pick_edit": ("Enter the name or number of the listener you wish to edit.", "R"),
    "lc.pick_delete": ("Enter the name or number of the listener you wish to delete.", "R"),
    "lc.pick_error": ("Please enter a listener name or a number from 1 to {high}.", "R"),
    # -- NEW --
    "lc.new.type": ("Please select the type of listener you want to create.", "S"),
    "lc.new.name": ('Please create a name for this listener (Ex: "OutboundMail"):', "S"),
    "lc.name.taken": ('The name "{name}" is already in use by another listener.', "R"),
    "lc.new.queued": ("Do you want messages to be queued onto disk?", "S"),
    "lc.interface": ("Please choose an IP interface for this Listener.", "S"),
    "lc.no_interfaces": ('There are no IP interfaces configured. Use the "interfaceconfig" command '
                         "to add one.", "R"),
    "lc.protocol": ("Choose a protocol.", "S"),
    "lc.port": ("Please enter the TCP port for this listener.", "S"),
    "lc.port_in_use": ("Port {port} on {address} is already in use by {owner}.", "R"),
    "lc.new.domains": ("Enter the domain names or specific email addresses you want to accept mail "
                       "for.\n\nHostnames such as \"example.com\" are allowed.\nPartial hostnames "
                       "such as \".example.com\" are allowed.\nUsernames such as \"postmaster@\" are "
                       "allowed.\nFull email addresses such as \"joe@example.com\" or "
                       "\"joe@[1.2.3.4]\" are allowed.\nSeparate multiple addresses with commas.",
                       "S"),
    "lc.new.sbrs": ("Do you want to enable filtering based on SenderBase Reputation Service (SBRS) "
                    "Scores for this listener? (Your selection will configure the default settings "
                    "for the sender groups and mail flow policies.)", "S"),
    "lc.new.relay": ("Please specify the systems allowed to relay email through the IronPort.\n\n"
                     "Hostnames such as \"example.com\" are allowed.\nPartial hostnames such as "
                     "\".example.com\" are allowed.\nIP addresses, IP address ranges, and partial "
                     "IP addresses are allowed.\nSeparate multiple entries with commas.", "S"),
    "lc.new.rate": ("Do you want to enable rate limiting for this listener? (Rate limiting defines "
                    "the maximum number of recipients per hour you are willing to receive from a "
                    "remote domain.)", "S"),
    "lc.new.rate_max": ("Enter the maximum number of recipients per hour to accept from a remote "
                        "domain.", "S"),
    "lc.new.change_hat": ("Would you like to change the default host access privileges?", "S"),
    "lc.bounce": ("Please choose the bounce profile to apply:", "S"),
    "lc.new.created": ("Listener {name} created.", "S"),
    "lc.new.defaults": ("Defaults have been set for a {type} listener.", "R"),
    "lc.new.hint": ("Use the listenerconfig->EDIT command to customize the listener.", "R"),
    # -- EDIT --
    "lc.edit.status": ("Name: {name}\nType: {type}\nInterface: {interface} ({addresses}) TCP Port "
                       "{port}\nProtocol: {protocol}\nDefault Domain: {domain}\nMax Concurrency: "
                       "{max_connections} (TCP Queue: {tcp_queue})\nBounce Profile: {bounce}\n"
                       "Certificate: {certificate}", "R"),
    "lc.edit.none": ("None", "R"),
    "lc.edit.name": ("Please enter a name for this listener:", "R"),
    "lc.edit.limits_max": ("Please enter the maximum number of concurrent connections allowed.", "R"),
    "lc.edit.limits_queue": ("Please enter the maximum number of connections allowed in the TCP "
                             "queue.", "R"),
    "lc.menu.name": ("Change the name of the listener.", "R"),
    "lc.menu.interface": ("Change the interface.", "S"),
    "lc.menu.limits": ("Change the injection limits.", "S"),
    "lc.menu.edit_setup": ("Configure general options.", "R"),
    "lc.menu.hostaccess": ("Modify the Host Access Table.", "R"),
    "lc.menu.rcptaccess": ("Modify the Recipient Access Table.", "R"),
    "lc.menu.bounceconfig": ("Choose the bounce profile to use for messages injected on this "
                             "listener.", "S"),
    "lc.menu.certificate": ("Choose the certificate.", "S"),
    "lc.setup.status": ("Default Domain: {domain}\nAdd \"Received:\" Header: {received}", "R"),
    "lc.menu.defaultdomain": ("Configure a default domain for the listener.", "R"),
    "lc.menu.received": ("Configure whether to add a \"Received:\" header to messages.", "R"),
    # the words of A's parameter documentation ("Default domain to be used for email addresses
    # without a fully qualified domain name"), and the word its example answers to clear the
    # setting (``Listenerconfig Edit Setup Defaultdomain | TestInt1 | delete``)
    "lc.setup.domain": ("Enter the default domain name to use for email addresses without a fully "
                        "qualified domain name.\nEnter the word \"DELETE\" to clear the setting and "
                        "disable the addition of a default domain.", "S"),
    "lc.setup.received": ("Would you like the system to add a Received: header to each message "
                          "received on this listener?", "R"),
    # -- CERTIFICATE (cli.md corrections item 8; §5.5) --
    "lc.cert.choose": ("Please choose the certificate to apply:", "S"),
    "lc.cert.demo_confirm": ("Do you really wish to use the \"Demo\" certificate?", "S"),
    # -- global SETUP --
    "lc.setup.max_conn": ("Please enter the global limit for concurrent connections to be allowed "
                          "across all listeners.", "S"),
    "lc.setup.max_tls": ("Please enter the global limit for concurrent TLS connections to be allowed "
                         "across all listeners.", "S"),
    "lc.setup.headers": ("Enter the maximum number of message header lines. 0 indicates no limit.",
                         "S"),
    # The SenderBase cache list: A matches "Allow SenderBase" in it [S]; question and the
    # other items R.
    "lc.setup.sb_cache": ("Choose how long SenderBase data is cached:", "R"),
    "lc.setup.sb_cache.senderbase": ("Allow SenderBase to determine cache time (Recommended)", "S"),
    "lc.setup.sb_cache.none": ("Don't cache SenderBase data.", "R"),
    "lc.setup.sb_cache.custom": ("Specify your own cache time.", "R"),
    "lc.setup.sb_cache_time": ("Enter the time, in seconds, to cache SenderBase data.", "S"),
    "lc.setup.injection_reset": ("Enter the rate at which injection control counters are reset.",
                                 "S"),
    "lc.setup.duration_error": ("Please enter a time from 1m to 1d, such as 30m or 1h.", "R"),
    "lc.setup.timeout": ("Enter the timeout, in seconds, for unsuccessful inbound connections.",
                         "S"),
    "lc.setup.max_time": ("Enter the maximum connection time, in seconds, for an inbound SMTP "
                          "connection.", "S"),
    "lc.setup.received_hostname": ("What hostname should Received: headers be stamped with?", "S"),
    "lc.setup.received_hostname.delivery": ("The hostname of the Virtual Gateway(tm) used for "
                                            "delivering the message", "R"),
    "lc.setup.received_hostname.interface": ("The hostname of the interface the message is "
                                             "received on", "R"),
    "lc.setup.message_id": ("The system will always add a Message-ID header to outgoing messages "
                            "that don't already have one. Would you like to do the same for "
                            "incoming messages? (Not recommended.)", "S"),
    "lc.setup.delayed": ("By default connections with a HAT REJECT policy will be closed with a "
                         "banner message at the start of the SMTP conversation. Would you like to "
                         "do the rejection at the message recipient level instead for more "
                         "detailed logging of rejected mail?", "S"),
    "lc.setup.subject_size": ("Enter the maximum size of the subject to be logged, in bytes.",
                              "S"),
    # -- HOSTACCESS (cli.md §5.5, H [V]) --
    "lc.hat.policies": ("There are currently {count} policies defined.", "V"),
    "lc.hat.groups": ("There are currently {count} sender groups.", "V"),
    "lc.hat.menu.new": ("Create a new entry.", "V"),
    "lc.hat.menu.edit": ("Modify an entry.", "V"),
    "lc.hat.menu.delete": ("Remove an entry.", "V"),
    "lc.hat.menu.move": ("Move an entry.", "V"),
    "lc.hat.menu.default": ("Set the defaults.", "V"),
    "lc.hat.menu.print": ("Display the table.", "V"),
    "lc.hat.menu.import": ("Import a table from a file.", "V"),
    "lc.hat.menu.export": ("Export the table to a file.", "V"),
    "lc.hat.menu.clear": ("Remove all entries.", "V"),
    "lc.hat.menu.reset": ("Remove senders and set policies to system default.", "R"),
    "lc.hat.new.sender_group": ("New Sender Group", "S"),
    "lc.hat.new.policy": ("New Policy", "S"),
    "lc.hat.edit.sender_group": ("Edit Sender Group", "S"),
    "lc.hat.edit.policy": ("Edit Policy", "S"),
    "lc.hat.delete.sender_group": ("Delete Sender Group", "S"),
    "lc.hat.delete.policy": ("Delete Policy", "S"),
    "lc.hat.group_name": ("Enter a name for this sender group. (optional)", "R"),
    "lc.hat.group_name_taken": ('A sender group named "{name}" already exists.', "R"),
    "lc.hat.hosts": ("Enter the hosts to add.  CIDR addresses such as 10.1.1.0/24 are allowed.  IP "
                  "address ranges such as 10.1.1.10-20 are allowed.  IP subnets such as 10.2.3. are "
                  "allowed.  Hostnames such as crm.example.com are allowed.  Partial hostnames such "
                  "as .example.com are allowed.\nRanges of SenderBase Reputation scores such as "
                  "SBRS[7.5:10.0] are allowed.\nSenderBase Network Owner IDs such as SBO:12345 are "
                  "allowed.\nSeparate multiple hosts with commas", "R"),
    "lc.hat.behavior": ("Select a behavior for this entry.", "S"),
    # the connection behaviours in the order and words of A's GUI driver
    # (phoebe1411 gui/manager/mail_flow_policies.py: "Accept", "Relay", "Reject", "TCP Refuse");
    # CONTINUE, the behaviour only an entry has, is R
    "lc.hat.behavior.accept": ("Accept", "S"),
    "lc.hat.behavior.relay": ("Relay", "S"),
    "lc.hat.behavior.reject": ("Reject", "S"),
    "lc.hat.behavior.tcprefuse": ("TCP Refuse", "S"),
    "lc.hat.behavior.continue": ("Continue", "R"),
    "lc.hat.behavior.policy": ("Policy: {name}", "R"),
    "lc.hat.change_params": ("Would you like to change the policy parameters?", "S"),
    "lc.hat.comment": ("Enter a comment for this sender group.", "S"),
    "lc.hat.policy_name": ("Enter a name for this policy.", "R"),
    "lc.hat.policy_name_taken": ('A policy named "{name}" already exists.', "R"),
    "lc.hat.list_groups": ("Currently configured HAT sender groups:", "S"),
    "lc.hat.list_policies": ("Currently configured HAT policies:", "S"),
    "lc.hat.pick_group": ("Enter the sender group name or number to edit.", "R"),
    "lc.hat.pick_policy": ("Enter the policy name or number to edit.", "R"),
    "lc.hat.pick_group_delete": ("Enter the sender group name or number to delete.", "R"),
    "lc.hat.pick_policy_delete": ("Enter the policy name or number to delete.", "R"),
    "lc.hat.pick_move": ("Enter the sender group name or number to move.", "R"),
    "lc.hat.pick_before": ("Enter the sender group name or number to insert before.", "R"),
    "lc.hat.pick_error": ("Please enter a name or a number from 1 to {high}.", "R"),
    "lc.hat.no_groups": ("There are no sender groups.", "R"),
    "lc.hat.no_policies": ("No policies to edit.", "S"),
    "lc.hat.policy_in_use": ("At least one sender group references this policy: {groups}. Those sender "
                          "groups will also be removed.  Do you want to continue?", "S"),
    "lc.hat.policy_is_default": ("The policy {name} is used by the ALL entry and cannot be deleted.",
                              "R"),
    "lc.hat.group.status": ("Sender Group: {name}\nPolicy: {policy}\nComment: {comment}\nSenders:", "R"),
    "lc.hat.group.menu.new": ("Add a new host.", "S"),
    "lc.hat.group.menu.delete": ("Remove a host.", "R"),
    "lc.hat.group.menu.move": ("Reorder the hosts.", "R"),
    "lc.hat.group.menu.policy": ("Change the policy settings and options.", "S"),
    "lc.hat.group.menu.print": ("Display the current definition.", "S"),
    "lc.hat.group.menu.rename": ("Rename this sender group.", "R"),
    "lc.hat.group.duplicate": ("{host} is already in sender group {group}.  Add anyway?", "S"),
    "lc.hat.group.pick_host": ("Enter the host to remove.", "R"),
    "lc.hat.group.pick_host_move": ("Enter the host to move.", "R"),
    "lc.hat.group.pick_host_before": ("Enter the host to insert before.", "R"),
    "lc.hat.group.rename": ("Enter the new name for this sender group.", "S"),
    "lc.hat.import_file": ("Enter the name of the file to import:", "R"),
    "lc.hat.export_file": ("Enter a name for the exported file:", "S"),
    "lc.file.missing": ('Error: the file "{name}" does not exist.', "S"),
    "lc.file.bad_name": ("The file name may not contain \"/\" or start with \".\".", "R"),
    "lc.file.parse_error": ("Error on line {line}: {error}", "R"),
    "lc.file.import_failed": ("Import failed.", "S"),
    "lc.hat.batch_usage": ('The hostaccess "{verb}" command requires a filename', "S"),
    "lc.batch_invalid": ("Invalid arguments when processing: listenerconfig {args}", "S"),
    # -- policy parameters dialogue (cli.md §5.5, A EditHatParameters) --
    "lc.params.header": ("Default Policy Parameters\n==========================", "S"),
    "lc.params.summary": ("Maximum Message Size: {size}\nMaximum Number Of Concurrent Connections From A "
                       "Single IP: {concurrency}\nMaximum Number Of Messages Per Connection: {msgs}\n"
                       "Maximum Number Of Recipients Per Message: {rcpts}\nDirectory Harvest Attack "
                       "Prevention: {dhap}\nMaximum Number Of Recipients Per Hour: {rate}\nUse "
                       "SenderBase for Flow Control: {sb}\nSpam Detection Enabled: {spam}\nVirus "
                       "Detection Enabled: {virus}\nAllow TLS Connections: {tls}\nAllow SMTP "
                       "Authentication: {auth}\nRequire TLS To Offer SMTP authentication: "
                       "{auth_tls}\nDKIM/DomainKeys Signing Enabled: {dkim_signing}\nDKIM "
                       "Verification Enabled: {dkim_verify}\nSPF/SIDF Verification Enabled: {spf}\n"
                       "DMARC Verification Enabled: {dmarc}\nEnvelope Sender DNS Verification "
                       "Enabled: {sender_verify}\nDomain Exception Table Enabled: {exceptions}\n"
                       "Accept Untagged Bounces: {untagged}", "R"),
    "lc.params.max_size": ("Enter the maximum message size.  Add a trailing k for kilobytes, M for "
                        "megabytes, or no letter for bytes.", "S"),
    "lc.params.size_error": ("The value must be a number of bytes, optionally followed by k or M, from "
                          "1 to 2048M.", "S"),
    "lc.params.max_concurrency": ("Enter the maximum number of concurrent connections allowed from a "
                               "single IP address.", "S"),
    "lc.params.max_msgs": ("Enter the maximum number of messages per connection.", "S"),
    "lc.params.max_rcpts": ("Enter the maximum number of recipients per message.", "S"),
    "lc.params.override_host": ("Do you want to override the hostname in the SMTP banner?", "S"),
    "lc.params.banner_host": ("Enter the hostname to use in the SMTP banner.", "S"),
    "lc.params.custom_accept": ("Would you like to specify a custom SMTP acceptance response?", "S"),
    # "220 is the standard code." verbatim (J); 554, 452, 550 and 553 as substrings (A)
    "lc.params.code": ("Enter the SMTP code to use in the response. {code} is the standard code.",
                       "V"),
    "lc.params.custom_reject": ("Would you like to specify a custom SMTP rejection response?", "S"),
    "lc.params.response_text": ("Enter your custom SMTP response.  Press Enter on a blank line to "
                             "finish.", "V"),
    "lc.params.code_error": ("The value must be an integer from {low} to {high}.", "S"),
    "lc.params.rate": ("Do you want to enable rate limiting per host?", "S"),
    "lc.params.rate_max": ("Enter the maximum number of recipients per hour from a remote host.", "S"),
    "lc.params.custom_rate": ("Would you like to specify a custom SMTP limit exceeded response?", "S"),
    "lc.params.dhap": ("Do you want to enable Directory Harvest Attack Prevention per host?", "S"),
    "lc.params.dhap_max": ("Enter the maximum number of invalid recipients per hour from a remote host.",
                        "S"),
    "lc.params.dhap_action": ("Select an action to apply when a recipient is rejected due to DHAP:",
                              "S"),
    # the two items as .../cli/keywords/system_setup.py names them ("options are: 'Drop' or
    # 'Code'", example ``dhap_action=Drop``; its driver picks the item containing the word)
    "lc.params.dhap_action.drop": ("Drop", "S"),
    "lc.params.dhap_action.code": ("Code", "S"),
    "lc.params.custom_dhap": ("Would you like to specify a custom SMTP DHAP response?", "S"),
    "lc.params.sender_rate": ("Do you want to enable rate limiting per envelope sender?", "S"),
    "lc.params.sender_rate_max": ("Enter the maximum number of recipients per envelope sender.",
                                  "S"),
    "lc.params.sender_rate_minutes": ("Enter the time interval in minutes for Envelope Sender Rate "
                                      "Limiting.", "S"),
    "lc.params.grouping": ("Would you like to group hosts by the similarity of their IP addresses?",
                           "S"),
    "lc.params.grouping_bits": ("Enter the number of bits of IP address to treat as significant, "
                                "from 1 to 32.", "S"),
    # [sic] "applicance": the spelling A waits for
    "lc.params.relay": ("Will this IronPort applicance need to fetch the incoming address (for "
                        "SenderBase) from a trusted relay's header?", "S"),
    "lc.params.relay_header": ("Enter the header name containing the IP address of the original "
                               "sender.", "S"),
    "lc.params.use_sb": ("Would you like to use SenderBase for flow control by default?", "S"),
    "lc.params.spam": ("Would you like to enable anti-spam scanning?", "S"),
    "lc.params.virus": ("Would you like to enable anti-virus scanning?", "S"),
    "lc.params.tls": ("Do you want to allow encrypted TLS connections?", "S"),
    "lc.params.tls.off": ("No", "V"),
    "lc.params.tls.on": ("Preferred", "V"),
    "lc.params.tls.required": ("Required", "V"),
    "lc.params.demo_tls": ("You have not entered a certificate. To assure privacy, run \"certconfig\" "
                        "first. You may use the demo certificate to test TLS,but this will not be "
                        "secure. Do you really wish to use a demo certificate?", "S"),
    "lc.params.auth": ("Do you want to allow SMTP authentication?", "S"),
    "lc.params.auth.off": ("No", "S"),
    "lc.params.auth.on": ("Preferred", "S"),
    "lc.params.auth.required": ("Required", "S"),
    "lc.params.auth_tls": ("Require TLS to offer SMTP authentication?", "S"),
    # -- after SMTP authentication (A EditHatParameters param_map3: S = the substring A waits
    #    for, the rest of the line R) --
    "lc.params.dkim_signing": ("Would you like to enable DKIM/DomainKeys signing?", "S"),
    "lc.params.smime_harvest": ("Would you like to enable S/MIME Public Key Harvesting?", "S"),
    "lc.params.smime_harvest_failure": ("Would you like to harvest certificate on verification "
                                        "failure?", "S"),
    "lc.params.smime_harvest_updated": ("Would you like to harvest updated certificate?", "S"),
    "lc.params.smime_gateway": ("Would you like to enable S/MIME gateway decryption/verification?",
                                "S"),
    "lc.params.smime_signature": ("Select the appropriate operation for the S/MIME signature "
                                  "processing:", "S"),
    "lc.params.smime_signature.preserve": ("Preserve the signature", "R"),
    "lc.params.smime_signature.remove": ("Remove the signature", "R"),
    "lc.params.dkim_verify": ("Would you like to enable DKIM verification?", "S"),
    "lc.params.dkim_profile": ("Select the DKIM verification profile to use:", "S"),
    "lc.params.spf_change": ("Would you like to change SPF/SIDF settings?", "S"),
    "lc.params.spf": ("Would you like to perform SPF/SIDF Verification?", "S"),
    "lc.params.spf_level": ("What Conformance Level would you like to use?", "S"),
    "lc.params.spf_level.spf": ("SPF only", "R"),
    "lc.params.spf_level.sidf_compatible": ("SIDF compatible", "R"),
    "lc.params.spf_level.sidf_strict": ("SIDF strict", "S"),
    "lc.params.spf_pra": ("Would you like to Downgrade PRA verification result if 'Resent-Sender:' "
                          "or 'Resent-From:' were used?", "S"),
    "lc.params.spf_helo": ("Would you like to have the HELO check performed?", "S"),
    "lc.params.spf_timeout": ("Verification timeout (seconds):", "S"),
    "lc.params.spf_actions": ("Would you like to change SMTP actions taken as result of the SPF "
                              "verification?", "S"),
    # The SMTP actions after "change SMTP actions taken as result of the SPF verification?" (A
    # phoebe1411 cli/ctor/systemsetup.py ``configure_hat`` waits for each question's end: "change
    # SMTP actions taken for the MAIL FROM identity", "... PRA identity?", "... HELO identity?",
    # "should be taken if MAIL FROM check returns None?" ... "PermError?", "change SMTP response
    # settings for the REJECT action?", "What SMTP response code should be returned", "What SMTP
    # response text should be returned (", "... for TempError", "get SMTP response text from SPF
    # publisher domain for"); the items as .../cli/keywords/system_setup.py names them
    # ("Options are: 'Accept'(default) or 'Reject'").  The words around each fragment are R.
    "lc.params.spf_identity": ("Would you like to change SMTP actions taken for the {identity} "
                               "identity?", "S"),
    "lc.params.spf_identity.mail_from": ("MAIL FROM", "S"),
    "lc.params.spf_identity.pra": ("PRA", "S"),
    "lc.params.spf_identity.helo": ("HELO", "S"),
    "lc.params.spf_result_action": ("What SMTP action should be taken if {identity} check returns "
                                    "{result}?", "S"),
    "lc.params.spf_result.none": ("None", "S"),
    "lc.params.spf_result.neutral": ("Neutral", "S"),
    "lc.params.spf_result.temperror": ("TempError", "S"),
    "lc.params.spf_result.softfail": ("SoftFail", "S"),
    "lc.params.spf_result.fail": ("Fail", "S"),
    "lc.params.spf_result.permerror": ("PermError", "S"),
    "lc.params.spf_action.accept": ("Accept", "S"),
    "lc.params.spf_action.reject": ("Reject", "S"),
    "lc.params.spf_reject_settings": ("Would you like to change SMTP response settings for the "
                                      "REJECT action?", "S"),
    "lc.params.spf_reject_code": ("What SMTP response code should be returned?", "S"),
    "lc.params.spf_reject_text": ("What SMTP response text should be returned ('%e' is replaced "
                                  "by the identity)?", "S"),
    "lc.params.spf_temperror_code": ("What SMTP response code should be returned for TempError?",
                                     "S"),
    "lc.params.spf_temperror_text": ("What SMTP response text should be returned for TempError?",
                                     "S"),
    "lc.params.spf_publisher": ("Would you like to get SMTP response text from SPF publisher domain "
                                "for the REJECT action?", "S"),
    "lc.params.dmarc": ("Would you like to enable DMARC verification?", "S"),
    "lc.params.dmarc_profile": ("Select the DMARC verification profile to use:", "S"),
    "lc.params.dmarc_reports": ("Would you like to send aggregate reports?", "S"),
    "lc.params.sender_verify": ("Would you like to enable envelope sender verification?", "S"),
    "lc.params.malformed_sender": ("Would you like to specify a custom SMTP response for malformed "
                                   "envelope senders?", "S"),
    "lc.params.unresolved_sender": ("Would you like to specify a custom SMTP response for envelope "
                                    "sender domains which do not resolve?", "S"),
    "lc.params.nonexistent_sender": ("Would you like to specify a custom SMTP response for envelope "
                                     "sender domains which do not exist?", "S"),
    "lc.params.exception_table": ("Would you like to enable use of the domain exception table?",
                                  "S"),
    "lc.params.untagged_bounces": ("Would you like to accept untagged bounces?", "S"),
    # -- RCPTACCESS (cli.md §5.5) --
    "lc.rat.status": ("There are currently {count} entries in the Recipient Access Table.", "R"),
    # (the menu's operations are HOSTACCESS's words: ``lc.hat.menu.*``)
    "lc.rat.header": ("Recipient Access Table", "S"),
    "lc.rat.address": ("Enter the recipient address for this entry.\nHostnames such as \"example.com\" "
                    "are allowed.\nPartial hostnames such as \".example.com\" are allowed.\n"
                    "Usernames such as \"postmaster@\" are allowed.\nFull email addresses such as "
                    "\"joe@example.com\" or \"joe@[1.2.3.4]\" are allowed.\nSeparate multiple "
                    "addresses with commas.", "S"),
    "lc.rat.duplicate": ("The address {address} is already in the Recipient Access Table.", "R"),
    "lc.rat.action": ("Select the action to apply to this address:", "S"),
    "lc.rat.access": ("What access for {address}?", "S"),
    # the two actions as A's GUI driver names them (phoebe1411 gui/manager/rat.py: "either Accept
    # or Reject")
    "lc.rat.accept": ("Accept", "S"),
    # CLEAR's list has an item containing "Reject" (keywords example ``Listenerconfig Edit
    # Rcptaccess Clear | TestInt1 | Reject``)
    "lc.rat.reject": ("Reject", "S"),
    "lc.rat.custom": ("Would you like to specify a custom SMTP response?", "S"),
    "lc.rat.code_250": ("Enter the SMTP code to use in the response. 250 is the standard code.", "S"),
    "lc.rat.code_550": ("Enter the SMTP code to use in the response. 550 is the standard code.", "S"),
    "lc.rat.bypass": ("Would you like to bypass receiving control for this entry?", "S"),
    "lc.rat.edit_address": ("Enter the address to edit.", "S"),
    "lc.rat.delete_address": ("Enter the address to delete.", "R"),
    "lc.rat.unknown": ("The address {address} is not in the Recipient Access Table.", "R"),
    "lc.rat.all_delete": ("The ALL entry cannot be deleted.", "R"),
    "lc.rat.clear_default": ("Select the default action for all other recipients:", "S"),
}

strings.register(STRINGS)


def S(string_id: str, **values: object) -> str:
    return strings.text(string_id, **values)
