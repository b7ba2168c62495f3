"""``workqueue``: the work queue's status, pausing and resuming it (received messages wait
there instead of going to delivery), and its rate over time.  Batch:
``workqueue [status | pause | resume | rate [seconds]]``."""
from __future__ import annotations

from .. import strings
from ..engine.context import CommandContext
from ..engine.dialog import run_menu
from ..engine.registry import COMMIT_ROLES, command
from ._queue import mail
from .rate import monitor


@command("workqueue", strings.text("workqueue.description"),
         usage="workqueue [status|pause|resume|rate [seconds]]", roles=COMMIT_ROLES)
async def workqueue(ctx: CommandContext, args: list[str]) -> None:
    facade = mail(ctx)
    out = ctx.out
    batch = ctx.dialog.batch

    async def show_status() -> None:
        out("")
        out(strings.text("workqueue.state_paused" if facade.suspended()["work_queue"]
                         else "workqueue.state_operational"))
        out(strings.text("workqueue.messages", count=facade.counters()["work_queue_messages"]))

    async def pause() -> None:
        if not batch:
            if not await ctx.dialog.yes_no(strings.text("workqueue.confirm_pause"), False):
                return
            # Cisco's QA driver answers a reason after confirming (workqueue.py in its library).
            await ctx.dialog.ask(strings.text("workqueue.reason"), "")
        out("")
        out(strings.text("workqueue.paused" if facade.pause_work_queue()
                         else "workqueue.already_paused"))

    async def resume() -> None:
        out("")
        out(strings.text("workqueue.resumed" if facade.resume_work_queue()
                         else "workqueue.not_paused"))

    async def rate() -> None:
        await monitor(ctx, [strings.text("workqueue.rate_header")], _work_rates)

    operations = [("STATUS", strings.text("workqueue.status"), show_status),
                  ("PAUSE", strings.text("workqueue.pause"), pause),
                  ("RATE", strings.text("workqueue.rate"), rate),
                  ("RESUME", strings.text("workqueue.resume"), resume)]
    if batch:
        word = ctx.dialog.answers.popleft().upper()
        handler = next((h for w, _, h in operations if w == word), None)
        if handler is None:
            ctx.dialog.answers.appendleft(word)   # the menu prints the appliance's error
        else:
            await handler()
            return
    await run_menu(ctx.dialog, lambda: operations)


def _work_rates(now: dict, last: dict) -> str:
    """Messages held, received and passed on to delivery during the interval."""
    def passed(counters: dict) -> int:
        return counters.get("messages_received", 0) - counters.get("work_queue_messages", 0)
    received = now.get("messages_received", 0) - last.get("messages_received", 0)
    return f"   {now['work_queue_messages']:>7}{received:>7}{passed(now) - passed(last):>7}"
