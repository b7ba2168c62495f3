"""The outbound conversation (``outbound.ClientSession``) against a scripted server on a
``StringTransport``: every destination TLS setting against every kind of server (the cases that
need no real TLS stack; ``test_delivery`` keeps real handshakes and a few whole deliveries), the
mail transaction, reply classification, and delivery's log sink, all without a socket."""
from __future__ import annotations

from typing import Optional

import pytest
from twisted.internet import error as net_error, task
from twisted.python.failure import Failure

from smtp_core import destpolicy
from smtp_core.client import Reply, UnexpectedReply
from smtp_core.delivery import Peer, PeerLog
from smtp_core.maillog import MailLog
from smtp_core.outbound import ClientSession, Envelope, Outcome, TLSPolicyFailure, TLSRule
from smtp_core.tls import Verification

from .scripted import MODES, ScriptedServer, run

HELO = "ironport.example.com"
VERIFIED = Verification(True, "mx.example.net")
MISMATCH = Verification(False, "verify error: hostname mismatch")


class Policy:
    def __init__(self, rule: TLSRule, verification: Verification = VERIFIED):
        self.rule, self.verification = rule, verification
        self.verified: list[object] = []

    def helo_name(self) -> str:
        return HELO

    def tls_rule(self) -> TLSRule:
        return self.rule

    def tls_context(self) -> str:
        return "client context"

    def verify(self, connection: object) -> Verification:
        self.verified.append(connection)
        return self.verification


class Events:
    """A ClientSink that keeps what it was told."""

    def __init__(self) -> None:
        self.seen: list[tuple] = []

    def tls_not_offered(self) -> None:
        self.seen.append(("not offered",))

    def starttls_refused(self, reply: Reply) -> None:
        self.seen.append(("refused", reply.code))

    def starttls_accepted(self) -> None:
        self.seen.append(("accepted",))

    def tls_failed(self, detail: str) -> None:
        self.seen.append(("failed", detail))

    def tls_started(self, protocol: str, cipher: str,
                    verification: Optional[Verification]) -> None:
        self.seen.append(("started", protocol, verification))


class Fates:
    """A TransactionSink that keeps each recipient's fate."""

    def __init__(self) -> None:
        self.failed_: list[tuple[list[int], Outcome]] = []
        self.delivered_: list[tuple[list[int], Reply]] = []

    def failed(self, rids: list[int], outcome: Outcome) -> None:
        self.failed_.append((rids, outcome))

    def delivered(self, rids: list[int], reply: Reply) -> None:
        self.delivered_.append((rids, reply))


def session_with(answers: dict, rule: TLSRule = TLSRule(), verification=VERIFIED,
                 banner: str = "220 mx.example.net ESMTP") -> tuple[ClientSession, ScriptedServer]:
    server = ScriptedServer(answers, banner)
    conn = server.connect(task.Clock())
    return ClientSession(conn, Policy(rule, verification), Events(), "192.0.2.25"), server


def open_session(session: ClientSession) -> Optional[TLSPolicyFailure]:
    async def main():
        try:
            await session.open()
        except TLSPolicyFailure as failure:
            return failure
        return None
    return run(main())


REQUIRED_FAILURE = ("4.7.0", "000", ["TLS was required but could not be successfully negotiated"])
REFUSED = ("4.7.0", "454", ["4.7.0 TLS not available due to temporary reason"])
# (server, setting) -> "clear", "tls", or (required, status, code, lines) of the failure.
CASES = {
    ("good", "off"): "clear", ("good", "on"): "tls", ("good", "require"): "tls",
    ("good", "on_verify"): "tls", ("good", "require_verify"): "tls",
    ("plain", "off"): "clear", ("plain", "on"): "clear", ("plain", "on_verify"): "clear",
    ("plain", "require"): (True, *REQUIRED_FAILURE),
    ("plain", "require_verify"): (True, *REQUIRED_FAILURE),
    ("noesmtp", "off"): "clear", ("noesmtp", "on"): "clear", ("noesmtp", "on_verify"): "clear",
    ("noesmtp", "require"): (True, *REQUIRED_FAILURE),
    ("noesmtp", "require_verify"): (True, *REQUIRED_FAILURE),
    ("454", "off"): "clear", ("454", "on"): "clear", ("454", "on_verify"): "clear",
    ("454", "require"): (True, *REFUSED), ("454", "require_verify"): (True, *REFUSED),
    ("garbage", "off"): "clear",
    **{("garbage", setting): (setting in destpolicy.REQUIRED_MODES, "4.7.0", "000", None)
       for setting in ("on", "require", "on_verify", "require_verify")},
}


@pytest.mark.parametrize("server_mode,setting", sorted(CASES))
def test_destination_tls_settings(server_mode, setting):
    expected = CASES[server_mode, setting]
    session, server = session_with(MODES[server_mode], destpolicy.tls_rule(setting))
    failure = open_session(session)
    seen = session.sink.seen
    sent = [line for line in server.dialogue if line.startswith("C: ")]
    assert ("C: STARTTLS" in sent) == (setting != "off" and server_mode in ("good", "454",
                                                                           "garbage"))
    assert ("C: HELO ironport.example.com" in sent) == (server_mode == "noesmtp")
    if expected in ("clear", "tls"):
        assert failure is None, failure
        assert session.tls is (expected == "tls") and server.tls is session.tls
        if expected == "tls":
            verification = VERIFIED if setting in ("on_verify", "require_verify") else None
            assert seen == [("accepted",), ("started", "TLSv1.3", verification)]
            assert sent[-1] == "C: EHLO ironport.example.com"    # again, over TLS
            assert session.extensions.keys() == {"PIPELINING", "SIZE", "8BITMIME"}
        elif server_mode == "454" and setting != "off":
            assert seen == [("refused", 454)]        # Preferred goes on in clear
        else:
            assert seen == []
        return
    required, status, code, lines = expected
    assert failure is not None and failure.required is required
    assert (failure.outcome.status, failure.outcome.code) == (status, code)
    if server_mode == "garbage":
        detail = seen[-1][1]
        assert seen == [("accepted",), ("failed", detail)] and "wrong version number" in detail
        assert failure.outcome.lines == [f"TLS failed: {detail}"]
    else:
        assert failure.outcome.lines == lines
        assert seen == ([("refused", 454)] if server_mode == "454" else [("not offered",)])


def test_an_enforced_verification_that_fails_ends_the_conversation():
    session, server = session_with(MODES["good"], destpolicy.tls_rule("require_verify"), MISMATCH)
    failure = open_session(session)
    assert failure.required and failure.outcome.lines == [
        "TLS failed: verify error: hostname mismatch"]
    assert session.sink.seen == [("accepted",), ("failed", "verify error: hostname mismatch")]
    assert server.dialogue[-1] == "TLS handshake"       # no EHLO over an unverified connection


def test_preferred_verify_reports_a_failed_verification_and_goes_on():
    session, _ = session_with(MODES["good"], destpolicy.tls_rule("on_verify"), MISMATCH)
    assert open_session(session) is None
    assert session.sink.seen == [("accepted",), ("started", "TLSv1.3", MISMATCH)]
    assert len(session.policy.verified) == 1          # checked once, after the handshake


def test_a_banner_that_is_not_220_is_an_unexpected_reply():
    session, _ = session_with({}, banner="554 5.7.1 go away")
    with pytest.raises(UnexpectedReply) as caught:
        run(session.open())
    assert caught.value.details == "554-'5.7.1 go away'"
    assert caught.value.reason == "unexpected SMTP response"


def test_helo_refused_after_ehlo_is_an_unexpected_reply():
    session, server = session_with({"EHLO": "500 no", "HELO": "501 5.5.4 no thanks"})
    with pytest.raises(UnexpectedReply) as caught:
        run(session.open())
    assert caught.value.details == "501-'5.5.4 no thanks'"
    assert server.dialogue[-2:] == ["C: HELO ironport.example.com", "S: 501 5.5.4 no thanks"]


# -- the mail transaction --------------------------------------------------------------------------
def rcpt(line: str) -> str:
    address = line.split("<", 1)[1].rstrip(">")
    if address.startswith("bounce"):
        return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
    if address.startswith("defer"):
        return "451 4.3.2 try again later"
    return "250 2.1.5 Ok"


def transact(answers: dict, envelope: Envelope) -> tuple[Fates, ScriptedServer]:
    session, server = session_with({**MODES["plain"], **answers})
    fates = Fates()

    async def main():
        await session.open()
        await session.transact(envelope, fates)
    run(main())
    return fates, server


BODY = "Subject: tést\r\n\r\n.leading dot\r\nend".encode()
ENVELOPE = Envelope.of("alice@sender.example",
                       [(0, "bounce1@dest.example"), (1, "defer1@dest.example"),
                        (2, "ok@dest.example")], BODY)


def test_each_recipient_gets_its_own_fate():
    fates, server = transact({"RCPT": rcpt}, ENVELOPE)
    sent = [line[3:] for line in server.dialogue if line.startswith("C: ")]
    assert sent[1:] == [f"MAIL FROM:<alice@sender.example> SIZE={len(BODY)} BODY=8BITMIME",
                        "RCPT TO:<bounce1@dest.example>", "RCPT TO:<defer1@dest.example>",
                        "RCPT TO:<ok@dest.example>", "DATA", "<message>"]
    assert server.data == "Subject: tést\r\n\r\n..leading dot\r\nend\r\n.\r\n".encode()
    (bounced, bounce), (deferred, defer) = fates.failed_
    assert (bounced, bounce.status, bounce.reason, bounce.code, bounce.permanent) == (
        [0], "5.1.1", "Bad destination mailbox address", "550", True)
    assert bounce.address == "192.0.2.25"
    assert (deferred, defer.status, defer.reason, defer.permanent) == (
        [1], "4.3.2", "Not accepting messages at this time", False)
    assert fates.delivered_ == [([2], Reply(250, ["2.0.0 Ok: queued as SINK1"]))]


@pytest.mark.parametrize("answers,failed,status,last", [
    ({"MAIL": "553 5.1.8 sender refused"}, [0, 1, 2], "5.1.8", "RSET"),
    ({"RCPT": "550 no such user"}, None, "5.1.0", "RSET"),
    ({"DATA": "554 no data today"}, [0, 1, 2], "5.3.0", "RSET"),
    ({"END": "452 4.3.1 insufficient system storage"}, [0, 1, 2], "4.3.1", "<message>"),
])
def test_a_refused_stage_fails_its_recipients(answers, failed, status, last):
    envelope = Envelope.of("a@b.example", [(0, "x@d.example"), (1, "y@d.example"),
                                           (2, "z@d.example")], b"hello\r\n")
    fates, server = transact(answers, envelope)
    sent = [line[3:] for line in server.dialogue if line.startswith("C: ")]
    assert sent[1] == "MAIL FROM:<a@b.example> SIZE=7"     # ASCII: no BODY=8BITMIME
    assert sent[-1] == last
    assert fates.delivered_ == []
    if failed is None:   # one failure per recipient
        assert [rids for rids, _ in fates.failed_] == [[0], [1], [2]]
        assert "DATA" not in sent
    else:
        assert [rids for rids, _ in fates.failed_] == [failed]
    assert {outcome.status for _, outcome in fates.failed_} == {status}


def test_quit_is_not_sent_over_a_lost_connection():
    session, server = session_with(MODES["plain"])

    async def main():
        await session.open()
        session.connection.connectionLost(Failure(net_error.ConnectionDone()))
        await session.quit()
    run(main())
    assert "C: QUIT" not in server.dialogue


@pytest.mark.parametrize("code,line,stage,status,reason", [
    (550, "#5.1.0 Address rejected.", "1.0", "5.1.0", "Unknown address error"),
    (552, "5.3.4 message too big", "3.0", "5.3.4", "Message too big for system"),
    (421, "Service not available", "1.0", "4.1.0", "Unknown address error"),
    (554, "Transaction failed", "3.0", "5.3.0", "Other mail system problem"),
    (550, "5.9.9 odd", "1.0", "5.9.9", "Unknown error"),
    (354, "go ahead", "1.0", "4.1.0", "Unknown address error"),    # not a refusal code: temporary
])
def test_reply_classification(code, line, stage, status, reason):
    outcome = Outcome.from_reply(Reply(code, [line]), stage)
    assert (outcome.status, outcome.reason, outcome.code) == (status, reason, str(code))
    assert outcome.permanent is status.startswith("5")
    assert outcome.text() == f"{code} {line}"


# -- delivery's sink: the lines AsyncOS logs -----------------------------------------------------
class Lines:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def write(self, log: str, message: str, level: str = "Info") -> None:
        self.lines.append(f"{level}: {message}")


@pytest.mark.parametrize("server_mode,setting,expected", [
    ("454", "on", [
        "Info: Connection Error: DCID 7 domain: dest.example IP: 127.0.0.1 port: 2525 details: "
        "454-'4.7.0 TLS not available due to temporary reason' interface: 127.0.0.9 "
        "reason: unexpected SMTP response",
        "Info: DCID 7 TLS failed: STARTTLS unexpected response"]),
    ("plain", "require", [
        "Info: DCID 7 IP 127.0.0.1 TLS was required but could not be successfully negotiated"]),
    ("good", "on", ["Info: DCID 7 TLS success protocol TLSv1.3 cipher TLS_AES_256_GCM_SHA384"]),
    ("good", "on_verify", [
        "Info: DCID 7 TLS success protocol TLSv1.3 cipher TLS_AES_256_GCM_SHA384",
        "Info: DCID 7 TLS certificate verified for mx.example.net"]),
    ("good", "require_verify", [
        "Info: DCID 7 TLS success protocol TLSv1.3 cipher TLS_AES_256_GCM_SHA384",
        "Info: DCID 7 TLS certificate verified for mx.example.net"]),
])
def test_delivery_logs_the_tls_events(server_mode, setting, expected):
    lines = Lines()
    peer = Peer("dest.example", "mx.example.net", "127.0.0.1", 2525, 7, "127.0.0.9")
    server = ScriptedServer(MODES[server_mode])
    session = ClientSession(server.connect(task.Clock()),
                            Policy(destpolicy.tls_rule(setting)), PeerLog(MailLog(lines), peer))
    open_session(session)
    assert lines.lines == expected


def test_delivery_logs_a_failed_verification_and_a_failed_handshake():
    lines = Lines()
    peer = Peer("dest.example", "mx.example.net", "127.0.0.1", 25, 3, "127.0.0.1")
    log = PeerLog(MailLog(lines), peer)
    log.tls_started("TLSv1.2", "ECDHE-RSA-AES256-GCM-SHA384", MISMATCH)
    log.tls_failed("verify error: self-signed certificate")
    assert lines.lines == [
        "Info: DCID 3 TLS success protocol TLSv1.2 cipher ECDHE-RSA-AES256-GCM-SHA384",
        "Info: DCID 3 TLS certificate verification failed: verify error: hostname mismatch",
        "Info: DCID 3 TLS failed: verify error: self-signed certificate"]
