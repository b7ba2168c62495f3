"""What the queue commands share: reaching the SMTP core, and the "by recipient host, by
Envelope From address, or all" selection of ``showrecipients`` and ``deleterecipients`` with
its batch form ``<command> [host <hostname> | sender <address> | all]``."""
from __future__ import annotations

from typing import Optional

from .. import strings
from ..engine.batchargs import Arg, Batch, ErrorText, Form, literal
from ..engine.context import CommandContext, MailFacade
from ..engine.dialog import CommandAborted
from . import queue_strings  # noqa: F401  (registers the strings used below)

SELECTIONS = ("host", "sender", "all")
SUSPEND_SECONDS = 30


def mail(ctx: CommandContext) -> MailFacade:
    if ctx.appliance.mail is None:
        raise CommandAborted(strings.text("queue.unavailable"))
    return ctx.appliance.mail


def domain_error(text: str) -> Optional[str]:
    """Host names and domains: letters, digits, dots and dashes (IP literals too)."""
    cleaned = text.strip("[]")
    if not cleaned or any(not (c.isalnum() or c in ".-_:") for c in cleaned):
        return strings.text("hoststatus.bad_host")
    return None


def address_error(text: str) -> Optional[str]:
    return None if text and " " not in text else strings.text("error.required")


def usage_error(usage: str) -> ErrorText:
    """``Invalid arguments. Use: <usage>`` for arguments that fit no form."""
    return lambda command, words: strings.text("queue.bad_batch", usage=usage)


def selection_batch(usage: str) -> Batch:
    """``<command> host <hostname> | sender <address> | all``."""
    return Batch(*(Form(kind, literal(kind), *([Arg("value")] if kind != "all" else []))
                   for kind in SELECTIONS), error=usage_error(usage))


async def selection(ctx: CommandContext, verb: str) -> tuple[str, str]:
    """(host|sender|all, value), from the batch arguments (``selection_batch``) or the
    questions."""
    dialog = ctx.dialog
    if ctx.batch.form:
        return ctx.batch.form, ctx.batch.get("value", "")
    index = await dialog.choose(strings.text("queue.select", verb=verb),
                                [strings.text("queue.by_host"), strings.text("queue.by_sender"),
                                 strings.text("queue.by_all")], default=0)
    kind = SELECTIONS[index]
    if kind == "host":
        return kind, await dialog.ask(strings.text("queue.which_host", verb=verb),
                                      validate=domain_error)
    if kind == "sender":
        return kind, await dialog.ask(strings.text("queue.which_sender", verb=verb),
                                      validate=address_error)
    return kind, ""


async def ask_seconds(ctx: CommandContext) -> int:
    return await ctx.dialog.ask_int(strings.text("suspend.seconds"), SUSPEND_SECONDS, low=0,
                                    high=3600)
