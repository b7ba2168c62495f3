"""``traceroute``: the hops to a lab host, three probes per hop with rising TTL, in the
format of FreeBSD's ``usr.sbin/traceroute/traceroute.c``, the appliance's traceroute (a hop
named by reverse lookup, else by its address).  ICMP when the emulator may send it (routers
answer "time exceeded"), else TCP connections to port 25, where only the host itself can
answer.
Batch: ``traceroute [interface] host``."""
from __future__ import annotations

from .. import strings
from ..engine.context import CommandContext
from ..engine.registry import CONFIG_ROLES, command
from ._network import TCP_PORT, Prober, ask_destination, destination_batch, host_name, locate

MAX_HOPS = 64      # FreeBSD's traceroute: net.inet.ip.ttl, 64 unless tuned
PROBES = 3


@command("traceroute", strings.text("traceroute.description"),
         usage="traceroute [interface] host", roles=CONFIG_ROLES, batch=destination_batch())
async def traceroute(ctx: CommandContext, args: list[str]) -> None:
    dialog = ctx.dialog
    choice, host = await ask_destination(ctx, "traceroute")
    address, local = await locate(ctx, "traceroute", choice, host)
    prober = Prober(address, local)
    domain = ctx.appliance.hostname().partition(".")[2]
    ctx.out("")
    ctx.out(strings.text("traceroute.header_tcp" if prober.method == "tcp"
                         else "traceroute.header", host=host, address=address, hops=MAX_HOPS,
                         port=TCP_PORT))
    try:
        for ttl in range(1, MAX_HOPS + 1):
            line, reached, responder = f"{ttl:>2} ", False, None
            for probe in range(PROBES):
                answer = await prober.probe(ttl * PROBES + probe, ttl=ttl)
                if answer is None:
                    line += " *"
                    continue
                if answer.responder != responder:
                    if responder is not None:
                        line += "\n   "      # another responder: FreeBSD goes on below
                    responder = answer.responder
                    line += f" {await _named(responder, domain)} ({responder})"
                line += f"  {answer.milliseconds:.3f} ms"
                reached = reached or answer.reached
            dialog.stream(line)
            if reached:
                return
    finally:
        prober.close()


async def _named(address: str, domain: str) -> str:
    name = await host_name(address)
    return address if name == address else hop_name(name, domain)


def hop_name(name: str, domain: str) -> str:
    """A hop's name from a reverse lookup without the appliance's own domain, as FreeBSD's
    ``inetname()`` shows it."""
    head, dot, rest = name.partition(".")
    return head if dot and rest == domain else name
