"""Commit is the only gate: a bare session (no dialogue) cannot store what the dialogues refuse,
nor change what the committer's role may not, and each refusal leaves nothing stored."""
import copy
import dataclasses

import pytest

from cluster import authority, model, passwords, validate
from cluster.lab import FileRegistry, Lab
from cluster.levels import machine_key
from cluster.session import ConfigSession
from harness import factory

MACHINE = "ironport.example.com"


@pytest.fixture
def lab(tmp_path):
    lab = Lab(FileRegistry(tmp_path), {MACHINE: factory})
    admin = ConfigSession(lab, "admin", MACHINE)
    users = admin.edit("users").users
    for name, role in (("op", "operators"), ("ro", "readonly"), ("guest", "guest"),
                       ("desk", "helpdesk")):
        users[name] = model.User(name, name, role, passwords.hash_password("Secret123!"))
    admin.commit("users for the gate tests")
    return lab


def _rename(items: dict, old: str, new: str) -> None:
    """Rename the entry ``old`` of a name-keyed dict, as a careless XML edit would."""
    item = items.pop(old)
    item.name = new
    items[new] = item


def _listener(s):
    return s.edit("listeners").listeners["IncomingMail"]


# Each case edits a session as no dialogue would allow, and names the message the appliance's
# dialogue gives for it (the validator's own text: the dialogues re-prompt with the same one).
INVALID = {
    "listener name": (lambda s: _rename(s.edit("listeners").listeners, "IncomingMail", "In Mail"),
                      validate.name_error("listener", "In Mail")),
    "interface name": (lambda s: _rename(s.edit("interfaces"), "Management", "Mgmt/1"),
                       validate.name_error("interface", "Mgmt/1")),
    "certificate name": (lambda s: _rename(s.edit("certificates").profiles, "Demo", "De mo"),
                         validate.name_error("certificate", "De mo")),
    "user name": (lambda s: _rename(s.edit("users").users, "op", "1op"),
                  validate.name_error("user", "1op")),
    "sender group name": (
        lambda s: setattr(_listener(s).hat.sender_groups[1], "name", "WHITE LIST"),
        validate.name_error("sender group", "WHITE LIST")),
    "policy name": (lambda s: _rename(_listener(s).hat.policies, "$TRUSTED", "$TRUS-TED"),
                    validate.name_error("mail flow policy", "$TRUS-TED")),
    "password hash": (lambda s: setattr(s.edit("users").users["op"], "password_hash",
                                        "scrypt$1073741824$8$1$AAAA$AAAA"),
                      "invalid password hash"),
    "hostname": (lambda s: setattr(s.edit("system"), "hostname", "nodots"),
                 validate.hostname_error("nodots")),
    "listener port": (lambda s: setattr(_listener(s), "port", 70000), "invalid port 70000"),
    "missing certificate": (lambda s: setattr(_listener(s), "certificate", "nope"),
                            "uses certificate 'nope', which does not exist"),
    "unknown role": (lambda s: setattr(s.edit("users").users["op"], "role", "root"),
                     "unknown role 'root'"),
    "HAT TLS": (lambda s: setattr(_listener(s).hat.default_params, "tls", "maybe"),
                "unknown TLS setting 'maybe'"),
    "destination TLS": (lambda s: setattr(s.edit("destconfig").default, "tls", "sometimes"),
                        "unknown TLS setting 'sometimes'"),
    "sslconfig versions": (lambda s: setattr(s.edit("ssl").inbound, "methods",
                                             ["tlsv1_0", "tlsv1_2"]),
                           "sslconfig inbound: the TLS versions must be consecutive"),
    "sslconfig ciphers": (lambda s: setattr(s.edit("ssl").gui, "ciphers", "NOPE"),
                          "sslconfig gui: the cipher list 'NOPE' selects no cipher"),
}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_invalid_values_are_refused_with_the_appliance_message(lab, case):
    change, message = INVALID[case]
    assert message
    before = lab.revision_key(MACHINE)
    session = ConfigSession(lab, "admin", MACHINE)
    change(session)
    with pytest.raises(validate.ConfigError) as refused:
        session.commit("invalid")
    assert any(message in error for error in refused.value.errors), refused.value.errors
    assert lab.revision_key(MACHINE) == before
    assert session.has_changes  # the pending edits survive, to be fixed


def _become_admin(s):
    s.edit("users").users[s.user].role = "admin"


def _add_admin(s):
    s.edit("users").users["mallory"] = model.User("mallory", "", "admin",
                                                  passwords.hash_password("Secret123!"))


def _loadconfig_of_own_users(s):
    """What ``loadconfig`` of an edited ``showconfig`` file does: replace whole levels."""
    edited = copy.deepcopy(s.config.levels)
    edited[machine_key(MACHINE)]["users"].users[s.user].role = "admin"
    s.config.levels = edited


REFUSED = [
    ("op", _become_admin), ("op", _add_admin), ("op", _loadconfig_of_own_users),
    ("ro", lambda s: setattr(s.edit("system"), "hostname", "ro.example.com")),
    ("guest", lambda s: setattr(s.edit("delivery"), "max_concurrency", 7)),
    ("desk", lambda s: setattr(s.edit("delivery"), "max_concurrency", 7)),
    ("ro", lambda s: setattr(s.edit("users").users["ro"], "password_hash",
                             passwords.hash_password("NewSecret1!"))),
    ("gone", lambda s: setattr(s.edit("system"), "hostname", "gone.example.com")),
]


@pytest.mark.parametrize("user,change", REFUSED)
def test_roles_are_checked_at_commit_whatever_made_the_change(lab, user, change):
    before = lab.revision_key(MACHINE)
    session = ConfigSession(lab, user, MACHINE)
    change(session)
    with pytest.raises(authority.NotAuthorized) as refused:
        session.commit("not mine to make")
    assert refused.value.errors == [authority.ACCESS_DENIED]
    assert lab.revision_key(MACHINE) == before


def test_operators_change_settings_and_their_own_passphrase(lab):
    session = ConfigSession(lab, "op", MACHINE)
    session.edit("delivery").max_concurrency = 77
    session.edit("users").users["op"].password_hash = passwords.hash_password("NewSecret1!")
    session.commit("allowed")
    users = lab.committed(MACHINE).appliance(MACHINE).users.users
    assert passwords.check_password("NewSecret1!", users["op"].password_hash)
    assert lab.committed(MACHINE).appliance(MACHINE).delivery.max_concurrency == 77


def test_a_rollback_configuration_is_validated_and_checked_like_any_change(lab):
    operator = ConfigSession(lab, "op", MACHINE)
    loaded = dataclasses.replace(operator.config)
    loaded.levels = copy.deepcopy(loaded.levels)
    loaded.levels[machine_key(MACHINE)]["users"].users.pop("admin")
    operator.config = loaded
    with pytest.raises(authority.NotAuthorized):
        operator.commit("drop the administrator")
    assert "admin" in lab.committed(MACHINE).appliance(MACHINE).users.users
