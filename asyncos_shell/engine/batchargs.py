"""What a command accepts on its own line (``ssh host 'tophosts conn_out'``), declared once per
command and read by one parser, so that no command reads or edits the dialogue's answers.

A command declares ``Batch(*forms, error=...)``: each ``Form`` is a row of ``Arg`` -- positional
words, ``-x value`` flags, ``-x`` switches, ``@value``/``--name=value`` prefixed words -- and says
whether its values go to the command (``ctx.batch``) or stand for answers to the dialogue's
questions (``answers``).  The first form whose shape fits the words is taken; its values are then
converted and checked, and a wrong one aborts with the appliance's own error.  No form fitting
aborts with the command's ``error`` (by default ``Invalid arguments when processing: <command>``).
A command that declares nothing takes its words as answers, in order.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional, Sequence, Union

from cluster.levels import ApplianceView

from .. import strings
from .dialog import CommandAborted, Validator

# The words an argument accepts (any case; its value is the word as listed), fixed or read from
# the appliance's committed configuration (``ping``'s interface names).
Choices = Union[tuple, Callable[[ApplianceView], Iterable[str]]]
# The error text of arguments no form fits: (command name, its words) -> text.
ErrorText = Callable[[str, Sequence[str]], str]


@dataclass(frozen=True)
class Arg:
    """One argument of a form.  Positional unless ``flag`` or ``prefix`` is set."""
    name: str
    choices: Choices = ()
    fits: Optional[Callable[[str], bool]] = None   # a shape beyond ``choices`` (digits, not a verb)
    check: Optional[Validator] = None   # the appliance's error for a word of the right shape
    convert: Callable[[str], Any] = str  # ValueError: the command's error
    optional: bool = False
    default: Any = None
    many: bool = False     # every remaining positional word (or every ``prefix`` word): a list
    secret: bool = False   # a passphrase: masked where the command line is logged
    flag: str = ""         # ``-e value`` anywhere on the line
    switch: bool = False   # the flag alone: True when given
    prefix: str = ""       # ``@server``, ``--name=value``: the value is the rest of the word


class Form:
    """``Form(name, *args, answers=...)``: one shape of the command line.  ``answers`` turns its
    values into the dialogue answers the form stands for; without it the values go to the
    command (``ctx.batch``)."""

    def __init__(self, name: str, *args: Arg,
                 answers: Optional[Callable[[dict], list[str]]] = None):
        self.name, self.args, self.answers = name, args, answers


def invalid_arguments(command: str, words: Sequence[str]) -> str:
    return strings.text("error.batch_exhausted", command=command)


def invalid_line(command: str, words: Sequence[str]) -> str:
    """The same error naming the whole command line (``destconfig``, ``smtproutes``)."""
    return strings.text("error.batch_exhausted", command=" ".join([command, *words]))


class Batch:
    """``Batch(*forms, error=...)``: the command's forms, tried in order."""

    def __init__(self, *forms: Form, error: ErrorText = invalid_arguments):
        self.forms, self.error = forms, error


@dataclass
class Arguments:
    """The parsed command line: the form taken ("" without arguments) and its values by
    argument name."""
    form: str = ""
    values: dict = field(default_factory=dict)
    answers: list = field(default_factory=list)

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


def answer_with(*names: str) -> Callable[[dict], list[str]]:
    """Answers that are the values of ``names`` in order (absent optional ones left out)."""
    def answers(values: dict) -> list[str]:
        words: list[str] = []
        for name in names:
            value = values[name]
            if isinstance(value, list):
                words.extend(value)
            elif value is not None:
                words.append(value)
        return words
    return answers


def as_typed(*, unless: Sequence[str] = (), single: bool = False) -> Form:
    """The words answer the dialogue's questions in order; the first may not be one of
    ``unless`` (the verbs of the command's own forms), and with ``single`` it is the only one."""
    rest = () if single else (Arg("words", many=True, optional=True),)
    return Form("answers", Arg("first", fits=none_of(*unless)), *rest,
                answers=answer_with("first", *(a.name for a in rest)))


def literal(word: str) -> Arg:
    """A word that must be there as written (any case): ``all``, ``join``."""
    return Arg(word, choices=(word,))


def none_of(*words: str) -> Callable[[str], bool]:
    """A shape: any word but these (any case)."""
    lowered = {w.lower() for w in words}
    return lambda word: word.lower() not in lowered


IGNORED = Batch(Form("ignored", Arg("words", many=True, optional=True)))
"""A command that takes no arguments runs as if none were given."""


def parse(batch: Optional[Batch], command: str, words: Sequence[str],
          view: Callable[[], ApplianceView], mark_secret: Callable[[str], None]) -> Arguments:
    """The arguments ``words`` give ``command``; raises ``CommandAborted`` with the appliance's
    error.  Passphrases are handed to ``mark_secret`` before any value is checked."""
    if batch is None:
        return Arguments("answers", {}, list(words))
    for form in batch.forms:
        fitted = _fit(form, list(words), view)
        if fitted is None:
            continue
        for arg, word in fitted:
            if arg.secret:
                mark_secret(word)
        values = _values(form, fitted, batch.error(command, words))
        return Arguments(form.name, values, form.answers(values) if form.answers else [])
    raise CommandAborted(batch.error(command, words))


def _fit(form: Form, words: list[str], view: Callable[[], ApplianceView]
         ) -> Optional[list[tuple[Arg, str]]]:
    """Each argument's words when the form's shape fits ``words``, else None."""
    flags = {a.flag: a for a in form.args if a.flag}
    prefixed = [a for a in form.args if a.prefix]
    fitted: list[tuple[Arg, str]] = []
    positional: list[str] = []
    rest = iter(words)
    for word in rest:
        arg = flags.get(word) or next((a for a in prefixed if word.startswith(a.prefix)), None)
        if arg is None:
            positional.append(word)
            continue
        if arg.switch:
            value: Optional[str] = word
        else:
            value = word[len(arg.prefix):] if arg.prefix else next(rest, None)
            value = None if value is None else _word(arg, value, view)
        if value is None:
            return None
        fitted.append((arg, value))
    given = {arg.name for arg, _ in fitted}
    if any(not (a.optional or a.switch) and a.name not in given
           for a in (*flags.values(), *prefixed)):
        return None
    for arg in (a for a in form.args if not a.flag and not a.prefix):
        if arg.many:
            taken = [_word(arg, w, view) for w in positional]
            if None in taken or not (taken or arg.optional):
                return None
            fitted += [(arg, w) for w in taken]
            positional = []
        elif positional and (word := _word(arg, positional[0], view)) is not None:
            fitted.append((arg, word))
            positional.pop(0)
        elif not arg.optional:
            return None
    return None if positional else fitted


def _word(arg: Arg, word: str, view: Callable[[], ApplianceView]) -> Optional[str]:
    """``word`` as ``arg`` takes it (the listed spelling of a choice), or None when it does not
    have the argument's shape."""
    if arg.fits is not None and not arg.fits(word):
        return None
    if not arg.choices:
        return word
    choices = arg.choices(view()) if callable(arg.choices) else arg.choices
    return next((c for c in choices if c.lower() == word.lower()), None)


def _values(form: Form, fitted: list[tuple[Arg, str]], error: str) -> dict:
    """Each argument's value (its default when absent), converted and checked in the form's
    order; aborts with the argument's own error or ``error``."""
    values = {a.name: [] if a.many else (False if a.switch else a.default) for a in form.args}
    for arg in form.args:
        for word in (w for a, w in fitted if a is arg):
            if arg.switch:
                values[arg.name] = True
                continue
            if arg.check is not None and (problem := arg.check(word)):
                raise CommandAborted(problem)
            try:
                value = arg.convert(word)
            except ValueError:
                raise CommandAborted(error) from None
            if arg.many:
                values[arg.name].append(value)
            else:
                values[arg.name] = value
    return values
