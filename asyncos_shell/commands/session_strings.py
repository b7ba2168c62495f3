"""Strings of the session commands (help, exit, clear, showchanges, commitdetail,
version, status, who, whoami, last).  Evidence labels as in ``asyncos_shell/strings.py``."""
from .. import strings

STRINGS = {
    "help.unknown": ("help is not available for {command}", "S"),
    "commitdetail.none": ("No commits have been made in this session.", "R"),
    "version.title": ("Current Version", "S"),
    # Cisco's QA library (github dharma412/PythonClass, commit b79a424,
    # csa/testlib/phoebe1411/cli/keywords/who.py): who shows username, role, login time, idle
    # time, remote host and what, in that order; the widths are ours.
    "who.header": ("Username  Role                    Login Time  Idle Time  Remote Host      What",
                   "S"),
    "last.header": ("Username  Remote Host      Login Time        Logout Time       Total Time", "R"),
    "status.no_mail": ("Couldn't obtain mail stats", "S"),
}
strings.register(STRINGS)
