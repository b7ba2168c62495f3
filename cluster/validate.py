"""Whole-configuration checks, run before every commit: no dangling references, no clashes.

Commands validate each answer as it is typed; these checks are the safety net that makes a
broken configuration impossible to commit, whichever way it was produced (CLI, loadconfig, XML).
"""
from __future__ import annotations

import dataclasses
import ipaddress
import re
import ssl

from . import clock, model, passwords, recipients, senders, x509
from .levels import ClusterConfig

_LABEL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?$")
# ISO 3166-1 alpha-2 (the same list as tzdata's iso3166.tab).
_ISO_COUNTRIES = frozenset("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW""".split())

# What a name of each kind may contain, with the appliance's words when it is not; the dialogues
# re-prompt with these texts and every commit checks every name with them.  Evidence labels as
# in the shell's string tables: S substring of Cisco's QA CLI library, T a third-party script,
# R inferred from the appliance's other answers.
_DOTTED = re.compile(r"^[A-Za-z0-9_.-]+$")
_VALID_DOTTED = ('Valid characters are letters, digits, "_", "-" and ".".', "S")
NAME_RULES: dict[str, tuple[re.Pattern, tuple[str, str]]] = {
    "interface": (_DOTTED, _VALID_DOTTED),
    "listener": (_DOTTED, _VALID_DOTTED),
    "certificate": (_DOTTED, ("Symbols are not allowed.", "T")),
    "ldap server": (re.compile(r"^[A-Za-z0-9_-]+$"),
                    ('The server configuration name may contain only letters, numbers, "-" and '
                     '"_".', "R")),
    "sender group": (re.compile(r"^[A-Za-z0-9_-]+$"),
                     ('Sender group names may contain letters, digits, "_" and "-".', "R")),
    "mail flow policy": (re.compile(r"^\$?[A-Za-z0-9_]+$"),
                         ('Policy names may contain letters, digits and "_".', "R")),
    "user": (re.compile(r"^[a-z][a-z0-9_.-]{0,31}$"),
             ('Valid characters are letters, numbers, "_", "-" and "."; the username must start '
              'with a letter.', "S")),
    "cluster": (re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"),
                ('The cluster name may contain letters, numbers, "-", "_" and ".".', "R")),
    # a log subscription's name and its file name (they name a folder and files)
    "log": (re.compile(r"^[A-Za-z0-9_-]+$"),
            ('Log names may contain only letters, digits, "_" and "-".', "R")),
}


def name_error(kind: str, name: str) -> str | None:
    """The appliance's answer to an invalid name of ``kind`` (a key of ``NAME_RULES``)."""
    pattern, (message, _evidence) = NAME_RULES[kind]
    return None if pattern.match(name) else message


def hostname_error(name: str) -> str | None:
    """The appliance's hostname rules (cli.md §5.2); None when valid."""
    labels = name.split(".")
    if len(labels) < 2 or not all(labels):
        return "A hostname must have at least 2 labels separated by a period."
    for label in labels:
        if not _LABEL.match(label):
            return ("A hostname is a set of labels separated by periods. A label is a set of "
                    "characters, numbers, dashes, and underscores. The first and last character "
                    "of a label must be a letter or a number.")
    if labels[-1].isdigit():
        return "Invalid hostname format: the last label cannot be all numbers."
    return None


def country_ok(code: str) -> bool:
    """A certificate subject's country: an ISO 3166-1 two-letter code, any case."""
    return code.upper() in _ISO_COUNTRIES


def certificate_users(view) -> list[tuple[str, str, str]]:
    """(kind, name, profile) for every service that can present a certificate: kind is
    ``listener``, ``delivery``, ``https``, ``ldap`` or ``websecurity``, name the listener's or
    interface's name ("" for the others), profile "" where none is set.  A profile in use here
    cannot be deleted."""
    users = [("listener", listener.name, listener.certificate)
             for listener in view.listeners.listeners.values()]
    users.append(("delivery", "", view.destconfig.certificate))
    users += [("https", iface.name, iface.https_certificate) for iface in view.interfaces.values()]
    users.append(("ldap", "", view.ldap.certificate))
    users.append(("websecurity", "", view.websecurity.client_certificate))
    return users


class ConfigError(ValueError):
    """A configuration that must not be committed; ``errors`` lists every reason."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def validate(config: ClusterConfig) -> None:
    errors: list[str] = cluster_errors(config)
    for name in config.machines:
        errors.extend(f"{name}: {e}" for e in machine_errors(config, name))
    if errors:
        raise ConfigError(errors)


def cluster_errors(config: ClusterConfig) -> list[str]:
    """The cluster's own structure: its name, groups and members."""
    if not config.clustered:
        return []
    errors = [f"cluster {config.cluster_name!r}: {e}"
              for e in [name_error("cluster", config.cluster_name or "")] if e]
    errors += [f"group {g!r}: {e}" for g in config.groups for e in [name_error("cluster", g)] if e]
    if len(set(config.groups)) != len(config.groups):
        errors.append("duplicate group names")
    errors += [f"machine {m.name}: group {m.group!r} does not exist"
               for m in config.machines.values() if m.group not in config.groups]
    return errors


def _names(kind: str, names, errors: list[str]) -> None:
    """Every name valid for ``kind`` (the dialogues' rule, for changes made without them)."""
    errors.extend(f"{kind} {name!r}: {e}" for name in names for e in [name_error(kind, name)] if e)


def machine_errors(config: ClusterConfig, machine: str) -> list[str]:
    view = config.appliance(machine)
    errors: list[str] = []
    missing = [s for s in model.SECTIONS if config.level_of(s, machine) is None]
    if missing:
        return [f"settings not configured at any level: {', '.join(missing)}"]
    if err := hostname_error(view.system.hostname):
        errors.append(err)
    profiles = view.certificates.profiles
    _names("certificate", profiles, errors)
    _names("interface", view.interfaces, errors)
    _names("listener", view.listeners.listeners, errors)
    _names("ldap server", view.ldap.servers, errors)
    _names("user", view.users.users, errors)
    _names("log", view.logs.subscriptions, errors)
    _names("log", [s.filename for s in view.logs.subscriptions.values() if s.filename], errors)
    policies = view.mailpolicies
    for table in ("inbound", "outbound"):
        services = policies.table(table)
        if services.spam_action not in model.SPAM_ACTIONS:
            errors.append(f"{table} mail policy: unknown spam action {services.spam_action!r}")
        if services.suspected_action not in model.SPAM_ACTIONS:
            errors.append(f"{table} mail policy: unknown suspected-spam action "
                          f"{services.suspected_action!r}")
        for kind in ("virus", "repaired", "encrypted", "unscannable"):
            action = getattr(services, f"{kind}_action")
            if action not in model.VIRUS_ACTIONS:
                errors.append(f"{table} mail policy: unknown {kind} action {action!r}")
        for kind in ("spam", "suspected"):
            if getattr(services, f"{kind}_subject") not in model.SUBJECT_TAGS:
                errors.append(f"{table} mail policy: unknown {kind} subject tag position")
    for profile in profiles.values():
        errors.extend(f"certificate profile {profile.name}: {e}" for e in x509.profile_errors(profile))
    interfaces = view.interfaces
    bound: dict[tuple[str, int], str] = {}

    def need_cert(name: str, user: str) -> None:
        if name and name not in profiles:
            errors.append(f"{user} uses certificate {name!r}, which does not exist")

    for iface in interfaces.values():
        if err := interface_error(iface):
            errors.append(f"interface {iface.name}: {err}")
            continue
        need_cert(iface.https_certificate, f"interface {iface.name}")
        for service, port in iface.services.items():
            for address in interface_addresses(iface):
                _claim(bound, errors, (address, port), f"{service} on {iface.name}")
    for listener in view.listeners.listeners.values():
        # A listener may name an interface that is gone (interfaceconfig DELETE, "Ignore"): it
        # is valid and simply not bound until an interface of that name exists again.
        if err := interface_reference_error(listener.interface):
            errors.append(f"listener {listener.name}: {err}")
        elif listener.interface in interfaces:
            for address in interface_addresses(interfaces[listener.interface]):
                _claim(bound, errors, (address, listener.port), f"listener {listener.name}")
        need_cert(listener.certificate, f"listener {listener.name}")
        errors.extend(f"listener {listener.name}: {e}" for e in listener_errors(listener))
    dest = view.destconfig
    need_cert(dest.certificate, "destination controls")
    for entry in [dest.default, *dest.entries.values()]:
        if entry.tls is not None and entry.tls not in model.DEST_TLS:
            errors.append(f"destination {entry.domain}: unknown TLS setting {entry.tls!r}")
    need_cert(view.ldap.certificate, "LDAP")
    need_cert(view.websecurity.client_certificate, "web security")
    errors.extend(delivery_errors(view))
    errors.extend(f"DNS: {e}" for e in dns_errors(view.dnsconfig))
    errors.extend(_keyed_errors("certificate profile", profiles))
    errors.extend(_keyed_errors("interface", interfaces))
    errors.extend(_keyed_errors("listener", view.listeners.listeners))
    errors.extend(_keyed_errors("user", view.users.users))
    for user in view.users.users.values():
        if user.role not in model.ROLES:
            errors.append(f"user {user.name}: unknown role {user.role!r}")
        if err := passwords.hash_error(user.password_hash):
            errors.append(f"user {user.name}: {err}")
    errors.extend(_account_policy_errors(view.users.account_policy))
    low, high = model.PASSPHRASE_LENGTH_RANGE
    if not low <= view.users.passphrase_rules.min_length <= high:
        errors.append(f"passphrase rules: the minimum length must be from {low} to {high}")
    low, high = model.REUSE_COUNT_RANGE
    if not low <= view.users.passphrase_rules.reuse_count <= high:
        errors.append(f"passphrase rules: the number of recent passphrases must be from {low} "
                      f"to {high}")
    if err := clock.zone_error(view.system.timezone):
        errors.append(err)
    for service in ("gui", "inbound", "outbound"):
        settings = getattr(view.ssl, service)
        for err in (tls_methods_error(settings.methods), cipher_list_error(settings.ciphers)):
            if err:
                errors.append(f"sslconfig {service}: {err}")
        if not isinstance(settings.renegotiation, bool):
            errors.append(f"sslconfig {service}: TLS renegotiation must be true or false")
    for flag in ("other_client_tlsv10", "peer_cert_fqdn", "peer_cert_x509"):
        if not isinstance(getattr(view.ssl, flag), bool):
            errors.append(f"sslconfig: {flag} must be true or false")
    return errors


DNS_PRIORITY_MAX = 10000          # dnsconfig: "an integer from 0 to 10,000" [S]
DNS_TIMEOUT_RANGE = (1, 300)      # reverse DNS timeout in seconds [S]


def dns_domain_error(domain: str) -> str | None:
    """A domain an alternate DNS server answers for: labels separated by periods, one label
    allowed ("eng", as the user guide's split DNS example has it)."""
    labels = domain.split(".")
    if not domain or not all(_LABEL.match(label) for label in labels):
        return "invalid domain"
    return None


def dns_errors(dns: model.DnsConfig) -> list[str]:
    errors = []
    if dns.mode not in (model.DNS_ROOT, model.DNS_LOCAL):
        errors.append(f"unknown server choice {dns.mode!r}")
    if dns.mode == model.DNS_LOCAL and not dns.servers:
        errors.append("using local DNS servers, but none is configured")
    addresses = [server.address for server in dns.servers]
    if len(set(addresses)) != len(addresses):
        errors.append("a DNS server is listed twice")
    for server in dns.servers:
        if not is_ip(server.address):
            errors.append(f"invalid DNS server address {server.address!r}")
        if not 0 <= server.priority <= DNS_PRIORITY_MAX:
            errors.append(f"DNS server {server.address}: priority out of range")
    for alternate in dns.alternates:
        if not is_ip(alternate.address):
            errors.append(f"invalid DNS server address {alternate.address!r}")
        if not alternate.domains or any(dns_domain_error(d) for d in alternate.domains):
            errors.append(f"alternate DNS server {alternate.address}: invalid domains")
        if not 0 <= alternate.priority <= DNS_PRIORITY_MAX:
            errors.append(f"DNS server {alternate.address}: priority out of range")
    if err := interface_reference_error(dns.interface):
        errors.append(err)
    low, high = DNS_TIMEOUT_RANGE
    if not low <= dns.reverse_timeout_seconds <= high:
        errors.append("reverse DNS timeout out of range")
    if dns.min_ttl_seconds < 0:
        errors.append("negative minimum TTL")
    return errors


def tls_methods_error(methods: list[str]) -> str | None:
    """TLS versions must be known and form one run (OpenSSL negotiates a min..max range: TLS
    v1.2 with v1.0 needs v1.1 too, as the appliance's SSL Configuration page says)."""
    if not methods or any(m not in model.TLS_METHODS for m in methods):
        return "choose at least one of " + ", ".join(model.TLS_METHODS)
    positions = sorted(model.TLS_METHODS.index(m) for m in set(methods))
    if positions != list(range(positions[0], positions[-1] + 1)):
        return "the TLS versions must be consecutive"
    return None


def cipher_list_error(ciphers: str) -> str | None:
    """An OpenSSL cipher list that selects at least one cipher."""
    try:
        ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).set_ciphers(ciphers)
    except ssl.SSLError:
        return f"the cipher list {ciphers!r} selects no cipher"
    return None


def _keyed_errors(kind: str, items: dict) -> list[str]:
    """A dict keyed by name must hold the item of that name."""
    return [f"{kind} {key!r} is stored under another name ({item.name!r})"
            for key, item in items.items() if item.name != key]


def _claim(bound: dict, errors: list[str], address: tuple[str, int], owner: str) -> None:
    if address in bound:
        errors.append(f"{owner} and {bound[address]} both use {address[0]} port {address[1]}")
    else:
        bound[address] = owner


def interface_reference_error(name: str) -> str | None:
    """A setting that names an interface: ``Auto`` or a valid interface name.
    The interface need not exist: interfaceconfig DELETE lets a setting keep the name of the
    interface it deletes ("Ignore"), and the service falls back (delivery, DNS, LDAP, alerts
    choose as for Auto) or is not offered (a listener) until an interface of that name exists."""
    return f"invalid interface name {name!r}" if name_error("interface", name) else None


def interface_addresses(iface: model.Interface) -> list[str]:
    return [address for address in (iface.ipv4, iface.ipv6) if address]


def interface_error(iface: model.Interface) -> str | None:
    """An interface needs a valid IPv4 or IPv6 address (or both)."""
    if not iface.ipv4 and not iface.ipv6:
        return "no IPv4 or IPv6 address"
    for address, kind, prefix, top in ((iface.ipv4, ipaddress.IPv4Address, iface.prefix, 32),
                                       (iface.ipv6, ipaddress.IPv6Address, iface.ipv6_prefix, 128)):
        if not address:
            continue
        try:
            kind(address)
        except ValueError:
            return f"invalid address {address!r}"
        if not 0 <= prefix <= top:
            return f"invalid prefix length {prefix} for {address}"
    return None


def port_users(view) -> dict[tuple[str, int], str]:
    """(address, port) -> who uses it ("listener X", "ssh on Management"); commands use it to
    refuse a clashing port while it is typed."""
    users: dict[tuple[str, int], str] = {}
    for iface in view.interfaces.values():
        for service, port in iface.services.items():
            for address in interface_addresses(iface):
                users.setdefault((address, port), f"{service} on {iface.name}")
    for listener in view.listeners.listeners.values():
        iface = view.interfaces.get(listener.interface)
        for address in interface_addresses(iface) if iface else []:
            users.setdefault((address, listener.port), f"listener {listener.name}")
    return users


def listener_errors(listener: model.Listener) -> list[str]:
    errors = []
    if listener.type not in model.LISTENER_TYPES:
        errors.append(f"unknown type {listener.type!r}")
    if listener.protocol not in model.LISTENER_PROTOCOLS:
        errors.append(f"unknown protocol {listener.protocol!r}")
    if not 1 <= listener.port <= 65535:
        errors.append(f"invalid port {listener.port}")
    errors.extend(hat_errors(listener.hat))
    addresses = [entry.address for entry in listener.rat]
    for entry in listener.rat:
        try:
            recipients.normalise(entry.address)
        except ValueError:
            errors.append(f"invalid Recipient Access Table address {entry.address!r}")
        if entry.action not in model.RAT_ACTIONS:
            errors.append(f"Recipient Access Table entry {entry.address}: unknown action {entry.action!r}")
    if len(set(addresses)) != len(addresses):
        errors.append("duplicate Recipient Access Table addresses")
    return errors


def hat_errors(hat: model.HostAccess) -> list[str]:
    errors = []
    names = [group.name.lower() for group in hat.sender_groups if group.name]
    if len(set(names)) != len(names) or model.HAT_ALL.lower() in names:
        errors.append("duplicate sender group names")
    _names("sender group", [g.name for g in hat.sender_groups if g.name], errors)
    _names("mail flow policy", hat.policies, errors)
    if len({p.lower() for p in hat.policies}) != len(hat.policies):
        errors.append("duplicate mail flow policy names")
    for group in hat.sender_groups:
        label = group.name or ", ".join(group.senders)
        if group.policy not in hat.policies and group.policy not in model.HAT_ACTIONS:
            errors.append(f"sender group {label} uses policy {group.policy!r}, which does not exist")
        for sender in group.senders:
            try:
                senders.parse(sender)
            except senders.SenderSyntaxError as error:
                errors.append(f"sender group {label}: {error}")
        errors.extend(f"sender group {label}: {e}" for e in _params_errors(group.params))
    if hat.default_action not in hat.policies and hat.default_action not in model.HAT_ACTIONS:
        errors.append(f"default policy {hat.default_action!r} does not exist")
    for policy in hat.policies.values():
        if policy.action not in model.HAT_ACTIONS:
            errors.append(f"policy {policy.name}: unknown action {policy.action!r}")
        errors.extend(f"policy {policy.name}: {e}" for e in _params_errors(policy.params))
    errors.extend(f"default parameters: {e}" for e in _params_errors(hat.default_params))
    return errors


def _params_errors(params: model.PolicyParams) -> list[str]:
    errors = []
    if params.tls is not None and params.tls not in model.HAT_TLS:
        errors.append(f"unknown TLS setting {params.tls!r}")
    if params.smtp_auth is not None and params.smtp_auth not in model.HAT_SMTP_AUTH:
        errors.append(f"unknown SMTP authentication setting {params.smtp_auth!r}")
    if params.dhap_action is not None and params.dhap_action not in model.DHAP_ACTIONS:
        errors.append(f"unknown DHAP action {params.dhap_action!r}")
    if params.smime_signature is not None and params.smime_signature not in model.SMIME_SIGNATURE:
        errors.append(f"unknown S/MIME signature processing {params.smime_signature!r}")
    if params.spf_conformance is not None and params.spf_conformance not in model.SPF_CONFORMANCE:
        errors.append(f"unknown SPF/SIDF conformance level {params.spf_conformance!r}")
    for pair in (params.spf_reject or "").split():
        identity, _, result = pair.partition(":")
        if identity not in model.SPF_IDENTITIES or result not in model.SPF_RESULTS:
            errors.append(f"unknown SPF/SIDF identity and result {pair!r}")
    return errors


def route_domain_error(domain: str, *, allow_all: bool = False) -> str | None:
    """A destination-control or SMTP-route domain: a hostname, ``.partial`` (its subdomains) or
    an IP address; smtproutes also takes ``ALL`` (the default route).  None when valid."""
    if allow_all and domain == model.ROUTE_ALL:
        return None
    if is_ip(domain):
        return None
    return hostname_error(domain[1:] if domain.startswith(".") else domain)


def destination_host_error(host: str) -> str | None:
    """A route's destination host: a hostname or an IP address.  None when valid."""
    return None if is_ip(host) else hostname_error(host)


def is_ip(text: str) -> bool:
    """An IPv4 or IPv6 address (not a hostname)."""
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def delivery_errors(view) -> list[str]:
    """Destination controls, SMTP routes, delivery, LDAP and alert settings (what the SMTP core
    relies on)."""
    errors: list[str] = []

    def need_interface(name: str, user: str) -> None:
        if err := interface_reference_error(name):
            errors.append(f"{user}: {err}")

    dest = view.destconfig
    errors.extend(f"destination {dest.default.domain}: {e}"
                  for e in destination_errors(dest.default, default=True))
    for key, entry in dest.entries.items():
        if key != entry.domain or route_domain_error(key):
            errors.append(f"destination {key!r}: invalid domain")
        errors.extend(f"destination {key}: {e}" for e in destination_errors(entry))
    for key, route in view.smtproutes.routes.items():
        errors.extend(f"SMTP route {key}: {e}" for e in route_errors(key, route))
    delivery = view.delivery
    need_interface(delivery.interface, "delivery")
    if delivery.max_concurrency < 1 or delivery.tls_max_concurrency < 1:
        errors.append("delivery concurrency must be at least 1")
    ldap = view.ldap
    need_interface(ldap.interface, "LDAP")
    for name, server in ldap.servers.items():
        if name != server.name or not server.hostnames:
            errors.append(f"LDAP server {name!r}: invalid name or no hostname")
        errors.extend(f"LDAP server {name}: invalid hostname {h!r}"
                      for h in server.hostnames if destination_host_error(h))
        if not 1 <= server.port <= 65535:
            errors.append(f"LDAP server {name}: invalid port {server.port}")
        if server.server_type not in model.LDAP_SERVER_TYPES:
            errors.append(f"LDAP server {name}: unknown server type {server.server_type!r}")
        if server.auth_method not in model.LDAP_AUTH_METHODS:
            errors.append(f"LDAP server {name}: unknown authentication {server.auth_method!r}")
    alerts = view.alerts
    need_interface(alerts.interface, "alerts")
    if not 0 <= alerts.debounce_initial_seconds <= alerts.debounce_max_seconds:
        errors.append("alert debounce intervals are inconsistent")
    for address, recipient in alerts.recipients.items():
        for alert_class, severities in recipient.classes.items():
            if alert_class not in model.ALERT_CLASSES:
                errors.append(f"alert recipient {address}: unknown class {alert_class!r}")
            if any(s not in model.ALERT_SEVERITIES for s in severities):
                errors.append(f"alert recipient {address}: unknown severity in {severities!r}")
    return errors


def destination_errors(entry: model.DestinationControl, default: bool = False) -> list[str]:
    """One destination-control entry; the default must set everything but the bounce profile."""
    errors = []
    choices = {"dane": model.DEST_DANE, "ip_sort_pref": model.IP_SORT_PREFS,
               "limit_type": model.LIMIT_TYPES, "limit_apply": model.LIMIT_APPLIES}
    for name, allowed in choices.items():
        value = getattr(entry, name)
        if value is not None and value not in allowed:
            errors.append(f"unknown {name} {value!r}")
    for name in ("max_concurrency", "max_messages_per_connection"):
        value = getattr(entry, name)
        if value is not None and value < 1:
            errors.append(f"{name} must be at least 1")
    if entry.recipient_limit is not None and entry.recipient_limit < 0:
        errors.append("recipient_limit must not be negative")
    if entry.recipient_minutes is not None and not 1 <= entry.recipient_minutes <= 60:
        errors.append("recipient_minutes must be from 1 to 60")
    if default:
        unset = [f.name for f in dataclasses.fields(entry)
                 if getattr(entry, f.name) is None and f.name != "bounce_profile"]
        if unset:
            errors.append(f"the default must set {', '.join(unset)}")
    return errors


def route_errors(key: str, route: model.SmtpRoute) -> list[str]:
    errors = []
    if key != route.domain or route_domain_error(key, allow_all=True):
        errors.append("invalid domain")
    hosts = [d.host for d in route.destinations]
    if not hosts:
        errors.append("no destination hosts")
    special = {model.ROUTE_DEVNULL, model.ROUTE_USEDNS}
    if special & set(hosts) and len(hosts) > 1:
        errors.append(f"{' or '.join(sorted(special))} must be the only destination")
    for dest in route.destinations:
        if dest.host not in special and destination_host_error(dest.host):
            errors.append(f"invalid destination host {dest.host!r}")
        if not 1 <= dest.port <= 65535 or not 0 <= dest.priority <= 65535:
            errors.append(f"invalid port or priority for {dest.host}")
    return errors


def _account_policy_errors(policy: model.AccountPolicy) -> list[str]:
    """userconfig → POLICY → ACCOUNT's numbers and message (a loaded file may hold anything)."""
    checks = [("the number of failed login attempts", policy.max_failed_logins,
               model.FAILED_LOGINS_RANGE),
              ("the passphrase expiration period", policy.expiry_days, model.EXPIRY_DAYS_RANGE),
              ("the reminder period", policy.reminder_days, model.NOTICE_DAYS_RANGE),
              ("the grace period", policy.grace_days, model.NOTICE_DAYS_RANGE)]
    errors = [f"account policy: {what} must be from {low} to {high}"
              for what, value, (low, high) in checks if not low <= value <= high]
    if not policy.locked_message.strip() or len(policy.locked_message) > model.LOCKED_MESSAGE_MAX:
        errors.append(f"account policy: the account locked message must have 1 to "
                      f"{model.LOCKED_MESSAGE_MAX} characters")
    return errors
