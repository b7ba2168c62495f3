"""Postfix as the real peer: the appliance delivers to it under the five destination TLS
settings (certificate from a trusted lab CA, for a wrong host name, from an unknown CA, STARTTLS
off), and Postfix delivers into the appliance at ``encrypt`` and ``verify``."""
import asyncio
import re
import uuid

import pytest

from cluster import model

from . import postfix
from .support import PKI, arun, free_port, listener_port, mail_log, make_appliance, relay_policy, running, swaks

DOMAIN = "dest.example"
VARIANTS = {          # Postfix server: (smtpd_tls_security_level, certificate)
    "trusted": ("may", "good"),
    "wrong-name": ("may", "wrong"),
    "unknown-ca": ("may", "self"),
    "no-starttls": ("none", None),
}
# variant -> {destination TLS setting: True (delivered over TLS), False (in clear), None (not)}
EXPECTED = {
    "trusted": {"off": False, "on": True, "require": True, "on_verify": True,
                "require_verify": True},
    "wrong-name": {"off": False, "on": True, "require": True, "on_verify": True,
                   "require_verify": None},
    "unknown-ca": {"off": False, "on": True, "require": True, "on_verify": True,
                   "require_verify": None},
    "no-starttls": {"off": False, "on": False, "require": None, "on_verify": False,
                    "require_verify": None},
}


@pytest.fixture(scope="module")
def pki():
    postfix.require()
    return PKI.create()


@pytest.fixture(scope="module")
def pems(pki, tmp_path_factory):
    folder = tmp_path_factory.mktemp("pems")
    made = {"good": pki.leaf("mx.example.net", dns=["mx.example.net"], ips=["127.0.0.1"]),
            "wrong": pki.leaf("wrong.invalid", dns=["wrong.invalid"]),
            "self": pki.leaf("mx.example.net", dns=["mx.example.net"], ips=["127.0.0.1"],
                             self_signed=True)}
    paths = {}
    for name, ident in made.items():
        paths[name] = folder / f"{name}.pem"
        paths[name].write_text(ident.key_pem + ident.certificate_pem + "".join(ident.chain_pem))
    paths["root"] = folder / "root.pem"
    paths["root"].write_text(pki.root_pem)
    return paths


@pytest.fixture(scope="module")
def servers(pems, tmp_path_factory):
    running_servers = {}
    try:
        for name, (level, cert) in VARIANTS.items():
            running_servers[name] = postfix.Postfix(free_port(), pems[cert] if cert else None,
                                                    tls=level).start()
        yield running_servers
    finally:
        for server in running_servers.values():
            server.stop()


@pytest.mark.parametrize("setting", model.DEST_TLS)
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_delivery_to_postfix(tmp_path, pki, servers, variant, setting):
    server = servers[variant]
    expected = EXPECTED[variant][setting]
    message_id = f"{uuid.uuid4().hex}@sender.example"

    def change(session):
        session.edit("smtproutes").routes[DOMAIN] = model.SmtpRoute(
            DOMAIN, [model.RouteDestination("127.0.0.1", server.port)])
        session.edit("destconfig").entries[DOMAIN] = model.DestinationControl(DOMAIN, tls=setting)
        session.edit("certificates").custom_cas["lab"] = model.CustomCA("lab", pki.root_pem)
    appliance = make_appliance(tmp_path, change)

    async def main():
        async with running(appliance) as service:
            await service.core.generate(
                "alice@sender.example", [f"user@{DOMAIN}"],
                f"Message-ID: <{message_id}>\r\nSubject: to postfix\r\n\r\nhello\r\n".encode(), {})
            for _ in range(200):
                lines = mail_log(service)
                if any("Message finished MID 1" in l or "Delayed:" in l for l in lines):
                    break
                await asyncio.sleep(0.05)
            return lines
    lines = arun(main())
    text = "\n".join(lines)
    seen = None
    for _ in range(100):
        seen = server.session_of(message_id)
        if seen is not None and seen["status"] or expected is None:
            break
        arun(asyncio.sleep(0.05))
    if expected is None:
        assert seen is None, server.log_text()
        assert re.search(r"Delayed: DCID 1 MID 1 .* RID 0 - 4\.\d\.\d - ", text), text
        return
    assert seen is not None and seen["status"] == "sent", text + "\n" + server.log_text()
    assert (seen["tls"] is not None) is expected, seen
    if expected:
        assert "Anonymous TLS connection established from localhost[127.0.0.1]" in seen["tls"]
        assert re.search(r"Info: DCID 1 TLS success protocol TLSv1\.3 cipher TLS_\w+", text)
    assert "Info: Message finished MID 1 done" in lines
    if setting == "on_verify" and expected:
        verdict = "verified for 127.0.0.1" if variant == "trusted" else "verification failed"
        assert f"Info: DCID 1 TLS certificate {verdict}" in text, text


@pytest.mark.parametrize("level,label", [("encrypt", "Trusted"), ("verify", "Verified")])
def test_postfix_delivers_into_the_appliance_over_tls(tmp_path, pki, pems, level, label):
    listener = pki.leaf("mail.esa.example", dns=["mail.esa.example"])

    def change(session):
        relay_policy(session).params.tls = "required"
        session.edit("certificates").profiles["lab"] = listener.profile("lab")
        session.edit("listeners").listeners["IncomingMail"].certificate = "lab"
    appliance = make_appliance(tmp_path, change)
    relay = postfix.Postfix(free_port(), pems["good"],
                            routes={"esa.example": f"[127.0.0.1]:{listener_port(appliance)}"},
                            client_tls=level, ca=pems["root"], verify_match="mail.esa.example")

    async def main():
        async with running(appliance) as service:
            relay.start()
            try:
                status, out = await swaks(relay.port, to="user@esa.example")
                assert status == 0, out
                for _ in range(200):
                    lines = mail_log(service)
                    if any("queued for delivery" in l for l in lines):
                        break
                    await asyncio.sleep(0.05)
                await asyncio.sleep(0.2)
                return lines, relay.log_text()
            finally:
                relay.stop()
    lines, relay_log = arun(main())
    assert re.search(rf"{label} TLS connection established to 127\.0\.0\.1\[127\.0\.0\.1\]:\d+: "
                     r"TLSv1\.3 with cipher", relay_log), relay_log
    assert re.search(r"relay=127\.0\.0\.1\[127\.0\.0\.1\]:\d+, .*status=sent \(250 ok:  "
                     r"Message 1 accepted\)", relay_log), relay_log
    assert any(re.fullmatch(r"Info: ICID 1 TLS success protocol TLSv1\.3 cipher TLS_\w+", l)
               for l in lines), lines
    assert "Info: MID 1 ICID 1 RID 0 To: <user@esa.example>" in lines
