"""Network > Certificates: add a self-signed certificate, download its CSR, upload the signed
certificate and intermediate, import and export PKCS#12, delete, certificate authorities; each
bad input comes back with the field marked and nothing changed."""
from __future__ import annotations

from cryptography import x509 as cx509

from cluster import x509
from labcerts import LabCA, pem

from .support import Client, make_gui

SUBJECT = dict(common_name="mail.example.com", organization="Example", unit="IT",
               locality="San Jose", state="CA", country="US", days="365", key_size="2048")


def logged_in(tmp_path) -> tuple[Client, object]:
    gui, _ = make_gui(tmp_path)
    client = Client(gui)
    client.login()
    return client, gui


def session_of(client: Client):
    return client.gui.sessions.sessions[client.cookies["sid"]].config


def add_self_signed(client: Client, name: str = "mailcert", **fields):
    client.get("/network/certificates/add")
    page = client.post("/network/certificates/add", kind="self_signed", name=name,
                       **{**SUBJECT, **fields})
    if page.status != 200:
        return page
    return client.post("/network/certificates/add/submit", action="submit")


def test_self_signed_then_csr_then_signed_certificate_and_intermediate(tmp_path):
    client, gui = logged_in(tmp_path)
    assert add_self_signed(client).headers["location"] == "/network/certificates"
    listing = client.get("/network/certificates").body
    assert 'id="certificate-mailcert"' in listing and "Signing request pending" in listing
    csr_page = client.get("/network/certificates/profile/mailcert/csr")
    assert csr_page.headers["content-disposition"].endswith("mailcert.csr.pem")
    csr = cx509.load_pem_x509_csr(csr_page.body.encode())
    assert csr.subject.rfc4514_string() == "CN=mail.example.com,OU=IT,O=Example,L=San Jose,ST=CA,C=US"

    ca = LabCA("Lab")
    signed = x509.issue_certificate(csr.subject, csr.public_key(), ca.inter, ca.inter_key, 365,
                                    dns_names=["mail.example.com"])
    client.get("/network/certificates/profile/mailcert")
    page = client.post("/network/certificates/profile/mailcert", signed=pem(signed).encode(),
                       intermediate=ca.inter_pem.encode())
    assert page.status == 303, page.body
    profile = session_of(client).view().certificates.profiles["mailcert"]
    assert profile.certificate_pem == pem(signed) and profile.intermediates == [ca.inter_pem]
    assert "Lab Intermediate CA" in client.get("/network/certificates/profile/mailcert").body
    assert "mailcert" not in gui.appliance.view().certificates.profiles   # not yet committed


def test_bad_inputs_come_back_marked_and_change_nothing(tmp_path):
    client, _ = logged_in(tmp_path)
    page = add_self_signed(client, name="bad name!", country="XX", common_name="")
    assert page.status == 400
    assert page.field_error("name") == "Symbols are not allowed."
    assert page.field_error("country") == "Country should be a ISO two character country code"
    assert page.field_error("common_name") == "This field is required."
    assert 'value="Example"' in page.body       # what was typed is kept
    assert add_self_signed(client, name="Demo").field_error("name") == \
        'A certificate named "Demo" already exists.'
    assert not session_of(client).has_changes

    add_self_signed(client)
    before = session_of(client).view().certificates.profiles["mailcert"]
    client.get("/network/certificates/profile/mailcert")
    page = client.post("/network/certificates/profile/mailcert", signed=b"not a certificate")
    assert page.field_error("signed") == "Invalid certificate...discarding"
    other, _ = LabCA().issue("mail.example.com")
    page = client.post("/network/certificates/profile/mailcert", signed=pem(other).encode())
    assert page.field_error("signed") == "Private key does not sign certificate...discarding"
    page = client.post("/network/certificates/profile/mailcert", intermediate=b"-----BEGIN x")
    assert page.field_error("intermediate") == "Invalid intermediate certificate...discarding"
    assert session_of(client).view().certificates.profiles["mailcert"] == before


def test_import_and_export_pkcs12(tmp_path):
    client, _ = logged_in(tmp_path)
    ca = LabCA()
    cert, key = ca.issue("peer.example.com")
    data = x509.write_pkcs12("peer", pem(cert), x509.private_key_pem(key), [ca.inter_pem], "pw")
    client.get("/network/certificates/add")
    page = client.post("/network/certificates/add", kind="import", name="peer", file=data,
                       password="wrong")
    assert page.field_error("password") == "Invalid pass phrase or corrupt PKCS#12 file."
    page = client.post("/network/certificates/add", kind="import", name="peer", file=b"",
                       password="pw")
    assert page.field_error("file")
    page = client.post("/network/certificates/add", kind="import", name="peer", file=data,
                       password="pw")
    assert page.status == 200 and "peer.example.com" in page.body
    client.post("/network/certificates/add/submit", action="submit")
    assert session_of(client).view().certificates.profiles["peer"].intermediates == [ca.inter_pem]

    client.get("/network/certificates/export?name=peer")
    page = client.post("/network/certificates/export", certificate="peer", file="peer.p12",
                       password="a", confirm="b")
    assert page.field_error("confirm") == "The passphrases do not match."
    page = client.post("/network/certificates/export", certificate="peer", file="peer.p12",
                       password="secret", confirm="secret")
    assert page.headers["content-type"] == "application/x-pkcs12"
    assert x509.read_pkcs12(page.raw, "secret").certificate_pem == pem(cert)


def test_delete_refuses_a_certificate_in_use(tmp_path):
    client, _ = logged_in(tmp_path)
    client.get("/network/certificates/profile/Demo/delete")
    page = client.post("/network/certificates/profile/Demo/delete")
    assert page.status == 303
    assert "is in use and cannot be deleted: listener IncomingMail" in \
        client.get("/network/certificates").body
    add_self_signed(client)
    client.get("/network/certificates/profile/mailcert/delete")
    client.post("/network/certificates/profile/mailcert/delete")
    assert "mailcert" not in session_of(client).view().certificates.profiles


def test_certificate_authorities(tmp_path):
    client, _ = logged_in(tmp_path)
    ca = LabCA("Custom")
    client.get("/network/certificates/authorities")
    page = client.post("/network/certificates/authorities", system="on", custom="on",
                       **{"import": b"garbage"})
    assert page.field_error("import") == "Could not read PEM data from file."
    client.post("/network/certificates/authorities", system="off", custom="on",
                **{"import": ca.root_pem.encode()})
    section = session_of(client).view().certificates
    assert list(section.custom_cas) == ["Custom Root CA"] and not section.system_ca_enabled
    client.get("/network/certificates/authorities")
    client.post("/network/certificates/authorities", system="on", custom="on",
                remove="Custom Root CA")
    assert not session_of(client).view().certificates.custom_cas
