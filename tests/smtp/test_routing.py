"""Routes: smtproutes first (priorities, /dev/null, USEDNS; a route's host name by its own MX,
a bracketed one by address), else MX from a DNS server (here a small one on loopback), else the
domain's A record; DNS errors are hard or soft."""
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
                                   lambda name, port: routing.mx_hops(name, port, resolver))
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
        "routed.test": model.SmtpRoute("routed.test", [model.RouteDestination("nomx.test", 2525, 5),
                                                       model.RouteDestination("127.0.0.9", 25, 1)]),
        ".sub.test": model.SmtpRoute(".sub.test", [model.RouteDestination(model.ROUTE_DEVNULL)]),
        "nomx.test": model.SmtpRoute("nomx.test", [model.RouteDestination(model.ROUTE_USEDNS)]),
    })
    routed = arun(resolve("routed.test", routes))
    assert [(h.host, h.port) for h in routed.hops] == [("127.0.0.9", 25), ("nomx.test", 2525)]
    assert arun(resolve("x.sub.test", routes)).discard
    assert [h.host for h in arun(resolve("nomx.test", routes)).hops] == ["nomx.test"]


def test_a_route_host_name_goes_by_its_mx_unless_bracketed():
    def route_to(*dests):
        return model.SmtpRoutes({"routed.test": model.SmtpRoute("routed.test", list(dests))})

    by_mx = arun(resolve("routed.test", route_to(model.RouteDestination("multi.test", 2525))))
    assert [(h.host, h.port) for h in by_mx.hops] == [("primary.multi.test", 2525),
                                                      ("backup.multi.test", 2525)]
    bracketed = model.RouteDestination("multi.test", 2525, by_address=True)
    assert bracketed.host_port() == "[multi.test]:2525"
    assert [(h.host, h.port) for h in arun(resolve("routed.test", route_to(bracketed))).hops] \
        == [("multi.test", 2525)]
    # a host that does not resolve is passed over while another is left; alone, its error stands
    mixed = route_to(model.RouteDestination("missing.test"), model.RouteDestination("nomx.test", 25, 1))
    assert [h.host for h in arun(resolve("routed.test", mixed)).hops] == ["nomx.test"]
    with pytest.raises(routing.DNSHardError, match=r"missing\.test \(MX\):  NXDomain"):
        arun(resolve("routed.test", route_to(model.RouteDestination("missing.test"))))
