"""telnet, ping and traceroute in-process, against real sockets on loopback: ICMP when this
process may send it, and TCP connection timing (forced) as when it may not."""
import asyncio
import re

import pytest

import harness
from harness import reverse_name
from asyncos_shell.commands import _network, traceroute


async def exec_line(appliance, line: str) -> tuple[int, str]:
    transcript = harness.Transcript(appliance)
    transcript.terminal.end_input()
    status = await asyncio.wait_for(transcript.cli.run_exec(line), 30)
    return status, transcript.text.replace("\r\n", "\n")


@pytest.fixture
def appliance(tmp_path):
    return harness.make_appliance(tmp_path)


@pytest.fixture(params=["icmp", "tcp"])
def method(request, monkeypatch):
    if request.param == "tcp":
        monkeypatch.setattr(_network, "_raw_icmp", lambda: None)
    elif _network._raw_icmp() is None:
        pytest.skip("this process may not send ICMP (the TCP variant covers it)")
    return request.param


def test_ping_counts_round_trips_and_prints_statistics(appliance, method):
    status, text = asyncio.run(exec_line(appliance, "ping Management localhost 3"))
    assert status == 0, text
    if method == "icmp":
        assert text.startswith("\nPING localhost (127.0.0.1): 56 data bytes\n")
        replies = re.findall(r"^64 bytes from 127\.0\.0\.1: icmp_seq=(\d) ttl=\d+ "
                             r"time=\d+\.\d{3} ms$", text, re.M)
    else:
        assert text.startswith("\nPING localhost (127.0.0.1): TCP connections to port 25 (ICMP "
                               "is not allowed to the emulator; ")
        replies = re.findall(r"^answer from 127\.0\.0\.1:25: tcp_seq=(\d) time=\d+\.\d{3} ms$",
                             text, re.M)
    assert replies == ["0", "1", "2"], text
    assert "\n--- localhost ping statistics ---\n3 packets transmitted, 3 packets received, " \
           "0.0% packet loss\n" in text
    assert re.search(r"round-trip min/avg/max/stddev = [\d.]+/[\d.]+/[\d.]+/[\d.]+ ms\n$", text)


def test_traceroute_reaches_a_lab_host_in_one_hop(appliance, method):
    status, text = asyncio.run(exec_line(appliance, "traceroute 127.0.0.1"))
    assert status == 0, text
    header = "traceroute to 127.0.0.1 (127.0.0.1), 64 hops max, " + (
        "40 byte packets" if method == "icmp" else "TCP connections to port 25")
    assert text.startswith("\n" + header), text
    hop = re.escape(f" 1  {reverse_name('127.0.0.1')} (127.0.0.1)")
    assert re.search(rf"\n{hop}  \d+\.\d{{3}} ms  \d+\.\d{{3}} ms  \d+\.\d{{3}} ms\n$", text), text


def test_traceroute_names_hops_without_the_appliances_own_domain():
    assert traceroute.hop_name("gw.example.com", "example.com") == "gw"
    assert traceroute.hop_name("gw.lab.example.com", "example.com") == "gw.lab.example.com"
    assert traceroute.hop_name("localhost", "example.com") == "localhost"


def test_traceroute_puts_a_second_responder_on_its_own_line(appliance, monkeypatch):
    """FreeBSD's traceroute: another address answering the same hop goes on below, indented."""
    async def two_routers(self, seq, ttl=None):
        return _network.Answer("127.0.0.1" if seq % 3 == 0 else "127.0.0.2", 1.5, True)
    monkeypatch.setattr(_network.Prober, "probe", two_routers)
    status, text = asyncio.run(exec_line(appliance, "traceroute 127.0.0.1"))
    assert status == 0, text
    assert text.endswith(f"\n 1  {reverse_name('127.0.0.1')} (127.0.0.1)  1.500 ms\n"
                         f"    {reverse_name('127.0.0.2')} (127.0.0.2)  1.500 ms  1.500 ms\n"), text


def test_ping_prints_nothing_for_a_lost_echo_and_counts_it(appliance, method, monkeypatch):
    """FreeBSD's ping (sbin/ping/ping.c) is silent about a lost echo; the TCP variant, the
    emulator's own, says so."""
    probe = _network.Prober.probe

    async def lose_the_second(self, seq, ttl=None):
        return None if seq == 1 else await probe(self, seq, ttl)
    monkeypatch.setattr(_network.Prober, "probe", lose_the_second)
    status, text = asyncio.run(exec_line(appliance, "ping 127.0.0.1 3"))
    assert status == 0, text
    assert re.findall(r"(?:icmp|tcp)_seq=(\d)", text) == ["0", "2"], text
    assert ("Request timeout for tcp_seq 1\n" in text) == (method == "tcp"), text
    assert "icmp_seq 1" not in text
    assert ("\n--- 127.0.0.1 ping statistics ---\n3 packets transmitted, 2 packets received, "
            "33.3% packet loss\nround-trip min/avg/max/stddev = ") in text, text


def test_network_commands_stay_in_the_lab_and_name_bad_hosts(appliance):
    async def main():
        return [await exec_line(appliance, line) for line in (
            "ping 192.0.2.1 1", "traceroute nosuch.invalid", "telnet 127.0.0.1 1",
            "ping nosuch.invalid", "telnet nosuch.invalid 25")]
    outside, unknown, refused, ping_unknown, telnet_unknown = asyncio.run(main())
    assert outside == (1, "192.0.2.1 is outside the lab: the emulator only reaches loopback "
                          "addresses (127.0.0.0/8, ::1).\n")
    assert unknown == (1, "traceroute: unknown host nosuch.invalid\n")
    assert ping_unknown == (1, "ping: cannot resolve nosuch.invalid: Unknown host\n")
    assert telnet_unknown == (1, "nosuch.invalid: hostname nor servname provided, or not known\n")
    assert refused == (1, "\nTrying 127.0.0.1...\n"
                          "telnet: connect to address 127.0.0.1: Connection refused\n"
                          "telnet: Unable to connect to remote host\n")


def test_telnet_dialogue_talks_smtp_from_the_chosen_interface(appliance):
    seen = {}

    async def main():
        async def handle(reader, writer):
            seen["peer"] = writer.get_extra_info("peername")[0]
            writer.write(b"220 mx.example.net ESMTP\r\n")
            while line := await reader.readline():
                if line.startswith(b"STARTTLS"):
                    writer.write(b"454 4.7.0 TLS not available due to temporary reason\r\n")
                elif line.startswith(b"QUIT"):
                    writer.write(b"221 2.0.0 Bye\r\n")
                    writer.close()
                    return
                else:
                    writer.write(b"250-mx.example.net\r\n250 STARTTLS\r\n")
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        transcript = harness.Transcript(appliance)
        for line in ("telnet", "x", "2", "bad host!", "127.0.0.1", "0", str(port), "EHLO me",
                     "STARTTLS", "QUIT"):
            transcript.terminal.feed(line.encode() + b"\n")
        transcript.terminal.end_input()
        await asyncio.wait_for(transcript.cli.run_shell(), 30)
        server.close()
        return harness.after_banner(transcript.text).replace("\r\n", "\n"), port
    text, port = asyncio.run(main())
    assert text.startswith(
        "ironport.example.com> telnet\n\nPlease select which interface you want to telnet from.\n"
        "1. Auto\n2. Management (127.0.0.1/8: ironport.example.com)\n[1]> x\n"
        "Please enter a number from 1 to 2.\n")
    assert ("[1]> 2\n\nEnter the remote hostname or IP address.\n[]> bad host!\n"
            "Please enter a valid hostname or IP address.\n") in text
    assert ("\nEnter the remote port.\n[25]> 0\nThe value must be an integer from 1 to 65535.\n"
            f"\nEnter the remote port.\n[25]> {port}\n\nTrying 127.0.0.1...\n"
            f"Connected to {reverse_name('127.0.0.1')}.\nEscape character is '^]'.\n") in text, text
    assert "454 4.7.0 TLS not available due to temporary reason\n" in text
    assert text.endswith("221 2.0.0 Bye\nConnection closed by foreign host.\n\n"
                         "ironport.example.com> ")
    assert seen["peer"] == "127.0.0.1"
