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


def sshd_listing(settings: model.SshServer) -> str:
    return "\n" + strings.text(
        "ssh.sshd_info", pubkey=", ".join(settings.pubkey_algorithms),
        ciphers=", ".join(settings.ciphers), macs=", ".join(settings.macs),
        key_size=settings.min_server_key_size, kex=", ".join(settings.kex_algorithms))


def algorithm_list(answer: str) -> list[str]:
    """``aes128-ctr, aes256-ctr``: names separated by commas, in preference order."""
    return [name.strip() for name in answer.split(",") if name.strip()]


def algorithms_error(answer: str, known: tuple[str, ...]) -> Optional[str]:
    names = algorithm_list(answer)
    if not names:
        return strings.text("error.required")
    for index, name in enumerate(names):
        if name not in known:
            return strings.text("ssh.setup.unknown", name=name, names=",".join(known))
        if name in names[:index]:
            return strings.text("ssh.setup.twice", name=name)
    return None


async def setup_sshd(ctx: CommandContext, settings: model.SshServer) -> None:
    """SETUP's questions in the order Cisco's ESA automation answers them."""
    async def ask_list(key: str, current: list[str], known: tuple[str, ...]) -> list[str]:
        answer = await ctx.dialog.ask(strings.text(key), ",".join(current),
                                      validate=lambda text: algorithms_error(text, known))
        return algorithm_list(answer)

    settings.pubkey_algorithms = await ask_list("ssh.setup.pubkey", settings.pubkey_algorithms,
                                                model.SSH_PUBKEY_ALGORITHMS)
    settings.ciphers = await ask_list("ssh.setup.ciphers", settings.ciphers, model.SSH_CIPHERS)
    settings.macs = await ask_list("ssh.setup.macs", settings.macs, model.SSH_MACS)
    low, high = model.SSH_MIN_SERVER_KEY_SIZE_RANGE
    settings.min_server_key_size = await ctx.dialog.ask_int(
        strings.text("ssh.setup.key_size"), settings.min_server_key_size, low=low, high=high)
    settings.kex_algorithms = await ask_list("ssh.setup.kex", settings.kex_algorithms,
                                             model.SSH_KEX_ALGORITHMS)


@command("sshconfig", "Configure sshd settings and view, add, delete or modify SSH keys used for "
         "SSH access.", roles=CONFIG_ROLES, restricted="cluster", sections=("users",))
async def sshconfig(ctx: CommandContext, args: list[str]) -> None:
    section = ctx.session.edit("users")
    users = section.users
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
        await run_menu(ctx.dialog, lambda: [
            ("SETUP", strings.text("ssh.op.setup"), lambda: setup_sshd(ctx, section.ssh_server)),
        ], status=lambda: sshd_listing(section.ssh_server))

    await run_menu(ctx.dialog, lambda: [
        ("SSHD", strings.text("ssh.op.sshd"), sshd),
        ("USERKEY", strings.text("ssh.op.userkey"), userkey),
    ])
