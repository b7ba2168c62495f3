"""Strings of ``destconfig`` (cli.md §5.4, corrections item 7).

V: Cisco tech note 118177 (a NEW transcript, older menu), user guide 9.0 Table 23-3 / tech note
118955 (TLS items, the TLS question); S: substrings from Cisco's QA library (github
dharma412/PythonClass, commit b79a424: the questions ``csa/testlib/phoebe1411/cli/ctor/destconfig.py``
waits for, e.g. "max number of messages"; SETUP's description carries the words of
``.../cli/keywords/destconfig.py``'s docstring "Change global settings for all destination
domain"; LIST's and DETAIL's descriptions carry the words of the docstrings of the same
library for the management appliance's destconfig, ``csa/testlib/zeus1361/cli/keywords/dest_config.py``:
"Display a summary list of all", "Display details for one destination or all"; the nouns
"entries" follow this table's V menu items); R: chosen here.

S (the same library, more releases and the GUI drivers):
- DETAIL's question: ``csa/testlib/zeus1400/cli/keywords/dest_config.py`` (also zeus1250 to
  zeus1498) documents its answer as "the domain name to view, _DEFAULT_ to view details for the
  default, or _ALL_ to view details for all"; DETAIL accepts DEFAULT.
- SETUP's confirmation of the demo certificate: after the same "Please choose the certificate to
  apply" list, ``csa/testlib/phoebe1411/cli/ctor/interfaceconfig.py`` (phoebe1303 to phoebe1411)
  answers 'Do you really wish to use the "Demo" certificate'.
- LIST's column names and DETAIL's labels: the Mail Policies > Destination Controls page's labels
  in ``csa/testlib/phoebe1411/gui/manager/destination_controls_def/destination_profile.py``
  ("IP Address Preference", "Concurrent Connections", "Maximum Messages Per Connection",
  "Recipients", "Apply Limits Per Destination" with "Entire Domain" and "Each Mail Exchanger (MX
  Record) IP address", "Apply Limits Per ESA Hostname", "TLS Support", "Bounce Verification",
  "Bounce Profile", the default's "No Limit") and ``.../destination_controls_settings.py``
  ("Certificate", "Send an alert when a required TLS connection fails"); "DANE Support" is the
  CLI's own spelling (``phoebe1411/cli/ctor/destconfig.py``: "use DANE Support").  The layout
  around them (columns, "label: value" lines and their order) stays ours.
"""
from __future__ import annotations

from .. import strings

STRINGS: dict[str, tuple[str, str]] = {
    "destconfig.description": ("Configure options for TLS and destination domains.", "R"),
    "destconfig.status": ("There are currently {count} entries configured.", "V"),
    # menu
    "destconfig.menu.setup": ("Change global settings.", "S"),
    "destconfig.menu.new": ("Create a new entry.", "V"),
    "destconfig.menu.edit": ("Modify an entry.", "V"),
    "destconfig.menu.delete": ("Remove an entry.", "V"),
    "destconfig.menu.default": ("Change the default.", "V"),
    "destconfig.menu.list": ("Display a summary list of all entries.", "S"),
    "destconfig.menu.detail": ("Display details for one destination or all entries.", "S"),
    "destconfig.menu.clear": ("Remove all entries.", "V"),
    "destconfig.menu.import": ("Import tables from a file.", "R"),
    "destconfig.menu.export": ("Export tables to a file.", "R"),
    # SETUP
    "destconfig.setup.certificate": ("Please choose the certificate to apply:", "S"),
    # the confirmation interfaceconfig asks after the same certificate list (see the docstring)
    "destconfig.setup.demo": ("Do you really wish to use the \"Demo\" certificate?", "S"),
    "destconfig.setup.alert": ("Do you want to send an alert when a required TLS connection "
                               "fails?", "S"),
    # NEW / EDIT
    "destconfig.new.domain": ("Enter the domain you wish to configure.", "S"),
    "destconfig.edit.domain": ("Enter the domain you wish to edit.", "S"),
    "destconfig.concurrency.ask": ("Do you wish to configure a concurrency limit for {domain}?", "V"),
    "destconfig.concurrency": ("Enter the max concurrency limit for \"{domain}\".", "V"),
    "destconfig.recipients.ask": ("Do you wish to apply a recipient limit to this domain?", "V"),
    "destconfig.recipients.minutes": ("Enter the number of minutes used to measure the recipient "
                                      "limit.", "V"),
    "destconfig.recipients.limit": ("Enter the max number of recipients per {minutes} minutes for "
                                    "\"{domain}\".", "V"),
    "destconfig.limit_type": ("Select how you want to apply the limits for {domain}:", "V"),
    "destconfig.limit_type.host": ("One limit applies to the entire domain {domain}", "V"),
    "destconfig.limit_type.mxip": ("Separate limit for each mail exchanger IP address", "V"),
    "destconfig.limit_apply": ("Select how the limits will be enforced:", "V"),
    "destconfig.limit_apply.system": ("System Wide", "V"),
    "destconfig.limit_apply.vg": ("Per Virtual Gateway(tm)", "V"),
    "destconfig.messages.ask": ("Do you wish to apply a messages-per-connection limit to this "
                                "domain?", "S"),
    "destconfig.messages": ("Enter the max number of messages per connection for \"{domain}\".", "S"),
    "destconfig.tls.ask": ("Do you wish to apply a specific TLS setting for this domain?", "V"),
    "destconfig.tls": ("Do you want to use TLS support?", "S"),
    "destconfig.tls.off": ("No", "V"),
    "destconfig.tls.on": ("Preferred", "V"),
    "destconfig.tls.require": ("Required", "V"),
    "destconfig.tls.on_verify": ("Preferred - Verify", "S"),
    "destconfig.tls.require_verify": ("Required - Verify", "S"),
    "destconfig.tls.reminder": ("You have chosen to enable TLS. Please use the 'certconfig' command "
                                "to ensure that there is a valid certificate configured.", "R"),
    "destconfig.dane.ask": ("Do you wish to configure DANE Support for this domain?", "S"),
    "destconfig.dane": ("Please choose a DANE option:", "S"),
    "destconfig.dane.default": ("Do you want to use DANE Support?", "S"),
    "destconfig.dane.off": ("No", "S"),
    "destconfig.dane.opportunistic": ("Opportunistic", "S"),
    "destconfig.dane.mandatory": ("Mandatory", "S"),
    "destconfig.demo_certificate": ("You have not entered a certificate. Do you want to use the "
                                    "demo certificate?", "S"),
    "destconfig.bounce_verification.ask": ("Do you wish to apply a specific bounce verification "
                                           "address tagging setting for this domain?", "V"),
    "destconfig.bounce_verification": ("Perform bounce verification address tagging?", "S"),
    "destconfig.bounce_profile.ask": ("Do you wish to apply a specific bounce profile to this "
                                      "domain?", "V"),
    "destconfig.bounce_profile": ("Please choose a bounce profile to apply:", "S"),
    "destconfig.ip_sort.ask": ("Do you wish to apply a specific IP sort preference for this "
                               "domain?", "S"),
    "destconfig.ip_sort": ("Select how to sort IP addresses within an MX record:", "S"),
    "destconfig.ip_sort.PREFER_V4": ("Prefer IPv4", "S"),
    "destconfig.ip_sort.PREFER_V6": ("Prefer IPv6", "S"),
    "destconfig.ip_sort.REQUIRE_V4": ("Require IPv4", "S"),
    "destconfig.ip_sort.REQUIRE_V6": ("Require IPv6", "S"),
    # DEFAULT
    "destconfig.default.domain": ("the default", "R"),
    "destconfig.default.concurrency": ("Enter the default maximum concurrency limit.", "S"),
    "destconfig.default.recipients.ask": ("Do you wish to specify a default recipient limit?", "S"),
    "destconfig.default.recipients.minutes": ("Enter the number of minutes used to measure "
                                              "recipient limit.", "S"),
    "destconfig.default.recipients.limit": ("Enter number of recipients per {minutes} minutes.", "S"),
    "destconfig.default.limit_type.host": ("One limit applies to the entire domain", "S"),
    "destconfig.default.messages": ("Enter the maximum number of messages per connection.", "S"),
    # DELETE / DETAIL / errors
    "destconfig.delete.domain": ("Enter the domain you wish to delete.", "R"),
    "destconfig.detail.domain": ("Enter the domain name to view, DEFAULT to view details for the "
                                 "default, or ALL to view details for all.", "S"),
    "destconfig.error.not_found": ("The domain \"{domain}\" was not found in the destination "
                                   "control table.", "S"),
    "destconfig.error.exists": ("An entry for \"{domain}\" already exists.", "R"),
    # LIST / DETAIL: the layout (columns, "label: value" lines, their order) is ours [R]; the
    # labels marked S are the Destination Controls page's names for the same settings
    "destconfig.list.domain": ("Domain", "R"),
    "destconfig.list.rate": ("Rate\nLimiting", "R"),
    "destconfig.list.tls": ("TLS Support", "S"),
    "destconfig.list.bounce_verification": ("Bounce\nVerification", "S"),
    "destconfig.list.bounce_profile": ("Bounce\nProfile", "S"),
    "destconfig.list.ip_sort": ("IP Address\nPreference", "S"),
    "destconfig.default_name": ("(Default)", "R"),
    "destconfig.value.default": ("Default", "R"),
    "destconfig.value.on": ("On", "R"),
    "destconfig.value.inherited": ("Default ({value})", "R"),
    "destconfig.value.no_limit": ("No Limit", "S"),
    "destconfig.value.recipients": ("{limit} per {minutes} minutes", "R"),
    "destconfig.detail.domain_line": ("Domain: {domain}", "R"),
    "destconfig.detail.concurrency": ("Concurrent Connections: {value}", "S"),
    "destconfig.detail.recipients": ("Recipients: {value}", "S"),
    "destconfig.detail.limit_type": ("Apply Limits Per Destination: {value}", "S"),
    "destconfig.detail.limit_apply": ("Apply Limits Per ESA Hostname: {value}", "S"),
    "destconfig.detail.messages": ("Maximum Messages Per Connection: {value}", "S"),
    "destconfig.detail.tls": ("TLS Support: {value}", "S"),
    "destconfig.detail.dane": ("DANE Support: {value}", "S"),
    "destconfig.detail.bounce_verification": ("Bounce Verification: {value}", "S"),
    "destconfig.detail.bounce_profile": ("Bounce Profile: {value}", "S"),
    "destconfig.detail.ip_sort": ("IP Address Preference: {value}", "S"),
    "destconfig.detail.certificate": ("Certificate: {value}", "S"),
    "destconfig.detail.alert": ("Send an alert when a required TLS connection fails: {value}", "S"),
    "destconfig.value.limit_type.host": ("Entire Domain", "S"),
    "destconfig.value.limit_type.MXIP": ("Each Mail Exchanger (MX Record) IP address", "S"),
    # IMPORT / EXPORT (the file format is user guide 9.1.2 Table 24-9, [V])
    "destconfig.error.parameter": ("No destination control table action for \"{name}\".", "S"),
    "destconfig.error.value": ("Invalid value \"{value}\" for {name} in [{section}].", "R"),
    "destconfig.error.missing": ("The [{section}] section must define {names}.", "R"),
    "destconfig.error.syntax": ("The file is not in the destination control table format: "
                                "{reason}", "R"),
    # batch form
    "destconfig.usage": ("destconfig new <domain> [--<parameter>=<value> ...]\n"
                         "destconfig edit <domain> [--<parameter>=<value> ...]\n"
                         "destconfig default [--<parameter>=<value> ...]\n"
                         "destconfig setup [--certificate=<profile>] [--tls_alert=on|off]\n"
                         "destconfig delete <domain>\n"
                         "destconfig detail <domain>|default|all\n"
                         "destconfig list | clear\n"
                         "destconfig import|export <file>\n"
                         "Parameters are those of the import file: max_host_concurrency, "
                         "recipient_limit, recipient_minutes, limit_type (host|MXIP), limit_apply "
                         "(system|VG), max_messages_per_connection, tls (off|on|require|on_verify|"
                         "require_verify), dane (off|opportunistic|mandatory), bounce_validation "
                         "(off|on), bounce_profile, ip_sort_pref (PREFER_V4|PREFER_V6|REQUIRE_V4|"
                         "REQUIRE_V6); \"default\" resets a domain's parameter to the default.",
                         "R"),
}

strings.register(STRINGS)
