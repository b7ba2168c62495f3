"""``scp -O`` (legacy protocol) into and out of ``/configuration`` (clients.md §3.1 item 6)."""
from __future__ import annotations

import asyncio
import os

import pytest

from asyncos_shell.transports.scp import ScpSession


@pytest.fixture
def certificate(tmp_path):
    path = tmp_path / "cert.p12"
    path.write_bytes(os.urandom(3000) + b"\0\n\r\n")  # binary, with the protocol's own bytes
    return path


@pytest.mark.parametrize("target, stored", [
    ("/configuration/esacertpfx", "esacertpfx"),
    ("configuration/second", "second"),
    ("third", "third"),
    ("/configuration", "cert.p12"),
    ("", "cert.p12"),
])
def test_upload_then_download(appliance_server_module, certificate, tmp_path, target, stored):
    server = appliance_server_module
    sent = server.scp(str(certificate), server.remote(target))
    assert sent.returncode == 0, sent.stderr
    assert (server.state_dir / "configuration" / stored).read_bytes() == certificate.read_bytes()
    back = tmp_path / "back"
    got = server.scp(server.remote(f"/configuration/{stored}"), str(back))
    assert got.returncode == 0, got.stderr
    assert back.read_bytes() == certificate.read_bytes()


def test_upload_larger_than_the_channel_backlog(appliance_server_module, tmp_path):
    # A configuration file of a busy appliance is well over the 32 KiB the channel holds back.
    server = appliance_server_module
    big = tmp_path / "big.xml"
    big.write_bytes(os.urandom(300 * 1024))
    sent = server.scp(str(big), server.remote("/configuration/big.xml"))
    assert sent.returncode == 0, sent.stderr
    assert (server.state_dir / "configuration" / "big.xml").read_bytes() == big.read_bytes()


def test_download_with_a_wildcard(appliance_server_module, certificate, tmp_path):
    server = appliance_server_module
    assert server.scp(str(certificate), server.remote("/configuration/wild1.p12")).returncode == 0
    assert server.scp(str(certificate), server.remote("/configuration/wild2.p12")).returncode == 0
    folder = tmp_path / "into"
    folder.mkdir()
    got = server.scp(server.remote("/configuration/wild*.p12"), str(folder))
    assert got.returncode == 0, got.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["wild1.p12", "wild2.p12"]


@pytest.mark.parametrize("target", ["/etc/passwd", "/configuration/../x", "../x", "/tmp"])
def test_upload_outside_configuration_is_refused(appliance_server_module, certificate, target):
    server = appliance_server_module
    sent = server.scp(str(certificate), server.remote(target))
    assert sent.returncode != 0
    assert f"scp: {target}: Permission denied".encode() in sent.stderr
    assert not (server.state_dir / "x").exists()


def test_download_of_a_missing_or_outside_file_fails(appliance_server_module, tmp_path):
    server = appliance_server_module
    got = server.scp(server.remote("/configuration/nothing.xml"), str(tmp_path / "x"))
    assert got.returncode != 0
    assert b"scp: /configuration/nothing.xml: No such file or directory" in got.stderr
    got = server.scp(server.remote("/etc/passwd"), str(tmp_path / "x"))
    assert b"scp: /etc/passwd: Permission denied" in got.stderr
    assert not (tmp_path / "x").exists()


def test_only_administrators_and_operators_may_upload(tmp_path):
    """The role check without a second user account: the sink refuses before it is ready."""
    async def upload(role: str) -> tuple[int, bytes]:
        sent = bytearray()
        session = ScpSession("scp -t /configuration/x", tmp_path, role, sent.extend)
        session.input.feed_data(b"C0644 2 x\nok\0")
        session.input.feed_eof()
        return await session.run(), bytes(sent)

    assert asyncio.run(upload("guest")) == (1, b"\x01scp: /configuration/x: Permission denied\n")
    assert not (tmp_path / "x").exists()
    assert asyncio.run(upload("operators")) == (0, b"\0\0\0")
    assert (tmp_path / "x").read_bytes() == b"ok"
