"""The appliance-wide limit on inbound connections (``listenerconfig`` → SETUP, "maximum
concurrent connections", ``max_concurrent_connections``; 300 by default): with a low committed
limit the next connection is refused with the appliance's reply and log line, and a connection
that ends lets the next one in."""
import asyncio

from .support import arun, listener_port, mail_log, make_appliance, running
from .test_inbound import read_reply, talk

LIMIT = 2
TOO_MANY = "421 #4.4.5 Too many connections to this listener"


def low_limit(session) -> None:
    session.edit("listeners").max_concurrent_connections = LIMIT


def test_the_connection_over_the_limit_is_refused_and_a_freed_slot_admits_the_next(tmp_path):
    appliance = make_appliance(tmp_path, low_limit)
    assert appliance.view().listeners.max_concurrent_connections == LIMIT
    # The listener's own limit is higher: only the appliance-wide one is reached.
    assert appliance.view().listeners.listeners["IncomingMail"].max_connections > LIMIT

    async def main():
        async with running(appliance) as service:
            port = listener_port(appliance)
            held = [await talk(port, b"HELO c.example\r\n") for _ in range(LIMIT)]
            for _, writer, replies in held:
                assert replies == ["220 ironport.example.com ESMTP", "250 ironport.example.com"]
            # Another connection is greeted, but its first command finds no slot: the holders
            # just made progress, so none of theirs is reclaimed.
            _, over_writer, over = await talk(port, b"NOOP\r\n")
            for reader, writer, _ in held:
                writer.write(b"NOOP\r\n")
                assert await read_reply(reader) == "250 ok"
            first_reader, first_writer, _ = held[0]
            first_writer.write(b"QUIT\r\n")
            await read_reply(first_reader)
            await asyncio.wait_for(first_reader.read(), 10)    # the appliance closed it
            _, next_writer, admitted = await talk(port, b"NOOP\r\n")
            for writer in (over_writer, next_writer, *(w for _, w, _ in held)):
                writer.close()
            return over, admitted, mail_log(service)
    over, admitted, lines = arun(main())
    assert over == ["220 ironport.example.com ESMTP", TOO_MANY]
    assert f"Info: ICID {LIMIT + 1} Receiving Failed: Connection limit exceeded" in lines
    assert admitted == ["220 ironport.example.com ESMTP", "250 ok"]
    assert not any(f"ICID {LIMIT + 2} Receiving Failed" in line for line in lines)
