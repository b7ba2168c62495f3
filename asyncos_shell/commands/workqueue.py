"""``workqueue``: the work queue's status, pausing and resuming it (received messages wait
there instead of going to delivery), and its rate over time.  Batch:
``workqueue [status | pause | resume | rate [seconds]]``.

The menu offers PAUSE only while the queue runs and RESUME only while it is paused: Cisco's QA
driver (github dharma412/PythonClass csa/testlib/phoebe1411/cli/ctor/workqueue.py, every ESA
release) treats "Unknown option" after ``resume`` as "was not paused".  Ctrl-C in RATE goes
back to the menu (the same driver waits for "Choose the operation" after interrupting it)."""
from __future__ import annotations

import asyncio

from .. import strings
from ..engine.batchargs import Arg, Batch, Form, answer_with
from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted, run_menu
from ..engine.registry import COMMIT_ROLES, command
from ._queue import mail
from .rate import monitor

WORDS = ("STATUS", "PAUSE", "RATE", "RESUME")
# ``workqueue <operation> [seconds]``: the operation without the menu, the seconds answer
# ``rate``'s question; another word gets the menu's error.
BATCH = Batch(Form("operation", Arg("operation", choices=WORDS), Arg("seconds", optional=True),
                   answers=answer_with("seconds")),
              error=lambda command, words: strings.text("error.menu_choice",
                                                        answer=words[0].upper()))


@command("workqueue", strings.text("workqueue.description"),
         usage="workqueue [status|pause|resume|rate [seconds]]", roles=COMMIT_ROLES, batch=BATCH)
async def workqueue(ctx: CommandContext, args: list[str]) -> None:
    facade = mail(ctx)
    out = ctx.out
    batch = bool(ctx.batch.form)

    async def show_status() -> None:
        out("")
        out(strings.text("workqueue.state_paused" if facade.suspended()["work_queue"]
                         else "workqueue.state_operational"))
        out(strings.text("workqueue.messages", count=facade.counters()["work_queue_messages"]))

    async def pause() -> None:
        reason = ""
        if not batch:
            if not await ctx.dialog.yes_no(strings.text("workqueue.confirm_pause"), False):
                return
            # Cisco's QA driver answers a reason after confirming (workqueue.py in its library).
            reason = await ctx.dialog.ask(strings.text("workqueue.reason"), "")
        facade.pause_work_queue(reason)
        out("")
        out(strings.text("workqueue.paused"))

    async def resume() -> None:
        facade.resume_work_queue()
        out("")
        out(strings.text("workqueue.resumed"))

    async def rate() -> None:
        try:
            await monitor(ctx, [strings.text("workqueue.rate_header")], _work_rates)
        except asyncio.CancelledError:
            if batch or ctx.cli.closed:
                raise
            asyncio.current_task().uncancel()   # Ctrl-C: back to this menu

    def operations() -> list:
        offered = {"PAUSE": not facade.suspended()["work_queue"],
                   "RESUME": facade.suspended()["work_queue"]}
        return [(word, strings.text(f"workqueue.{word.lower()}"), handler)
                for word, handler in zip(WORDS, (show_status, pause, rate, resume))
                if offered.get(word, True)]
    if batch:
        word = ctx.batch["operation"]
        handler = next((h for w, _, h in operations() if w == word), None)
        if handler is None:
            raise CommandAborted(strings.text("error.menu_choice", answer=word))
        await handler()
        return
    await run_menu(ctx.dialog, operations)


def _work_rates(now: dict, last: dict) -> str:
    """Messages held, received and passed on to delivery during the interval."""
    def passed(counters: dict) -> int:
        return counters.get("messages_received", 0) - counters.get("work_queue_messages", 0)
    received = now.get("messages_received", 0) - last.get("messages_received", 0)
    return f"   {now['work_queue_messages']:>7}{received:>7}{passed(now) - passed(last):>7}"
