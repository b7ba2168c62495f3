"""The appliance's clock: its time zone (``settz``) and the offset ``settime`` set from the
host's clock.  Log time stamps, their ``Time offset from UTC`` header line, ``status`` and the
certificate validity checks (delivery's and ``tlsverify``'s verification, certconfig's expiry)
all read the time here."""
from __future__ import annotations

import datetime as dt
import functools
import time
import zoneinfo
from typing import Optional

from . import model


@functools.lru_cache(maxsize=16)
def zone(name: str) -> dt.tzinfo:
    """The named zone; UTC for a name the system does not know."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return dt.timezone.utc


def zone_error(name: str) -> Optional[str]:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return f"unknown time zone {name!r}"
    return None


def utc_now(system: model.System) -> dt.datetime:
    """Now on the appliance's clock, in UTC (for comparing with certificate dates)."""
    return dt.datetime.fromtimestamp(time.time() + system.clock_offset_seconds, dt.timezone.utc)


def local_time(system: model.System, when: Optional[float] = None) -> dt.datetime:
    """``when`` (the host's epoch seconds, now by default) on the appliance's clock."""
    moment = (time.time() if when is None else when) + system.clock_offset_seconds
    return dt.datetime.fromtimestamp(moment, zone(system.timezone))
