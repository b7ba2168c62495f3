"""Passphrase entry and rules shared by userconfig and passwd."""
from __future__ import annotations

import secrets
import string
from typing import Optional

from cluster import passwords

from .. import strings
from ..engine.dialog import Dialog


def passphrase_error(passphrase: str, username: str) -> Optional[str]:
    """The appliance's passphrase rules (cli.md §5.19 errors); None when acceptable."""
    if len(passphrase) < 8:
        return strings.text("users.short")
    if username.lower() in passphrase.lower():
        return strings.text("users.is_name")
    for a, b, c in zip(passphrase, passphrase[1:], passphrase[2:]):
        if a == b == c or (ord(b) - ord(a) == 1 and ord(c) - ord(b) == 1):
            return strings.text("users.repetitive")
    return None


def generate() -> str:
    alphabet = string.ascii_letters + string.digits
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(12))
        if passphrase_error(candidate, "") is None:
            return candidate


async def new_passphrase(dialog: Dialog, username: str, first: str, again: str, *,
                         inline: bool = False) -> str:
    """Ask a new passphrase twice (hidden) until it is valid and both match; return its hash.

    ``inline`` types on the question's own line (passwd's ``New password: ``) instead of at a
    ``[]>`` sub-prompt below it.
    """
    async def read(question: str) -> str:
        return await (dialog.secret(question) if inline else dialog.ask(question, hidden=True))

    while True:
        passphrase = await read(first)
        error = passphrase_error(passphrase, username)
        if error:
            dialog.out(error)
            continue
        if await read(again) != passphrase:
            dialog.out(strings.text("users.mismatch"))
            continue
        return await hashed(passphrase)


async def hashed(passphrase: str) -> str:
    return await passwords.hash_password_async(passphrase)


async def check(passphrase: str, stored: str) -> bool:
    return await passwords.check_password_async(passphrase, stored)
