"""cluster.x509: chain verification agrees with ``openssl verify``; PEM, PKCS#12, CRLs, names."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from cryptography import x509 as cx509
from cryptography.hazmat.primitives import hashes

from cluster import model, x509
from labcerts import LabCA, key_pem, pem, write


@pytest.fixture(scope="module")
def ca() -> LabCA:
    return LabCA()


@pytest.fixture(scope="module")
def other_ca() -> LabCA:
    return LabCA("Other")


def openssl_verify(tmp_path: Path, chain, roots, hostname=None, crls=()) -> tuple[int, int, str]:
    """(code, depth, text) of the first error ``openssl verify`` reports; (0, 0, 'ok') on OK."""
    leaf = write(tmp_path / "leaf.pem", pem(chain[0]))
    args = ["openssl", "verify", "-CAfile",
            str(write(tmp_path / "roots.pem", "".join(pem(r) for r in roots)))]
    if chain[1:]:
        args += ["-untrusted", str(write(tmp_path / "untrusted.pem", "".join(pem(c) for c in chain[1:])))]
    if hostname:
        args += ["-verify_hostname", hostname]
    for index, crl in enumerate(crls):
        args += ["-crl_check", "-CRLfile", str(write(tmp_path / f"crl{index}.pem", x509.crl_pem(crl)))]
    result = subprocess.run(args + [str(leaf)], capture_output=True, text=True)
    match = re.search(r"error (\d+) at (\d+) depth lookup: (.+)", result.stdout + result.stderr)
    if result.returncode == 0:
        assert match is None
        return 0, 0, "ok"
    assert match, result.stdout + result.stderr
    return int(match.group(1)), int(match.group(2)), match.group(3).strip()


def ours(chain, roots, hostname=None, crls=()) -> tuple[int, int, str]:
    check = x509.verify_chain(chain, roots, hostname=hostname, crls=crls, purpose=None)
    if check.ok:
        return 0, 0, "ok"
    depth, code, text = check.errors[0]
    return code, depth, text


def cases(ca: LabCA, other_ca: LabCA):
    leaf, _ = ca.issue("mail.example.com")
    expired, _ = ca.expired("old.example.com")
    future, _ = ca.issue("new.example.com", not_before=x509.now() + dt.timedelta(days=2))
    key = x509.new_key()
    self_signed = x509.issue_certificate(x509.Subject("self.example.com").name(), key.public_key(),
                                         None, key, 30, dns_names=["self.example.com"])
    revoked, _ = ca.issue("revoked.example.com")
    return {
        "good chain": ([leaf, ca.inter], [ca.root], None, ()),
        "missing intermediate": ([leaf], [ca.root], None, ()),
        "root not trusted": ([leaf, ca.inter], [other_ca.root], None, ()),
        "untrusted root sent": ([leaf, ca.inter, ca.root], [other_ca.root], None, ()),
        "expired": ([expired, ca.inter], [ca.root], None, ()),
        "not yet valid": ([future, ca.inter], [ca.root], None, ()),
        "self-signed": ([self_signed], [ca.root], None, ()),
        "hostname ok": ([leaf, ca.inter], [ca.root], "mail.example.com", ()),
        "hostname mismatch": ([leaf, ca.inter], [ca.root], "other.example.com", ()),
        "revoked": ([revoked, ca.inter], [ca.root], None, (ca.crl(revoked),)),
        "not revoked": ([leaf, ca.inter], [ca.root], None, (ca.crl(revoked),)),
    }


def test_verify_chain_agrees_with_openssl_verify(tmp_path, ca, other_ca):
    seen = set()
    for name, (chain, roots, hostname, crls) in cases(ca, other_ca).items():
        expected = openssl_verify(tmp_path, chain, roots, hostname, crls)
        assert ours(chain, roots, hostname, crls) == expected, name
        seen.add(expected[0])
    # the cases cover success and eight different OpenSSL errors
    assert seen == {0, 9, 10, 18, 19, 20, 23, 62}


def test_crl_problems_fail_closed(ca):
    leaf, _ = ca.issue("mail.example.com")
    stale = x509.make_crl(ca.inter, ca.inter_key, [], days=1, at=x509.now() - dt.timedelta(days=5))
    check = x509.verify_chain([leaf, ca.inter], [ca.root], crls=[stale])
    assert check.errors == [(0, 12, "CRL has expired")]
    forged = x509.make_crl(ca.inter, x509.new_key(), [])  # right name, wrong key
    check = x509.verify_chain([leaf, ca.inter], [ca.root], crls=[forged])
    assert check.errors == [(0, 8, "CRL signature failure")]
    assert x509.verify_chain(["not a certificate"], [ca.root]).errors == [
        (0, 1, "unspecified certificate verification error")]


def test_ca_constraints_and_purpose(ca):
    key = x509.new_key()
    not_a_ca = x509.issue_certificate(x509.Subject("leafy.example.com").name(), key.public_key(),
                                      ca.inter, ca.inter_key, 30)
    leaf = x509.issue_certificate(x509.Subject("x.example.com").name(), x509.new_key().public_key(),
                                  not_a_ca, key, 30)
    check = x509.verify_chain([leaf, not_a_ca, ca.inter], [ca.root], purpose=None)
    assert (1, 24, "invalid CA certificate") in check.errors
    assert not check.ok


def test_hostname_rules(ca):
    wildcard, _ = ca.issue("*.example.com")
    assert x509.hostname_matches(wildcard, "mail.example.com")
    assert not x509.hostname_matches(wildcard, "a.b.example.com")
    assert not x509.hostname_matches(wildcard, "example.com")
    key = x509.new_key()
    cn_only = x509.issue_certificate(x509.Subject("Mail.Example.com").name(), key.public_key(),
                                     None, key, 30)
    assert x509.hostname_matches(cn_only, "mail.example.com.")
    ip = x509.issue_certificate(x509.Subject("peer").name(), key.public_key(), None, key, 30,
                                ips=["127.0.0.1"])
    assert x509.hostname_matches(ip, "127.0.0.1") and not x509.hostname_matches(ip, "127.0.0.2")


def test_presented_chain_faults(ca):
    leaf, _ = ca.issue("mail.example.com")
    assert x509.presented_chain_faults([leaf, ca.inter, ca.root]) == {}
    assert x509.presented_chain_faults([leaf, ca.inter, ca.inter]) == {
        2: "duplicate certificate in chain"}
    wrong = "certificate does not certify the one before it"
    assert x509.presented_chain_faults([leaf, ca.root, ca.inter]) == {1: wrong, 2: wrong}


def test_pem_reading_and_encrypted_keys(ca):
    leaf, key = ca.issue("mail.example.com")
    text = "junk before\n" + pem(leaf) + "between\n" + pem(ca.inter)
    assert [c.subject for c in x509.read_certificates(text)] == [leaf.subject, ca.inter.subject]
    with pytest.raises(ValueError):
        x509.read_certificates("hello")
    for traditional in (False, True):
        locked = key_pem(key, "secret", traditional=traditional)
        assert x509.key_is_encrypted(locked)
        with pytest.raises(x509.NeedsPassphrase):
            x509.read_private_key(locked)
        with pytest.raises(x509.NeedsPassphrase):
            x509.read_private_key(locked, "wrong")
        assert x509.public_key_matches(leaf, x509.read_private_key(locked, "secret"))
    with pytest.raises(ValueError):
        x509.read_private_key("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")


def test_pkcs12_round_trip_and_errors(ca):
    leaf, key = ca.issue("mail.example.com")
    data = x509.write_pkcs12("mail", pem(leaf), key_pem(key), [ca.inter_pem], "pw")
    back = x509.read_pkcs12(data, "pw")
    assert back.certificate_pem == pem(leaf) and back.intermediates == [ca.inter_pem]
    assert x509.key_matches(back.certificate_pem, back.key_pem)
    with pytest.raises(ValueError):
        x509.read_pkcs12(data, "wrong")
    with pytest.raises(ValueError):
        x509.read_pkcs12(b"garbage", "pw")


def test_trust_roots_follow_the_enable_switches(ca):
    section = model.Certificates(custom_cas={"Test Root CA": model.CustomCA("Test Root CA", ca.root_pem)})
    roots = x509.trust_roots(section)
    assert len(roots) == len(x509.system_roots()) + 1 and len(x509.system_roots()) > 100
    section.system_ca_enabled = False
    assert [r.subject for r in x509.trust_roots(section)] == [ca.root.subject]
    section.custom_ca_enabled = False
    assert x509.trust_roots(section) == []
    leaf, _ = ca.issue("mail.example.com")
    assert not x509.verify_peer(section, [leaf, ca.inter], "mail.example.com").ok
    section.custom_ca_enabled = True
    assert x509.verify_peer(section, [pem(leaf), ca.inter_pem], "mail.example.com").ok
    section.crls["Test Intermediate CA"] = x509.crl_pem(ca.crl(leaf))
    assert x509.verify_peer(section, [leaf, ca.inter], "mail.example.com").reason == "certificate revoked"


def test_profile_state_and_errors(ca):
    made = x509.make_self_signed(x509.Subject("mail.example.com", country="US"), 30)
    profile = model.CertificateProfile("p", made.certificate_pem, made.key_pem, [], made.csr_pem)
    assert x509.profile_state(profile) == "csr_pending"
    assert x509.profile_errors(profile) == []
    signed = ca.sign_csr(made.csr_pem)
    profile.certificate_pem = pem(signed)
    assert x509.profile_state(profile) == "valid"
    assert x509.profile_state(profile, at=x509.now() + dt.timedelta(days=400)) == "expired"
    assert x509.profile_state(profile, at=x509.now() - dt.timedelta(days=1)) == "not_yet_valid"
    profile.key_pem = key_pem(x509.new_key())
    assert x509.profile_errors(profile) == ["key does not sign certificate"]


def test_oneline_and_dates():
    name = x509.Subject("mail.example.com", "Example, Inc.", "", "San Jose", "CA", "US").name()
    assert x509.oneline(name) == "/C=US/ST=CA/L=San Jose/O=Example, Inc./CN=mail.example.com"
    when = dt.datetime(2018, 10, 3, 12, 35, 32, tzinfo=dt.timezone.utc)
    assert x509.openssl_date(when) == "Oct 3 12:35:32 2018 GMT"


def test_name_constraints_are_enforced(tmp_path, ca):
    key = x509.new_key()
    builder = (cx509.CertificateBuilder()  # a CA allowed to certify example.org names only
               .subject_name(x509.Subject("Constrained CA").name()).issuer_name(ca.root.subject)
               .public_key(key.public_key()).serial_number(cx509.random_serial_number())
               .not_valid_before(x509.now() - dt.timedelta(minutes=5))
               .not_valid_after(x509.now() + dt.timedelta(days=30))
               .add_extension(cx509.BasicConstraints(ca=True, path_length=None), critical=True)
               .add_extension(cx509.NameConstraints([cx509.DNSName("example.org")], None),
                              critical=True))
    constrained = builder.sign(ca.root_key, hashes.SHA256())
    leaf = x509.issue_certificate(x509.Subject("mail.example.com").name(),
                                  x509.new_key().public_key(), constrained, key, 30,
                                  dns_names=["mail.example.com"])
    expected = openssl_verify(tmp_path, [leaf, constrained], [ca.root])
    assert expected[:2] == (47, 0)
    assert ours([leaf, constrained], [ca.root]) == expected
