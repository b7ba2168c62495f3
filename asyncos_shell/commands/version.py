"""``version``: hardware and software information (cli.md §5.18, corrections item 12)."""
from __future__ import annotations

import time

from .. import strings
from ..engine import profile
from ..engine.context import CommandContext
from ..engine.registry import command


# The day each release was built: fixed, as on an appliance, not the day the emulator started.
# Exact versions first (the releases the emulator's profiles name), then the release's family.
# Dates [R]: the 12.1 one is the CLI reference's example (cli.md §5.18), the others reasoned
# from the releases' publication years.
BUILD_DATES = {
    "16.0.3-025": "2025-04-22",
    "16.x": "2025-01-14",
    "14.x": "2021-03-09",
    "13.x": "2020-01-21",
    "12.x": "2019-03-01",
    "11.x": "2018-01-23",
    "9.x": "2015-11-10",
}


def build_date(version: str) -> str:
    return BUILD_DATES.get(version) or BUILD_DATES[profile.release(version)]


@command("version", "Show brief hardware and software information.")
async def version(ctx: CommandContext, args: list[str]) -> None:
    ident = ctx.appliance.identity
    model, product = profile.branding(ident.model)
    installed = ctx.appliance.history()[0].time
    title = strings.text("version.title")
    lines = [
        "", title, "=" * len(title),
        f"UDI: {ident.model} V {ident.serial.split('-')[0]}",
        f"Name: {ident.model}",
        f"Product: Cisco {model} {product}",
        f"Model: {ident.model}",
        f"Version: {ident.version}",
        f"Build Date: {build_date(ident.version)}",
        f"Install Date: {time.strftime('%Y-%m-%d %H:%M:%S', time.localtime(installed))}",
        f"Serial #: {ident.serial}",
        "BIOS: 6.00",
        "CPUs: 2 expected, 2 allocated",
        "Memory: 8192 MB expected, 8192 MB allocated",
        "Hard disk: 200 GB, or 250 GB expected; 250 GB allocated",
        "RAID: NA",
        "RAID Status: Unknown",
        "RAID Type: NA",
        "BMC: NA",
    ]
    for line in lines:
        ctx.out(line)
