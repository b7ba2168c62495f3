"""Strings shared by the log commands (``tail``, ``grep``, ``rollovernow``, ``logconfig``).

S: Cisco's QA library (mail-logs.md §7.2-§7.3, cli.md §5.11-§5.12 and corrections item 16);
R: recalled from the CLI reference (mail-logs.md §7.2 list line) or chosen here.
"""
from __future__ import annotations

from .. import strings

STRINGS: dict[str, tuple[str, str]] = {
    "logs.header": ("Currently configured logs:", "S"),
    # Only the opening quote before the name is seen: the WSA's rollovernow driver picks
    # '"gui_logs' so as not to hit "euqgui_logs" first (coeus1201/cli/ctor/rollovernow.py);
    # the rest of the line is recalled (R).
    "logs.item": ('{number}. "{name}" Type: "{type}" Retrieval: {retrieval}', "R"),
    "logs.unknown": ("Unknown log name: {name}", "R"),
    "logs.not_number": ("Please enter a number from 1 to {high} or a log name.", "R"),
}

strings.register(STRINGS)
