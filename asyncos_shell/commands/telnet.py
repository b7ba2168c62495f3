"""``telnet``: a TCP session from one of the appliance's interfaces to a lab host, to talk SMTP
by hand (``EHLO``, ``STARTTLS``, and the 530/454 answers).  Each line typed is sent with CR LF;
what the host sends is shown as it arrives.  Ends when the host closes the connection or on
Ctrl-C.  Batch: ``telnet [interface] host [port]``."""
from __future__ import annotations

import asyncio
import ipaddress

from .. import strings
from ..engine.batchargs import Arg, answer_with
from ..engine.context import CommandContext
from ..engine.dialog import CommandAborted
from ..engine.registry import CONFIG_ROLES, command
from ._network import ask_destination, destination_batch, host_name, locate

DEFAULT_PORT = 25


@command("telnet", strings.text("telnet.description"), usage="telnet [interface] host [port]",
         roles=CONFIG_ROLES, batch=destination_batch(Arg("port", optional=True),
                                                     answers=answer_with("port")))
async def telnet(ctx: CommandContext, args: list[str]) -> None:
    choice, host = await ask_destination(ctx, "telnet")
    port = await ctx.dialog.ask_int(strings.text("telnet.port"), DEFAULT_PORT, low=1, high=65535)
    address, local = await locate(ctx, "telnet", choice, host)
    ctx.out("")
    ctx.out(strings.text("telnet.trying", address=address))
    try:
        reader, writer = await asyncio.open_connection(
            address, port, local_addr=(local, 0) if local and ":" not in address else None)
    except ConnectionRefusedError:
        ctx.out(strings.text("telnet.refused", address=address))
        raise CommandAborted(strings.text("telnet.unable")) from None
    except OSError as error:
        ctx.out(strings.text("telnet.failed", address=address, error=error.strerror or error))
        raise CommandAborted(strings.text("telnet.unable")) from None
    ctx.out(strings.text("telnet.connected", host=await _connected_name(host, address)))
    ctx.out(strings.text("telnet.escape"))
    try:
        await _relay(ctx, reader, writer)
    finally:
        writer.close()
    ctx.out(strings.text("telnet.closed"))


async def _connected_name(host: str, address: str) -> str:
    """FreeBSD's telnet (``tn()``) names a host typed as an address by its reverse lookup."""
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return host
    return await host_name(address)


async def _relay(ctx: CommandContext, reader: asyncio.StreamReader,
                 writer: asyncio.StreamWriter) -> None:
    """Until the host closes: show each line it sends, send each line typed."""
    typing = asyncio.ensure_future(_send_typed(ctx, writer))
    try:
        while True:
            line = await reader.readline()
            if line:
                ctx.dialog.stream(line.decode("utf-8", "replace").rstrip("\r\n"))
            if not line.endswith(b"\n"):
                return          # the host closed the connection
    finally:
        typing.cancel()


async def _send_typed(ctx: CommandContext, writer: asyncio.StreamWriter) -> None:
    while True:
        try:
            line = await ctx.dialog.terminal.read_line("")
        except EOFError:
            writer.write_eof()   # the input ended: half-close and read the host's answers
            return
        writer.write(line.encode("utf-8") + b"\r\n")
        await writer.drain()
