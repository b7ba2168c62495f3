"""``grep``: search a log's files with a regular expression.

The expression runs on RE2 (``google-re2``), whose matching time is linear in the line: no
pattern a user types -- ``(W+)+Z`` and the like -- can make a search backtrack for seconds on
the event loop or in a thread.  RE2 has no back-references or look-around; such a pattern gets
``shared.bad_regexp`` like any other invalid one.

Interactive: log, expression, case, tail, paginate, file pattern, in the order Cisco's QA
library answers them.  Batch: ``grep -e "regexp" [-c] [-C n] [-f pattern] [-i] [-p] [-t] log``.
"""
from __future__ import annotations

import asyncio
import fnmatch
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import re2

from .. import strings
from ..engine.batchargs import Arg, Batch, Form
from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted
from ..engine.registry import CONFIG_ROLES, command
from . import _shared_strings, grep_strings  # noqa: F401
from ._logs import choose_log, follow, log_file, readable_logs


@dataclass
class Search:
    log: str = ""
    regexp: str = ""
    insensitive: bool = False
    count: bool = False
    context: int = 0
    files: str = "*"
    paginate: bool = False
    tail: bool = False


# ``grep -e "regexp" [-c] [-C n] [-f pattern] [-i] [-p] [-t] log``: the fields of ``Search``.
BATCH = Batch(Form("search", Arg("regexp", flag="-e", fits=bool),
                   Arg("context", flag="-C", optional=True, default=0, convert=int),
                   Arg("files", flag="-f", optional=True, default="*"),
                   *(Arg(name, flag=flag, switch=True) for flag, name in (
                       ("-c", "count"), ("-i", "insensitive"), ("-p", "paginate"), ("-t", "tail"))),
                   Arg("log", fits=lambda word: not word.startswith("-"))))


@command("grep", strings.text("grep.description"), usage=strings.text("grep.usage"),
         roles=CONFIG_ROLES, batch=BATCH)
async def grep(ctx: CommandContext, args: list[str]) -> None:
    if ctx.batch.form:
        search = Search(**ctx.batch.values)
        if search.log.lower() not in {s.name.lower() for s in readable_logs(ctx)}:
            raise CommandAborted(strings.text("logs.unknown", name=search.log))
        search.log = next(s.name for s in readable_logs(ctx) if s.name.lower() == search.log.lower())
    else:
        search = await ask(ctx)
    try:
        pattern = compile_pattern(search.regexp, search.insensitive)
    except re2.error as error:
        raise CommandAborted(_bad_regexp(error)) from None
    current = log_file(ctx, search.log, strings.text("grep.unable"))
    files = [p for p in sorted(current.parent.iterdir())
             if p.suffix in (".c", ".s") and fnmatch.fnmatch(p.name, search.files)]
    found = await asyncio.to_thread(_search, files, pattern,
                                    0 if search.count else search.context)
    show = (lambda line: ctx.dialog.out(line, wrap=False)) if search.paginate else ctx.dialog.stream
    ctx.out("")
    if search.count:
        show(strings.text("grep.count", count=len(found)))
    elif found:
        for line in found:
            show(line)
    elif not search.tail:
        show(strings.text("grep.no_results"))
    if search.tail:
        await follow(ctx, current, ctx.dialog.stream, last_lines=0, keep=lambda l: bool(pattern.search(l)))


async def ask(ctx: CommandContext) -> Search:
    dialog = ctx.dialog
    subs = readable_logs(ctx)
    search = Search()
    search.log = subs[await choose_log(dialog, subs, strings.text("grep.which"))].name
    search.regexp = await dialog.ask(strings.text("grep.regexp"), validate=_regexp_error)
    search.insensitive = await dialog.yes_no(strings.text("grep.insensitive"), True)
    search.tail = await dialog.yes_no(strings.text("grep.tail"), False)
    search.paginate = await dialog.yes_no(strings.text("grep.paginate"), False)
    search.files = await dialog.ask(strings.text("grep.files"), "*")
    return search


def compile_pattern(regexp: str, insensitive: bool = False) -> "re2._Regexp":
    """A user's expression, compiled by RE2 (raises ``re2.error``)."""
    options = re2.Options()
    options.log_errors = False  # a typo is the user's, not a line on the appliance's stderr
    options.case_sensitive = not insensitive
    return re2.compile(regexp, options)


def _bad_regexp(error: Exception) -> str:
    detail = error.args[0] if error.args else error
    if isinstance(detail, bytes):
        detail = detail.decode("utf-8", "replace")
    return strings.text("shared.bad_regexp", error=detail)


def _regexp_error(text: str) -> Optional[str]:
    try:
        compile_pattern(text)
    except re2.error as error:
        return _bad_regexp(error)
    return None


def _search(files: list[Path], pattern: "re2._Regexp", context: int) -> list[str]:
    """Matching lines of ``files`` in order, with ``context`` lines around each match."""
    found: list[str] = []
    for path in files:
        try:
            lines = path.read_text(errors="replace").splitlines()
        except OSError:
            continue
        keep: set[int] = set()
        for number, line in enumerate(lines):
            if pattern.search(line):
                keep.update(range(max(0, number - context), min(len(lines), number + context + 1)))
        found.extend(lines[n] for n in sorted(keep))
    return found
