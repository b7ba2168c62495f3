"""What ``telnet``, ``ping`` and ``traceroute`` share: choosing the interface to leave from
(``Auto`` picks it as delivery does), resolving the host, keeping the emulator inside the lab
(loopback addresses only), and timing one round trip.

A round trip is an ICMP echo when the process may open a raw ICMP socket (root or
CAP_NET_RAW); otherwise it is the time a TCP connection to port 25 takes to be answered
(accepted or refused: either way the far end answered), and the commands say so.
"""
from __future__ import annotations

import asyncio
import errno
import ipaddress
import random
import socket
import struct
import time
from dataclasses import dataclass
from typing import Callable, Optional

from cluster.interfaces import source_address

from .. import strings
from ..engine.batchargs import Arg, Batch, Form
from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted
from . import network_strings  # noqa: F401
from ._choices import choose_interface

TCP_PORT = 25
_ICMP_ECHO, _ICMP_REPLY, _ICMP_EXCEEDED, _ICMP_UNREACHABLE = 8, 0, 11, 3


def destination_batch(*after: Arg,
                      answers: Optional[Callable[[dict], list[str]]] = None) -> Batch:
    """``<command> [interface] host`` and the arguments ``after`` (``ping``'s count, ``telnet``'s
    port); without an interface name first, ``Auto``."""
    return Batch(Form("destination", Arg("interface", optional=True, default="Auto",
                                         choices=lambda view: ["Auto", *view.interfaces]),
                      Arg("host", check=host_error), *after, answers=answers))


async def ask_destination(ctx: CommandContext, command: str) -> tuple[str, str]:
    """(``Auto`` or an interface name, host) from the arguments (``destination_batch``) or
    ``<command>.interface`` and ``<command>.host``."""
    if ctx.batch.form:
        return ctx.batch["interface"], ctx.batch["host"]
    interfaces = ctx.appliance.view().interfaces
    choice = await choose_interface(ctx.dialog, strings.text(f"{command}.interface"),
                                    interfaces, "Auto")
    host = await ctx.dialog.ask(strings.text(f"{command}.host"), validate=host_error)
    return choice, host


async def locate(ctx: CommandContext, command: str, choice: str,
                 host: str) -> tuple[str, Optional[str]]:
    """(the host's address, the chosen interface's address to leave from); an unknown host
    aborts with ``<command>.unknown_host`` (each command words it as its FreeBSD tool does)."""
    address = await resolve(host, strings.text(f"{command}.unknown_host", host=host))
    iface = source_address(ctx.appliance.view().interfaces, choice, address)
    return address, iface.ipv4 if iface is not None else None


async def resolve(host: str, unknown: str) -> str:
    """The host's address (IPv4 first); aborts with ``unknown`` when there is none, and
    refuses addresses outside the lab (the emulator never leaves loopback)."""
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host.strip("[]"), None,
                                                             type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise CommandAborted(unknown) from None
    address = sorted(infos, key=lambda i: i[0] != socket.AF_INET)[0][4][0]
    if not ipaddress.ip_address(address).is_loopback:
        raise CommandAborted(strings.text("network.outside_lab", address=address))
    return address


async def host_name(address: str) -> str:
    """The name a reverse lookup gives ``address``, else the address: how FreeBSD's traceroute
    (``inetname()``) names a hop and its telnet a host typed as an address."""
    try:
        name, _ = await asyncio.get_running_loop().getnameinfo((address, 0), socket.NI_NAMEREQD)
    except (OSError, UnicodeError):
        return address
    return name


def host_error(text: str) -> Optional[str]:
    cleaned = text.strip("[]")
    if not cleaned or any(not (c.isalnum() or c in ".-_:") for c in cleaned):
        return strings.text("network.bad_host")
    return None


@dataclass
class Answer:
    """One probe's answer: who answered, after how long, whether it was the target, and the
    answer's IP TTL (0 when unknown: TCP)."""
    responder: str
    milliseconds: float
    reached: bool
    ttl: int = 0


class Prober:
    """Round trips to one IPv4/IPv6 address from ``source``, by ICMP when allowed, else TCP."""

    def __init__(self, address: str, source: Optional[str], timeout: float = 2.0):
        self.address, self.source, self.timeout = address, source, timeout
        self.family = socket.AF_INET6 if ":" in address else socket.AF_INET
        self.icmp = _raw_icmp() if self.family == socket.AF_INET else None
        self.ident = random.randrange(1, 0xFFFF)   # tells our answers from others'

    @property
    def method(self) -> str:
        return "icmp" if self.icmp is not None else "tcp"

    def close(self) -> None:
        if self.icmp is not None:
            self.icmp.close()

    async def probe(self, seq: int, ttl: Optional[int] = None) -> Optional[Answer]:
        """None when nothing answered within the timeout."""
        try:
            return await asyncio.wait_for(
                self._icmp(seq, ttl) if self.icmp is not None else self._tcp(ttl), self.timeout)
        except asyncio.TimeoutError:
            return None

    async def _tcp(self, ttl: Optional[int]) -> Optional[Answer]:
        loop = asyncio.get_running_loop()
        with socket.socket(self.family, socket.SOCK_STREAM) as sock:
            sock.setblocking(False)
            if ttl is not None and self.family == socket.AF_INET:
                sock.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, ttl)
            if self.source and (":" in self.source) == (self.family == socket.AF_INET6):
                sock.bind((self.source, 0))
            start = time.perf_counter()
            try:
                await loop.sock_connect(sock, (self.address, TCP_PORT))
            except ConnectionRefusedError:
                pass                       # a reset is an answer from the host too
            except OSError as error:
                if error.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH):
                    return None
                raise
            return Answer(self.address, (time.perf_counter() - start) * 1000, True)

    async def _icmp(self, seq: int, ttl: Optional[int]) -> Answer:
        loop = asyncio.get_running_loop()
        sock = self.icmp
        sock.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, ttl or 64)
        start = time.perf_counter()
        await loop.sock_sendto(sock, _echo(self.ident, seq), (self.address, 0))
        while True:
            packet, (responder, _) = await loop.sock_recvfrom(sock, 2048)
            kind = _answer_to(packet, self.ident, seq)
            if kind is not None:
                return Answer(responder, (time.perf_counter() - start) * 1000,
                              kind == _ICMP_REPLY, ttl=packet[8])


def _raw_icmp() -> Optional[socket.socket]:
    try:
        sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    except OSError:
        return None
    sock.setblocking(False)
    return sock


def _checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    total = (total >> 16) + (total & 0xFFFF)
    total += total >> 16
    return ~total & 0xFFFF


def _echo(ident: int, seq: int) -> bytes:
    payload = bytes(range(56))
    header = struct.pack("!BBHHH", _ICMP_ECHO, 0, 0, ident, seq & 0xFFFF)
    return struct.pack("!BBHHH", _ICMP_ECHO, 0, _checksum(header + payload), ident,
                       seq & 0xFFFF) + payload


def _answer_to(packet: bytes, ident: int, seq: int) -> Optional[int]:
    """The ICMP type of ``packet`` when it answers our echo ``seq`` (a reply, or a router's
    time exceeded / unreachable quoting it), else None."""
    offset = (packet[0] & 0x0F) * 4
    kind = packet[offset]
    if kind == _ICMP_REPLY:
        got_ident, got_seq = struct.unpack_from("!HH", packet, offset + 4)
    elif kind in (_ICMP_EXCEEDED, _ICMP_UNREACHABLE) and len(packet) >= offset + 8 + 28:
        inner = offset + 8
        inner += (packet[inner] & 0x0F) * 4
        if packet[inner] != _ICMP_ECHO:
            return None
        got_ident, got_seq = struct.unpack_from("!HH", packet, inner + 4)
    else:
        return None
    return kind if (got_ident, got_seq) == (ident, seq & 0xFFFF) else None
