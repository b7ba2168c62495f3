"""The CLI audit log (``cli_logs``): every line a user enters, with the prompt it answered.

AsyncOS logs each input as ``PID <pid>: User <name> entered '<line>'; prompt was '<prompt>'``,
the prompt being everything the session showed since the previous input (a command's output,
a menu, the question), both Python-repr quoted; and a session's start and end as ``login from
<client> on <appliance>`` and ``logged out of CLI session`` (Cisco's message catalogue, github
dharma412/PythonClass csa/testlib/common/shell/qlogmsgs.py, keys ``cli.CLI``,
``cli.CLI.INPUT``, ``cli.CLI.USER_LOGIN``, ``cli.CLI.USER_LOGOUT``; the same lines in Cisco's
"Using CLI Audit Logs" help page, https://dh1977-sma1.iphmx.com/help/sma_help/
c_using_cli_audit_logs.html).

``AuditedTerminal`` stands between the session and its terminal: it keeps what was written
since the last input (at most ``MAX_PROMPT`` characters, its end: ``tail`` can write for hours
before the next input; the bound is ours) and logs the answers to questions as they are read.
Hidden answers (passphrases) are logged as ``MASK``; lines read without a prompt (pasted
certificates and private keys, a pasted configuration file, a ``telnet`` session) not at all.  The command lines typed at the main
prompt are logged by the session once the command has said which of its arguments are
secrets, with the prompt they were read at.
"""
from __future__ import annotations

import os
from typing import Any, Callable, Sequence

MASK = "*****"
MAX_PROMPT = 8192


def input_line(user: str, line: str, prompt: str) -> str:
    return f"PID {os.getpid()}: User {user} entered {line!r}; prompt was {prompt!r}"


def login_line(user: str, client: str, local: str) -> str:
    return f"PID {os.getpid()}: User {user} login from {client} on {local}"


def logout_line(user: str) -> str:
    return f"PID {os.getpid()}: User {user} logged out of CLI session"


class AuditedTerminal:
    """A terminal whose inputs go to ``cli_logs``; everything else is the wrapped terminal's."""

    def __init__(self, inner: Any, log: Callable[[str], None], user: str):
        self._inner, self._log, self._user = inner, log, user
        self._shown = ""

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def write(self, text: str) -> None:
        self._shown += text
        if len(self._shown) > 2 * MAX_PROMPT:
            self._shown = self._shown[-MAX_PROMPT:]
        self._inner.write(text)

    def forget_shown(self, keep: str = "") -> None:
        """What was shown so far answers no question (the login banner), but ``keep``."""
        self._shown = keep

    def _prompt(self, prompt: str) -> str:
        shown, self._shown = (self._shown + prompt)[-MAX_PROMPT:], ""
        return shown

    async def read_command(self, prompt: str) -> tuple[str, str]:
        """A command line at the main prompt and the prompt it answered (logged by the
        session, which knows the command's secrets)."""
        shown = self._prompt(prompt)
        return await self._inner.read_line(prompt), shown

    async def read_line(self, prompt: str, *, hidden: bool = False,
                        completions: Sequence[str] = ()) -> str:
        shown = self._prompt(prompt)
        line = await self._inner.read_line(prompt, hidden=hidden, completions=completions)
        if prompt:    # a line read without a prompt is pasted text: a private key, a file
            self._log(input_line(self._user, MASK if hidden else line, shown))
        return line
