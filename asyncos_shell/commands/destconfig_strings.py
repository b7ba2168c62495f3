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
    "destconfig.setup.demo": ("You may use the demo certificate to test TLS, but this will not be "
                              "secure. Do you really wish to use the \"Demo\" certificate?", "R"),
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
    "destconfig.detail.domain": ("Enter the domain you wish to view, or \"all\" for all entries.", "R"),
    "destconfig.error.not_found": ("The domain \"{domain}\" was not found in the destination "
                                   "control table.", "S"),
    "destconfig.error.exists": ("An entry for \"{domain}\" already exists.", "R"),
    # LIST / DETAIL (layout [R])
    "destconfig.list.domain": ("Domain", "R"),
    "destconfig.list.rate": ("Rate\nLimiting", "R"),
    "destconfig.list.tls": ("TLS", "R"),
    "destconfig.list.bounce_verification": ("Bounce\nVerification", "R"),
    "destconfig.list.bounce_profile": ("Bounce\nProfile", "R"),
    "destconfig.list.ip_sort": ("IP Address\nPreference", "R"),
    "destconfig.default_name": ("(Default)", "R"),
    "destconfig.value.default": ("Default", "R"),
    "destconfig.value.on": ("On", "R"),
    "destconfig.value.off": ("Off", "R"),
    "destconfig.value.inherited": ("Default ({value})", "R"),
    "destconfig.value.no_limit": ("No limit", "R"),
    "destconfig.value.recipients": ("{limit} per {minutes} minutes", "R"),
    "destconfig.detail.domain_line": ("Domain: {domain}", "R"),
    "destconfig.detail.concurrency": ("Maximum concurrent connections: {value}", "R"),
    "destconfig.detail.recipients": ("Recipient limit: {value}", "R"),
    "destconfig.detail.limit_type": ("Limits apply to: {value}", "R"),
    "destconfig.detail.limit_apply": ("Limits enforced: {value}", "R"),
    "destconfig.detail.messages": ("Maximum messages per connection: {value}", "R"),
    "destconfig.detail.tls": ("TLS support: {value}", "R"),
    "destconfig.detail.dane": ("DANE support: {value}", "R"),
    "destconfig.detail.bounce_verification": ("Bounce verification address tagging: {value}", "R"),
    "destconfig.detail.bounce_profile": ("Bounce profile: {value}", "R"),
    "destconfig.detail.ip_sort": ("IP sort preference: {value}", "R"),
    "destconfig.detail.certificate": ("Certificate for outbound TLS: {value}", "R"),
    "destconfig.detail.alert": ("Send an alert when a required TLS connection fails: {value}", "R"),
    "destconfig.value.limit_type.host": ("Entire domain", "R"),
    "destconfig.value.limit_type.MXIP": ("Each mail exchanger IP address", "R"),
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
                         "destconfig detail <domain>|all\n"
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
