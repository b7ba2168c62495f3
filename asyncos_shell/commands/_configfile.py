"""The configuration file as the CLI writes and reads it: the passphrase-option question shared by
saveconfig, showconfig and mailconfig, and the file naming of ``/configuration``."""
from __future__ import annotations

import dataclasses
import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from cluster import passwords, xmlconf
from cluster.levels import ClusterConfig
from cluster.validate import validate

from .. import strings
from ..engine import profile
from ..engine.batchargs import Arg, Batch, Form, answer_with
from ..engine.context import Appliance, CommandContext
from . import configfile_strings  # noqa: F401  (registers the strings)
from .listenerconfig_files import parse_hat

def passphrase_batch(*before: Arg) -> Batch:
    """The arguments ``before`` (``mailconfig``'s address), then ``[y|n] [option]``: the
    option answers ``passphrase_option``'s question, and the older form's ``y``/``n``, which
    answered "mask?", stands for it when no option follows (``saveconfig y``)."""
    return Batch(Form("options", *before,
                      Arg("mask", optional=True, choices=("y", "yes", "n", "no")),
                      Arg("option", optional=True),
                      answers=answer_with(*(a.name for a in before), "option")))


async def passphrase_option(ctx: CommandContext) -> str:
    """``Choose the passphrase option:`` 1. Mask / 2. Encrypt (AsyncOS 14+, cli.md §5.13); the
    release's wording and options come from the appliance's profile (3. Plain before 14.0)."""
    mask = ctx.batch.get("mask")
    if mask and not ctx.dialog.batch:
        return "mask" if mask.startswith("y") else "encrypt"
    profile = ctx.appliance.profile
    wording, options = profile.secrets_wording, profile.secrets_options
    index = await ctx.dialog.choose(strings.text(f"config.option.{wording}"),
                                    [strings.text(f"config.{wording}.{o}") for o in options], 0)
    return options[index]


# What the file's header says about the box: the CPUs and memory ``version`` reports, and feature
# keys as "Feature "<name>": <remaining>" lines (the form configlook reads; names and values [R]).
HARDWARE = xmlconf.Hardware(cpus=2, memory_gb=8, features=(
    'Feature "Incoming Mail Handling": Perpetual',
    'Feature "IronPort Anti-Spam": Perpetual',
    'Feature "Sophos Anti-Virus": Perpetual',
    'Feature "Outbreak Filters": Perpetual',
))


def export(ctx: CommandContext, secrets: str) -> str:
    """The XML of the configuration this session sees, pending changes included."""
    return export_config(ctx.appliance, ctx.session.config, secrets)


def export_config(appliance: Appliance, config: ClusterConfig, secrets: str) -> str:
    """The configuration file of ``config`` as ``appliance`` writes it (the CLI's saveconfig and
    showconfig, the GUI's Configuration File)."""
    title, product = profile.branding(appliance.identity.model)
    return xmlconf.export_xml(config, appliance.machine, secrets,
                              hardware=dataclasses.replace(HARDWARE,
                                                           product=f"Cisco {title} {product}"),
                              key=appliance.config_key if secrets == "encrypt" else None)


def load_config(appliance: Appliance, text: str, current: ClusterConfig) -> ClusterConfig:
    """A configuration file (loadconfig, the GUI's Load Configuration) as the configuration it
    makes of ``current``.  Raises ``xmlconf.MaskedSecrets``, ``xmlconf.XmlConfigError`` or
    ``TableFileError`` for a file that cannot be read, ``ConfigError`` for one that must not be
    committed (all ValueErrors)."""
    machine = appliance.machine
    loaded = xmlconf.import_xml(text, appliance.config_key)
    read_hat_text(loaded)
    keep_own_passphrases(loaded, current, machine)
    loaded = xmlconf.retarget(loaded, current, machine)
    validate(loaded)
    return loaded


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


def read_hat_text(config: ClusterConfig) -> None:
    """A real appliance's file holds each listener's HAT as text in ``<hat>``, which the
    configuration codec keeps aside unread: read it as listenerconfig's HOSTACCESS IMPORT reads
    a HAT file.  Raises ``TableFileError`` on a line that format does not know."""
    for anchor, fragments in list(config.foreign_xml.items()):
        level, _, path = anchor.partition("|")
        settings = config.levels.get(level, {}).get("listeners")
        if settings is None or not path.startswith("/listeners/"):
            continue
        listener = settings.listeners.get(path.removeprefix("/listeners/"))
        elements = [ET.fromstring(fragment) for fragment in fragments]
        texts = [e.text or "" for e in elements if e.tag == "hat" and not len(e)]
        if listener is None or not texts:
            continue
        listener.hat = parse_hat(texts[0], listener.hat.default_params)
        kept = [f for f, e in zip(fragments, elements) if e.tag != "hat"]
        if kept:
            config.foreign_xml[anchor] = kept
        else:
            del config.foreign_xml[anchor]


def keep_own_passphrases(loaded: ClusterConfig, current: ClusterConfig, machine: str) -> None:
    """A file saved on a real appliance carries that appliance's password hashes, which the
    emulator cannot check: such a user keeps the passphrase it has here [R].  (A user new to
    this appliance keeps the unusable hash, and the commit gate refuses it.)"""
    try:
        mine = current.resolve("users", machine).users
    except KeyError:
        return
    for sections in loaded.levels.values():
        users = sections.get("users")
        for user in users.users.values() if users is not None else ():
            if passwords.hash_error(user.password_hash) and user.name in mine:
                user.password_hash = mine[user.name].password_hash
