"""What ``suspend*`` and ``resume*`` share: choosing listeners (``1. All`` then each committed
SMTP listener; several numbers or names separated by commas; batch: the names or ``all``),
and the lines each step prints."""
from __future__ import annotations

from typing import Optional, Sequence

from cluster.validate import hostname_error, is_ip

from .. import strings
from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted
from ._queue import mail

ALL = "ALL"


def listener_names(ctx: CommandContext) -> list[str]:
    return [name for name, listener in ctx.appliance.view().listeners.listeners.items()
            if listener.protocol == "SMTP"]


async def choose_listeners(ctx: CommandContext, verb: str, names: Sequence[str]) -> list[str]:
    items = [strings.text("suspend.all"), *names]

    def picked(answer: str) -> Optional[list[str]]:
        chosen: list[str] = []
        for part in (p.strip() for p in answer.split(",")):
            if part.isdigit() and 1 <= int(part) <= len(items):
                index = int(part) - 1
            elif part.lower() in (i.lower() for i in items):
                index = [i.lower() for i in items].index(part.lower())
            else:
                return None
            chosen.extend(names if index == 0 else [items[index]])
        return list(dict.fromkeys(chosen))

    listing = "\n".join(strings.text("list.item", number=n, text=t)
                        for n, t in enumerate(items, 1))
    question = strings.text("suspend.choose", verb=verb)
    answer = await ctx.dialog.ask(question if ctx.dialog.batch else f"{question}\n{listing}",
                                  "1", validate=lambda text: None if picked(text) else
                                  strings.text("suspend.bad_choice", high=len(items)))
    return picked(answer)


async def suspend_receiving(ctx: CommandContext, names: list[str], seconds: int) -> None:
    facade = mail(ctx)
    ctx.out("")
    ctx.out(strings.text("suspend.waiting_listeners"))
    await facade.suspend_listeners(names, seconds)
    ctx.out(strings.text("suspend.receiving", names=", ".join(names)))


async def suspend_delivery(ctx: CommandContext, seconds: int,
                           domains: Optional[list[str]] = None) -> None:
    facade = mail(ctx)
    ctx.out(strings.text("suspend.waiting_delivery"))
    await facade.suspend_delivery(seconds, domains)
    ctx.out(strings.text("suspend.delivery") if domains is None
            else strings.text("suspend.delivery_domains", domains=", ".join(domains)))


async def ask_domains(ctx: CommandContext, verb: str) -> Optional[list[str]]:
    """``suspenddel``/``resumedel``'s domains: ``ALL`` (None) or a comma-separated list of
    ``example.com``, ``.example.com``, ``[192.0.2.1]`` (a bare address is bracketed)."""
    answer = await ctx.dialog.ask(strings.text(f"{verb}.domains"), ALL, validate=lambda text:
                                  None if parse_domains(text) is not False
                                  else strings.text("suspend.bad_domains"))
    return parse_domains(answer) or None


def parse_domains(text: str) -> list[str] | None | bool:
    """None for ``ALL``, the domains, or False when a part is malformed."""
    parts = [part.strip().lower() for part in text.split(",")]
    if parts == [ALL.lower()]:
        return None
    domains = []
    for part in parts:
        if is_ip(part):
            part = f"[{part}]"
        if part.startswith("[") and part.endswith("]"):
            ok = is_ip(part[1:-1])
        else:
            ok = hostname_error(part[1:] if part.startswith(".") else part) is None
        if not ok:
            return False
        domains.append(part)
    return domains


def resume_receiving(ctx: CommandContext, names: list[str]) -> None:
    resumed = mail(ctx).resume_listeners(names)
    ctx.out(strings.text("resume.receiving", names=", ".join(resumed)) if resumed
            else strings.text("resume.no_listeners"))


def resume_delivery(ctx: CommandContext, domains: Optional[list[str]] = None) -> None:
    """"Mail delivery resumed" whether or not delivery was suspended: Cisco's QA driver
    (``resumedel.py``) accepts only that line or a "cannot resume" error, and its own regression
    test (csa/tests/zeus1400/commonregression/sma_esa/ngsma/sar/search_and_remediate_onprem.robot)
    runs ``resumedel`` again in a teardown after delivery was already resumed."""
    mail(ctx).resume_delivery(domains)
    if domains is None:
        ctx.out(strings.text("resume.delivery"))
    else:
        ctx.out(strings.text("resume.delivery_domains", domains=", ".join(domains)))


def suspended_listeners(ctx: CommandContext) -> list[str]:
    names = mail(ctx).suspended()["listeners"]
    if not names:
        raise CommandAborted(strings.text("resume.no_listeners"))
    return names
