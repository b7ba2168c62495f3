"""Network > Listeners and IP Interfaces, Mail Policies > Mail Flow Policies, HAT Overview and
Destination Controls: each page changes the session's pending configuration exactly as the CLI
dialogue for the same setting does, and refuses bad input with the field marked."""
from __future__ import annotations

from .support import Client, make_gui


def logged_in(tmp_path) -> Client:
    gui, _ = make_gui(tmp_path)
    client = Client(gui)
    client.login()
    return client


def pending(client: Client):
    return client.gui.sessions.sessions[client.cookies["sid"]].config.view()


def test_listener_certificate(tmp_path):
    client = logged_in(tmp_path)
    assert 'id="listener-IncomingMail"' in client.get("/network/listeners").body
    page = client.get("/network/listeners/edit?name=IncomingMail")
    assert '<option value="Demo" selected>Demo</option>' in page.body
    assert client.post("/network/listeners/edit", name="IncomingMail",
                       certificate="Nope").field_error("certificate")
    assert client.post("/network/listeners/edit", name="IncomingMail",
                       certificate="Demo").status == 303


def test_interface_hostname_services_and_https_certificate(tmp_path):
    client = logged_in(tmp_path)
    client.get("/network/interfaces/edit?name=Management")
    form = dict(name="Management", hostname="mail.example.com", https_certificate="Demo",
                ssh="on", ssh_port="22", https="on", https_port="8443", http="on",
                http_port="22", ftp_port="21")
    page = client.post("/network/interfaces/edit", **form)
    assert page.field_error("http_port") == "Port 22 is already used by ssh on Management."
    assert client.post("/network/interfaces/edit", **{**form, "http_port": "80",
                                                      "hostname": "bad"}).field_error(
        "hostname") == "A hostname must have at least 2 labels separated by a period."
    assert pending(client).interfaces["Management"].hostname != "bad"
    assert client.post("/network/interfaces/edit", **{**form, "http_port": "80"}).status == 303
    iface = pending(client).interfaces["Management"]
    assert iface.hostname == "mail.example.com"
    assert iface.services == {"ssh": 22, "https": 8443, "http": 80}


def test_default_policy_parameters_and_a_policy_tls(tmp_path):
    client = logged_in(tmp_path)
    page = client.get("/mail_policies/mail_flow")
    assert "Default Policy Parameters" in page.body and 'id="policy-ACCEPTED"' in page.body
    client.get("/mail_policies/mail_flow/policy?listener=IncomingMail")
    assert client.post("/mail_policies/mail_flow/policy", listener="IncomingMail", name="",
                       tls="bogus").status == 400
    client.post("/mail_policies/mail_flow/policy", listener="IncomingMail", name="", tls="on")
    hat = pending(client).listeners.listeners["IncomingMail"].hat
    assert hat.default_params.tls == "on"
    client.post("/mail_policies/mail_flow/policy", listener="IncomingMail", name="$ACCEPTED",
                tls="required")
    hat = pending(client).listeners.listeners["IncomingMail"].hat
    assert hat.policies["$ACCEPTED"].params.tls == "required"
    assert "RELAYLIST" in client.get("/mail_policies/hat").body


def test_destination_controls(tmp_path):
    client = logged_in(tmp_path)
    client.get("/mail_policies/destinations/edit")
    page = client.post("/mail_policies/destinations/edit", domain="not a domain",
                       tls="require_verify", max_concurrency="0")
    assert page.field_error("domain") and page.field_error("max_concurrency") == \
        "Enter a whole number from 1 to 1000."
    assert not pending(client).destconfig.entries
    client.post("/mail_policies/destinations/edit", domain="Example.COM", tls="require_verify",
                max_concurrency="")
    entry = pending(client).destconfig.entries["example.com"]
    assert (entry.tls, entry.max_concurrency) == ("require_verify", None)
    assert client.post("/mail_policies/destinations/edit", domain="example.com",
                       tls="on").field_error("domain") == 'An entry for "example.com" already exists.'
    assert "Required - Verify" in client.get("/mail_policies/destinations").body
    client.post("/mail_policies/destinations/edit", original="example.com", tls="on",
                max_messages_per_connection="5")
    entry = pending(client).destconfig.entries["example.com"]
    assert (entry.tls, entry.max_messages_per_connection) == ("on", 5)
    client.get("/mail_policies/destinations/global")
    client.post("/mail_policies/destinations/global", certificate="Demo", tls_alert="on")
    assert pending(client).destconfig.tls_alert
    client.post("/mail_policies/destinations/delete", domain="example.com")
    assert not pending(client).destconfig.entries


def test_ldap_certificate_and_url_filtering_client_certificate(tmp_path):
    client = logged_in(tmp_path)
    assert "LDAP Global Settings" in client.get("/system_administration/ldap").body
    client.get("/system_administration/ldap/global")
    assert client.post("/system_administration/ldap/global", interface="Nowhere",
                       certificate="Demo").field_error("interface")
    client.post("/system_administration/ldap/global", interface="Management", certificate="Demo")
    assert pending(client).ldap.interface == "Management"
    client.get("/security_services/url_filtering")
    client.post("/security_services/url_filtering", url_filtering="on",
                client_certificate="Demo")
    assert (pending(client).websecurity.url_filtering,
            pending(client).websecurity.client_certificate) == (True, "Demo")


def test_add_and_remove_senders_of_a_sender_group(tmp_path):
    client = logged_in(tmp_path)
    assert 'id="group-SUSPECTLIST"' in client.get("/mail_policies/hat").body
    client.get("/mail_policies/hat/group?listener=IncomingMail&name=SUSPECTLIST")
    page = client.post("/mail_policies/hat/group", listener="IncomingMail", name="SUSPECTLIST",
                       add="10.1.1.999")
    assert page.status == 400 and page.field_error("add")
    client.post("/mail_policies/hat/group", listener="IncomingMail", name="SUSPECTLIST",
                add="127.0.0.30, 127.0.0.30")
    groups = pending(client).listeners.listeners["IncomingMail"].hat.sender_groups
    suspect = next(g for g in groups if g.name == "SUSPECTLIST")
    assert suspect.senders.count("127.0.0.30") == 1
    client.get("/mail_policies/hat/group?listener=IncomingMail&name=SUSPECTLIST")
    client.post("/mail_policies/hat/group", listener="IncomingMail", name="SUSPECTLIST",
                remove="127.0.0.30")
    groups = pending(client).listeners.listeners["IncomingMail"].hat.sender_groups
    assert "127.0.0.30" not in next(g for g in groups if g.name == "SUSPECTLIST").senders


def test_destination_limits_dane_bounce_verification_and_ip_preference(tmp_path):
    client = logged_in(tmp_path)
    page = client.get("/mail_policies/destinations/edit")
    assert 'selected>Use Default (System Wide)</option>' in page.body
    client.post("/mail_policies/destinations/edit", domain="example.org", tls="require_verify",
                limit_type="MXIP", limit_apply="VG", dane="mandatory", bounce_verification="on",
                ip_sort_pref="REQUIRE_V4")
    entry = pending(client).destconfig.entries["example.org"]
    assert (entry.limit_type, entry.limit_apply, entry.dane, entry.bounce_verification,
            entry.ip_sort_pref) == ("MXIP", "VG", "mandatory", True, "REQUIRE_V4")
    assert client.post("/mail_policies/destinations/edit", original="example.org",
                       dane="sometimes").field_error("dane")
    client.post("/mail_policies/destinations/edit", original="example.org", tls="off",
                dane="mandatory")
    entry = pending(client).destconfig.entries["example.org"]
    assert (entry.tls, entry.dane, entry.limit_type) == ("off", None, None)
