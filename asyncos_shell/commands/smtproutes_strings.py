"""Strings of ``smtproutes`` (cli.md §5.21).

S: substrings and errors from Cisco's QA library; V: user guide 8.0.1 (``/pri=`` priorities,
0-65535; up to 40,000 routes including ALL); R: chosen here.

S (Cisco's QA library, github dharma412/PythonClass, commit b79a424): the menu's operations
NEW, DELETE, PRINT, IMPORT, EXPORT, CLEAR and EDIT's ADD, REPLACE, REMOVE are the docstrings of
``csa/testlib/phoebe1411/cli/keywords/smtp_routes.py`` ("Create a new route.", "Remove a route.",
"Display all routes.", "Import new routes from a file.", "Export all routes to a file.", "Remove
all routes.", "Add new destination hosts.", "Specify a new destination or set of destinations.",
"Remove an existing destination."); the two confirmations are quoted in comments of
``.../cli/ctor/smtproutes.py`` ("Are you sure you want to reset the default route?", "Are you sure
you want to delete all of the configured routes?").

S (the same keywords' parameter documentation, phoebe1100 to phoebe1411 and zeus1360 to
zeus1498, ``csa/testlib/phoebe1411/cli/keywords/smtp_routes.py``): EDIT's questions, in the
order ``.../cli/ctor/smtproutes.py`` answers them (the route, then its new name, Enter keeping
it), "The hostname to edit." and "The new domain for which you want to set up a permanent
route."; DELETE's "The hostname you want to stop routing."; the destination hosts' lines after
the first (the question ``.../cli/ctor/smtproutes.py`` waits for as "Enter the destination
hosts"): "Enter _USEDNS_ by itself to use normal DNS resolution for this route.", "Enter
_/dev/null_ by itself if you wish to discard the mail.", "Enclose in square brackets to force
resolution via address (A) records, ignoring any MX records." (its ctor answers a confirmation
after it for every route, the default's worded as above).
"""
from __future__ import annotations

from .. import strings

STRINGS: dict[str, tuple[str, str]] = {
    "smtproutes.description": ("Set up permanent domain redirections.", "R"),
    "smtproutes.status.none": ("There are no routes configured.", "R"),
    "smtproutes.status": ("There are currently {count} routes configured.", "R"),
    "smtproutes.menu.new": ("Create a new route.", "S"),
    "smtproutes.menu.edit": ("Edit destinations of an existing route.", "R"),
    "smtproutes.menu.delete": ("Remove a route.", "S"),
    "smtproutes.menu.print": ("Display all routes.", "S"),
    "smtproutes.menu.import": ("Import new routes from a file.", "S"),
    "smtproutes.menu.export": ("Export all routes to a file.", "S"),
    "smtproutes.menu.clear": ("Remove all routes.", "S"),
    "smtproutes.new.domain": ("Enter the domain for which you want to set up a permanent route.\n"
                              "Partial hostnames such as \".example.com\" are allowed.\n"
                              "Use \"ALL\" for the default route.", "S"),
    "smtproutes.hosts": ("Enter the destination hosts, separated by commas, which you want mail "
                         "for {domain} to be delivered.\n"
                         "Enter USEDNS by itself to use normal DNS resolution for this route.\n"
                         "Enter /dev/null by itself if you wish to discard the mail.\n"
                         "Enclose in square brackets to force resolution via address (A) records, "
                         "ignoring any MX records.", "S"),
    "smtproutes.edit.domain": ("Enter the hostname to edit.", "S"),
    "smtproutes.edit.rename": ("Enter the new domain for which you want to set up a permanent "
                               "route.", "S"),
    "smtproutes.edit.current": ("Destinations for {domain}: {hosts}", "R"),
    "smtproutes.menu.add": ("Add new destination hosts.", "S"),
    "smtproutes.menu.replace": ("Specify a new destination or set of destinations.", "S"),
    "smtproutes.menu.remove": ("Remove an existing destination.", "S"),
    "smtproutes.edit.add": ("Enter the additional destination hosts, separated by commas.", "S"),
    "smtproutes.edit.remove": ("Enter the destination you would like to remove.", "S"),
    "smtproutes.delete.domain": ("Enter the hostname you want to stop routing.", "S"),
    "smtproutes.delete.confirm": ("Are you sure you want to delete the route for {domain}?", "R"),
    "smtproutes.delete.confirm_all": ("Are you sure you want to reset the default route?", "S"),
    "smtproutes.clear.confirm": ("Are you sure you want to delete all of the configured routes?",
                                 "S"),
    "smtproutes.print.domain": ("Domain", "R"),
    "smtproutes.print.destinations": ("Destinations", "R"),
    "smtproutes.error.exists": ("The value {domain} is already in the routing table.", "S"),
    "smtproutes.error.default_exists": ("There is already a default route set.", "S"),
    "smtproutes.error.max_routes": ("There is a maximum of {max} routes.", "S"),
    "smtproutes.error.max_destinations": ("Routes may not contain more than {max} destinations.",
                                          "S"),
    "smtproutes.error.alternate_port": ("The host {host} already has an alternate port ({port}).",
                                        "S"),
    "smtproutes.error.standard_port": ("The host {host} is already using the standard port.", "S"),
    "smtproutes.error.not_found": ("That entry does not appear to be in the routing table.", "S"),
    "smtproutes.error.alone": ("{host} must be entered by itself.", "R"),
    "smtproutes.error.port": ("The port must be an integer from 1 to 65535.", "R"),
    "smtproutes.error.priority": ("The priority must be an integer from 0 to 65535.", "R"),
    "smtproutes.error.last": ("A route must have at least one destination.", "R"),
    "smtproutes.error.line": ("Line {number}: {error}", "R"),
    "smtproutes.usage": ("smtproutes new <domain> <host[:port][/pri=N]>[,<host...>] | USEDNS | "
                         "/dev/null\n"
                         "smtproutes edit <domain> add|replace|remove <host[:port][/pri=N]>[,...]\n"
                         "smtproutes delete <domain>\n"
                         "smtproutes print | clear\n"
                         "smtproutes import|export <file>\n"
                         "<domain> is a domain, a partial domain such as .example.com, or ALL "
                         "(the default route).  The import/export file in /configuration has one "
                         "route a line: the domain, spaces, then the destinations separated by "
                         "commas; lines starting with # are comments.", "R"),
}

strings.register(STRINGS)
