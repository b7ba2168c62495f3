"""System Administration > Configuration File: download the configuration this session sees
(passphrases masked or encrypted, as ``saveconfig``) and load one into the pending changes (as
``loadconfig``: the same reading and validation, the shell's, through ``Gui.config_files``)."""
from __future__ import annotations

import asyncio
import datetime as dt
from typing import Optional

from cluster import tree, xmlconf
from cluster.validate import ConfigError

from .. import strings
from ..forms import Form
from ..gui import Call
from ..routes import Reply, route
from . import config_file_strings  # noqa: F401  (registers the string table)

T = strings.text
PAGE = "/system_administration/configuration_file"
SECRETS = ("mask", "encrypt")


def _page(call: Call, form: Optional[Form] = None, status: int = 200) -> Reply:
    return call.render("admin/config_file.html", status,
                       values=form.values if form else {"secrets": "mask"},
                       errors=form.errors if form else {})


@route("GET", PAGE)
async def page(call: Call) -> Reply:
    if call.gui.config_files is None:
        return call.message("error.not_found", 404)
    return _page(call)


@route("POST", PAGE + "/download")
async def download(call: Call) -> Reply:
    if call.gui.config_files is None:
        return call.message("error.not_found", 404)
    form = Form(call)
    secrets = form.choice("secrets", SECRETS)
    if not form.ok:
        return _page(call, form, 400)
    text = await asyncio.to_thread(call.gui.config_files.export, call.session.config.config,
                                   secrets)
    ident = call.appliance.identity
    name = f"{ident.model}-{ident.serial}-{dt.datetime.now():%Y%m%dT%H%M%S}.xml"
    return call.download(name, text.encode(), "application/xml")


@route("POST", PAGE + "/load")
async def load(call: Call) -> Reply:
    if call.gui.config_files is None:
        return call.message("error.not_found", 404)
    form = Form(call)
    text = call.raw("file").decode("latin-1")
    session = call.session.config
    if not text.strip():
        form.refuse("file", T("cfg.none"))
        return _page(call, form, 400)
    try:
        loaded = await asyncio.to_thread(call.gui.config_files.load, text, session.config)
    except ValueError as error:   # XmlConfigError, MaskedSecrets, ConfigError are ValueErrors
        form.refuse("file", _load_error(error))
        return _page(call, form, 400)
    if not tree.diff(session.config.to_tree(), loaded.to_tree()):
        return call.redirect(PAGE, T("cfg.unchanged"), "info")
    session.config.levels, session.config.foreign_xml = loaded.levels, loaded.foreign_xml
    return call.redirect(PAGE, T("cfg.loaded"))


def _load_error(error: ValueError) -> str:
    if isinstance(error, xmlconf.MaskedSecrets):
        return T("cfg.masked")
    if isinstance(error, ConfigError):
        return T("cfg.invalid", errors="; ".join(error.errors))
    return T("cfg.failed")
