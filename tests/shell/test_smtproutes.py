"""Exact transcripts of ``smtproutes`` (cli.md §5.21), in-process."""

from cluster import model
from harness import make_appliance, run_exec

from .certconfig_support import commit_edit, drive

P = "ironport.example.com> "
MENU_EMPTY = """
Choose the operation you want to perform:
- NEW - Create a new route.
- IMPORT - Import new routes from a file.
[]> """
MENU = """
Choose the operation you want to perform:
- NEW - Create a new route.
- EDIT - Edit destinations of an existing route.
- DELETE - Remove a route.
- PRINT - Display all routes.
- IMPORT - Import new routes from a file.
- EXPORT - Export all routes to a file.
- CLEAR - Remove all routes.
[]> """
DOMAIN_Q = """
Enter the domain for which you want to set up a permanent route.
Partial hostnames such as ".example.com" are allowed.
Use "ALL" for the default route.
[]> """


def hosts_q(domain: str, default: str = "") -> str:
    return (f"\nEnter the destination hosts, separated by commas, which you want mail for {domain} "
            "to be delivered.\nEnter USEDNS by itself to use normal DNS resolution for this route."
            "\nEnter /dev/null by itself if you wish to discard the mail.\nEnclose in square "
            "brackets to force resolution via address (A) records, ignoring any MX records.\n"
            f"[{default}]> ")


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def routes(config) -> dict:
    return {domain: [(d.host, d.port, d.priority) for d in route.destinations]
            for domain, route in config.view().smtproutes.routes.items()}


def with_routes(appliance, table: dict) -> None:
    commit_edit(appliance, lambda s: s.edit("smtproutes").routes.update({
        domain: model.SmtpRoute(domain, [model.RouteDestination(*d) for d in dests])
        for domain, dests in table.items()}))


def test_new_route_to_a_peer_on_loopback_then_print(tmp_path):
    text, config = drive(make_appliance(tmp_path), [
        "smtproutes", "new", "Example.NET", "127.0.0.5:2525, 127.0.0.6:2525/pri=10", "print", ""])
    assert text == crlf(
        P + "smtproutes\n\nThere are no routes configured.\n" + MENU_EMPTY + "new\n" + DOMAIN_Q
        + "Example.NET\n" + hosts_q("example.net") + "127.0.0.5:2525, 127.0.0.6:2525/pri=10\n"
        "\nThere are currently 1 routes configured.\n" + MENU + """print

Domain       Destinations
===========  =====================================
example.net  127.0.0.5:2525, 127.0.0.6:2525/pri=10

There are currently 1 routes configured.
""" + MENU + "\n\n" + P)
    assert routes(config) == {"example.net": [("127.0.0.5", 2525, 0), ("127.0.0.6", 2525, 10)]}


def test_new_bad_answers_are_reasked(tmp_path):
    appliance = make_appliance(tmp_path)
    with_routes(appliance, {"example.net": [("127.0.0.5", 2525)], "ALL": [("USEDNS",)]})
    text, config = drive(appliance, [
        "smtproutes", "new", "", "example.net", "all", "bad domain", ".Example.ORG", "",
        "mail.example.org:0", "mail.example.org/pri=70000", "/dev/null, mail.example.org",
        "a.example.org, b.example.org:2525, a.example.org:26", "b.example.org, b.example.org:26",
        "nodots", "a.example.org:26, [::1]:0", "[a.example.org]:26, [::1]/pri=5", "", "commit",
        "x", ""])
    assert crlf("[]> new\n" + DOMAIN_Q + "\nYou must enter a value.\n" + DOMAIN_Q
                + "example.net\nThe value example.net is already in the routing table.\n"
                + DOMAIN_Q + "all\nThere is already a default route set.\n"
                + DOMAIN_Q + "bad domain\nA hostname must have at least 2 labels separated by a "
                "period.\n" + DOMAIN_Q + ".Example.ORG\n"
                + hosts_q(".example.org") + "\nYou must enter a value.\n"
                + hosts_q(".example.org") + "mail.example.org:0\n"
                "The port must be an integer from 1 to 65535.\n"
                + hosts_q(".example.org") + "mail.example.org/pri=70000\n"
                "The priority must be an integer from 0 to 65535.\n"
                + hosts_q(".example.org") + "/dev/null, mail.example.org\n"
                "/dev/null must be entered by itself.\n"
                + hosts_q(".example.org") + "a.example.org, b.example.org:2525, a.example.org:26\n"
                "The host a.example.org is already using the standard port.\n"
                + hosts_q(".example.org") + "b.example.org, b.example.org:26\n"
                "The host b.example.org is already using the standard port.\n"
                + hosts_q(".example.org") + "nodots\n"
                "A hostname must have at least 2 labels separated by a period.\n"
                + hosts_q(".example.org") + "a.example.org:26, [::1]:0\n"
                "The port must be an integer from 1 to 65535.\n"
                # square brackets: by address records only (kept, and shown by PRINT)
                + hosts_q(".example.org") + "[a.example.org]:26, [::1]/pri=5\n") in text
    assert routes(config)[".example.org"] == [("a.example.org", 26, 0), ("::1", 25, 5)]
    assert [d.by_address for d in config.view().smtproutes.routes[".example.org"].destinations] \
        == [True, True]
    assert "Changes committed: " in text


def test_alternate_port_error(tmp_path):
    text, _ = drive(make_appliance(tmp_path), [
        "smtproutes", "new", "example.com", "a.example.com:2525, a.example.com", "USEDNS", ""])
    assert crlf("a.example.com:2525, a.example.com\n"
                "The host a.example.com already has an alternate port (2525).\n") in text


def test_edit_add_replace_remove_and_rename(tmp_path):
    appliance = make_appliance(tmp_path)
    with_routes(appliance, {"example.net": [("127.0.0.5", 2525)]})
    text, config = drive(appliance, [
        "smtproutes", "edit", "example.com", "example.net", "example.org",
        "add", "127.0.0.6:2525/pri=5",
        "remove", "9", "127.0.0.5:2525",
        "remove",
        "replace", "/dev/null", "", ""])
    assert crlf("""[]> edit

Enter the hostname to edit.
[]> example.com
That entry does not appear to be in the routing table.

Enter the hostname to edit.
[]> example.net

Enter the new domain for which you want to set up a permanent route.
[example.net]> example.org

Destinations for example.org: 127.0.0.5:2525

Choose the operation you want to perform:
- ADD - Add new destination hosts.
- REPLACE - Specify a new destination or set of destinations.
- REMOVE - Remove an existing destination.
[]> add

Enter the additional destination hosts, separated by commas.
[]> 127.0.0.6:2525/pri=5

Destinations for example.org: 127.0.0.5:2525, 127.0.0.6:2525/pri=5
""") in text
    assert crlf("""[]> remove

Enter the destination you would like to remove.
1. 127.0.0.5:2525
2. 127.0.0.6:2525/pri=5
[]> 9
That entry does not appear to be in the routing table.

Enter the destination you would like to remove.
1. 127.0.0.5:2525
2. 127.0.0.6:2525/pri=5
[]> 127.0.0.5:2525

Destinations for example.org: 127.0.0.6:2525/pri=5
""") in text
    assert crlf("""[]> remove
A route must have at least one destination.

Destinations for example.org: 127.0.0.6:2525/pri=5
""") in text
    assert routes(config) == {"example.org": [("/dev/null", 25, 0)]}


def test_delete_and_clear_ask_first(tmp_path):
    appliance = make_appliance(tmp_path)
    with_routes(appliance, {"example.net": [("127.0.0.5", 2525)], "ALL": [("USEDNS",)],
                            ".example.org": [("10.0.0.1",)]})
    text, config = drive(appliance, ["smtproutes", "delete", "ALL", "", "delete", "all", "y",
                                     "delete", "example.net", "y", ""])
    assert crlf("""[]> delete

Enter the hostname you want to stop routing.
[]> ALL

Are you sure you want to reset the default route? [N]> 

There are currently 3 routes configured.
""") in text
    assert crlf("[]> example.net\n\nAre you sure you want to delete the route for example.net? "
                "[N]> y\n\nThere are currently 1 routes configured.\n") in text
    assert list(routes(config)) == [".example.org"]
    text, config = drive(appliance, ["smtproutes", "clear", "n", "clear", "y", ""])
    assert text.endswith(crlf(
        "[]> clear\n\nAre you sure you want to delete all of the configured routes? [N]> y\n\n"
        "There are no routes configured.\n" + MENU_EMPTY + "\n\n" + P))
    assert routes(config) == {}


def test_export_and_import(tmp_path):
    appliance = make_appliance(tmp_path)
    with_routes(appliance, {"example.net": [("127.0.0.5", 2525), ("mx.example.net", 25, 10)],
                            "ALL": [("USEDNS",)]})
    text, _ = drive(appliance, ["smtproutes", "export", "routes.txt", ""])
    assert (appliance.config_dir / "routes.txt").read_text() == (
        "example.net 127.0.0.5:2525, mx.example.net/pri=10\nALL USEDNS\n")
    (appliance.config_dir / "new.txt").write_text(
        "# lab routes\n\nexample.com   127.0.0.7:2525\n.example.org /dev/null\n")
    (appliance.config_dir / "bad.txt").write_text("example.com 127.0.0.7\nexample.com x.y.z\n")
    text, config = drive(appliance, ["smtproutes", "import", "bad.txt", "import", "new.txt", ""])
    assert crlf("""[]> import

Enter the name of the file on machine "ironport.example.com" to import:
[]> bad.txt
Line 2: The value example.com is already in the routing table.
Import failed.

There are currently 2 routes configured.
""") in text
    assert routes(config) == {"example.com": [("127.0.0.7", 2525, 0)],
                              ".example.org": [("/dev/null", 25, 0)]}


def test_batch_forms(tmp_path):
    appliance = make_appliance(tmp_path)
    status, text, _ = run_exec(appliance, "smtproutes print; smtproutes new example.net "
                                "127.0.0.5:2525 127.0.0.6:2525/pri=1; smtproutes new ALL USEDNS; "
                                "smtproutes edit example.net remove 127.0.0.6:2525/pri=1; "
                                "smtproutes edit example.net add 127.0.0.8; smtproutes delete ALL; "
                                "smtproutes export r.txt; commit lab Y; smtproutes print")
    assert status == 0
    assert text.startswith("\r\nThere are no routes configured.\r\n\r\nChanges committed: ")
    assert text.endswith(crlf("""
Domain       Destinations
===========  =========================
example.net  127.0.0.5:2525, 127.0.0.8
"""))
    committed = appliance.view().smtproutes.routes
    assert [(d.host, d.port) for d in committed["example.net"].destinations] == [
        ("127.0.0.5", 2525), ("127.0.0.8", 25)]
    status, text, config = run_exec(appliance, "smtproutes clear; smtproutes import r.txt")
    assert status == 0 and text == "" and not config.has_changes  # cleared, then the same again


def test_batch_errors_fail_and_change_nothing(tmp_path):
    appliance = make_appliance(tmp_path)
    with_routes(appliance, {"example.net": [("127.0.0.5", 2525)]})
    for line, error in [
            ("smtproutes new example.net 127.0.0.9", "The value example.net is already in the "
             "routing table."),
            ("smtproutes new example.com host:99999", "The port must be an integer from 1 to 65535."),
            ("smtproutes delete example.com", "That entry does not appear to be in the routing table."),
            ("smtproutes edit example.net frob x", "Invalid arguments when processing: smtproutes "
             "edit example.net frob x"),
            ("smtproutes import none.txt", "Error reading file.")]:
        status, text, config = run_exec(appliance, line)
        assert (status, text) == (1, error + "\r\n"), line
        assert not config.has_changes
