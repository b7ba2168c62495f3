"""Strings of ``rollovernow``.

S: Cisco's QA library (github dharma412/PythonClass, commit b79a424,
``csa/testlib/phoebe1411/cli/ctor/rollovernow.py``, whose driver picks the item ``All Logs``, and
``.../cli/keywords/rollovernow.py``, "Roll over a log file.").  R: the question and the result
lines, recalled from the CLI reference or chosen here.
"""
from __future__ import annotations

from .. import strings

STRINGS: dict[str, tuple[str, str]] = {
    "rollovernow.description": ("Roll over a log file.", "S"),
    "rollovernow.all": ("All Logs", "S"),
    "rollovernow.which": ("Which log would you like to roll over?", "R"),
    "rollovernow.done": ("Log files successfully rolled over.", "R"),
    "rollovernow.unable": ("Unable to roll over the log.", "R"),
}

strings.register(STRINGS)
