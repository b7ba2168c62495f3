"""certconfig → CERTAUTHORITY (system and custom trust lists, cli.md §5.1.3) and → CRL
(revocation lists of custom certificate authorities, honoured by verification)."""
from __future__ import annotations

from typing import Callable, Sequence

from cryptography import x509 as cx509

from cluster import model, x509

from ..engine.context import CommandContext
from ._choices import run_menu_batch
from .certconfig_common import (T, ask_export_name, fqdn_question, fqdn_refused, pick,
                                read_import_file, table, write_export_file)


def _state(enabled: bool) -> str:
    return T("ca.enabled" if enabled else "ca.disabled")


def _section(ctx: CommandContext) -> model.Certificates:
    return ctx.session.read("certificates")


def _edit(ctx: CommandContext) -> model.Certificates:
    return ctx.session.edit("certificates")


def _subject_line(cert: cx509.Certificate) -> str:
    """``C=US, O=Lab, CN=Lab Root CA``: the attributes in the certificate's order."""
    return ", ".join(f"{a.rfc4514_attribute_name}={a.value}" for a in cert.subject)


def _show(ctx: CommandContext, title: str, certs: Sequence[cx509.Certificate]) -> None:
    """PRINT: the title and a blank line, then one subject per line, each starting with an
    attribute: Cisco's SMA automation splits the output after "certificates:" and takes only
    lines starting with C=, O=, OU= or CN= (Z); the ESA one drops the first four lines."""
    ctx.out("")
    ctx.out(T(title))
    ctx.out("")
    ctx.out("\n".join(_subject_line(c) for c in certs))


async def _export_pems(ctx: CommandContext, certs: Sequence[cx509.Certificate]) -> None:
    name = await ask_export_name(ctx)
    await write_export_file(ctx, name, "".join(x509.certificate_pem(c) for c in certs).encode())


# -- CERTAUTHORITY ----------------------------------------------------------------------------------
async def menu(ctx: CommandContext) -> None:
    def status() -> str:
        section = _section(ctx)
        return "\n".join(["", T("ca.status.custom", state=_state(section.custom_ca_enabled)),
                          T("ca.status.system", state=_state(section.system_ca_enabled))])
    await run_menu_batch(ctx.dialog, lambda: [
        ("CUSTOM", T("ca.menu.custom"), lambda: custom_menu(ctx)),
        ("SYSTEM", T("ca.menu.system"), lambda: system_menu(ctx)),
    ], status=status)


def _toggle(ctx: CommandContext, kind: str) -> tuple[str, str, Callable]:
    """The one of ENABLE / DISABLE that applies: Cisco's SMA automation checks the list's
    status and sends neither when the list is already as wanted ("Already Enabled", Z), so the
    menu offers only the change.  It prints the line saying what changed (ZT)."""
    on = not getattr(_section(ctx), f"{kind}_ca_enabled")

    async def switch() -> None:
        setattr(_edit(ctx), f"{kind}_ca_enabled", on)
        ctx.out("")
        ctx.out(T(f"ca.{kind}.{'enabled' if on else 'disabled'}"))
    return ("ENABLE", T("ca.menu.enable"), switch) if on else (
        "DISABLE", T("ca.menu.disable"), switch)


def _list_status(ctx: CommandContext, kind: str) -> str:
    """A sub-menu's one status line: after PRINT, Cisco's SMA automation reads up to the menu
    and accepts a single line that is not a subject (Z), so the CAs are not listed here."""
    return "\n" + T(f"ca.status.{kind}", state=_state(getattr(_section(ctx),
                                                                 f"{kind}_ca_enabled")))


async def system_menu(ctx: CommandContext) -> None:
    async def show() -> None:
        _show(ctx, "ca.print.system", x509.system_roots())

    async def export() -> None:
        await _export_pems(ctx, x509.system_roots())

    await run_menu_batch(ctx.dialog, lambda: [
        _toggle(ctx, "system"),
        ("PRINT", T("ca.menu.print"), show),
        ("EXPORT", T("ca.menu.export"), export),
    ], status=lambda: _list_status(ctx, "system"))


async def custom_menu(ctx: CommandContext) -> None:
    await run_menu_batch(ctx.dialog, lambda: [
        _toggle(ctx, "custom"),
        ("IMPORT", T("ca.menu.import"), lambda: import_custom(ctx)),
        ("DELETE", T("ca.menu.delete"), lambda: delete_custom(ctx)),
        ("PRINT", T("ca.menu.print"), lambda: print_custom(ctx)),
        ("EXPORT", T("ca.menu.export"), lambda: export_custom(ctx)),
    ], status=lambda: _list_status(ctx, "custom"))


async def import_custom(ctx: CommandContext) -> None:
    """Every certificate of a PEM file in /configuration joins the custom list."""
    data = await read_import_file(ctx)
    if data is None:
        return
    try:
        certs = x509.read_certificates(data.decode("utf-8", "replace"))
    except ValueError:
        ctx.out("")
        ctx.out(T("ca.unreadable"))
        return
    if (await fqdn_question(ctx, with_san=True)
            and fqdn_refused(ctx, certs, True, "ca.fqdn_invalid")):
        return
    skipped = x509.add_custom_cas(_edit(ctx), certs)
    for name in skipped:
        ctx.out("")
        ctx.out(T("ca.already_present", name=name))
    if len(certs) > len(skipped):
        ctx.out("")
        ctx.out(T("ca.imported", count=len(certs) - len(skipped)))


def _no_custom(ctx: CommandContext) -> bool:
    if _section(ctx).custom_cas:
        return False
    ctx.out("")
    ctx.out(T("ca.none"))
    return True


async def delete_custom(ctx: CommandContext) -> None:
    if _no_custom(ctx):
        return
    names = list(_section(ctx).custom_cas)
    name = names[await pick(ctx, T("ca.delete.choose"), names)]
    if await ctx.dialog.yes_no(T("ca.delete.confirm", name=name), False):
        del _edit(ctx).custom_cas[name]


async def print_custom(ctx: CommandContext) -> None:
    if _no_custom(ctx):
        return
    _show(ctx, "ca.print.custom",
          [x509.load_certificate(ca.pem) for ca in _section(ctx).custom_cas.values()])


async def export_custom(ctx: CommandContext) -> None:
    if _no_custom(ctx):
        return
    cas = list(_section(ctx).custom_cas.values())
    if ctx.appliance.profile.ca_export_choice and not await ctx.dialog.yes_no(T("ca.export.all"),
                                                                              True):
        cas = [cas[await pick(ctx, T("ca.export.choose"), [ca.name for ca in cas])]]
    await _export_pems(ctx, [x509.load_certificate(ca.pem) for ca in cas])


# -- CRL --------------------------------------------------------------------------------------------
def _crl_listing(ctx: CommandContext) -> str:
    crls = _section(ctx).crls
    lines = ["", T("crl.title")]
    if not crls:
        return "\n".join(lines + [T("crl.none")])
    rows = []
    for name, pem in crls.items():
        crl = x509.read_crl(pem.encode())
        rows.append([name, x509.openssl_date(crl.last_update_utc),
                     x509.openssl_date(crl.next_update_utc) if crl.next_update_utc else "-",
                     str(len(crl))])
    columns = [(T("crl.issuer"), 0, False), (T("crl.last_update"), 0, False),
               (T("crl.next_update"), 0, False), (T("crl.revoked"), 0, False)]
    return "\n".join(lines + table(columns, rows))


async def crl_menu(ctx: CommandContext) -> None:
    await run_menu_batch(ctx.dialog, lambda: [
        ("IMPORT", T("crl.menu.import"), lambda: import_crl(ctx)),
        ("DELETE", T("crl.menu.delete"), lambda: delete_crl(ctx)),
        ("PRINT", T("crl.menu.print"), lambda: print_crl(ctx)),
    ], status=lambda: _crl_listing(ctx))


async def import_crl(ctx: CommandContext) -> None:
    """A CRL (PEM or DER) signed by one of the custom CAs; it replaces that CA's previous one."""
    data = await read_import_file(ctx)
    if data is None:
        return
    try:
        crl = x509.read_crl(data)
    except ValueError:
        ctx.out("")
        ctx.out(T("crl.unreadable"))
        return
    issuers = [x509.load_certificate(ca.pem) for ca in _section(ctx).custom_cas.values()]
    if not any(ca.subject == crl.issuer and crl.is_signature_valid(ca.public_key())
               for ca in issuers):
        ctx.out("")
        ctx.out(T("crl.no_ca"))
        return
    _edit(ctx).crls[x509.common_name(crl.issuer)] = x509.crl_pem(crl)


async def _pick_crl(ctx: CommandContext, question: str) -> str | None:
    names = list(_section(ctx).crls)
    if not names:
        ctx.out("")
        ctx.out(T("crl.none"))
        return None
    return names[await pick(ctx, question, names)]


async def delete_crl(ctx: CommandContext) -> None:
    name = await _pick_crl(ctx, T("crl.delete.choose"))
    if name is not None and await ctx.dialog.yes_no(T("crl.delete.confirm", name=name), False):
        del _edit(ctx).crls[name]


async def print_crl(ctx: CommandContext) -> None:
    name = await _pick_crl(ctx, T("crl.print.choose"))
    if name is None:
        return
    crl = x509.read_crl(_section(ctx).crls[name].encode())
    ctx.out("")
    ctx.out(T("crl.print.head", issuer=x509.oneline(crl.issuer),
              last=x509.openssl_date(crl.last_update_utc),
              next=x509.openssl_date(crl.next_update_utc) if crl.next_update_utc else "-",
              count=len(crl)))
    for revoked in crl:
        ctx.out(T("crl.print.item", serial=f"{revoked.serial_number:X}",
                  date=x509.openssl_date(revoked.revocation_date_utc)))
