"""Postfix as a real peer MTA (smtp.md §4), run from a private configuration and queue under
the test's temporary directory: ``/etc/postfix`` and the system's mail setup are not touched.

The master runs in the foreground (``master -d``) as root, which Postfix needs to drop to its
own user; tests that use it are skipped when Postfix is not installed or we are not root.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Optional

import pytest

MASTER = Path("/usr/lib/postfix/sbin/master")
PROTO = Path("/etc/postfix")
QUEUE_DIRS = ("active", "bounce", "corrupt", "defer", "deferred", "flush", "hold", "incoming",
              "private", "saved", "trace")


def available() -> Optional[str]:
    """Why Postfix cannot run here, or None."""
    if not MASTER.exists() or shutil.which("postconf") is None:
        return "Postfix is not installed (apt-get install postfix)"
    if os.geteuid() != 0:
        return "Postfix's master must start as root"
    return None


def require() -> None:
    """Skip where Postfix cannot run; fail instead under scripts/test (ASYNCOS_REQUIRE_POSTFIX),
    which installs it, so CI can never pass by skipping the real-peer tests."""
    reason = available()
    if reason and os.environ.get("ASYNCOS_REQUIRE_POSTFIX"):
        pytest.fail(reason)
    if reason:
        pytest.skip(reason)


class Postfix:
    """One Postfix instance listening on ``127.0.0.1:port``.

    It lives in a fresh directory under the system's temporary directory, removed by ``stop``.
    ``tls`` is smtpd_tls_security_level (``none``, ``may``, ``encrypt``); ``pem`` the server
    identity (key, certificate and chain in one file); ``routes`` maps a domain to a relay
    ``[127.0.0.1]:port`` reached with the client TLS level ``client_tls`` (smtp.md §4.2), or
    ``domain:port`` (no brackets: by MX).  Mail for any other domain is accepted and discarded.

    ``nameserver``: the DNS server Postfix's smtp client asks (MX and A lookups).  The system
    resolver takes no port, and /etc/resolv.conf is the machine's: the smtp client runs chrooted
    in the queue directory instead, where it reads ``<queue>/etc/resolv.conf`` naming only
    ``nameserver`` (port 53), so each test can have its own DNS server on its own loopback
    address.
    """

    def __init__(self, port: int, pem: Optional[Path], tls: str = "may",
                 ca: Optional[Path] = None, routes: Optional[dict[str, str]] = None,
                 client_tls: str = "may", verify_match: str = "mx.example.net",
                 nameserver: Optional[str] = None):
        # Postfix's own user must reach its queue: pytest's temporary root is private to us.
        self.folder, self.port = Path(tempfile.mkdtemp(prefix="postfix-peer-")), port
        self.folder.chmod(0o755)
        if pem is not None:
            pem = Path(shutil.copy(pem, self.folder / "server.pem"))
        if ca is not None:
            ca = Path(shutil.copy(ca, self.folder / "ca.pem"))
        self.etc, self.spool, self.data = self.folder / "etc", self.folder / "spool", self.folder / "data"
        self.log = self.folder / "postfix.log"
        for path in (self.etc, self.spool / "pid", self.data):
            path.mkdir(parents=True, exist_ok=True)
        for name in ("master.cf.proto", "main.cf.proto"):
            shutil.copy(PROTO / name, self.etc / name.replace(".proto", ""))
        for name in ("dynamicmaps.cf", "dynamicmaps.cf.d"):
            source = PROTO / name
            if source.is_dir():
                shutil.copytree(source, self.etc / name, dirs_exist_ok=True)
            elif source.exists():
                shutil.copy(source, self.etc / name)
        transports = ",".join(f"{domain}=smtp:{relay}" for domain, relay in (routes or {}).items())
        settings = [
            f"queue_directory={self.spool}", f"data_directory={self.data}",
            "myhostname=mx.example.net", "mydomain=example.net", "mydestination=",
            "inet_interfaces=127.0.0.1", "inet_protocols=ipv4", "mynetworks=127.0.0.0/8",
            f"maillog_file={self.log}", f"maillog_file_prefixes={self.folder}",
            "compatibility_level=3.6", "alias_maps=", "alias_database=", "smtputf8_enable=no",
            "relay_domains=static:ALL", "smtpd_relay_restrictions=permit_mynetworks,reject",
            f"transport_maps=inline:{{{transports}}}" if transports else "transport_maps=",
            "default_transport=discard:", "relay_transport=discard:",
            "local_transport=error:no local delivery", f"smtpd_tls_security_level={tls}",
            "smtpd_tls_loglevel=1", "smtpd_tls_session_cache_database=",
            "smtp_tls_session_cache_database=", f"smtp_tls_security_level={client_tls}",
            "smtp_tls_loglevel=1", f"smtp_tls_verify_cert_match={verify_match}",
            "delay_warning_time=0", "bounce_queue_lifetime=0", "maximal_queue_lifetime=0",
            "smtp_connect_timeout=5s", "mail_owner=postfix", "setgid_group=postdrop",
        ]
        if pem is not None:
            settings.append(f"smtpd_tls_chain_files={pem}")
        if ca is not None:
            settings.append(f"smtp_tls_CAfile={ca}")
        self._postconf("-e", *settings)
        self._postconf("-M#", "smtp/inet")
        self._postconf("-Me", f"127.0.0.1:{port}/inet = 127.0.0.1:{port} inet n - n - - smtpd")
        self._postconf("-F", "*/*/chroot = n")
        if nameserver is not None:
            (self.spool / "etc").mkdir(mode=0o755)
            (self.spool / "etc" / "resolv.conf").write_text(f"nameserver {nameserver}\n")
            self._postconf("-F", "smtp/unix/chroot = y")
        for name in QUEUE_DIRS:
            self._own(self.spool / name, "postfix", "root", 0o700)
        self._own(self.spool / "maildrop", "postfix", "postdrop", 0o730)
        self._own(self.spool / "public", "postfix", "postdrop", 0o710)
        self._own(self.data, "postfix", "root", 0o700)
        self.process: Optional[subprocess.Popen] = None

    def _postconf(self, *args: str) -> None:
        subprocess.run(["postconf", "-c", str(self.etc), *args], check=True, capture_output=True)

    @staticmethod
    def _own(path: Path, user: str, group: str, mode: int) -> None:
        path.mkdir(exist_ok=True)
        shutil.chown(path, user, group)
        path.chmod(mode)

    def start(self) -> "Postfix":
        self.process = subprocess.Popen(
            [str(MASTER), "-c", str(self.etc), "-d"], cwd=self.folder,
            env={**os.environ, "MAIL_CONFIG": str(self.etc)}, stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError("Postfix did not start:\n" + self.log_text())

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def session_of(self, message_id: str) -> Optional[dict]:
        """What Postfix logged about the SMTP session that brought ``message_id``: ``tls``
        (the smtpd TLS line or None), ``status`` (the delivery status)."""
        text = self.log_text()
        queue = re.search(rf"(\w+): message-id=<{re.escape(message_id)}>", text)
        if queue is None:
            return None
        queue_id = queue.group(1)
        client = re.search(rf"postfix/smtpd\[(\d+)\]: {queue_id}: client=", text)
        tls = None
        if client is not None:
            # smtpd processes serve many sessions: look from this session's "connect from" on.
            tag = f"postfix/smtpd[{client.group(1)}]:"
            for line in reversed(text[:client.start()].splitlines()):
                if tag in line and "TLS connection established" in line:
                    tls = line
                if tag in line and ": connect from " in line:
                    break
        status = re.search(rf"{queue_id}: to=<[^>]*>.*status=(\w+)", text)
        return {"tls": tls, "status": status.group(1) if status else None}
