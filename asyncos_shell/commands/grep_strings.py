"""Strings of ``grep`` (cli.md §5.12, mail-logs.md §7.3).

S: Cisco's QA library (the order of the questions, ``No results were found``, ``Unable to grep``);
R: the question wordings recalled from the CLI reference, and the rest chosen here.
"""
from __future__ import annotations

from .. import strings

STRINGS: dict[str, tuple[str, str]] = {
    "grep.description": ("Search for a regular expression in a log.", "R"),
    "grep.usage": ('grep [-e regexp] [-c] [-C context] [-f file_pattern] [-i] [-p] [-t] log_name',
                   "S"),
    "grep.which": ("Enter the number of the log you wish to grep.", "R"),
    "grep.regexp": ("Enter the regular expression to grep.", "R"),
    "grep.insensitive": ("Do you want this search to be case insensitive?", "R"),
    "grep.tail": ("Do you want to tail the logs?", "R"),
    "grep.paginate": ("Do you want to paginate the output?", "R"),
    "grep.files": ("Enter the file name pattern of the log files to search.", "R"),
    "grep.no_results": ("No results were found.", "S"),
    "grep.count": ("{count}", "R"),
    "grep.unable": ("Unable to grep", "S"),
}

strings.register(STRINGS)
