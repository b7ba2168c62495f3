"""The mail-flow policy parameters dialogue (HAT DEFAULT, policy and entry edits, NEW listener).

Question order follows cli.md §5.5 "Policy parameters dialogue" parts 1-3 (A's
``EditHatParameters``), to its end: after SMTP authentication come DKIM/DomainKeys signing, S/MIME
(releases with the S/MIME gateway), DKIM verification, SPF/SIDF, DMARC, envelope sender
verification with its domain exception table, and untagged bounces.  Every default is the current value.  For a policy, a value it does not set shows the listener's
default, and answering with that same value keeps it inherited, so a policy prints only what
really differs (``$ACCEPTED`` / ``ACCEPT``).
"""
from __future__ import annotations

import re
from typing import Any, Optional

from cluster import model
from cluster.validate import hostname_error

from ..engine.dialog import Dialog
from .listenerconfig_strings import S

MAX_SIZE = 2048 * 1024 * 1024
_SIZE = re.compile(r"^(\d+)\s*([kKmM]?)$")


def parse_size(text: str) -> Optional[int]:
    """``10M`` -> 10485760, ``100k`` -> 102400, ``5000`` -> 5000; None when invalid."""
    match = _SIZE.match(text.strip())
    if not match:
        return None
    value = int(match.group(1)) * {"": 1, "k": 1024, "m": 1024 * 1024}[match.group(2).lower()]
    return value if 1 <= value <= MAX_SIZE else None


def format_size(size: int) -> str:
    if size % (1024 * 1024) == 0:
        return f"{size // (1024 * 1024)}M"
    if size % 1024 == 0:
        return f"{size // 1024}k"
    return str(size)


class _Values:
    """Reads the effective value and writes back by the inheritance rule of the module doc."""

    def __init__(self, params: model.PolicyParams, inherited: Optional[model.PolicyParams]):
        self.params, self.inherited = params, inherited

    def get(self, name: str, fallback: Any = None) -> Any:
        own = getattr(self.params, name)
        if own is None and self.inherited is not None:
            own = getattr(self.inherited, name)
        return fallback if own is None else own

    def set(self, name: str, value: Any) -> None:
        if (self.inherited is not None and getattr(self.params, name) is None
                and getattr(self.inherited, name) == value):
            return
        setattr(self.params, name, value)


async def edit_params(dialog: Dialog, params: model.PolicyParams,
                      inherited: Optional[model.PolicyParams], demo_certificate: bool, *,
                      smime: bool = True) -> None:
    """Ask every modelled parameter of ``params`` in the appliance's order and store the answers.
    ``inherited`` is the listener's default parameters when ``params`` belong to a policy or an
    entry, None when they are the defaults themselves.  ``demo_certificate``: the listener uses
    the Demo certificate, so allowing TLS asks for confirmation.  ``smime``: the release asks
    the S/MIME questions (profile ``policy_smime``)."""
    values = _Values(params, inherited)
    await _part1(dialog, values)
    await _part2(dialog, values)
    await _part3(dialog, values, demo_certificate)
    await _signing(dialog, values, smime)
    await _verification(dialog, values)
    await _sender_checks(dialog, values)


async def _number(dialog: Dialog, id_: str, current: Optional[int], low: int, high: int) -> int:
    default = current if current is not None and low <= current <= high else None
    return await dialog.ask_int(S(id_), default, low=low, high=high)


async def _response(dialog: Dialog, values: _Values, question: str, code_question: str,
                    code_field: str, text_field: str, standard: int) -> None:
    """A custom SMTP response: y/n, the code, then text ended by a blank line (cli.md §2 item 5)."""
    code = values.get(code_field)
    if not await dialog.yes_no(S(question), code is not None):
        values.set(code_field, None)
        values.set(text_field, None)
        return
    values.set(code_field, await dialog.ask_int(S(code_question, code=standard), code or standard,
                                                low=200, high=599))
    text = await dialog.text_block(S("lc.params.response_text"))
    values.set(text_field, text or values.get(text_field, ""))


async def _part1(dialog: Dialog, values: _Values) -> None:
    size = values.get("max_message_size", 10485760)
    answer = await dialog.ask(S("lc.params.max_size"), format_size(size),
                              validate=lambda a: None if parse_size(a) else S("lc.params.size_error"))
    values.set("max_message_size", parse_size(answer))
    values.set("max_concurrency",
               await _number(dialog, "lc.params.max_concurrency", values.get("max_concurrency"), 1, 1000))
    values.set("max_msgs_per_session",
               await _number(dialog, "lc.params.max_msgs", values.get("max_msgs_per_session"), 1, 100000))
    values.set("max_rcpts_per_msg",
               await _number(dialog, "lc.params.max_rcpts", values.get("max_rcpts_per_msg"), 1, 100000))
    host = values.get("smtp_banner_host")
    if await dialog.yes_no(S("lc.params.override_host"), host is not None):
        values.set("smtp_banner_host",
                   await dialog.ask(S("lc.params.banner_host"), host, validate=hostname_error))
    else:
        values.set("smtp_banner_host", None)
    await _response(dialog, values, "lc.params.custom_accept", "lc.params.code",
                    "smtp_banner_code", "smtp_banner_text", 220)
    await _response(dialog, values, "lc.params.custom_reject", "lc.params.code",
                    "reject_banner_code", "reject_banner_text", 554)


async def _part2(dialog: Dialog, values: _Values) -> None:
    rate = values.get("max_rcpts_per_hour", -1)
    if await dialog.yes_no(S("lc.params.rate"), rate >= 0):
        values.set("max_rcpts_per_hour", await _number(dialog, "lc.params.rate_max",
                                                       rate if rate >= 0 else None, 0, 1000000))
        await _response(dialog, values, "lc.params.custom_rate", "lc.params.code",
                        "max_rcpts_per_hour_code", "max_rcpts_per_hour_text", 452)
    else:
        values.set("max_rcpts_per_hour", -1)
    dhap = values.get("dhap_limit", 0)
    if await dialog.yes_no(S("lc.params.dhap"), dhap > 0):
        values.set("dhap_limit", await _number(dialog, "lc.params.dhap_max",
                                               dhap if dhap > 0 else None, 1, 1000000))
        await _token(dialog, values, "lc.params.dhap_action", "dhap_action", model.DHAP_ACTIONS,
                     "code")
        await _response(dialog, values, "lc.params.custom_dhap", "lc.params.code", "dhap_code",
                        "dhap_text", 550)
    else:
        values.set("dhap_limit", 0)
    limit = values.get("sender_rate_limit", -1)
    if await dialog.yes_no(S("lc.params.sender_rate"), limit >= 0):
        values.set("sender_rate_limit", await _number(dialog, "lc.params.sender_rate_max",
                                                      limit if limit >= 0 else None, 0, 1000000))
        values.set("sender_rate_minutes", await _number(
            dialog, "lc.params.sender_rate_minutes", values.get("sender_rate_minutes", 60), 1, 1440))
        await _response(dialog, values, "lc.params.custom_rate", "lc.params.code",
                        "sender_rate_code", "sender_rate_text", 452)
    else:
        values.set("sender_rate_limit", -1)


async def _part3(dialog: Dialog, values: _Values, demo_certificate: bool) -> None:
    values.set("use_sb", await dialog.yes_no(S("lc.params.use_sb"), values.get("use_sb", True)))
    if not values.get("use_sb"):  # the other way of grouping senders for the limits
        bits = values.get("ip_grouping_bits", 0)
        if await dialog.yes_no(S("lc.params.grouping"), bits > 0):
            values.set("ip_grouping_bits", await _number(dialog, "lc.params.grouping_bits",
                                                         bits if bits > 0 else 24, 1, 32))
        else:
            values.set("ip_grouping_bits", 0)
    header = values.get("relay_header", "")
    if await dialog.yes_no(S("lc.params.relay"), bool(header)):
        values.set("relay_header", await dialog.ask(S("lc.params.relay_header"), header or None))
    else:
        values.set("relay_header", "")
    values.set("spam_check", await dialog.yes_no(S("lc.params.spam"), values.get("spam_check", True)))
    values.set("virus_check", await dialog.yes_no(S("lc.params.virus"), values.get("virus_check", True)))
    tls = model.HAT_TLS[await dialog.choose(
        S("lc.params.tls"), [S(f"lc.params.tls.{token}") for token in model.HAT_TLS],
        model.HAT_TLS.index(values.get("tls", "off")))]
    if tls != "off" and demo_certificate and not await dialog.yes_no(S("lc.params.demo_tls"), True):
        tls = "off"
    values.set("tls", tls)
    auth = model.HAT_SMTP_AUTH[await dialog.choose(
        S("lc.params.auth"), [S(f"lc.params.auth.{token}") for token in model.HAT_SMTP_AUTH],
        model.HAT_SMTP_AUTH.index(values.get("smtp_auth", "off")))]
    values.set("smtp_auth", auth)
    if auth != "off" and tls != "off":
        values.set("smtp_auth_requires_tls",
                   await dialog.yes_no(S("lc.params.auth_tls"), values.get("smtp_auth_requires_tls", False)))


async def _flag(dialog: Dialog, values: _Values, question: str, name: str) -> bool:
    """A yes/no parameter; returns the answer."""
    answer = await dialog.yes_no(S(question), bool(values.get(name, False)))
    values.set(name, answer)
    return answer


async def _token(dialog: Dialog, values: _Values, question: str, name: str,
                 tokens: tuple[str, ...], fallback: str) -> str:
    """A parameter chosen from a numbered list whose items are ``question.<token>``."""
    current = values.get(name, fallback)
    index = await dialog.choose(S(question), [S(f"{question}.{t}") for t in tokens],
                                tokens.index(current) if current in tokens else 0)
    values.set(name, tokens[index])
    return tokens[index]


async def _profile(dialog: Dialog, values: _Values, question: str, name: str) -> None:
    """The verification profile: the appliance's only one, ``DEFAULT`` (no profile editor yet)."""
    profiles = [model.DEFAULT_PROFILE]
    current = values.get(name, model.DEFAULT_PROFILE)
    index = await dialog.choose(S(question), profiles,
                                profiles.index(current) if current in profiles else 0)
    values.set(name, profiles[index])


async def _signing(dialog: Dialog, values: _Values, smime: bool) -> None:
    """DKIM/DomainKeys signing, then S/MIME harvesting and gateway processing."""
    await _flag(dialog, values, "lc.params.dkim_signing", "dkim_signing")
    if not smime:
        return
    if await _flag(dialog, values, "lc.params.smime_harvest", "smime_harvest"):
        await _flag(dialog, values, "lc.params.smime_harvest_failure", "smime_harvest_on_failure")
        await _flag(dialog, values, "lc.params.smime_harvest_updated", "smime_harvest_updated")
    if await _flag(dialog, values, "lc.params.smime_gateway", "smime_gateway"):
        await _token(dialog, values, "lc.params.smime_signature", "smime_signature",
                     model.SMIME_SIGNATURE, "preserve")


async def _verification(dialog: Dialog, values: _Values) -> None:
    """DKIM verification, SPF/SIDF (behind "change SPF/SIDF settings?") and DMARC."""
    if await _flag(dialog, values, "lc.params.dkim_verify", "dkim_verification"):
        await _profile(dialog, values, "lc.params.dkim_profile", "dkim_profile")
    if await dialog.yes_no(S("lc.params.spf_change"), False):
        await _spf(dialog, values)
    if await _flag(dialog, values, "lc.params.dmarc", "dmarc_verification"):
        await _profile(dialog, values, "lc.params.dmarc_profile", "dmarc_profile")
        await _flag(dialog, values, "lc.params.dmarc_reports", "dmarc_reports")


async def _spf(dialog: Dialog, values: _Values) -> None:
    if not await _flag(dialog, values, "lc.params.spf", "spf_verification"):
        return
    level = await _token(dialog, values, "lc.params.spf_level", "spf_conformance",
                         model.SPF_CONFORMANCE, "sidf_compatible")
    if level == "sidf_compatible":
        await _flag(dialog, values, "lc.params.spf_pra", "spf_downgrade_pra")
    helo = await _flag(dialog, values, "lc.params.spf_helo", "spf_helo_check")
    values.set("spf_timeout", await _number(dialog, "lc.params.spf_timeout",
                                            values.get("spf_timeout", 40), 1, 3600))
    if await dialog.yes_no(S("lc.params.spf_actions"), False):
        await _spf_actions(dialog, values, level, helo)


async def _spf_actions(dialog: Dialog, values: _Values, level: str, helo: bool) -> None:
    """Accept or Reject for each result of each identity the level checks (PRA only with SIDF,
    HELO only when its check is on), then the REJECT action's responses (A phoebe1411
    ``systemsetup.configure_hat``, in the order its map lists them; the order is R)."""
    rejected = set((values.get("spf_reject") or "").split())
    identities = [i for i in model.SPF_IDENTITIES
                  if (i != "pra" or level != "spf") and (i != "helo" or helo)]
    items = [S("lc.params.spf_action.accept"), S("lc.params.spf_action.reject")]
    for identity in identities:
        name = S(f"lc.params.spf_identity.{identity}")
        if not await dialog.yes_no(S("lc.params.spf_identity", identity=name), False):
            continue
        for result in model.SPF_RESULTS:
            pair = f"{identity}:{result}"
            question = S("lc.params.spf_result_action", identity=name,
                         result=S(f"lc.params.spf_result.{result}"))
            if await dialog.choose(question, items, int(pair in rejected)):
                rejected.add(pair)
            else:
                rejected.discard(pair)
    values.set("spf_reject", " ".join(f"{i}:{r}" for i in model.SPF_IDENTITIES
                                      for r in model.SPF_RESULTS if f"{i}:{r}" in rejected))
    if not await dialog.yes_no(S("lc.params.spf_reject_settings"), False):
        return
    values.set("spf_reject_code", await dialog.ask_int(
        S("lc.params.spf_reject_code"), values.get("spf_reject_code", 550), low=500, high=599))
    values.set("spf_reject_text", await dialog.ask(S("lc.params.spf_reject_text"),
                                                   values.get("spf_reject_text")))
    values.set("spf_temperror_code", await dialog.ask_int(
        S("lc.params.spf_temperror_code"), values.get("spf_temperror_code", 451), low=400, high=499))
    values.set("spf_temperror_text", await dialog.ask(S("lc.params.spf_temperror_text"),
                                                      values.get("spf_temperror_text")))
    await _flag(dialog, values, "lc.params.spf_publisher", "spf_publisher_text")


async def _sender_checks(dialog: Dialog, values: _Values) -> None:
    """Envelope sender DNS verification (its three custom responses and the domain exception
    table), then untagged bounces."""
    if await _flag(dialog, values, "lc.params.sender_verify", "sender_verification"):
        for kind, standard in (("malformed", 553), ("unresolved", 451), ("nonexistent", 553)):
            await _response(dialog, values, f"lc.params.{kind}_sender", "lc.params.code",
                            f"{kind}_sender_code", f"{kind}_sender_text", standard)
        await _flag(dialog, values, "lc.params.exception_table", "domain_exception_table")
    await _flag(dialog, values, "lc.params.untagged_bounces", "accept_untagged_bounces")


def summary(params: model.PolicyParams) -> str:
    """The ``Default Policy Parameters`` block NEW shows before asking to change them."""
    def yes(value: Optional[bool]) -> str:
        return S("shared.yes") if value else S("shared.no")
    rate = params.max_rcpts_per_hour if params.max_rcpts_per_hour is not None else -1
    dhap = params.dhap_limit or 0
    tls = {"off": "lc.params.tls.off", "on": "lc.params.tls.on",
           "required": "lc.params.tls.required"}[params.tls or "off"]
    auth = {"off": "lc.params.auth.off", "on": "lc.params.auth.on",
            "required": "lc.params.auth.required"}[params.smtp_auth or "off"]
    return S("lc.params.header") + "\n" + S(
        "lc.params.summary", size=format_size(params.max_message_size or 10485760),
        concurrency=params.max_concurrency, msgs=params.max_msgs_per_session,
        rcpts=params.max_rcpts_per_msg,
        dhap=S("shared.enabled") if dhap > 0 else S("shared.disabled"),
        rate=rate if rate >= 0 else S("shared.disabled"), sb=yes(params.use_sb),
        spam=yes(params.spam_check), virus=yes(params.virus_check), tls=S(tls), auth=S(auth),
        auth_tls=yes(params.smtp_auth_requires_tls), dkim_signing=yes(params.dkim_signing),
        dkim_verify=yes(params.dkim_verification), spf=yes(params.spf_verification),
        dmarc=yes(params.dmarc_verification), sender_verify=yes(params.sender_verification),
        exceptions=yes(params.domain_exception_table),
        untagged=yes(params.accept_untagged_bounces))
