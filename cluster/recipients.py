"""Recipient Access Table (RAT) addresses: syntax and matching.

An entry is a domain ``example.com``, a partial domain ``.example.com`` (its subdomains), a user
name ``postmaster@`` (at any domain), a full address ``joe@example.com`` or ``joe@[1.2.3.4]``,
or ``ALL``.  Pure Python: the shell validates with it and the SMTP core decides RCPT TO with it.
"""
from __future__ import annotations

import ipaddress
import re
from typing import Optional

from . import model

ERR_ADDRESS = ("A Recipient Access Table address can be one of the following: a domain "
               "(example.com), a partial domain (.example.com), a user name (postmaster@), a full "
               "email address (joe@example.com or joe@[1.2.3.4]), or ALL.")

_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$")
_LOCAL = re.compile(r"^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+$")


def _domain_ok(domain: str) -> bool:
    if domain.startswith("[") and domain.endswith("]"):
        try:
            ipaddress.ip_address(domain[1:-1])
        except ValueError:
            return False
        return True
    return all(_LABEL.match(label) for label in domain.split("."))


def normalise(address: str) -> str:
    """Canonical form (lower case, ``ALL`` upper case); raises ValueError when invalid."""
    text = address.strip()
    if text.upper() == model.RAT_ALL:
        return model.RAT_ALL
    lowered = text.lower()
    local, at, domain = lowered.rpartition("@")
    if at:
        if not local and not domain:
            raise ValueError(ERR_ADDRESS)
        if local and not _LOCAL.match(local):
            raise ValueError(ERR_ADDRESS)
        if domain and not _domain_ok(domain):
            raise ValueError(ERR_ADDRESS)
        return lowered
    partial = lowered.startswith(".")
    if not _domain_ok(lowered[1:] if partial else lowered):
        raise ValueError(ERR_ADDRESS)
    return lowered


def address_error(text: str) -> Optional[str]:
    """A Dialog validator for a comma separated list of RAT addresses."""
    parts = split(text)
    if not parts:
        return ERR_ADDRESS
    for part in parts:
        try:
            normalise(part)
        except ValueError as error:
            return str(error)
    return None


def split(text: str) -> list[str]:
    return [part for part in re.split(r"[,\s]+", text.strip()) if part]


def matches(entry: str, recipient: str) -> bool:
    """Does the RAT entry ``entry`` (canonical) cover the envelope recipient ``recipient``?"""
    if entry == model.RAT_ALL:
        return True
    local, _, domain = recipient.strip().strip("<>").lower().rpartition("@")
    e_local, at, e_domain = entry.rpartition("@")
    if at:
        return (not e_local or e_local == local) and (not e_domain or e_domain == domain)
    if entry.startswith("."):
        return domain.endswith(entry)
    return domain == entry


def lookup(rat: list[model.RecipientAccess], recipient: str) -> Optional[model.RecipientAccess]:
    """The first entry that covers ``recipient``; None when no entry does (treat as REJECT)."""
    return next((entry for entry in rat if matches(entry.address, recipient)), None)
