"""The tech note's three names, lived with a peer that verifies: Postfix
(``smtp_tls_security_level = verify``) sends into the appliance by MX through the lab's DNS
server.  The MX record's name, the appliance's interface host name (whose address record the lab
publishes) and the listener certificate's Common Name must agree; break one and Postfix defers.

Each test serves its DNS on port 53 of its own loopback address (Postfix's resolver takes no
port: see ``postfix.Postfix``'s ``nameserver``), which needs root, as Postfix does."""
from __future__ import annotations

import asyncio
import os
import random
import re
import socket
import uuid

import pytest
from twisted.internet.error import CannotListenError

from asyncos_emulator.labdns import DNSSpec, LabDNSService, parse_zones

from . import postfix
from .support import PKI, arun, mail_log, make_appliance, relay_policy, running, swaks

DOMAIN = "esa.example"
NAME = "mail.esa.example"            # the interface's host name, the MX and the certificate
OTHER = "other.esa.example"


def loopback() -> str:
    return f"127.{random.randrange(1, 255)}.{random.randrange(256)}.{random.randrange(1, 255)}"


def free_port(address: str) -> int:
    with socket.socket() as probe:
        probe.bind((address, 0))
        return probe.getsockname()[1]


def start_dns(zones: dict[str, list[str]], hosts: list[tuple[str, str]]) -> LabDNSService:
    """The lab's DNS server on port 53 of a loopback address no other test uses."""
    for _ in range(20):
        address = loopback()
        service = LabDNSService(DNSSpec(address, 53, parse_zones(zones)), 53, hosts)
        try:
            service.start()
        except CannotListenError:
            service.stop()
            continue
        return service
    raise RuntimeError("no loopback address with a free port 53")


@pytest.fixture(scope="module")
def pki():
    postfix.require()
    if os.geteuid() != 0:
        pytest.skip("the lab DNS must listen on port 53 (Postfix's resolver takes no port): "
                    "needs root")
    return PKI.create()


# case -> (MX target, interface host name, certificate CN, Postfix's verdict)
CASES = {
    "all three match": (NAME, NAME, NAME, "verified"),
    "MX names another host": (OTHER, NAME, NAME, "not verified"),
    "certificate for another name": (NAME, NAME, OTHER, "not verified"),
    "interface host name differs": (NAME, OTHER, NAME, "not found"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_postfix_verifies_the_appliance_found_by_mx(tmp_path, pki, case):
    mx, interface_name, common_name, verdict = CASES[case]
    address = loopback()
    port = free_port(address)
    listener = pki.leaf(common_name, dns=[common_name])
    root = tmp_path / "root.pem"
    root.write_text(pki.root_pem)

    def change(session):
        iface = session.edit("interfaces")["Management"]
        iface.ipv4, iface.hostname = address, interface_name
        session.edit("listeners").listeners["IncomingMail"].port = port
        relay_policy(session).params.tls = "required"
        session.edit("certificates").profiles["lab"] = listener.profile("lab")
        session.edit("listeners").listeners["IncomingMail"].certificate = "lab"
    appliance = make_appliance(tmp_path, change)
    message_id = f"{uuid.uuid4().hex}@sender.example"

    async def main():
        zones = {DOMAIN: [f"@ MX 10 {mx}."]}
        if mx == OTHER:       # the other name is the same machine: only the names disagree
            zones[DOMAIN].append(f"{OTHER}. A {address}")
        # As in a lab file, the appliance's own name and address are published.
        dns = start_dns(zones, [(interface_name, address)])
        relay = postfix.Postfix(free_port("127.0.0.1"), None,
                                routes={DOMAIN: f"{DOMAIN}:{port}"}, client_tls="verify",
                                ca=root, verify_match="hostname", nameserver=dns.spec.address)
        try:
            async with running(appliance) as service:
                relay.start()
                try:
                    status, out = await swaks(relay.port, "--header",
                                              f"Message-ID: <{message_id}>",
                                              to=f"user@{DOMAIN}")
                    assert status == 0, out
                    for _ in range(300):
                        text = relay.log_text()
                        if re.search(r"status=(sent|deferred)", text):
                            break
                        await asyncio.sleep(0.05)
                    return mail_log(service), relay.log_text()
                finally:
                    relay.stop()
        finally:
            await dns.stop().asFuture(asyncio.get_running_loop())
    lines, relay_log = arun(main())
    delivery = re.search(r"to=<user@esa\.example>, relay=(\S+), .*status=(\w+) \((.*)\)",
                         relay_log)
    assert delivery is not None, relay_log
    relay_host, status, detail = delivery.groups()
    if verdict == "verified":
        assert relay_host == f"{NAME}[{address}]:{port}", relay_log
        assert re.search(rf"Verified TLS connection established to {re.escape(NAME)}"
                         rf"\[{re.escape(address)}\]:{port}: TLSv1\.3", relay_log), relay_log
        assert status == "sent", relay_log
        assert any(re.fullmatch(r"Info: ICID 1 TLS success protocol TLSv1\.3 cipher TLS_\w+", l)
                   for l in lines), lines
        assert "Info: MID 1 ICID 1 RID 0 To: <user@esa.example>" in lines
        return
    assert not any("To: <user@esa.example>" in line for line in lines), lines
    if verdict == "not verified":
        assert status == "deferred", relay_log
        assert detail == "Server certificate not verified", relay_log
        assert (f"server certificate verification failed for {mx}[{address}]:{port}: "
                "num=62:hostname mismatch") in relay_log
        assert f"Untrusted TLS connection established to {mx}[{address}]:{port}" in relay_log
    else:   # the MX names a host the DNS does not publish: a hard error for Postfix
        assert status == "bounced", relay_log
        assert f"Name service error for name={NAME} type=A: Host not found" in detail, relay_log
