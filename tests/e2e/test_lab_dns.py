"""The lab's DNS server, end to end: BIND's ``dig`` against it, and an appliance that resolves
through it (dnsconfig's default in a lab): delivery by MX with two priorities while the first MX
is down, reverse DNS in the ICID line, ``nslookup``, ``dig`` and ``dnsconfig`` over SSH, and
``peer send`` finding the appliance by MX."""
from __future__ import annotations

import random
import re
import shutil
import smtplib
import socket
import subprocess
import sys
import time

import pytest

from .conftest import REPOSITORY, launch

ESA1 = "127.0.0.2"
DNS = "127.0.0.50"
PRIMARY_DOWN = "127.0.0.77"      # nothing listens on its port 25: the first MX is down
BACKUP = "127.0.0.6"
SENDER_OK, SENDER_BAD = "127.0.0.20", "127.0.0.21"

LAB = """
[[appliance]]
hostname = "esa1.example.com"
address = "127.0.0.2"

[[peer]]
name = "backup"
address = "127.0.0.6"
port = {peer_port}
mode = "no-starttls"
hostname = "backup.example.net"

[dns]
address = "127.0.0.50"

[dns.zones]
"example.com" = ["@ MX 10 esa1"]
"example.net" = ["@ MX 10 primary", "@ MX 20 backup", "primary A 127.0.0.77",
                 "@ TXT \\"v=spf1 mx -all\\""]
"example.org" = ["sender A 127.0.0.20", "127.0.0.20 PTR sender.example.org.",
                 "127.0.0.21 PTR forged.example.org.", "forged A 127.0.0.99",
                 "halfway MX 10 nowhere", "halfway MX 20 sender"]
"""


def free_port(address: str) -> int:
    with socket.socket() as probe:
        probe.bind((address, 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if shutil.which("dig") is None:
        pytest.fail("dig is missing: scripts/test installs bind9-dnsutils")
    with socket.socket() as probe:
        if probe.connect_ex((PRIMARY_DOWN, 25)) == 0:
            pytest.skip(f"something listens on {PRIMARY_DOWN} port 25")
    tmp = tmp_path_factory.mktemp("dnslab")
    path = tmp / "lab.toml"
    path.write_text(LAB.format(peer_port=free_port(BACKUP)))
    with launch(tmp / "state", arguments=("--lab", str(path))) as server:
        server.host = ESA1
        yield server


def dns_port(server) -> int:
    return 53 + server.port_offset


def dig(server, *args: str) -> str:
    return subprocess.run(["dig", f"@{DNS}", "-p", str(dns_port(server)), *args],
                          capture_output=True, text=True, timeout=20, check=True).stdout


def mail_log(server) -> str:
    files = sorted((server.state_dir / "esa1.example.com" / "logs").glob("mail_logs/*"))
    return "".join(f.read_text() for f in files)


def wait_for(server, pattern: str, timeout: float = 30) -> re.Match:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if match := re.search(pattern, mail_log(server)):
            return match
        time.sleep(0.2)
    pytest.fail(f"no {pattern!r} in the mail log:\n{mail_log(server)}")


def test_startup_line_names_the_server_and_its_zones(lab):
    assert (f"DNS on {DNS} port {dns_port(lab)} (UDP and TCP), zones: example.com, example.net, "
            "example.org") in lab.startup


def test_dig_binary_gets_authoritative_answers(lab):
    mx = dig(lab, "example.net", "MX", "+norecurse")
    assert "status: NOERROR" in mx and re.search(r"flags: qr aa", mx)
    assert re.search(r"example\.net\.\s+3600\s+IN\s+MX\s+10 primary\.example\.net\.", mx)
    assert re.search(r"example\.net\.\s+3600\s+IN\s+MX\s+20 backup\.example\.net\.", mx)
    # The lab's own names are added: the appliance, the peer, and their PTR records.
    assert dig(lab, "+short", "esa1.example.com").split() == [ESA1]
    assert dig(lab, "+short", "backup.example.net").split() == [BACKUP]
    assert dig(lab, "+short", "-x", ESA1).split() == ["esa1.example.com."]
    assert dig(lab, "+short", "-x", SENDER_OK).split() == ["sender.example.org."]
    assert dig(lab, "+short", "example.net", "TXT").split() == ['"v=spf1', 'mx', '-all"']
    assert "status: NXDOMAIN" in dig(lab, "nothere.example.net")
    assert "status: NXDOMAIN" in dig(lab, "+tcp", "nothere.example.org")


def test_delivery_follows_mx_priorities_past_a_down_mx(lab):
    subject = f"by MX {random.randrange(10**9)}"
    with smtplib.SMTP(ESA1, lab.smtp_port, timeout=20) as smtp:
        smtp.sendmail("relay@example.com", ["user@example.net"],
                      f"Subject: {subject}\r\n\r\nhello\r\n")
    mid = wait_for(lab, rf'MID (\d+) Subject "{subject}"').group(1)
    refused = wait_for(lab, rf"Connection Error: DCID (\d+) domain: example\.net IP: "
                            rf"{re.escape(PRIMARY_DOWN)} port: 25 ")
    delivered = wait_for(lab, rf"Delivery start DCID (\d+) MID {mid} ")
    assert int(delivered.group(1)) > int(refused.group(1))
    wait_for(lab, rf"New SMTP DCID {delivered.group(1)} interface {re.escape(ESA1)} address "
                  rf"{re.escape(BACKUP)} port \d+")
    wait_for(lab, rf"MID {mid} RID \[0\] Response")
    spool = lab.state_dir / "peers" / "backup"
    assert any(subject in f.read_text() for f in spool.glob("*.eml"))


def test_icid_line_has_the_verified_reverse_dns_name(lab):
    for source in (SENDER_OK, SENDER_BAD, "127.0.0.1"):
        with smtplib.SMTP(ESA1, lab.smtp_port, timeout=20, source_address=(source, 0)) as smtp:
            smtp.ehlo("test")
    wait_for(lab, rf"address {re.escape(SENDER_OK)} reverse dns host sender\.example\.org "
                  r"verified yes")
    wait_for(lab, rf"address {re.escape(SENDER_BAD)} reverse dns host forged\.example\.org "
                  r"verified no")
    wait_for(lab, r"address 127\.0\.0\.1 reverse dns host unknown verified no")


def test_nslookup_transcripts(lab):
    out = lab.run("nslookup example.net MX").stdout.decode()
    assert out == ("\r\nMX=primary.example.net PRIORITY=10 TTL=1h\r\n"
                   "MX=backup.example.net PRIORITY=20 TTL=1h\r\n")
    assert lab.run(f"nslookup {SENDER_OK} PTR").stdout.decode() == \
        "\r\nPTR=sender.example.org TTL=1h\r\n"
    missing = lab.run("nslookup nothere.example.net")
    assert missing.stdout.decode() == "\r\nError: Domain name not found.\r\n"
    assert missing.returncode == 1
    child = lab.ssh()
    child.expect_exact("esa1.example.com> ")
    child.sendline("nslookup")
    child.expect_exact("Please enter the host or IP address to resolve.\r\n[]> ")
    child.sendline("esa1.example.com")
    child.expect_exact("Choose the query type:\r\n1. A        the host's IP address\r\n")
    child.expect_exact("8. TXT      the text information\r\n[1]> ")
    child.sendline("9")
    child.expect_exact("Please enter a number from 1 to 8 or a query type.")
    child.expect_exact("[1]> ")
    child.sendline("")
    child.expect_exact(f"\r\nA={ESA1} TTL=1h\r\n")
    child.expect_exact("esa1.example.com> ")
    # an address: straight to its PTR record, no query type question
    child.sendline("nslookup")
    child.expect_exact("[]> ")
    child.sendline(SENDER_OK)
    child.expect_exact(f"{SENDER_OK}\r\n\r\nPTR=sender.example.org TTL=1h\r\n\r\nesa1.example.com> ")
    child.sendline("exit")


def test_dig_on_the_appliance(lab):
    out = lab.run("dig example.net MX").stdout.decode().replace("\r\n", "\n")
    assert out.startswith("\n; <<>> DiG 9.16.48 <<>> example.net MX\n;; global options: +cmd\n"
                          ";; Got answer:\n;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: ")
    assert ";; QUESTION SECTION:\n;example.net.\t\t\tIN\tMX\n" in out
    assert (";; ANSWER SECTION:\nexample.net.\t\t3600\tIN\tMX\t10 primary.example.net.\n"
            "example.net.\t\t3600\tIN\tMX\t20 backup.example.net.\n") in out
    assert f"primary.example.net.\t3600\tIN\tA\t{PRIMARY_DOWN}\n" in out
    assert f";; SERVER: {DNS}#53({DNS})\n" in out
    reverse = lab.run(f"dig -x {SENDER_OK}").stdout.decode()
    assert "20.0.0.127.in-addr.arpa.\t3600\tIN\tPTR\tsender.example.org." in reverse
    # the QA driver's batch forms: options, then the type before the host; -x with options after
    typed = lab.run(f"dig -s 127.0.0.1 -t @{DNS} MX example.net").stdout.decode()
    assert "example.net.\t\t3600\tIN\tMX\t10 primary.example.net." in typed, typed
    reverse = lab.run(f"dig -x {SENDER_OK} -u @{DNS}").stdout.decode()
    assert "20.0.0.127.in-addr.arpa.\t3600\tIN\tPTR\tsender.example.org." in reverse, reverse
    asked = lab.run("dig", input=b"esa1.example.com\nSRV\nAAAA\n\n\n\n").stdout.decode()
    assert asked.startswith("\r\nEnter the host or IP address to look up.\r\n[]> \r\n"
                            "Choose the record type to look up:\r\n1. A\r\n2. AAAA\r\n"), asked
    assert ("Choose the interface to run the query from:\r\n1. Auto\r\n" in asked
            and "Enter the host or IP address of the DNS server. Leave the entry blank to use\r\n"
                "the default server.\r\n[]> \r\n"
                "Do you want to make the query over TCP? [N]> " in asked), asked
    assert ";; flags: qr; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 0" in asked, asked
    assert "<<>> DiG 9.16.48 <<>> esa1.example.com AAAA" in asked
    bad = lab.run("dig @nowhere example.net")
    assert bad.returncode == 1 and "The DNS server must be an IP address." in bad.stdout.decode()


def test_dnsconfig_shows_the_lab_server_and_a_dead_server_falls_through(lab):
    out = lab.run("dnsconfig", input=b"\n").stdout.decode()
    assert "Currently using the local DNS cache servers:\r\n1. Priority: 0 127.0.0.50\r\n" in out
    # A first server that does not answer: lookups go on to the next priority.
    result = lab.run("dnsconfig new 1 127.0.0.59 0; dnsconfig edit 1 1 127.0.0.50 5; "
                     "commit 'a dead DNS server first' N")
    assert result.returncode == 0, result.stdout.decode()
    try:
        assert lab.run("nslookup example.net MX").stdout.decode().startswith(
            "\r\nMX=primary.example.net PRIORITY=10")
    finally:
        lab.run("dnsconfig delete 1 2; commit 'lab DNS server only' N")
        lab.run("dnsconfig edit 1 1 127.0.0.50 0; commit 'priority 0' N")


def test_an_alternate_domain_server_answers_for_its_domains(lab):
    """Split DNS through the dialogue: the only local server is dead, example.org (and its
    reverse zone) go to the alternate server, the lab's."""
    result = lab.run("dnsconfig new 1 127.0.0.59 0; dnsconfig delete 1 1; "
                     "dnsconfig new 2 example.org,0.0.127.in-addr.arpa 127.0.0.50 0; "
                     "commit 'split DNS' N")
    assert result.returncode == 0, result.stdout.decode()
    try:
        listing = lab.run("dnsconfig", input=b"\n").stdout.decode()
        assert ("Currently using the local DNS cache servers:\r\n1. Priority: 0 127.0.0.59\r\n"
                "\r\nAlternate DNS servers:\r\n"
                "1. Priority: 0 127.0.0.50 for example.org, 0.0.127.in-addr.arpa\r\n") in listing
        out = lab.run("dig sender.example.org").stdout.decode().replace("\r\n", "\n")
        assert f"sender.example.org.\t3600\tIN\tA\t{SENDER_OK}\n" in out, out
        assert f";; SERVER: {DNS}#53({DNS})\n" in out
        assert lab.run(f"nslookup {SENDER_OK} PTR").stdout.decode() == \
            "\r\nPTR=sender.example.org TTL=1h\r\n"
    finally:
        lab.run("dnsconfig new 1 127.0.0.50 0; dnsconfig delete 1 1; dnsconfig delete 2 1; "
                "commit 'lab DNS server only' N")
    assert "alternate" not in lab.run("dnsconfig", input=b"\n").stdout.decode()


def test_peer_send_finds_the_appliance_by_mx(lab):
    result = subprocess.run(
        [sys.executable, "-m", "asyncos_emulator.main", "peer", "send", "--dns",
         f"{DNS}:{dns_port(lab)}", "--port", str(lab.smtp_port), "--rcpt", "admin@example.com",
         "--tls", "none"], capture_output=True, text=True, timeout=60, cwd=REPOSITORY)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "MX example.com: 10 esa1.example.com (127.0.0.2)" in result.stdout
    assert "250 " in result.stdout


def test_hoststatus_shows_the_mx_records_and_ordered_addresses(lab):
    out = lab.run("hoststatus example.net").stdout.decode().replace("\r\n", "\n")
    assert ("\nMX Records:\n    Preference   TTL          Hostname\n"
            "    10           1h           primary.example.net\n"
            "    20           1h           backup.example.net\n\n"
            "Ordered IP addresses:\n    Preference   IPs\n"
            f"    10           {PRIMARY_DOWN}\n    20           {BACKUP}\n") in out, out
    # An MX host without an address is left out of the addresses, as delivery skips it.
    half = lab.run("hoststatus halfway.example.org").stdout.decode().replace("\r\n", "\n")
    assert ("    10           1h           nowhere.example.org\n"
            "    20           1h           sender.example.org\n\n"
            "Ordered IP addresses:\n    Preference   IPs\n"
            f"    20           {SENDER_OK}\n") in half, half
    missing = lab.run("hoststatus nothere.example.org").stdout.decode().replace("\r\n", "\n")
    assert ("\nOrdered IP addresses:\n    DNS Hard Error looking up nothere.example.org (MX):  "
            "NXDomain\n") in missing, missing
