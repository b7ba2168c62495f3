"""Monitor > Spam Quarantine: the messages the local Spam Quarantine holds, and Release.

AsyncOS has no CLI command that lists or releases messages of the Spam Quarantine (``isqadmin``
and ``isqalias`` manage its users and aliases); an operator does it in the GUI, so the emulator
does too.  A released message goes to all its recipients (the core logs it as the appliance
does)."""
from __future__ import annotations

import time

from .. import strings
from ..gui import Call
from ..routes import ANY, Reply, route
from . import spam_quarantine_strings  # noqa: F401  (registers the string table)

T = strings.text
PAGE = "/monitor/spam_quarantine"


def _quarantine(call: Call):
    mail = call.appliance.mail
    return getattr(mail, "spam_quarantine", None)


@route("GET", PAGE, ANY)
async def listing(call: Call) -> Reply:
    quarantine = _quarantine(call)
    held = quarantine.listed() if quarantine is not None else []
    rows = [(m, time.strftime("%d %b %Y %H:%M (GMT)", time.gmtime(m.received))) for m in held]
    return call.render("monitor/spam_quarantine.html", rows=rows)


@route("POST", PAGE + "/release")
async def release(call: Call) -> Reply:
    mids = [int(mid) for mid in call.fields("mid") if mid.isdigit()]
    if _quarantine(call) is None or not mids:
        return call.redirect(PAGE, T("isq.none_selected"), "error")
    released = [mid for mid in mids if await call.appliance.mail.release_spam(mid)]
    return call.redirect(PAGE, T("isq.released", count=len(released)))
