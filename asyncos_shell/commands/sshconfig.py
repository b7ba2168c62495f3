"""``sshconfig``: SSH user keys (USERKEY) and the SSH server settings listing (cli.md §5.20)."""
from __future__ import annotations

from typing import Optional

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.serialization import load_ssh_public_key

from cluster import model

from .. import strings
from ..engine.context import CommandContext
from ..engine.dialog import run_menu
from ..engine.registry import CONFIG_ROLES, command
from . import users_strings  # noqa: F401  (registers the strings)


def key_error(line: str) -> Optional[str]:
    try:
        load_ssh_public_key(line.strip().encode())
    except (ValueError, TypeError, IndexError, UnsupportedAlgorithm):
        return strings.text("ssh.bad_key")
    return None


def key_listing(user: model.User) -> str:
    lines = ["", strings.text("ssh.keys_for", name=user.name)]
    if not user.ssh_keys:
        lines.append(strings.text("ssh.no_keys"))
    for number, key in enumerate(user.ssh_keys, 1):
        parts = key.split()
        body = parts[1] if len(parts) > 1 else key
        short = body if len(body) <= 30 else f"{body[:16]}...{body[-12:]}"
        lines.append(f"{number}. {parts[0]} {short} {' '.join(parts[2:])}".rstrip())
    return "\n".join(lines)


@command("sshconfig", "Configure sshd settings and view, add, delete or modify SSH keys used for "
         "SSH access.", roles=CONFIG_ROLES, restricted="cluster", sections=("users",))
async def sshconfig(ctx: CommandContext, args: list[str]) -> None:
    users = ctx.session.edit("users").users
    current = [users[ctx.cli.user.name]]

    async def pick_key(action: str) -> Optional[int]:
        keys = current[0].ssh_keys
        if not keys:
            ctx.out(strings.text("ssh.no_keys"))
            return None
        return await ctx.dialog.ask_int(strings.text("ssh.which_key", action=action), low=1,
                                        high=len(keys)) - 1

    async def new() -> None:
        key = await ctx.dialog.text_block("\n" + strings.text("ssh.paste"))
        key = " ".join(key.split())
        error = key_error(key)
        if error:
            ctx.out(error)
        else:
            current[0].ssh_keys.append(key)

    async def delete() -> None:
        index = await pick_key("delete")
        if index is not None:
            del current[0].ssh_keys[index]

    async def print_() -> None:
        index = await pick_key("print")
        if index is not None:
            ctx.out(current[0].ssh_keys[index])

    async def switch_user() -> None:
        """A numbered list of the users (a number or a name answers it), the one being edited
        the default."""
        names = list(users)
        index = await ctx.dialog.choose(strings.text("ssh.which_user"), names,
                                        names.index(current[0].name))
        current[0] = users[names[index]]

    async def userkey() -> None:
        await run_menu(ctx.dialog, lambda: [
            ("NEW", strings.text("ssh.op.new"), new),
            ("DELETE", strings.text("ssh.op.delete"), delete),
            ("PRINT", strings.text("ssh.op.print"), print_),
            *([("USER", strings.text("ssh.op.user"), switch_user)] if ctx.cli.role == "admin" else []),
        ], status=lambda: key_listing(current[0]))

    async def sshd() -> None:
        ctx.out("")
        ctx.out(strings.text("ssh.sshd_info"))

    await run_menu(ctx.dialog, lambda: [
        ("SSHD", strings.text("ssh.op.sshd"), sshd),
        ("USERKEY", strings.text("ssh.op.userkey"), userkey),
    ])
