"""Strings of ``dnsconfig``, ``dnsflush``, ``nslookup`` and ``dig``.

S: substrings the prompts must contain, from Cisco's QA automation library for the ESA CLI
(``testlib/zeus1250/cli/ctor/dnsconfig.py`` and its keywords ``dns_config.py``: "Currently using
the (local|Internet) ", "use your own DNS servers", "IP interface for DNS", "enter the IP
address", "enter the priority", "before timing out reverse DNS", "minimum TTL in seconds",
"already configured with priority"; value ranges: priority 0 to 10,000, timeout 1 to 300);
V: AsyncOS user guide, "Specifying DNS Servers" (priority closest to 0 first, equal
priorities at random; alternate servers for specific domains, authoritative for them, with the
root servers; split DNS "exception domains" such as "eng,16.172.in-addr.arpa" with your own
servers); S: the alternate servers' prompts in the same QA library's ``dnsconfig`` (``new``
asks "Do you want to add", "enter the domain", "enter the IP address", "enter the priority"
with local servers, "enter the domain", "fully qualified hostname", "enter the IP address"
with root servers; ``edit``'s question, quoted whole in a comment: "Do you want to edit a new
local DNS cache server or an alternate domain server?" with "1. Edit a new local DNS cache
server." and "2. Edit a new alternate domain server."; the error "already appears to be
configured for domain"); R: the rest of each sentence, as we recall or reason the appliance
words it.

S (the SETUP operation's "Configure general settings."): ``phoebe1411/cli/keywords/dns_config.py``.
S (nslookup, dig): the same library's ``phoebe1411/cli/keywords/nslookup.py`` documents the
command as "Query the nameserver.", its question as "The host or IP address to resolve." and its
eight query types in order with their descriptions, as the list shows them;
``phoebe1411/cli/ctor/dig.py`` names dig's first question "Enter the host or IP address to look
up." and answers, after it, the record type from a list, the interface from a list, the DNS
server and TCP; ``.../keywords/dig.py`` words the server question "The host or IP address of DNS
server. Leave the entry blank to use the default server."; ``.../ctor/nslookup.py`` reads a
failed lookup that may succeed later as a line starting "Temporary query error" (a timeout or
SERVFAIL); ``csa/testlib/coeus1201/cli/ctor/nslookup.py`` (the Web Security Appliance's AsyncOS,
the same CLI) waits for "Choose the query type:".

S (the Web Security Appliance's dnsconfig in the same library, the same AsyncOS CLI:
``csa/testlib/coeus1201/cli/ctor/dnsconfig.py``): DELETE's kind question starts "Do you want to
delete a local DNS cache server or" with "Delete a local DNS cache server" first; the question
for the server to edit contains "server you wish to edit"; after the kind (and, with the root
servers, after EDIT or DELETE) the servers are listed again under "Currently using the ...",
"Alternate DNS servers" (alternate domain servers) or "Alternate authoritative DNS" (with the
root servers), the headings the status shows them under too.  R: the rest of those headings
(" servers:"), the list lines and the alternate kind's item on DELETE.
"""
from __future__ import annotations

from .. import strings

STRINGS: dict[str, tuple[str, str]] = {
    "dnsconfig.description": ("Configure DNS setup", "R"),
    "dnsconfig.usage": ("dnsconfig [new <1|2> ... | edit <1|2> <n> ... | delete <1|2> <n> | "
                        "setup <1|2> ...]", "R"),
    "dnsconfig.local": ("Currently using the local DNS cache servers:", "S"),
    "dnsconfig.root": ("Currently using the Internet root DNS servers.", "S"),
    "dnsconfig.server": ("Priority: {priority} {address}", "R"),
    "dnsconfig.menu.new": ("Add a new server.", "R"),
    "dnsconfig.menu.edit": ("Edit a server.", "R"),
    "dnsconfig.menu.delete": ("Remove a server.", "R"),
    "dnsconfig.menu.setup": ("Configure general settings.", "S"),
    "dnsconfig.new.address": ("Please enter the IP address of your DNS server.", "S"),
    "dnsconfig.new.priority": ("Please enter the priority for {address}.\n"
                               "A value of 0 has the highest priority.\n"
                               "The IP will be chosen at random if they have the same priority.",
                               "S"),
    "dnsconfig.edit.which": ("Enter the number of the DNS server you wish to edit.", "S"),
    "dnsconfig.edit.address": ("Please enter the new IP address of your DNS server.", "S"),
    "dnsconfig.delete.which": ("Enter the number of the DNS server you wish to delete.", "R"),
    "dnsconfig.delete.last": ("You must have at least one DNS server when using your own DNS "
                              "servers.", "R"),
    "dnsconfig.error.address": ("The IP address must be 4 numbers separated by a period. Each "
                                "number must be a value from 0 to 255.", "S"),
    "dnsconfig.error.duplicate": ("The DNS server {address} is already configured with "
                                  "priority {priority}.", "S"),
    # alternate servers for single domains
    "dnsconfig.local.alternates": ("Alternate DNS servers:", "S"),
    "dnsconfig.root.alternates": ("Alternate authoritative DNS servers:", "S"),
    "dnsconfig.alternate.local": ("Priority: {priority} {address} for {domains}", "R"),
    "dnsconfig.alternate.root": ("{domain}: {hostname} ({address})", "R"),
    "dnsconfig.alternate.none": ("There are no alternate DNS servers configured.", "R"),
    "dnsconfig.new.kind": ("Do you want to add a new local DNS cache server or an alternate "
                           "domain server?", "S"),
    "dnsconfig.new.kind.local": ("Add a new local DNS cache server.", "R"),
    "dnsconfig.new.kind.alternate": ("Add a new alternate domain server.", "R"),
    "dnsconfig.edit.kind": ("Do you want to edit a new local DNS cache server or an alternate "
                            "domain server?", "S"),
    "dnsconfig.edit.kind.local": ("Edit a new local DNS cache server.", "S"),
    "dnsconfig.edit.kind.alternate": ("Edit a new alternate domain server.", "S"),
    "dnsconfig.delete.kind": ("Do you want to delete a local DNS cache server or an alternate "
                              "domain server?", "S"),
    "dnsconfig.delete.kind.local": ("Delete a local DNS cache server.", "S"),
    "dnsconfig.delete.kind.alternate": ("Delete an alternate domain server.", "R"),
    "dnsconfig.alternate.domains": ("Please enter the domain(s) this server is authoritative "
                                    "for, separated by commas.", "S"),
    "dnsconfig.root.domain": ("Please enter the domain this server is authoritative for.", "S"),
    "dnsconfig.root.hostname": ("Please enter the fully qualified hostname of the DNS server.",
                                "S"),
    "dnsconfig.error.domains": ("Please enter valid domain names, separated by commas.", "R"),
    "dnsconfig.error.alternate_duplicate": ("The DNS server {address} already appears to be "
                                            "configured for domain {domain}.", "S"),
    "dnsconfig.setup.mode": ("Do you want to use the Internet's root DNS servers or would you "
                             "like to use your own DNS servers?", "S"),
    "dnsconfig.setup.mode.root": ("Use Internet root DNS servers", "S"),
    "dnsconfig.setup.mode.local": ("Use own DNS cache servers", "S"),
    "dnsconfig.setup.interface": ("Choose the IP interface for DNS traffic.", "S"),
    "dnsconfig.setup.timeout": ("Enter the number of seconds to wait before timing out reverse "
                                "DNS lookups.", "S"),
    "dnsconfig.setup.min_ttl": ("Enter the minimum TTL in seconds for DNS cache.", "S"),
    # dnsflush
    "dnsflush.description": ("Clear all entries from the DNS cache.", "R"),
    "dnsflush.confirm": ("Are you sure you want to clear out the DNS cache?", "R"),
    "dnsflush.unavailable": ("The DNS cache is not available.", "R"),
    # nslookup
    "nslookup.description": ("Query the nameserver.", "S"),
    "nslookup.usage": ("nslookup [host] [A|AAAA|CNAME|MX|NS|PTR|SOA|TXT]", "R"),
    "nslookup.host": ("Please enter the host or IP address to resolve.", "S"),
    "nslookup.type": ("Choose the query type:", "S"),
    "nslookup.type.A": ("the host's IP address", "S"),
    "nslookup.type.AAAA": ("the host's IPv6 address", "S"),
    "nslookup.type.CNAME": ("the canonical name for an alias", "S"),
    "nslookup.type.MX": ("the mail exchanger", "S"),
    "nslookup.type.NS": ("the name server for the named zone", "S"),
    "nslookup.type.PTR": ("the hostname if the query is an Internet address, otherwise the "
                          "pointer to other information", "S"),
    "nslookup.type.SOA": ("the domain's \"start-of-authority\" information", "S"),
    "nslookup.type.TXT": ("the text information", "S"),
    "nslookup.bad_type": ("Please enter a number from 1 to {high} or a query type.", "R"),
    # "PTR=": the WSA driver (coeus1201/cli/ctor/nslookup.py) reads the answer to an address
    "nslookup.record": ("{type}={data} TTL={ttl}", "S"),
    "nslookup.record.MX": ("MX={host} PRIORITY={preference} TTL={ttl}", "R"),
    "nslookup.nxdomain": ("Error: Domain name not found.", "R"),
    "nslookup.empty": ("Error: No {type} records found for {name}.", "R"),
    "nslookup.failure": ("Error: {status}", "R"),
    "nslookup.timeout": ("Temporary query error: no DNS server answered.", "S"),
    "nslookup.unavailable": ("DNS lookups are not available.", "R"),
    # dig: the appliance runs BIND's dig; its output layout is BIND 9's.  T: isc-projects/bind9
    # bin/dig/dig.c at v9.16.48 (printgreeting(): the banner, "; (N server found)", global
    # options; printmessage(): header, flags; received(): query time, server, when, size) and
    # bin/dig/dighost.c (the timeout).  The version in the banner is the one we pick: which
    # BIND an appliance release ships is not in the public record.
    "dig.description": ("Look up a record on a DNS server", "R"),
    "dig.usage": ("dig [-s <source ip>] [-t|-u] [@<dns ip>] [<qtype>] <hostname> | "
                  "dig -x <ip address> [-t|-u] [@<dns ip>]", "R"),
    "dig.host": ("Enter the host or IP address to look up.", "S"),
    "dig.type": ("Choose the record type to look up:", "R"),
    "dig.interface": ("Choose the interface to run the query from:", "R"),
    "dig.dns_server": ("Enter the host or IP address of the DNS server. Leave the entry blank to "
                       "use the default server.", "S"),
    "dig.tcp": ("Do you want to make the query over TCP?", "R"),
    "dig.bad_type": ("Unknown record type {type}. Use one of: {types}.", "R"),
    "dig.bad_server": ("The DNS server must be an IP address.", "R"),
    "dig.banner": ("; <<>> DiG 9.16.48 <<>> {arguments}", "T"),
    "dig.global": (";; global options: +cmd", "T"),
    "dig.got_answer": (";; Got answer:", "T"),
    "dig.header": (";; ->>HEADER<<- opcode: QUERY, status: {status}, id: {id}", "T"),
    "dig.flags": (";; flags: {flags}; QUERY: 1, ANSWER: {answers}, AUTHORITY: {authority}, "
                  "ADDITIONAL: {additional}", "T"),
    "dig.section.question": (";; QUESTION SECTION:", "T"),
    "dig.section.answers": (";; ANSWER SECTION:", "T"),
    "dig.section.authority": (";; AUTHORITY SECTION:", "T"),
    "dig.section.additional": (";; ADDITIONAL SECTION:", "T"),
    "dig.query_time": (";; Query time: {milliseconds} msec", "T"),
    "dig.server": (";; SERVER: {address}#{port}({address})", "T"),
    "dig.when": (";; WHEN: {when}", "T"),
    "dig.size": (";; MSG SIZE  rcvd: {size}", "T"),
    "dig.timeout": (";; connection timed out; no servers could be reached", "T"),
}

strings.register(STRINGS)
