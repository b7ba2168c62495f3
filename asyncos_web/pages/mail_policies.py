"""Mail Policies > Mail Flow Policies (a policy's TLS, the Default Policy Parameters; seed §4),
HAT Overview, and Destination Controls (Add Destination, TLS Support, Edit Global Settings;
seed §5, §8.2)."""
from __future__ import annotations

import copy
from typing import Optional

from cluster import model, senders, validate

from .. import strings
from ..forms import Form
from ..gui import Call
from ..routes import Reply, route
from . import mail_policies_strings  # noqa: F401  (registers the string table)

T = strings.text
MAIL_FLOW, HAT, DESTINATIONS = ("/mail_policies/mail_flow", "/mail_policies/hat",
                                "/mail_policies/destinations")
# destconfig's limits (the CLI's ranges)
MAX_CONCURRENCY, MAX_MESSAGES, MAX_RECIPIENTS = 1000, 1000, 1000000000


def _listener(call: Call) -> Optional[model.Listener]:
    listeners = call.view().listeners.listeners
    name = call.field("listener") or next(iter(listeners), "")
    return listeners.get(name)


def _tls_label(value: Optional[str]) -> str:
    return T(f"mailflow.tls.{value}") if value else ""


@route("GET", MAIL_FLOW)
async def mail_flow(call: Call) -> Reply:
    listener = _listener(call)
    if listener is None:
        return call.message("error.not_found", 404)
    return call.render("mail_policies/mail_flow.html", listener=listener,
                       listeners=list(call.view().listeners.listeners),
                       default_tls=_tls_label(listener.hat.default_params.tls or "off"),
                       tls_label=_tls_label, level=call.level("listeners"))


def _tls_options(default: Optional[str]) -> list[tuple[str, str]]:
    """The TLS radio buttons; a policy also offers "Use Default" (the listener's default)."""
    options = [(value, T(f"mailflow.tls.{value}")) for value in model.HAT_TLS]
    if default is not None:
        options.insert(0, ("", T("mailflow.use_default", value=_tls_label(default))))
    return options


def _policy_page(call: Call, listener: model.Listener, policy: Optional[model.MailFlowPolicy],
                 form: Optional[Form] = None, status: int = 200) -> Reply:
    params = policy.params if policy else listener.hat.default_params
    default = (listener.hat.default_params.tls or "off") if policy else None
    return call.render("mail_policies/policy.html", status, listener=listener, policy=policy,
                       tls_options=_tls_options(default),
                       values=form.values if form else {"tls": params.tls or ""},
                       errors=form.errors if form else {}, level=call.level("listeners"))


def _listener_and_policy(call: Call):
    """(listener, the policy ``name`` or None for its Default Policy Parameters); None when
    either does not exist."""
    listener = _listener(call)
    name = call.field("name")
    policy = listener.hat.policies.get(name) if listener else None
    if listener is None or (name and policy is None):
        return None
    return listener, policy


@route("GET", MAIL_FLOW + "/policy")
async def policy_page(call: Call) -> Reply:
    """A policy's page (``name``), or with no name the listener's Default Policy Parameters."""
    found = _listener_and_policy(call)
    if found is None:
        return call.message("error.not_found", 404)
    return _policy_page(call, *found)


@route("POST", MAIL_FLOW + "/policy")
async def edit_policy(call: Call) -> Reply:
    found = _listener_and_policy(call)
    if found is None:
        return call.message("error.not_found", 404)
    listener, policy = found
    form = Form(call)
    allowed = [value for value, _ in _tls_options(None if policy is None else "off")]
    tls = form.choice("tls", allowed)
    if not form.ok:
        return _policy_page(call, listener, policy, form, 400)
    hat = call.edit("listeners").listeners[listener.name].hat
    params = hat.policies[policy.name].params if policy else hat.default_params
    params.tls = tls or None
    notice = (T("mailflow.saved", name=policy.name) if policy
              else T("mailflow.default_saved", name=listener.name))
    return call.redirect(f"{MAIL_FLOW}?listener={listener.name}", notice)


@route("GET", HAT)
async def hat_overview(call: Call) -> Reply:
    listener = _listener(call)
    if listener is None:
        return call.message("error.not_found", 404)
    return call.render("mail_policies/hat.html", listener=listener,
                       listeners=list(call.view().listeners.listeners),
                       level=call.level("listeners"))


def _group(call: Call) -> tuple[Optional[model.Listener], Optional[model.SenderGroup]]:
    listener = _listener(call)
    name = call.field("name")
    group = next((g for g in listener.hat.sender_groups if g.name and g.name == name),
                 None) if listener else None
    return listener, group


def _group_page(call: Call, listener: model.Listener, group: model.SenderGroup,
                form: Optional[Form] = None, status: int = 200) -> Reply:
    return call.render("mail_policies/sender_group.html", status, listener=listener, group=group,
                       values=form.values if form else {}, errors=form.errors if form else {},
                       level=call.level("listeners"))


@route("GET", HAT + "/group")
async def group_page(call: Call) -> Reply:
    listener, group = _group(call)
    if group is None:
        return call.message("error.not_found", 404)
    return _group_page(call, listener, group)


@route("POST", HAT + "/group")
async def edit_group(call: Call) -> Reply:
    """Add senders (IP addresses, ranges, host names, as listenerconfig takes them) to a sender
    group, or remove the ticked ones; duplicates within the group are dropped."""
    listener, group = _group(call)
    if group is None:
        return call.message("error.not_found", 404)
    form = Form(call)
    typed = form.text("add", required=False)
    added: list[str] = []
    if typed:
        try:
            added = [s.text for s in senders.parse_list(typed)]
        except senders.SenderSyntaxError as error:
            form.refuse("add", str(error))
    if not form.ok:
        return _group_page(call, listener, group, form, 400)
    removed = set(call.fields("remove"))
    hat = call.edit("listeners").listeners[listener.name].hat
    edited = next(g for g in hat.sender_groups if g.name == group.name)
    kept = [s for s in edited.senders if s not in removed]
    edited.senders = kept + [s for s in dict.fromkeys(added) if s not in kept]
    return call.redirect(f"{HAT}?listener={listener.name}",
                         T("hat.saved", name=group.name))


# -- Destination Controls ---------------------------------------------------------------------
def _dest_tls_label(value: Optional[str], default: str) -> str:
    return T(f"dest.tls.{value}") if value else T("dest.tls.default", value=T(f"dest.tls.{default}"))


@route("GET", DESTINATIONS)
async def destinations(call: Call) -> Reply:
    dest = call.view().destconfig
    return call.render("mail_policies/destinations.html", dest=dest,
                       tls_label=lambda v: _dest_tls_label(v, dest.default.tls),
                       level=call.level("destconfig"))


# Destination settings chosen from a list: field -> (string prefix, the model's tokens); each
# list also offers "Use Default" (None: the default entry's value applies).
CHOICES = {"limit_type": ("dest.limit_type", model.LIMIT_TYPES),
           "limit_apply": ("dest.limit_apply", model.LIMIT_APPLIES),
           "dane": ("dest.dane", model.DEST_DANE),
           "ip_sort_pref": ("dest.ip_sort", model.IP_SORT_PREFS)}
LIMITS = ("max_concurrency", "max_messages_per_connection", "recipient_limit",
          "recipient_minutes")


def _options(prefix: str, tokens, default_value) -> list[tuple[str, str]]:
    return [("", T("dest.use_default", value=T(f"{prefix}.{default_value}")))] + [
        (token, T(f"{prefix}.{token}")) for token in tokens]


def _destination_page(call: Call, entry: Optional[model.DestinationControl],
                      form: Optional[Form] = None, status: int = 200) -> Reply:
    dest = call.view().destconfig
    default = dest.default
    if form is not None:
        values = form.values
    else:
        shown = entry or model.DestinationControl("")
        values = {name: "" if getattr(shown, name) is None else str(getattr(shown, name))
                  for name in (*LIMITS, *CHOICES, "tls")}
        values["domain"] = shown.domain
        values["bounce_verification"] = {None: "", True: "on", False: "off"}[
            shown.bounce_verification]
    tls_options = _options("dest.tls", model.DEST_TLS, default.tls)
    choices = [(name, T(prefix), _options(prefix, tokens, getattr(default, name)))
               for name, (prefix, tokens) in CHOICES.items()]
    bounce = _options("dest.bounce", ("on", "off"),
                      "on" if default.bounce_verification else "off")
    return call.render("mail_policies/destination.html", status, entry=entry, values=values,
                       errors=form.errors if form else {}, tls_options=tls_options,
                       choices=choices, bounce_options=bounce, default=default,
                       level=call.level("destconfig"))


@route("GET", DESTINATIONS + "/edit")
async def destination_page(call: Call) -> Reply:
    domain = call.field("domain")
    entry = call.view().destconfig.entries.get(domain) if domain else None
    if domain and entry is None:
        return call.message("error.not_found", 404)
    return _destination_page(call, entry)


@route("POST", DESTINATIONS + "/edit")
async def edit_destination(call: Call) -> Reply:
    """Add Destination (no ``original``) or edit one; empty limits and TLS mean Default."""
    dest = call.view().destconfig
    original = call.field("original")
    current = dest.entries.get(original) if original else None
    if original and current is None:
        return call.message("error.not_found", 404)
    form = Form(call)
    domain = original or form.text("domain").lower()
    form.values["domain"] = domain
    if not original and domain:
        if error := validate.route_domain_error(domain):
            form.refuse("domain", error)
        elif domain in dest.entries:
            form.refuse("domain", T("dest.exists", domain=domain))
    entry = copy.deepcopy(current) if current else model.DestinationControl(domain)
    entry.max_concurrency = form.integer("max_concurrency", 1, MAX_CONCURRENCY, optional=True)
    entry.max_messages_per_connection = form.integer("max_messages_per_connection", 1,
                                                     MAX_MESSAGES, optional=True)
    entry.recipient_limit = form.integer("recipient_limit", 1, MAX_RECIPIENTS, optional=True)
    entry.recipient_minutes = form.integer("recipient_minutes", 1, 60, optional=True)
    entry.tls = form.choice("tls", ["", *model.DEST_TLS]) or None
    for name, (_, tokens) in CHOICES.items():
        setattr(entry, name, form.choice(name, ["", *tokens]) or None)
    if entry.tls in (None, "off"):
        entry.dane = None     # DANE is asked only with TLS on (destconfig)
    entry.bounce_verification = {"": None, "on": True, "off": False}[
        form.choice("bounce_verification", ["", "on", "off"])]
    for error in validate.destination_errors(entry):
        form.refuse("domain", error)
    if not form.ok:
        return _destination_page(call, current, form, 400)
    call.edit("destconfig").entries[domain] = entry
    return call.redirect(DESTINATIONS, T("dest.saved", domain=domain))


@route("POST", DESTINATIONS + "/delete")
async def delete_destination(call: Call) -> Reply:
    domain = call.field("domain")
    if domain not in call.view().destconfig.entries:
        return call.message("error.not_found", 404)
    del call.edit("destconfig").entries[domain]
    return call.redirect(DESTINATIONS, T("dest.deleted", domain=domain))


def _global_page(call: Call, form: Optional[Form] = None, status: int = 200) -> Reply:
    dest = call.view().destconfig
    values = form.values if form else {"certificate": dest.certificate,
                                       "tls_alert": "on" if dest.tls_alert else ""}
    return call.render("mail_policies/global.html", status, values=values,
                       errors=form.errors if form else {},
                       certificates=list(call.view().certificates.profiles),
                       level=call.level("destconfig"))


@route("GET", DESTINATIONS + "/global")
async def global_page(call: Call) -> Reply:
    return _global_page(call)


@route("POST", DESTINATIONS + "/global")
async def edit_global(call: Call) -> Reply:
    form = Form(call)
    certificate = form.choice("certificate", list(call.view().certificates.profiles))
    alert = form.checked("tls_alert")
    if not form.ok:
        return _global_page(call, form, 400)
    dest = call.edit("destconfig")
    dest.certificate, dest.tls_alert = certificate, alert
    return call.redirect(DESTINATIONS, T("dest.global_saved"))
