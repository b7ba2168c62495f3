"""FTP to ``/configuration`` of the real process with Python's ``ftplib`` (passive mode on
loopback): login, upload of a PKCS#12 made by ``scripts/labca``, listing, download, the refusals
(wrong password, paths outside /configuration, a read-only operator uploading) and the
``authentication`` log; then ``certconfig`` IMPORT of the uploaded file over SSH exec."""
from __future__ import annotations

import ftplib
import io
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

LABCA = Path(__file__).resolve().parents[2] / "scripts" / "labca"
PASSPHRASE = "s3cret"


def ftp_login(server, user: str = "admin", password: str = "ironport") -> ftplib.FTP:
    client = ftplib.FTP()
    client.connect(server.host, 21 + server.port_offset, timeout=10)
    client.login(user, password)
    return client


def labca_p12(workdir: Path) -> bytes:
    """A PKCS#12 of mail.example.com (key, certificate, intermediate) from a fresh lab CA."""
    for args in (("init", str(workdir / "ca")),
                 ("issue", str(workdir / "ca"), "mail.example.com", "--out", str(workdir / "mail"),
                  "--p12", str(workdir / "mail.p12"), "--passphrase", PASSPHRASE)):
        done = subprocess.run([sys.executable, str(LABCA), *args], capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 0, done.stderr
    return (workdir / "mail.p12").read_bytes()


def upload(client: ftplib.FTP, path: str, data: bytes) -> str:
    return client.storbinary(f"STOR {path}", io.BytesIO(data))


def download(client: ftplib.FTP, path: str) -> bytes:
    received = io.BytesIO()
    client.retrbinary(f"RETR {path}", received.write)
    return received.getvalue()


def logged(server, line: str, log: str = "authentication") -> bool:
    """``line`` (a regular expression for ftpd_logs) reached ``log`` (written in batches shortly
    after the event)."""
    deadline = time.monotonic() + 10
    while True:
        text = "".join(p.read_text() for p in (server.state_dir / "logs" / log).iterdir())
        found = re.search(line, text, re.M) if log == "ftpd_logs" else line in text
        if found or time.monotonic() > deadline:
            return bool(found)
        time.sleep(0.05)


def test_upload_list_download_and_refusals(appliance_server, tmp_path):
    p12 = labca_p12(tmp_path)
    client = ftp_login(appliance_server)
    assert client.getwelcome() == "220 ironport.example.com FTP server ready"
    assert client.pwd() == "/"
    assert client.nlst() == ["configuration"]

    assert upload(client, "/configuration/mail.p12", p12).startswith("226")
    assert (appliance_server.state_dir / "configuration" / "mail.p12").read_bytes() == p12
    client.cwd("configuration")
    assert client.pwd() == "/configuration"
    assert "mail.p12" in client.nlst()
    listing: list[str] = []
    client.retrlines("LIST", listing.append)
    assert any(line.endswith(" mail.p12") and f" {len(p12)} " in line for line in listing)
    assert download(client, "mail.p12") == p12
    assert download(client, "/configuration/mail.p12") == p12

    # Nothing outside /configuration: not readable, not writable, not even by walking up.
    for outside in ("/etc/passwd", "../../../etc/passwd", "/mail.p12"):
        with pytest.raises(ftplib.error_perm, match=r"^550 "):
            download(client, outside)
    for outside in ("/mail.p12", "../escape.p12"):
        with pytest.raises(ftplib.error_perm, match=r"^550 "):
            upload(client, outside, b"x")
    with pytest.raises(ftplib.error_perm, match=r"^550 "):
        client.cwd("/etc")
    with pytest.raises(ftplib.error_perm, match=r"^550 "):
        client.mkd("subdirectory")
    assert sorted(p.name for p in (appliance_server.state_dir / "configuration").iterdir()) == \
        ["mail.p12"]
    client.quit()

    with pytest.raises(ftplib.error_perm, match=r"^530 "):
        ftp_login(appliance_server, password="wrong")
    with pytest.raises(ftplib.error_perm, match=r"^530 "):
        ftp_login(appliance_server, user="anonymous", password="guest@example.com")
    assert logged(appliance_server, "The user admin successfully logged on from 127.0.0.1 with "
                                    "privilege admin using an FTP connection.")
    assert logged(appliance_server, "An authentication attempt by the user admin from 127.0.0.1 "
                                    "failed using an FTP connection.")
    # Cisco's catalogue (dharma412/PythonClass csa/testlib/common/shell/qlogmsgs.py, ftpd.FTPD.*)
    stamp = r"^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4} Info: "
    session = re.search(stamp + r"ID:(\d+) Connection from 127\.0\.0\.1 on 127\.0\.0\.1\n"
                        + stamp + r"ID:\1 User admin login SUCCESS\n", "".join(
                            p.read_text() for p in (appliance_server.state_dir / "logs" /
                                                    "ftpd_logs").iterdir()), re.M)
    assert session, "no FTP session in ftpd_logs"
    assert logged(appliance_server, stamp + rf"ID:{session[1]} User admin logout$", "ftpd_logs")
    assert logged(appliance_server, stamp + r"ID:\d+ User admin login FAILED$", "ftpd_logs")


def test_a_read_only_operator_can_neither_download_nor_upload(appliance_server):
    # "cannot access the file system, FTP, or SCP" (AsyncOS user guide, user roles)
    added = appliance_server.run('userconfig add ro "Read Only" readonly Readonly9x!; commit ro Y')
    assert added.returncode == 0, added.stdout + added.stderr
    admin = ftp_login(appliance_server)
    upload(admin, "/configuration/kept.txt", b"kept\n")
    admin.quit()

    client = ftp_login(appliance_server, "ro", "Readonly9x!")
    with pytest.raises(ftplib.error_perm, match=r"^550 "):
        download(client, "/configuration/kept.txt")
    assert client.nlst() == []
    with pytest.raises(ftplib.error_perm, match=r"^550 "):
        upload(client, "/configuration/kept.txt", b"replaced\n")
    with pytest.raises(ftplib.error_perm, match=r"^550 "):
        client.delete("/configuration/kept.txt")
    client.quit()
    assert (appliance_server.state_dir / "configuration" / "kept.txt").read_bytes() == b"kept\n"
    assert logged(appliance_server, "The user ro successfully logged on from 127.0.0.1 with "
                                    "privilege readonly using an FTP connection.")


def test_a_pkcs12_uploaded_with_ftp_imports_with_certconfig(appliance_server, tmp_path):
    client = ftp_login(appliance_server)
    client.cwd("configuration")
    upload(client, "mail.p12", labca_p12(tmp_path))
    client.quit()

    imported = appliance_server.run(
        f"certconfig certificate import imported mail.p12 {PASSPHRASE} y; commit p12 Y")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert b"Changes committed: " in imported.stdout, imported.stdout
    # A new session sees the committed profile: key, certificate and the labca intermediate.
    profiles = appliance_server.run("certconfig certificate").stdout.decode()
    assert re.search(r"\r\nimported +mail\.example\.co +Lab Intermediat +Valid +\d+ days\r\n",
                     profiles), profiles
