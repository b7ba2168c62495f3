"""The command table: one module per command under ``asyncos_shell.commands`` registers itself
with ``@command``; help, completion, role checks and dispatch all read this table."""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Awaitable, Callable, Optional

from cluster.model import COMMIT_ROLES, CONFIG_ROLES  # noqa: F401  (re-exported for commands)

from .batchargs import Batch

if TYPE_CHECKING:
    from .context import CommandContext

Handler = Callable[["CommandContext", list[str]], Awaitable[None]]

ALL_ROLES = frozenset({"admin", "operators", "readonly", "guest", "helpdesk"})
ADMIN_ROLES = frozenset({"admin"})


@dataclass(frozen=True)
class Command:
    name: str
    handler: Handler
    description: str
    usage: str = ""
    roles: frozenset = ALL_ROLES
    # "machine" or "cluster" when a clustered appliance runs the command only in that mode
    restricted: Optional[str] = None
    aliases: tuple = field(default_factory=tuple)
    hidden: bool = False
    # Configuration sections (``cluster.model.SECTIONS``) the command edits: in a cluster, a
    # mode where one of them is not configured first asks the level questions (cli.md §4.3).
    sections: tuple = field(default_factory=tuple)
    # What its arguments mean (``batchargs``); None: they answer the dialogue's questions.
    batch: Optional[Batch] = None


COMMANDS: dict[str, Command] = {}


def command(name: str, description: str, *, usage: str = "", roles: frozenset = ALL_ROLES,
            restricted: Optional[str] = None, aliases: tuple = (), hidden: bool = False,
            sections: tuple = (), batch: Optional[Batch] = None) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        entry = Command(name, handler, description, usage or name, roles, restricted, aliases,
                        hidden, sections, batch)
        for word in (name, *aliases):
            if word in COMMANDS:
                raise ValueError(f"command {word!r} registered twice")
            COMMANDS[word] = entry
        return handler
    return register


def load_all() -> dict[str, Command]:
    """Import every module of ``asyncos_shell.commands`` so that each registers its command."""
    from .. import commands
    for info in pkgutil.iter_modules(commands.__path__):
        if not info.name.startswith("_") and not info.name.endswith("_strings"):
            importlib.import_module(f"{commands.__name__}.{info.name}")
    return COMMANDS


def lookup(word: str) -> Optional[Command]:
    return COMMANDS.get(word.lower())
