"""sslconfig's GUI settings through the real process: the one-line form over OpenSSH, then
``openssl s_client`` against the HTTPS port before and after the commit."""
import asyncio
import subprocess

from tlsclient import renegotiate


def handshake(port: int, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{port}", *args],
                          input=b"", capture_output=True, timeout=20)


def test_gui_tls_versions_apply_to_https_on_commit(appliance_server):
    https = 443 + appliance_server.port_offset
    assert handshake(https, "-tls1_3").returncode == 0
    pending = appliance_server.run("sslconfig gui 3 HIGH:!aNULL Y")
    assert pending.returncode == 0, pending.stdout + pending.stderr
    assert handshake(https, "-tls1_3").returncode == 0      # nothing applies before commit
    done = appliance_server.run("sslconfig gui 3 HIGH:!aNULL Y; commit tls12-only N")
    assert done.returncode == 0, done.stdout + done.stderr
    refused = handshake(https, "-tls1_3")
    assert refused.returncode != 0
    accepted = handshake(https, "-tls1_2")
    assert accepted.returncode == 0 and b"Protocol  : TLSv1.2" in accepted.stdout
    shown = appliance_server.run("sslconfig").stdout.decode().replace("\r\n", "\n")
    assert "  GUI HTTPS method: tlsv1_2\n  GUI HTTPS ciphers:\n    HIGH\n    !aNULL\n" in shown


HTTP = ((), b"GET / HTTP/1.0\r\n\r\n", b"HTTP/1.")


def test_gui_renegotiation_question_applies_to_https(appliance_server):
    https = 443 + appliance_server.port_offset
    allowed = asyncio.run(renegotiate(https, *HTTP)).split("RENEGOTIATING", 1)[1]
    assert "HTTP/1." in allowed and "no renegotiation" not in allowed
    done = appliance_server.run("sslconfig gui 3-4 HIGH:!aNULL N; commit no-reneg N")
    assert done.returncode == 0, done.stdout + done.stderr
    refused = asyncio.run(renegotiate(https, *HTTP)).split("RENEGOTIATING", 1)[1]
    assert "no renegotiation" in refused and "HTTP/1." not in refused
