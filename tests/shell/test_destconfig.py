"""Exact transcripts of ``destconfig`` (cli.md §5.4), in-process."""
import asyncio

from cluster import model
from harness import Transcript, make_appliance, run_exec

from .certconfig_support import commit_edit, drive

P = "ironport.example.com> "
MENU_EMPTY = """
Choose the operation you want to perform:
- SETUP - Change global settings.
- NEW - Create a new entry.
- DEFAULT - Change the default.
- LIST - Display a summary list of all entries.
- DETAIL - Display details for one destination or all entries.
- IMPORT - Import tables from a file.
- EXPORT - Export tables to a file.
[]> """
MENU = """
Choose the operation you want to perform:
- SETUP - Change global settings.
- NEW - Create a new entry.
- EDIT - Modify an entry.
- DELETE - Remove an entry.
- DEFAULT - Change the default.
- LIST - Display a summary list of all entries.
- DETAIL - Display details for one destination or all entries.
- CLEAR - Remove all entries.
- IMPORT - Import tables from a file.
- EXPORT - Export tables to a file.
[]> """
TLS_LIST = """Do you want to use TLS support?
1. No
2. Preferred
3. Required
4. Preferred - Verify
5. Required - Verify
"""
REMINDER = ("You have chosen to enable TLS. Please use the 'certconfig' command to ensure that "
            "there is a valid certificate configured.")


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def dest(appliance) -> model.DestConfig:
    return appliance.view().destconfig


def add_lab_certificate(appliance) -> None:
    def change(session):
        profiles = session.edit("certificates").profiles
        profiles["Lab"] = model.CertificateProfile("Lab", profiles["Demo"].certificate_pem,
                                                   profiles["Demo"].key_pem)
    commit_edit(appliance, change)


def test_new_entry_with_required_verify_tls(tmp_path):
    appliance = make_appliance(tmp_path)
    text, config = drive(appliance, [
        "destconfig", "new", "Example.com", "", "100", "y", "60", "1000", "2", "2", "y", "25",
        "y", "5", "y", "3", "", "y", "y", "y", "1", "y", "4", ""])
    assert text == crlf(P + "destconfig\n\nThere are currently 0 entries configured.\n" + MENU_EMPTY
                        + """new

Enter the domain you wish to configure.
[]> Example.com

Do you wish to configure a concurrency limit for example.com? [Y]> 

Enter the max concurrency limit for "example.com".
[500]> 100

Do you wish to apply a recipient limit to this domain? [N]> y

Enter the number of minutes used to measure the recipient limit.
[60]> 60

Enter the max number of recipients per 60 minutes for "example.com".
[]> 1000

Select how you want to apply the limits for example.com:
1. One limit applies to the entire domain example.com
2. Separate limit for each mail exchanger IP address
[1]> 2

Select how the limits will be enforced:
1. System Wide
2. Per Virtual Gateway(tm)
[1]> 2

Do you wish to apply a messages-per-connection limit to this domain? [N]> y

Enter the max number of messages per connection for "example.com".
[50]> 25

Do you wish to apply a specific TLS setting for this domain? [N]> y

""" + TLS_LIST + """[1]> 5

""" + REMINDER + """

Do you wish to configure DANE Support for this domain? [N]> y

Please choose a DANE option:
1. No
2. Opportunistic
3. Mandatory
[1]> 3

You have not entered a certificate. Do you want to use the demo certificate? [Y]> 

Do you wish to apply a specific bounce verification address tagging setting for this domain? [N]> y

Perform bounce verification address tagging? [N]> y

Do you wish to apply a specific bounce profile to this domain? [N]> y

Please choose a bounce profile to apply:
1. Default
[1]> 1

Do you wish to apply a specific IP sort preference for this domain? [N]> y

Select how to sort IP addresses within an MX record:
1. Prefer IPv4
2. Prefer IPv6
3. Require IPv4
4. Require IPv6
[2]> 4

There are currently 1 entries configured.
""" + MENU + "\n\n" + P)
    entry = config.view().destconfig.entries["example.com"]
    assert entry == model.DestinationControl(
        "example.com", 100, 1000, 60, "MXIP", "VG", 25, "require_verify", "mandatory", True,
        "Default", "REQUIRE_V6")


def test_new_answering_no_leaves_everything_at_default(tmp_path):
    text, config = drive(make_appliance(tmp_path), [
        "destconfig", "new", "example.net", "n", "", "", "", "", "", "", "", "", "", "commit", "x",
        ""])
    assert config.view().destconfig.entries["example.net"] == model.DestinationControl(
        "example.net", limit_type="host", limit_apply="system")
    assert "Changes committed: " in text


def test_new_bad_answers_are_reasked(tmp_path):
    appliance = make_appliance(tmp_path)
    commit_edit(appliance, lambda s: s.edit("destconfig").entries.update(
        {"example.com": model.DestinationControl("example.com")}))
    text, config = drive(appliance, [
        "destconfig", "new", "", "bad domain", "EXAMPLE.COM", "10.1.2.3", "", "0", "1001", "7",
        "y", "61", "5", "", "abc", "9", "", "3", "", "n", "y", "6", "1", "n", "n", "n", ""])
    assert crlf("""[]> new

Enter the domain you wish to configure.
[]> 
You must enter a value.

Enter the domain you wish to configure.
[]> bad domain
A hostname must have at least 2 labels separated by a period.

Enter the domain you wish to configure.
[]> EXAMPLE.COM
An entry for "example.com" already exists.

Enter the domain you wish to configure.
[]> 10.1.2.3

Do you wish to configure a concurrency limit for 10.1.2.3? [Y]> 

Enter the max concurrency limit for "10.1.2.3".
[500]> 0
The value must be an integer from 1 to 1000.

Enter the max concurrency limit for "10.1.2.3".
[500]> 1001
The value must be an integer from 1 to 1000.

Enter the max concurrency limit for "10.1.2.3".
[500]> 7

Do you wish to apply a recipient limit to this domain? [N]> y

Enter the number of minutes used to measure the recipient limit.
[60]> 61
The value must be an integer from 1 to 60.

Enter the number of minutes used to measure the recipient limit.
[60]> 5

Enter the max number of recipients per 5 minutes for "10.1.2.3".
[]> 
You must enter a value.

Enter the max number of recipients per 5 minutes for "10.1.2.3".
[]> abc
The value must be an integer.

Enter the max number of recipients per 5 minutes for "10.1.2.3".
[]> 9

Select how you want to apply the limits for 10.1.2.3:
1. One limit applies to the entire domain 10.1.2.3
2. Separate limit for each mail exchanger IP address
[1]> 
""") in text
    assert crlf("""[1]> 3
Please enter a number from 1 to 2.

Select how the limits will be enforced:
""") in text
    assert crlf("[1]> 6\nPlease enter a number from 1 to 5.\n\n" + TLS_LIST + "[1]> 1\n") in text
    entries = config.view().destconfig.entries
    assert list(entries) == ["example.com", "10.1.2.3"]
    assert entries["10.1.2.3"] == model.DestinationControl(
        "10.1.2.3", 7, 9, 5, "host", "system", tls="off")


def test_declining_the_demo_certificate_keeps_the_tls_setting(tmp_path):
    text, config = drive(make_appliance(tmp_path), [
        "destconfig", "new", "example.org", "n", "n", "", "", "n", "y", "3", "n", "n", "n", "n",
        "n", ""])
    assert crlf("[1]> 3\n\n" + REMINDER + "\n\nDo you wish to configure DANE Support for this "
                "domain? [N]> n\n\nYou have not entered a certificate. Do you want to use the demo "
                "certificate? [Y]> n\n") in text
    assert config.view().destconfig.entries["example.org"].tls is None


def test_no_demo_question_once_a_real_certificate_exists(tmp_path):
    appliance = make_appliance(tmp_path)
    add_lab_certificate(appliance)
    text, config = drive(appliance, [
        "destconfig", "new", "example.org", "n", "n", "", "", "n", "y", "2", "n", "n", "n", "n", ""])
    assert "demo certificate" not in text
    assert config.view().destconfig.entries["example.org"].tls == "on"


def test_edit_offers_current_values_as_defaults(tmp_path):
    appliance = make_appliance(tmp_path)
    commit_edit(appliance, lambda s: s.edit("destconfig").entries.update({
        "example.com": model.DestinationControl("example.com", 100, limit_type="MXIP",
                                                limit_apply="system", tls="require")}))
    text, config = drive(appliance, [
        "destconfig", "edit", "nowhere.com", "example.com", "", "", "", "", "", "", "", "", "",
        "", "", "", "", "", "commit", "x", ""])
    assert crlf("""[]> edit

Enter the domain you wish to edit.
[]> nowhere.com
The domain "nowhere.com" was not found in the destination control table.

Enter the domain you wish to edit.
[]> example.com

Do you wish to configure a concurrency limit for example.com? [Y]> 

Enter the max concurrency limit for "example.com".
[100]> 

Do you wish to apply a recipient limit to this domain? [N]> 

Select how you want to apply the limits for example.com:
1. One limit applies to the entire domain example.com
2. Separate limit for each mail exchanger IP address
[2]> 

Select how the limits will be enforced:
1. System Wide
2. Per Virtual Gateway(tm)
[1]> 

Do you wish to apply a messages-per-connection limit to this domain? [N]> 

Do you wish to apply a specific TLS setting for this domain? [Y]> 

""" + TLS_LIST + "[3]> \n\n" + REMINDER + "\n\nDo you wish to configure DANE Support for this "
                "domain? [N]> \n\nYou have not entered a certificate. Do you want to use the demo "
                "certificate? [Y]> \n") in text
    assert "commit\r\n\r\nThere is no data to commit." in text  # nothing changed


def test_default_dialogue(tmp_path):
    text, config = drive(make_appliance(tmp_path), [
        "destconfig", "default", "", "y", "", "200", "", "", "", "2", "", "", "y", "3", ""])
    assert text.endswith(crlf("""[]> default

Enter the default maximum concurrency limit.
[500]> 

Do you wish to specify a default recipient limit? [N]> y

Enter the number of minutes used to measure recipient limit.
[60]> 

Enter number of recipients per 60 minutes.
[]> 200

Select how you want to apply the limits for the default:
1. One limit applies to the entire domain
2. Separate limit for each mail exchanger IP address
[1]> 

Select how the limits will be enforced:
1. System Wide
2. Per Virtual Gateway(tm)
[1]> 

Enter the maximum number of messages per connection.
[50]> 

""" + TLS_LIST + "[1]> 2\n\n" + REMINDER + """

Do you want to use DANE Support?
1. No
2. Opportunistic
3. Mandatory
[1]> 

You have not entered a certificate. Do you want to use the demo certificate? [Y]> 

Perform bounce verification address tagging? [N]> y

Select how to sort IP addresses within an MX record:
1. Prefer IPv4
2. Prefer IPv6
3. Require IPv4
4. Require IPv6
[2]> 3

There are currently 0 entries configured.
""" + MENU_EMPTY + "\n\n" + P))
    assert config.view().destconfig.default == model.DestinationControl(
        "Default", 500, 200, 60, "host", "system", 50, "on", "off", True, "Default", "REQUIRE_V4")


def test_setup_chooses_the_outbound_certificate_and_the_tls_alert(tmp_path):
    appliance = make_appliance(tmp_path)
    add_lab_certificate(appliance)
    text, _ = drive(appliance, ["destconfig", "setup", "3", "lab", "y", "", "commit", "x", ""])
    assert crlf("""[]> setup

Please choose the certificate to apply:
1. Demo
2. Lab
[1]> 3
Please enter a number from 1 to 2.

Please choose the certificate to apply:
1. Demo
2. Lab
[1]> lab

Do you want to send an alert when a required TLS connection fails? [N]> y

There are currently 0 entries configured.
""") in text
    assert (dest(appliance).certificate, dest(appliance).tls_alert) == ("Lab", True)
    text, _ = drive(appliance, ["destconfig", "setup", "1", "n", "", ""])
    assert crlf("[2]> 1\n\nDo you really wish to use the \"Demo\" certificate? [Y]> n\n\n"
                "Do you want to send an alert when a required TLS connection fails? [Y]> \n") in text


def test_commit_refuses_a_certificate_that_does_not_exist(tmp_path):
    appliance = make_appliance(tmp_path)
    add_lab_certificate(appliance)
    transcript = Transcript(appliance)

    async def main():
        for line in ["commit", "x", ""]:
            transcript.terminal.feed(line.encode() + b"\n")
        transcript.terminal.end_input()
        # Pending: the outbound certificate is Lab, and Lab was deleted (certconfig).
        transcript.cli.config.edit("destconfig").certificate = "Lab"
        transcript.cli.config.edit("certificates").profiles.pop("Lab")
        await transcript.cli.run_shell()
    asyncio.run(main())
    assert crlf("The configuration cannot be committed:\n  ironport.example.com: destination "
                "controls uses certificate 'Lab', which does not exist\n") in transcript.text
    assert dest(appliance).certificate == "Demo"


def test_list_and_detail(tmp_path):
    appliance = make_appliance(tmp_path)
    commit_edit(appliance, lambda s: s.edit("destconfig").entries.update({
        "example.com": model.DestinationControl("example.com", 100, 1000, 60, "host", "system",
                                                tls="require_verify"),
        ".example.org": model.DestinationControl(".example.org", bounce_verification=True,
                                                 ip_sort_pref="PREFER_V4")}))
    text, _ = drive(appliance, ["destconfig", "list", "detail", "what.com", "example.com",
                                "detail", "ALL", "detail", "Default", ""])
    assert crlf("""[]> list

              Rate                         Bounce        Bounce   IP Address
Domain        Limiting  TLS Support        Verification  Profile  Preference
============  ========  =================  ============  =======  ===========
.example.org  Default   Default            On            Default  Prefer IPv4
example.com   On        Required - Verify  Default       Default  Default
(Default)     On        No                 Off           Default  Prefer IPv6

There are currently 2 entries configured.
""") in text
    assert crlf("""[]> detail

Enter the domain name to view, DEFAULT to view details for the default, or ALL to view details for all.
[]> what.com
The domain "what.com" was not found in the destination control table.

Enter the domain name to view, DEFAULT to view details for the default, or ALL to view details for all.
[]> example.com

Domain: example.com
    Concurrent Connections: 100
    Recipients: 1000 per 60 minutes
    Apply Limits Per Destination: Entire Domain
    Apply Limits Per ESA Hostname: System Wide
    Maximum Messages Per Connection: Default (50)
    TLS Support: Required - Verify
    DANE Support: Default (No)
    Bounce Verification: Default (Off)
    Bounce Profile: Default (Default)
    IP Address Preference: Default (Prefer IPv6)

There are currently 2 entries configured.
""") in text
    assert crlf("""Domain: (Default)
    Certificate: Demo
    Send an alert when a required TLS connection fails: Off
    Concurrent Connections: 500
    Recipients: No Limit
""") in text
    # ALL: the two entries and the default; DEFAULT: the default alone, straight after its answer
    assert text.count("Domain: ") == 5
    assert crlf("[]> Default\n\nDomain: (Default)\n    Certificate: Demo\n") in text


def test_delete_and_clear(tmp_path):
    appliance = make_appliance(tmp_path)
    commit_edit(appliance, lambda s: s.edit("destconfig").entries.update({
        "a.com": model.DestinationControl("a.com"), "b.com": model.DestinationControl("b.com")}))
    text, config = drive(appliance, ["destconfig", "delete", "c.com", "A.COM", ""])
    assert crlf("""[]> delete

Enter the domain you wish to delete.
[]> c.com
The domain "c.com" was not found in the destination control table.

Enter the domain you wish to delete.
[]> A.COM

There are currently 1 entries configured.
""") in text
    assert list(config.view().destconfig.entries) == ["b.com"]
    text, config = drive(appliance, ["destconfig", "clear", ""])
    assert text.endswith(crlf("[]> clear\n\nThere are currently 0 entries configured.\n"
                              + MENU_EMPTY + "\n\n" + P))
    assert config.view().destconfig.entries == {}


EXPORTED = """[DEFAULT]
ip_sort_pref = PREFER_V6
max_host_concurrency = 500
max_messages_per_connection = 50
limit_type = host
limit_apply = system
tls = off
dane = off
bounce_validation = off
bounce_profile = Default

[example.com]
max_host_concurrency = 100
recipient_minutes = 60
recipient_limit = 1000
limit_type = MXIP
limit_apply = VG
tls = require_verify
"""


def test_export_writes_the_table_file(tmp_path):
    appliance = make_appliance(tmp_path)
    commit_edit(appliance, lambda s: s.edit("destconfig").entries.update({
        "example.com": model.DestinationControl("example.com", 100, 1000, 60, "MXIP", "VG",
                                                tls="require_verify")}))
    text, _ = drive(appliance, ["destconfig", "export", "../x", "dest.txt", ""])
    assert crlf("""[]> export

Enter a name for the exported file:
[]> ../x
Valid characters are letters, digits, "-", "_" and ".".

Enter a name for the exported file:
[]> dest.txt

There are currently 1 entries configured.
""") in text
    assert (appliance.config_dir / "dest.txt").read_text() == EXPORTED


def test_import_replaces_the_table(tmp_path):
    appliance = make_appliance(tmp_path)
    (appliance.config_dir / "dest.txt").write_text(
        EXPORTED.replace("tls = off", "tls = 1").replace("dane = off\n", "")
        + "\n[.example.net]\ntls = 4\nbounce_validation = 1\nip_sort_pref = require_v4\n")
    text, config = drive(appliance, ["destconfig", "import", "missing.txt", "import", "dest.txt",
                                       ""])
    assert crlf("""[]> import

Enter the name of the file on machine "ironport.example.com" to import:
[]> missing.txt
Error reading file.

There are currently 0 entries configured.
""") in text
    table = config.view().destconfig
    assert table.default.tls == "on" and table.default.recipient_limit == 0
    assert list(table.entries) == ["example.com", ".example.net"]
    assert table.entries[".example.net"] == model.DestinationControl(
        ".example.net", tls="require_verify", bounce_verification=True, ip_sort_pref="REQUIRE_V4")


def test_import_errors_change_nothing(tmp_path):
    appliance = make_appliance(tmp_path)
    files = {
        "unknown.txt": EXPORTED + "[a.com]\ncolour = blue\n",
        "value.txt": EXPORTED + "[a.com]\ntls = sometimes\n",
        "missing.txt": EXPORTED.replace("tls = off\n", "", 1),
        "depends.txt": EXPORTED + "[a.com]\nmax_host_concurrency = 5\n",
        "syntax.txt": "no sections here\n",
    }
    for name, content in files.items():
        (appliance.config_dir / name).write_text(content)
    lines = ["destconfig"]
    for name in files:
        lines += ["import", name]
    text, _ = drive(appliance, lines + ["", "commit"])
    for error in ['No destination control table action for "colour".',
                  'Invalid value "sometimes" for tls in [a.com].',
                  "The [DEFAULT] section must define tls.",
                  "The [a.com] section must define limit_type, limit_apply.",
                  "The file is not in the destination control table format: "
                  "File contains no section headers."]:
        assert crlf(f"\n{error}\nImport failed.\n\nThere are currently 0 entries configured.\n") in text
    assert text.endswith(crlf("commit\n\nThere is no data to commit.\n\n" + P))


def test_batch_forms(tmp_path):
    appliance = make_appliance(tmp_path)
    add_lab_certificate(appliance)
    status, text, config = run_exec(appliance, (
        "destconfig new example.com --tls=require_verify --max_host_concurrency=10; "
        "destconfig edit example.com --dane=mandatory --max_host_concurrency=default; "
        "destconfig default --max_messages_per_connection=7; "
        "destconfig setup --certificate=Lab --tls_alert=on; "
        "destconfig new gone.com; destconfig delete gone.com; "
        "destconfig detail example.com; commit batch Y"))
    assert status == 0
    assert crlf("""
Domain: example.com
    Concurrent Connections: Default (500)
""") in text
    assert "TLS Support: Required - Verify\r\n    DANE Support: Mandatory\r\n" in text
    table = dest(appliance)
    assert list(table.entries) == ["example.com"]
    assert (table.certificate, table.tls_alert, table.default.max_messages_per_connection) == (
        "Lab", True, 7)
    assert table.entries["example.com"].limit_type == "host"


def test_batch_errors_fail_and_change_nothing(tmp_path):
    appliance = make_appliance(tmp_path)
    for line, error in [
            ("destconfig new example.com --tls=sometimes",
             'Invalid value "sometimes" for tls in [example.com].'),
            ("destconfig new example.com --colour=blue", 'No destination control table action for "colour".'),
            ("destconfig edit nowhere.com --tls=on",
             'The domain "nowhere.com" was not found in the destination control table.'),
            ("destconfig setup --certificate=Nope", 'Invalid value "Nope" for certificate in [SETUP].'),
            ("destconfig default --tls=default", 'Invalid value "default" for tls in [DEFAULT].'),
            ("destconfig frob a b", "Invalid arguments when processing: destconfig frob a b"),
            ("destconfig import nothing.txt", "Error reading file.")]:
        status, text, config = run_exec(appliance, line)
        assert (status, text) == (1, error + "\r\n"), line
        assert not config.has_changes


def test_in_a_cluster_the_level_question_comes_first(tmp_path):
    from harness import make_fleet, run
    esa1, esa2 = make_fleet(tmp_path)
    run(esa1, ["clusterconfig", "2", "lab", "1", "1"])
    run(esa2, ["clusterconfig", "3", "n", "127.0.0.2", "", "n", "", "ironport", "y"])
    text = run(esa1, ["destconfig", "1", "new", "example.com", "n", "n", "", "", "n", "n", "n",
                      "n", "n", "", "commit", "x", ""])
    assert crlf("(Machine esa1.example.com)> destconfig\n\nNOTICE: This configuration command has "
                "not yet been configured for the current cluster mode (Machine "
                "esa1.example.com).\n\nWhat would you like to do?\n1. Switch modes to edit at mode "
                "\"Cluster lab\".\n2. Start a new, empty configuration at the current mode (Machine "
                "esa1.example.com).\n3. Copy settings from another cluster mode to the current mode "
                "(Machine esa1.example.com).\n[1]> 1\n\nThere are currently 0 entries "
                "configured.\n") in text
    assert "example.com" in esa2.committed().appliance("esa2.example.com").destconfig.entries
