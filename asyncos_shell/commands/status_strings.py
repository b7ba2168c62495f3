"""Strings of ``status`` and ``status detail``.  Evidence labels as in ``asyncos_shell/strings.py``.

S: Cisco's QA library's parser of this command (github dharma412/PythonClass, commit b79a424,
``csa/testlib/phoebe1411/cli/ctor/status.py``; the same patterns in phoebe1100 to phoebe1400):
it cuts the output at ``Counters:``, ``Rates`` and ``Gauges:`` and finds each field by its label
followed by the spaces its pattern has, so every label below is one of its patterns' words
(the system lines, the counters, the rates, the gauges, among them ``Overall CPU load average``
with ``MGA``, ``CASE``, ``Brightmail AntiSpam`` and ``AntiVirus`` under it, and the quarantine
gauges whose value is on a ``Policy, Virus and Outbreak`` line below their label).  The section
markers ``Counters:``/``Gauges:`` and ``Rates`` are the ones it cuts at; its docstring calls the
rates "1/5/15Min Rates from the "Rates(Events Per Hours):"" — the rest of our rates heading
(``(Events Per Hour):``, the GUI's "Rates (Events per Hour)" in
``csa/testlib/phoebe1210/gui/monitor/reports/reports_parser_def/summary_table.py``) is R in
its own entry.

R: the sub-section headings (Receiving, Rejection, Queue, Completion, Current IDs, System,
Connections), the column titles, the Spam Quarantine lines under the two quarantine gauges
(the emulator's one quarantine store; the parser only reads the Policy, Virus and Outbreak
line, which comes first), which rows only ``status detail`` shows, and the size format of
Logging Disk Available.
"""
from .. import strings

STRINGS = {
    "status.as_of": ("Status as of:", "S"),
    "status.up_since": ("Up since:", "S"),
    "status.last_reset": ("Last counter reset:", "S"),
    "status.never_reset": ("Never", "R"),
    "status.system_status": ("System status:", "S"),
    "status.online": ("Online", "R"),
    "status.oldest": ("Oldest Message:", "S"),
    "status.no_messages": ("No Messages", "R"),
    "status.counters": ("Counters:", "S"),
    "status.counters_columns": ("Reset       Uptime     Lifetime", "R"),
    "status.rates": ("Rates (Events Per Hour):", "R"),
    "status.rates_columns": ("1-Minute    5-Minutes   15-Minutes", "R"),
    "status.gauges": ("Gauges:", "S"),
    "status.gauges_columns": ("Current", "R"),
    "status.listening": ("Listening on:", "R"),
    # sub-section headings
    "status.receiving": ("Receiving", "R"),
    "status.rejection": ("Rejection", "R"),
    "status.queue": ("Queue", "R"),
    "status.completion": ("Completion", "R"),
    "status.current_ids": ("Current IDs", "R"),
    "status.system": ("System", "R"),
    "status.connections": ("Connections", "R"),
    # counters (and rates)
    "status.messages_received": ("Messages Received", "S"),
    "status.recipients_received": ("Recipients Received", "S"),
    "status.gen_bounce_recipients": ("Gen. Bounce Recipients", "S"),
    "status.rejected_recipients": ("Rejected Recipients", "S"),
    "status.dropped_messages": ("Dropped Messages", "S"),
    "status.soft_bounced_events": ("Soft Bounced Events", "S"),
    "status.completed_recipients": ("Completed Recipients", "S"),
    "status.hard_bounced_recipients": ("Hard Bounced Recipients", "S"),
    "status.dns_hard_bounces": ("DNS Hard Bounces", "S"),
    "status.fivexx_hard_bounces": ("5XX Hard Bounces", "S"),
    "status.expired_hard_bounces": ("Expired Hard Bounces", "S"),
    "status.filter_hard_bounces": ("Filter Hard Bounces", "S"),
    "status.other_hard_bounces": ("Other Hard Bounces", "S"),
    "status.delivered_recipients": ("Delivered Recipients", "S"),
    "status.deleted_recipients": ("Deleted Recipients", "S"),
    "status.global_unsub_hits": ("Global Unsub. Hits", "S"),
    "status.domainkeys_signed_msgs": ("DomainKeys Signed Msgs", "S"),
    "status.last_mid": ("Message ID (MID)", "S"),
    "status.last_icid": ("Injection Conn. ID (ICID)", "S"),
    "status.last_dcid": ("Delivery Conn. ID (DCID)", "S"),
    # gauges
    "status.ram_percent": ("RAM Utilization", "S"),
    "status.cpu_percent": ("Overall CPU load average", "S"),
    "status.cpu_mga": ("MGA", "S"),
    "status.cpu_case": ("CASE", "S"),
    "status.cpu_brightmail": ("Brightmail AntiSpam", "S"),
    "status.cpu_antivirus": ("AntiVirus", "S"),
    "status.disk_io_percent": ("Disk I/O Utilization", "S"),
    "status.resource_conservation": ("Resource Conservation", "S"),
    "status.logging_disk_percent": ("Logging Disk Usage", "S"),
    "status.logging_disk_available": ("Logging Disk Available", "S"),
    "status.current_inbound": ("Current Inbound Conn.", "S"),
    "status.current_outbound": ("Current Outbound Conn.", "S"),
    "status.active_recipients": ("Active Recipients", "S"),
    "status.unattempted_recipients": ("Unattempted Recipients", "S"),
    "status.attempted_recipients": ("Attempted Recipients", "S"),
    "status.work_queue_messages": ("Messages In Work Queue", "S"),
    "status.quarantine_messages": ("Messages In Quarantine", "S"),
    "status.pvo_quarantine": ("Policy, Virus and Outbreak", "S"),
    "status.spam_quarantine": ("Spam Quarantine", "R"),
    "status.destinations_in_memory": ("Destinations In Memory", "S"),
    "status.queue_kilobytes": ("Kilobytes Used", "S"),
    "status.quarantine_kilobytes": ("Kilobytes In Quarantine", "S"),
    "status.queue_kilobytes_free": ("Kilobytes Free", "S"),
}
strings.register(STRINGS)
