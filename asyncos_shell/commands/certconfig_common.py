"""Pieces the certconfig sub-menus share: files in /configuration, the FQDN check, the
profile-name question, tables, and which services use which certificate profile."""
from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Optional, Sequence

from cryptography import x509 as cx509

from cluster import validate, x509
from cluster.validate import hostname_error, name_error

from .. import strings
from ..engine.context import CommandContext
from . import _configfile, _shared_strings, certconfig_strings  # noqa: F401  (registers the string table)

T = strings.text


# -- questions ------------------------------------------------------------------------------------
async def ask_bare(ctx: CommandContext, question: str, validate=None) -> str:
    """A question answered at a bare ``> `` sub-prompt (no default)."""
    return await ctx.dialog.ask(question, validate=validate, prompt=T("certconfig.prompt.bare"))


async def ask_profile_name(ctx: CommandContext) -> str:
    """The new profile's name; an existing name is taken only when the user agrees to overwrite."""
    def check(answer: str) -> Optional[str]:
        return name_error("certificate", answer)

    while True:
        name = await ask_bare(ctx, T("cert.profile_name"), check)
        if name not in ctx.session.read("certificates").profiles:
            return name
        if await ctx.dialog.yes_no(T("cert.profile_exists", name=name), False):
            return name


async def pick(ctx: CommandContext, question: str, items: Sequence[str]) -> int:
    """A numbered list without a default; returns the 0-based index."""
    return await ctx.dialog.choose(question, list(items))


# -- the FQDN check (cli.md §5.1.2 step 6) -----------------------------------------------------
def not_fqdn(cert: cx509.Certificate, with_san: bool) -> Optional[str]:
    """The first of the certificate's names that is not a fully qualified domain name."""
    names = [x509.common_name(cert.subject)] + (x509.dns_names(cert) if with_san else [])
    for name in names:
        if hostname_error(name[2:] if name.startswith("*.") else name):
            return name
    return None


async def fqdn_question(ctx: CommandContext, with_san: bool = False) -> bool:
    """The FQDN question in the wording of the appliance's release (False where the release
    does not ask it): ``with_san`` for CA certificates, whose 14.x wording names SAN:dNSName."""
    check = ctx.appliance.profile.fqdn_check
    if check is None:
        return False
    question = "cert.fqdn_san" if with_san or check == "common_name_or_san" else "cert.fqdn"
    return await ctx.dialog.yes_no(T(question), False)


def fqdn_covers_san(ctx: CommandContext) -> bool:
    """Whether the certificate-profile FQDN check also looks at SAN:dNSName (16.0.3 wording)."""
    return ctx.appliance.profile.fqdn_check == "common_name_or_san"


def fqdn_refused(ctx: CommandContext, certs: Sequence[cx509.Certificate], with_san: bool,
                 error: str = "cert.fqdn_invalid") -> bool:
    """Print ``error`` and return True when one of ``certs`` fails the FQDN check."""
    for cert in certs:
        name = not_fqdn(cert, with_san)
        if name is not None:
            ctx.out("")
            ctx.out(T(error, name=name))
            return True
    return False


# -- files in /configuration ----------------------------------------------------------------------
def config_file(ctx: CommandContext, name: str) -> Optional[Path]:
    """``name`` inside the appliance's /configuration directory, or None when it names
    anything else (another directory, ``..``)."""
    return _configfile.resolve(ctx, name)


async def read_import_file(ctx: CommandContext) -> Optional[bytes]:
    """Ask for a file in /configuration and read it; prints the error when it does not exist."""
    hostname = ctx.appliance.hostname()
    name = await ctx.dialog.ask(T("cert.import.file", hostname=hostname))
    path = config_file(ctx, name)
    try:
        if path is None:
            raise FileNotFoundError(name)
        return await asyncio.to_thread(path.read_bytes)
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        ctx.out("")
        ctx.out(T("cert.import.missing", name=name))
        return None


async def ask_export_name(ctx: CommandContext) -> str:
    def check(answer: str) -> Optional[str]:
        return None if config_file(ctx, answer) else T("cert.export.bad_name", name=answer)
    return await ctx.dialog.ask(T("cert.export.file"), validate=check)


async def write_export_file(ctx: CommandContext, name: str, data: bytes) -> None:
    """Write ``data`` to /configuration/``name`` (owner-only: it may hold keys)."""
    path = config_file(ctx, name)

    def write() -> None:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    ctx.out("")
    try:
        await asyncio.to_thread(write)
    except OSError:
        ctx.out(T("cert.export.write_failed", name=name))
        return
    ctx.out(T("shared.file_written", hostname=ctx.appliance.hostname(), name=path.name))


# -- layout ---------------------------------------------------------------------------------------
def table(columns: Sequence[tuple[str, int, bool]], rows: Sequence[Sequence[str]]) -> list[str]:
    """Lines of a fixed-width table: (title, width, truncate) per column; a column that may not
    truncate grows to its longest value."""
    widths = []
    for index, (title, width, truncate) in enumerate(columns):
        if not truncate:
            width = max([width, len(title)] + [len(row[index]) for row in rows])
        widths.append(width)

    def line(values: Sequence[str]) -> str:
        return "  ".join(value[:width].ljust(width) for value, width in zip(values, widths)).rstrip()
    return [line([c[0] for c in columns]), line(["-" * w for w in widths]),
            *(line(row) for row in rows)]


# -- who uses which certificate -------------------------------------------------------------------
def certificate_users(ctx: CommandContext) -> list[tuple[str, str]]:
    """(service, profile name) for every service that can present a certificate; the profile
    is "" where none is set."""
    return [(T(f"cert.service.{kind}", name=name), profile)
            for kind, name, profile in validate.certificate_users(ctx.session.view())]
