"""The web interface's login uses the appliance's one login accounting: failed GUI logins count
toward the same lock as failed SSH logins, a locked account is refused on the login page (the
right passphrase too), an account an administrator locked shows the ACCOUNT policy's message,
and the lock and unlock lines are the SSH ones.  A real appliance process, OpenSSH and an HTTPS
client that keeps cookies as a browser does."""
from __future__ import annotations

import html
import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

from ..hardening.test_logs import log_text
from .test_https import port_line, unverified

PASSPHRASE = "Secret9x!pw"
LIMIT = 3
FAILED = "Authentication failed. Please check your username and passphrase."
TOKEN = re.compile(r'name="CSRFKey" value="([^"]+)"')


class WebClient:
    """An HTTPS client with a cookie jar: GET the login page, POST the form."""

    def __init__(self, port: int):
        self.base = f"https://127.0.0.1:{port}"
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=unverified()),
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def login(self, user: str, password: str) -> tuple[int, str]:
        """(status, page) after the login form is sent; 200 and the status page on success."""
        with self.opener.open(self.base + "/login", timeout=30) as page:
            token = TOKEN.search(page.read().decode()).group(1)
        form = urllib.parse.urlencode({"username": user, "password": password,
                                       "CSRFKey": token}).encode()
        try:
            with self.opener.open(self.base + "/login", data=form, timeout=60) as answer:
                return answer.status, html.unescape(answer.read().decode())
        except urllib.error.HTTPError as error:
            return error.code, html.unescape(error.read().decode())


def ssh_logs_in(server, password: str) -> bool:
    result = server.run("version", user="victim", password=password)
    return result.returncode == 0 and b"Cisco" in result.stdout


def test_gui_and_ssh_failures_share_one_lock(appliance_server):
    server = appliance_server
    dialogue = (f"userconfig add victim Victim operators {PASSPHRASE}\ncommit\nvictim\nY\n"
                f"userconfig\npolicy\naccount\ny\n{LIMIT}\n" + "\n" * 5
                + "commit\npolicy\nY\nexit\n")
    answer = server.run(None, input=dialogue.encode())
    assert answer.stdout.count(b"Changes committed") == 2, answer.stdout.decode()
    https = port_line(server, "HTTPS")
    status, page = WebClient(https).login("victim", PASSPHRASE)
    assert status == 200 and "System Status" in page

    # One failure over SSH, the others on the login page: together they reach the limit.
    assert not ssh_logs_in(server, "guess-ssh")
    for attempt in range(LIMIT - 1):
        status, page = WebClient(https).login("victim", f"guess{attempt}")
        assert status == 401 and FAILED in page
    status, page = WebClient(https).login("victim", PASSPHRASE)
    assert status == 401 and FAILED in page          # locked: the right passphrase is refused
    assert not ssh_logs_in(server, PASSPHRASE)       # and over SSH too
    text = log_text(server, "authentication", "was locked")
    assert f"The user victim was locked after {LIMIT} consecutive failed login attempts." in text
    assert "failed using an HTTPS connection." in text and "failed using an SSH connection." in text


def test_an_account_locked_by_an_administrator_shows_the_policy_message(appliance_server):
    server = appliance_server
    message = "Locked by the mail team: call extension 4242."
    dialogue = (f"userconfig add victim Victim operators {PASSPHRASE}\ncommit\nvictim\nY\n"
                # lock after failures: keep; count: keep; locked message: y, change: y, text
                f"userconfig\npolicy\naccount\n\n\ny\ny\n{message}\n.\n" + "\n" * 4
                + "\ncommit\npolicy\nY\n"
                "userconfig\nstatus\nironport\nvictim\ny\n\nexit\n")
    answer = server.run(None, input=dialogue.encode())
    assert answer.stdout.count(b"Changes committed") == 2, answer.stdout.decode()
    assert b"The account victim is available." in answer.stdout
    status, page = WebClient(port_line(server, "HTTPS")).login("victim", PASSPHRASE)
    assert status == 401 and message in page
    assert not ssh_logs_in(server, PASSPHRASE)
    text = log_text(server, "authentication", "was locked by")
    assert "The user victim was locked by admin." in text

    unlock = server.run(None, input=b"userconfig\nstatus\nironport\nvictim\ny\n\nexit\n")
    assert b"The account victim is locked." in unlock.stdout, unlock.stdout.decode()
    status, page = WebClient(port_line(server, "HTTPS")).login("victim", PASSPHRASE)
    assert status == 200 and "System Status" in page
    assert "The user victim was made available by admin." in log_text(
        server, "authentication", "made available")
