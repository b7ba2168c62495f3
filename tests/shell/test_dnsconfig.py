"""Exact transcripts of ``dnsconfig`` (root servers to local servers and back, NEW, EDIT,
DELETE, SETUP, bad answers), its batch forms, and ``dnsflush`` without mail services."""

from cluster import model
from harness import make_appliance, run_exec

from .certconfig_support import drive

P = "ironport.example.com> "
MENU_LOCAL = """
Choose the operation you want to perform:
- NEW - Add a new server.
- EDIT - Edit a server.
- DELETE - Remove a server.
- SETUP - Configure general settings.
[]> """
PRIORITY = """
Please enter the priority for {address}.
A value of 0 has the highest priority.
The IP will be chosen at random if they have the same priority.
[{default}]> """


KIND_NEW = """
Do you want to add a new local DNS cache server or an alternate domain server?
1. Add a new local DNS cache server.
2. Add a new alternate domain server.
[1]> """
KIND_EDIT = """
Do you want to edit a new local DNS cache server or an alternate domain server?
1. Edit a new local DNS cache server.
2. Edit a new alternate domain server.
[1]> """
KIND_DELETE = """
Do you want to delete a local DNS cache server or an alternate domain server?
1. Delete a local DNS cache server.
2. Delete an alternate domain server.
[1]> """


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def local(*servers: str) -> str:
    lines = "".join(f"{n}. Priority: {s}\n" for n, s in enumerate(servers, 1))
    return "\nCurrently using the local DNS cache servers:\n" + lines + MENU_LOCAL


def test_from_root_servers_to_local_servers(tmp_path):
    appliance = make_appliance(tmp_path)
    text, _ = drive(appliance, ["dnsconfig", "setup", "2", "10.0.0.300", "127.0.0.50", "",
                                "", "0", "30", "", "", "commit", "dns", ""])
    assert text.startswith(crlf(P + """dnsconfig

Currently using the Internet root DNS servers.

Choose the operation you want to perform:
- NEW - Add a new server.
- SETUP - Configure general settings.
[]> setup

Do you want to use the Internet's root DNS servers or would you like to use your own DNS servers?
1. Use Internet root DNS servers
2. Use own DNS cache servers
[1]> 2

Please enter the IP address of your DNS server.
[]> 10.0.0.300
The IP address must be 4 numbers separated by a period. Each number must be a value from 0 to 255.

Please enter the IP address of your DNS server.
[]> 127.0.0.50
""" + PRIORITY.format(address="127.0.0.50", default=0) + """

Choose the IP interface for DNS traffic.
1. Auto
2. Management (127.0.0.1/8: ironport.example.com)
[1]> 

Enter the number of seconds to wait before timing out reverse DNS lookups.
[20]> 0
The value must be an integer from 1 to 300.

Enter the number of seconds to wait before timing out reverse DNS lookups.
[20]> 30

Enter the minimum TTL in seconds for DNS cache.
[1800]> 
""" + local("0 127.0.0.50") + "\n\n" + P + "commit\n"))
    dns = appliance.view().dnsconfig
    assert (dns.mode, dns.servers, dns.reverse_timeout_seconds) == (
        model.DNS_LOCAL, [model.DnsServer("127.0.0.50", 0)], 30)


def test_new_edit_delete_with_duplicates_and_the_last_server(tmp_path):
    appliance = make_appliance(tmp_path)
    assert run_exec(appliance, "dnsconfig setup 2 127.0.0.50 0 1 20 1800; commit x N")[0] == 0
    text, config = drive(appliance, ["dnsconfig", "new", "", "127.0.0.50", "127.0.0.51",
                                     "10001", "1", "edit", "1", "2", "", "0", "delete", "1", "1",
                                     "", "dnsconfig", "delete", "1", "1"])
    assert text.startswith(crlf(P + "dnsconfig\n" + local("0 127.0.0.50") + """new
""" + KIND_NEW + """

Please enter the IP address of your DNS server.
[]> 127.0.0.50
The DNS server 127.0.0.50 is already configured with priority 0.

Please enter the IP address of your DNS server.
[]> 127.0.0.51
""" + PRIORITY.format(address="127.0.0.51", default=0) + """10001
The value must be an integer from 0 to 10000.
""" + PRIORITY.format(address="127.0.0.51", default=0) + "1\n"
        + local("0 127.0.0.50", "1 127.0.0.51") + """edit
""" + KIND_EDIT + """1

Currently using the local DNS cache servers:
1. Priority: 0 127.0.0.50
2. Priority: 1 127.0.0.51

Enter the number of the DNS server you wish to edit.
[]> 2

Please enter the new IP address of your DNS server.
[127.0.0.51]> 
""" + PRIORITY.format(address="127.0.0.51", default=1) + "0\n"
        + local("0 127.0.0.50", "0 127.0.0.51") + """delete
""" + KIND_DELETE + """1

Currently using the local DNS cache servers:
1. Priority: 0 127.0.0.50
2. Priority: 0 127.0.0.51

Enter the number of the DNS server you wish to delete.
[]> 1
""" + local("0 127.0.0.51") + "\n\n" + P + "dnsconfig\n" + local("0 127.0.0.51") + """delete
""" + KIND_DELETE + """1

Currently using the local DNS cache servers:
1. Priority: 0 127.0.0.51

Enter the number of the DNS server you wish to delete.
[]> 1
You must have at least one DNS server when using your own DNS servers.
""" + local("0 127.0.0.51")))
    assert config.read("dnsconfig").servers == [model.DnsServer("127.0.0.51", 0)]


def test_batch_forms_and_back_to_the_root_servers(tmp_path):
    appliance = make_appliance(tmp_path)
    status, text, _ = run_exec(appliance, "dnsconfig setup 2 127.0.0.50 0 1 20 1800; "
                                          "dnsconfig new 1 127.0.0.51 7; commit x N")
    assert status == 0, text
    assert appliance.view().dnsconfig.servers == [model.DnsServer("127.0.0.50", 0),
                                                 model.DnsServer("127.0.0.51", 7)]
    status, text, _ = run_exec(appliance, "dnsconfig delete 1 1; dnsconfig delete 1 1")
    assert status == 1
    assert "You must have at least one DNS server when using your own DNS servers." in text
    status, text, _ = run_exec(appliance, "dnsconfig new 1 1.2.3")
    assert status == 1 and "The IP address must be 4 numbers" in text
    status, text, _ = run_exec(appliance, "dnsconfig setup 1 1 20 1800; commit root N")
    assert status == 0, text
    dns = appliance.view().dnsconfig
    assert dns.mode == model.DNS_ROOT and len(dns.servers) == 2    # kept for a later switch


def test_dnsflush_asks_first(tmp_path):
    appliance = make_appliance(tmp_path)
    status, text, _ = run_exec(appliance, "dnsflush N")
    assert (status, text) == (0, "")
    status, text, _ = run_exec(appliance, "dnsflush Y")
    assert status == 1 and "The DNS cache is not available." in text


def test_alternate_domain_servers_with_local_servers(tmp_path):
    """Split DNS: NEW's second choice adds a server for some domains, shown under the local
    servers; a domain it already serves is refused; EDIT and DELETE ask which kind first."""
    appliance = make_appliance(tmp_path)
    assert run_exec(appliance, "dnsconfig setup 2 127.0.0.50 0 1 20 1800; commit x N")[0] == 0
    text, config = drive(appliance, [
        "dnsconfig", "new", "2", "eng, 16.172.in-addr.arpa.", "127.0.0.60", "", "new", "2",
        "bad..domain", "eng", "127.0.0.60", "127.0.0.61", "3", "edit", "2", "3", "2", "lab.eng", "",
        "", "delete", "2", "1", ""])
    alternates = "\nAlternate DNS servers:\n"
    assert crlf(P + "dnsconfig\n" + local("0 127.0.0.50") + """new
""" + KIND_NEW + """2

Please enter the domain(s) this server is authoritative for, separated by commas.
[]> eng, 16.172.in-addr.arpa.

Please enter the IP address of your DNS server.
[]> 127.0.0.60
""" + PRIORITY.format(address="127.0.0.60", default=0) + """
""" + local("0 127.0.0.50").split("\nChoose")[0] + alternates
        + "1. Priority: 0 127.0.0.60 for eng, 16.172.in-addr.arpa\n" + MENU_LOCAL + """new
""" + KIND_NEW + """2

Please enter the domain(s) this server is authoritative for, separated by commas.
[]> bad..domain
Please enter valid domain names, separated by commas.

Please enter the domain(s) this server is authoritative for, separated by commas.
[]> eng

Please enter the IP address of your DNS server.
[]> 127.0.0.60
The DNS server 127.0.0.60 already appears to be configured for domain eng.

Please enter the IP address of your DNS server.
[]> 127.0.0.61
""" + PRIORITY.format(address="127.0.0.61", default=0) + "3\n") in text, text
    assert crlf("""edit
""" + KIND_EDIT + """2

Alternate DNS servers:
1. Priority: 0 127.0.0.60 for eng, 16.172.in-addr.arpa
2. Priority: 3 127.0.0.61 for eng

Enter the number of the DNS server you wish to edit.
[]> 3
Please enter a number from 1 to 2.

Enter the number of the DNS server you wish to edit.
[]> 2

Please enter the domain(s) this server is authoritative for, separated by commas.
[eng]> lab.eng

Please enter the IP address of your DNS server.
[127.0.0.61]> 
""") in text, text
    assert crlf("""delete
""" + KIND_DELETE + """2

Alternate DNS servers:
1. Priority: 0 127.0.0.60 for eng, 16.172.in-addr.arpa
2. Priority: 3 127.0.0.61 for lab.eng

Enter the number of the DNS server you wish to delete.
[]> 1
""") in text, text
    assert config.read("dnsconfig").alternates == [
        model.DnsAlternate(["lab.eng"], "127.0.0.61", 3)]
    status, text, _ = run_exec(appliance, "dnsconfig new 2 split.example 127.0.0.62 5; "
                                          "commit alt N")
    assert status == 0, text
    assert appliance.view().dnsconfig.alternates == [
        model.DnsAlternate(["split.example"], "127.0.0.62", 5)]


def test_alternate_authoritative_servers_with_root_servers(tmp_path):
    """With the root servers: NEW asks the domain, the server's host name and address; EDIT
    and DELETE appear once there is one; a domain already served is refused."""
    appliance = make_appliance(tmp_path)
    text, config = drive(appliance, [
        "dnsconfig", "edit", "new", "split.example", "ns..bad", "ns.split.example",
        "127.0.0.60", "new", "split.example", "Other.Example.", "ns.other.example", "127.0.0.61",
        "delete", "1", ""])
    assert text.startswith(crlf(P + """dnsconfig

Currently using the Internet root DNS servers.

Choose the operation you want to perform:
- NEW - Add a new server.
- SETUP - Configure general settings.
[]> edit
""")), text
    assert crlf("""new

Please enter the domain this server is authoritative for.
[]> split.example

Please enter the fully qualified hostname of the DNS server.
[]> ns..bad
A hostname must have at least 2 labels separated by a period.

Please enter the fully qualified hostname of the DNS server.
[]> ns.split.example

Please enter the IP address of your DNS server.
[]> 127.0.0.60

Currently using the Internet root DNS servers.

Alternate authoritative DNS servers:
1. split.example: ns.split.example (127.0.0.60)

Choose the operation you want to perform:
- NEW - Add a new server.
- EDIT - Edit a server.
- DELETE - Remove a server.
- SETUP - Configure general settings.
[]> new

Please enter the domain this server is authoritative for.
[]> split.example
The DNS server 127.0.0.60 already appears to be configured for domain split.example.

Please enter the domain this server is authoritative for.
[]> Other.Example.
""") in text, text
    assert crlf("""delete

Alternate authoritative DNS servers:
1. split.example: ns.split.example (127.0.0.60)
2. other.example: ns.other.example (127.0.0.61)

Enter the number of the DNS server you wish to delete.
[]> 1

Currently using the Internet root DNS servers.

Alternate authoritative DNS servers:
1. other.example: ns.other.example (127.0.0.61)
""") in text, text
    assert config.read("dnsconfig").alternates == [
        model.DnsAlternate(["other.example"], "127.0.0.61", 0, "ns.other.example")]
