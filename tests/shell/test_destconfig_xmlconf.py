"""The delivery sections (destconfig, smtproutes, delivery, alerts, ldap, websecurity): every
setting survives XML export/import; whole-configuration validation rejects what the SMTP core
could not use; the lookups the SMTP core relies on."""
import copy

import pytest
from cryptography.fernet import Fernet

from cluster import model, tree, validate, xmlconf
from cluster.levels import machine_key
from harness import MACHINE, factory


def configured():
    """A factory configuration with every delivery setting changed from its default."""
    config = factory()
    level = config.levels[machine_key(MACHINE)]
    demo = level["certificates"].profiles["Demo"]
    level["certificates"].profiles["Lab"] = model.CertificateProfile(
        "Lab", demo.certificate_pem, demo.key_pem)
    level["interfaces"]["Data1"] = model.Interface("Data1", "127.0.0.9", 24, "data1.example.com")
    level["destconfig"] = model.DestConfig(
        certificate="Lab", tls_alert=True,
        default=model.DestinationControl(
            "Default", 100, 0, 30, "MXIP", "VG", 20, "on", "opportunistic", True, "Default",
            "REQUIRE_V4"),
        entries={"example.net": model.DestinationControl(
            "example.net", 10, 500, 15, "host", "system", 5, "require_verify", "mandatory", False,
            "Default", "PREFER_V4"),
                 ".example.org": model.DestinationControl(".example.org", tls="require")})
    level["smtproutes"] = model.SmtpRoutes({
        "example.net": model.SmtpRoute("example.net", [
            model.RouteDestination("127.0.0.5", 2525, 0),
            model.RouteDestination("mx.example.net", 25, 10)]),
        ".example.org": model.SmtpRoute(".example.org", [model.RouteDestination("/dev/null")]),
        "ALL": model.SmtpRoute("ALL", [model.RouteDestination("USEDNS")])})
    level["delivery"] = model.Delivery("Data1", False, 200, 50, False)
    level["alerts"] = model.Alerts(
        {"ops@example.com": model.AlertRecipient("ops@example.com", {
            "System": ["Warning", "Critical"], "Release and Support Notification": []})},
        from_address="alerts@example.com", debounce_initial_seconds=10, debounce_max_seconds=20,
        autosupport=False, max_saved=7, interface="Data1", tls=True, autosupport_weekly=False)
    level["ldap"] = model.Ldap(
        {"Corp": model.LdapServer("Corp", ["ldap1.example.com", "10.0.0.7"], 636, True, "password",
                                  "cn=bind", "s3cret", "Active Directory", "dc=example,dc=com")},
        interface="Data1", certificate="Lab")
    level["websecurity"] = model.WebSecurity(True, "", "Lab", True)
    return config


SECTIONS = ("destconfig", "smtproutes", "delivery", "alerts", "ldap", "websecurity")


@pytest.mark.parametrize("secrets", ["plain", "encrypt"])
def test_every_delivery_setting_round_trips_through_xml(secrets):
    config = configured()
    validate.validate(config)
    key = Fernet.generate_key()
    loaded = xmlconf.import_xml(xmlconf.export_xml(config, MACHINE, secrets=secrets, key=key), key)
    for section in SECTIONS:
        before = tree.to_tree(config.resolve(section, MACHINE))
        after = tree.to_tree(loaded.resolve(section, MACHINE))
        assert after == before, section
    assert loaded.resolve("smtproutes", MACHINE).routes["ALL"].destinations[0].host == "USEDNS"
    assert list(loaded.resolve("smtproutes", MACHINE).routes) == ["example.net", ".example.org",
                                                                    "ALL"]


def test_masked_export_hides_the_ldap_bind_passphrase():
    text = xmlconf.export_xml(configured(), MACHINE, secrets="mask")
    assert "s3cret" not in text
    with pytest.raises(xmlconf.MaskedSecrets):
        xmlconf.import_xml(text)


def broken(change):
    config = configured()
    change(config.levels[machine_key(MACHINE)])
    with pytest.raises(validate.ConfigError) as raised:
        validate.validate(config)
    return raised.value.errors


@pytest.mark.parametrize("change, message", [
    (lambda l: l["certificates"].profiles.pop("Lab"),
     "destination controls uses certificate 'Lab', which does not exist"),
    (lambda l: setattr(l["delivery"], "interface", "Data 9"),
     "delivery: invalid interface name 'Data 9'"),
    (lambda l: setattr(l["ldap"], "interface", "Data 9"),
     "LDAP: invalid interface name 'Data 9'"),
    (lambda l: setattr(l["alerts"], "interface", "Data 9"),
     "alerts: invalid interface name 'Data 9'"),
    (lambda l: setattr(l["destconfig"].entries["example.net"], "dane", "sometimes"),
     "destination example.net: unknown dane 'sometimes'"),
    (lambda l: setattr(l["destconfig"].entries["example.net"], "recipient_minutes", 61),
     "destination example.net: recipient_minutes must be from 1 to 60"),
    (lambda l: setattr(l["destconfig"].default, "tls", None),
     "destination Default: the default must set tls"),
    (lambda l: l["destconfig"].entries.update(
        {"bad domain": model.DestinationControl("bad domain")}),
     "destination 'bad domain': invalid domain"),
    (lambda l: l["smtproutes"].routes["ALL"].destinations.append(model.RouteDestination("a.b.c")),
     "SMTP route ALL: /dev/null or USEDNS must be the only destination"),
    (lambda l: setattr(l["smtproutes"].routes["example.net"].destinations[0], "port", 0),
     "SMTP route example.net: invalid port or priority for 127.0.0.5"),
    (lambda l: setattr(l["smtproutes"].routes["example.net"], "destinations", []),
     "SMTP route example.net: no destination hosts"),
    (lambda l: l["alerts"].recipients["ops@example.com"].classes.update({"Weather": ["Warning"]}),
     "alert recipient ops@example.com: unknown class 'Weather'"),
    (lambda l: setattr(l["ldap"].servers["Corp"], "port", 70000),
     "LDAP server Corp: invalid port 70000"),
    (lambda l: setattr(l["alerts"], "debounce_max_seconds", 5),
     "alert debounce intervals are inconsistent"),
])
def test_validation_rejects_what_the_smtp_core_cannot_use(change, message):
    assert f"{MACHINE}: {message}" in broken(change)


def test_destination_for_a_domain_fills_unset_values_from_the_default():
    dest = configured().resolve("destconfig", MACHINE)
    exact = dest.for_domain("EXAMPLE.net")
    assert (exact.domain, exact.tls, exact.max_concurrency) == ("example.net", "require_verify", 10)
    partial = dest.for_domain("mail.example.org")
    assert (partial.domain, partial.tls, partial.max_concurrency, partial.ip_sort_pref) == (
        ".example.org", "require", 100, "REQUIRE_V4")
    other = dest.for_domain("example.org")  # .example.org covers subdomains only
    assert (other.domain, other.tls) == ("Default", "on")
    assert dest.default.tls == "on" and copy.deepcopy(dest) == dest  # nothing was modified


def test_route_for_a_domain_most_specific_first_then_all():
    routes = configured().resolve("smtproutes", MACHINE)
    assert routes.route_for("example.net").destinations[0].port == 2525
    assert routes.route_for("a.b.example.org").destinations[0].host == "/dev/null"
    assert routes.route_for("example.com").domain == "ALL"
    assert model.SmtpRoutes().route_for("example.com") is None


def test_alert_recipients_by_class_and_severity():
    alerts = configured().resolve("alerts", MACHINE)
    assert alerts.recipients_for("System", "Warning") == ["ops@example.com"]
    assert alerts.recipients_for("System", "Information") == []
    assert alerts.recipients_for("Hardware", "Warning") == []
