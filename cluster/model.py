"""The appliance's configuration, in the appliance's own words.

Each top-level *section* (the settings one configuration command owns) is a dataclass; a section
lives at one configuration level (cluster, group or machine) for a given machine, see
``levels.py``.  Values are plain types so that every section converts to a tree (``tree.py``) for
persistence, XML and commit merging.  Fields marked ``secret`` are masked or encrypted on export.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Optional

SECRET = {"secret": True}

ROLES = {
    "admin": "Administrator",
    "operators": "Operator",
    "readonly": "Read-Only Operator",
    "guest": "Guest",
    "helpdesk": "Help Desk User",
}
# Read-only operators may make pending changes but not commit them (AsyncOS user guide,
# "Managing Users"); guests and help-desk users may not configure.  Every front end (CLI, GUI)
# allows exactly these.
CONFIG_ROLES = frozenset({"admin", "operators", "readonly"})
COMMIT_ROLES = frozenset({"admin", "operators"})

# destconfig TLS tokens (cli.md §5.4) in menu order; None on an entry means "Default".
DEST_TLS = ("off", "on", "require", "on_verify", "require_verify")
# destconfig DANE tokens in menu order (No, Opportunistic, Mandatory).
DEST_DANE = ("off", "opportunistic", "mandatory")
# destconfig IP sort preferences in menu order (Prefer IPv4, Prefer IPv6, Require IPv4, Require IPv6).
IP_SORT_PREFS = ("PREFER_V4", "PREFER_V6", "REQUIRE_V4", "REQUIRE_V6")
# destconfig limits: per whole domain ("host") or per MX IP; system wide or per Virtual Gateway.
LIMIT_TYPES = ("host", "MXIP")
LIMIT_APPLIES = ("system", "VG")
# smtproutes: the default route's key and the two special destinations (cli.md §5.21).
ROUTE_ALL = "ALL"
ROUTE_DEVNULL = "/dev/null"
ROUTE_USEDNS = "USEDNS"
# alertconfig classes and severities (cli.md §5.9).  Release and Support Notification has no
# severities: an empty list means the recipient gets them.
ALERT_CLASSES = ("System", "Hardware", "Updater", "Outbreak Filters", "Anti-Virus", "Anti-Spam",
                 "Directory Harvest Attack Prevention", "Release and Support Notification")
ALERT_SEVERITIES = ("Critical", "Warning", "Information")
# ldapconfig server types and authentication methods.
LDAP_SERVER_TYPES = ("Active Directory", "OpenLDAP", "Unknown or Other")
LDAP_AUTH_METHODS = ("anonymous", "password")
# HAT mail-flow policy TLS tokens (cli.md corrections item 1: three answers).
HAT_TLS = ("off", "on", "required")
HAT_ACTIONS = ("ACCEPT", "REJECT", "RELAY", "TCPREFUSE", "CONTINUE")
# HAT SMTP AUTH offer: No, Preferred, Required.
HAT_SMTP_AUTH = ("off", "on", "required")
# What DHAP does with a recipient over the limit: drop the connection or answer with a code.
DHAP_ACTIONS = ("drop", "code")
# S/MIME signature processing after gateway verification: keep or strip the signature.
SMIME_SIGNATURE = ("preserve", "remove")
# SPF/SIDF conformance levels in menu order: SPF only, SIDF compatible, SIDF strict.
SPF_CONFORMANCE = ("spf", "sidf_compatible", "sidf_strict")
# The identities an SPF/SIDF check verifies and the results it returns, in the order the SMTP
# actions dialogue asks them; ``PolicyParams.spf_reject`` names the pairs answered Reject.
SPF_IDENTITIES = ("mail_from", "pra", "helo")
SPF_RESULTS = ("none", "neutral", "temperror", "softfail", "fail", "permerror")
# The verification profile every appliance has (DKIM and DMARC).
DEFAULT_PROFILE = "DEFAULT"
# listenerconfig SETUP: how long SenderBase answers are cached; Received: header hostname.
SENDERBASE_CACHE = ("senderbase", "none", "custom")
RECEIVED_HOSTNAME = ("delivery", "interface")
# The HAT's last entry and the RAT's last entry match every host / every recipient.
HAT_ALL = RAT_ALL = "ALL"
RAT_ACTIONS = ("ACCEPT", "REJECT")
LISTENER_PROTOCOLS = ("SMTP", "QMQP")
LISTENER_TYPES = ("public", "private", "blackhole")


@dataclass
class System:
    hostname: str = "ironport.example.com"
    timezone: str = "GMT"
    cli_timeout_minutes: int = 30
    rollback_enabled: bool = True
    # ``ntpconfig``: listed and shown only; the emulator never sends NTP queries (lab rule).
    ntp_servers: list[str] = field(default_factory=lambda: ["time.sco.cisco.com"])
    ntp_interface: str = "Auto"
    # ``settime``: the appliance's clock minus the host's (seconds)
    clock_offset_seconds: float = 0.0


@dataclass
class Interface:
    name: str
    ipv4: str
    prefix: int = 24
    hostname: str = ""
    ethernet: str = "Management"
    # service name (ssh, ftp, telnet, http, https, ccs, ...) -> TCP port
    services: dict[str, int] = field(default_factory=dict)
    https_certificate: str = "Demo"
    http_redirect: bool = False
    ipv6: str = ""          # "" when the interface has no IPv6 address
    ipv6_prefix: int = 64
    smtp_helo: str = ""     # custom SMTP HELO name for delivery; "" = the hostname


@dataclass
class PolicyParams:
    """Mail-flow policy parameters; ``None`` means "use the listener's default"."""
    max_message_size: Optional[int] = None
    max_concurrency: Optional[int] = None
    max_msgs_per_session: Optional[int] = None
    max_rcpts_per_msg: Optional[int] = None
    max_rcpts_per_hour: Optional[int] = None
    smtp_banner_host: Optional[str] = None
    smtp_banner_code: Optional[int] = None
    smtp_banner_text: Optional[str] = None
    reject_banner_code: Optional[int] = None
    reject_banner_text: Optional[str] = None
    dhap_limit: Optional[int] = None
    spam_check: Optional[bool] = None
    virus_check: Optional[bool] = None
    use_sb: Optional[bool] = None
    tls: Optional[str] = None                      # one of HAT_TLS
    smtp_auth: Optional[str] = None                # one of HAT_SMTP_AUTH
    smtp_auth_requires_tls: Optional[bool] = None  # offer AUTH only after STARTTLS
    # custom 452 response when max_rcpts_per_hour is exceeded (rate limiting per host)
    max_rcpts_per_hour_code: Optional[int] = None
    max_rcpts_per_hour_text: Optional[str] = None
    dhap_action: Optional[str] = None                   # one of DHAP_ACTIONS
    dhap_code: Optional[int] = None                     # custom DHAP response (None = standard)
    dhap_text: Optional[str] = None
    sender_rate_limit: Optional[int] = None             # recipients per envelope sender; -1 off
    sender_rate_minutes: Optional[int] = None           # the interval that limit counts over
    sender_rate_code: Optional[int] = None              # custom limit exceeded response
    sender_rate_text: Optional[str] = None
    ip_grouping_bits: Optional[int] = None              # group hosts by IP similarity; 0 off
    relay_header: Optional[str] = None                  # trusted relay's header with the IP; "" off
    # -- the questions after SMTP authentication (cli.md §5.5 part 3) --
    dkim_signing: Optional[bool] = None
    smime_harvest: Optional[bool] = None                # S/MIME public key harvesting
    smime_harvest_on_failure: Optional[bool] = None     # also when verification fails
    smime_harvest_updated: Optional[bool] = None        # replace a harvested certificate
    smime_gateway: Optional[bool] = None                # S/MIME decryption/verification
    smime_signature: Optional[str] = None               # one of SMIME_SIGNATURE
    dkim_verification: Optional[bool] = None
    dkim_profile: Optional[str] = None
    spf_verification: Optional[bool] = None
    spf_conformance: Optional[str] = None               # one of SPF_CONFORMANCE
    spf_downgrade_pra: Optional[bool] = None            # SIDF compatible: Resent-* headers
    spf_helo_check: Optional[bool] = None
    spf_timeout: Optional[int] = None                   # seconds
    # SMTP actions: space-separated ``identity:result`` pairs (SPF_IDENTITIES, SPF_RESULTS) whose
    # check result rejects; every other result accepts
    spf_reject: Optional[str] = None
    spf_reject_code: Optional[int] = None               # the REJECT action's response
    spf_reject_text: Optional[str] = None
    spf_temperror_code: Optional[int] = None            # ... for a TempError result
    spf_temperror_text: Optional[str] = None
    spf_publisher_text: Optional[bool] = None           # text from the SPF publisher's domain
    dmarc_verification: Optional[bool] = None
    dmarc_profile: Optional[str] = None
    dmarc_reports: Optional[bool] = None                # send aggregate feedback reports
    sender_verification: Optional[bool] = None          # envelope sender DNS verification
    malformed_sender_code: Optional[int] = None         # custom responses (None = standard)
    malformed_sender_text: Optional[str] = None
    unresolved_sender_code: Optional[int] = None
    unresolved_sender_text: Optional[str] = None
    nonexistent_sender_code: Optional[int] = None
    nonexistent_sender_text: Optional[str] = None
    domain_exception_table: Optional[bool] = None
    accept_untagged_bounces: Optional[bool] = None


@dataclass
class MailFlowPolicy:
    name: str
    action: str = "ACCEPT"
    params: PolicyParams = field(default_factory=PolicyParams)
    comment: str = ""


@dataclass
class SenderGroup:
    """One HAT entry: a named sender group, or an unnamed entry (``name == ""``) such as
    ``spamdomain.com REJECT``.  ``senders`` use the syntax of ``senders.py`` (canonical text);
    ``policy`` is a mail-flow policy ``$NAME`` or an inline action from HAT_ACTIONS, whose
    parameters are ``params``."""
    name: str
    senders: list[str] = field(default_factory=list)
    policy: str = "$ACCEPTED"
    comment: str = ""
    params: PolicyParams = field(default_factory=PolicyParams)


@dataclass
class HostAccess:
    policies: dict[str, MailFlowPolicy] = field(default_factory=dict)
    # evaluated top to bottom; the first match decides (senders.evaluate)
    sender_groups: list[SenderGroup] = field(default_factory=list)
    default_params: PolicyParams = field(default_factory=PolicyParams)
    # the policy of the last entry, ALL (every host no sender group matched)
    default_action: str = "$ACCEPTED"


@dataclass
class RecipientAccess:
    address: str                    # recipients.py syntax; the last entry is RAT_ALL
    action: str = "ACCEPT"          # one of RAT_ACTIONS
    smtp_code: Optional[int] = None
    smtp_text: Optional[str] = None
    bypass_receiving_control: bool = False  # skip the HAT rate limits for these recipients


@dataclass
class Listener:
    name: str
    type: str = "public"
    interface: str = "Management"
    protocol: str = "SMTP"
    port: int = 25
    certificate: str = "Demo"
    max_connections: int = 50
    hat: HostAccess = field(default_factory=HostAccess)
    rat: list[RecipientAccess] = field(default_factory=list)
    default_domain: str = ""
    bounce_profile: str = "Default"
    tcp_queue: int = 50
    queue_to_disk: bool = False      # blackhole listeners only
    add_received_header: bool = True


@dataclass
class ListenerSettings:
    max_concurrent_connections: int = 300
    max_tls_connections: int = 100
    injection_timeout_seconds: int = 300
    listeners: dict[str, Listener] = field(default_factory=dict)
    max_header_lines: int = 1000          # 0 = no limit
    max_connection_seconds: int = 900     # total time one inbound connection may last
    hat_delayed_rejection: bool = False   # HAT REJECT at RCPT TO instead of at connect
    senderbase_cache: str = "senderbase"  # one of SENDERBASE_CACHE
    senderbase_cache_seconds: int = 300   # used when senderbase_cache is "custom"
    injection_counter_reset_seconds: int = 3600  # rate-limit counters start afresh
    received_hostname: str = "interface"  # one of RECEIVED_HOSTNAME
    add_message_id_incoming: bool = False  # Message-ID on received messages lacking one
    max_logged_subject_bytes: int = 2048  # longest subject written to the mail logs


@dataclass
class CertificateProfile:
    name: str
    certificate_pem: str
    key_pem: str = field(default="", metadata=SECRET)
    intermediates: list[str] = field(default_factory=list)
    csr_pem: str = ""


@dataclass
class CustomCA:
    name: str
    pem: str
    enabled: bool = True


@dataclass
class Certificates:
    profiles: dict[str, CertificateProfile] = field(default_factory=dict)
    system_ca_enabled: bool = True
    custom_cas: dict[str, CustomCA] = field(default_factory=dict)
    custom_ca_enabled: bool = True
    crls: dict[str, str] = field(default_factory=dict)


@dataclass
class DestinationControl:
    domain: str
    max_concurrency: Optional[int] = None
    recipient_limit: Optional[int] = None
    recipient_minutes: Optional[int] = None
    limit_type: Optional[str] = None      # "host" (whole domain) | "MXIP"
    limit_apply: Optional[str] = None     # "system" | "VG"
    max_messages_per_connection: Optional[int] = None
    tls: Optional[str] = None             # one of DEST_TLS, None = Default
    dane: Optional[str] = None            # "off" | "opportunistic" | "mandatory"
    bounce_verification: Optional[bool] = None
    bounce_profile: Optional[str] = None
    ip_sort_pref: Optional[str] = None    # PREFER_V4 | PREFER_V6 | REQUIRE_V4 | REQUIRE_V6


def default_destination() -> DestinationControl:
    return DestinationControl(
        domain="Default", max_concurrency=500, recipient_limit=0, recipient_minutes=60,
        limit_type="host", limit_apply="system", max_messages_per_connection=50, tls="off",
        dane="off", bounce_verification=False, bounce_profile="Default", ip_sort_pref="PREFER_V6")


@dataclass
class DestConfig:
    certificate: str = "Demo"             # certificate profile for all outbound TLS
    tls_alert: bool = False               # alert System/Warning recipients when required TLS fails
    default: DestinationControl = field(default_factory=default_destination)
    # domain ("example.com", ".example.com" for its subdomains, or an IP address) -> entry
    entries: dict[str, DestinationControl] = field(default_factory=dict)

    def for_domain(self, domain: str) -> DestinationControl:
        """The settings delivery to ``domain`` uses: its entry (exact, else the most specific
        ``.partial`` one) with every unset value taken from the default."""
        entry = _most_specific(self.entries, domain)
        resolved = copy.copy(self.default)
        if entry is not None:
            for name, value in vars(entry).items():
                if value is not None:
                    setattr(resolved, name, value)
        return resolved


@dataclass
class Delivery:
    interface: str = "Auto"
    possible_delivery: bool = True
    max_concurrency: int = 10000
    tls_max_concurrency: int = 10000
    tls_fallback_plain: bool = True
    retry_initial_seconds: int = 60
    retry_max_seconds: int = 3600
    max_queue_lifetime_seconds: int = 259200


@dataclass
class RouteDestination:
    host: str          # hostname or IP address, or ROUTE_DEVNULL / ROUTE_USEDNS (alone in a route)
    port: int = 25
    priority: int = 0  # 0 (tried first) to 65535; equal priorities are used round-robin
    # "[host]": the host's address records only; a bare host name is looked up by its MX first
    by_address: bool = False

    def host_port(self) -> str:
        """``host``, ``[host]`` when by address, then ``:port`` unless 25, as smtproutes shows."""
        host = f"[{self.host}]" if self.by_address else self.host
        return host if self.port == 25 else f"{host}:{self.port}"


@dataclass
class SmtpRoute:
    domain: str
    destinations: list[RouteDestination] = field(default_factory=list)


@dataclass
class SmtpRoutes:
    # domain ("example.com", ".example.com" for its subdomains, or ROUTE_ALL) -> route, in order
    routes: dict[str, SmtpRoute] = field(default_factory=dict)

    def route_for(self, domain: str) -> Optional[SmtpRoute]:
        """The route mail for ``domain`` takes: the exact entry, else the most specific
        ``.partial`` one, else ``ALL``; None means normal DNS (MX) delivery."""
        route = _most_specific(self.routes, domain)
        return route if route is not None else self.routes.get(ROUTE_ALL)


# dnsconfig: the Internet root servers, or the appliance's own (local) DNS servers.
DNS_ROOT = "root"
DNS_LOCAL = "local"


@dataclass
class DnsServer:
    address: str
    priority: int = 0    # 0 is tried first; equal priorities in random order


@dataclass
class DnsAlternate:
    """A DNS server asked for some domains only (and the names under them), instead of the
    local servers or the root servers; it must be authoritative for them.  With local servers:
    an "alternate domain server" with a priority; with the root servers: an "alternate
    authoritative server" for one domain, with its host name."""
    domains: list[str]
    address: str
    priority: int = 0
    hostname: str = ""

    def covers(self, name: str) -> Optional[str]:
        """The most specific of ``domains`` that ``name`` is, or is under; None if none."""
        name = name.rstrip(".").lower()
        matches = [d for d in self.domains if name == d or name.endswith("." + d)]
        return max(matches, key=len) if matches else None


@dataclass
class DnsConfig:
    mode: str = DNS_ROOT
    servers: list[DnsServer] = field(default_factory=list)   # the local servers
    alternates: list[DnsAlternate] = field(default_factory=list)
    interface: str = "Auto"
    reverse_timeout_seconds: int = 20
    min_ttl_seconds: int = 1800

    def alternates_for(self, name: str) -> list[DnsAlternate]:
        """The alternate servers for ``name``: those of its most specific listed domain."""
        covering = [(a.covers(name), a) for a in self.alternates]
        covering = [(domain, a) for domain, a in covering if domain is not None]
        if not covering:
            return []
        best = max(len(domain) for domain, _ in covering)
        return [a for domain, a in covering if len(domain) == best]


@dataclass
class LdapServer:
    name: str
    hostnames: list[str] = field(default_factory=list)
    port: int = 389
    use_ssl: bool = False
    auth_method: str = "anonymous"
    bind_user: str = ""
    bind_password: str = field(default="", metadata=SECRET)
    server_type: str = "OpenLDAP"
    base: str = ""


@dataclass
class Ldap:
    servers: dict[str, LdapServer] = field(default_factory=dict)
    interface: str = "Auto"
    certificate: str = "Demo"
    # ldapconfig SETUP: group queries that fail to complete count as negative results
    failures_negative: bool = False


@dataclass
class WebSecurity:
    url_filtering: bool = False
    allowlist: str = ""
    client_certificate: str = ""
    web_interaction_tracking: bool = False


@dataclass
class AlertRecipient:
    address: str
    # alert class -> severities ("Critical", "Warning", "Information")
    classes: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Alerts:
    recipients: dict[str, AlertRecipient] = field(default_factory=dict)
    from_address: str = ""                # "" = the system default (alert@<hostname>)
    debounce_initial_seconds: int = 300
    debounce_max_seconds: int = 3600
    autosupport: bool = True
    max_saved: int = 50
    interface: str = "Auto"
    tls: bool = False
    autosupport_weekly: bool = True

    def recipients_for(self, alert_class: str, severity: str) -> list[str]:
        """Addresses that receive an alert of ``alert_class`` and ``severity``."""
        return [r.address for r in self.recipients.values()
                if severity in r.classes.get(alert_class, ())]


@dataclass
class User:
    name: str
    full_name: str = ""
    role: str = "admin"
    password_hash: str = field(default="", metadata=SECRET)
    ssh_keys: list[str] = field(default_factory=list)
    rich_ui: bool = False


# userconfig -> POLICY -> ACCOUNT: "from one (1) to 60. Default is five (5)" (AsyncOS 10.0 User
# Guide, Local User Account & Passphrase Settings, User Account Lock).
FAILED_LOGINS_RANGE = (1, 60)


# userconfig -> POLICY -> ACCOUNT, passphrase expiration, reminder and grace periods in days: our
# bounds [R] (the appliance's are not public).
EXPIRY_DAYS_RANGE = (1, 366)
NOTICE_DAYS_RANGE = (1, 365)
# The account locked message's longest text: our bound [R].
LOCKED_MESSAGE_MAX = 2000
# Our wording [R]: the appliance's default locked-account message is not public.
DEFAULT_LOCKED_MESSAGE = "Your account has been locked. Contact your administrator."


@dataclass
class AccountPolicy:
    """``userconfig`` → POLICY → ACCOUNT, in the order the dialogue asks.  SSH, FTP and the web
    interface lock an account after ``max_failed_logins`` consecutive failures, when
    ``lock_account`` (``cluster.logins``); the login page shows ``locked_message`` for an account
    an administrator locked, when ``show_locked_message``.  The passphrase expiry, its reminder
    and grace period and the reset after an administrator's change are stored and shown, not
    enforced at login (no public sample shows how the CLI asks for the new passphrase)."""
    # On by default here: the appliance's own default is off (its QA keywords say "'No' ...
    # by default"), but issue 15 asks for a lockout out of the box [R].
    lock_account: bool = True
    max_failed_logins: int = 5
    show_locked_message: bool = False
    locked_message: str = DEFAULT_LOCKED_MESSAGE
    passphrase_expiry: bool = False
    expiry_days: int = 90                 # our default [R]
    expiry_reminder: bool = False
    reminder_days: int = 7                # our default [R]
    grace_period: bool = False
    grace_days: int = 3                   # our default [R]
    reset_after_admin_change: bool = False


# userconfig -> POLICY -> PASSWORDSTRENGTH: "6 characters is the lowest number possible" (Cisco
# QA keyword docstring, cli.md source A); the highest is our bound [R].
PASSPHRASE_LENGTH_RANGE = (6, 128)


@dataclass
class PassphraseRules:
    """What a new passphrase must be (``userconfig`` NEW/PASSPHRASE and ``passwd``).  The
    defaults keep the rules the emulator always applied [R]: eight characters, not the user
    name, no three repetitive or sequential characters."""
    min_length: int = 8
    upper_and_lower: bool = False
    number: bool = False
    special: bool = False
    reject_username: bool = True
    reject_sequential: bool = True
    # Ban reuse of the most recent passphrases, how many (only the current one is remembered:
    # a new passphrase may not be the current one).
    ban_reuse: bool = False
    reuse_count: int = 3                  # our default [R]
    # Reject passphrases holding a word of ``FORBIDDEN_WORDS_FILE`` (uploaded with scp or FTP).
    forbidden_words: bool = False


# Passphrases remembered for PASSWORDSTRENGTH's reuse ban: our bound [R].
REUSE_COUNT_RANGE = (1, 15)
# "Save text file as forbidden_password_words.txt. Upload the file to the appliance using SCP or
# FTP." (Cisco QA GUI keyword docstring, users_edit_account_password_restrictions).
FORBIDDEN_WORDS_FILE = "forbidden_password_words.txt"




@dataclass
class Users:
    users: dict[str, User] = field(default_factory=dict)
    account_policy: AccountPolicy = field(default_factory=AccountPolicy)
    passphrase_rules: PassphraseRules = field(default_factory=PassphraseRules)


@dataclass
class LogSubscription:
    name: str
    type: str
    retrieval: str = "Manual Download"
    level: str = "Information"
    rollover_size: int = 10485760
    max_files: int = 10
    filename: str = ""              # file name prefix ("mail" for mail_logs); "" = the name
    rollover_interval: int = 0      # seconds between time-based rollovers, 0 = none
    removal_alert: bool = False     # alert when files are removed (max_files reached)
    # FTP / SCP / Syslog Push (logconfig's retrieval methods other than manual download)
    push_host: str = ""
    push_port: int = 0              # SCP Push: the remote SSH port
    push_user: str = ""
    push_password: str = field(default="", metadata=SECRET)     # FTP Push
    push_directory: str = ""
    push_max_time: int = 3600       # seconds before a file is transferred
    push_max_size: int = 10485760   # bytes before a file is transferred
    ssh_protocol: str = "SSH2"
    host_key_checking: bool = False
    syslog_protocol: str = "UDP"
    syslog_facility: str = "user"


@dataclass
class Logs:
    subscriptions: dict[str, LogSubscription] = field(default_factory=dict)
    # logconfig SETUP
    system_metrics_frequency: int = 60
    log_message_id: bool = True
    log_subject: bool = True
    log_remote_response: bool = True


# What a mail policy does with a message an engine condemns (policyconfig, GUI "Mail Policies").
# The spam list's order is the CLI's: 1. DELIVER 2. DROP 3. BOUNCE 4. IRONPORT QUARANTINE.
SPAM_ACTIONS = ("deliver", "drop", "bounce", "quarantine")   # quarantine: the local Spam Quarantine
# The anti-virus action list in the GUI's order (Deliver As Is, the two Deliver as Attachment
# actions, Drop Message, Quarantine); the mail path applies drop and quarantine, the others
# deliver the message as it is.
VIRUS_ACTIONS = ("deliver", "attach_plain", "attach_rfc822", "drop", "quarantine")
SUBJECT_TAGS = ("none", "prepend", "append")   # "add text to the subject": where, if at all


@dataclass
class SecurityServices:
    """The security services of one table's DEFAULT mail policy, and its actions."""
    anti_spam: bool = True                  # IronPort Anti-Spam (CASE)
    spam_action: str = "deliver"            # positively identified spam, one of SPAM_ACTIONS
    anti_virus: bool = True                 # Sophos
    virus_action: str = "drop"              # virus-infected messages, one of VIRUS_ACTIONS
    amp: bool = True                        # file reputation
    outbreak_filters: bool = True
    # Kept as configured; the mail path does not apply them (the scanner gives no score, no
    # suspected-spam, repaired, encrypted or unscannable verdict, and does not rewrite messages).
    spam_default_thresholds: bool = True    # else the two scores below
    spam_threshold: int = 90
    suspected_threshold: int = 50
    spam_archive: bool = False
    spam_subject: str = "none"              # one of SUBJECT_TAGS
    spam_subject_text: str = "[SPAM]"
    spam_alt_host: str = ""                 # "" = not sent to an alternate host
    spam_header_name: str = ""              # "" = no custom header
    spam_header_text: str = ""
    spam_alt_recipient: str = ""            # "" = not sent to an alternate envelope recipient
    suspected_spam: bool = True             # special treatment of suspected spam
    suspected_action: str = "deliver"       # one of SPAM_ACTIONS
    suspected_archive: bool = False
    suspected_subject: str = "prepend"
    suspected_subject_text: str = "[SUSPECTED SPAM]"
    suspected_alt_host: str = ""
    suspected_header_name: str = ""
    suspected_header_text: str = ""
    suspected_alt_recipient: str = ""
    virus_repair: bool = True               # scan and repair (else scan only)
    repaired_action: str = "deliver"        # each one of VIRUS_ACTIONS
    encrypted_action: str = "deliver"
    unscannable_action: str = "deliver"
    outbreak_bypass: list[str] = field(default_factory=list)   # file extensions, no dot
    sender_domain_reputation: bool = False


@dataclass
class MailPolicies:
    inbound: SecurityServices = field(default_factory=SecurityServices)
    outbound: SecurityServices = field(default_factory=lambda: SecurityServices(
        anti_spam=False, amp=False, outbreak_filters=False))

    def table(self, name: str) -> SecurityServices:
        return self.outbound if name == "outbound" else self.inbound


def _most_specific(table: dict, domain: str):
    """Exact key, else the longest ``.partial`` key that ``domain`` ends with (subdomains only)."""
    domain = domain.lower().rstrip(".")
    lowered = {key.lower(): value for key, value in table.items()}
    if domain in lowered:
        return lowered[domain]
    partials = [key for key in lowered if key.startswith(".") and domain.endswith(key)]
    return lowered[max(partials, key=len)] if partials else None


# Section name -> type.  The name is the key in every configuration level and in the XML.
# ``sslconfig`` (tech notes 117855 and 215282): the TLS versions and OpenSSL cipher list of the
# GUI (HTTPS), of the listeners (inbound SMTP) and of delivery (outbound SMTP).
TLS_METHODS = ("tlsv1_0", "tlsv1_1", "tlsv1_2", "tlsv1_3")
DEFAULT_CIPHERS = "MEDIUM:HIGH:-SSLv2:-aNULL:!RC4:@STRENGTH:-EXPORT"


@dataclass
class TlsService:
    # a contiguous run of TLS_METHODS (OpenSSL negotiates a minimum..maximum range)
    methods: list[str] = field(default_factory=lambda: ["tlsv1_2", "tlsv1_3"])
    ciphers: str = DEFAULT_CIPHERS
    # whether a client may renegotiate (TLS v1.2 and older): asked for the GUI and the
    # listeners from 13.0 on; delivery is the client and keeps True
    renegotiation: bool = True


@dataclass
class SslConfig:
    gui: TlsService = field(default_factory=TlsService)
    inbound: TlsService = field(default_factory=TlsService)
    outbound: TlsService = field(default_factory=TlsService)
    # 13.8.7 on: TLS v1.0 for the appliance's other TLS clients (alerts, updater, LDAP), and
    # FQDN / X.509 compliance checks of the peer certificates those clients and delivery get
    other_client_tlsv10: bool = False
    peer_cert_fqdn: bool = False
    peer_cert_x509: bool = False


SECTIONS: dict[str, type] = {
    "system": System,
    "interfaces": dict[str, Interface],
    "listeners": ListenerSettings,
    "certificates": Certificates,
    "destconfig": DestConfig,
    "delivery": Delivery,
    "smtproutes": SmtpRoutes,
    "dnsconfig": DnsConfig,
    "ldap": Ldap,
    "websecurity": WebSecurity,
    "alerts": Alerts,
    "users": Users,
    "logs": Logs,
    "mailpolicies": MailPolicies,
    "ssl": SslConfig,
}

# Where a section may live (cli.md §4.3: machine-only and cluster-only commands).
MACHINE_ONLY = frozenset({"system", "interfaces"})
CLUSTER_ONLY = frozenset({"users"})
