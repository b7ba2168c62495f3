"""Executable walkthroughs: the fenced ``console`` blocks of a Markdown document, run in order.

The format (documented for readers in ``docs/lab.md``, "How this document is tested"):

* Only blocks fenced as ```` ```console ```` run; other blocks (``toml``, ``text`` …) are prose.
  Words after ``console`` in the fence are options the reader does not see:
  ``retry`` re-runs each command of the block until its output matches (mail is delivered in
  the background); ``session`` makes the block an interactive terminal session.
* In a ``console`` block, a line starting with ``$ `` is a shell command.  It goes on over lines
  that end with ``\\`` and over the body of a here-document (``<<EOF`` … ``EOF``).  The lines
  after it, up to the next ``$ `` line, are its expected output (stdout and stderr together).
  Every command must exit with status 0; a step that is meant to fail shows its status with
  ``; echo "exit status: $?"``.
* A ``session`` block is ``$ ssh …`` (run under ``sshpass``) followed by what the terminal
  shows: each line that ends in a prompt (``…]> ``, ``> ``, ``(Cluster lab)> ``,
  ``esa1.example.com> ``) is followed on the same line by what the user types there; ``^C`` on a
  line of its own is Ctrl-C.
* Expected output matches line by line, with trailing blanks ignored, and with these wildcards:
  a line that is only ``…`` stands for any number of lines; ``…`` inside a line for any text;
  a timestamp (``Sat Nov 28 10:15:02 2026``, ``2026-11-28 10:15:02``, ``Mar  2 10:15:02 2029
  GMT``) for any timestamp of that form; the number after ``ICID``, ``MID``, ``DCID`` and in
  ``Message 12 accepted`` for any number, the same one wherever the document repeats it for the
  same appliance (the first ``127.0.0.N`` address of the command, else the previous command's);
  such a number in a command is replaced by the one it stood for in earlier output.
* Commands run in one ``bash`` whose working directory, variables and functions carry over from
  block to block.  Port numbers are substituted: the document shows the emulator's defaults
  (SSH 10022, SMTP 10025, HTTP 10080, HTTPS 10443) and peer MTAs on port 2525; the test uses
  free ports instead.
"""
from __future__ import annotations

import difflib
import os
import re
import select
import shlex
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

import pexpect

ELLIPSIS = "…"
MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
TIMESTAMPS = [
    rf"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:{MONTHS}) [ \d]\d \d\d:\d\d:\d\d \d{{4}}",
    r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d",
    rf"(?:{MONTHS}) [ \d]?\d \d\d:\d\d:\d\d \d{{4}} GMT",
]
# (kind, regex whose group 1 is the id): ids vary from run to run
IDS = [("ICID", r"(?<=\bICID )(\d+)"), ("MID", r"(?<=\bMID )(\d+)"),
       ("DCID", r"(?<=\bDCID )(\d+)"), ("MID", r"(?<=\bMessage )(\d+)(?= accepted)")]
WILD = re.compile("|".join(f"(?P<t{i}>{p})" for i, p in enumerate(TIMESTAMPS)) + "|"
                  + "|".join(f"(?P<i{i}>{p})" for i, (_, p) in enumerate(IDS)) + "|"
                  + f"(?P<dots>{ELLIPSIS})")
PROMPT = re.compile(r"^(?P<prompt>.*\]> ?|> ?|[\w.-]+> ?|\([^()]*\)> ?)(?P<input>.*)$")
HEREDOC = re.compile(r"<<-?\s*(['\"]?)(\w+)\1")
PASSWORD = "ironport"


class WalkthroughError(AssertionError):
    pass


# -- the document ----------------------------------------------------------------------------------
@dataclass
class Command:
    text: str
    expected: list[str]
    line: int                      # where the command starts in the document (1-based)


@dataclass
class Block:
    options: set[str]
    commands: list[Command]      # a session: one, ``ssh …``, whose output is the transcript


def parse(markdown: str) -> list[Block]:
    blocks: list[Block] = []
    lines = markdown.split("\n")
    index = 0
    while index < len(lines):
        fence = re.match(r"^```console\b(.*)$", lines[index])
        index += 1
        if not fence:
            continue
        start = index
        body = []
        while index < len(lines) and lines[index] != "```":
            body.append(lines[index])
            index += 1
        if index == len(lines):
            raise WalkthroughError(f"line {start}: console block is not closed")
        index += 1
        options = set(fence.group(1).split())
        block = Block(options, _commands(body, start + 1))
        if "session" in options and (len(block.commands) != 1
                                     or not block.commands[0].text.startswith("ssh ")):
            raise WalkthroughError(f"line {start}: a session block is one '$ ssh …' line and "
                                   "its transcript")
        blocks.append(block)
    return blocks


def _commands(body: list[str], first_line: int) -> list[Command]:
    commands: list[Command] = []
    index = 0
    while index < len(body):
        line = body[index]
        if not line.startswith("$ "):
            if not commands:
                raise WalkthroughError(f"line {first_line + index}: output before any '$ ' command")
            commands[-1].expected.append(line)
            index += 1
            continue
        start = index
        text = [line[2:]]
        index += 1
        while text[-1].endswith("\\") and index < len(body):
            text.append(body[index])
            index += 1
        heredoc = HEREDOC.search("\n".join(text))
        if heredoc:
            while index < len(body):
                text.append(body[index])
                index += 1
                if text[-1] == heredoc.group(2):
                    break
            else:
                raise WalkthroughError(f"line {first_line + start}: here-document not closed")
        commands.append(Command("\n".join(text), [], first_line + start))
    return commands


# -- matching --------------------------------------------------------------------------------------
def normalize(text: str) -> str:
    """Terminal text as lines: CR LF and stray CRs gone, no trailing blanks, no trailing empty
    lines."""
    text = text.replace("\r\n", "\n").replace("\r", "")
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


class Pattern:
    """Expected lines as one regular expression, and the ids it binds."""

    def __init__(self, expected: list[str]):
        text = normalize("\n".join(expected))
        lines = text.split("\n") if text else []
        self.ids: dict[str, tuple[str, str]] = {}     # group name -> (kind, number in the text)
        # every line ends in a newline here (the actual text gets one appended)
        self.regex = re.compile("".join(r"(?:[^\n]*\n)*?" if line == ELLIPSIS
                                        else self._line(line) + "\n" for line in lines))

    def _line(self, line: str) -> str:
        out, position = [], 0
        for match in WILD.finditer(line):
            out.append(re.escape(line[position:match.start()]))
            kind = match.lastgroup
            if kind == "dots":
                out.append(r"[^\n]*?")
            elif kind.startswith("t"):
                out.append(f"(?:{TIMESTAMPS[int(kind[1:])]})")
            else:
                name = f"id{len(self.ids)}"
                self.ids[name] = (IDS[int(kind[1:])][0], match.group(kind))
                out.append(rf"(?P<{name}>\d+)")
            position = match.end()
        out.append(re.escape(line[position:]))
        return "".join(out)

    def match(self, actual: str, bindings: dict[tuple[str, str], str]) -> bool:
        """Whether ``actual`` (normalized) matches; ids must agree with ``bindings``, which
        learns the new ones."""
        found = self.regex.fullmatch(actual + "\n" if actual else "")
        if not found:
            return False
        learned = dict(bindings)
        for name, key in self.ids.items():
            value = found.group(name)
            if learned.setdefault(key, value) != value:
                return False
        bindings.update(learned)
        return True


def describe(where: str, expected: list[str], actual: str) -> str:
    """A diff in which timestamps and ids do not count."""
    def canonical(text: str) -> list[str]:
        text = re.sub("|".join(TIMESTAMPS), "<time>", text)
        return re.sub("|".join(p for _, p in IDS), "<id>", text).split("\n")
    diff = difflib.unified_diff(canonical(normalize("\n".join(expected))), canonical(actual),
                                "expected (document)", "actual", lineterm="", n=2)
    return f"{where}: the output does not match the document\n" + "\n".join(diff)


# -- running ---------------------------------------------------------------------------------------
class Shell:
    """One bash for the whole walkthrough; each command is sourced from a file, stdin closed,
    stdout and stderr into a file."""

    def __init__(self, cwd: Path, env: dict[str, str], scratch: Path):
        self.scratch = scratch
        self.process = subprocess.Popen(["bash", "--norc", "--noprofile"], cwd=cwd, env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT)

    def run(self, command: str, timeout: float = 120) -> tuple[str, int]:
        script, output = self.scratch / "command.sh", self.scratch / "command.out"
        script.write_text(command + "\n")
        self.process.stdin.write(
            f"source {shlex.quote(str(script))} </dev/null >{shlex.quote(str(output))} 2>&1; "
            f"echo \"__status__ $?\"\n".encode())
        self.process.stdin.flush()
        line = self._readline(timeout, command)
        return output.read_text(errors="replace"), int(line.split()[1])

    def cwd(self) -> Path:
        text, _ = self.run("pwd")
        return Path(text.strip())

    def _readline(self, timeout: float, command: str) -> str:
        deadline = time.monotonic() + timeout
        data = b""
        while not data.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self.process.stdout], [], [], remaining)[0]:
                raise WalkthroughError(f"command did not finish in {timeout} s: {command}")
            chunk = os.read(self.process.stdout.fileno(), 1)
            if not chunk:
                raise WalkthroughError(f"the shell ended while running: {command}")
            data += chunk
        return data.decode()

    def close(self) -> None:
        self.process.stdin.close()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()


class Substitutions:
    """The document's port numbers -> the ports of this run."""

    def __init__(self) -> None:
        self.ports: dict[int, int] = {}

    def __call__(self, text: str) -> str:
        if not self.ports:
            return text
        pattern = r"(?<!\d)(" + "|".join(str(p) for p in self.ports) + r")(?!\d)"
        return re.sub(pattern, lambda m: str(self.ports[int(m.group(1))]), text)


@dataclass
class Runner:
    shell: Shell
    substitute: Substitutions
    ssh_options: tuple[str, ...]
    # a command the runner performs itself (starting the lab): its output, or None
    intercept: Callable[[str, "Runner"], Optional[str]] = lambda command, runner: None
    record: Optional[dict[int, list[str]]] = None      # line -> actual output (record mode)
    retry_seconds: float = 30.0
    # appliance -> (kind, number in the document) -> number in this run, for the whole document
    bindings: dict[Optional[str], dict[tuple[str, str], str]] = field(default_factory=dict)
    appliance: Optional[str] = None     # the one the last command talked to

    def run_block(self, block: Block) -> None:
        for command in block.commands:
            self.appliance = appliance(command.text) or self.appliance
            bindings = self.bindings.setdefault(self.appliance, {})
            if "session" in block.options:
                self._session(command, bindings)
            else:
                self._command(command, "retry" in block.options, bindings)

    def ids_of_this_run(self, text: str, bindings: dict, where: str) -> str:
        """A command's ICID/MID/DCID numbers -> the ones they stood for in earlier output."""
        def replace(match: re.Match) -> str:
            key = (match.group(1), match.group(2))
            if key not in bindings:
                if self.record is not None:
                    return match.group(0)
                raise WalkthroughError(f"{where}: {match.group(0)} was not seen in any output "
                                       "before")
            return f"{match.group(1)} {bindings[key]}"
        return re.sub(r"\b(ICID|MID|DCID) (\d+)", replace, text)

    def _command(self, command: Command, retry: bool, bindings: dict) -> None:
        where = f"docs line {command.line}: $ {command.text.splitlines()[0]}"
        text = self.ids_of_this_run(self.substitute(command.text), bindings, where)
        deadline = time.monotonic() + (self.retry_seconds if retry else 0)
        if self.record is not None:    # recording: one run, after delivery had a moment
            deadline = 0
            if retry:
                time.sleep(1.5)
        while True:
            intercepted = self.intercept(text, self)
            if intercepted is not None:
                output, status = intercepted, 0
            else:
                output, status = self.shell.run(text)
            actual = normalize(output)
            # after the run: starting the lab is what sets the ports
            pattern = Pattern([self.substitute(line) for line in command.expected])
            if self.record is not None:
                self.record[command.line] = actual.split("\n") if actual else []
            if status == 0 and pattern.match(actual, bindings):
                return
            if time.monotonic() >= deadline:
                break
            time.sleep(0.5)
        if self.record is not None:
            return
        if status != 0:
            raise WalkthroughError(f"{where}: exit status {status}\n{actual}")
        raise WalkthroughError(describe(where, [self.substitute(line) for line in command.expected],
                                        actual))

    # -- interactive sessions ----------------------------------------------------------------------
    def _session(self, command: Command, bindings: dict) -> None:
        args = shlex.split(self.substitute(command.text))[1:]
        # as the document's ssh function does: sshpass gives the password
        child = pexpect.spawn("sshpass", ["-p", PASSWORD, "ssh", *self.ssh_options, *args],
                              dimensions=(1000, 200), timeout=20, encoding="utf-8",
                              codec_errors="replace")
        child.delaybeforesend = None
        seen = ""
        try:
            steps = _steps([self.substitute(line) for line in command.expected])
            for number, (expected, typed) in enumerate(steps):
                where = f"docs line {command.line}: session step {number + 1}"
                seen = self._until(child, seen, expected, typed is None, bindings, where)
                if typed is None:
                    break
                if typed == "^C":
                    child.sendcontrol("c")
                else:
                    child.sendline(typed)
        finally:
            if self.record is not None:
                self.record[command.line] = normalize(seen).split("\n")
            child.close(force=True)

    def _until(self, child: pexpect.spawn, seen: str, expected: list[str], to_end: bool,
               bindings: dict, where: str) -> str:
        """Read until the output since ``seen`` matches ``expected`` (which ends in a prompt, or
        at the end of the session).  Recording, a prompt (or a second of quiet before a Ctrl-C)
        is enough."""
        pattern = Pattern(expected)
        last = normalize(expected[-1]) if expected else ""
        prompt = None if to_end or not PROMPT.match(last) else last
        mark, start = len(seen), time.monotonic()
        ended = False
        while True:
            chunk = normalize(seen[mark:])
            if (ended or not to_end) and pattern.match(chunk, bindings):
                return seen
            if self.record is not None and not to_end and (
                    chunk.endswith(prompt) if prompt else time.monotonic() - start > 1.0):
                return seen
            if ended or time.monotonic() - start > child.timeout:
                if self.record is not None:
                    return seen
                raise WalkthroughError(describe(where, expected, chunk))
            try:
                seen += child.read_nonblocking(65536, timeout=0.2)
            except pexpect.TIMEOUT:
                pass
            except pexpect.EOF:
                ended = True


def appliance(command: str) -> Optional[str]:
    """Whose ids a command's output shows: the first loopback address it names (each appliance
    counts its ICIDs, MIDs and DCIDs from 1); None: the same as the command before."""
    found = re.search(r"\b127\.0\.0\.\d+\b", command)
    return found.group(0) if found else None


def _steps(transcript: list[str]) -> list[tuple[list[str], Optional[str]]]:
    """(expected lines up to and including a prompt, what is typed there) for each prompt, then
    (the rest, None) up to the end of the session."""
    steps, current = [], []
    for line in transcript:
        if line.strip() == "^C":            # Ctrl-C, typed without a prompt
            steps.append((current, "^C"))
            current = ["^C"]
            continue
        match = PROMPT.match(line)
        if match and not line.startswith(" "):
            current.append(match.group("prompt"))
            steps.append((current, match.group("input")))
            # the terminal's echo of the typed line starts the next chunk
            current = [match.group("input")]
            continue
        current.append(line)
    steps.append((current, None))
    return steps


def rewrite(markdown: str, blocks: list[Block], record: dict[int, list[str]],
            unsubstitute: Callable[[str], str]) -> str:
    """The document with each recorded command's expected output replaced by what it printed
    (for writing a walkthrough; wildcards are then put back by hand)."""
    lines = markdown.split("\n")
    for command in sorted((c for b in blocks for c in b.commands if c.line in record),
                          key=lambda c: c.line, reverse=True):
        start = command.line - 1 + command.text.count("\n") + 1
        lines[start:start + len(command.expected)] = [unsubstitute(line)
                                                      for line in record[command.line]]
    return "\n".join(lines)
