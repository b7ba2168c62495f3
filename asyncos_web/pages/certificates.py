"""Network > Certificates: the list, Add Certificate (self-signed or PKCS#12), a certificate's
page (signing request, signed certificate and intermediates), Export, Delete, and the
certificate authorities (seed §3.1-§3.3).

The rules are the CLI's (``cluster.validate`` and ``cluster.x509``); every change is built aside
and stored in the session's pending configuration only when the whole form is valid.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import copy
import functools
from typing import Optional

from cluster import clock, model, validate, x509

from .. import strings
from ..forms import Form
from ..gui import Call
from ..routes import Reply, route
from . import certificates_strings  # noqa: F401  (registers the string table)

T = strings.text
KEY_SIZES = ("2048", "4096")
DEFAULT_DAYS = 3650
LIST = "/network/certificates"
PROFILE = LIST + r"/profile/(?P<name>[A-Za-z0-9_.-]+)"


def _profiles(call: Call) -> dict[str, model.CertificateProfile]:
    return call.view().certificates.profiles


def _summary(call: Call, profile: model.CertificateProfile) -> dict:
    # The appliance's clock (settime moves it), to the minute: the cache key.
    at = clock.utc_now(call.view().system).replace(second=0, microsecond=0)
    return _described(profile.name, profile.certificate_pem, bool(profile.csr_pem), at)


@functools.lru_cache(maxsize=256)
def _described(name: str, certificate_pem: str, has_csr: bool, at: dt.datetime) -> dict:
    """A certificate as the pages show it at the time ``at`` (parsing is the costly part of the
    list: cached per certificate and minute)."""
    profile = model.CertificateProfile(name, certificate_pem, csr_pem="csr" if has_csr else "")
    info = x509.describe(certificate_pem)
    cert = x509.load_certificate(certificate_pem)
    return {"name": name, "common_name": info.common_name, "issued_by": info.issued_by,
            "status": T(f"cert.status.{x509.profile_state(profile, at)}"),
            "remaining": T("cert.list.days", days=info.days_remaining(at)),
            "subject": x509.oneline(cert.subject), "issuer": x509.oneline(cert.issuer),
            "expires": x509.openssl_date(cert.not_valid_after_utc)}


@route("GET", LIST)
async def listing(call: Call) -> Reply:
    view = call.view()
    section = view.certificates
    return call.render("certificates/list.html", level=call.level("certificates"),
                       certificates=[_summary(call, p) for p in section.profiles.values()],
                       section=section)


# -- Add Certificate ------------------------------------------------------------------------
def _add_form(call: Call, form: Optional[Form] = None, status: int = 200) -> Reply:
    values = form.values if form else {"kind": "self_signed", "days": str(DEFAULT_DAYS),
                                       "key_size": KEY_SIZES[0]}
    return call.render("certificates/add.html", status, values=values,
                       errors=form.errors if form else {}, key_sizes=KEY_SIZES,
                       level=call.level("certificates"))


@route("GET", LIST + "/add")
async def add_page(call: Call) -> Reply:
    return _add_form(call)


def _new_name(form: Form, call: Call) -> str:
    name = form.text("name")
    if name and (error := validate.name_error("certificate", name)):
        form.refuse("name", error)
    elif name in _profiles(call):
        form.refuse("name", T("cert.name.exists", name=name))
    return name


@route("POST", LIST + "/add")
async def add(call: Call) -> Reply:
    """Next: make the certificate (key generation runs off the loop) and show it for Submit."""
    form = Form(call)
    kind = form.choice("kind", ("self_signed", "import"))
    name = _new_name(form, call)
    if kind == "import":
        profile = await _import(call, form, name)
    else:
        profile = await _self_signed(form, name)
    if profile is None:
        return _add_form(call, form, 400)
    call.session.draft = profile
    return call.render("certificates/review.html", certificate=_summary(call, profile),
                       csr=profile.csr_pem)


async def _self_signed(form: Form, name: str) -> Optional[model.CertificateProfile]:
    subject = x509.Subject(
        common_name=form.text("common_name"), organization=form.text("organization"),
        organizational_unit=form.text("unit"), locality=form.text("locality"),
        state=form.text("state"), country=form.text("country").upper())
    if subject.country and not validate.country_ok(subject.country):
        form.refuse("country", T("cert.country_invalid"))
    days = form.integer("days", 1, 36500)
    bits = int(form.choice("key_size", KEY_SIZES, KEY_SIZES[0]) or KEY_SIZES[0])
    if not form.ok:
        return None
    made = await asyncio.to_thread(x509.make_self_signed, subject, days, bits)
    return model.CertificateProfile(name, made.certificate_pem, made.key_pem, [], made.csr_pem)


async def _import(call: Call, form: Form, name: str) -> Optional[model.CertificateProfile]:
    data = call.raw("file")
    if not data:
        form.refuse("file", T("cert.import.missing"))
    if not form.ok:
        return None
    try:
        imported = await asyncio.to_thread(x509.read_pkcs12, data, call.field("password"))
    except ValueError:
        form.refuse("password", T("cert.import.failed"))
        return None
    return model.CertificateProfile(name, imported.certificate_pem, imported.key_pem,
                                    list(imported.intermediates))


@route("POST", LIST + "/add/submit")
async def add_submit(call: Call) -> Reply:
    profile, call.session.draft = call.session.draft, None
    if profile is None or call.field("action") != "submit":
        return call.redirect(LIST)
    if profile.name in _profiles(call):   # added meanwhile in another tab
        return call.redirect(LIST, T("cert.name.exists", name=profile.name), "error")
    call.edit("certificates").profiles[profile.name] = profile
    return call.redirect(LIST, T("cert.added", name=profile.name))


# -- a certificate's page -------------------------------------------------------------------
def _edit_page(call: Call, profile: model.CertificateProfile, errors: dict,
               status: int = 200) -> Reply:
    intermediates = [x509.oneline(x509.load_certificate(pem).subject)
                     for pem in profile.intermediates]
    return call.render("certificates/edit.html", status, certificate=_summary(call, profile),
                       has_csr=bool(profile.csr_pem), intermediates=intermediates, errors=errors,
                       level=call.level("certificates"))


@route("GET", PROFILE)
async def edit_page(call: Call) -> Reply:
    profile = _profiles(call).get(call.params["name"])
    if profile is None:
        return call.message("error.not_found", 404)
    return _edit_page(call, profile, {})


@route("POST", PROFILE)
async def edit(call: Call) -> Reply:
    """Upload Signed Certificate (same key only) and intermediate certificates."""
    name = call.params["name"]
    current = _profiles(call).get(name)
    if current is None:
        return call.message("error.not_found", 404)
    profile = copy.deepcopy(current)
    form = Form(call)
    removed = {int(i) for i in call.fields("remove") if i.isdigit()}
    profile.intermediates = [pem for i, pem in enumerate(profile.intermediates)
                             if i not in removed]
    signed = call.raw("signed").decode("utf-8", "replace")
    if signed.strip():
        certs = await _certificates(form, "signed", signed, "cert.invalid_certificate")
        if certs:
            key = await asyncio.to_thread(x509.read_private_key, profile.key_pem)
            if not x509.public_key_matches(certs[0], key):
                form.refuse("signed", T("cert.key_mismatch"))
            else:
                profile.certificate_pem = x509.certificate_pem(certs[0])
                x509.add_intermediates(profile, certs[1:])
    intermediate = call.raw("intermediate").decode("utf-8", "replace")
    if intermediate.strip():
        certs = await _certificates(form, "intermediate", intermediate,
                                    "cert.invalid_intermediate")
        if certs and x509.add_intermediates(profile, certs):
            form.refuse("intermediate", T("cert.duplicate_intermediate"))
    if not form.ok:
        return _edit_page(call, current, form.errors, 400)
    call.edit("certificates").profiles[name] = profile
    return call.redirect(LIST, T("cert.edit.saved", name=name))


async def _certificates(form: Form, field: str, text: str, message: str):
    try:
        return await asyncio.to_thread(x509.read_certificates, text)
    except ValueError:
        form.refuse(field, T(message))
        return None


@route("GET", PROFILE + "/csr")
async def download_csr(call: Call) -> Reply:
    profile = _profiles(call).get(call.params["name"])
    if profile is None or not profile.csr_pem:
        return call.message("error.not_found", 404)
    return call.download(f"{profile.name}.csr.pem", profile.csr_pem.encode(),
                         "application/x-pem-file")


# -- Export ---------------------------------------------------------------------------------
def _export_form(call: Call, form: Optional[Form] = None, status: int = 200) -> Reply:
    names = list(_profiles(call))
    values = form.values if form else {"certificate": call.field("name") or
                                       (names[0] if names else "")}
    return call.render("certificates/export.html", status, names=names, values=values,
                       errors=form.errors if form else {})


@route("GET", LIST + "/export")
async def export_page(call: Call) -> Reply:
    return _export_form(call)


@route("POST", LIST + "/export")
async def export(call: Call) -> Reply:
    """A passphrase-protected PKCS#12 file, downloaded by the browser."""
    form = Form(call)
    profiles = _profiles(call)
    name = form.choice("certificate", list(profiles))
    filename = form.text("file") or f"{name}.p12"
    form.values["file"] = filename
    password = call.field("password")
    if not password:
        form.refuse("password", T("error.required"))
    elif password != call.field("confirm"):
        form.refuse("confirm", T("cert.export.mismatch"))
    if not form.ok:
        return _export_form(call, form, 400)
    profile = profiles[name]
    data = await asyncio.to_thread(x509.write_pkcs12, profile.name, profile.certificate_pem,
                                   profile.key_pem, profile.intermediates, password)
    return call.download(filename, data, "application/x-pkcs12")


# -- Delete ---------------------------------------------------------------------------------
def _users(call: Call, name: str) -> list[str]:
    return [T(f"cert.service.{kind}", name=user)
            for kind, user, profile in validate.certificate_users(call.view()) if profile == name]


@route("GET", PROFILE + "/delete")
async def delete_page(call: Call) -> Reply:
    name = call.params["name"]
    if name not in _profiles(call):
        return call.message("error.not_found", 404)
    return call.render("certificates/delete.html", name=name)


@route("POST", PROFILE + "/delete")
async def delete(call: Call) -> Reply:
    name = call.params["name"]
    if name not in _profiles(call):
        return call.message("error.not_found", 404)
    users = _users(call, name)
    if users:
        return call.redirect(LIST, T("cert.delete.in_use", name=name, users=", ".join(users)),
                             "error")
    del call.edit("certificates").profiles[name]
    return call.redirect(LIST, T("cert.deleted", name=name))


# -- Certificate Authorities ------------------------------------------------------------------
def _authorities_page(call: Call, errors: dict, status: int = 200) -> Reply:
    section = call.view().certificates
    custom = [(name, x509.oneline(x509.load_certificate(ca.pem).subject))
              for name, ca in section.custom_cas.items()]
    return call.render("certificates/authorities.html", status, section=section, custom=custom,
                       errors=errors, level=call.level("certificates"))


@route("GET", LIST + "/authorities")
async def authorities_page(call: Call) -> Reply:
    return _authorities_page(call, {})


@route("POST", LIST + "/authorities")
async def authorities(call: Call) -> Reply:
    form = Form(call)
    section = copy.deepcopy(call.view().certificates)
    section.system_ca_enabled = form.choice("system", ("on", "off")) == "on"
    section.custom_ca_enabled = form.choice("custom", ("on", "off")) == "on"
    for name in call.fields("remove"):
        section.custom_cas.pop(name, None)
    text = call.raw("import").decode("utf-8", "replace")
    if text.strip():
        try:
            certs = await asyncio.to_thread(x509.read_certificates, text)
        except ValueError:
            form.refuse("import", T("ca.unreadable"))
        else:
            skipped = x509.add_custom_cas(section, certs)
            if skipped:
                form.refuse("import", T("ca.already_present", name=", ".join(skipped)))
    if not form.ok:
        return _authorities_page(call, form.errors, 400)
    edited = call.edit("certificates")
    edited.system_ca_enabled, edited.custom_ca_enabled = (section.system_ca_enabled,
                                                          section.custom_ca_enabled)
    edited.custom_cas = section.custom_cas
    return call.redirect(LIST, T("ca.saved"))
