"""certconfig → CERTIFICATE: certificate profiles (cli.md §5.1.2).

Every operation builds the new profile aside and stores it in the session's pending
configuration only when the whole dialogue succeeded, so an error leaves nothing changed.
"""
from __future__ import annotations

import asyncio
import copy
import re
from typing import Optional, Sequence

from cryptography import x509 as cx509

from cluster import clock, model, x509
from cluster.validate import country_ok, hostname_error

from ..engine.context import CommandContext
from ._choices import run_menu_batch
from .certconfig_common import (T, ask_bare, ask_export_name, ask_profile_name, certificate_users,
                                fqdn_covers_san, fqdn_question, fqdn_refused, pick,
                                read_import_file, table, write_export_file)

KEY_SIZES = (2048, 4096)
DEFAULT_DAYS = 3650
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


async def menu(ctx: CommandContext) -> None:
    await run_menu_batch(ctx.dialog, lambda: [
        ("IMPORT", T("cert.menu.import"), lambda: import_pkcs12(ctx)),
        ("PASTE", T("cert.menu.paste"), lambda: paste(ctx)),
        ("NEW", T("cert.menu.new"), lambda: new(ctx)),
        ("EDIT", T("cert.menu.edit"), lambda: edit(ctx)),
        ("EXPORT", T("cert.menu.export"), lambda: export(ctx)),
        ("DELETE", T("cert.menu.delete"), lambda: delete(ctx)),
        ("PRINT", T("cert.menu.print"), lambda: print_assignments(ctx)),
    ], status=lambda: listing(ctx))


def listing(ctx: CommandContext) -> str:
    """The profile table: status and days remaining computed from each real certificate."""
    profiles = ctx.session.read("certificates").profiles
    at = clock.utc_now(ctx.appliance.view().system)      # settime moves expiry too
    lines = ["", T("cert.list.title")]
    if not profiles:
        return "\n".join(lines + [T("cert.list.none")])
    rows = []
    for profile in profiles.values():
        info = x509.describe(profile.certificate_pem)
        rows.append([profile.name, info.common_name, info.issued_by,
                     T(f"cert.status.{x509.profile_state(profile, at)}"),
                     T("cert.list.days", days=info.days_remaining(at))])
    columns = [(T("cert.list.name"), 8, False), (T("cert.list.common_name"), 15, True),
               (T("cert.list.issued_by"), 15, True), (T("cert.list.status"), 11, False),
               (T("cert.list.remaining"), 9, False)]
    return "\n".join(lines + table(columns, rows))


def _names(ctx: CommandContext) -> list[str]:
    return list(ctx.session.read("certificates").profiles)


def _store(ctx: CommandContext, profile: model.CertificateProfile) -> None:
    ctx.session.edit("certificates").profiles[profile.name] = profile


# -- pasting certificates, keys and intermediates -------------------------------------------------
async def _paste_certificates(ctx: CommandContext) -> Optional[list[cx509.Certificate]]:
    text = await ctx.dialog.paste(T("cert.paste.certificate"))
    try:
        return x509.read_certificates(text)
    except ValueError:
        ctx.out("")
        ctx.out(T("cert.invalid_certificate"))
        return None


async def _paste_key(ctx: CommandContext):
    text = await ctx.dialog.paste(T("cert.paste.key"))
    try:
        return await asyncio.to_thread(x509.read_private_key, text)
    except x509.NeedsPassphrase:
        passphrase = await ctx.dialog.ask(T("cert.paste.passphrase"), hidden=True, required=False)
        try:
            return await asyncio.to_thread(x509.read_private_key, text, passphrase)
        except (ValueError, TypeError):
            pass
    except (ValueError, TypeError):
        pass
    ctx.out("")
    ctx.out(T("cert.invalid_key"))
    return None


def _key_refused(ctx: CommandContext, cert: cx509.Certificate, key) -> bool:
    if x509.public_key_matches(cert, key):
        return False
    ctx.out("")
    ctx.out(T("cert.key_mismatch"))
    return True


def _add_intermediates(ctx: CommandContext, profile: model.CertificateProfile,
                       certs: Sequence[cx509.Certificate]) -> None:
    """Append ``certs``, refusing any already in the chain (the certificate included)."""
    for _ in range(x509.add_intermediates(profile, certs)):
        ctx.out("")
        ctx.out(T("cert.duplicate_intermediate"))


async def _edit_intermediates(ctx: CommandContext, profile: model.CertificateProfile) -> None:
    """The add loop, then (with intermediates present) the remove loop (cli.md §5.1.2 step 5)."""
    while await ctx.dialog.yes_no(T("cert.add_intermediate"), False):
        text = await ctx.dialog.paste(T("cert.paste.intermediate"))
        try:
            certs = x509.read_certificates(text)
        except ValueError:
            ctx.out("")
            ctx.out(T("cert.invalid_intermediate"))
            continue
        _add_intermediates(ctx, profile, certs)
    while profile.intermediates and await ctx.dialog.yes_no(T("cert.remove_intermediate"), False):
        items = []
        for pem in profile.intermediates:
            cert = x509.load_certificate(pem)
            items.append(T("cert.intermediate_item", subject=x509.common_name(cert.subject),
                           issuer=x509.common_name(cert.issuer)))
        del profile.intermediates[await pick(ctx, T("cert.choose_intermediate"), items)]


# -- operations -----------------------------------------------------------------------------------
async def new(ctx: CommandContext) -> None:
    """A self-signed certificate and its CSR (question order of cli.md §5.1.2 NEW)."""
    smime = ctx.appliance.profile.smime_certificates and await ctx.dialog.choose(
        "", [T("cert.new.kind.normal"), T("cert.new.kind.smime")], 0) == 1
    name = await ask_profile_name(ctx)
    while True:
        common_name = await ask_bare(ctx, T("cert.new.common_name"))
        if not await fqdn_question(ctx) or not hostname_error(common_name.removeprefix("*.")):
            break
        ctx.out("")
        ctx.out(T("cert.fqdn_invalid", name=common_name))
    subject = x509.Subject(
        common_name=common_name,
        organization=await ask_bare(ctx, T("cert.new.organization")),
        organizational_unit=await ask_bare(ctx, T("cert.new.unit")),
        locality=await ask_bare(ctx, T("cert.new.locality")),
        state=await ask_bare(ctx, T("cert.new.state")),
        country=(await ask_bare(ctx, T("cert.new.country"), _country_error)).upper())
    days = await ctx.dialog.ask_int(T("cert.new.duration"), DEFAULT_DAYS, low=1, high=36500)
    bits = KEY_SIZES[await ctx.dialog.choose(T("cert.new.key_size"),
                                             [str(b) for b in KEY_SIZES], 0)]
    emails: list[str] = []
    dns_names: list[str] = []
    if smime:  # the SAN: email addresses, then DNS names (A phoebe1210 on [S])
        emails = await _members(ctx, "cert.new.email", _email_error)
        dns_names = await _members(ctx, "cert.new.dns", _dns_error)
    # RSA key generation takes seconds at 4096 bits: other sessions and mail keep flowing.
    made = await asyncio.to_thread(x509.make_self_signed, subject, days, bits, emails, dns_names)
    _store(ctx, model.CertificateProfile(name, made.certificate_pem, made.key_pem, [],
                                         made.csr_pem))
    if await ctx.dialog.yes_no(T("cert.new.view_csr"), True):
        ctx.out("")
        ctx.out(made.csr_pem.rstrip("\n"))


def _country_error(answer: str) -> Optional[str]:
    return None if country_ok(answer) else T("cert.new.country_invalid")


async def _members(ctx: CommandContext, question: str, validate) -> list[str]:
    """One answer, then more while "Add another member?" is answered yes."""
    members = [await ask_bare(ctx, T(question), validate)]
    while await ctx.dialog.yes_no(T("cert.new.add_member"), False):
        members.append(await ask_bare(ctx, T(question), validate))
    return members


def _dns_error(answer: str) -> Optional[str]:
    return hostname_error(answer.removeprefix("*."))


def _email_error(answer: str) -> Optional[str]:
    return None if _EMAIL.match(answer) else T("cert.new.email_invalid")


async def paste(ctx: CommandContext) -> None:
    """Certificate, private key (optionally encrypted) and intermediates pasted as PEM."""
    name = await ask_profile_name(ctx)
    certs = await _paste_certificates(ctx)
    if certs is None:
        return
    key = await _paste_key(ctx)
    if key is None or _key_refused(ctx, certs[0], key):
        return
    profile = model.CertificateProfile(name, x509.certificate_pem(certs[0]),
                                       x509.private_key_pem(key))
    _add_intermediates(ctx, profile, certs[1:])
    await _edit_intermediates(ctx, profile)
    if await fqdn_question(ctx) and fqdn_refused(ctx, certs[:1], fqdn_covers_san(ctx)):
        return
    _store(ctx, profile)


async def edit(ctx: CommandContext) -> None:
    """Replace the public certificate (same key only), manage intermediates, view the CSR."""
    names = _names(ctx)
    if not names:
        return
    name = names[await pick(ctx, T("cert.edit.choose"), names)]
    profile = copy.deepcopy(ctx.session.read("certificates").profiles[name])
    updated = None
    if await ctx.dialog.yes_no(T("cert.edit.update"), False):
        certs = await _paste_certificates(ctx)
        if certs is None:
            return
        key = await asyncio.to_thread(x509.read_private_key, profile.key_pem)
        if _key_refused(ctx, certs[0], key):
            return
        updated = certs[0]
        profile.certificate_pem = x509.certificate_pem(updated)
        _add_intermediates(ctx, profile, certs[1:])
    await _edit_intermediates(ctx, profile)
    if profile.csr_pem and await ctx.dialog.yes_no(T("cert.new.view_csr"), False):
        ctx.out("")
        ctx.out(profile.csr_pem.rstrip("\n"))
    if (updated is not None and await fqdn_question(ctx)
            and fqdn_refused(ctx, [updated], fqdn_covers_san(ctx))):
        return
    _store(ctx, profile)


async def import_pkcs12(ctx: CommandContext) -> None:
    """A PKCS#12 file uploaded to /configuration.  The FQDN question comes after the passphrase
    (14.x), before it, both or not at all: the knob ``fqdn_question``."""
    name = await ask_profile_name(ctx)
    data = await read_import_file(ctx)
    if data is None:
        return
    when = ctx.appliance.profile.fqdn_question
    check = when in ("before", "both") and await fqdn_question(ctx)
    passphrase = await ctx.dialog.ask(T("cert.paste.passphrase"), hidden=True, required=False)
    try:
        imported = await asyncio.to_thread(x509.read_pkcs12, data, passphrase)
    except ValueError:
        ctx.out("")
        ctx.out(T("cert.import.failed"))
        return
    if when in ("after", "both"):
        check = await fqdn_question(ctx) or check
    if check and fqdn_refused(ctx, [x509.load_certificate(imported.certificate_pem)],
                              fqdn_covers_san(ctx)):
        return
    _store(ctx, model.CertificateProfile(name, imported.certificate_pem, imported.key_pem,
                                         imported.intermediates))


async def export(ctx: CommandContext) -> None:
    """A passphrase-protected PKCS#12 file in /configuration."""
    names = _names(ctx)
    if not names:
        return
    profile = ctx.session.read("certificates").profiles[
        names[await pick(ctx, T("cert.export.choose"), names)]]
    filename = await ask_export_name(ctx)
    while True:
        passphrase = await ctx.dialog.ask(T("cert.export.passphrase"), hidden=True)
        if passphrase == await ctx.dialog.ask(T("cert.export.confirm"), hidden=True):
            break
        ctx.out(T("shared.passphrase_mismatch"))
    data = await asyncio.to_thread(x509.write_pkcs12, profile.name, profile.certificate_pem,
                                   profile.key_pem, profile.intermediates, passphrase)
    await write_export_file(ctx, filename, data)


async def delete(ctx: CommandContext) -> None:
    """Refused while a listener, delivery, an interface, LDAP or web security uses the profile."""
    names = _names(ctx)
    if not names:
        return
    name = names[await pick(ctx, T("cert.delete.choose"), names)]
    users = [service for service, profile in certificate_users(ctx) if profile == name]
    if users:
        ctx.out("")
        ctx.out(T("cert.delete.in_use", name=name))
        for service in users:
            ctx.out(f"    {service}")
        return
    if await ctx.dialog.yes_no(T("cert.delete.confirm", name=name), False):
        del ctx.session.edit("certificates").profiles[name]


async def print_assignments(ctx: CommandContext) -> None:
    """Which service uses which profile, then each profile's chain."""
    rows = [(service, profile or T("cert.print.not_set"))
            for service, profile in certificate_users(ctx)]
    ctx.out("")
    ctx.out("\n".join(table([(T("cert.print.service"), 0, False),
                             (T("cert.print.profile"), 0, False)], rows)))
    ctx.out("")
    ctx.out(T("cert.print.chain_title"))
    for profile in ctx.session.read("certificates").profiles.values():
        ctx.out("")
        ctx.out(profile.name)
        labels = [T("cert.print.chain_certificate")] + [
            T("cert.print.chain_intermediate", number=i)
            for i in range(1, len(profile.intermediates) + 1)]
        for label, pem in zip(labels, [profile.certificate_pem, *profile.intermediates]):
            cert = x509.load_certificate(pem)
            ctx.out(T("cert.print.chain_line", label=label, subject=x509.oneline(cert.subject),
                      issuer=x509.oneline(cert.issuer),
                      until=x509.openssl_date(cert.not_valid_after_utc)))
