"""Dialogue pieces shared by listenerconfig and interfaceconfig: picking a named item by name or
number, choosing a certificate profile, and table files in ``/configuration``."""
from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Optional, Sequence

from ..engine.dialog import Dialog
from ._configfile import plain_file_name
from .listenerconfig_strings import S


def index_of(answer: str, names: Sequence[str]) -> Optional[int]:
    """A 1-based number or a name (exact, then case-insensitive) -> 0-based index."""
    answer = answer.strip()
    if answer.isdigit():
        number = int(answer)
        return number - 1 if 1 <= number <= len(names) else None
    if answer in names:
        return list(names).index(answer)
    folded = [i for i, name in enumerate(names) if name.lower() == answer.lower()]
    return folded[0] if len(folded) == 1 else None


async def pick(dialog: Dialog, question: str, names: Sequence[str], error_id: str,
               listing: Optional[str] = None) -> int:
    """Ask for an item of ``names`` by name or number (cli.md §2 item 4); returns its index.
    ``listing`` is printed (as a header line with a numbered list) before the question."""
    if listing is not None:
        dialog.out("")
        dialog.out(listing)
        for number, name in enumerate(names, 1):
            dialog.out(f"{number}. {name}")
    answer = await dialog.ask(
        question, validate=lambda a: None if index_of(a, names) is not None
        else S(error_id, high=len(names)))
    index = index_of(answer, names)
    assert index is not None
    return index


async def choose_certificate(dialog: Dialog, profiles: Sequence[str], current: str) -> str:
    """A certificate profile from the numbered list; choosing Demo asks for confirmation
    (cli.md §5.5 CERTIFICATE, §5.6 HTTPS certificate)."""
    while True:
        default = list(profiles).index(current) if current in profiles else 0
        index = await dialog.choose(S("lc.cert.choose"), profiles, default)
        name = profiles[index]
        if name != "Demo" or await dialog.yes_no(S("lc.cert.demo_confirm"), True):
            return name


def file_name_error(name: str) -> Optional[str]:
    if "\\" in name or name.startswith(".") or not plain_file_name(name):
        return S("lc.file.bad_name")
    return None


async def read_config_file(dialog: Dialog, folder: Path, name: str) -> Optional[str]:
    """The text of ``/configuration/<name>``, or None after printing the appliance's error."""
    path = folder / name
    if not await asyncio.to_thread(path.is_file):
        dialog.out("")
        dialog.out(S("lc.file.missing", name=name))
        return None
    return await asyncio.to_thread(path.read_text, "utf-8", "replace")


async def write_config_file(folder: Path, name: str, text: str) -> None:
    await asyncio.to_thread((folder / name).write_text, text, "utf-8")
