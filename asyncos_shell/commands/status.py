"""``status`` and ``status detail``: system status with counters fed by the SMTP core
(cli.md §5.17).  Also lists the addresses the emulator actually bound (port offset applied)."""
from __future__ import annotations

import time

from .. import strings
from ..engine.context import CommandContext
from ..engine.batchargs import Arg, Batch, Form
from ..engine.registry import command

LABEL = 31  # values start in column 32, as in the appliance's layout


def duration(seconds: float) -> str:
    seconds = int(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = ([f"{days}d"] if days else []) + [f"{hours}h", f"{minutes}m", f"{secs}s"]
    return " ".join(parts)


def _row(label: str, *values: object, indent: int = 4) -> str:
    text = " " * indent + label
    return text.ljust(LABEL + 6) + "".join(f"{v:>12,}" if isinstance(v, int) else f"{v:>12}"
                                          for v in values)


@command("status", "View system status.", usage="status [detail]",
         batch=Batch(Form("detail", Arg("detail", choices=("detail",)))))
async def status(ctx: CommandContext, args: list[str]) -> None:
    detail = ctx.batch.form == "detail"
    appliance = ctx.appliance
    now = time.time()
    counters = appliance.mail.counters() if appliance.mail is not None else None
    reset_at, since_reset = (appliance.mail.counters_since_reset() if counters is not None
                             else (None, {}))
    out = ctx.out
    out("")
    out("Status as of:".ljust(LABEL) + appliance.timestamp(now))
    out("Up since:".ljust(LABEL) + f"{appliance.timestamp(appliance.started)} ({duration(now - appliance.started)})")
    out("Last counter reset:".ljust(LABEL) + (appliance.timestamp(reset_at) if reset_at else "Never"))
    out("System status:".ljust(LABEL) + "Online")
    if counters is None:
        out(strings.text("status.no_mail"))
    else:
        age = counters.get("oldest_message_age", -1)
        out("Oldest Message:".ljust(LABEL) + ("No Messages" if age < 0 else duration(age)))
        out("")
        out("Counters:".ljust(LABEL) + "Reset       Uptime     Lifetime")
        for section, rows in _counter_rows(detail):
            out("  " + section)
            for label, key, indent in rows:
                value = counters.get(key, 0)
                out(_row(label, since_reset.get(key, 0), value, value, indent=indent))
        out("  Current IDs")
        for label, key in (("Message ID (MID)", "last_mid"), ("Injection Conn. ID (ICID)", "last_icid"),
                           ("Delivery Conn. ID (DCID)", "last_dcid")):
            out(_row(label, "", "", counters.get(key, 0)))
        out("")
        out("Gauges:".ljust(LABEL) + "Current")
        for section, rows in _gauge_rows(detail):
            out("  " + section)
            for label, key in rows:
                out(_row(label, counters.get(key, 0)))
    if appliance.endpoints:
        out("")
        out("Listening on:")
        for service, address, port in appliance.endpoints:
            out(f"  {service:<7}{address}:{port}")


def _counter_rows(detail: bool) -> list[tuple[str, list[tuple[str, str, int]]]]:
    """(heading, [(label, counter, indent)]).  The labels and their order are those of Cisco's
    QA library's status parser (dharma412/PythonClass csa/testlib/phoebe1411/cli/ctor/status.py);
    the headings are ours.  ``status detail`` nests the hard bounces by reason under Hard
    Bounced Recipients."""
    rows = [
        ("Receiving", [("Messages Received", "messages_received", 4),
                       ("Recipients Received", "recipients_received", 4),
                       ("Gen. Bounce Recipients", "gen_bounce_recipients", 4)]),
        ("Rejection", [("Rejected Recipients", "rejected_recipients", 4),
                       ("Dropped Messages", "dropped_messages", 4)]),
        ("Queue", [("Soft Bounced Events", "soft_bounced_events", 4)]),
        ("Completion", [("Completed Recipients", "completed_recipients", 4)]),
    ]
    if detail:
        rows[3][1].extend([("Hard Bounced Recipients", "hard_bounced_recipients", 6),
                           ("DNS Hard Bounces", "dns_hard_bounces", 8),
                           ("5XX Hard Bounces", "fivexx_hard_bounces", 8),
                           ("Expired Hard Bounces", "expired_hard_bounces", 8),
                           ("Filter Hard Bounces", "filter_hard_bounces", 8),
                           ("Other Hard Bounces", "other_hard_bounces", 8),
                           ("Delivered Recipients", "delivered_recipients", 6),
                           ("Deleted Recipients", "deleted_recipients", 6)])
    return rows


def _gauge_rows(detail: bool) -> list[tuple[str, list[tuple[str, str]]]]:
    queue = [("Active Recipients", "active_recipients"),
             ("Messages In Work Queue", "work_queue_messages"),
             ("Kilobytes Used", "queue_kilobytes")]
    if detail:
        queue[1:1] = [("Unattempted Recipients", "unattempted_recipients"),
                      ("Attempted Recipients", "attempted_recipients")]
    return [("Connections", [("Current Inbound Conn.", "current_inbound"),
                             ("Current Outbound Conn.", "current_outbound")]),
            ("Queue", queue)]
