"""Passphrase entry and rules shared by userconfig and passwd."""
from __future__ import annotations

import secrets
import string
from pathlib import Path
from typing import Collection, Optional

from cluster import model, passwords

from .. import strings
from . import _shared_strings  # noqa: F401  (registers the strings)
from ..engine.dialog import Dialog


SPECIAL = "~?!@#$%^&*-_+=\\|/[](){}<>`'\";:,."   # the User Guide's list of special characters
# The longest passphrase accepted ("- at most 128 characters.", users_strings).
MAX_LENGTH = model.PASSPHRASE_LENGTH_RANGE[1]


# The forbidden-word file's size read at most (it is uploaded by users: bound the work).
_WORDS_MAX_BYTES = 1 << 20


def forbidden_words(config_dir: Path, rules: model.PassphraseRules) -> frozenset[str]:
    """The words of ``/configuration/forbidden_password_words.txt`` (one a line, any case), when
    PASSWORDSTRENGTH uses the list; none when it does not or there is no file."""
    if not rules.forbidden_words:
        return frozenset()
    try:
        with open(config_dir / model.FORBIDDEN_WORDS_FILE, "rb") as file:
            text = file.read(_WORDS_MAX_BYTES).decode("utf-8", "replace")
    except OSError:
        return frozenset()
    return frozenset(word.strip().lower() for word in text.splitlines() if word.strip())


def passphrase_error(passphrase: str, username: str, rules: model.PassphraseRules,
                     forbidden: Collection[str] = (), reused: bool = False) -> Optional[str]:
    """The committed passphrase rules (``userconfig`` → POLICY → PASSWORDSTRENGTH) and the
    ``forbidden`` words (``forbidden_words``); ``reused``: the passphrase is the one it replaces.
    None when ``passphrase`` is acceptable, else every unmet criterion under one heading, as the
    appliance lists them (users_strings: "Following criteria for passphrase are not met:")."""
    unmet = []
    if len(passphrase) < rules.min_length:
        unmet.append(strings.text("users.short", count=rules.min_length))
    if len(passphrase) > MAX_LENGTH:
        unmet.append(strings.text("users.long", count=MAX_LENGTH))
    if rules.upper_and_lower and not (any(c.isupper() for c in passphrase)
                                      and any(c.islower() for c in passphrase)):
        unmet.append(strings.text("users.need_cases"))
    if rules.number and not any(c.isdigit() for c in passphrase):
        unmet.append(strings.text("users.need_number"))
    if rules.special and not any(c in SPECIAL for c in passphrase):
        unmet.append(strings.text("users.need_special"))
    if rules.reject_username and username and username.lower() in passphrase.lower():
        unmet.append(strings.text("users.is_name"))
    if rules.reject_sequential and _has_run(passphrase):
        unmet.append(strings.text("users.repetitive"))
    lowered = passphrase.lower()
    if any(word in lowered for word in forbidden):
        unmet.append(strings.text("users.forbidden_word"))
    if reused:
        unmet.append(strings.text("users.reused"))
    return "\n".join([strings.text("users.criteria"), *unmet]) if unmet else None


def _has_run(passphrase: str) -> bool:
    """Three repeated (``aaa``) or ascending (``abc``, ``123``) characters in a row."""
    for a, b, c in zip(passphrase, passphrase[1:], passphrase[2:]):
        if a == b == c or (ord(b) - ord(a) == 1 and ord(c) - ord(b) == 1):
            return True
    return False


def generate(rules: model.PassphraseRules) -> str:
    """A system generated passphrase that meets ``rules``."""
    alphabet = string.ascii_letters + string.digits + "!@#$%^&*"
    length = max(12, rules.min_length)
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(length))
        if passphrase_error(candidate, "", rules) is None:
            return candidate


async def new_passphrase(dialog: Dialog, username: str, first: str, again: str,
                         rules: model.PassphraseRules, *, inline: bool = False,
                         forbidden: Collection[str] = (), current: str = "",
                         keep: bool = False) -> str:
    """Ask a new passphrase twice (hidden) until it meets ``rules`` and both match; return its
    hash.

    ``inline`` types on the question's own line (passwd's ``New password: ``) instead of at a
    ``[]>`` sub-prompt below it.  ``current`` is the hash of the passphrase being replaced: with
    PASSWORDSTRENGTH's reuse ban, the new one may not be it.  ``keep``: an empty answer keeps
    ``current`` (userconfig EDIT, whose QA driver answers the passphrase question with nothing).
    """
    async def read(question: str) -> str:
        return await (dialog.secret(question) if inline
                      else dialog.ask(question, hidden=True, required=not keep))

    while True:
        passphrase = await read(first)
        if keep and not passphrase:
            return current
        reused = bool(rules.ban_reuse and current) and await check(passphrase, current)
        error = passphrase_error(passphrase, username, rules, forbidden, reused)
        if error:
            dialog.out(error)
            continue
        if await read(again) != passphrase:
            dialog.out(strings.text("shared.passphrase_mismatch"))
            continue
        return await hashed(passphrase)


async def hashed(passphrase: str) -> str:
    return await passwords.hash_password_async(passphrase)


async def check(passphrase: str, stored: str) -> bool:
    return await passwords.check_password_async(passphrase, stored)
