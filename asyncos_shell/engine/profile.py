"""What differs between AsyncOS releases, and the lab's scenario knobs, in one place.

An appliance's *profile* is the dialogue variant its AsyncOS version speaks (``RELEASES``: which
questions are asked, with which wording and options), with the lab file's ``[scenario]`` knobs
(``KNOBS``) applied on top.  Commands read ``ctx.appliance.profile.<flag>``; none of them
compares version numbers.  The evidence for each difference is cli.md §6 (labels V/S/T/R as in
the string tables); the default is the newest release, AsyncOS 16.0.3.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Optional

@dataclass(frozen=True)
class Release:
    """One AsyncOS release line: the first version it covers and what its dialogues do
    differently from the release before it (the first entry sets every flag)."""
    name: str
    first: tuple[int, ...]
    changes: Mapping[str, Any]


# Oldest first; adding a release is one entry naming what changed, with its evidence.
RELEASES: tuple[Release, ...] = (
    # everything before 11.0 (cli.md: guides 9.0/9.7, D script)
    Release("9.x", (0,), {
        # commit asks no rollback question before the rollback feature [R]
        "rollback_question": False,
        # saveconfig/showconfig/mailconfig: "Choose the password option:" (corrections 14 [T])
        "secrets_wording": "password",
        "secrets_options": ("mask", "encrypt"),
        # certconfig asks no FQDN question before 14.0 (A phoebe1380 [S])
        "fqdn_check": None,
        "smime_certificates": False,
        # certconfig CERTAUTHORITY CUSTOM EXPORT goes straight to the file name: the ctors up to
        # A phoebe1380 answer the file name first; phoebe1387 on answer "export all custom ca
        # certificates?" first [S]
        "ca_export_choice": False,
        "policy_smime": False,
        "subject_size_question": False,
        "demo_notice": False,
        "confirm_own_passphrase": False,
        # passwd asks "Old password:", "New password:", "Retype new password:" (corrections 13 [T])
        "passwd_passphrase": False,
        # ldapconfig SETUP asks the interface and whether failed group queries are negative,
        # nothing more (A phoebe1100-1411 ldapconfig.py answers exactly two [S])
        "ldap_certificate_question": False,
        # listenerconfig HOSTACCESS ends with CLEAR (9.7 guide [V])
        "hat_reset": False,
        # Predefined sender groups WHITELIST/BLACKLIST (9.7 guide [V]); the later ALLOWED_LIST/
        # BLOCKED_LIST names [R] are the knob hat_names = "modern" until a transcript dates them.
        "hat_names": "legacy",
        # policyconfig offers Incoming, Outgoing and Match (A phoebe1210 on: ``choose`` maps 3
        # to "Match"; phoebe1100 and phoebe1200 know only the first two [S]; 12.0 [R])
        "policy_match": False,
        # sslconfig: the TLS versions the method question numbers.  TLS v1.0-v1.2 (tech notes
        # 117855/215282 [V]; the SSL v2/v3 of the releases before 13.8.7 are not modelled [R])
        "ssl_methods": ("tlsv1_0", "tlsv1_1", "tlsv1_2"),
        # sslconfig GUI and INBOUND ask "... TLS Renegotiation for GUI HTTPS/inbound SMTP"
        # after the cipher list (A phoebe1300 on: ``tls_negotiation`` [S])
        "ssl_renegotiation": False,
        # sslconfig offers OTHER_CLIENT_TLSV10, PEER_CERT_FQDN and PEER_CERT_X509 (A phoebe1387
        # on [S])
        "ssl_peer_operations": False,
    }),
    # 11.0-11.x (B transcripts, A phoebe1100)
    Release("11.x", (11, 0), {
        # "Do you want to save the current configuration for rollback?" (cli.md §3.2, A [S])
        "rollback_question": True,
        # "passphrase" with Mask/Encrypt/Plain (B [V])
        "secrets_wording": "passphrase",
        "secrets_options": ("mask", "encrypt", "plain"),
        # passwd: "Old passphrase", a system generated passphrase offered, "New Passphrase: []"
        # (A phoebe1100-1411 passwd.py [S])
        "passwd_passphrase": True,
        # listenerconfig HOSTACCESS ends with RESET (A phoebe1100 on: hostaccess ``clear()``
        # sends RESET [S])
        "hat_reset": True,
        # the mail-flow policy asks S/MIME harvesting and gateway decryption/verification
        # (A phoebe1100 on: ``EditHatParameters`` waits for the S/MIME questions [S])
        "policy_smime": True,
    }),
    # 12.0-12.x (C transcript, A phoebe1200-1210)
    Release("12.x", (12, 0), {
        # certconfig NEW first offers a self-signed S/MIME certificate (A phoebe1200 on [S])
        "smime_certificates": True,
        # listenerconfig SETUP ends with the logged subject size (A phoebe1300 [S]; 12.x [R])
        "subject_size_question": True,
        "policy_match": True,
    }),
    # 13.0-13.x (A phoebe1300-1380; phoebe1387 is counted with 14.x as above)
    Release("13.x", (13, 0), {
        # sslconfig GUI/INBOUND: the TLS renegotiation question (A phoebe1300 on [S])
        "ssl_renegotiation": True,
    }),
    # 14.0-15.x (A phoebe1400-1411, B #3327)
    Release("14.x", (14, 0), {
        # Plain removed from the passphrase options (B #3327 [V])
        "secrets_options": ("mask", "encrypt"),
        # certconfig: "Common Name is in ..." (A phoebe1400 [S])
        "fqdn_check": "common_name",
        # CUSTOM EXPORT asks whether to export all custom CA certificates (A phoebe1387 on [S])
        "ca_export_choice": True,
        # certconfig warns while the demonstration certificate is in use (A phoebe1400 on [S])
        "demo_notice": True,
        # userconfig asks "Enter your Passphrase to make changes:" before a change (A 14.x [S])
        "confirm_own_passphrase": True,
        # sslconfig: OTHER_CLIENT_TLSV10, PEER_CERT_FQDN, PEER_CERT_X509 (A phoebe1387 on [S])
        "ssl_peer_operations": True,
    }),
    # 16.0 on (E, written against 16.0.3)
    Release("16.x", (16, 0), {
        # ldapconfig SETUP then asks the LDAPS client certificate (the GUI's LDAP Global
        # Settings have it; SMA 14.0's SETUP grew a third question, whether to validate the LDAP
        # server certificate: A zeus1400 ldapconfig.py [S]); where and when the ESA asks it is
        # not known [R]
        "ldap_certificate_question": True,
        # certconfig: "Common Name or SAN:dNSName or both ..." (E 16.0.3 [T])
        "fqdn_check": "common_name_or_san",
        # sslconfig offers TLS v1.3 (R: the 14.x GUI driver offers v1.0-v1.2 only, A phoebe1387-
        # 1411 ``gui/admin/ssl_config_def``; 16.x's list is our guess)
        "ssl_methods": ("tlsv1_0", "tlsv1_1", "tlsv1_2", "tlsv1_3"),
    }),
)
NAMES = tuple(r.name for r in RELEASES)


def release_flags(name: str) -> dict[str, Any]:
    """Every flag of release ``name``: the first entry's, updated by each later one up to it."""
    flags: dict[str, Any] = {}
    for entry in RELEASES:
        flags.update(entry.changes)
        if entry.name == name:
            return flags
    raise KeyError(name)


@dataclass(frozen=True)
class Profile:
    """One appliance's dialogue variant: its release's flags, then the scenario knobs."""
    name: str
    rollback_question: bool
    secrets_wording: str
    secrets_options: tuple[str, ...]
    fqdn_check: Optional[str]
    smime_certificates: bool
    ca_export_choice: bool
    policy_smime: bool
    subject_size_question: bool
    demo_notice: bool
    confirm_own_passphrase: bool
    passwd_passphrase: bool
    ldap_certificate_question: bool
    hat_reset: bool
    policy_match: bool
    hat_names: Any
    ssl_methods: tuple[str, ...]
    ssl_renegotiation: bool
    ssl_peer_operations: bool
    # -- knobs only (no release is known to differ) --
    exit_question: bool = True
    cluster_prompt: str = "mode"
    unknown_command: str = "feature_key"
    login_method: str = "any"
    fqdn_question: str = "after"
    slow_commit_seconds: float = 0
    rich_ui: bool = False
    # multiplies the delivery retry delays and the queue lifetime (labs: 0.01 = minutes -> s)
    retry_scale: float = 1
    # what SenderBase answers for a sender address: address -> {sbrs = -10.0..10.0, country}
    sender_reputation: Any = None


# -- scenario knobs -------------------------------------------------------------------------
@dataclass(frozen=True)
class Knob:
    accepts: Callable[[Any], bool]
    expected: str


def _choice(*values: str) -> Knob:
    return Knob(lambda value: value in values, " or ".join(f'"{v}"' for v in values))


def _hat_names(value: Any) -> bool:
    if isinstance(value, dict):
        return bool(value) and all(k in ("allowed", "blocked") and isinstance(v, str) and v
                                   for k, v in value.items())
    return value in ("legacy", "modern")


def _reputation(value: Any) -> bool:
    def score_ok(score: Any) -> bool:
        return isinstance(score, (int, float)) and not isinstance(score, bool) \
            and -10 <= score <= 10
    return isinstance(value, dict) and all(
        isinstance(address, str) and isinstance(entry, dict)
        and set(entry) <= {"sbrs", "country"} and score_ok(entry.get("sbrs", 0))
        and isinstance(entry.get("country", ""), str) for address, entry in value.items())


_BOOL = Knob(lambda value: isinstance(value, bool), "true or false")
KNOBS: dict[str, Knob] = {
    "profile": _choice(*NAMES),
    "no_rollback_question": _BOOL,
    "slow_commit_seconds": Knob(lambda value: isinstance(value, (int, float))
                                and not isinstance(value, bool) and value >= 0,
                                "a number of seconds, 0 or more"),
    "rich_ui": _BOOL,
    "fqdn_question": _choice("after", "before", "both", "none"),
    "hat_names": Knob(_hat_names, '"legacy", "modern" or { allowed = "…", blocked = "…" }'),
    "exit_question": _BOOL,
    "cluster_prompt": _choice("mode", "hostname"),
    "unknown_command": _choice("feature_key", "quoted"),
    "login_method": _choice("any", "password", "keyboard-interactive"),
    "retry_scale": Knob(lambda value: isinstance(value, (int, float))
                        and not isinstance(value, bool) and value > 0,
                        "a number greater than 0"),
    "sender_reputation": Knob(_reputation, '{ "ADDRESS" = { sbrs = -10.0..10.0, country = '
                                           '"NAME" }, … }'),
}
_VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)-(\d+)$")


def scenario_errors(scenario: Mapping[str, Any]) -> list[str]:
    """Why ``scenario`` is not a valid set of knobs (empty when it is)."""
    errors = []
    for name, value in scenario.items():
        knob = KNOBS.get(name)
        if knob is None:
            errors.append(f'unknown scenario knob "{name}" (known: {", ".join(KNOBS)})')
        elif not knob.accepts(value):
            errors.append(f"scenario knob {name} = {value!r}: expected {knob.expected}")
    return errors


def version_error(version: str) -> Optional[str]:
    if isinstance(version, str) and _VERSION.match(version):
        return None
    return f"version {version!r}: expected an AsyncOS version like \"16.0.3-025\""


def release(version: str) -> str:
    """The profile name of an AsyncOS version (``"14.1.0-227"`` -> ``"14.x"``); the newest
    for a version that does not parse."""
    match = _VERSION.match(version)
    if match is None:
        return NAMES[-1]
    number = tuple(int(part) for part in match.groups()[:3])
    return [r.name for r in RELEASES if number >= r.first][-1]


def resolve(version: str, scenario: Mapping[str, Any]) -> Profile:
    """The profile of an appliance running ``version`` with the knobs ``scenario``."""
    errors = scenario_errors(scenario)
    if errors:
        raise ValueError("; ".join(errors))
    name = scenario.get("profile") or release(version)
    knobs = {k: v for k, v in scenario.items() if k not in ("profile", "no_rollback_question")}
    if scenario.get("no_rollback_question"):
        knobs["rollback_question"] = False
    base = Profile(name, **release_flags(name))
    return dataclasses.replace(base, **knobs)


# -- the banner's product name by model (cli.md §1.2) ---------------------------------------
BRANDING: tuple[tuple[re.Pattern, str, str], ...] = (  # first match wins
    # virtual appliances: "Cisco C100V Email Security Virtual Appliance" (C, 12.1 [V]; E [T])
    (re.compile(r"^C\d+V$"), "{model}", "Email Security Virtual Appliance"),
    # x60/x70 hardware kept the IronPort name: "Cisco IronPort C170 Messaging Gateway(tm)
    # Appliance" (B #1272, 11.0.1 [V]; the other models of those series [R])
    (re.compile(r"^[CX]\d*[67]0D?$"), "IronPort {model}", "Messaging Gateway(tm) Appliance"),
    # later hardware: "Cisco C190 Email Security Appliance" (B #1172, 11.0.0 [V])
    (re.compile(r""), "{model}", "Email Security Appliance"),
)


def branding(model: str) -> tuple[str, str]:
    """How the banner and ``version`` name a model: (``IronPort C170``, ``Messaging
    Gateway(tm) Appliance``)."""
    title, product = next((t, p) for pattern, t, p in BRANDING if pattern.match(model))
    return title.format(model=model), product
