"""``userconfig``: local user accounts and their roles (cli.md §5.19, AsyncOS 14.x+ form)."""
from __future__ import annotations

from typing import Callable, Optional, Sequence

from cluster import model
from cluster.validate import name_error

from .. import strings
from ..engine.batchargs import Arg, Arguments, Batch, Form, as_typed, literal
from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted, run_menu
from ..engine.registry import ADMIN_ROLES, command
from . import _passphrase, userconfig_policy, users_strings  # noqa: F401  (registers the strings)

ROLE_LINES = [
    ("admin", "Administrators - Administrators have full access to all settings of the system."),
    ("operators", "Operators - Operators are restricted from creating new user accounts."),
    ("readonly", "Read-Only Operators - Read-Only operators may only view settings and status "
                 "information."),
    ("guest", "Guests - Guest users may only view status information."),
    ("helpdesk", "Help Desk Users - Help Desk users have access only to ISQ and Message Tracking."),
]
PROTECTED = "admin"


def _invalid(command: str, words: Sequence[str]) -> str:
    """The appliance names the arguments, not the command."""
    return strings.text("error.batch_exhausted", command=" ".join(words))


# ``userconfig add <user> <full name> <role> <password>``, ``userconfig delete <user>``; other
# words answer the menu's questions.
BATCH = Batch(Form("add", literal("add"), Arg("user"), Arg("full_name"), Arg("role"),
                   Arg("password", secret=True)),
              Form("delete", literal("delete"), Arg("user")),
              as_typed(unless=("add", "delete")), error=_invalid)


def listing(users: dict[str, model.User], locked: Callable[[str], bool]) -> str:
    """The user list; a locked account (``locked(name)``) is marked ``(locked)``."""
    lines = ["", strings.text("users.header")]
    for number, user in enumerate(users.values(), 1):
        mark = strings.text("users.locked_mark") if locked(user.name) else ""
        lines.append(strings.text("users.line", number=number, name=user.name,
                                  full_name=user.full_name, role=user.role, locked=mark))
    lines += ["", strings.text("users.external")]
    return "\n".join(lines)


async def confirm_own_passphrase(ctx: CommandContext) -> None:
    """AsyncOS 14.x asks for the operator's own passphrase before any change (profile flag
    ``confirm_own_passphrase``; earlier releases do not)."""
    if not ctx.appliance.profile.confirm_own_passphrase:
        return
    typed = await ctx.dialog.ask(strings.text("users.confirm_own"), hidden=True)
    if not await _passphrase.check(typed, ctx.cli.user.password_hash):
        raise CommandAborted(strings.text("users.wrong_own"))


async def pick_user(ctx: CommandContext, users: dict[str, model.User], question: str) -> model.User:
    names = list(users)

    def known(answer: str) -> Optional[str]:
        if answer in users or (answer.isdigit() and 1 <= int(answer) <= len(names)):
            return None
        return strings.text("ssh.unknown_user", name=answer)

    answer = await ctx.dialog.ask(question, validate=known)
    return users[names[int(answer) - 1]] if answer.isdigit() else users[answer]


async def ask_role(ctx: CommandContext, name: str, current: str) -> str:
    index = await ctx.dialog.choose(strings.text("users.role", name=name),
                                    [text for _, text in ROLE_LINES],
                                    [r for r, _ in ROLE_LINES].index(current))
    return ROLE_LINES[index][0]


def passphrase_rules(ctx: CommandContext) -> model.PassphraseRules:
    """The committed rules apply (a pending POLICY change applies once committed)."""
    return ctx.appliance.view().users.passphrase_rules


async def ask_passphrase(ctx: CommandContext, name: str, current: str = "",
                         keep: bool = False) -> str:
    """A new passphrase for ``name`` (``current``: the hash it replaces, for the reuse ban;
    ``keep``: an empty answer keeps it)."""
    rules = passphrase_rules(ctx)
    forbidden = _passphrase.forbidden_words(ctx.appliance.config_dir, rules)
    if await ctx.dialog.yes_no(strings.text("users.generate"), False):
        generated = _passphrase.generate(rules)
        ctx.out(strings.text("users.generated", passphrase=generated))
        if await ctx.dialog.yes_no(strings.text("users.proceed"), True):
            return await _passphrase.hashed(generated)
    return await _passphrase.new_passphrase(ctx.dialog, name, strings.text("users.passphrase", name=name),
                                            strings.text("users.passphrase_again"), rules,
                                            forbidden=forbidden, current=current, keep=keep)


@command("userconfig", "View and manage users and external authentication.",
         usage="userconfig\nuserconfig add <user> <full name> <role> <password>\nuserconfig delete <user>",
         roles=ADMIN_ROLES, restricted="cluster", sections=("users",), batch=BATCH)
async def userconfig(ctx: CommandContext, args: list[str]) -> None:
    users = ctx.session.edit("users").users

    async def new() -> None:
        await confirm_own_passphrase(ctx)

        def valid(answer: str) -> Optional[str]:
            if answer in users:
                return strings.text("users.exists", name=answer)
            return name_error("user", answer)

        name = await ctx.dialog.ask(strings.text("users.new_name"), validate=valid)
        full_name = await ctx.dialog.ask(strings.text("users.full_name", name=name))
        role = await ask_role(ctx, name, "admin")
        users[name] = model.User(name, full_name, role, await ask_passphrase(ctx, name))

    # EDIT, DELETE and PASSPHRASE → ASSIGN ask the user first and then the operator's own
    # passphrase; NEW and STATUS ask the passphrase first (the QA library's userconfig.py of
    # ESA 11.0-14.1 and SMA 14.x answers in these orders).
    async def edit() -> None:
        user = await pick_user(ctx, users, strings.text("users.pick"))
        await confirm_own_passphrase(ctx)
        user.full_name = await ctx.dialog.ask(strings.text("users.full_name", name=user.name),
                                              user.full_name)
        if user.name != PROTECTED:
            user.role = await ask_role(ctx, user.name, user.role)
        # then the passphrase, as NEW asks it; nothing typed keeps the current one
        user.password_hash = await ask_passphrase(ctx, user.name, user.password_hash, keep=True)

    async def delete() -> None:
        user = await pick_user(ctx, users, strings.text("users.pick_delete"))
        await confirm_own_passphrase(ctx)
        if user.name == ctx.cli.user.name:
            ctx.out(strings.text("users.cannot_delete_self"))
        elif user.name == PROTECTED:
            ctx.out(strings.text("users.cannot_delete", name=user.name))
        elif await ctx.dialog.yes_no(strings.text("users.confirm_delete", name=user.name), False):
            del users[user.name]

    async def passphrase() -> None:
        """PASSPHRASE offers ASSIGN once (the appliance's FORCE, which makes users change their
        passphrase at their next login, is not emulated: logins never ask for one)."""
        if await ctx.dialog.menu([("ASSIGN", strings.text("users.op.assign"))]) is None:
            return
        user = await pick_user(ctx, users, strings.text("users.pick"))
        await confirm_own_passphrase(ctx)
        user.password_hash = await ask_passphrase(ctx, user.name, user.password_hash)

    async def policy() -> None:
        await userconfig_policy.policy(ctx, ctx.session.edit("users"))

    async def status() -> None:
        await confirm_own_passphrase(ctx)
        await userconfig_policy.status(ctx, await pick_user(ctx, users, strings.text("users.pick")))

    if ctx.batch.form in ("add", "delete"):
        await batch(ctx, users, ctx.batch, args)
        return
    await run_menu(ctx.dialog, lambda: [
        ("NEW", strings.text("users.op.new"), new),
        ("EDIT", strings.text("users.op.edit"), edit),
        ("DELETE", strings.text("users.op.delete"), delete),
        ("PASSPHRASE", strings.text("users.op.passphrase"), passphrase),
        ("POLICY", strings.text("users.op.policy"), policy),
        ("STATUS", strings.text("users.op.status"), status),
    ], status=lambda: listing(users, ctx.appliance.accounts.locked))


async def batch(ctx: CommandContext, users: dict[str, model.User], arguments: Arguments,
                args: list[str]) -> None:
    """The ``add`` and ``delete`` forms of ``BATCH``."""
    name = arguments["user"]
    if arguments.form == "delete":
        if name in (PROTECTED, ctx.cli.user.name) or name not in users:
            raise CommandAborted(strings.text("users.cannot_delete", name=name))
        del users[name]
        return
    role, passphrase = arguments["role"], arguments["password"]
    if name in users or role not in {r for r, _ in ROLE_LINES} or name_error("user", name):
        raise CommandAborted(_invalid("userconfig", args))
    rules = passphrase_rules(ctx)
    error = _passphrase.passphrase_error(passphrase, name, rules, _passphrase.forbidden_words(
        ctx.appliance.config_dir, rules))
    if error:
        raise CommandAborted(error)
    users[name] = model.User(name, arguments["full_name"], role,
                             await _passphrase.hashed(passphrase))
