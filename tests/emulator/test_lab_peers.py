"""Peer MTAs declared in a lab file ([[peer]]): parsed, checked, and run by the Runtime with a log
and a spool under the state directory; the peer keeps envelope addresses without ESMTP
parameters."""
import pytest
from twisted.internet import task
from twisted.internet.testing import StringTransport

from asyncos_emulator import labfile, peer
from asyncos_emulator.appliance import Runtime

LAB = """
[[appliance]]
hostname = "esa1.example.com"
address = "127.0.0.2"

[[peer]]
name = "good"
address = "127.0.0.5"
mode = "good"
hostname = "good.example.net"
ca = "labca"

[[peer]]
name = "plain"
address = "127.0.0.6"
port = 2626
mode = "no-starttls"
spool = "spools/plain"
"""


def test_peers_are_read_with_paths_relative_to_the_lab_file(tmp_path):
    path = tmp_path / "lab.toml"
    path.write_text(LAB)
    good, plain = labfile.load(path).peers
    assert (good.name, good.address, good.port, good.mode, good.hostname) == (
        "good", "127.0.0.5", 2525, "good", "good.example.net")
    assert good.ca_dir == tmp_path / "labca" and good.spool is None
    assert (plain.port, plain.mode, plain.ca_dir, plain.spool) == (
        2626, "no-starttls", None, tmp_path / "spools" / "plain")


def test_the_runtime_gives_each_peer_a_log_and_a_spool_in_the_state_directory(tmp_path):
    path = tmp_path / "lab.toml"
    path.write_text(LAB)
    runtime = Runtime.from_lab(path, tmp_path / "state", port_offset=0)
    good, plain = runtime.peers
    peers = (tmp_path / "state" / "peers").resolve()
    assert good.spec.spool == peers / "good" and good.log.path == peers / "good.log"
    assert plain.spec.spool == tmp_path / "spools" / "plain"
    good.log("a line")
    assert (peers / "good.log").read_text() == "a line\n"


@pytest.mark.parametrize("text, message", [
    ("[[peer]]\naddress = '127.0.0.5'\n", "needs a name and an address"),
    ("[[peer]]\nname = 'p'\naddress = '127.0.0.5'\nmode = 'grumpy'\n", "is not one of"),
    ("[[peer]]\nname = 'p'\naddress = '127.0.0.5'\n", "mode good needs a lab CA"),
    ("[[peer]]\nname = 'p'\naddress = '127.0.0.5'\nmode = 'tls-454'\nport = 'x'\n", "port must"),
    ("[[peer]]\nname = 'p'\naddress = '127.0.0.5'\nmode = 'drop'\ncolour = 1\n", "unknown colour"),
    ("[[peer]]\nname = 'p'\naddress = '127.0.0.5'\nmode = 'tls-454'\n"
     "[[peer]]\nname = 'p'\naddress = '127.0.0.6'\nmode = 'tls-454'\n", "its own name"),
    ("[[peer]]\nname = 'p'\naddress = '127.0.0.5'\nmode = 'tls-454'\n"
     "[[peer]]\nname = 'q'\naddress = '127.0.0.5'\nmode = 'tls-454'\n", "own address and port"),
])
def test_bad_peers_are_explained(tmp_path, text, message):
    path = tmp_path / "lab.toml"
    path.write_text("[[appliance]]\nhostname = 'a.example.com'\naddress = '127.0.0.2'\n" + text)
    with pytest.raises(labfile.LabFileError, match=message):
        labfile.load(path)


def test_the_envelope_leaves_out_esmtp_parameters(tmp_path):
    spec = peer.PeerSpec("p", "127.0.0.5", 0, "no-starttls", spool=tmp_path / "spool")
    lines = []
    protocol = peer.PeerFactory(spec, lines.append).buildProtocol(None)
    protocol.makeConnection(StringTransport())
    for line in (b"EHLO esa1.example.com", b"MAIL FROM:<a@example.com> SIZE=631",
                 b"RCPT TO:<b@example.net> NOTIFY=NEVER", b"DATA", b"Subject: x", b"", b"hi", b"."):
        protocol.dataReceived(line + b"\r\n")
    stored = (tmp_path / "spool" / "000001.eml").read_bytes().decode()
    assert stored.startswith("X-Peer-Envelope: from=<a@example.com> to=<b@example.net> tls=no\r\n")
    assert lines[-1].endswith("message 1 from <a@example.com> to <b@example.net> in clear text")


def peer_session(mode: str, tmp_path, clock=None):
    """A peer of ``mode`` on StringTransport: (protocol, transport, log lines)."""
    spec = peer.PeerSpec("p", "127.0.0.5", 0, mode, delay=2.0, spool=tmp_path / "spool")
    lines = []
    protocol = peer.PeerFactory(spec, lines.append, clock=clock).buildProtocol(None)
    transport = StringTransport()
    protocol.makeConnection(transport)
    return protocol, transport, lines


def exchange(protocol, transport, data: bytes) -> bytes:
    transport.clear()
    protocol.dataReceived(data)
    return transport.value()


@pytest.mark.parametrize("mode, starttls, closes", [
    ("tls-454", b"454 4.7.0 TLS not available due to temporary reason\r\n", False),
    ("no-starttls", b"502 5.5.1 Error: command not implemented\r\n", False),
    ("tls-garbage", b"220 2.0.0 Ready to start TLS\r\nthis is not a TLS handshake\r\n", True),
])
def test_the_peer_refuses_starttls_as_its_mode_says(tmp_path, mode, starttls, closes):
    protocol, transport, _ = peer_session(mode, tmp_path)
    assert transport.value() == f"220 mx.example.net ESMTP lab peer ({mode})\r\n".encode()
    ehlo = exchange(protocol, transport, b"EHLO esa.example.com\r\n")
    assert ehlo.startswith(b"250-mx.example.net\r\n250-PIPELINING\r\n250-SIZE 52428800\r\n")
    assert (b"STARTTLS" in ehlo) == (mode != "no-starttls")
    assert exchange(protocol, transport, b"STARTTLS\r\n") == starttls
    assert transport.disconnecting == closes


def test_the_peer_without_esmtp_and_the_one_that_drops(tmp_path):
    protocol, transport, lines = peer_session("no-esmtp", tmp_path)
    assert exchange(protocol, transport, b"EHLO esa\r\n") == (
        b"502 5.5.2 Error: command not recognized\r\n")
    assert exchange(protocol, transport, b"HELO esa\r\n") == b"250 mx.example.net\r\n"
    assert lines[-1].endswith("<<< HELO esa")
    protocol, transport, _ = peer_session("drop", tmp_path)
    assert exchange(protocol, transport, b"EHLO esa\r\n").endswith(b"250 ENHANCEDSTATUSCODES\r\n")
    assert transport.disconnecting


def test_the_slow_peer_holds_every_reply_back(tmp_path):
    clock = task.Clock()
    protocol, transport, _ = peer_session("slow", tmp_path, clock)
    assert transport.value() == b""
    clock.advance(2.0)
    assert transport.value().startswith(b"220 mx.example.net")
    assert exchange(protocol, transport, b"NOOP\r\n") == b""
    clock.advance(2.0)
    assert transport.value() == b"250 2.0.0 Ok\r\n"
