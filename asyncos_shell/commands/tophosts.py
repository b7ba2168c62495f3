"""``tophosts``: the recipient hosts with the most queued recipients (or connections,
deliveries, bounces), with their counters since the last ``resetcounters``.  Batch:
``tophosts [active_rcpts | conn_out | deliv_rcpts | hard_bounce | soft_bounce]``."""
from __future__ import annotations

from .. import strings
from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted
from ..engine.registry import command
from ._queue import mail

# (batch word, label id, facade key), in the appliance's menu order.
ORDERS = (("active_rcpts", "tophosts.by_active", "active_recipients"),
          ("conn_out", "tophosts.by_conn", "connections_out"),
          ("deliv_rcpts", "tophosts.by_delivered", "delivered_recipients"),
          ("hard_bounce", "tophosts.by_hard", "hard_bounced_recipients"),
          ("soft_bounce", "tophosts.by_soft", "soft_bounced_events"))
COLUMNS = ("active_recipients", "connections_out", "delivered_recipients",
           "soft_bounced_events", "hard_bounced_recipients")
SHOWN = 20
# The appliance's own delivery queues, listed even when empty: an idle appliance's tophosts
# shows these three (the example return value of Cisco's QA library's tophosts keyword,
# github dharma412/PythonClass csa/testlib/phoebe1411/cli/keywords/tophosts.py).
INTERNAL_QUEUES = ("the.encryption.queue", "the.euq.queue", "the.euq.release.queue")


@command("tophosts", strings.text("tophosts.description"),
         usage="tophosts [active_rcpts|conn_out|deliv_rcpts|hard_bounce|soft_bounce]",
         restricted="machine")
async def tophosts(ctx: CommandContext, args: list[str]) -> None:
    dialog = ctx.dialog
    if dialog.batch:
        word = dialog.answers.popleft().lower()
        dialog.answers.clear()
        keys = [o for o in ORDERS if o[0] == word]
        if not keys:
            raise CommandAborted(strings.text("queue.bad_batch", usage=tophosts_usage()))
        order = keys[0]
    else:
        index = await dialog.choose(strings.text("tophosts.sort"),
                                    [strings.text(o[1]) for o in ORDERS], default=0)
        order = ORDERS[index]
    hosts = mail(ctx).hosts()
    known = {h["host"] for h in hosts}
    hosts += [dict.fromkeys(COLUMNS, 0) | {"host": name, "down": False}
              for name in INTERNAL_QUEUES if name not in known]
    hosts.sort(key=lambda h: (-h[order[2]], h["host"]))
    out = ctx.out
    out("")
    out(strings.text("queue.status_as_of").ljust(32) + ctx.appliance.timestamp())
    out(strings.text("tophosts.down"))
    out("")
    out(strings.text("tophosts.header1"))
    out(strings.text("tophosts.header2"))
    for number, host in enumerate(hosts[:SHOWN], 1):
        mark = f"{number}{'*' if host['down'] else ''}"
        out(f"{mark:<4}{host['host'][:30]:<30}"
            + "".join(f"{host[key]:>9,}" for key in COLUMNS))


def tophosts_usage() -> str:
    return "tophosts [" + "|".join(o[0] for o in ORDERS) + "]"
