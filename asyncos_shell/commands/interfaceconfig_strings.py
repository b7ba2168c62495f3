"""Every user-visible string of ``interfaceconfig`` (cli.md §5.6).

Evidence labels as in ``shared/reference/cli.md``: S means Cisco's QA automation waits for a
substring of the line (the rest is a best guess), R recalled or inferred.

NEW's and DELETE's descriptions are the docstrings of Cisco's QA library for the same AsyncOS
command on the management appliance (github dharma412/PythonClass, commit b79a424,
``csa/testlib/zeus1361/cli/keywords/interface_config.py``: "Create a new interface.", "Remove an
interface."), S.  The ESA driver ``csa/testlib/phoebe1411/cli/ctor/interfaceconfig.py`` stops at
"Port \\d+ is currently assigned to \\S+ Would you like to remove" (a port another service has; the
question that follows is not modelled here: the port is asked again), S.

DELETE of an interface something still uses (``if.used.*`` and ``if.choice.*``, ``if.new.*``): the
same driver's ``delete`` answers, in this order, "used for outgoing mail" / "to use for outgoing
mail", "used for DNS traffic" / "to use for DNS traffic", "used by listener" / "for listener" /
"enter the TCP port", "used for NTP queries" / "to use for NTP traffic", each choice from a
numbered list.  The three choices and their descriptions are in the docstring of
``csa/testlib/zeus1361/cli/keywords/interface_config.py`` (``interface_config_delete``, 1 Delete
"Disable outgoing mail on this interface" / "Disable the service on this interface", 2 Change
"Choose a new interface", 3 Ignore "Leave the outgoing mail interface" / "Leave the interface for
the service (The service will not be available until you add a new interface with the same name
or change the settings)"); for a listener the ESA's etherconfig keywords
(``csa/testlib/phoebe1380/cli/keywords/ether_config.py``, pairing NEW) list "Delete: Remove the
listener and all its settings", "Change: Choose a new interface", "Ignore: Leave the listener
configured for interface" after "What would you like to do"
(``csa/testlib/phoebe1380/cli/ctor/etherconfig.py``, with "choose a new interface for listener").
The words around those fragments (the interface's name in quotes, the full stops) are ours.
"""
from __future__ import annotations

from .. import strings

STRINGS: dict[str, tuple[str, str]] = {
    "if.listing": ("Currently configured interfaces:", "R"),
    "if.listing_item": ("{number}. {name} ({addresses} on {ethernet}: {hostname})", "R"),
    "if.none": ("No interfaces configured.", "R"),
    "if.menu.new": ("Create a new interface.", "S"),
    "if.menu.edit": ("Modify an interface.", "R"),
    "if.menu.delete": ("Remove an interface.", "S"),
    "if.pick_edit": ("Enter the number of the interface you wish to edit.", "S"),
    "if.pick_delete": ("Enter the number of the interface you wish to delete.", "S"),
    "if.pick_error": ("Please enter an interface name or a number from 1 to {high}.", "R"),
    "if.new_name": ('Please enter a name for this IP interface (Ex: "InternalNet"):', "S"),
    "if.edit_name": ('IP interface name (Ex: "InternalNet"):', "S"),
    "if.name_taken": ('The name "{name}" is already in use by another interface.', "R"),
    "if.configure_ipv4": ("Would you like to configure an IPv4 address for this interface (y/n)?",
                          "S"),
    "if.ipv4": ("IPv4 Address (Ex: 192.168.1.2):", "S"),
    "if.ipv4_invalid": ("The IP address must be 4 numbers separated by a period. Each number must "
                        "be a value from 0 to 255. (Ex: 192.168.1.2)", "S"),
    "if.address_taken": ('The IP address "{address}" is already configured for the interface '
                         '"{name}".', "S"),
    "if.netmask": ('Netmask (Ex: "24", "255.255.255.0" or "0xffffff00"):', "S"),
    "if.netmask_invalid": ('The netmask must be a number of bits from 1 to 32, a dotted netmask '
                           'such as "255.255.255.0" or a hexadecimal netmask such as "0xffffff00".',
                           "R"),
    "if.configure_ipv6": ("Would you like to configure an IPv6 address for this interface (y/n)?",
                          "S"),
    "if.ipv6": ("IPv6 Address (Ex: 2001:420:80:1::5):", "S"),
    "if.ipv6_invalid": ("The value must be an IPv6 address. (Ex: 2001:420:80:1::5)", "S"),
    "if.prefix": ("Prefix length (Ex: 64):", "S"),
    "if.need_address": ("You must configure an IPv4 address, an IPv6 address, or both.", "R"),
    "if.ethernet": ("Ethernet interface:", "S"),
    "if.hostname": ("Hostname:", "S"),
    "if.helo": ("Do you want to configure custom SMTP Helo to use in the SMTP conversation?", "S"),
    "if.helo_name": ("Enter the custom SMTP Helo to use in the SMTP conversation:", "S"),
    "if.enable": ("Do you want to enable {service} on this interface?", "S"),
    "if.port": ("Which port do you want to use for {service}?", "S"),
    "if.port_in_use": ("Port {port} is currently assigned to {owner}.", "S"),
    "if.port_invalid": ("The value must be an integer from 1 to 65535.", "S"),
    "if.https_demo": ('You have not entered an HTTPS certificate.  To assure privacy, run '
                      '"certconfig" first.  You may use the demo certificate to test HTTPS, but '
                      'this will not be secure.  Do you really wish to use a demo certificate?',
                      "S"),
    "if.redirect": ("Since both HTTP and HTTPS are enabled for this interface, should HTTP requests "
                    "redirect to the secure service?", "S"),
    # DELETE of an interface in use: what uses it, then Delete / Change / Ignore
    "if.used.delivery": ('The interface "{name}" is used for outgoing mail.\n'
                         'What would you like to do?', "S"),
    "if.used.dns": ('The interface "{name}" is used for DNS traffic.\nWhat would you like to do?',
                    "S"),
    "if.used.listener": ('The interface "{name}" is used by listener "{listener}".\n'
                         'What would you like to do?', "S"),
    "if.used.ntp": ('The interface "{name}" is used for NTP queries.\nWhat would you like to do?',
                    "S"),
    "if.choice.delete.delivery": ("Delete: Disable outgoing mail on this interface", "S"),
    "if.choice.delete.service": ("Delete: Disable the service on this interface", "S"),
    "if.choice.delete.listener": ("Delete: Remove the listener and all its settings", "S"),
    "if.choice.change": ("Change: Choose a new interface", "S"),
    "if.choice.ignore.delivery": ("Ignore: Leave the outgoing mail interface (The service will not "
                                  "be available until you add a new interface with the same name "
                                  "or change the settings)", "S"),
    "if.choice.ignore.service": ("Ignore: Leave the interface for the service (The service will "
                                 "not be available until you add a new interface with the same "
                                 "name or change the settings)", "S"),
    "if.choice.ignore.listener": ("Ignore: Leave the listener configured for interface", "S"),
    "if.new.delivery": ("Please choose a new interface to use for outgoing mail.", "S"),
    "if.new.dns": ("Please choose a new interface to use for DNS traffic.", "S"),
    "if.new.listener": ('Please choose a new interface for listener "{listener}".', "S"),
    "if.new.ntp": ("Please choose a new interface to use for NTP traffic.", "S"),
    "if.no_other_interface": ("There is no other interface to choose.", "R"),
}

strings.register(STRINGS)


def S(string_id: str, **values: object) -> str:
    return strings.text(string_id, **values)
