"""The local console: an administrator's CLI on the emulator's own terminal (``asyncos-emulator
console``), next to the network services, like the appliance's serial console.

The terminal is put in raw mode and read with the event loop, so the console is one more
session on the shared loop with the rich renderer; Ctrl-C reaches the CLI (it aborts a command)
instead of stopping the process.  Without a terminal (stdin redirected) the lines of stdin are
read as a script.
"""
from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
import termios
import tty
from typing import Callable

from cluster import model

from ..engine.cli import CliSession
from ..engine.context import Appliance
from ..terminal.line import LineTerminal
from ..terminal.rich import RichTerminal

log = logging.getLogger(__name__)


def open_console(appliance: Appliance, on_exit: Callable[[], None]) -> None:
    """Start the console session; ``on_exit`` is called when it ends (``exit``, end of input)."""
    stdin, stdout = sys.stdin.fileno(), sys.stdout.fileno()
    loop = asyncio.get_event_loop()
    undo: list[Callable[[], None]] = []

    def send(data: bytes) -> None:
        os.write(stdout, data)

    if os.isatty(stdin) and os.isatty(stdout):
        saved = termios.tcgetattr(stdin)
        tty.setraw(stdin)
        undo.append(lambda: termios.tcsetattr(stdin, termios.TCSADRAIN, saved))
        size = os.get_terminal_size(stdout)
        terminal = RichTerminal(send, rows=size.lines, cols=size.columns,
                                term=os.environ.get("TERM", "xterm"))
        undo.append(terminal.close)

        def resized() -> None:
            now = os.get_terminal_size(stdout)
            terminal.resize(now.lines, now.columns)
        loop.add_signal_handler(signal.SIGWINCH, resized)
        undo.append(lambda: loop.remove_signal_handler(signal.SIGWINCH))
    else:
        terminal = LineTerminal(send)
    cli = CliSession(appliance, _administrator(appliance), terminal, remote="console",
                     transport="console", local="")
    if isinstance(terminal, RichTerminal):
        terminal.session = cli

    def readable() -> None:
        try:
            data = os.read(stdin, 4096)
        except OSError:
            data = b""
        if data:
            cli.touch()
            terminal.feed(data)
        else:
            loop.remove_reader(stdin)
            terminal.end_input()
    loop.add_reader(stdin, readable)
    undo.append(lambda: loop.remove_reader(stdin))

    async def run() -> None:
        try:
            await cli.run_shell()
        except Exception:
            log.exception("console session failed")
        finally:
            for step in reversed(undo):
                step()
            on_exit()
    asyncio.ensure_future(run())


def _administrator(appliance: Appliance) -> model.User:
    users = appliance.view().users.users
    if "admin" in users:
        return users["admin"]
    return next(u for u in users.values() if u.role == "admin")
