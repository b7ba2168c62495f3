"""``listenerconfig`` -> SETUP: the settings every listener shares, asked in the order of A's
``listenerconfig.setup`` (cli.md §5.5 SETUP): connection limits, header lines, the SenderBase
cache, injection control counters, inbound timeouts, the Received: hostname, Message-ID for
incoming mail, HAT delayed rejection and (12.x on) the logged subject size."""
from __future__ import annotations

import re
from typing import Optional

from cluster import model

from ..engine.context import CommandContext
from .listenerconfig_strings import S


async def global_setup(ctx: CommandContext, settings: model.ListenerSettings) -> None:
    s, ask_int, dialog = settings, ctx.dialog.ask_int, ctx.dialog
    s.max_concurrent_connections = await ask_int(S("lc.setup.max_conn"),
                                                 s.max_concurrent_connections, low=1, high=10000)
    s.max_tls_connections = await ask_int(S("lc.setup.max_tls"), s.max_tls_connections,
                                          low=1, high=10000)
    s.max_header_lines = await ask_int(S("lc.setup.headers"), s.max_header_lines, low=0, high=100000)
    caches = model.SENDERBASE_CACHE
    s.senderbase_cache = caches[await dialog.choose(
        S("lc.setup.sb_cache"), [S(f"lc.setup.sb_cache.{c}") for c in caches],
        _index(caches, s.senderbase_cache))]
    if s.senderbase_cache == "custom":
        s.senderbase_cache_seconds = await ask_int(S("lc.setup.sb_cache_time"),
                                                   s.senderbase_cache_seconds, low=1, high=86400)
    answer = await dialog.ask(S("lc.setup.injection_reset"),
                              format_duration(s.injection_counter_reset_seconds),
                              validate=lambda a: None if parse_duration(a)
                              else S("lc.setup.duration_error"))
    s.injection_counter_reset_seconds = parse_duration(answer) or s.injection_counter_reset_seconds
    s.injection_timeout_seconds = await ask_int(S("lc.setup.timeout"), s.injection_timeout_seconds,
                                                low=1, high=86400)
    s.max_connection_seconds = await ask_int(S("lc.setup.max_time"), s.max_connection_seconds,
                                             low=1, high=86400)
    stamps = model.RECEIVED_HOSTNAME
    s.received_hostname = stamps[await dialog.choose(
        S("lc.setup.received_hostname"), [S(f"lc.setup.received_hostname.{h}") for h in stamps],
        _index(stamps, s.received_hostname))]
    s.add_message_id_incoming = await dialog.yes_no(S("lc.setup.message_id"),
                                                    s.add_message_id_incoming)
    s.hat_delayed_rejection = await dialog.yes_no(S("lc.setup.delayed"), s.hat_delayed_rejection)
    if ctx.appliance.profile.subject_size_question:
        s.max_logged_subject_bytes = await ask_int(S("lc.setup.subject_size"),
                                                   s.max_logged_subject_bytes, low=1, high=65536)


def _index(tokens: tuple[str, ...], current: str) -> int:
    return tokens.index(current) if current in tokens else 0


_DURATION = re.compile(r"^(\d+)\s*([smhd]?)$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> Optional[int]:
    """``1h`` -> 3600, ``30m`` -> 1800, ``45`` -> 45 seconds; None when invalid or out of range."""
    match = _DURATION.match(text.strip().lower())
    if not match:
        return None
    seconds = int(match.group(1)) * _UNITS[match.group(2)]
    return seconds if 60 <= seconds <= 86400 else None


def format_duration(seconds: int) -> str:
    for unit in ("d", "h", "m"):
        if seconds % _UNITS[unit] == 0:
            return f"{seconds // _UNITS[unit]}{unit}"
    return f"{seconds}s"
