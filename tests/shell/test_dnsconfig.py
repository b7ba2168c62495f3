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
    text, config = drive(appliance, ["dnsconfig", "new", "127.0.0.50", "127.0.0.51", "10001",
                                     "1", "edit", "2", "", "0", "delete", "1", "", "dnsconfig",
                                     "delete", "1"])
    assert text.startswith(crlf(P + "dnsconfig\n" + local("0 127.0.0.50") + """new

Please enter the IP address of your DNS server.
[]> 127.0.0.50
The DNS server 127.0.0.50 is already configured with priority 0.

Please enter the IP address of your DNS server.
[]> 127.0.0.51
""" + PRIORITY.format(address="127.0.0.51", default=0) + """10001
The value must be an integer from 0 to 10000.
""" + PRIORITY.format(address="127.0.0.51", default=0) + "1\n"
        + local("0 127.0.0.50", "1 127.0.0.51") + """edit

Enter the number of the DNS server you wish to edit.
1. Priority: 0 127.0.0.50
2. Priority: 1 127.0.0.51
[]> 2

Please enter the new IP address of your DNS server.
[127.0.0.51]> 
""" + PRIORITY.format(address="127.0.0.51", default=1) + "0\n"
        + local("0 127.0.0.50", "0 127.0.0.51") + """delete

Enter the number of the DNS server you wish to delete.
1. Priority: 0 127.0.0.50
2. Priority: 0 127.0.0.51
[]> 1
""" + local("0 127.0.0.51") + "\n\n" + P + "dnsconfig\n" + local("0 127.0.0.51") + """delete

Enter the number of the DNS server you wish to delete.
1. Priority: 0 127.0.0.51
[]> 1
You must have at least one DNS server when using your own DNS servers.
""" + local("0 127.0.0.51")))
    assert config.read("dnsconfig").servers == [model.DnsServer("127.0.0.51", 0)]


def test_batch_forms_and_back_to_the_root_servers(tmp_path):
    appliance = make_appliance(tmp_path)
    status, text, _ = run_exec(appliance, "dnsconfig setup 2 127.0.0.50 0 1 20 1800; "
                                          "dnsconfig new 127.0.0.51 7; commit x N")
    assert status == 0, text
    assert appliance.view().dnsconfig.servers == [model.DnsServer("127.0.0.50", 0),
                                                 model.DnsServer("127.0.0.51", 7)]
    status, text, _ = run_exec(appliance, "dnsconfig delete 1; dnsconfig delete 1")
    assert status == 1
    assert "You must have at least one DNS server when using your own DNS servers." in text
    status, text, _ = run_exec(appliance, "dnsconfig new 1.2.3")
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
