"""HTTPS of the interfaces, as a trainee checks it (seed §3.4): the Demo certificate at first;
a profile pasted with ``certconfig`` and chosen with ``interfaceconfig`` is served with its
intermediate after ``commit``, without a restart and without cutting an open connection; ports
move and stop on commit; HTTP serves the page or redirects to HTTPS."""
from __future__ import annotations

import http.client
import re
import ssl
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import refused

LABCA = Path(__file__).resolve().parents[2] / "scripts" / "labca"
PEM = re.compile(r"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----\n", re.S)
DEMO = "CN = Cisco Appliance Demo Certificate"
# EDIT of interface 1 up to its services, every answer the default (name, IPv4 y, address,
# netmask, IPv6 n, ethernet port, hostname, HELO n).
EDIT_DEFAULTS = [""] * 8
# FTP y, port, Telnet n, SSH y, port, Cluster Communication Service n.
OTHER_SERVICES = [""] * 6


def shell(server, lines: list[str]) -> str:
    """Type ``lines`` into a shell without a pty (each line an answer); the whole output."""
    result = server.run(None, input=("\n".join(lines) + "\n").encode())
    assert result.returncode == 0, result.stderr
    return result.stdout.decode()


def commit(server, lines: list[str]) -> str:
    output = shell(server, [*lines, "commit", "e2e", ""])
    assert "Changes committed: " in output, output
    return output


def served(port: int, *options: str) -> str:
    """``openssl s_client -showcerts`` output for a handshake with the appliance."""
    return subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-showcerts",
                           *options], input=b"", capture_output=True, timeout=20).stdout.decode()


def unverified() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    return context


def get(url: str, context: ssl.SSLContext | None = None) -> str:
    with urllib.request.urlopen(url, context=context, timeout=10) as response:
        assert response.status == 200
        return response.read().decode()


def port_line(server, service: str) -> int:
    ports = [int(m.group(1)) for line in server.startup
             if (m := re.match(rf"\s+{service} on 127\.0\.0\.1 port (\d+)$", line))]
    assert len(ports) == 1, server.startup
    return ports[0]


def gui_log(server) -> str:
    return (server.state_dir / "logs" / "gui_logs" / "gui.current").read_text()


@pytest.fixture
def lab_certificate(tmp_path):
    """A certificate for mail.example.com and 127.0.0.1 from ``scripts/labca``: (leaf, key,
    intermediate, root file)."""
    ca = tmp_path / "ca"
    subprocess.run([sys.executable, str(LABCA), "init", str(ca)], check=True, capture_output=True)
    subprocess.run([sys.executable, str(LABCA), "issue", str(ca), "mail.example.com", "127.0.0.1",
                    "--out", str(tmp_path / "web")], check=True, capture_output=True)
    return ((tmp_path / "web.pem").read_text(), (tmp_path / "web.key").read_text(),
            (ca / "intermediate-ca.pem").read_text(), ca / "root-ca.pem")


def without_token(page: str) -> str:
    return re.sub(r'name="CSRFKey" value="\w+"', "", page)


def pasted(pem: str) -> list[str]:
    return [*pem.strip().split("\n"), "."]


def test_demo_certificate_then_the_chosen_one_live(appliance_server, lab_certificate):
    server = appliance_server
    https, plain = port_line(server, "HTTPS"), port_line(server, "HTTP")
    assert (https, plain) == (443 + server.port_offset, 80 + server.port_offset)

    first = served(https)
    assert re.search(rf" 0 s:.*{DEMO}\n", first) and " 1 s:" not in first
    assert "New, TLSv1.3, Cipher is " in first
    assert "New, TLSv1.2, Cipher is " in served(https, "-tls1_2")
    assert "BEGIN CERTIFICATE" not in served(https, "-tls1_1")
    page = get(f"https://127.0.0.1:{https}/", unverified())     # the GUI's login page
    for text in ("<title>Cisco C100V Email Security Virtual Appliance - ironport.example.com"
                 "</title>",
                 '<span id="system-hostname">ironport.example.com</span>',
                 "Emulated appliance: C100V, AsyncOS 16.0.3-025",
                 f"<code>ssh -p {server.ssh_port} admin@127.0.0.1</code>"):
        assert text in page
    # no redirection by default: HTTP serves the same page (but for the login form's token)
    assert without_token(get(f"http://127.0.0.1:{plain}/login")) == without_token(page)

    # A browser-like connection stays open across the commit.
    held = http.client.HTTPSConnection("127.0.0.1", https, context=unverified(), timeout=10)
    held.request("GET", "/")
    response = held.getresponse()
    assert (response.status, response.read()) == (303, b"")     # to the login page
    demo_der = held.sock.getpeercert(binary_form=True)

    leaf, key, intermediate, root = lab_certificate
    commit(server, ["certconfig", "certificate", "paste", "web", *pasted(leaf), *pasted(key),
                    "y", *pasted(intermediate), "n", "n", "n", "", "",
                    "interfaceconfig", "edit", "1", *EDIT_DEFAULTS, *OTHER_SERVICES,
                    "", "", "", "", "2", "y", ""])

    after = served(https)
    assert PEM.findall(after) == [leaf, intermediate]
    assert "0 s:O = Lab, CN = mail.example.com" in after
    # The chain verifies up to the lab root, so the intermediate really is sent.
    assert "ironport.example.com" in get(f"https://127.0.0.1:{https}/",
                                         ssl.create_default_context(cafile=str(root)))

    held.request("GET", "/login")
    assert held.getresponse().status == 200
    assert held.sock.getpeercert(binary_form=True) == demo_der
    held.close()

    redirect = http.client.HTTPConnection("127.0.0.1", plain, timeout=10)
    redirect.request("GET", "/login?x=1")
    response = redirect.getresponse()
    assert (response.status, response.getheader("Location")) == (
        302, f"https://127.0.0.1:{https}/login?x=1")
    redirect.close()

    redirecting = f"Info: http service on 127.0.0.1:{plain} redirecting to https port {https}\n"
    deadline = time.monotonic() + 10     # log lines are written in batches, off the request
    while redirecting not in gui_log(server) and time.monotonic() < deadline:
        time.sleep(0.1)
    log = gui_log(server)
    assert redirecting in log
    assert "Info: req:127.0.0.1 user:- id:- 303 GET / HTTP/1.1 -\n" in log
    assert re.search(r"Warning: SSL error with client 127\.0\.0\.1:\d+ - \(\d+, 'error:[0-9A-F]{8}:"
                     r"SSL routines::[a-z ]+'\)\n", log)      # the TLS 1.1 attempt


def test_ports_move_and_stop_on_commit(appliance_server):
    server = appliance_server
    offset = server.port_offset
    held = http.client.HTTPSConnection("127.0.0.1", 443 + offset, context=unverified(), timeout=10)
    held.request("GET", "/login")
    assert b"ironport.example.com" in held.getresponse().read()

    # HTTP off, HTTPS on port 8443 (only the Demo profile: confirm it).
    commit(server, ["interfaceconfig", "edit", "1", *EDIT_DEFAULTS, *OTHER_SERVICES,
                    "n", "", "8443", "y", ""])
    assert refused(443 + offset) and refused(80 + offset)
    assert DEMO in served(8443 + offset)
    held.request("GET", "/login")              # a connection on the old port goes on
    assert b"ironport.example.com" in held.getresponse().read()
    held.close()
    status = shell(server, ["status"])
    assert f"HTTPS  127.0.0.1:{8443 + offset}\n" in status.replace("\r\n", "\n")
    assert "HTTP   " not in status

    # HTTP back on its port, serving the page itself; HTTPS off.
    commit(server, ["interfaceconfig", "edit", "1", *EDIT_DEFAULTS, *OTHER_SERVICES,
                    "y", "", "n", ""])
    assert refused(8443 + offset)
    assert "ironport.example.com" in get(f"http://127.0.0.1:{80 + offset}/")
    # Cisco's catalogue (dharma412/PythonClass csa/testlib/common/shell/qlogmsgs.py,
    # webui.WEBUI.SVC_UP, SVC_DOWN): each port as it starts and stops
    last = f"Info: https service shutting down on 127.0.0.1:{8443 + offset}\n"
    deadline = time.monotonic() + 10     # log lines are written in batches
    while last not in gui_log(server) and time.monotonic() < deadline:
        time.sleep(0.1)
    lines = [line.split(" Info: ", 1)[1] for line in gui_log(server).splitlines()
             if " service " in line and " Info: " in line]
    assert lines == [f"http service listening on 127.0.0.1:{80 + offset}",
                     f"https service listening on 127.0.0.1:{443 + offset}",
                     f"https service listening on 127.0.0.1:{8443 + offset}",
                     f"http service shutting down on 127.0.0.1:{80 + offset}",
                     f"https service shutting down on 127.0.0.1:{443 + offset}",
                     f"http service listening on 127.0.0.1:{80 + offset}",
                     f"https service shutting down on 127.0.0.1:{8443 + offset}"], lines
