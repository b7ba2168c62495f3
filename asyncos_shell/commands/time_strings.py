"""Strings of ``settz``, ``settime`` and ``ntpconfig``.

S: Cisco's QA library (github dharma412/PythonClass, commit b79a424,
``csa/testlib/phoebe1411/cli/ctor/settz.py``, ``settime.py``, ``ntpconfig.py`` and
``.../cli/keywords/ntp_config.py``): settz's driver reads "Current time zone" and "Current time
zone version"; settime's waits for "stop NTP" and "enter the time" and reads the clock from a
line "Current time <time>." (where it stands in the dialogue is our guess: after the warning);
"Configure NTP time server." is the keyword's description and "fully qualified hostname or IP
address of" NTP server its words for NEW's question; the time zone lists' questions ("choose your
continent:", "choose your country:", "choose your timezone:") are those ``systemsetup.py`` in the
same library answers, the same lists settz's SETUP shows; ``settz.py`` types ``settz <continent>
<zone>`` and takes a reply containing "Invalid" as the refusal of an unknown zone (the rest of
that line is ours).

R: the rest, recalled from the AsyncOS CLI reference guide's examples: the continent/country/
zone lists, settime's warning and format, ntpconfig's list and menu.
"""
from __future__ import annotations

from .. import strings

STRINGS: dict[str, tuple[str, str]] = {
    # -- settz --
    "settz.description": ("Set the local time zone.", "R"),
    "settz.current": ("Current time zone: {zone}", "S"),
    "settz.version": ("Current time zone version: {version}", "S"),
    "settz.op_setup": ("Set the local time zone.", "R"),
    "settz.continent": ("Please choose your continent:", "S"),
    "settz.country": ("Please choose your country:", "S"),
    "settz.zone": ("Please choose your timezone:", "S"),
    "settz.gmt_offset": ("GMT Offset", "R"),
    "settz.unknown": ("Invalid time zone: {zone}", "S"),
    # -- settime --
    "settime.description": ("Set the system time.", "R"),
    "settime.warning": ("WARNING: Changes to system time will take place immediately\n"
                        "and do not require the user to run the commit command.", "R"),
    "settime.ntp_running": ("This machine is currently running NTP.\nIn order to manually set "
                            "the time, NTP must be disabled.", "R"),
    "settime.stop_ntp": ("Do you want to stop NTP and manually set the time?", "S"),
    "settime.current": ("Current time {when}.", "S"),
    "settime.ask": ("Please enter the time in MM/DD/YYYY HH:MM:SS format.", "S"),
    "settime.bad": ("Invalid time. Please enter the time in MM/DD/YYYY HH:MM:SS format.", "R"),
    "settime.done": ("Time set to: {when}", "R"),
    # -- ntpconfig --
    "ntpconfig.description": ("Configure NTP time server.", "S"),
    "ntpconfig.listing": ("Currently configured NTP servers:", "R"),
    "ntpconfig.none": ("No NTP servers configured.", "R"),
    "ntpconfig.op_new": ("Add a server.", "R"),
    "ntpconfig.op_delete": ("Remove a server.", "R"),
    "ntpconfig.op_sourceint": ("Set the interface from whose IP address NTP queries should "
                               "originate.", "R"),
    "ntpconfig.new": ("Please enter the fully qualified hostname or IP address of your NTP "
                      "server.", "S"),
    "ntpconfig.delete": ("Choose the server to delete.", "R"),
    "ntpconfig.exists": ("The server {server} is already configured.", "R"),
    "ntpconfig.sourceint": ("When initiating a connection to an NTP server, the outbound IP "
                            "address used is chosen automatically.\nIf you want to choose a "
                            "specific outbound IP address, please select its interface name "
                            "now.", "R"),
}

strings.register(STRINGS)
