"""IronPort's SMTP dialogue, byte for byte, from a raw socket and from swaks.

Expected texts are the real ones (replies.py names the sources): Cisco's telnet session
``220 my_esa.local ESMTP`` … ``250 sender <…> ok`` … ``354 go ahead``, tech note 214630's EHLO
and HELP of a C680, and ``250 ok:  Message N accepted`` as relays quote it.
"""
import asyncio

from .support import HOST, arun, listener_port, make_appliance, relay_policy, running, swaks

HOSTNAME = "ironport.example.com"


async def exchange(port: int, data: bytes) -> bytes:
    """Send ``data`` in one write and read everything until the appliance closes."""
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(data)
    await writer.drain()
    received = await asyncio.wait_for(reader.read(), 15)
    writer.close()
    return received


def dialogue(tmp_path, data: bytes, change=None) -> bytes:
    appliance = make_appliance(tmp_path, change)

    async def main():
        async with running(appliance):
            return await exchange(listener_port(appliance), data)
    return arun(main())


def test_a_whole_session_byte_for_byte(tmp_path):
    received = dialogue(tmp_path, b"EHLO client.example\r\nHELP\r\nVRFY postmaster\r\nNOOP\r\n"
                        b"MAIL FROM:<a@b.example>\r\nRCPT TO:<user@example.com>\r\nDATA\r\n"
                        b"Subject: raw\r\n\r\nbody\r\n.\r\nRSET\r\nMAIL FROM:<a@b.example>\r\n"
                        b"DATA\r\nRSET\r\nDATA\r\nQUIT\r\n")
    assert received == (
        b"220 ironport.example.com ESMTP\r\n"
        b"250-ironport.example.com\r\n250-8BITMIME\r\n250 SIZE 104857600\r\n"
        b"214-The following commands are recognized\r\n"
        b"214- auth data ehlo helo\r\n214- help mail noop quit\r\n214  rcpt rset vrfy\r\n"
        b"252 ok\r\n"
        b"250 ok\r\n"
        b"250 sender <a@b.example> ok\r\n"
        b"250 recipient <user@example.com> ok\r\n"
        b"354 go ahead\r\n"
        b"250 ok:  Message 1 accepted\r\n"
        b"250 ok\r\n"
        b"250 sender <a@b.example> ok\r\n"
        b"503 #5.5.1 RCPT first\r\n"
        b"250 ok\r\n"
        b"503 #5.5.1 MAIL first\r\n"
        b"221 ironport.example.com\r\n")


def test_starttls_is_offered_after_size_and_listed_by_help(tmp_path):
    def tls_on(session):
        relay_policy(session).params.tls = "on"
    received = dialogue(tmp_path, b"EHLO client.example\r\nHELP\r\nQUIT\r\n", tls_on)
    assert received == (
        b"220 ironport.example.com ESMTP\r\n"
        b"250-ironport.example.com\r\n250-8BITMIME\r\n250-SIZE 104857600\r\n250 STARTTLS\r\n"
        b"214-The following commands are recognized\r\n"
        b"214- auth data ehlo helo\r\n214- help mail noop quit\r\n"
        b"214  rcpt rset starttls vrfy\r\n"
        b"221 ironport.example.com\r\n")


def test_greeting_without_a_domain_and_bad_parameters(tmp_path):
    received = dialogue(tmp_path, b"EHLO\r\nHELO\r\nHELO c.example\r\n"
                        b"MAIL FROM:<a@b.example> SIZE=10\r\nMAIL FROM:<a@b.example>\r\n"
                        b"MAIL FROM:<a@b.example>\r\nQUIT\r\n")
    assert received == (
        b"220 ironport.example.com ESMTP\r\n"
        b"501 #5.0.0 EHLO requires domain address\r\n"
        b"501 #5.0.0 HELO requires domain address\r\n"
        b"250 ironport.example.com\r\n"
        b"501 Unknown option SIZE=10\r\n"          # SIZE is an ESMTP parameter: not after HELO
        b"250 sender <a@b.example> ok\r\n"
        b"503 #5.5.1 Nested MAIL command\r\n"
        b"221 ironport.example.com\r\n")


def test_the_sixth_unknown_command_ends_the_connection(tmp_path):
    received = dialogue(tmp_path, b"EHLO c.example\r\n" + b"XYZZY\r\n" * 6 + b"NOOP\r\n")
    assert received == (
        b"220 ironport.example.com ESMTP\r\n"
        b"250-ironport.example.com\r\n250-8BITMIME\r\n250 SIZE 104857600\r\n"
        + b"500 #5.5.1 command not recognized\r\n" * 5
        + b"421 Exceeded bad SMTP command limit, disconnecting.\r\n")   # NOOP is never answered


def test_swaks_sees_the_appliance_replies(tmp_path):
    appliance = make_appliance(tmp_path)

    async def main():
        async with running(appliance):
            return await swaks(listener_port(appliance), "--to", "user@example.com")
    status, out = arun(main())
    assert status == 0, out
    replies = [line[4:] for line in out.splitlines() if line.startswith("<")]
    assert replies == [
        "220 ironport.example.com ESMTP",
        "250-ironport.example.com", "250-8BITMIME", "250 SIZE 104857600",
        "250 sender <alice@sender.example> ok",
        "250 recipient <user@example.com> ok",
        "354 go ahead",
        "250 ok:  Message 1 accepted",
        "221 ironport.example.com"]
