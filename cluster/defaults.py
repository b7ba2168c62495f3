"""Factory defaults: what a freshly installed AsyncOS 14-16 virtual appliance holds after the
System Setup Wizard's one-listener answers, with loopback addresses so no privileges are needed."""
from __future__ import annotations

import secrets
import string

from . import model, passwords, x509
from .levels import ClusterConfig, Machine, machine_key

HOSTNAME = "ironport.example.com"

DEMO_SUBJECT = x509.Subject(common_name="Cisco Appliance Demo Certificate",
                            organization="Cisco Systems, Inc.", locality="San Jose",
                            state="California", country="US")


def make_serial() -> str:
    """A hardware-style 20-character serial (``XXXXXXXXXXXX-XXXXXXX``), as log parsers expect."""
    hexdigits = "0123456789ABCDEF"
    alnum = string.digits + string.ascii_uppercase
    return ("".join(secrets.choice(hexdigits) for _ in range(12)) + "-"
            + "".join(secrets.choice(alnum) for _ in range(7)))


def demo_certificate() -> model.CertificateProfile:
    made = x509.make_self_signed(DEMO_SUBJECT, days=3650)
    return model.CertificateProfile(name="Demo", certificate_pem=made.certificate_pem,
                                    key_pem=made.key_pem)


HAT_NAMES = {
    "legacy": {"allowed": "WHITELIST", "blocked": "BLACKLIST"},   # AsyncOS 9.7 guide [V]
    "modern": {"allowed": "ALLOWED_LIST", "blocked": "BLOCKED_LIST"},  # later releases [R]
}


def hat_group_names(setting: object = None) -> dict[str, str]:
    """Names of the allowed/blocked sender groups for the lab knob ``hat_names``: "legacy"
    (the default), "modern", or a mapping with "allowed" and "blocked"."""
    if isinstance(setting, dict):
        return {**HAT_NAMES["legacy"], **setting}
    return dict(HAT_NAMES.get(str(setting or "legacy"), HAT_NAMES["legacy"]))


def _authentication_defaults() -> dict:
    """The default policy parameters the HAT PRINT of the 9.7 guide does not show: every check
    off, profiles and levels as a new appliance has them (cli.md §5.5; values R)."""
    return dict(dhap_action="code", sender_rate_limit=-1, sender_rate_minutes=60,
                ip_grouping_bits=0, relay_header="", dkim_signing=False, smime_harvest=False, smime_harvest_on_failure=False,
                smime_harvest_updated=False, smime_gateway=False, smime_signature="preserve",
                dkim_verification=False, dkim_profile=model.DEFAULT_PROFILE,
                spf_verification=False, spf_conformance="sidf_compatible", spf_downgrade_pra=False,
                spf_helo_check=True, spf_timeout=40, spf_reject="", spf_reject_code=550,
                spf_reject_text="#5.7.1 SPF unauthorized mail is prohibited.",
                spf_temperror_code=451,
                spf_temperror_text="#4.4.3 Temporary error occurred during SPF verification.",
                spf_publisher_text=False,
                dmarc_verification=False, dmarc_profile=model.DEFAULT_PROFILE, dmarc_reports=False,
                sender_verification=False, domain_exception_table=False,
                accept_untagged_bounces=False)


def public_hat(names: dict[str, str] | None = None, relaylist: bool = True) -> model.HostAccess:
    """The public listener's predefined sender groups and mail-flow policies (cli.md §5.5).
    ``relaylist``: the one-listener setup also relays for RELAYLIST; a listener created with
    ``listenerconfig`` NEW has only the four groups of the 9.7 guide."""
    names = names or {}
    allowed, blocked = names.get("allowed", "WHITELIST"), names.get("blocked", "BLACKLIST")
    hat = model.HostAccess(
        policies={
            "$ACCEPTED": model.MailFlowPolicy("$ACCEPTED", "ACCEPT"),
            "$THROTTLED": model.MailFlowPolicy("$THROTTLED", "ACCEPT", model.PolicyParams(
                spam_check=True, max_msgs_per_session=10, max_concurrency=10, max_rcpts_per_msg=25,
                max_rcpts_per_hour=1, dhap_limit=0, virus_check=True, max_message_size=1048576,
                use_sb=True, tls="off")),
            "$TRUSTED": model.MailFlowPolicy("$TRUSTED", "ACCEPT", model.PolicyParams(
                spam_check=False, max_msgs_per_session=5000, max_concurrency=600,
                max_rcpts_per_msg=5000, max_rcpts_per_hour=-1, dhap_limit=0, virus_check=True,
                max_message_size=104857600, use_sb=False, tls="off")),
            "$BLOCKED": model.MailFlowPolicy("$BLOCKED", "REJECT"),
            "$RELAYED": model.MailFlowPolicy("$RELAYED", "RELAY", model.PolicyParams(
                max_msgs_per_session=5000, max_concurrency=600, max_rcpts_per_msg=5000,
                max_rcpts_per_hour=-1, max_message_size=104857600, spam_check=False,
                virus_check=True, use_sb=False, tls="off")),
        },
        sender_groups=[
            model.SenderGroup("RELAYLIST", ["127.0.0.1"], "$RELAYED",
                              "Hosts allowed to relay mail through this listener"),
            model.SenderGroup(allowed, [], "$TRUSTED",
                              "My trusted senders have no anti-spam scanning or rate limiting"),
            model.SenderGroup(blocked, ["sbrs[-10.0:-3.0]"], "$BLOCKED", "Spammers are rejected"),
            model.SenderGroup("SUSPECTLIST", ["sbrs[-3.0:-1.0]"], "$THROTTLED",
                              "Suspicious senders are throttled"),
            model.SenderGroup("UNKNOWNLIST", ["sbrs[-1.0:10.0]", "sbrs[none]"], "$ACCEPTED",
                              "Reviewed but undecided, continue normal acceptance"),
        ],
        default_params=model.PolicyParams(
            max_message_size=10485760, max_concurrency=10, max_msgs_per_session=10,
            max_rcpts_per_msg=50, max_rcpts_per_hour=-1, dhap_limit=0, spam_check=True,
            virus_check=True, use_sb=True, tls="off", smtp_auth="off",
            **_authentication_defaults()),
        default_action="$ACCEPTED",
    )
    if not relaylist:
        del hat.policies["$RELAYED"]
        hat.sender_groups = [g for g in hat.sender_groups if g.name != "RELAYLIST"]
    return hat


def private_hat(relay_hosts: list[str]) -> model.HostAccess:
    """A new private listener's HAT: RELAYLIST relays, everyone else is blocked (cli.md §5.5)."""
    public = public_hat()
    return model.HostAccess(
        policies={name: public.policies[name] for name in ("$RELAYED", "$TRUSTED", "$BLOCKED")},
        sender_groups=[model.SenderGroup("RELAYLIST", list(relay_hosts), "$RELAYED",
                                         "Hosts allowed to relay mail through this listener")],
        default_params=model.PolicyParams(
            max_message_size=10485760, max_concurrency=600, max_msgs_per_session=10000,
            max_rcpts_per_msg=10000, max_rcpts_per_hour=-1, dhap_limit=0, spam_check=False,
            virus_check=True, use_sb=False, tls="off", smtp_auth="off",
            **_authentication_defaults()),
        default_action="$BLOCKED",
    )


def without_sbrs(hat: model.HostAccess) -> model.HostAccess:
    """The HAT of a listener created without SenderBase reputation filtering."""
    for group in hat.sender_groups:
        group.senders = [s for s in group.senders if not s.lower().startswith("sbrs[")]
    return hat


# A 16.x appliance's predefined log subscriptions: name, type, file name prefix.  Types from
# Cisco's QA library's type list (S) where it has them; the set itself and the newer types are
# recalled from 14.x-16.x appliances (R), consistent with a real listing (mail-logs.md §1.5) in
# which a user's log numbered 1 puts bounces at 10, cli_logs at 11 and error_logs at 13 (that
# older release had no consolidated_event or content_scanner).  error_logs is at level Critical, the others at
# Information (user guide 9.1, "All pre-configured log subscriptions have a Log Level of 3,
# except for error_logs which is set at 1").
LOG_SUBSCRIPTIONS = (
    ("amp", "AMP Engine Logs", "amp"), ("amparchive", "AMP Archive", "amparchive"),
    ("antispam", "Anti-Spam Logs", "antispam"), ("antivirus", "Anti-Virus Logs", "antivirus"),
    ("api_logs", "API Logs", "api"), ("asarchive", "Anti-Spam Archive", "asarchive"),
    ("authentication", "Authentication Logs", "authentication"),
    ("avarchive", "Anti-Virus Archive", "avarchive"), ("bounces", "Bounce Logs", "bounces"),
    ("cli_logs", "CLI Audit Logs", "cli"),
    ("consolidated_event", "Consolidated Event Logs", "consolidated_event"),
    ("content_scanner", "Content Scanner Logs", "content_scanner"),
    ("encryption", "Encryption Logs", "encryption"),
    ("error_logs", "IronPort Text Mail Logs", "errors"),
    ("euq_logs", "Spam Quarantine Logs", "euq"),
    ("euqgui_logs", "Spam Quarantine GUI Logs", "euqgui"),
    ("ftpd_logs", "FTP Server Logs", "ftpd"), ("gui_logs", "HTTP Logs", "gui"),
    ("mail_logs", "IronPort Text Mail Logs", "mail"),
    ("reportd_logs", "Reporting Logs", "reportd"),
    ("reportqueryd_logs", "Reporting Query Logs", "reportqueryd"),
    ("scanning", "Scanning Logs", "scanning"), ("sntpd_logs", "NTP logs", "sntpd"),
    ("status", "Status Logs", "status"), ("system_logs", "System Logs", "system"),
    ("trackerd_logs", "Tracking Logs", "trackerd"), ("updater_logs", "Updater Logs", "updater"),
    ("upgrade_logs", "Upgrade Logs", "upgrade"),
)


def log_subscriptions() -> model.Logs:
    return model.Logs({name: model.LogSubscription(
        name, kind, level="Critical" if name == "error_logs" else "Information",
        filename=prefix) for name, kind, prefix in LOG_SUBSCRIPTIONS})


def machine_sections(hostname: str, address: str) -> dict:
    interfaces = {"Management": model.Interface(
        name="Management", ipv4=address, prefix=8, hostname=hostname,
        services={"ssh": 22, "ftp": 21, "http": 80, "https": 443})}
    return {"system": model.System(hostname=hostname), "interfaces": interfaces}


def dns_settings(servers: list[str] | None = None) -> model.DnsConfig:
    """The Internet root servers (the factory setting), or the given local servers (a lab
    with its own DNS server), all at priority 0."""
    if not servers:
        return model.DnsConfig()
    return model.DnsConfig(mode=model.DNS_LOCAL,
                           servers=[model.DnsServer(address) for address in servers])


def shared_sections(domain: str, admin_hash: str,
                    hat_names: dict[str, str] | None = None,
                    dns_servers: list[str] | None = None) -> dict:
    listener = model.Listener(
        name="IncomingMail", type="public", interface="Management", port=25,
        hat=public_hat(hat_names), default_domain=domain,
        rat=[model.RecipientAccess(domain, "ACCEPT"), model.RecipientAccess(model.RAT_ALL, "REJECT")])
    return {
        "listeners": model.ListenerSettings(listeners={listener.name: listener}),
        "certificates": model.Certificates(profiles={"Demo": demo_certificate()}),
        "destconfig": model.DestConfig(),
        "delivery": model.Delivery(),
        "smtproutes": model.SmtpRoutes(),
        "dnsconfig": dns_settings(dns_servers),
        "ldap": model.Ldap(),
        "websecurity": model.WebSecurity(),
        "alerts": model.Alerts(),
        "users": model.Users({"admin": model.User("admin", "Administrator", "admin", admin_hash)}),
        "logs": log_subscriptions(),
        "mailpolicies": model.MailPolicies(),
        "ssl": model.SslConfig(),
    }


def factory_config(hostname: str = HOSTNAME, address: str = "127.0.0.1",
                   serial: str | None = None, model_name: str = "C100V",
                   version: str = "16.0.3-025",
                   hat_names: dict[str, str] | None = None,
                   dns_servers: list[str] | None = None) -> ClusterConfig:
    """A standalone appliance: a cluster of one, every section at machine level.
    ``hat_names``: the allowed/blocked sender groups' names (``hat_group_names``);
    ``dns_servers``: local DNS servers (default: the Internet root servers)."""
    machine = Machine(name=hostname, serial=serial or make_serial(), model=model_name,
                      version=version)
    domain = hostname.split(".", 1)[1] if "." in hostname else hostname
    sections = machine_sections(hostname, address)
    sections.update(shared_sections(domain, passwords.hash_password("ironport"), hat_names,
                                    dns_servers))
    return ClusterConfig(machines={hostname: machine}, levels={machine_key(hostname): sections})
