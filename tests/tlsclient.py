"""A TLS client that renegotiates: ``openssl s_client``'s ``R`` command on a live session."""
from __future__ import annotations

import asyncio


async def renegotiate(port: int, args: tuple[str, ...], request: bytes, reply: bytes) -> str:
    """``openssl s_client`` with TLS v1.2 (``args``: e.g. ``-starttls smtp``), then ``R`` (a
    client-initiated renegotiation) and ``request``, read until ``reply`` or the end; all that
    the client printed.  What follows ``RENEGOTIATING`` tells whether the server took it."""
    process = await asyncio.create_subprocess_exec(
        "openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-tls1_2", *args,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT)
    seen = b""

    async def read_until(marker: bytes) -> None:
        nonlocal seen
        while marker not in seen:
            chunk = await asyncio.wait_for(process.stdout.read(4096), 10)
            if not chunk:
                return
            seen += chunk
    try:
        await read_until(b"Extended master secret")  # the end of the session summary
        process.stdin.write(b"R\n")
        await read_until(b"RENEGOTIATING")
        await asyncio.sleep(0.2)                     # the new handshake, or the refusal
        process.stdin.write(request)
        await process.stdin.drain()
        await read_until(reply)
    except ConnectionError:
        pass                                         # refused: s_client has gone
    finally:
        process.stdin.close()
        seen += await asyncio.wait_for(process.stdout.read(), 10)
        await process.wait()
    return seen.decode(errors="replace")
