"""``hoststatus <host>``: one recipient host's counters (since the last ``resetcounters``; hard
bounces by reason), queue and connection gauges (current and pending), whether it is up, its last activity, where its mail goes now (the SMTP route or
the MX records, and the IP addresses in the order delivery tries them, looked up through
dnsconfig's servers as delivery does), its last 5XX answer and its last TLS failure (what a
"TLS Required" destination that refuses STARTTLS leaves behind)."""
from __future__ import annotations

from .. import strings
from ..engine.context import CommandContext
from ..engine.registry import command
from ._queue import domain_error, mail
from .nslookup import duration as ttl_text
from .status import duration

LABEL = 40
# "Status as of:" and "Host up/down:" put their values under the host name of the title line
# ("Host mail status for: " is 22 characters); the QA library's parser expects that many.
SYSTEM_LABEL = 22
# (string id, facade key, indent): the appliance's counter tree; a heading has no key.
COUNTERS = (("hoststatus.queue", None, 2), ("hoststatus.soft_bounced", "soft_bounced_events", 4),
            ("hoststatus.completion", None, 2),
            ("hoststatus.completed", "completed_recipients", 4),
            ("hoststatus.hard_bounced", "hard_bounced_recipients", 6),
            ("hoststatus.dns_bounces", "dns_hard_bounces", 8),
            ("hoststatus.fivexx_bounces", "fivexx_hard_bounces", 8),
            ("hoststatus.expired_bounces", "expired_hard_bounces", 8),
            ("hoststatus.filter_bounces", "filter_hard_bounces", 8),
            ("hoststatus.other_bounces", "other_hard_bounces", 8),
            ("hoststatus.delivered", "delivered_recipients", 6),
            ("hoststatus.deleted", "deleted_recipients", 6))
GAUGES = (("hoststatus.queue", None, 2), ("hoststatus.active", "active_recipients", 4),
          ("hoststatus.unattempted", "unattempted_recipients", 6),
          ("hoststatus.attempted", "attempted_recipients", 6),
          ("hoststatus.connections", None, 2),
          ("hoststatus.connections_out", "connections_out", 4),
          ("hoststatus.pending_out", "pending_connections_out", 4))
TLS_SETTINGS = {"off": "No", "on": "Preferred", "require": "Required",
                "on_verify": "Preferred - Verify", "require_verify": "Required - Verify"}


@command("hoststatus", strings.text("hoststatus.description"), usage="hoststatus [hostname]",
         restricted="machine")
async def hoststatus(ctx: CommandContext, args: list[str]) -> None:
    host = (await ctx.dialog.ask(strings.text("hoststatus.host"), validate=domain_error)).lower()
    status = mail(ctx).host_status(host)
    out = ctx.out
    out("")
    out(strings.text("hoststatus.title", host=host))
    out(strings.text("queue.status_as_of").ljust(SYSTEM_LABEL) + ctx.appliance.timestamp())
    state = ("hoststatus.unknown" if not status["known"]
             else "hoststatus.down" if status["down"] else "hoststatus.up")
    out(strings.text("hoststatus.updown").ljust(SYSTEM_LABEL) + strings.text(state))
    for title, rows in (("hoststatus.counters", COUNTERS), ("hoststatus.gauges", GAUGES)):
        out("")
        out(strings.text(title))
        for label, key, indent in rows:
            text = " " * indent + strings.text(label)
            out(text if key is None else text.ljust(LABEL) + f"{status[key]:>10,}")
    out("")
    age = status["oldest_message_age"]
    out(strings.text("hoststatus.oldest").ljust(LABEL - 3) + (
        strings.text("hoststatus.no_messages") if age < 0 else duration(age)))
    out(strings.text("hoststatus.last_activity").ljust(LABEL - 3) + (
        ctx.appliance.timestamp(status["last_activity"]) if status["last_activity"]
        else strings.text("hoststatus.never")))
    _routing(ctx, await mail(ctx).host_routing(host))
    for key in ("last_5xx", "last_tls_error"):
        event = status[key]
        if event is None:
            continue
        out("")
        out(strings.text("hoststatus.last_5xx") if key == "last_5xx" else strings.text(
            "hoststatus.last_tls", setting=TLS_SETTINGS.get(event["setting"], event["setting"])))
        out("----------")
        out(event["text"])
        out(strings.text("hoststatus.event_at", when=ctx.appliance.timestamp(event["when"]),
                         address=event["address"]))
        out("----------")


def _routing(ctx: CommandContext, found: dict) -> None:
    """The SMTP route or the MX records, then the ordered IP addresses."""
    out = ctx.out
    out("")
    if found["routes"] is not None:
        out(strings.text("hoststatus.routes"))
        for destination in found["routes"]:
            out("    " + destination)
    else:
        out(strings.text("hoststatus.mx"))
        out(strings.text("hoststatus.mx.header"))
        for preference, ttl, name in found["mx"]:
            out(f"    {preference:<13}{ttl_text(ttl):<13}{name}")
    out("")
    out(strings.text("hoststatus.ordered"))
    if found["error"] is not None:
        out("    " + found["error"])
        return
    out(strings.text("hoststatus.ordered.header"))
    for preference, addresses in found["addresses"]:
        out(f"    {preference:<13}" + "  ".join(addresses))
