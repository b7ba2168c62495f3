"""Routes: smtproutes first (priorities, /dev/null, USEDNS), else MX from a DNS server (here a
small one on loopback), else the domain's A record; DNS errors are hard or soft."""
import asyncio

import dns.asyncresolver
import dns.message
import dns.rcode
import dns.rdatatype
import dns.rrset
import pytest

from cluster import model
from smtp_core import routing

from .support import arun

ZONE = {
    ("multi.test.", "MX"): ["20 backup.multi.test.", "10 primary.multi.test."],
    ("nomx.test.", "A"): ["127.0.0.1"],
    ("nullmx.test.", "MX"): ["0 ."],
}


class FakeDNS(asyncio.DatagramProtocol):
    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        query = dns.message.from_wire(data)
        response = dns.message.make_response(query)
        question = query.question[0]
        name, kind = question.name.to_text(), dns.rdatatype.to_text(question.rdtype)
        if (name, kind) in ZONE:
            response.answer.append(dns.rrset.from_text(name, 60, "IN", kind, *ZONE[(name, kind)]))
        elif not any(key[0] == name for key in ZONE):
            response.set_rcode(dns.rcode.NXDOMAIN)
        self.transport.sendto(response.to_wire(), addr)


async def resolve(domain, routes=None):
    loop = asyncio.get_running_loop()
    transport, _ = await loop.create_datagram_endpoint(FakeDNS, local_addr=("127.0.0.1", 0))
    resolver = dns.asyncresolver.Resolver(configure=False)
    resolver.nameservers = ["127.0.0.1"]
    resolver.port = transport.get_extra_info("sockname")[1]
    resolver.lifetime = 2
    try:
        return await routing.route(domain, routes or model.SmtpRoutes(),
                                   lambda name: routing.mx_hops(name, resolver=resolver))
    finally:
        transport.close()


def test_mx_records_in_preference_order_and_a_record_fallback():
    multi = arun(resolve("multi.test"))
    assert [(h.host, h.port, h.priority) for h in multi.hops] == [
        ("primary.multi.test", 25, 10), ("backup.multi.test", 25, 20)]
    assert [(h.host, h.priority) for h in arun(resolve("nomx.test")).hops] == [("nomx.test", 0)]


def test_dns_hard_errors():
    with pytest.raises(routing.DNSHardError, match=r"looking up missing\.test \(MX\):  NXDomain"):
        arun(resolve("missing.test"))
    with pytest.raises(routing.DNSHardError, match="null MX"):
        arun(resolve("nullmx.test"))


def test_smtp_routes_come_first():
    routes = model.SmtpRoutes({
        "multi.test": model.SmtpRoute("multi.test", [model.RouteDestination("b.example", 2525, 5),
                                                     model.RouteDestination("a.example", 25, 1)]),
        ".sub.test": model.SmtpRoute(".sub.test", [model.RouteDestination(model.ROUTE_DEVNULL)]),
        "nomx.test": model.SmtpRoute("nomx.test", [model.RouteDestination(model.ROUTE_USEDNS)]),
    })
    routed = arun(resolve("multi.test", routes))
    assert [(h.host, h.port) for h in routed.hops] == [("a.example", 25), ("b.example", 2525)]
    assert arun(resolve("x.sub.test", routes)).discard
    assert [h.host for h in arun(resolve("nomx.test", routes)).hops] == ["nomx.test"]
