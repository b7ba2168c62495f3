"""Strings of ``telnet``, ``ping`` and ``traceroute``.

The interface and host questions, ``Trying``/``Connected to``/``Escape character`` and the
ping/traceroute lines are recalled from the AsyncOS CLI reference guide's examples (whose
ping and traceroute print FreeBSD's formats) (R); the notes saying how round trips are
measured without ICMP, and the refusal to leave the lab, are the emulator's own (R).
"""
from __future__ import annotations

from .. import strings

STRINGS: dict[str, tuple[str, str]] = {
    "network.unknown_host": ("Unknown host: {host}", "R"),
    "network.bad_host": ("Please enter a valid hostname or IP address.", "R"),
    "network.outside_lab": ("{address} is outside the lab: the emulator only reaches loopback "
                            "addresses (127.0.0.0/8, ::1).", "R"),
    "network.stop": ("Press Ctrl-C to stop.", "R"),
    # -- telnet --
    "telnet.description": ("Connect to a remote host.", "R"),
    "telnet.interface": ("Please select which interface you want to telnet from.", "R"),
    "telnet.host": ("Enter the remote hostname or IP address.", "R"),
    "telnet.port": ("Enter the remote port.", "R"),
    "telnet.trying": ("Trying {address}...", "R"),
    "telnet.connected": ("Connected to {host}.", "R"),
    "telnet.escape": ("Escape character is '^]'.", "R"),
    "telnet.closed": ("Connection closed by foreign host.", "R"),
    "telnet.refused": ("telnet: connect to address {address}: Connection refused", "R"),
    "telnet.failed": ("telnet: connect to address {address}: {error}", "R"),
    "telnet.unable": ("telnet: Unable to connect to remote host: {error}", "R"),
    # -- ping --
    "ping.description": ("Ping a network host.", "R"),
    "ping.interface": ("Which interface do you want to send the pings from?", "R"),
    "ping.host": ("Please enter the host you wish to ping.", "R"),
    "ping.header": ("PING {host} ({address}): 56 data bytes", "R"),
    "ping.header_tcp": ("PING {host} ({address}): TCP connections to port {port} (ICMP is not "
                        "allowed to the emulator; each round trip is the time the host takes "
                        "to answer a connection)", "R"),
    "ping.reply": ("64 bytes from {address}: icmp_seq={seq} ttl={ttl} time={ms:.3f} ms", "R"),
    "ping.reply_tcp": ("answer from {address}:{port}: tcp_seq={seq} time={ms:.3f} ms", "R"),
    "ping.timeout": ("Request timeout for icmp_seq {seq}", "R"),
    "ping.timeout_tcp": ("Request timeout for tcp_seq {seq}", "R"),
    "ping.statistics": ("--- {host} ping statistics ---", "R"),
    "ping.summary": ("{sent} packets transmitted, {received} packets received, {loss:.1f}% "
                     "packet loss", "R"),
    "ping.round_trip": ("round-trip min/avg/max/stddev = {min:.3f}/{avg:.3f}/{max:.3f}/"
                        "{stddev:.3f} ms", "R"),
    # -- traceroute --
    "traceroute.description": ("Display the network route to a remote host.", "R"),
    "traceroute.interface": ("Which interface do you want to trace from?", "R"),
    "traceroute.host": ("Please enter the host to which you want to trace the route.", "R"),
    "traceroute.header": ("traceroute to {host} ({address}), {hops} hops max, 84 byte packets",
                          "R"),
    "traceroute.header_tcp": ("traceroute to {host} ({address}), {hops} hops max, TCP "
                              "connections to port {port} (ICMP is not allowed to the "
                              "emulator; only the last hop can answer)", "R"),
}

strings.register(STRINGS)
