"""``ping``: round trips to a lab host, one a second until Ctrl-C (or ``count`` in batch), then
the statistics, in the format of FreeBSD's ``sbin/ping/ping.c``, the appliance's ping.  ICMP
echo when the emulator may send it, else TCP connection times to port 25, and the output says
which.
Batch: ``ping [interface] host [count]``."""
from __future__ import annotations

import asyncio
import statistics

from .. import strings
from ..engine.batchargs import Arg
from ..engine.context import CommandContext
from ..engine.registry import CONFIG_ROLES, command
from ._network import TCP_PORT, Prober, ask_destination, destination_batch, locate

INTERVAL = 1.0


@command("ping", strings.text("ping.description"), usage="ping [interface] host [count]",
         roles=CONFIG_ROLES, batch=destination_batch(
             Arg("count", optional=True, default=0, fits=str.isdigit, convert=int)))
async def ping(ctx: CommandContext, args: list[str]) -> None:
    dialog = ctx.dialog
    choice, host = await ask_destination(ctx, "ping")
    count = ctx.batch.get("count", 0)
    address, local = await locate(ctx, "ping", choice, host)
    prober = Prober(address, local)
    tcp = prober.method == "tcp"
    times: list[float] = []
    sent = 0
    ctx.out("")
    if not count:
        ctx.out(strings.text("network.stop"))
    ctx.out(strings.text("ping.header_tcp" if tcp else "ping.header", host=host,
                         address=address, port=TCP_PORT))
    try:
        while not count or sent < count:
            if sent:
                await asyncio.sleep(INTERVAL)
            answer = await prober.probe(sent)
            if answer is None:
                if tcp:      # FreeBSD's ping prints nothing for a lost echo: only the summary
                    dialog.stream(strings.text("ping.timeout_tcp", seq=sent))
            else:
                times.append(answer.milliseconds)
                dialog.stream(strings.text("ping.reply_tcp" if tcp else "ping.reply",
                                           address=answer.responder, port=TCP_PORT, seq=sent,
                                           ttl=answer.ttl, ms=answer.milliseconds))
            sent += 1
    finally:
        prober.close()
        _summary(ctx, host, sent, times)


def _summary(ctx: CommandContext, host: str, sent: int, times: list[float]) -> None:
    """Also after Ctrl-C, as ping prints its statistics when interrupted."""
    ctx.dialog.stream("")
    ctx.dialog.stream(strings.text("ping.statistics", host=host))
    loss = 100.0 * (sent - len(times)) / sent if sent else 0.0
    ctx.dialog.stream(strings.text("ping.summary", sent=sent, received=len(times), loss=loss))
    if times:
        ctx.dialog.stream(strings.text("ping.round_trip", min=min(times),
                                       avg=statistics.fmean(times), max=max(times),
                                       stddev=statistics.pstdev(times)))
