"""``tophosts``: the recipient hosts with the most queued recipients (or connections,
deliveries, bounces), with their counters since the last ``resetcounters``.  Batch:
``tophosts [active_rcpts | conn_out | deliv_rcpts | hard_bounce | soft_bounce]``."""
from __future__ import annotations

from .. import strings
from ..engine.batchargs import Arg, Batch, Form
from ..engine.context import CommandContext
from ..engine.registry import command
from ._queue import mail, usage_error

# (batch word, label id, facade key), in the appliance's menu order.
ORDERS = (("active_rcpts", "tophosts.by_active", "active_recipients"),
          ("conn_out", "tophosts.by_conn", "connections_out"),
          ("deliv_rcpts", "tophosts.by_delivered", "delivered_recipients"),
          ("hard_bounce", "tophosts.by_hard", "hard_bounced_recipients"),
          ("soft_bounce", "tophosts.by_soft", "soft_bounced_events"))
COLUMNS = ("active_recipients", "connections_out", "delivered_recipients",
           "soft_bounced_events", "hard_bounced_recipients")
SHOWN = 20
USAGE = "tophosts [" + "|".join(o[0] for o in ORDERS) + "]"


@command("tophosts", strings.text("tophosts.description"), usage=USAGE, restricted="machine",
         batch=Batch(Form("order", Arg("order", choices=tuple(o[0] for o in ORDERS))),
                     error=usage_error(USAGE)))
async def tophosts(ctx: CommandContext, args: list[str]) -> None:
    dialog = ctx.dialog
    if ctx.batch.form:
        order = next(o for o in ORDERS if o[0] == ctx.batch["order"])
    else:
        index = await dialog.choose(strings.text("tophosts.sort"),
                                    [strings.text(o[1]) for o in ORDERS], default=0)
        order = ORDERS[index]
    hosts = mail(ctx).hosts()
    hosts.sort(key=lambda h: (-h[order[2]], h["host"]))
    out = ctx.out
    out("")
    out(strings.text("queue.status_as_of").ljust(32) + ctx.appliance.timestamp())
    out(strings.text("tophosts.down"))
    out("")
    out(strings.text("tophosts.header1"))
    out(strings.text("tophosts.header2"))
    if not hosts:
        out(strings.text("tophosts.none"))
    for number, host in enumerate(hosts[:SHOWN], 1):
        mark = f"{number}{'*' if host['down'] else ''}"
        out(f"{mark:<4}{host['host'][:30]:<30}"
            + "".join(f"{host[key]:>9,}" for key in COLUMNS))
