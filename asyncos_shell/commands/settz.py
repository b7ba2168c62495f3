"""``settz``: the appliance's time zone, chosen by continent, country and zone from the system's
time zone database (``zone.tab``), or ``GMT Offset`` zones.  Applied on commit to log time
stamps (with their ``Time offset from UTC`` header line in new files) and to ``status``.
Batch: ``settz <Area/Location>``, or ``settz <Area> <Location>`` as Cisco's QA driver types it
(``csa/testlib/phoebe1411/cli/ctor/settz.py``: ``"settz %s %s" % (continent, zone)``)."""
from __future__ import annotations

import functools
import zoneinfo
from pathlib import Path
from typing import Optional

from cluster import clock

from .. import strings
from ..engine.batchargs import Arg, Batch, Form, as_typed, none_of
from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted
from ..engine.registry import CONFIG_ROLES, command
from . import time_strings  # noqa: F401  (registers the strings)
from ._choices import run_menu_batch

CONTINENTS = ("Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia",
              "Europe", "Indian", "Pacific")
GMT_OFFSETS = ["Etc/GMT"] + [f"Etc/GMT{sign}{hours}" for sign, top in (("-", 14), ("+", 12))
                             for hours in range(1, top + 1)]


def T(string_id: str, **values: object) -> str:
    return strings.text(f"settz.{string_id}", **values)


@command("settz", T("description"), usage="settz [Area/Location]", roles=CONFIG_ROLES,
         sections=("system",),
         batch=Batch(Form("zone", Arg("zone", fits=none_of("setup"))),
                     Form("pair", Arg("area", fits=none_of("setup")), Arg("location")),
                     as_typed()))
async def settz(ctx: CommandContext, args: list[str]) -> None:
    dialog = ctx.dialog
    if ctx.batch.form in ("zone", "pair"):
        zone = ctx.batch["zone"] if ctx.batch.form == "zone" else \
            f"{ctx.batch['area']}/{ctx.batch['location']}"
        if clock.zone_error(zone):
            raise CommandAborted(T("unknown", zone=zone))
        ctx.session.edit("system").timezone = zone
        return

    def status() -> str:
        return "\n".join(["", T("current", zone=ctx.session.read("system").timezone),
                          T("version", version=_version())])

    async def setup() -> None:
        ctx.session.edit("system").timezone = await _choose_zone(
            ctx, ctx.session.read("system").timezone)

    await run_menu_batch(dialog, lambda: [("SETUP", T("op_setup"), setup)], status)


async def _choose_zone(ctx: CommandContext, current: str) -> str:
    dialog = ctx.dialog
    areas = [*CONTINENTS, T("gmt_offset")]
    area = current.split("/")[0]
    index = await dialog.choose(T("continent"), areas,
                                areas.index(area) if area in areas else len(areas) - 1)
    if index == len(CONTINENTS):
        return GMT_OFFSETS[await dialog.choose(
            T("zone"), GMT_OFFSETS, GMT_OFFSETS.index(current) if current in GMT_OFFSETS else 0)]
    by_country = _countries(CONTINENTS[index])
    countries = sorted(by_country)
    here = next((c for c in countries if current in by_country[c]), None)
    country = countries[await dialog.choose(T("country"), countries,
                                            countries.index(here) if here else None)]
    zones = by_country[country]
    if len(zones) == 1:
        return zones[0]
    return zones[await dialog.choose(T("zone"), zones,
                                     zones.index(current) if current in zones else 0)]


@functools.lru_cache(maxsize=None)
def _countries(continent: str) -> dict[str, list[str]]:
    """Country name -> its zones in ``continent`` (``zone.tab`` order)."""
    names = {code: name for code, name in _table("iso3166.tab", 2)}
    result: dict[str, list[str]] = {}
    for code, _, zone in _table("zone.tab", 3):
        if zone.split("/")[0] == continent:
            result.setdefault(names.get(code, code), []).append(zone)
    return result


def _table(name: str, columns: int) -> list[tuple[str, ...]]:
    path = _database() / name
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            rows.append(tuple(line.split("\t")[:columns]))
    return rows


def _database() -> Path:
    return next((Path(p) for p in zoneinfo.TZPATH if (Path(p) / "zone.tab").exists()),
                Path("/usr/share/zoneinfo"))


def _version() -> str:
    """The database's release (``2024a``), from ``tzdata.zi`` when the system has it."""
    path = _database() / "tzdata.zi"
    first: Optional[str] = None
    if path.exists():
        with open(path, encoding="utf-8") as handle:
            first = handle.readline().strip()
    return first.removeprefix("# version ") if first else "unknown"
