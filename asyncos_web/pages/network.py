"""Network > Listeners (the Certificate drop-down, seed §3.4 inbound TLS) and Network > IP
Interfaces (hostname, services and ports, HTTPS Certificate, seed §3.4 HTTPS)."""
from __future__ import annotations

import copy

from cluster import validate

from .. import strings
from ..forms import Form
from ..gui import Call
from ..routes import Reply, route
from . import network_strings  # noqa: F401  (registers the string table)

T = strings.text
LISTENERS, INTERFACES = "/network/listeners", "/network/interfaces"
# The services an interface's page turns on and off, with their default ports (interfaceconfig).
SERVICES = (("ftp", "FTP", 21), ("ssh", "SSH", 22), ("http", "HTTP", 80), ("https", "HTTPS", 443))


@route("GET", LISTENERS)
async def listeners(call: Call) -> Reply:
    return call.render("network/listeners.html", level=call.level("listeners"),
                       listeners=list(call.view().listeners.listeners.values()))


def _listener_page(call: Call, listener, form=None, status: int = 200) -> Reply:
    return call.render("network/listener.html", status, listener=listener,
                       certificates=list(call.view().certificates.profiles),
                       level=call.level("listeners"),
                       values=form.values if form else {"certificate": listener.certificate},
                       errors=form.errors if form else {})


@route("GET", LISTENERS + "/edit")
async def listener_page(call: Call) -> Reply:
    listener = call.view().listeners.listeners.get(call.field("name"))
    if listener is None:
        return call.message("error.not_found", 404)
    return _listener_page(call, listener)


@route("POST", LISTENERS + "/edit")
async def edit_listener(call: Call) -> Reply:
    name = call.field("name")
    listener = call.view().listeners.listeners.get(name)
    if listener is None:
        return call.message("error.not_found", 404)
    form = Form(call)
    certificate = form.choice("certificate", list(call.view().certificates.profiles))
    if not form.ok:
        return _listener_page(call, listener, form, 400)
    call.edit("listeners").listeners[name].certificate = certificate
    return call.redirect(LISTENERS, T("listeners.saved", name=name))


# -- IP Interfaces ----------------------------------------------------------------------------
@route("GET", INTERFACES)
async def interfaces(call: Call) -> Reply:
    rows = [(iface, ", ".join(f"{label} ({iface.services[key]})"
                              for key, label, _ in SERVICES if key in iface.services))
            for iface in call.view().interfaces.values()]
    return call.render("network/interfaces.html", level=call.level("interfaces"), rows=rows)


def _interface_page(call: Call, iface, form=None, status: int = 200) -> Reply:
    if form is None:
        values = {"hostname": iface.hostname, "https_certificate": iface.https_certificate,
                  "http_redirect": "on" if iface.http_redirect else ""}
        for key, _, default in SERVICES:
            values[key] = "on" if key in iface.services else ""
            values[f"{key}_port"] = str(iface.services.get(key, default))
    else:
        values = form.values
    return call.render("network/interface.html", status, iface=iface, values=values,
                       errors=form.errors if form else {}, services=SERVICES,
                       certificates=list(call.view().certificates.profiles),
                       level=call.level("interfaces"))


@route("GET", INTERFACES + "/edit")
async def interface_page(call: Call) -> Reply:
    iface = call.view().interfaces.get(call.field("name"))
    if iface is None:
        return call.message("error.not_found", 404)
    return _interface_page(call, iface)


@route("POST", INTERFACES + "/edit")
async def edit_interface(call: Call) -> Reply:
    view = call.view()
    name = call.field("name")
    current = view.interfaces.get(name)
    if current is None:
        return call.message("error.not_found", 404)
    form = Form(call)
    iface = copy.deepcopy(current)
    iface.hostname = form.text("hostname")
    if iface.hostname and (error := validate.hostname_error(iface.hostname)):
        form.refuse("hostname", error)
    iface.https_certificate = form.choice("https_certificate", list(view.certificates.profiles))
    iface.http_redirect = form.checked("http_redirect")
    users = validate.port_users(view)
    for key, _, _ in SERVICES:
        port = form.integer(f"{key}_port", 1, 65535) if form.checked(key) else None
        iface.services.pop(key, None)
        if port is None:
            continue
        iface.services[key] = port
        for address in validate.interface_addresses(iface):
            user = users.get((address, port), f"{key} on {name}")
            if user != f"{key} on {name}":
                form.refuse(f"{key}_port", T("interfaces.port_in_use", port=port, user=user))
    if not form.ok:
        return _interface_page(call, current, form, 400)
    call.edit("interfaces")[name] = iface
    return call.redirect(INTERFACES, T("interfaces.saved", name=name))
