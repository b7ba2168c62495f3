"""One CLI session: the main prompt loop, command dispatch, role checks, Ctrl-C and idle expiry.

The same session runs behind every transport: an interactive shell (plain or rich terminal),
``ssh host 'cmd; cmd'`` (exec, batch arguments, no prompt) and the local console.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
import shlex
import time
from typing import Optional

from cluster import model

from .. import strings
from ..terminal import terminal_strings  # noqa: F401  (terminal.line_too_long)
from ..terminal.base import MAX_LINE, Terminal
from ..terminal.wrap import wrap
from . import batchargs, levels, profile as profiles, registry
from .audit import MASK, AuditedTerminal, input_line, login_line, logout_line
from .context import Appliance, CommandContext, LoginRecord
from .dialog import CommandAborted, Dialog

log = logging.getLogger(__name__)

# How often an idle session's watchdog looks at the clock at most.
IDLE_CHECK_SECONDS = 60.0


class SessionExit(Exception):
    """Raised by ``exit``/``quit`` (and idle expiry) to end the session."""


class CliSession:
    def __init__(self, appliance: Appliance, user: model.User, terminal: Terminal, *,
                 remote: str = "127.0.0.1", transport: str = "ssh", local: str = "127.0.0.1"):
        """``local``: the appliance's address the client reached ("" for the console)."""
        self.appliance, self.user = appliance, user
        self.terminal = AuditedTerminal(terminal, self._audit, user.name)
        self.config = appliance.new_session(user.name)
        self.remote, self.transport, self.local = remote, transport, local
        self._command_prompt = ""     # what the current command line answered (cli_logs)
        self._logged_out = False
        self.login = LoginRecord(user.name, remote, time.time(), transport=transport)
        self.last_activity = time.monotonic()
        self.current_command = ""
        self._task: Optional[asyncio.Task] = None
        self.closed = False
        self.failed = False  # any command of an exec line failed: exit status 1
        registry.load_all()

    # -- identity and prompt -----------------------------------------------------------------
    @property
    def role(self) -> str:
        return self.user.role

    def prompt(self) -> str:
        config = self.config.config
        if not config.clustered:
            return strings.text("prompt.standalone", hostname=self.appliance.hostname())
        kind, _, name = self.config.mode.partition(":")
        if kind == "cluster":
            prompt = strings.text("prompt.cluster", name=config.cluster_name)
        else:
            prompt = strings.text(f"prompt.{kind}", name=name)
        if self.appliance.profile.cluster_prompt == "hostname":
            return strings.text("prompt.host_and_mode", hostname=self.appliance.hostname(),
                                mode=prompt)
        return prompt

    def banner(self, previous: Optional[LoginRecord]) -> str:
        ident = self.appliance.identity
        version, _, build = ident.version.partition("-")
        model, product = profiles.branding(ident.model)
        lines = []
        if previous is not None:
            when = time.strftime(strings.TIME_FORMAT, time.localtime(previous.start))
            # The real appliance ends this line with CR CR LF (cli.md §1.2).
            lines.append(strings.text("banner.last_login", when=when, host=previous.remote) + "\r")
        minutes = self.appliance.view().system.cli_timeout_minutes
        # At 80 columns the NOTE takes three lines, on a wide pty one (cli.md §1.2, B and C).
        note = self._wrapped(strings.text("banner.note", minutes=minutes))
        lines += [strings.text("banner.version", version=version, model=model, build=build), "",
                  strings.text("banner.welcome", model=model, product=product), "",
                  note, "", ""]
        return "\n".join(lines)

    def _wrapped(self, text: str) -> str:
        return wrap(text, self.terminal.columns)

    def _message(self, text: str) -> None:
        """A blank line and an error or notice, wrapped at the terminal's width."""
        self.terminal.write("\n" + self._wrapped(text) + "\n")

    # -- life cycle ---------------------------------------------------------------------------
    def start(self) -> Optional[LoginRecord]:
        """Register the session; returns this user's previous login (for the banner)."""
        previous = next((r for r in reversed(self.appliance.logins) if r.user == self.user.name), None)
        self.appliance.logins.append(self.login)
        self.appliance.sessions.append(self)
        how = "an SSH connection" if self.transport == "ssh" else "the console"
        self.appliance.logs.write("authentication",
                                  f"The user {self.user.name} successfully logged on from "
                                  f"{self.remote} with privilege {self.user.role} using {how}.")
        if self.local:
            self._audit(login_line(self.user.name, self.remote, self.local))
        return previous

    def _audit(self, line: str) -> None:
        self.appliance.logs.write("cli_logs", line)

    def close(self) -> None:
        if not self._logged_out:    # idle expiry marks the session closed before this
            self._logged_out = True
            self._audit(logout_line(self.user.name))
        if self.closed:
            return
        self.closed = True
        self.login.end = time.time()
        if self in self.appliance.sessions:
            self.appliance.sessions.remove(self)
        self.interrupt()

    def touch(self) -> None:
        """Called by the transport on every input: idle expiry counts from here."""
        self.last_activity = time.monotonic()

    def interrupt(self) -> bool:
        """Ctrl-C: abort the running command.  Returns False when none was running."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
            return True
        return False

    async def run_shell(self) -> None:
        """Banner, then the main prompt loop until ``exit``, end of input or idle expiry."""
        previous = self.start()
        self.terminal.write(self.banner(previous))
        # the banner's last line is the blank line before every prompt ("\nhost> " in cli_logs)
        self.terminal.forget_shown(keep="\n")
        watchdog = asyncio.ensure_future(self._expire_when_idle())
        try:
            while not self.closed:
                try:
                    line, self._command_prompt = await self.terminal.read_command(
                        self.prompt())
                except EOFError:
                    break
                if not line.strip():
                    continue
                if not await self.execute(line):
                    break
        finally:
            watchdog.cancel()
            await self.terminal.drain()
            self.close()

    async def run_exec(self, line: str) -> int:
        """``ssh host 'cmd args; cmd'``: run each command with its arguments; no prompt."""
        self.start()
        try:
            await self.execute(line, blank_after=False)
            await self.terminal.drain()
            return 1 if self.failed else 0
        finally:
            self.close()

    async def _expire_when_idle(self) -> None:
        while not self.closed:
            minutes = self.config.view().system.cli_timeout_minutes
            remaining = self.last_activity + minutes * 60 - time.monotonic()
            if remaining <= 0:
                self._message(strings.text("idle.expired"))
                self.appliance.logs.write("authentication", f"CLI: User {self.user.name} logged "
                                          f"out from {self.remote} because of inactivity timeout")
                self.config.clear()
                self.interrupt()
                self.closed = True
                self.terminal.end_input()  # wakes the prompt loop, which ends the session
                return
            await asyncio.sleep(min(remaining, IDLE_CHECK_SECONDS))

    # -- dispatch ---------------------------------------------------------------------------------
    async def execute(self, line: str, *, blank_after: bool = True) -> bool:
        """Run a ``;``-separated command line.  Returns False when the session should end."""
        if len(line) > MAX_LINE:  # an exec command line: no terminal has bounded it
            self.failed = True
            self.terminal.write(strings.text("terminal.line_too_long", limit=MAX_LINE) + "\n")
            return True
        for part in _split_commands(line):
            try:
                words = shlex.split(part)
            except ValueError:
                words = part.split()
            if not words:
                continue
            try:
                await self._run_one(words[0], words[1:])
            except SessionExit:
                return False
            finally:
                self.current_command = ""
            if blank_after:
                self.terminal.write("\n")
        return True

    def _record(self, word: str, args: list[str], secrets: "set[str] | None" = None) -> None:
        """The command line in cli_logs; ``secrets`` (None: every argument) are masked."""
        shown = [MASK if secrets is None or a in secrets else a for a in args]
        self._audit(input_line(self.user.name, " ".join([word, *shown]), self._command_prompt))

    async def _run_one(self, word: str, args: list[str]) -> None:
        entry = registry.lookup(word)
        if entry is None:
            self._record(word, args, set())
            self.failed = True
            wording = f"error.unknown_command.{self.appliance.profile.unknown_command}"
            self._message(strings.text(wording, command=word))
            return
        if self.role not in entry.roles:
            self._record(word, args)  # which arguments are passphrases is not known here
            self.failed = True
            self._message(strings.text("error.access"))
            return
        if not self.config.refresh():
            self.terminal.write("\n" + strings.text("session.discarded",
                                                    machine=self.appliance.machine) + "\n")
        self.current_command = entry.name
        dialog = Dialog(self.terminal, entry.name)
        # Recorded once the command has taken its batch arguments, so the ones that answered a
        # hidden question (passphrases) are known and masked.
        dialog.on_settled = lambda: self._record(word, args, dialog.secrets)
        context = CommandContext(self, dialog, entry.name)
        self._task = asyncio.ensure_future(self._prepare_and_run(entry, context, args))
        try:
            await self._task
        except asyncio.CancelledError:
            if self.closed:
                raise SessionExit()
            # Ctrl-C: back to the main prompt (cli.md §2 item 8).
        except CommandAborted as abort:
            self.failed = True
            if str(abort):
                self.terminal.write(self._wrapped(str(abort)) + "\n")
        except EOFError:
            self.failed = True  # the input ended in the middle of a command
            raise SessionExit()
        except SessionExit:
            raise
        except Exception as exc:  # a bug in one command must not end the session
            self.failed = True
            log.exception("command %s failed", entry.name)
            self._message(strings.text("error.internal", error=type(exc).__name__))
        finally:
            self._task = None
            dialog.settle()  # not yet recorded: answers were left over, or it stopped before them

    @staticmethod
    async def _prepare_and_run(entry: registry.Command, context: CommandContext,
                               args: list[str]) -> None:
        if args:
            context.batch = batchargs.parse(entry.batch, entry.name, args, context.appliance.view,
                                            context.dialog.mark_secret)
        context.dialog.start(context.batch.answers)
        await levels.prepare(entry, context.session, context.dialog)
        await entry.handler(context, args)


def _split_commands(line: str) -> list[str]:
    """Split on ``;`` outside quotes (``ssh host "clustermode cluster; clusterconfig ..."``)."""
    parts, current, quote = [], [], ""
    for char in line:
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == ";":
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def timestamp(when: Optional[float] = None) -> str:
    return dt.datetime.fromtimestamp(when or time.time()).strftime(strings.TIME_FORMAT)
