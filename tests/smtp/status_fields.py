"""``status``/``status detail`` output read the way Cisco's QA library reads it (its parser:
dharma412/PythonClass csa/testlib/phoebe1411/cli/ctor/status.py; written afresh here from its
rules, not copied).

Its rules: the output is cut at the first ``Counters:``, the first ``Rates`` (when there is none,
the rates part is empty) and the first ``Gauges:``: system lines before, then counters, rates,
gauges.  In its part, a field is its label padded with spaces to the width of the library's
pattern (more spaces may follow), then its values: a number is the next word (three of them,
each after at least one space, for counters and rates), a percentage is a word followed by
``%``, a text is the rest of the line.  The two quarantine gauges carry their value on the
``Policy, Virus and Outbreak`` line under their label.  A field the parser cannot find is a
field a script using it fails on (None here).
"""
from __future__ import annotations

import re
from typing import Optional

COUNTER_WIDTH = 26     # label and spaces in the library's counter, rate and gauge patterns
ONE = r"\s*(\S+)\s*"
THREE = " ".join([ONE] * 3)

SYSTEM = {"status_as_of": "Status as of:", "last_counter_reset": "Last counter reset:",
          "system_status": "System status:", "oldest_message": "Oldest Message:"}
COUNTERS = {
    "messages_received": "Messages Received", "recipients_received": "Recipients Received",
    "gen_bounce_recipients": "Gen. Bounce Recipients",
    "rejected_recipients": "Rejected Recipients", "dropped_messages": "Dropped Messages",
    "soft_bounced_events": "Soft Bounced Events", "completed_recipients": "Completed Recipients",
    "hard_bounced_recipients": "  Hard Bounced Recipients",
    "dns_hard_bounces": "    DNS Hard Bounces", "fivexx_hard_bounces": "    5XX Hard Bounces",
    "expired_hard_bounces": "    Expired Hard Bounces",
    "filter_hard_bounces": "    Filter Hard Bounces", "other_hard_bounces": "    Other Hard Bounces",
    "delivered_recipients": "  Delivered Recipients", "deleted_recipients": "  Deleted Recipients",
    "global_unsub_hits": "    Global Unsub. Hits",
    "domainkeys_signed_msgs": "DomainKeys Signed Msgs"}
IDS = {"mid": "Message ID (MID)", "icid": "Injection Conn. ID (ICID)",
       "dcid": "Delivery Conn. ID (DCID)"}
RATES = ("messages_received", "recipients_received", "soft_bounced_events",
         "completed_recipients", "hard_bounced_recipients", "delivered_recipients")
PERCENT_GAUGES = {
    "ram_utilization": "RAM Utilization", "cpu_utilization_total": "Overall CPU load average",
    "cpu_utilization_mga": "  MGA", "cpu_utilization_case": "  CASE",
    "cpu_utilization_bm_antispam": "  Brightmail AntiSpam",
    "cpu_utilization_antivirus": "  AntiVirus", "disk_io_utilization": "Disk I/O Utilization",
    "logging_disk_usage": "Logging Disk Usage"}
NUMBER_GAUGES = {
    "resource_conservation": "Resource Conservation",
    "current_inbound_conn": "Current Inbound Conn.",
    "current_outbound_conn": "Current Outbound Conn.", "active_recipients": "Active Recipients",
    "unattempted_recipients": "  Unattempted Recipients",
    "attempted_recipients": "  Attempted Recipients",
    "messages_in_work_queue": "Messages In Work Queue",
    "destinations_in_memory": "Destinations In Memory", "kilobytes_used": "Kilobytes Used"}
TEXT_GAUGES = {"logging_disk_available": "Logging Disk Available",
               "kilobytes_free": "Kilobytes Free"}
QUARANTINE_GAUGES = {"messages_in_quarantine": "Messages In Quarantine",
                     "kilobytes_in_quarantine": "Kilobytes In Quarantine"}


def parts(output: str) -> dict[str, str]:
    counters, rates, gauges = (output.find(marker) for marker in ("Counters:", "Rates", "Gauges:"))
    if rates == -1:
        rates = gauges
    return {"system": output[:counters], "counters": output[counters:rates],
            "rates": output[rates:gauges], "gauges": output[gauges:]}


def _find(pattern: str, text: str) -> Optional[list[str]]:
    match = re.search(pattern, text)
    return [value.strip() for value in match.groups()] if match else None


def _padded(label: str, width: int = COUNTER_WIDTH) -> str:
    return re.escape(label.ljust(width))


def fields(output: str) -> dict[str, dict[str, Optional[list[str]]]]:
    """{part: {field: its values, or None when the QA parser would not find it}}."""
    text = parts(output.replace("\r\n", "\n"))
    found: dict[str, dict[str, Optional[list[str]]]] = {
        "system": {name: _find(_padded(label, 31) + r"\s*(.*)", text["system"])
                   for name, label in SYSTEM.items()},
        "counters": {name: _find(_padded(label) + THREE, text["counters"])
                     for name, label in COUNTERS.items()},
        "rates": {name: _find(_padded(COUNTERS[name]) + THREE, text["rates"]) for name in RATES},
        "gauges": {}}
    found["counters"].update({name: _find(_padded(label, 32) + ONE, text["counters"])
                              for name, label in IDS.items()})
    gauges = found["gauges"]
    gauges.update({name: _find(_padded(label) + ONE + "%", text["gauges"])
                   for name, label in PERCENT_GAUGES.items()})
    gauges.update({name: _find(_padded(label) + ONE, text["gauges"])
                   for name, label in NUMBER_GAUGES.items()})
    gauges.update({name: _find(_padded(label) + r"\s*(.*)", text["gauges"])
                   for name, label in TEXT_GAUGES.items()})
    gauges.update({name: _find(re.escape(label) + r"\s+Policy, Virus and Outbreak  " + ONE,
                               text["gauges"]) for name, label in QUARANTINE_GAUGES.items()})
    return found
