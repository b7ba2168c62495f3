"""The configuration file as the CLI writes and reads it: the passphrase-option question shared by
saveconfig, showconfig and mailconfig, and the file naming of ``/configuration``."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from cluster import xmlconf

from .. import strings
from ..engine.context import CommandContext
from . import configfile_strings  # noqa: F401  (registers the strings)

async def passphrase_option(ctx: CommandContext) -> str:
    """``Choose the passphrase option:`` 1. Mask / 2. Encrypt (AsyncOS 14+, cli.md §5.13); the
    release's wording and options come from the appliance's profile (3. Plain before 14.0).

    Accepts the older batch form ``saveconfig y 1`` whose first word answered "mask?".
    """
    if ctx.dialog.answers and ctx.dialog.answers[0].lower() in ("y", "yes", "n", "no"):
        mask = ctx.dialog.answers.popleft().lower().startswith("y")
        if not ctx.dialog.answers:
            return "mask" if mask else "encrypt"
    profile = ctx.appliance.profile
    wording, options = profile.secrets_wording, profile.secrets_options
    index = await ctx.dialog.choose(strings.text(f"config.option.{wording}"),
                                    [strings.text(f"config.{wording}.{o}") for o in options], 0)
    return options[index]


def export(ctx: CommandContext, secrets: str) -> str:
    """The XML of the configuration this session sees, pending changes included."""
    return xmlconf.export_xml(ctx.session.config, ctx.appliance.machine, secrets,
                              key=ctx.appliance.config_key if secrets == "encrypt" else None)


def file_name(ctx: CommandContext, now: dt.datetime | None = None) -> str:
    ident = ctx.appliance.identity
    stamp = (now or dt.datetime.now()).strftime("%Y%m%dT%H%M%S")
    return f"{ident.model}-{ident.serial}-{stamp}.xml"


MAX_NAME_BYTES = 255  # a file name on the appliance's file system


def plain_file_name(name: str) -> bool:
    """A name the file system takes as one file directly in a directory: no ``/``, not ``.``
    or ``..``, no NUL, at most 255 bytes (else the OS raises instead of refusing)."""
    return (bool(name) and "/" not in name and "\0" not in name and name not in (".", "..")
            and len(name.encode("utf-8", "surrogateescape")) <= MAX_NAME_BYTES)


def resolve(ctx: CommandContext, name: str) -> Path | None:
    """A file name typed by the user, inside ``/configuration`` or None when it is not a
    plain file name there."""
    name = name.removeprefix("/configuration/")
    if not plain_file_name(name):
        return None
    base = ctx.appliance.config_dir.resolve()
    path = (base / name).resolve()  # a symbolic link must not lead out of /configuration
    return path if path.parent == base else None
