"""Monitor > Message Tracking: search the mail log by sender, recipient, subject and time; a
message's page shows its events (ICID -> MID -> DCID, TLS lines) in log order."""
from __future__ import annotations

import asyncio
import datetime as dt

from .. import strings, tracking
from ..appliance import log_path
from ..gui import Call
from ..routes import ANY, Reply, route
from . import tracking_strings  # noqa: F401  (registers the string table)

T = strings.text
PAGE = "/monitor/tracking"
SINCE = {"hour": dt.timedelta(hours=1), "day": dt.timedelta(days=1),
         "week": dt.timedelta(days=7), "all": None}


async def _messages(call: Call) -> dict[int, tracking.Tracked]:
    path = log_path(call.appliance, "mail_logs")
    return await asyncio.to_thread(lambda: tracking.track(tracking.read_lines(path)))


@route("GET", PAGE, ANY)
async def search(call: Call) -> Reply:
    values = {name: call.field(name) for name in ("sender", "recipient", "subject")}
    since = call.field("since") if call.field("since") in SINCE else "day"
    values["since"] = since
    results = None
    if call.field("search"):
        window = SINCE[since]
        results = tracking.search(await _messages(call), values["sender"], values["recipient"],
                                  values["subject"],
                                  dt.datetime.now() - window if window else None)
    return call.render("monitor/tracking.html", values=values, results=results,
                       since_options=[(key, T(f"track.since.{key}")) for key in SINCE])


@route("GET", PAGE + "/message", ANY)
async def message(call: Call) -> Reply:
    mid = call.field("mid")
    found = (await _messages(call)).get(int(mid)) if mid.isdigit() else None
    if found is None:
        return call.message("error.not_found", 404)
    return call.render("monitor/message.html", message=found)
