"""``status`` and ``status detail``: system status with counters, rates and gauges fed by the SMTP
core (cli.md §5.17).  Also lists the addresses the emulator actually bound (port offset applied).

The labels, their sections (``Counters:``, ``Rates``, ``Gauges:``) and their order are those Cisco's
QA library's parser reads (see ``status_strings``): a label is followed by at least the spaces of
its pattern, then the value(s); the nesting by indentation follows the parser's leading spaces.
"""
from __future__ import annotations

import time
from typing import Union

from .. import strings
from ..engine.context import CommandContext
from ..engine.batchargs import Arg, Batch, Form
from ..engine.registry import command
from . import session_strings  # noqa: F401  (registers status.no_mail)
from . import status_strings  # noqa: F401  (registers the strings used below)

LABEL = 31  # values start in column 32, as in the appliance's layout

# A row: (indent, string id of its label, what it shows).  What it shows is a counter or gauge
# key, None for a heading without value, or a fixed value.
Row = tuple[int, str, Union[str, None, int]]


def duration(seconds: float) -> str:
    seconds = int(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = ([f"{days}d"] if days else []) + [f"{hours}h", f"{minutes}m", f"{secs}s"]
    return " ".join(parts)


def _row(label: str, *values: object, indent: int = 4) -> str:
    text = " " * indent + label
    if not values:
        return text
    return text.ljust(LABEL + 6) + "".join(f"{v:>12,}" if isinstance(v, int) else f"{v:>12}"
                                          for v in values)


def _size(amount: int) -> str:
    """Bytes as the largest whole unit (``70G``, ``512M``)."""
    for unit, scale in (("T", 1 << 40), ("G", 1 << 30), ("M", 1 << 20)):
        if amount >= scale:
            return f"{amount // scale}{unit}"
    return f"{amount // 1024}K"


def _line(label_id: str, value: str) -> str:
    return strings.text(label_id).ljust(LABEL) + value


@command("status", "View system status.", usage="status [detail]",
         batch=Batch(Form("detail", Arg("detail", choices=("detail",)))))
async def status(ctx: CommandContext, args: list[str]) -> None:
    detail = ctx.batch.form == "detail"
    appliance = ctx.appliance
    now = time.time()
    mail = appliance.mail
    counters = mail.counters() if mail is not None else None
    reset_at, since_reset = mail.counters_since_reset() if mail is not None else (None, {})
    out = ctx.out
    out("")
    out(_line("status.as_of", appliance.timestamp(now)))
    out(_line("status.up_since", f"{appliance.timestamp(appliance.started)} "
                                 f"({duration(now - appliance.started)})"))
    out(_line("status.last_reset", appliance.timestamp(reset_at) if reset_at
              else strings.text("status.never_reset")))
    out(_line("status.system_status", strings.text("status.online")))
    if counters is None or mail is None:
        out(strings.text("status.no_mail"))
    else:
        age = counters.get("oldest_message_age", -1)
        out(_line("status.oldest", strings.text("status.no_messages") if age < 0
                  else duration(age)))
        out("")
        out(_line("status.counters", strings.text("status.counters_columns")))
        for indent, label_id, key in _counter_rows(detail):
            if key is None:
                out(_row(strings.text(label_id), indent=indent))
            elif key.startswith("last_"):
                out(_row(strings.text(label_id), "", "", counters.get(key, 0), indent=indent))
            else:
                value = counters.get(key, 0)
                out(_row(strings.text(label_id), since_reset.get(key, 0), value, value,
                         indent=indent))
        if detail:
            out("")
            out(_line("status.rates", strings.text("status.rates_columns")))
            rates = mail.rates()
            for indent, label_id, key in _rate_rows():
                out(_row(strings.text(label_id), *(rates.get(key, ()) if key else ()),
                         indent=indent))
        out("")
        out(_line("status.gauges", strings.text("status.gauges_columns")))
        for indent, label_id, key in _gauge_rows(detail):
            value = _gauge(counters, key)
            out(_row(strings.text(label_id), *(() if value is None else (value,)),
                     indent=indent))
    if appliance.endpoints:
        out("")
        out(strings.text("status.listening"))
        for service, address, port in appliance.endpoints:
            out(f"  {service:<7}{address}:{port}")


def _gauge(counters: dict[str, int], key: Union[str, None, int]) -> Union[str, int, None]:
    if key is None or isinstance(key, int):
        return key
    value = counters.get(key, 0)
    if key.endswith("_percent"):
        return f"{value}%"
    if key == "logging_disk_available":
        return _size(value)
    return value


def _counter_rows(detail: bool) -> list[Row]:
    """``status detail`` nests the hard bounces by reason under Hard Bounced Recipients, and adds
    the two counters of features the emulator does not have."""
    completion: list[Row] = [(4, "status.completed_recipients", "completed_recipients")]
    if detail:
        completion += [(6, "status.hard_bounced_recipients", "hard_bounced_recipients"),
                       *((8, f"status.{key}", key) for key in (
                           "dns_hard_bounces", "fivexx_hard_bounces", "expired_hard_bounces",
                           "filter_hard_bounces", "other_hard_bounces")),
                       (6, "status.delivered_recipients", "delivered_recipients"),
                       (6, "status.deleted_recipients", "deleted_recipients"),
                       # The emulator has no Global Unsubscribe list and signs no message with
                       # DomainKeys: these two counters stay 0 (no key: read as 0).
                       (4, "status.global_unsub_hits", "global_unsub_hits")]
    rows: list[Row] = [
        (2, "status.receiving", None),
        (4, "status.messages_received", "messages_received"),
        (4, "status.recipients_received", "recipients_received"),
        (4, "status.gen_bounce_recipients", "gen_bounce_recipients"),
        (2, "status.rejection", None),
        (4, "status.rejected_recipients", "rejected_recipients"),
        (4, "status.dropped_messages", "dropped_messages"),
        (2, "status.queue", None),
        (4, "status.soft_bounced_events", "soft_bounced_events"),
        (2, "status.completion", None),
        *completion]
    if detail:
        rows.append((2, "status.domainkeys_signed_msgs", "domainkeys_signed_msgs"))
    rows += [(2, "status.current_ids", None),
             (4, "status.last_mid", "last_mid"),
             (4, "status.last_icid", "last_icid"),
             (4, "status.last_dcid", "last_dcid")]
    return rows


def _rate_rows() -> list[Row]:
    return [(2, "status.receiving", None),
            (4, "status.messages_received", "messages_received"),
            (4, "status.recipients_received", "recipients_received"),
            (2, "status.queue", None),
            (4, "status.soft_bounced_events", "soft_bounced_events"),
            (2, "status.completion", None),
            (4, "status.completed_recipients", "completed_recipients"),
            (6, "status.hard_bounced_recipients", "hard_bounced_recipients"),
            (6, "status.delivered_recipients", "delivered_recipients")]


def _gauge_rows(detail: bool) -> list[Row]:
    system: list[Row] = [
        (2, "status.system", None),
        (4, "status.ram_percent", "ram_percent"),
        (4, "status.cpu_percent", "cpu_percent"),
        # All of the emulator is one process, the mail gateway (MGA): its scanning engines are
        # a string search inside it, and it has no Brightmail engine, so the others read 0%.
        (6, "status.cpu_mga", "cpu_percent"),
        (6, "status.cpu_case", "no_engine_percent"),
        (6, "status.cpu_brightmail", "no_engine_percent"),
        (6, "status.cpu_antivirus", "no_engine_percent"),
        (4, "status.disk_io_percent", "disk_io_percent"),
        # The emulator never enters resource conservation mode.
        (4, "status.resource_conservation", 0),
        (4, "status.logging_disk_percent", "logging_disk_percent"),
        (4, "status.logging_disk_available", "logging_disk_available")]
    active: list[Row] = [(4, "status.active_recipients", "active_recipients")]
    if detail:
        active += [(6, "status.unattempted_recipients", "unattempted_recipients"),
                   (6, "status.attempted_recipients", "attempted_recipients")]
    rows: list[Row] = [
        *(system if detail else []),
        (2, "status.connections", None),
        (4, "status.current_inbound", "current_inbound"),
        (4, "status.current_outbound", "current_outbound"),
        (2, "status.queue", None),
        *active,
        (4, "status.work_queue_messages", "work_queue_messages"),
        (4, "status.quarantine_messages", None),
        (6, "status.pvo_quarantine", "pvo_quarantine_messages"),
        (6, "status.spam_quarantine", "spam_quarantine_messages")]
    if detail:
        rows.append((4, "status.destinations_in_memory", "destinations_in_memory"))
    rows += [(4, "status.queue_kilobytes", "queue_kilobytes"),
             (4, "status.quarantine_kilobytes", None),
             (6, "status.pvo_quarantine", "pvo_quarantine_kilobytes"),
             (6, "status.spam_quarantine", "spam_quarantine_kilobytes"),
             (4, "status.queue_kilobytes_free", "queue_kilobytes_free")]
    return rows
