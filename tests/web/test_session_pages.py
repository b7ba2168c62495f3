"""Login, logout, the session cookie, CSRF, roles, idle expiry and Commit Changes."""
from __future__ import annotations

import dataclasses

from asyncos_web.gui import Call
from cluster import model
from cluster.passwords import hash_password

from .support import Client, make_gui


def add_user(gui, name: str, role: str, password: str = "Secret-123") -> None:
    session = gui.appliance.new_session("admin")
    session.edit("users").users[name] = model.User(name, role=role,
                                                   password_hash=hash_password(password))
    session.commit("user", False)


def test_login_sets_a_strict_cookie_and_logs_in_the_appliance_format(tmp_path):
    gui, logs = make_gui(tmp_path)
    client = Client(gui)
    assert client.get("/network/certificates").headers["location"] == "/login"
    page = client.login()
    assert (page.status, page.headers["location"]) == (303, "/monitor/status")
    cookie = page.headers["set-cookie"]
    assert cookie.startswith("sid=") and "Secure" in cookie and "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie
    assert "<th>Hostname</th><td>ironport.example.com</td>" in client.get("/monitor/status").body
    sid = client.cookies["sid"]
    assert logs.of("authentication") == [
        "The user admin successfully logged on from 192.168.1.1 with privilege admin using an "
        "HTTPS connection."]
    assert logs.of("gui_logs")[-1] == (
        f"SourceIP:192.168.1.1 Destination:/login Username:admin Privilege:admin session:{sid} "
        f"Action: The HTTPS session has been established successfully.")
    client.post("/logout")
    assert logs.of("authentication")[-1] == f"logout:192.168.1.1 user:admin session:{sid}"
    assert "sid" not in client.cookies
    client.cookies["sid"] = sid     # the old cookie no longer opens a session
    assert client.get("/monitor/status").headers["location"] == "/login?reason=expired"


def test_wrong_password_and_unknown_user_fail_alike(tmp_path):
    gui, logs = make_gui(tmp_path)
    client = Client(gui)
    for user in ("admin", "nobody\r\nforged"):
        client.get("/login")
        page = client.post("/login", username=user, password="wrong")
        assert page.status == 401 and "Authentication failed" in page.body
    assert logs.of("authentication") == [
        "An authentication attempt by the user admin from 192.168.1.1 failed using an HTTPS "
        "connection.",
        # the log writer escapes the CR LF (smtp_core.logfiles; tests/hardening/test_logs.py)
        "An authentication attempt by the user nobody\r\nforged from 192.168.1.1 failed using "
        "an HTTPS connection."]
    assert "sid" not in client.cookies


def test_gui_failures_lock_the_account_in_the_appliances_one_accounting(tmp_path):
    gui, logs = make_gui(tmp_path)
    accounts = gui.accounts
    assert accounts is gui.appliance.accounts            # the one SSH and FTP use
    accounts.failed("admin", "10.0.0.9", "an SSH connection")   # one failure over SSH
    client = Client(gui)
    for _ in range(4):                                   # the factory policy locks at five
        client.get("/login")
        assert client.post("/login", username="admin", password="wrong").status == 401
    assert accounts.locked("admin")
    assert "The user admin was locked after 5 consecutive failed login attempts." in logs.of(
        "authentication")
    page = client.login()                                # the right passphrase: still refused
    assert page.status == 401 and "Authentication failed" in page.body
    accounts.make_available("admin", by="admin")
    assert client.login().status == 303


def test_an_account_locked_by_an_administrator_shows_the_policy_message(tmp_path):
    gui, logs = make_gui(tmp_path)
    session = gui.appliance.new_session("admin")
    policy = session.edit("users").account_policy
    policy.show_locked_message, policy.locked_message = True, "Ask the mail team <4242>."
    session.commit("message", False)
    gui.accounts.lock("admin", by="admin")
    page = Client(gui).login()
    assert page.status == 401 and "Ask the mail team &lt;4242&gt;." in page.body


def test_a_post_without_the_session_token_is_refused(tmp_path):
    gui, logs = make_gui(tmp_path)
    client = Client(gui)
    client.login()
    client.get("/network/certificates/authorities")
    page = client.post("/network/certificates/authorities", CSRFKey="", system="off",
                       custom="on")
    assert page.status == 403 and "invalid CSRF token" in page.body
    assert not gui.sessions.sessions[client.cookies["sid"]].config.has_changes
    assert "CSRF token check failed" in logs.of("gui_logs")[-1]
    # the login form has its own token
    other = Client(gui)
    assert other.request("POST", "/login", username="admin", password="ironport").status == 403


def test_commit_changes_and_abandon(tmp_path):
    gui, logs = make_gui(tmp_path)
    client = Client(gui)
    client.login()
    assert "No Changes Pending" in client.get("/monitor/status").body
    client.get("/network/certificates/authorities")
    client.post("/network/certificates/authorities", system="off", custom="on")
    page = client.get("/commit")
    assert "Uncommitted Changes" in page.body and "certificates &gt; system_ca_enabled: False" in page.body
    client.post("/commit", action="abandon")
    assert "No Changes Pending" in client.get("/monitor/status").body

    client.get("/network/certificates/authorities")
    client.post("/network/certificates/authorities", system="off", custom="on")
    client.get("/commit")
    page = client.post("/commit", action="commit", comment="GUI change")
    assert page.headers["location"] == "/monitor/status"
    assert "Your changes have been committed." in client.get("/monitor/status").body
    assert not gui.appliance.view().certificates.system_ca_enabled
    record = gui.appliance.history()[-1]
    assert (record.user, record.comment) == ("admin", "GUI change")
    assert logs.of("system_logs")[-1].endswith("User admin commit changes: GUI change")


def test_read_only_operator_changes_but_cannot_commit_guest_cannot_configure(tmp_path):
    gui, _ = make_gui(tmp_path)
    add_user(gui, "viewer", "readonly")
    add_user(gui, "visitor", "guest")
    client = Client(gui)
    client.login("viewer", "Secret-123")
    client.get("/network/certificates/authorities")
    client.post("/network/certificates/authorities", system="off", custom="on")
    client.get("/commit")
    page = client.post("/commit", action="commit", comment="")
    assert page.status == 403 and "You do not have permission to commit" in page.body
    assert gui.appliance.view().certificates.system_ca_enabled
    guest = Client(gui)
    guest.login("visitor", "Secret-123")
    assert guest.get("/network/certificates").status == 403
    assert guest.get("/monitor/status").status == 200
    assert "Commit Changes" not in guest.get("/monitor/status").body


def test_sessions_expire_after_the_idle_timeout(tmp_path):
    gui, logs = make_gui(tmp_path)
    now = [1000.0]
    gui.sessions.clock = lambda: now[0]
    client = Client(gui)
    client.login()
    now[0] += 29 * 60
    assert client.get("/monitor/status").status == 200
    now[0] += 31 * 60
    assert client.get("/monitor/status").headers["location"] == "/login?reason=expired"
    assert logs.of("gui_logs")[-1].endswith("user:admin expired")
    assert "Your session has expired" in client.get("/login?reason=expired").body


def test_separate_sessions_have_separate_pending_changes(tmp_path):
    gui, _ = make_gui(tmp_path)
    first, second = Client(gui), Client(gui)
    first.login()
    second.login()
    first.get("/network/certificates/authorities")
    first.post("/network/certificates/authorities", system="off", custom="on")
    assert "Uncommitted Changes" in first.get("/monitor/status").body
    assert "No Changes Pending" in second.get("/monitor/status").body


def test_unknown_page_and_wrong_method(tmp_path):
    gui, _ = make_gui(tmp_path)
    client = Client(gui)
    client.login()
    assert client.get("/no/such/page").status == 404
    assert client.get("/logout").status == 405
    assert dataclasses.is_dataclass(model.User) and Call  # the handler API is importable
