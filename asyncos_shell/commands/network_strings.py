"""Strings of ``telnet``, ``ping`` and ``traceroute``.

S: Cisco's QA library (github dharma412/PythonClass, commit b79a424,
``csa/testlib/phoebe1411/cli/ctor/telnet.py``, ``ping.py`` and ``.../cli/keywords/ping.py``):
telnet's driver waits for "Connected", "Unable to connect to remote host", "Connection refused"
and "<host>: hostname nor servname provided, or not known"; ping's for "cannot resolve" and
reads the loss as "N%" (the WSA's ``coeus1201/cli/ctor/ping.py`` as "N.N% packet loss"); the
keyword documents ping as "Ping a network host.".  The rest of those lines is FreeBSD's wording
(below, T).  The same
library's drivers for the Web Security Appliance, whose AsyncOS shares this CLI
(``csa/testlib/coeus1201/cli/ctor/ping6.py`` and ``.../keywords/traceroute.py``), wait for
"Which interface do you want to send the pings from?" and "Please enter the host you wish to
ping." word for word, and document traceroute as "Display the network route to a remote host."
with its questions' words "interface do you want to trace from" and "host to which you want to
trace the route"; its traceroute options (-S, -n, -v, -w) are FreeBSD traceroute's and its
parser reads hops as "N  name (address)", FreeBSD's hop line.

The telnet client's own lines are matched by the same library where it telnets itself:
"Escape character is '^]'" (``csa/tests/zeus1400/TEACATS/common/sma_only_teacats.robot``),
"Connection closed by foreign host" (``csa/testlib/phoebe1411/cli/ctor/quit.py``) and
"connect to address <ip>: Connection refused" (``csa/tests/zeus1400/csdl/
ct1896_sec_cry_mgt.robot``), S.

T: the lines of the programs the appliance runs (AsyncOS is FreeBSD; its ping, traceroute and
telnet are FreeBSD's), each format as that program's source prints it: github freebsd/freebsd-src
``sbin/ping/ping.c`` (the "PING" header, the reply line, the statistics and round-trip lines; a
lost echo prints nothing: only the summary counts it), ``usr.sbin/traceroute/traceroute.c``
(``contrib/traceroute/traceroute.c`` before FreeBSD 14: the header with net.inet.ip.ttl, 64, hops
and 40 byte packets, "unknown host"), ``contrib/telnet/telnet/commands.c`` (``tn()``: "Trying",
and after "connect to address" the line "Unable to connect to remote host", without the error).

R: the interface, host and port questions, the telnet description and "Press Ctrl-C to stop."
(AsyncOS's own wrapper: recalled from the CLI reference guide's examples); the TCP variants of
ping and traceroute (FreeBSD's ping has no TCP mode; traceroute's ``-P tcp`` sends raw SYNs and
prints its usual header, while ours times connections and says so), the notes saying how round
trips are measured without ICMP, and the refusal to leave the lab, are the emulator's own.
"""
from __future__ import annotations

from .. import strings

STRINGS: dict[str, tuple[str, str]] = {
    "network.bad_host": ("Please enter a valid hostname or IP address.", "R"),
    "network.outside_lab": ("{address} is outside the lab: the emulator only reaches loopback "
                            "addresses (127.0.0.0/8, ::1).", "R"),
    "network.stop": ("Press Ctrl-C to stop.", "R"),
    # -- telnet --
    "telnet.unknown_host": ("{host}: hostname nor servname provided, or not known", "S"),
    "telnet.description": ("Connect to a remote host.", "R"),
    "telnet.interface": ("Please select which interface you want to telnet from.", "R"),
    "telnet.host": ("Enter the remote hostname or IP address.", "R"),
    "telnet.port": ("Enter the remote port.", "R"),
    # T: freebsd/freebsd-src contrib/telnet/telnet/commands.c, tn()
    "telnet.trying": ("Trying {address}...", "T"),
    "telnet.connected": ("Connected to {host}.", "S"),
    "telnet.escape": ("Escape character is '^]'.", "S"),
    "telnet.closed": ("Connection closed by foreign host.", "S"),
    "telnet.refused": ("telnet: connect to address {address}: Connection refused", "S"),
    "telnet.failed": ("telnet: connect to address {address}: {error}", "S"),
    "telnet.unable": ("telnet: Unable to connect to remote host", "S"),
    # -- ping --
    "ping.unknown_host": ("ping: cannot resolve {host}: Unknown host", "S"),
    "ping.description": ("Ping a network host.", "S"),
    "ping.interface": ("Which interface do you want to send the pings from?", "S"),
    "ping.host": ("Please enter the host you wish to ping.", "S"),
    # T: freebsd/freebsd-src sbin/ping/ping.c (main(), pr_pack(), finish()/pr_summary())
    "ping.header": ("PING {host} ({address}): 56 data bytes", "T"),
    "ping.header_tcp": ("PING {host} ({address}): TCP connections to port {port} (ICMP is not "
                        "allowed to the emulator; each round trip is the time the host takes "
                        "to answer a connection)", "R"),
    "ping.reply": ("64 bytes from {address}: icmp_seq={seq} ttl={ttl} time={ms:.3f} ms", "T"),
    "ping.reply_tcp": ("answer from {address}:{port}: tcp_seq={seq} time={ms:.3f} ms", "R"),
    "ping.timeout_tcp": ("Request timeout for tcp_seq {seq}", "R"),
    "ping.statistics": ("--- {host} ping statistics ---", "T"),
    "ping.summary": ("{sent} packets transmitted, {received} packets received, {loss:.1f}% "
                     "packet loss", "S"),
    "ping.round_trip": ("round-trip min/avg/max/stddev = {min:.3f}/{avg:.3f}/{max:.3f}/"
                        "{stddev:.3f} ms", "T"),
    # -- traceroute --
    # T: freebsd/freebsd-src usr.sbin/traceroute/traceroute.c (main(), gethostinfo())
    "traceroute.unknown_host": ("traceroute: unknown host {host}", "T"),
    "traceroute.description": ("Display the network route to a remote host.", "S"),
    "traceroute.interface": ("Which interface do you want to trace from?", "S"),
    "traceroute.host": ("Please enter the host to which you want to trace the route.", "S"),
    "traceroute.header": ("traceroute to {host} ({address}), {hops} hops max, 40 byte packets",
                          "T"),
    "traceroute.header_tcp": ("traceroute to {host} ({address}), {hops} hops max, TCP "
                              "connections to port {port} (ICMP is not allowed to the "
                              "emulator; only the last hop can answer)", "R"),
}

strings.register(STRINGS)
