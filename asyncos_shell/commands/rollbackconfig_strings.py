"""Strings of ``rollbackconfig``.  Evidence labels as in ``asyncos_shell/strings.py``.

S from Cisco's QA library (github dharma412/PythonClass, commit b79a424):
``csa/testlib/phoebe1411/cli/ctor/rollbackconfig.py`` (the same dialogue in every ESA release
phoebe1100..phoebe1411) answers the ROLLBACK and SETUP operations, picks a commit from the input
list, then waits for "roll back the configuration?" (or "value is not valid" after a bad number)
and "commit this configuration now?"; SETUP's questions contain "enable the Rollback
Configuration" / "disable the Rollback Configuration" and end at "Choose the operation".
``csa/testlib/coeus1201/cli/ctor/rollbackconfig.py`` (WSA, same framework) waits for "Enter the
number of the config to revert to." and reads "Rollback Configuration: Enabled" / "Disabled"
after SETUP, where "- ROLLBACK" is absent from the menu when rollback is disabled.  The list's
columns "Committed On", "User", "Description" are named by ``.../phoebe1411/cli/keywords/
rollback_config.py``.  R: the operations' descriptions and the message when nothing is saved.
"""
from .. import strings

STRINGS = {
    "rollback.op.rollback": ("Roll back to one of the previously committed configurations.", "R"),
    "rollback.op.setup": ("Enable or disable the Rollback Configuration.", "R"),
    "rollback.status": ("Rollback Configuration: {state}", "S"),
    "rollback.enabled": ("Enabled", "S"),
    "rollback.disabled": ("Disabled", "S"),
    "rollback.enable": ("Do you want to enable the Rollback Configuration?", "S"),
    "rollback.disable": ("Do you want to disable the Rollback Configuration?", "S"),
    "rollback.column_when": ("Committed On", "S"),
    "rollback.column_user": ("User", "S"),
    "rollback.column_description": ("Description", "S"),
    "rollback.number": ("Enter the number of the config to revert to.", "S"),
    "rollback.invalid": ("That value is not valid.", "S"),
    "rollback.confirm": ("Are you sure you want to roll back the configuration?", "S"),
    "rollback.commit": ("Do you want to commit this configuration now?", "S"),
    "rollback.none": ("There are no saved configurations to roll back to.", "R"),
}
strings.register(STRINGS)
