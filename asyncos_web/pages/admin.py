"""System Administration > LDAP (global settings with the certificate) and Security Services >
URL Filtering (the client certificate), seed §3.4."""
from __future__ import annotations

from typing import Optional

from .. import strings
from ..forms import Form
from ..gui import Call
from ..routes import Reply, route
from . import admin_strings  # noqa: F401  (registers the string table)

T = strings.text
LDAP, URL_FILTERING = "/system_administration/ldap", "/security_services/url_filtering"


@route("GET", LDAP)
async def ldap(call: Call) -> Reply:
    return call.render("admin/ldap.html", ldap=call.view().ldap, level=call.level("ldap"))


def _ldap_page(call: Call, form: Optional[Form] = None, status: int = 200) -> Reply:
    view = call.view()
    values = form.values if form else {"interface": view.ldap.interface,
                                       "certificate": view.ldap.certificate}
    return call.render("admin/ldap_global.html", status, values=values,
                       errors=form.errors if form else {},
                       interfaces=[("Auto", T("ldap.auto"))] + [(n, n) for n in view.interfaces],
                       certificates=list(view.certificates.profiles), level=call.level("ldap"))


@route("GET", LDAP + "/global")
async def ldap_global_page(call: Call) -> Reply:
    return _ldap_page(call)


@route("POST", LDAP + "/global")
async def ldap_global(call: Call) -> Reply:
    view = call.view()
    form = Form(call)
    interface = form.choice("interface", ["Auto", *view.interfaces])
    certificate = form.choice("certificate", list(view.certificates.profiles))
    if not form.ok:
        return _ldap_page(call, form, 400)
    section = call.edit("ldap")
    section.interface, section.certificate = interface, certificate
    return call.redirect(LDAP, T("ldap.saved"))


def _url_page(call: Call, form: Optional[Form] = None, status: int = 200) -> Reply:
    view = call.view()
    values = form.values if form else {
        "url_filtering": "on" if view.websecurity.url_filtering else "",
        "client_certificate": view.websecurity.client_certificate}
    return call.render("admin/url_filtering.html", status, values=values,
                       errors=form.errors if form else {},
                       certificates=[("", T("url.none"))] + [
                           (n, n) for n in view.certificates.profiles],
                       level=call.level("websecurity"))


@route("GET", URL_FILTERING)
async def url_filtering_page(call: Call) -> Reply:
    return _url_page(call)


@route("POST", URL_FILTERING)
async def url_filtering(call: Call) -> Reply:
    form = Form(call)
    enabled = form.checked("url_filtering")
    certificate = form.choice("client_certificate", ["", *call.view().certificates.profiles])
    if not form.ok:
        return _url_page(call, form, 400)
    section = call.edit("websecurity")
    section.url_filtering, section.client_certificate = enabled, certificate
    return call.redirect(URL_FILTERING, T("url.saved"))
