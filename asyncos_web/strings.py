"""Every user-visible string of the web interface, in one table.

Each entry is ``id: (text, evidence)`` with the labels of ``shared/reference/cli.md``: V verbatim
(here: a GUI label the tech note "Certificate setup guide for TLS on the ESA" prints, summarised
in ``shared/reference/seed-summary.md``), S verbatim substring, T third-party, R our reasoned
guess at the appliance's wording.  Templates and handlers refer to ids only (``t("id")``).
Page modules with many strings register their own table here with ``register``.
"""
from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # -- frame: top menus (seed §3.1-§3.4: Network > Certificates, Mail Policies > ...) --
    "menu.monitor": ("Monitor", "V"),
    "menu.mail_policies": ("Mail Policies", "V"),
    "menu.security_services": ("Security Services", "V"),
    "menu.network": ("Network", "V"),
    "menu.system_administration": ("System Administration", "V"),
    "menu.system_status": ("System Status", "R"),
    "menu.message_tracking": ("Message Tracking", "R"),
    "menu.spam_quarantine": ("Spam Quarantine", "S"),   # user guide: Monitor > Spam Quarantine
    "menu.mail_flow_policies": ("Mail Flow Policies", "V"),
    "menu.hat_overview": ("HAT Overview", "R"),
    "menu.destination_controls": ("Destination Controls", "V"),
    "menu.url_filtering": ("URL Filtering", "R"),
    "menu.ip_interfaces": ("IP Interfaces", "V"),
    "menu.listeners": ("Listeners", "V"),
    "menu.certificates": ("Certificates", "V"),
    "menu.ldap": ("LDAP", "V"),
    "menu.configuration_file": ("Configuration File", "V"),
    "frame.logged_in": ("Logged in as: {user}", "R"),
    "frame.logout": ("Log Out", "R"),
    "frame.commit": ("Commit Changes", "V"),
    "frame.uncommitted": ("Uncommitted Changes", "R"),
    "frame.no_changes": ("No Changes Pending", "R"),
    "frame.title": ("Cisco {model} {product} - {hostname}", "R"),
    "frame.copyright": ("Emulated appliance: {model}, AsyncOS {version}, serial {serial}", "R"),
    # -- cluster mode (cli.md §1.3 mode names; the wording of the bar is ours) --
    "mode.label": ("Mode — {mode}", "R"),
    "mode.change": ("Change Mode...", "R"),
    "mode.defined_at": ("Settings are defined at: {level}", "R"),
    "mode.not_here": ("These settings are not configured in {mode}: change the mode to {level} to "
                      "edit them.", "R"),
    "mode.not_configured": ("The settings are not configured in {mode} (they are defined at "
                            "{defined}). Change the mode to edit them.", "R"),
    # -- buttons --
    "button.submit": ("Submit", "V"),
    "button.cancel": ("Cancel", "R"),
    "button.next": ("Next", "V"),
    "button.delete": ("Delete", "R"),
    "button.login": ("Login", "R"),
    "button.commit": ("Commit Changes", "V"),
    "button.abandon": ("Abandon Changes", "V"),
    # -- login (mail-logs.md §6 for what the logs say) --
    "login.title": ("Log In", "R"),
    "login.username": ("Username", "R"),
    "login.password": ("Passphrase", "R"),
    "login.failed": ("Authentication failed. Please check your username and passphrase.", "R"),
    "login.expired": ("Your session has expired. Please log in again.", "R"),
    "login.logged_out": ("You have been logged out.", "R"),
    "login.cli_hint": ("The command line interface is also available: {command}", "R"),
    # -- errors of the frame --
    "error.csrf": ("The request was refused: its form is stale or did not come from this "
                   "appliance (invalid CSRF token). Reload the page and try again.", "R"),
    "error.not_found": ("The page you requested does not exist.", "R"),
    "error.access": ("You do not have permission to access this page.", "R"),
    "error.internal": ("An application fault occurred. The error has been logged.", "R"),
    "error.fields": ("Please correct the errors below.", "R"),
    "error.required": ("This field is required.", "R"),
    "error.integer": ("Enter a whole number from {low} to {high}.", "R"),
    # -- System Status (Monitor) --
    "status.title": ("System Status", "R"),
    "status.hostname": ("Hostname", "R"),
    "status.model": ("Model", "R"),
    "status.version": ("AsyncOS Version", "R"),
    "status.serial": ("Serial Number", "R"),
    "status.interface": ("Interface", "R"),
    # -- Commit Changes --
    "commit.title": ("Uncommitted Changes", "R"),
    "commit.intro": ("You have uncommitted changes. These changes will not go into effect until "
                     "you commit them.", "R"),
    "commit.none": ("There are no changes to commit.", "R"),
    "commit.comment": ("Comment (optional):", "R"),
    "commit.changes": ("Changes", "R"),
    "commit.done": ("Your changes have been committed.", "R"),
    "commit.abandoned": ("Your changes have been abandoned.", "R"),
    "commit.nothing": ("There is no data to commit.", "T"),
    "commit.invalid": ("The changes could not be committed:", "R"),
    "commit.access": ("You do not have permission to commit changes. Only an Administrator or "
                      "an Operator can commit; your changes are kept until you log out.", "R"),
    "commit.unavailable": ("The configuration could not be committed: {reason}. Your changes "
                           "are kept; try again.", "R"),
    "session.discarded": ("Your uncommitted changes were discarded: {machine} joined or left a "
                          "cluster.", "R"),
    "change.set": ("{path}: {value}", "R"),
    "change.removed": ("{path}: removed", "R"),
    "change.new": ("new or changed settings", "R"),
    "change.secret": ("(private key)", "R"),
}


def register(table: dict[str, tuple[str, str]]) -> None:
    for key in table:
        if key in STRINGS:
            raise ValueError(f"duplicate string id {key}")
    STRINGS.update(table)


def text(string_id: str, **values: object) -> str:
    value = STRINGS[string_id][0]
    return value.format(**values) if values else value
