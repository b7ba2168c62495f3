"""``asyncos-emulator``: the composition root.

Builds appliances from a state directory (or a lab file), starts their services on one asyncio
event loop with Twisted's asyncio reactor, prints where they listen, and serves until Ctrl-C or
SIGTERM.
"""
from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from pathlib import Path
from typing import Optional, Sequence


def parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="asyncos-emulator",
        description="Run an emulated Cisco email security appliance (AsyncOS).")
    parser.add_argument("mode", nargs="?", choices=["serve", "console"], default="serve",
                        help="serve (default) or console: also open an admin CLI on this terminal; "
                             "'asyncos-emulator peer --help' runs lab peer MTAs")
    parser.add_argument("--state-dir", default="./asyncos-state", type=Path,
                        help="where the configuration, queue, logs and keys live "
                             "(default: ./asyncos-state)")
    parser.add_argument("--port-offset", default=10000, type=int,
                        help="added to every configured port (default 10000: SSH 10022, SMTP "
                             "10025); 0 binds the real ports")
    parser.add_argument("--console", action="store_true", help="same as the console mode")
    parser.add_argument("--lab", type=Path, metavar="FILE",
                        help="run the appliances of a lab file (TOML; see README) in this process")
    parser.add_argument("--store", metavar="URL",
                        help="keep the configuration in etcd: etcd://HOST:PORT[/prefix], shared "
                             "by the members of a cluster in separate processes (default: files "
                             "in the state directory)")
    return parser.parse_args(argv)


def install_reactor() -> asyncio.AbstractEventLoop:
    """Twisted on the asyncio loop; must run before anything imports twisted.internet.reactor."""
    from twisted.internet import asyncioreactor
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    asyncioreactor.install(loop)
    return loop


def start_logging() -> None:
    """Warnings and errors of the emulator and of Twisted go to stderr.

    Twisted's own events are routed into Python logging; until logging is begun explicitly,
    Twisted buffers every event in memory (one per SSH session, ssh.md fact 4).
    """
    import logging
    from twisted.logger import STDLibLogObserver, globalLogBeginner
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(name)s %(levelname)s: %(message)s")
    globalLogBeginner.beginLoggingTo([STDLibLogObserver()], redirectStandardIO=False)


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["peer"]:
        install_reactor()
        from .peer import main as peer_main
        return peer_main(argv[1:])
    args = parse_args(argv)
    loop = install_reactor()
    start_logging()

    from .appliance import Runtime
    from twisted.internet import reactor

    from .appliance import StoreError
    from .labfile import LabFileError
    try:
        # Commit subscribers run on the event loop even when a commit runs in a worker thread.
        dispatch = loop.call_soon_threadsafe
        runtime = (Runtime.from_lab(args.lab, args.state_dir, args.port_offset, args.store,
                                    dispatch)
                   if args.lab else
                   Runtime.from_state_dir(args.state_dir, args.port_offset, args.store, dispatch))
    except (LabFileError, StoreError) as exc:
        print(f"asyncos-emulator: {exc}", file=sys.stderr)
        return 2
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        if not stopping:
            stopping = True
            reactor.callFromThread(_shutdown)

    def _shutdown() -> None:
        d = runtime.stop()
        d.addBoth(lambda _: reactor.stop())

    def started() -> None:
        try:
            lines = runtime.start(reactor)
        except Exception as exc:  # a port in use, an unreadable state directory...
            print(f"asyncos-emulator: cannot start: {exc}", file=sys.stderr, flush=True)
            reactor.stop()
            runtime.failed = True
            return
        print("\n".join(lines), flush=True)
        if args.mode == "console" or args.console:
            runtime.open_console(on_exit=stop)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    reactor.callWhenRunning(started)
    reactor.run(installSignalHandlers=False)
    return 1 if runtime.failed else 0


if __name__ == "__main__":
    sys.exit(main())
