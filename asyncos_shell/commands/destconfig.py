"""``destconfig``: destination controls (cli.md §5.4) — per-domain delivery limits, TLS, DANE,
bounce verification, bounce profile and IP sort preference, the default for other domains, and
the global outbound TLS certificate and required-TLS alert (SETUP).

IMPORT/EXPORT use the appliance's table file in ``/configuration``: a ``[DEFAULT]`` section and
one section per domain with the parameters of user guide 9.1.2 Table 24-9.  The batch form
(``destconfig new example.com --tls=require_verify``) takes the same parameters.
"""
from __future__ import annotations

import configparser
import copy
from typing import Callable, Iterable, Optional

from cluster import model
from cluster.validate import route_domain_error

from .. import strings
from ..engine.batchargs import (Arg, Arguments, Batch, Form, answer_with, as_typed,
                                invalid_line, literal)
from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted
from ..engine.registry import CONFIG_ROLES, command
from . import _shared_strings, destconfig_strings  # noqa: F401  (registers the strings)
from ._choices import ask_export_file, choose_name, format_table, import_table, run_menu_batch

DEMO = "Demo"
BOUNCE_PROFILES = ("Default",)  # no bounceconfig yet: the factory profile is the only one
DEFAULT_SECTION = "DEFAULT"
MAX_CONCURRENCY, MAX_MESSAGES, MAX_RECIPIENTS = 1000, 1000, 1000000000


def T(string_id: str, **values: object) -> str:
    return strings.text(f"destconfig.{string_id}", **values)


# -- the table file's parameters (also the batch options) -------------------------------------
def _number(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        value = int(text)
        if not low <= value <= high:
            raise ValueError(text)
        return value
    return parse


def _token(choices: dict[str, object]) -> Callable[[str], object]:
    def parse(text: str) -> object:
        return choices[text.lower()]
    return parse


def _tokens(values: Iterable, aliases: dict[str, object] | None = None) -> Callable[[str], object]:
    """Accept each value (any case), its position number, and ``aliases``."""
    values = list(values)
    table = {str(v).lower(): v for v in values}
    table.update({str(i): v for i, v in enumerate(values)})
    table.update(aliases or {})
    return _token(table)


# parameter -> (DestinationControl field, parser, how the export writes the value)
PARAMETERS: dict[str, tuple[str, Callable[[str], object], Callable[[object], str]]] = {
    "ip_sort_pref": ("ip_sort_pref", _tokens(model.IP_SORT_PREFS), str),
    "max_host_concurrency": ("max_concurrency", _number(1, MAX_CONCURRENCY), str),
    "max_messages_per_connection": ("max_messages_per_connection", _number(1, MAX_MESSAGES), str),
    "recipient_minutes": ("recipient_minutes", _number(1, 60), str),
    "recipient_limit": ("recipient_limit", _number(0, MAX_RECIPIENTS), str),
    "limit_type": ("limit_type", _tokens(model.LIMIT_TYPES), str),
    "limit_apply": ("limit_apply", _tokens(model.LIMIT_APPLIES), str),
    "tls": ("tls", _tokens(model.DEST_TLS), str),
    "dane": ("dane", _tokens(model.DEST_DANE), str),
    "bounce_validation": ("bounce_verification", _tokens((False, True), {"off": False, "on": True}),
                          lambda value: "on" if value else "off"),
    "bounce_profile": ("bounce_profile", _tokens(BOUNCE_PROFILES), str),
}
# The default must define these (Table 24-9: "All parameters are required for the [DEFAULT]
# section except for the bounce_profile parameter"; recipients may stay undefined = no limit).
DEFAULT_REQUIRED = ("ip_sort_pref", "max_host_concurrency", "max_messages_per_connection",
                    "limit_type", "limit_apply", "tls", "bounce_validation")
# A domain that defines the first must define the others (Table 24-9).
DEPENDENCIES = {"max_host_concurrency": ("limit_type", "limit_apply"),
                "recipient_limit": ("recipient_minutes", "limit_type", "limit_apply")}


class ParameterError(ValueError):
    """An invalid parameter or value; the message is the appliance's error text."""


def apply_parameters(entry: model.DestinationControl, pairs: Iterable[tuple[str, str]],
                     section: str, *, default: bool) -> None:
    """Set ``entry``'s fields from (parameter, value) pairs; a domain's value ``default`` resets
    the parameter to the default's.  Raises ParameterError before changing anything."""
    changes = {}
    for name, text in pairs:
        name, text = name.strip().lower(), text.strip()
        if name not in PARAMETERS:
            raise ParameterError(T("error.parameter", name=name))
        field, parse, _ = PARAMETERS[name]
        if text.lower() == "default" and not default:
            changes[field] = None
            continue
        if name == "recipient_limit" and not default and text == "0":
            raise ParameterError(T("error.value", value=text, name=name, section=section))
        try:
            changes[field] = parse(text)
        except (KeyError, ValueError):
            raise ParameterError(T("error.value", value=text, name=name, section=section)) from None
    for field, value in changes.items():
        setattr(entry, field, value)


def export_text(dest: model.DestConfig) -> str:
    sections = [(DEFAULT_SECTION, dest.default), *dest.entries.items()]
    lines = []
    for section, entry in sections:
        lines.append(f"[{section}]")
        for name, (field, _, show) in PARAMETERS.items():
            value = getattr(entry, field)
            no_limit = section == DEFAULT_SECTION and not entry.recipient_limit
            if value is None or (no_limit and name in ("recipient_limit", "recipient_minutes")):
                continue
            lines.append(f"{name} = {show(value)}")
        lines.append("")
    return "\n".join(lines)


def import_text(text: str) -> tuple[model.DestinationControl, dict[str, model.DestinationControl]]:
    """Parse a table file into (default, entries); raises ParameterError."""
    parser = configparser.ConfigParser(default_section="\0", interpolation=None, strict=True)
    parser.optionxform = str.lower
    try:
        parser.read_string(text)
    except configparser.Error as error:
        raise ParameterError(T("error.syntax", reason=error.message.splitlines()[0])) from None
    if DEFAULT_SECTION not in parser:
        raise ParameterError(T("error.missing", section=DEFAULT_SECTION, names="its parameters"))
    default = model.default_destination()
    pairs = parser[DEFAULT_SECTION].items()
    missing = [name for name in DEFAULT_REQUIRED if name not in parser[DEFAULT_SECTION]]
    if missing:
        raise ParameterError(T("error.missing", section=DEFAULT_SECTION, names=", ".join(missing)))
    if "recipient_limit" not in parser[DEFAULT_SECTION]:
        default.recipient_limit = 0
    apply_parameters(default, pairs, DEFAULT_SECTION, default=True)
    entries = {}
    for section in parser.sections():
        if section == DEFAULT_SECTION:
            continue
        domain = section.strip().lower()
        if route_domain_error(domain) or domain in entries:
            raise ParameterError(T("error.syntax", reason=f"[{section}]"))
        present = set(parser[section])
        for name, needs in DEPENDENCIES.items():
            if name in present and not set(needs) <= present:
                raise ParameterError(T("error.missing", section=section, names=", ".join(needs)))
        entry = model.DestinationControl(domain)
        apply_parameters(entry, parser[section].items(), section, default=False)
        entries[domain] = entry
    return default, entries


# -- the dialogue -------------------------------------------------------------------------------
class DestConfigCommand:
    def __init__(self, ctx: CommandContext):
        self.ctx, self.dialog = ctx, ctx.dialog

    @property
    def dest(self) -> model.DestConfig:
        return self.ctx.session.read("destconfig")

    def find(self, domain: str) -> Optional[str]:
        """The entry's key for ``domain`` (any case), or None."""
        wanted = domain.strip().lower()
        return next((key for key in self.dest.entries if key.lower() == wanted), None)

    def status(self) -> str:
        return "\n" + T("status", count=len(self.dest.entries))

    def operations(self) -> list:
        ops = [("SETUP", self.setup), ("NEW", self.new)]
        if self.dest.entries:
            ops += [("EDIT", self.edit), ("DELETE", self.delete)]
        ops += [("DEFAULT", self.default), ("LIST", self.list), ("DETAIL", self.detail)]
        if self.dest.entries:
            ops.append(("CLEAR", self.clear))
        ops += [("IMPORT", self.import_), ("EXPORT", self.export)]
        return [(word, T(f"menu.{word.lower()}"), handler) for word, handler in ops]

    # -- SETUP: the global settings --------------------------------------------------------------
    async def setup(self) -> None:
        dest = self.ctx.session.edit("destconfig")
        profiles = self.ctx.session.view().certificates.profiles
        name = await choose_name(self.dialog, T("setup.certificate"), list(profiles),
                                 dest.certificate)
        if name == DEMO and not await self.dialog.yes_no(T("setup.demo"), True):
            name = dest.certificate
        alert = await self.dialog.yes_no(T("setup.alert"), dest.tls_alert)
        dest.certificate, dest.tls_alert = name, alert

    # -- NEW / EDIT ---------------------------------------------------------------------------
    def new_domain_error(self, domain: str) -> Optional[str]:
        if route_domain_error(domain.lower()):
            return route_domain_error(domain.lower())
        if self.find(domain):
            return T("error.exists", domain=domain.lower())
        return None

    def existing_error(self, domain: str) -> Optional[str]:
        return None if self.find(domain) else T("error.not_found", domain=domain)

    async def new(self) -> None:
        domain = (await self.dialog.ask(T("new.domain"), validate=self.new_domain_error)).lower()
        entry = model.DestinationControl(domain)
        await self.ask_entry(entry, new=True)
        self.ctx.session.edit("destconfig").entries[domain] = entry

    async def edit(self) -> None:
        key = self.find(await self.dialog.ask(T("edit.domain"), validate=self.existing_error))
        entry = copy.deepcopy(self.dest.entries[key])
        await self.ask_entry(entry, new=False)
        self.ctx.session.edit("destconfig").entries[key] = entry

    async def ask_entry(self, entry: model.DestinationControl, new: bool) -> None:
        """The NEW/EDIT questions in the appliance's order; answering no to a "specific setting"
        question leaves that setting at Default (None)."""
        ask, yes_no, default = self.dialog.ask_int, self.dialog.yes_no, self.dest.default
        domain = entry.domain
        if await yes_no(T("concurrency.ask", domain=domain), new or entry.max_concurrency is not None):
            entry.max_concurrency = await ask(T("concurrency", domain=domain),
                                              entry.max_concurrency or default.max_concurrency,
                                              low=1, high=MAX_CONCURRENCY)
        else:
            entry.max_concurrency = None
        if await yes_no(T("recipients.ask"), entry.recipient_limit is not None):
            minutes = await ask(T("recipients.minutes"),
                                entry.recipient_minutes or default.recipient_minutes, low=1, high=60)
            entry.recipient_limit = await ask(T("recipients.limit", minutes=minutes, domain=domain),
                                              entry.recipient_limit, low=1, high=MAX_RECIPIENTS)
            entry.recipient_minutes = minutes
        else:
            entry.recipient_limit = entry.recipient_minutes = None
        entry.limit_type = await self.choose_limit_type(domain, T("limit_type.host", domain=domain),
                                                        entry.limit_type or default.limit_type)
        entry.limit_apply = await self.choose_limit_apply(entry.limit_apply or default.limit_apply)
        if await yes_no(T("messages.ask"), entry.max_messages_per_connection is not None):
            entry.max_messages_per_connection = await ask(
                T("messages", domain=domain),
                entry.max_messages_per_connection or default.max_messages_per_connection,
                low=1, high=MAX_MESSAGES)
        else:
            entry.max_messages_per_connection = None
        if await yes_no(T("tls.ask"), entry.tls is not None):
            tls = await self.choose_tls(entry.tls or default.tls)
            dane = None
            if tls != "off" and await yes_no(T("dane.ask"), entry.dane is not None):
                dane = await self.choose_dane(T("dane"), entry.dane or default.dane)
            if await self.demo_accepted(tls):
                entry.tls, entry.dane = tls, dane
        else:
            entry.tls = entry.dane = None
        if await yes_no(T("bounce_verification.ask"), entry.bounce_verification is not None):
            current = entry.bounce_verification
            entry.bounce_verification = await yes_no(
                T("bounce_verification"),
                default.bounce_verification if current is None else current)
        else:
            entry.bounce_verification = None
        if await yes_no(T("bounce_profile.ask"), entry.bounce_profile is not None):
            entry.bounce_profile = await choose_name(self.dialog, T("bounce_profile"),
                                                     BOUNCE_PROFILES,
                                                     entry.bounce_profile or BOUNCE_PROFILES[0])
        else:
            entry.bounce_profile = None
        if await yes_no(T("ip_sort.ask"), entry.ip_sort_pref is not None):
            entry.ip_sort_pref = await self.choose_ip_sort(entry.ip_sort_pref or default.ip_sort_pref)
        else:
            entry.ip_sort_pref = None

    # -- DEFAULT --------------------------------------------------------------------------------
    async def default(self) -> None:
        ask, yes_no = self.dialog.ask_int, self.dialog.yes_no
        entry = copy.deepcopy(self.dest.default)
        entry.max_concurrency = await ask(T("default.concurrency"), entry.max_concurrency,
                                          low=1, high=MAX_CONCURRENCY)
        if await yes_no(T("default.recipients.ask"), bool(entry.recipient_limit)):
            minutes = await ask(T("default.recipients.minutes"), entry.recipient_minutes or 60,
                                low=1, high=60)
            entry.recipient_limit = await ask(T("default.recipients.limit", minutes=minutes),
                                              entry.recipient_limit or None, low=1,
                                              high=MAX_RECIPIENTS)
            entry.recipient_minutes = minutes
        else:
            entry.recipient_limit = 0
        entry.limit_type = await self.choose_limit_type(T("default.domain"),
                                                        T("default.limit_type.host"),
                                                        entry.limit_type)
        entry.limit_apply = await self.choose_limit_apply(entry.limit_apply)
        entry.max_messages_per_connection = await ask(T("default.messages"),
                                                      entry.max_messages_per_connection,
                                                      low=1, high=MAX_MESSAGES)
        tls = await self.choose_tls(entry.tls)
        dane = entry.dane
        if tls != "off":
            dane = await self.choose_dane(T("dane.default"), entry.dane)
        if await self.demo_accepted(tls):
            entry.tls, entry.dane = tls, dane
        entry.bounce_verification = await yes_no(T("bounce_verification"),
                                                 entry.bounce_verification)
        entry.ip_sort_pref = await self.choose_ip_sort(entry.ip_sort_pref)
        self.ctx.session.edit("destconfig").default = entry

    # -- shared questions ------------------------------------------------------------------------
    async def choose_token(self, question: str, tokens: tuple, labels: list[str], current) -> str:
        index = tokens.index(current) if current in tokens else 0
        return tokens[await self.dialog.choose(question, labels, index)]

    async def choose_limit_type(self, domain: str, host_label: str, current: str) -> str:
        return await self.choose_token(T("limit_type", domain=domain), model.LIMIT_TYPES,
                                       [host_label, T("limit_type.mxip")], current)

    async def choose_limit_apply(self, current: str) -> str:
        return await self.choose_token(T("limit_apply"), model.LIMIT_APPLIES,
                                       [T("limit_apply.system"), T("limit_apply.vg")], current)

    async def choose_tls(self, current: str) -> str:
        tls = await self.choose_token(T("tls"), model.DEST_TLS,
                                      [T(f"tls.{t}") for t in model.DEST_TLS], current)
        if tls != "off":
            self.dialog.out("")
            self.dialog.out(T("tls.reminder"))
        return tls

    async def choose_dane(self, question: str, current: str) -> str:
        return await self.choose_token(question, model.DEST_DANE,
                                       [T(f"dane.{d}") for d in model.DEST_DANE], current)

    async def choose_ip_sort(self, current: str) -> str:
        return await self.choose_token(T("ip_sort"), model.IP_SORT_PREFS,
                                       [T(f"ip_sort.{p}") for p in model.IP_SORT_PREFS], current)

    async def demo_accepted(self, tls: str) -> bool:
        """With TLS on and only the demo certificate installed, confirm using it; declining
        leaves the TLS setting as it was."""
        profiles = self.ctx.session.view().certificates.profiles
        if tls == "off" or set(profiles) - {DEMO}:
            return True
        return await self.dialog.yes_no(T("demo_certificate"), True)

    # -- DELETE / CLEAR / LIST / DETAIL -----------------------------------------------------------
    async def delete(self) -> None:
        key = self.find(await self.dialog.ask(T("delete.domain"), validate=self.existing_error))
        del self.ctx.session.edit("destconfig").entries[key]

    async def clear(self) -> None:
        self.ctx.session.edit("destconfig").entries.clear()

    def rows(self) -> list[tuple[str, model.DestinationControl]]:
        dest = self.dest
        return [*sorted(dest.entries.items()), (T("default_name"), dest.default)]

    async def list(self) -> None:
        columns = [T(f"list.{c}") for c in ("domain", "rate", "tls", "bounce_verification",
                                            "bounce_profile", "ip_sort")]
        rows = []
        for name, entry in self.rows():
            limited = any(v is not None for v in (entry.max_concurrency, entry.recipient_limit,
                                                  entry.max_messages_per_connection))
            rows.append([name, T("value.on") if limited else T("value.default"),
                         self.label("tls", entry.tls), on_off(entry.bounce_verification),
                         entry.bounce_profile or T("value.default"),
                         self.label("ip_sort", entry.ip_sort_pref)])
        self.dialog.out("")
        self.dialog.out(format_table(columns, rows))

    def label(self, kind: str, token: Optional[str]) -> str:
        return T("value.default") if token is None else T(f"{kind}.{token}")

    async def detail(self) -> None:
        """One domain, DEFAULT (the default's settings) or ALL (every entry, then the default)."""
        def check(answer: str) -> Optional[str]:
            return None if answer.lower() in ("all", "default") else self.existing_error(answer)
        answer = (await self.dialog.ask(T("detail.domain"), validate=check)).lower()
        rows = self.rows()
        if answer == "default":
            rows = rows[-1:]
        elif answer != "all":
            rows = [(key, entry) for key, entry in rows if key == self.find(answer)]
        self.dialog.out("")
        self.dialog.out("\n\n".join(self.details(name, entry) for name, entry in rows))

    def details(self, name: str, entry: model.DestinationControl) -> str:
        default = self.dest.default

        def shown(field: str, text: Callable[[object], str]) -> str:
            value = getattr(entry, field)
            if value is None:
                return T("value.inherited", value=text(getattr(default, field)))
            return text(value)

        def recipients(e: model.DestinationControl) -> str:
            if not e.recipient_limit:
                return T("value.no_limit")
            return T("value.recipients", limit=e.recipient_limit, minutes=e.recipient_minutes)

        lines = [T("detail.domain_line", domain=name)]
        if entry is default:
            lines += [T("detail.certificate", value=self.dest.certificate),
                      T("detail.alert", value=on_off(self.dest.tls_alert))]
        lines += [
            T("detail.concurrency", value=shown("max_concurrency", str)),
            T("detail.recipients", value=recipients(entry) if entry.recipient_limit is not None
              else T("value.inherited", value=recipients(default))),
            T("detail.limit_type", value=shown("limit_type", lambda v: T(f"value.limit_type.{v}"))),
            T("detail.limit_apply", value=shown(
                "limit_apply", lambda v: T(f"limit_apply.{v.lower()}"))),
            T("detail.messages", value=shown("max_messages_per_connection", str)),
            T("detail.tls", value=shown("tls", lambda v: T(f"tls.{v}"))),
            T("detail.dane", value=shown("dane", lambda v: T(f"dane.{v}"))),
            T("detail.bounce_verification", value=shown("bounce_verification", on_off)),
            T("detail.bounce_profile", value=shown("bounce_profile", str)),
            T("detail.ip_sort", value=shown("ip_sort_pref", lambda v: T(f"ip_sort.{v}"))),
        ]
        return "\n    ".join(lines)

    # -- IMPORT / EXPORT ---------------------------------------------------------------------------
    async def import_(self) -> None:
        imported = await import_table(self.dialog, self.ctx.appliance, import_text, ParameterError)
        if imported is not None:
            dest = self.ctx.session.edit("destconfig")
            dest.default, dest.entries = imported

    async def export(self) -> None:
        await ask_export_file(self.dialog, self.ctx.appliance, export_text(self.dest))

    # -- batch form ------------------------------------------------------------------------------
    async def batch(self, arguments: Arguments) -> None:
        """The verb forms of ``BATCH``."""
        verb = arguments.form
        simple = {"delete": self.delete, "detail": self.detail, "import": self.import_,
                  "export": self.export}
        if verb in simple:
            await simple[verb]()   # the word answers its question
        elif verb in ("new", "edit"):
            await self.batch_entry(verb, arguments["domain"], arguments["options"])
        elif verb == "default":
            entry = copy.deepcopy(self.dest.default)
            self.apply(entry, arguments["options"], DEFAULT_SECTION, default=True)
            self.ctx.session.edit("destconfig").default = entry
        else:
            self.batch_setup(arguments["options"])

    async def batch_entry(self, verb: str, domain: str, options: list) -> None:
        check = self.new_domain_error if verb == "new" else self.existing_error
        if error := check(domain):
            raise CommandAborted(error)
        key = domain.lower() if verb == "new" else self.find(domain)
        entry = (model.DestinationControl(key) if verb == "new"
                 else copy.deepcopy(self.dest.entries[key]))
        self.apply(entry, options, key, default=False)
        for field in ("limit_type", "limit_apply"):
            if getattr(entry, field) is None:  # the dialogue always sets both
                setattr(entry, field, getattr(self.dest.default, field))
        self.ctx.session.edit("destconfig").entries[key] = entry

    def apply(self, entry: model.DestinationControl, options: list, section: str,
              default: bool) -> None:
        try:
            apply_parameters(entry, options, section, default=default)
        except ParameterError as error:
            raise CommandAborted(str(error)) from None

    def batch_setup(self, options: list) -> None:
        dest = self.ctx.session.edit("destconfig")
        certificate, alert = dest.certificate, dest.tls_alert
        for name, value in options:
            if name == "certificate" and value in self.ctx.session.view().certificates.profiles:
                certificate = value
            elif name == "tls_alert" and value.lower() in ("on", "off"):
                alert = value.lower() == "on"
            else:
                raise CommandAborted(T("error.value", value=value, name=name, section="SETUP"))
        dest.certificate, dest.tls_alert = certificate, alert


def on_off(value: Optional[bool]) -> str:
    if value is None:
        return T("value.default")
    return T("value.on") if value else strings.text("shared.off")


def _options(optional: bool) -> Arg:
    """``--parameter=value`` words, as (parameter, value)."""
    return Arg("options", prefix="--", many=True, optional=optional,
               convert=lambda word: tuple(word.partition("=")[::2]))


# ``destconfig <verb> [words] [--parameter=value ...]``: DELETE, DETAIL, IMPORT and EXPORT run the
# interactive operation with their word as its answer; one word alone answers the menu.
BATCH = Batch(*(Form(verb, literal(verb), Arg("word"), answers=answer_with("word"))
                for verb in ("delete", "detail", "import", "export")),
              *(Form(verb, literal(verb), Arg("domain"), _options(True)) for verb in ("new", "edit")),
              *(Form(verb, literal(verb), _options(False)) for verb in ("default", "setup")),
              as_typed(single=True), error=invalid_line)


@command("destconfig", T("description"), usage=T("usage"), roles=CONFIG_ROLES,
         sections=("destconfig",), batch=BATCH)
async def destconfig(ctx: CommandContext, args: list[str]) -> None:
    cmd = DestConfigCommand(ctx)
    if ctx.batch.form not in ("", "answers"):
        await cmd.batch(ctx.batch)
        return
    await run_menu_batch(ctx.dialog, cmd.operations, cmd.status)
