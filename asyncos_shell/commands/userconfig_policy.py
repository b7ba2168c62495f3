"""``userconfig`` → POLICY (the account policy) and → STATUS (lock or make available one account).

POLICY → ACCOUNT asks whether to lock an account after unsuccessful logins and after how many,
whether the login page shows a locked-account message (and which), passphrase expiry with its
reminder and grace period, and whether an administrator's change forces a reset
(``model.AccountPolicy``: committed like any setting; SSH, FTP and the web interface use the
committed lock and message, ``cluster.logins``; expiry and reset are stored and shown only).
POLICY → PASSWORDSTRENGTH sets the rules a new passphrase must meet (``model.PassphraseRules``:
length, character classes, user name, sequences, reuse of the current passphrase, the uploaded
list of forbidden words), applied by ``userconfig`` and ``passwd`` once committed.  The
appliance's per-role entropy questions are not asked (the emulator has no entropy measure).

STATUS changes the account's state at once, as the failed logins that lock it do: the state is
the appliance's runtime record (``cluster.logins``, shared by SSH, FTP and the web
interface), not a committed setting [R].
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
    expiry = (strings.text("users.policy.expires", count=policy.expiry_days)
              if policy.passphrase_expiry else strings.text("users.policy.no_expiry"))
    extra = "".join(strings.text(f"users.rules.{name}") for name in RULE_FLAGS
                    if getattr(rules, RULE_FLAGS[name]))
    if rules.ban_reuse:
        extra += strings.text("users.rules.reuse")
    if rules.forbidden_words:
        extra += strings.text("users.rules.words")
    return "\n" + lock + "\n" + expiry + "\n" + strings.text(
        "users.rules.length", count=rules.min_length, extra=extra)


# The yes/no rules in the order PASSWORDSTRENGTH asks them: string key -> PassphraseRules field.
RULE_FLAGS = {"cases": "upper_and_lower", "number": "number", "special": "special",
              "username": "reject_username", "sequential": "reject_sequential"}


async def account(ctx: CommandContext, settings: model.AccountPolicy) -> None:
    """POLICY → ACCOUNT, in the order of the appliance's dialogue (Cisco's QA library,
    ``userconfig.py``'s ``account``): the lock, the locked-account message, passphrase expiry
    with its reminder and grace period, the reset after an administrator's change."""
    dialog = ctx.dialog
    settings.lock_account = await dialog.yes_no(strings.text("users.policy.lock"),
                                                settings.lock_account)
    if settings.lock_account:
        settings.max_failed_logins = await _number(ctx, "users.policy.attempts",
                                                 settings.max_failed_logins,
                                                 model.FAILED_LOGINS_RANGE)
    settings.show_locked_message = await dialog.yes_no(strings.text("users.policy.show_message"),
                                                       settings.show_locked_message)
    if settings.show_locked_message and await dialog.yes_no(
            strings.text("users.policy.change_message"), False):
        settings.locked_message = await _locked_message(ctx, settings.locked_message)
    settings.passphrase_expiry = await dialog.yes_no(strings.text("users.policy.expiry"),
                                                     settings.passphrase_expiry)
    if settings.passphrase_expiry:
        settings.expiry_days = await _number(ctx, "users.policy.expiry_days", settings.expiry_days,
                                           model.EXPIRY_DAYS_RANGE)
        settings.expiry_reminder = await dialog.yes_no(strings.text("users.policy.reminder"),
                                                       settings.expiry_reminder)
        if settings.expiry_reminder:
            settings.reminder_days = await _number(ctx, "users.policy.reminder_days",
                                                 settings.reminder_days, model.NOTICE_DAYS_RANGE)
        settings.grace_period = await dialog.yes_no(strings.text("users.policy.grace"),
                                                    settings.grace_period)
        if settings.grace_period:
            settings.grace_days = await _number(ctx, "users.policy.grace_days",
                                              settings.grace_days, model.NOTICE_DAYS_RANGE)
    settings.reset_after_admin_change = await dialog.yes_no(
        strings.text("users.policy.reset"), settings.reset_after_admin_change)


async def _number(ctx: CommandContext, question: str, default: int,
                bounds: tuple[int, int]) -> int:
    low, high = bounds
    return await ctx.dialog.ask_int(strings.text(question), default, low=low, high=high)


async def _locked_message(ctx: CommandContext, current: str) -> str:
    """The pasted message, up to a line holding only ``.``; an empty or too long one is refused
    and asked again."""
    while True:
        text = (await ctx.dialog.paste(strings.text("users.policy.message"))).strip()
        if text and len(text) <= model.LOCKED_MESSAGE_MAX:
            return text
        ctx.out(strings.text("users.policy.message_size", count=model.LOCKED_MESSAGE_MAX))


async def strength(ctx: CommandContext, rules: model.PassphraseRules) -> None:
    """POLICY → PASSWORDSTRENGTH: the length, the yes/no rules, passphrase reuse and the
    forbidden-word list (the per-role entropy questions are not asked: see the README)."""
    dialog = ctx.dialog
    rules.min_length = await _number(ctx, "users.strength.length", rules.min_length,
                                   model.PASSPHRASE_LENGTH_RANGE)
    for name, attribute in RULE_FLAGS.items():
        setattr(rules, attribute, await dialog.yes_no(
            strings.text(f"users.strength.{name}"), getattr(rules, attribute)))
    rules.ban_reuse = await dialog.yes_no(strings.text("users.strength.reuse"), rules.ban_reuse)
    if rules.ban_reuse:
        rules.reuse_count = await _number(ctx, "users.strength.reuse_count", rules.reuse_count,
                                        model.REUSE_COUNT_RANGE)
    rules.forbidden_words = await dialog.yes_no(strings.text("users.strength.words"),
                                                rules.forbidden_words)


async def policy(ctx: CommandContext, users: model.Users) -> None:
    """The POLICY sub-menu over the session's (pending) ``users`` section."""
    await run_menu(ctx.dialog, lambda: [
        ("ACCOUNT", strings.text("users.op.account"),
         lambda: account(ctx, users.account_policy)),
        ("PASSWORDSTRENGTH", strings.text("users.op.strength"),
         lambda: strength(ctx, users.passphrase_rules)),
    ], status=lambda: policy_status(users))


async def status(ctx: CommandContext, user: model.User) -> None:
    """Show whether ``user`` may log in, and offer to switch."""
    accounts = ctx.appliance.accounts
    locked = accounts.locked(user.name)
    ctx.out(strings.text("users.status", name=user.name,
                         state=strings.text("users.locked" if locked else "users.available")))
    question = "users.make_available" if locked else "users.lock_it"
    if not await ctx.dialog.yes_no(strings.text(question), False):
        return
    if locked:
        accounts.make_available(user.name, by=ctx.cli.user.name)
    else:
        accounts.lock(user.name, by=ctx.cli.user.name)
