"""sshconfig → SSHD → SETUP applied to the SSH server: after a commit a real OpenSSH client
negotiates only what is allowed (ciphers, MACs, key exchanges) and logs in with a key only of an
allowed type."""
from __future__ import annotations

import subprocess

from .conftest import PASSWORD, SSH_OPTIONS

# OpenSSH reports a failed negotiation at INFO, which the fixtures' LogLevel=ERROR hides.
NEGOTIATION_OPTIONS = ("-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null")

SETUP_ANSWERS = ["ssh-rsa", "aes256-ctr,aes128-ctr", "hmac-sha2-256", "", "curve25519-sha256"]


def _keypair(tmp_path, kind: str):
    key = tmp_path / kind
    subprocess.run(["ssh-keygen", "-q", "-t", kind, "-N", "", "-C", kind, "-f", str(key)],
                   check=True)
    return key, (tmp_path / f"{kind}.pub").read_text().strip()


def _key_login(server, key) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["ssh", "-p", str(server.ssh_port), *SSH_OPTIONS, "-o", "BatchMode=yes",
         "-o", "IdentitiesOnly=yes", "-o", "PreferredAuthentications=publickey", "-i", str(key),
         f"admin@{server.host}", "version"], capture_output=True, timeout=30)


def _negotiate(server, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["sshpass", "-p", PASSWORD, "ssh", "-p", str(server.ssh_port), *NEGOTIATION_OPTIONS,
         *options, f"admin@{server.host}", "version"], capture_output=True, timeout=30)


def test_committed_algorithms_are_all_the_server_negotiates(appliance_server, tmp_path):
    server = appliance_server
    ed25519, ed25519_public = _keypair(tmp_path, "ed25519")
    rsa, rsa_public = _keypair(tmp_path, "rsa")
    # Before: every default works, an ed25519 key included.
    assert server.run("version", options=("-o", "Ciphers=aes192-ctr")).returncode == 0
    lines = ["sshconfig", "userkey", "new", ed25519_public, "", "new", rsa_public, "", "",
             "sshd", "setup", *SETUP_ANSWERS, "", "", "commit", "restrict sshd", "y"]
    result = server.run(None, input=("\n".join(lines) + "\n").encode())
    assert result.returncode == 0 and b"Changes committed" in result.stdout, result.stdout

    cipher = _negotiate(server, "-o", "Ciphers=aes192-ctr")
    assert cipher.returncode == 255
    assert b"no matching cipher found. Their offer: aes256-ctr,aes128-ctr" in cipher.stderr
    mac = _negotiate(server, "-o", "MACs=hmac-sha1")
    assert mac.returncode == 255
    assert b"no matching MAC found. Their offer: hmac-sha2-256" in mac.stderr
    kex = _negotiate(server, "-o", "KexAlgorithms=ecdh-sha2-nistp256")
    assert kex.returncode == 255 and b"no matching key exchange method found" in kex.stderr

    allowed = _negotiate(server, "-o", "Ciphers=aes128-ctr", "-o", "MACs=hmac-sha2-256",
                         "-o", "KexAlgorithms=curve25519-sha256")
    assert allowed.returncode == 0 and b"Current Version" in allowed.stdout, allowed.stderr

    refused = _key_login(server, ed25519)
    assert refused.returncode == 255 and b"Permission denied (" in refused.stderr
    accepted = _key_login(server, rsa)
    assert accepted.returncode == 0, accepted.stderr
