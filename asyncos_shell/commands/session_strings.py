"""Strings of the session commands (help, exit, clear, showchanges, commitdetail, rollbackconfig,
version, status, who, whoami, last).  Evidence labels as in ``asyncos_shell/strings.py``."""
from .. import strings

STRINGS = {
    "help.unknown": ("help is not available for {command}", "S"),
    # rollbackconfig: the operations ROLLBACK and SETUP and the questions' substrings ("roll back
    # the configuration?", "commit this configuration now?", "enable the Rollback
    # Configuration", "disable the Rollback Configuration") are what Cisco's QA library waits
    # for (github dharma412/PythonClass, commit b79a424, csa/testlib/phoebe1411/cli/ctor/
    # rollbackconfig.py, the same in ESA 11.0-14.1); the rest of those lines and the R strings
    # are ours.
    "rollback.op.rollback": ("Roll back to one of the saved configurations.", "R"),
    "rollback.op.setup": ("Enable or disable saving configurations for rollback.", "R"),
    "rollback.none": ("There are no saved configurations to roll back to.", "R"),
    "rollback.choose": ("Choose the configuration to roll back to:", "R"),
    "rollback.confirm": ("Do you want to roll back the configuration?", "S"),
    "rollback.commit_now": ("Do you want to commit this configuration now?", "S"),
    "rollback.loaded": ("Configuration loaded. Use the \"commit\" command to make it active.", "R"),
    "rollback.enable": ("Do you want to enable the Rollback Configuration?", "S"),
    "rollback.disable": ("Do you want to disable the Rollback Configuration?", "S"),
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
