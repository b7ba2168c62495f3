"""``passwd``: change your own passphrase; takes effect on commit.

From AsyncOS 11.0 (profile flag ``passwd_passphrase``) the dialogue is the one Cisco's QA library
drives (``csa/testlib/phoebe1100``..``phoebe1411/cli/ctor/passwd.py``): the old passphrase, an
offer of a system generated passphrase, then the new one twice, each typed on the question's own
line after a ``[]>`` sub-prompt.  Earlier releases ask ``Old password:``, ``New password:``,
``Retype new password:`` (cli.md corrections item 13).
"""
from __future__ import annotations

from .. import strings
from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted
from ..engine.registry import COMMIT_ROLES, command
from . import _passphrase, users_strings  # noqa: F401  (registers the strings)


def inline(string_id: str) -> str:
    """``Question: []> `` on one line."""
    return strings.text(string_id) + " " + strings.text("prompt.sub", default="")


@command("passwd", "Change your password.", restricted="cluster", sections=("users",))
async def passwd(ctx: CommandContext, args: list[str]) -> None:
    if ctx.cli.role not in COMMIT_ROLES:  # the change could never be committed
        raise CommandAborted("\n" + strings.text("passwd.cannot_commit"))
    user = ctx.session.edit("users").users[ctx.cli.user.name]
    wording = ctx.appliance.profile.passwd_passphrase
    ctx.out("")
    old = await ctx.dialog.secret(inline("passwd.old_passphrase") if wording
                                  else strings.text("passwd.old"))
    if not await _passphrase.check(old, user.password_hash):
        raise CommandAborted(strings.text("passwd.wrong_passphrase" if wording else "passwd.wrong"))
    rules = ctx.appliance.view().users.passphrase_rules
    if wording and await ctx.dialog.yes_no(strings.text("passwd.generate"), False):
        generated = _passphrase.generate(rules)
        ctx.out(strings.text("users.generated", passphrase=generated))
        if await ctx.dialog.yes_no(strings.text("users.proceed"), True):
            user.password_hash = await _passphrase.hashed(generated)
            ctx.out(strings.text("passwd.done"))
            return
    first, again = ((inline("passwd.new_passphrase"), inline("users.passphrase_again")) if wording
                    else (strings.text("passwd.new"), strings.text("passwd.again")))
    user.password_hash = await _passphrase.new_passphrase(
        ctx.dialog, user.name, first, again, rules, inline=True,
        forbidden=_passphrase.forbidden_words(ctx.appliance.config_dir, rules),
        current=user.password_hash)
    ctx.out(strings.text("passwd.done"))
