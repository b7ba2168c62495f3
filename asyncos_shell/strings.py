"""Every user-visible string of the shell's engine and session commands, in one table.

Each entry is ``id: (text, evidence)`` with the evidence labels of ``shared/reference/cli.md``:
V verbatim real output, S verbatim substring from Cisco's QA automation, T third-party script or
fake, R recalled or inferred.  Correct a string here when a real transcript shows better; the
dialogue code only refers to ids.  Command modules with many strings keep their own table in the
same shape (``<command>_strings.py``) and register it with ``register``.

S sources beyond cli.md: Cisco's QA library (github dharma412/PythonClass, commit b79a424) —
``csa/testlib/phoebe1411/cli/ctor/clearchanges.py`` waits for "No changes have been made".
"""
from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # -- login banner (cli.md §1.2) --
    "banner.last_login": ("Last login: {when} from {host}", "V"),
    "banner.version": ("AsyncOS {version} for Cisco {model} build {build}", "V"),
    "banner.welcome": ("Welcome to the Cisco {model} {product}", "V"),
    "banner.note": ("NOTE: This session will expire if left idle for {minutes} minutes. Any "
                    "uncommitted configuration changes will be lost. Commit the configuration "
                    "changes as soon as they are made.", "V"),
    # -- prompts (cli.md §1.3) --
    "prompt.standalone": ("{hostname}> ", "V"),
    "prompt.cluster": ("(Cluster {name})> ", "V"),
    "prompt.group": ("(Group {name})> ", "S"),
    "prompt.machine": ("(Machine {name})> ", "V"),
    # scenario knob cluster_prompt = "hostname": the deployment script's form (cli.md §1.3)
    "prompt.host_and_mode": ("{hostname} {mode}", "T"),
    "prompt.sub": ("[{default}]> ", "S"),
    "pager.more": ("-Press Any Key For More-", "S"),
    # -- generic dialogue (cli.md §2) --
    "menu.header": ("Choose the operation you want to perform:", "V"),
    "menu.item": ("- {word} - {text}", "V"),
    "list.item": ("{number}. {text}", "S"),
    # "Unknown option" is in the error table every QA configurator checks after each answer
    # (csa/testlib/phoebe1411/cli/ctor/clictorbase.py, all releases); the quoted word is ours
    # (oidcconfig.py of 13.7-14.1 waits for "Unknown option.  Select one of the listed options").
    "error.menu_choice": ("Unknown option \"{answer}\".", "S"),
    "error.number_range": ("The value must be an integer from {low} to {high}.", "S"),
    "error.integer": ("The value must be an integer.", "S"),
    "error.list_choice": ("Please enter a number from 1 to {high}.", "R"),
    "error.yes_no": ("Please answer Y or N.", "S"),
    "error.required": ("You must enter a value.", "S"),
    "error.batch_exhausted": ("Invalid arguments when processing: {command}", "S"),
    "paste.end_hint": ("(end with '.')", "T"),
    "error.unknown_command.feature_key": ("Unknown command or missing feature key: {command}",
                                          "T"),
    # scenario knob unknown_command = "quoted": the deployment script's fake (clients.md §2.6)
    "error.unknown_command.quoted": ("Unknown command '{command}'.", "T"),
    "error.access": ("You are not in the correct access group to use this command.", "S"),
    # The appliance's own words for an internal error, as its logs carry them ("Critical: An
    # application fault occurred: ..." in csa/variables/error_log_branches/coeus.py; the SMA
    # test csa/tests/zeus1400/TEACATS/sma_esa/CSCvp21097.robot looks for the same sentence).
    "error.internal": ("An application fault occurred: {error}", "S"),
    "interrupted": ("", "R"),
    "idle.expired": ("Session expired due to inactivity. Uncommitted changes were discarded.", "R"),
    # -- commit / clear / exit (cli.md §3) --
    "commit.comment": ("Please enter some comments describing your changes:", "T"),
    "commit.rollback": ("Do you want to save the current configuration for rollback?", "S"),
    "commit.done": ("Changes committed: {when}", "T"),
    "commit.nothing": ("There is no data to commit.", "T"),
    "commit.invalid": ("The configuration cannot be committed:", "R"),
    # The cluster's configuration store (etcd) cannot be reached; the changes stay pending.
    "commit.unavailable": ("The configuration could not be committed: {reason}. Your changes "
                           "are still pending; try commit again later.", "R"),
    # A session whose machine joined or left a cluster while it had pending changes (no real
    # transcript: the appliance's cluster join ends every session; ours survive it).
    "session.discarded": ("Your uncommitted changes were discarded: {machine} joined or left a "
                          "cluster while they were pending.", "R"),
    "clear.confirm": ("Are you sure you want to clear all changes since the last commit?", "T"),
    "clear.done": ("Changes cleared: {when}", "R"),
    "clear.nothing": ("No changes have been made since the last commit.", "S"),
    "exit.confirm": ("You have uncommitted changes.  Are you sure you wish to exit?", "S"),
    "showchanges.none": ("No changes have been made since the last commit.", "S"),
}

TIME_FORMAT = "%a %b %d %H:%M:%S %Y"


def register(table: dict[str, tuple[str, str]]) -> None:
    """Add a command module's strings; ids must be new."""
    clash = STRINGS.keys() & table.keys()
    if clash:
        raise ValueError(f"duplicate string ids: {sorted(clash)}")
    STRINGS.update(table)


def text(string_id: str, **values: object) -> str:
    template = STRINGS[string_id][0]
    return template.format(**values) if values else template
