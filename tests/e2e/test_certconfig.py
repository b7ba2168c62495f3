"""certconfig through OpenSSH: the certificate workflow of the seed tech note end to end.

NEW → CSR → signed by ``scripts/labca`` and, independently, by a CA made with the openssl CLI →
EDIT (certificate + intermediate) → commit → EXPORT fetched with ``scp -O`` verifies with
``openssl verify -untrusted``; IMPORT of a PKCS#12 made by ``openssl pkcs12 -export`` uploaded
with ``scp -O``.
"""
from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

LABCA = Path(__file__).resolve().parents[2] / "scripts" / "labca"
PROMPT = "ironport.example.com> "
MENU = "[]> "
PEM = re.compile(r"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----\n", re.S)


def run(*args: str, cwd: Path | None = None, input: bytes | None = None) -> str:
    result = subprocess.run(list(args), cwd=cwd, input=input, capture_output=True, check=True)
    return result.stdout.decode()


class Shell:
    """An interactive SSH session; a tall pty so nothing pages."""

    def __init__(self, server):
        self.child = server.ssh(dimensions=(1000, 200))
        self.seen = io.StringIO()
        self.child.logfile_read = self.seen
        self.child.expect_exact(PROMPT)

    def say(self, answer: str, until: str = MENU) -> str:
        """Type ``answer``; return the output up to ``until``."""
        self.child.sendline(answer)
        self.child.expect_exact(until)
        return self.child.before

    def paste(self, pem: str, until: str) -> str:
        for line in pem.rstrip("\n").split("\n"):
            self.child.sendline(line)
        return self.say(".", until)

    def commit(self) -> None:
        self.say("commit")
        self.say("e2e", "[Y]> ")
        assert "Changes committed: " in self.say("", PROMPT)

    def exit(self) -> None:
        self.child.sendline("exit")
        self.child.expect(pexpect.EOF)
        self.child.close()


def new_profile_csr(shell: Shell) -> str:
    shell.say("certconfig")
    shell.say("certificate")
    shell.say("new", "[1]> ")
    shell.say("", "profile:\r\n> ")
    shell.say("mail", "Common Name:\r\n> ")
    shell.say("mail.example.com", "(FQDN) format ? [N]> ")
    # each answer, then the question it leads to
    for answer, question in [("n", "Organization:"), ("Example Inc", "Organizational Unit:"),
                             ("IT", "Locality or City:"), ("San Jose", "State or Province:"),
                             ("California", "Country (2 letter code):")]:
        shell.say(answer, f"Enter {question}\r\n> ")
    shell.say("US", "[3650]> ")
    shell.say("90", "[1]> ")
    shell.say("", "view the CSR? [Y]> ")
    text = shell.say("y", MENU)
    csr = re.search(r"-----BEGIN CERTIFICATE REQUEST-----.+?-----END CERTIFICATE REQUEST-----",
                    text, re.S).group(0)
    shell.say("", MENU)
    shell.say("", PROMPT)
    return csr.replace("\r\n", "\n") + "\n"


def edit_certificate(shell: Shell, leaf: str, add: str, remove: int | None = None) -> str:
    """EDIT profile 2: new certificate, one intermediate added, optionally one removed."""
    shell.say("certconfig")
    shell.say("certificate")
    assert "2. mail" in shell.say("edit")
    shell.say("2", "public certificate? [N]> ")
    shell.say("y", "(end with '.'):\r\n")
    shell.paste(leaf, "intermediate certificate? [N]> ")
    shell.say("y", "(end with '.'):\r\n")
    shell.paste(add, "add an intermediate certificate? [N]> ")
    shell.say("n", "remove an intermediate certificate? [N]> ")
    if remove is not None:
        shell.say("y", MENU)
        shell.say(str(remove), "remove an intermediate certificate? [N]> ")
    shell.say("n", "view the CSR? [N]> ")
    shell.say("n", "(FQDN) format ? [N]> ")
    listing = shell.say("y", MENU)
    shell.say("", MENU)
    shell.say("", PROMPT)
    shell.commit()
    return listing


def exported_chain(server, shell: Shell, workdir: Path) -> list[str]:
    """EXPORT profile 2 as PKCS#12, fetch it with scp, return its certificates (leaf first)."""
    shell.say("certconfig")
    shell.say("certificate")
    shell.say("export")
    shell.say("2", "exported file:\r\n[]> ")
    shell.say("mail.p12", "passphrase for file:\r\n[]> ")
    shell.say("pw", "passphrase for file:\r\n[]> ")
    assert 'to the location "/configuration/mail.p12".' in shell.say("pw", MENU)
    shell.say("", MENU)
    shell.say("", PROMPT)
    local = workdir / "mail.p12"
    local.unlink(missing_ok=True)
    fetched = server.scp(server.remote("/configuration/mail.p12"), str(local))
    assert fetched.returncode == 0, fetched.stderr
    certs = run("openssl", "pkcs12", "-in", str(local), "-passin", "pass:pw", "-nokeys")
    key_modulus = run("openssl", "rsa", "-noout", "-modulus", input=run(
        "openssl", "pkcs12", "-in", str(local), "-passin", "pass:pw", "-nocerts", "-nodes").encode())
    chain = PEM.findall(certs)
    leaf_modulus = run("openssl", "x509", "-noout", "-modulus", input=chain[0].encode())
    assert key_modulus == leaf_modulus
    return chain


def openssl_verify(workdir: Path, root: Path, chain: list[str]) -> str:
    (workdir / "leaf.pem").write_text(chain[0])
    (workdir / "untrusted.pem").write_text("".join(chain[1:]))
    return run("openssl", "verify", "-CAfile", str(root), "-untrusted", str(workdir / "untrusted.pem"),
               str(workdir / "leaf.pem")).strip()


def openssl_ca(workdir: Path) -> tuple[Path, Path, Path]:
    """root (req -x509) and intermediate (x509 -req) made with the openssl CLI."""
    ext = workdir / "ca.ext"
    ext.write_text("[v3_ca]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n")
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "root.key",
        "-out", "root.pem", "-subj", "/O=OpenSSL Test/CN=OpenSSL Test Root", "-days", "30", cwd=workdir)
    run("openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "inter.key",
        "-out", "inter.csr", "-subj", "/O=OpenSSL Test/CN=OpenSSL Test Intermediate", cwd=workdir)
    run("openssl", "x509", "-req", "-in", "inter.csr", "-CA", "root.pem", "-CAkey", "root.key",
        "-CAcreateserial", "-out", "inter.pem", "-days", "30", "-extfile", str(ext),
        "-extensions", "v3_ca", cwd=workdir)
    return workdir / "root.pem", workdir / "inter.pem", workdir / "inter.key"


def test_new_csr_signed_by_labca_and_openssl_then_edit_commit_export(appliance_server, tmp_path):
    shell = Shell(appliance_server)
    csr = new_profile_csr(shell)
    shell.commit()
    (tmp_path / "esa.csr").write_text(csr)

    # 1. the lab CA signs it, as a commercial CA would (certificate, then intermediate)
    run(sys.executable, str(LABCA), "init", str(tmp_path / "labca"))
    leaf, intermediate = PEM.findall(run(sys.executable, str(LABCA), "sign", str(tmp_path / "labca"),
                                         str(tmp_path / "esa.csr")))
    listing = edit_certificate(shell, leaf, intermediate)
    assert re.search(r"\r\nmail +mail\.example\.co +Lab Intermediat +Valid +\d+ days\r\n", listing)
    chain = exported_chain(appliance_server, shell, tmp_path)
    assert chain == [leaf, intermediate]
    assert openssl_verify(tmp_path, tmp_path / "labca" / "root-ca.pem", chain).endswith(": OK")

    # 2. a CA made with the openssl CLI signs the same CSR; its intermediate replaces the old one
    root, inter, inter_key = openssl_ca(tmp_path)
    run("openssl", "x509", "-req", "-in", "esa.csr", "-CA", str(inter), "-CAkey", str(inter_key),
        "-CAcreateserial", "-out", "esa.pem", "-days", "30", cwd=tmp_path)
    leaf2 = (tmp_path / "esa.pem").read_text()
    listing = edit_certificate(shell, leaf2, inter.read_text(), remove=1)
    assert re.search(r"\r\nmail +mail\.example\.co +OpenSSL Test In +Valid +\d+ days\r\n", listing)
    chain = exported_chain(appliance_server, shell, tmp_path)
    assert chain == [leaf2, inter.read_text()]
    assert openssl_verify(tmp_path, root, chain).endswith(": OK")
    with pytest.raises(subprocess.CalledProcessError):
        openssl_verify(tmp_path, tmp_path / "labca" / "root-ca.pem", chain)
    shell.exit()


def test_import_pkcs12_uploaded_with_scp(appliance_server, tmp_path):
    run(sys.executable, str(LABCA), "init", str(tmp_path / "ca"))
    run(sys.executable, str(LABCA), "issue", str(tmp_path / "ca"), "mail.example.com",
        "--out", str(tmp_path / "mail"))
    run("openssl", "pkcs12", "-export", "-in", "mail.pem", "-inkey", "mail.key", "-certfile",
        str(tmp_path / "ca" / "intermediate-ca.pem"), "-out", "mail.p12", "-passout", "pass:s3cret",
        cwd=tmp_path)
    sent = appliance_server.scp(str(tmp_path / "mail.p12"), appliance_server.remote("/configuration/"))
    assert sent.returncode == 0, sent.stderr

    shell = Shell(appliance_server)
    shell.say("certconfig")
    shell.say("certificate")
    shell.say("import", "profile:\r\n> ")
    shell.say("imported", 'Enter the name of the file on machine "ironport.example.com" to import:'
                          '\r\n[]> ')
    shell.say("wrong.p12", MENU)
    assert 'Error: the file "wrong.p12" does not exist.' in shell.child.before
    shell.say("import", "profile:\r\n> ")
    shell.say("imported", "to import:\r\n[]> ")
    shell.say("mail.p12", "Enter passphrase:\r\n[]> ")
    shell.say("s3cret", "(FQDN) format ? [N]> ")
    listing = shell.say("y", MENU)
    assert re.search(r"\r\nimported +mail\.example\.co +Lab Intermediat +Valid +\d+ days\r\n", listing)
    shell.say("", MENU)
    shell.say("", PROMPT)
    shell.commit()
    shell.exit()
    assert "s3cret" not in shell.seen.getvalue()
