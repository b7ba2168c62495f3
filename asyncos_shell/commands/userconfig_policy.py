"""``userconfig`` → POLICY (the account policy) and → STATUS (lock or make available one account).

POLICY → ACCOUNT asks whether to lock an account after unsuccessful logins and after how many
(``model.AccountPolicy``: committed like any setting; SSH and FTP logins use the committed
policy, ``transports.auth``); POLICY → PASSWORDSTRENGTH sets the rules a new passphrase must
meet (``model.PassphraseRules``, applied by ``userconfig`` and ``passwd`` once committed).  The
appliance's ACCOUNT dialogue goes on with the locked-account message, passphrase expiry and
reset questions, and its PASSWORDSTRENGTH with passphrase reuse, a list of forbidden words and
strength indicators per role; the emulator does not model those, so it does not ask them.

STATUS changes the account's state at once, as the failed logins that lock it do: the state is
the appliance's runtime record (``engine.logins``), not a committed setting [R].
"""
from __future__ import annotations

from cluster import model

from .. import strings
from ..engine.context import CommandContext
from ..engine.dialog import run_menu
from . import users_strings  # noqa: F401  (registers the strings)


def policy_status(users: model.Users) -> str:
    """The current policy, after a blank line (as the user listing)."""
    policy, rules = users.account_policy, users.passphrase_rules
    lock = (strings.text("users.policy.locks", count=policy.max_failed_logins)
            if policy.lock_account else strings.text("users.policy.unlocked"))
    extra = "".join(strings.text(f"users.rules.{name}") for name in RULE_FLAGS
                    if getattr(rules, RULE_FLAGS[name]))
    return "\n" + lock + "\n" + strings.text("users.rules.length", count=rules.min_length,
                                             extra=extra)


# The yes/no rules in the order PASSWORDSTRENGTH asks them: string key -> PassphraseRules field.
RULE_FLAGS = {"cases": "upper_and_lower", "number": "number", "special": "special",
              "username": "reject_username", "sequential": "reject_sequential"}


async def policy(ctx: CommandContext, users: model.Users) -> None:
    """The POLICY sub-menu over the session's (pending) ``users`` section."""
    async def account() -> None:
        settings = users.account_policy
        settings.lock_account = await ctx.dialog.yes_no(strings.text("users.policy.lock"),
                                                        settings.lock_account)
        if settings.lock_account:
            low, high = model.FAILED_LOGINS_RANGE
            settings.max_failed_logins = await ctx.dialog.ask_int(
                strings.text("users.policy.attempts"), settings.max_failed_logins,
                low=low, high=high)

    async def strength() -> None:
        rules = users.passphrase_rules
        low, high = model.PASSPHRASE_LENGTH_RANGE
        rules.min_length = await ctx.dialog.ask_int(strings.text("users.strength.length"),
                                                    rules.min_length, low=low, high=high)
        for name, attribute in RULE_FLAGS.items():
            setattr(rules, attribute, await ctx.dialog.yes_no(
                strings.text(f"users.strength.{name}"), getattr(rules, attribute)))

    await run_menu(ctx.dialog, lambda: [
        ("ACCOUNT", strings.text("users.op.account"), account),
        ("PASSWORDSTRENGTH", strings.text("users.op.strength"), strength),
    ], status=lambda: policy_status(users))


async def status(ctx: CommandContext, user: model.User) -> None:
    """Show whether ``user`` may log in, and offer to switch."""
    logins = ctx.appliance.failed_logins
    locked = logins.locked(user.name, user.password_hash)
    ctx.out(strings.text("users.status", name=user.name,
                         state=strings.text("users.locked" if locked else "users.available")))
    question = "users.make_available" if locked else "users.lock_it"
    if not await ctx.dialog.yes_no(strings.text(question), False):
        return
    if locked:
        logins.unlock(user.name)
    else:
        logins.lock(user.name, user.password_hash)
    ctx.appliance.logs.write("authentication", strings.text(
        "users.log_unlocked" if locked else "users.log_locked", name=user.name,
        by=ctx.cli.user.name))
