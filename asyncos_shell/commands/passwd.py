"""``passwd``: change your own passphrase (cli.md corrections item 13); takes effect on commit."""
from __future__ import annotations

from .. import strings
from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted
from ..engine.registry import COMMIT_ROLES, command
from . import _passphrase, users_strings  # noqa: F401  (registers the strings)


@command("passwd", "Change your password.", restricted="cluster", sections=("users",))
async def passwd(ctx: CommandContext, args: list[str]) -> None:
    if ctx.cli.role not in COMMIT_ROLES:  # the change could never be committed
        raise CommandAborted("\n" + strings.text("passwd.cannot_commit"))
    user = ctx.session.edit("users").users[ctx.cli.user.name]
    ctx.out("")
    old = await ctx.dialog.secret(strings.text("passwd.old"))
    if not await _passphrase.check(old, user.password_hash):
        raise CommandAborted(strings.text("passwd.wrong"))
    rules = ctx.appliance.view().users.passphrase_rules
    user.password_hash = await _passphrase.new_passphrase(
        ctx.dialog, user.name, strings.text("passwd.new"), strings.text("passwd.again"), rules,
        inline=True, forbidden=_passphrase.forbidden_words(ctx.appliance.config_dir, rules),
        current=user.password_hash)
    ctx.out(strings.text("passwd.done"))
