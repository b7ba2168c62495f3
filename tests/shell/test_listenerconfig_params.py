"""The mail-flow policy parameters after SMTP authentication (HOSTACCESS -> DEFAULT): DKIM
signing, S/MIME, DKIM verification, SPF/SIDF, DMARC, envelope sender verification, the domain
exception table and untagged bounces -- every branch, answered by position as expect scripts do,
stored in the model and printed by HOSTACCESS PRINT / exported."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_listenerconfig import committed, contains, session  # noqa: E402
from test_listenerconfig_hat import BEFORE_TLS, CLOSE, OPEN  # noqa: E402
from harness import make_appliance  # noqa: E402

# TLS No, SMTP authentication No: the last questions before the tail.
UP_TO_AUTH = ["default"] + BEFORE_TLS + ["", ""]

EVERYTHING_ON = [
    "y",                    # DKIM/DomainKeys signing
    "y", "y", "n",          # S/MIME harvesting, on failure, updated certificate
    "y", "3", "2",          # S/MIME gateway; signature processing (3 is not an item)
    "y", "",                # DKIM verification, profile DEFAULT
    "y", "y", "1", "n", "0", "20",        # SPF: SPF only, no HELO check, timeout
    "y", "y", "", "", "2", "", "Reject", "",  # SMTP actions: MAIL FROM TempError and Fail reject
    "y", "450", "551", "", "", "Try later",  # REJECT responses: codes, texts
    "y",                    # text from the SPF publisher's domain
    "y", "", "y",           # DMARC, profile, aggregate reports
    "y",                    # envelope sender verification
    "y", "", "Bad sender", "",   # malformed: custom response, code 553, text
    "n",                    # do not resolve: standard
    "y", "550", "No such domain", "",  # do not exist
    "y",                    # domain exception table
    "y",                    # untagged bounces
]

TAIL = """
Would you like to enable DKIM/DomainKeys signing? [N]> y

Would you like to enable S/MIME Public Key Harvesting? [N]> y

Would you like to harvest certificate on verification failure? [N]> y

Would you like to harvest updated certificate? [N]> n

Would you like to enable S/MIME gateway decryption/verification? [N]> y

Select the appropriate operation for the S/MIME signature processing:
1. Preserve the signature
2. Remove the signature
[1]> 3
Please enter a number from 1 to 2.

Select the appropriate operation for the S/MIME signature processing:
1. Preserve the signature
2. Remove the signature
[1]> 2

Would you like to enable DKIM verification? [N]> y

Select the DKIM verification profile to use:
1. DEFAULT
[1]> 

Would you like to change SPF/SIDF settings? [N]> y

Would you like to perform SPF/SIDF Verification? [N]> y

What Conformance Level would you like to use?
1. SPF only
2. SIDF compatible
3. SIDF strict
[2]> 1

Would you like to have the HELO check performed? [Y]> n

Verification timeout (seconds):
[40]> 0
The value must be an integer from 1 to 3600.

Verification timeout (seconds):
[40]> 20

Would you like to change SMTP actions taken as result of the SPF verification? [N]> y

Would you like to change SMTP actions taken for the MAIL FROM identity? [N]> y

What SMTP action should be taken if MAIL FROM check returns None?
1. Accept
2. Reject
[1]> 

What SMTP action should be taken if MAIL FROM check returns Neutral?
1. Accept
2. Reject
[1]> 

What SMTP action should be taken if MAIL FROM check returns TempError?
1. Accept
2. Reject
[1]> 2

What SMTP action should be taken if MAIL FROM check returns SoftFail?
1. Accept
2. Reject
[1]> 

What SMTP action should be taken if MAIL FROM check returns Fail?
1. Accept
2. Reject
[1]> Reject

What SMTP action should be taken if MAIL FROM check returns PermError?
1. Accept
2. Reject
[1]> 

Would you like to change SMTP response settings for the REJECT action? [N]> y

What SMTP response code should be returned?
[550]> 450
The value must be an integer from 500 to 599.

What SMTP response code should be returned?
[550]> 551

What SMTP response text should be returned ('%e' is replaced by the identity)?
[#5.7.1 SPF unauthorized mail is prohibited.]> 

What SMTP response code should be returned for TempError?
[451]> 

What SMTP response text should be returned for TempError?
[#4.4.3 Temporary error occurred during SPF verification.]> Try later

Would you like to get SMTP response text from SPF publisher domain for the REJECT action? [N]> y

Would you like to enable DMARC verification? [N]> y

Select the DMARC verification profile to use:
1. DEFAULT
[1]> 

Would you like to send aggregate reports? [N]> y

Would you like to enable envelope sender verification? [N]> y

Would you like to specify a custom SMTP response for malformed envelope senders? [N]> y

Enter the SMTP code to use in the response. 553 is the standard code.
[553]> 
Enter your custom SMTP response.  Press Enter on a blank line to finish.
Bad sender


Would you like to specify a custom SMTP response for envelope sender domains which do not resolve? [N]> n

Would you like to specify a custom SMTP response for envelope sender domains which do not exist? [N]> y

Enter the SMTP code to use in the response. 553 is the standard code.
[553]> 550
Enter your custom SMTP response.  Press Enter on a blank line to finish.
No such domain


Would you like to enable use of the domain exception table? [N]> y

Would you like to accept untagged bounces? [N]> y
"""


def default_params(appliance):
    return committed(appliance).listeners.listeners["IncomingMail"].hat.default_params


def test_every_question_after_smtp_authentication_in_order_and_stored(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, OPEN + UP_TO_AUTH + EVERYTHING_ON + CLOSE)
    contains(text, """[1]> 
""" + TAIL + "\nThere are currently 5 policies defined.")
    p = default_params(appliance)
    assert (p.dkim_signing, p.smime_harvest, p.smime_harvest_on_failure, p.smime_harvest_updated,
            p.smime_gateway, p.smime_signature) == (True, True, True, False, True, "remove")
    assert (p.dkim_verification, p.dkim_profile) == (True, "DEFAULT")
    assert (p.spf_verification, p.spf_conformance, p.spf_helo_check, p.spf_timeout) == (
        True, "spf", False, 20)
    assert p.spf_reject == "mail_from:temperror mail_from:fail"
    assert (p.spf_reject_code, p.spf_reject_text, p.spf_temperror_code, p.spf_temperror_text,
            p.spf_publisher_text) == (551, "#5.7.1 SPF unauthorized mail is prohibited.", 451,
                                      "Try later", True)
    assert (p.dmarc_verification, p.dmarc_profile, p.dmarc_reports) == (True, "DEFAULT", True)
    assert (p.sender_verification, p.malformed_sender_code, p.malformed_sender_text) == (
        True, 553, "Bad sender")
    assert (p.unresolved_sender_code, p.nonexistent_sender_code, p.nonexistent_sender_text) == (
        None, 550, "No such domain")
    assert (p.domain_exception_table, p.accept_untagged_bounces) == (True, True)


def test_the_second_run_offers_the_stored_answers_as_defaults(tmp_path):
    appliance = make_appliance(tmp_path)
    session(appliance, OPEN + UP_TO_AUTH + EVERYTHING_ON + CLOSE)
    # SPF settings are only asked behind "change SPF/SIDF settings?"; Enter keeps the rest.
    text = session(appliance, OPEN + UP_TO_AUTH + [""] * 22 + CLOSE)
    contains(text, "Would you like to enable DKIM/DomainKeys signing? [Y]> \n")
    contains(text, "Would you like to harvest updated certificate? [N]> \n")
    contains(text, "Select the appropriate operation for the S/MIME signature processing:\n"
                   "1. Preserve the signature\n2. Remove the signature\n[2]> \n")
    contains(text, "Would you like to change SPF/SIDF settings? [N]> \n")
    contains(text, "Would you like to specify a custom SMTP response for malformed envelope "
                   "senders? [Y]> \n\nEnter the SMTP code to use in the response. 553 is the "
                   "standard code.\n[553]> \n")
    p = default_params(appliance)
    assert (p.spf_conformance, p.malformed_sender_text, p.accept_untagged_bounces) == (
        "spf", "Bad sender", True)


def test_sidf_compatible_asks_about_pra(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, OPEN + UP_TO_AUTH + [
        "", "", "", "", "y", "y", "", "y", "", "", "", "", "", ""] + CLOSE)
    contains(text, """What Conformance Level would you like to use?
1. SPF only
2. SIDF compatible
3. SIDF strict
[2]> 

Would you like to Downgrade PRA verification result if 'Resent-Sender:' or 'Resent-From:' were used? [N]> y

Would you like to have the HELO check performed? [Y]> 

Verification timeout (seconds):
[40]> 

Would you like to change SMTP actions taken as result of the SPF verification? [N]> 

Would you like to enable DMARC verification? [N]> 
""")
    p = default_params(appliance)
    assert (p.spf_verification, p.spf_conformance, p.spf_downgrade_pra) == (
        True, "sidf_compatible", True)


def test_sidf_strict_smtp_actions_for_each_identity(tmp_path):
    # A phoebe1411 system_setup.py's example: SIDF strict, then SMTP actions per identity
    appliance = make_appliance(tmp_path)
    text = session(appliance, OPEN + UP_TO_AUTH + [
        "", "", "", "", "y", "y", "3", "", "",        # SPF on, SIDF strict, HELO check, timeout
        "y", "n", "y", "", "", "2", "2", "2", "2",  # actions: not MAIL FROM; PRA TempError on
        "n", "n",                                     # not HELO; standard REJECT responses
        "", "", ""] + CLOSE)
    for identity in ("MAIL FROM", "PRA", "HELO"):
        contains(text, f"Would you like to change SMTP actions taken for the {identity} identity? "
                       "[N]> ")
    contains(text, """What SMTP action should be taken if PRA check returns PermError?
1. Accept
2. Reject
[1]> 2

Would you like to change SMTP actions taken for the HELO identity? [N]> n

Would you like to change SMTP response settings for the REJECT action? [N]> n

Would you like to enable DMARC verification? [N]> 
""")
    assert "MAIL FROM check returns" not in text
    p = default_params(appliance)
    assert p.spf_reject == "pra:temperror pra:softfail pra:fail pra:permerror"
    assert (p.spf_reject_code, p.spf_publisher_text) == (550, False)


def test_releases_before_the_smime_gateway_do_not_ask_smime(tmp_path):
    appliance = make_appliance(tmp_path, profile="9.x")  # A phoebe1100 already asks S/MIME
    text = session(appliance, OPEN + UP_TO_AUTH + [""] * 6 + ["", "", "", "commit", "", ""])
    assert "S/MIME" not in text
    contains(text, """Would you like to enable DKIM/DomainKeys signing? [N]> 

Would you like to enable DKIM verification? [N]> 
""")


def test_policy_tail_answers_print_and_stay_inherited_when_unchanged(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, OPEN + ["edit", "2", "ACCEPTED", "", "y"] + BEFORE_TLS + ["", ""]
                   + ["", "", "", "", "", "", "y", "", "", "", "", "", "print"] + CLOSE)
    contains(text, 'print\n$ACCEPTED\n    ACCEPT {\n        sender_verification = "on"\n'
                   '    }\n$THROTTLED\n')
    policy = committed(appliance).listeners.listeners["IncomingMail"].hat.policies["$ACCEPTED"]
    assert (policy.params.sender_verification, policy.params.dkim_signing) == (True, None)


def test_dhap_action_envelope_sender_limits_ip_grouping_and_relay_header(tmp_path):
    appliance = make_appliance(tmp_path)
    answers = ["default", "", "", "", "", "", "", "",   # size ... rejection response
               "",                                      # rate limiting per host
               "y", "50", "1", "n",                     # DHAP: limit, drop, standard response
               "y", "200", "30", "y", "", "Too many", "",  # per envelope sender
               "n", "y", "33", "16",                    # no SenderBase: group by 16 bits
               "y", "X-Originating-IP",                 # trusted relay header
               "", "", "", ""] + [""] * 8              # spam, virus, TLS, auth, the tail
    text = session(appliance, OPEN + answers + CLOSE)
    contains(text, """Do you want to enable Directory Harvest Attack Prevention per host? [N]> y

Enter the maximum number of invalid recipients per hour from a remote host.
[]> 50

Select an action to apply when a recipient is rejected due to DHAP:
1. Drop
2. Code
[2]> 1

Would you like to specify a custom SMTP DHAP response? [N]> n

Do you want to enable rate limiting per envelope sender? [N]> y

Enter the maximum number of recipients per envelope sender.
[]> 200

Enter the time interval in minutes for Envelope Sender Rate Limiting.
[60]> 30

Would you like to specify a custom SMTP limit exceeded response? [N]> y

Enter the SMTP code to use in the response. 452 is the standard code.
[452]> 
Enter your custom SMTP response.  Press Enter on a blank line to finish.
Too many


Would you like to use SenderBase for flow control by default? [Y]> n

Would you like to group hosts by the similarity of their IP addresses? [N]> y

Enter the number of bits of IP address to treat as significant, from 1 to 32.
[24]> 33
The value must be an integer from 1 to 32.

Enter the number of bits of IP address to treat as significant, from 1 to 32.
[24]> 16

Will this IronPort applicance need to fetch the incoming address (for SenderBase) from a trusted relay's header? [N]> y

Enter the header name containing the IP address of the original sender.
[]> X-Originating-IP

Would you like to enable anti-spam scanning? [Y]> 
""")
    p = default_params(appliance)
    assert (p.dhap_limit, p.dhap_action, p.dhap_code) == (50, "drop", None)
    assert (p.sender_rate_limit, p.sender_rate_minutes, p.sender_rate_code, p.sender_rate_text) == (
        200, 30, 452, "Too many")
    assert (p.use_sb, p.ip_grouping_bits, p.relay_header) == (False, 16, "X-Originating-IP")
