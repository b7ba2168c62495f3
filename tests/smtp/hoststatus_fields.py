"""``hoststatus`` output read the way Cisco's QA library reads it (its parser:
dharma412/PythonClass csa/testlib/phoebe1411/cli/ctor/hoststatus.py; written afresh here from
its rules, not copied).

Its rules: the output is cut into three parts, everything before ``Counters:`` (system), from
there to ``Gauges:`` (counter) and from there on (gauge).  In its part, a field is its label
followed by at least as many spaces as the library's pattern has after that label, then the
value: the next word for a number, the rest of the line for a text.  A field the parser cannot
find is a field a script using it fails on.
"""
from __future__ import annotations

import re
from typing import Optional

# (group, field, label, spaces the pattern puts after the label, text value?)
FIELDS = (
    ("system", "status_for", "Host mail status for:", 1, True),
    ("system", "status_as_of", "Status as of:", 9, True),
    ("system", "up_down", "Host up/down:", 9, True),
    ("counter", "soft_bounced_events", "Soft Bounced Events", 9, False),
    ("counter", "completed_recipients", "Completed Recipients", 8, False),
    ("counter", "hard_bounced_recipients", "Hard Bounced Recipients", 3, False),
    ("counter", "dns_hard_bounces", "DNS Hard Bounces", 8, False),
    ("counter", "fivexx_hard_bounces", "5XX Hard Bounces", 8, False),
    ("counter", "filter_hard_bounces", "Filter Hard Bounces", 5, False),
    ("counter", "expired_hard_bounces", "Expired Hard Bounces", 4, False),
    ("counter", "other_hard_bounces", "Other Hard Bounces", 6, False),
    ("counter", "delivered_recipients", "Delivered Recipients", 6, False),
    ("counter", "deleted_recipients", "Deleted Recipients", 8, False),
    ("gauge", "active_recipients", "Active Recipients", 16, False),
    # These four patterns also want two spaces before the label.
    ("gauge", "unattempted_recipients", "  Unattempted Recipients", 9, False),
    ("gauge", "attempted_recipients", "  Attempted Recipients", 11, False),
    ("gauge", "current_outbound_connections", "  Current Outbound Connections", 3, False),
    ("gauge", "pending_outbound_connections", "  Pending Outbound Connections", 3, False),
    ("gauge", "oldest_message", "Oldest Message", 5, True),
    ("gauge", "last_activity", "Last Activity", 6, True),
)


def parts(output: str) -> dict[str, str]:
    counters, gauges = output.find("Counters:"), output.find("Gauges:")
    return {"system": output[:counters], "counter": output[counters:gauges],
            "gauge": output[gauges:]}


def fields(output: str) -> dict[str, dict[str, Optional[str]]]:
    """{group: {field: value, or None when the QA parser would not find it}}."""
    text = parts(output.replace("\r\n", "\n"))
    found: dict[str, dict[str, Optional[str]]] = {"system": {}, "counter": {}, "gauge": {}}
    for group, name, label, spaces, is_text in FIELDS:
        value = r"\s*(.*)" if is_text else r"\s*(\S+)"
        match = re.search(re.escape(label) + " " * spaces + value, text[group])
        found[group][name] = match.group(1).strip() if match else None
    return found
