"""What destconfig, smtproutes, deliveryconfig, alertconfig, ldapconfig and websecurityconfig
share: numbered choices (interfaces, names, several numbers at once), tables, IMPORT/EXPORT files
in ``/configuration``, and menus that end after the operation a one-line command chose.

Question texts come from each command's own string table; this module only lays them out.
"""
from __future__ import annotations

import asyncio
import re
from typing import Callable, Optional, Sequence, TypeVar

from cluster import model

from .. import strings
from ..engine.context import Appliance
from ..engine.dialog import CommandAborted, Dialog, Operation, run_menu
from . import _choices_strings  # noqa: F401  (registers the strings used below)
from ._configfile import plain_file_name

AUTO = "Auto"
T = TypeVar("T")


def interface_label(iface: model.Interface) -> str:
    """``Management (192.168.0.199/24: myesa.local)`` (Cisco tech note 118601, [V]); an
    interface with an IPv6 address lists it after the IPv4 one, comma-separated [R]."""
    addresses = ", ".join(f"{address}/{prefix}" for address, prefix in (
        (iface.ipv4, iface.prefix), (iface.ipv6, iface.ipv6_prefix)) if address)
    return f"{iface.name} ({addresses}: {iface.hostname})"


async def choose_interface(dialog: Dialog, question: str, interfaces: dict[str, model.Interface],
                           current: str) -> str:
    """``1. Auto`` then every IP interface; returns ``"Auto"`` or an interface name."""
    names = [AUTO, *interfaces]
    items = [AUTO, *(interface_label(i) for i in interfaces.values())]
    default = names.index(current) if current in names else 0
    return names[await dialog.choose(question, items, default)]


async def choose_name(dialog: Dialog, question: str, names: Sequence[str],
                      current: Optional[str]) -> str:
    """A numbered list of names (certificate profiles, servers); the current one is the default."""
    names = list(names)
    default = names.index(current) if current in names else None
    return names[await dialog.choose(question, names, default)]


async def choose_many(dialog: Dialog, question: str, items: Sequence[str], default: str,
                      exclusive: Sequence[int] = (0,), error_exclusive: str = "") -> list[int]:
    """A numbered list answered with one or more numbers separated by commas (``2,3``).
    The ``exclusive`` items (0-based: "All", "None") may not be combined with others.
    Returns the chosen indexes in list order."""
    listing = "\n".join(strings.text("list.item", number=i, text=item)
                        for i, item in enumerate(items, 1))

    def parse(answer: str) -> Optional[list[int]]:
        picked = []
        for word in answer.split(","):
            word = word.strip()
            if not word.isdigit() or not 1 <= int(word) <= len(items):
                return None
            if int(word) - 1 not in picked:
                picked.append(int(word) - 1)
        return picked

    def check(answer: str) -> Optional[str]:
        picked = parse(answer)
        if picked is None:
            return strings.text("error.list_choice", high=len(items))
        if len(picked) > 1 and set(picked) & set(exclusive):
            return error_exclusive
        return None

    answer = await dialog.ask(f"{question}\n{listing}", default, validate=check)
    return sorted(parse(answer))


def format_table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Left-aligned columns two spaces apart under ``=`` rules; a header may span lines
    (``"Rate\\nLimiting"``) and is aligned to the bottom."""
    headers = [column.split("\n") for column in columns]
    depth = max(len(h) for h in headers)
    headers = [[""] * (depth - len(h)) + h for h in headers]
    widths = [max(len(cell) for cell in [*header, *(row[i] for row in rows)])
              for i, header in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths)).rstrip()

    lines = [line([header[level] for header in headers]) for level in range(depth)]
    lines.append(line(["=" * width for width in widths]))
    lines.extend(line(row) for row in rows)
    return "\n".join(lines)


def fail(dialog: Dialog, error: str, batch: bool) -> None:
    """An operation that cannot be done: in batch form the command fails with ``error`` (exit
    status 1); interactively the error is shown and the menu comes back."""
    if batch:
        raise CommandAborted(error)
    dialog.out(error)


_FILE_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")


def file_name_error(name: str) -> Optional[str]:
    """A file directly in ``/configuration``: no directories, no surprises."""
    if _FILE_NAME.match(name) and plain_file_name(name):
        return None
    return strings.text("file.error.name")


async def ask_import_file(dialog: Dialog, appliance: Appliance) -> Optional[str]:
    """Ask for a file in ``/configuration`` and read it; None (after the appliance's error) when
    it cannot be read."""
    batch = dialog.batch
    name = await dialog.ask(strings.text("file.import", hostname=appliance.hostname()),
                            validate=file_name_error)
    try:
        return await asyncio.to_thread((appliance.config_dir / name).read_text, encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        fail(dialog, strings.text("file.error.read"), batch)
        return None


async def import_table(dialog: Dialog, appliance: Appliance, parse: Callable[[str], T],
                       error: type[Exception]) -> Optional[T]:
    """IMPORT: ask for a file in ``/configuration``, read it and ``parse`` it; None (after the
    appliance's errors) when it cannot be read or ``parse`` raises ``error``."""
    batch = dialog.batch  # before the question uses up the batch answers
    text = await ask_import_file(dialog, appliance)
    if text is None:
        return None
    try:
        return parse(text)
    except error as problem:
        dialog.out(str(problem))
        fail(dialog, strings.text("file.error.import"), batch)
        return None


async def ask_export_file(dialog: Dialog, appliance: Appliance, text: str) -> None:
    """Ask for a file name and write ``text`` to it in ``/configuration``."""
    batch = dialog.batch
    name = await dialog.ask(strings.text("file.export"), validate=file_name_error)
    try:
        await asyncio.to_thread((appliance.config_dir / name).write_text, text, encoding="utf-8")
    except OSError:
        fail(dialog, strings.text("file.error.write"), batch)


class _BatchDone(Exception):
    """The batch arguments are used up: leave the menu instead of waiting for more input."""


async def run_menu_batch(dialog: Dialog, operations: Callable[[], Sequence[Operation]],
                         status: Optional[Callable[[], Optional[str]]] = None) -> None:
    """``run_menu``, except that a command started with arguments (``ssh host 'alertconfig new
    a@b.c'``, or ``destconfig new`` typed at the prompt) ends after the operation its arguments
    chose, as a one-line command does, instead of showing the menu again."""
    started_in_batch = dialog.batch

    def then_stop(handler: Callable) -> Callable:
        async def run() -> None:
            await handler()
            if started_in_batch and not dialog.batch:
                raise _BatchDone()
        return run

    def shown_status() -> Optional[str]:
        # A one-line command shows what its operation prints, not the menu's listing.
        return None if status is None or dialog.batch else status()

    try:
        await run_menu(dialog, lambda: [(w, t, then_stop(h)) for w, t, h in operations()],
                       shown_status)
    except _BatchDone:
        pass
