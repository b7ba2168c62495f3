"""The mail_logs and bounces lines of every ICID, MID, RID and DCID event (mail-logs.md §2-§4).

One method per event, so each line's shape lives in one place.  The dialect is the modern one
(AsyncOS 11-16): HAT lines end with the sender's SBRS and country, DCID lines carry ``port``,
bounce lines carry ``From:``/``To:``, Subject is double-quoted (mail-logs.md §1.7, the 2023
sample), Message-ID and Response are Python-repr quoted.  Scanning verdicts follow a real 7.6
log (mail-logs.md S9: CASE, then Sophos, then Outbreak Filters) and Elastic's 2022 samples (AMP,
SDR); the lines for a virus found are the older catalogue's (S10) where no newer one was seen.

Checked line by line against AsyncOS's own message catalogue in Cisco's QA library (github
dharma412/PythonClass csa/testlib/common/shell/qlogmsgs.py, keys ``mail.MAIL.*``; a comment
names the key).  Where the catalogue is older than the real lines we follow (HAT lines without
`` country``, DCID lines without `` port``, bare ``TLS success``, ``Connection Error: DCID:``
without ``domain:``/``port:``, bounces without ``From:``/``To:``, the 7.6-era trailing space
after ``antivirus negative`` and ``Message done … to RID [0]``), the newer real samples win.
"""
from __future__ import annotations

from typing import Protocol, Sequence


class LogSink(Protocol):
    def write(self, log: str, message: str, level: str = "Info") -> None: ...


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\r": "\\r", "\n": "\\n", "\t": "\\t"}


def double_quoted(value: str) -> str:
    """``"…"`` with the escapes of Python's repr (the newer AsyncOS Subject form)."""
    return '"' + "".join(_ESCAPES.get(c, c if c.isprintable() else repr(c)[1:-1])
                         for c in value) + '"'


def rid_list(rids: Sequence[int]) -> str:
    return "[" + ", ".join(str(r) for r in rids) + "]"


def reply_repr(code: str, lines: Sequence[str]) -> str:
    """``('550', ['5.1.1 …'])``: the remote reply as AsyncOS prints it."""
    return repr((code, list(lines)))


class MailLog:
    def __init__(self, sink: LogSink):
        self.sink = sink

    def info(self, message: str) -> None:
        self.sink.write("mail_logs", message)

    # -- inbound connections (§2) ---------------------------------------------------------------
    def new_icid(self, icid: int, interface: str, interface_ip: str, address: str,
                 rdns: str, verified: bool) -> None:
        # catalogue mail.MAIL.IMH.CONNECTION
        self.info(f"New SMTP ICID {icid} interface {interface} ({interface_ip}) address {address} "
                  f"reverse dns host {rdns or 'unknown'} verified {'yes' if verified else 'no'}")

    def hat(self, icid: int, action: str, group: str, match: str, sbrs: str,
            country: str) -> None:
        # catalogue mail.MAIL.IMH.CONNECTION_VERBOSE; " country …" from the 2018/2022 real lines
        """``sbrs``: a score (``3.4``), ``None`` or ``not enabled``; ``country``: a name."""
        self.info(f"ICID {icid} {action} SG {group} match {match} SBRS {sbrs} country {country}")

    def icid_tls_success(self, icid: int, protocol: str, cipher: str) -> None:
        # catalogue mail.MAIL.IMH.TLS.SUCCESS; "protocol … cipher …" from the real lines
        self.info(f"ICID {icid} TLS success protocol {protocol} cipher {cipher}")

    def icid_tls_failed(self, icid: int, detail: str) -> None:
        # catalogue mail.MAIL.IMH.TLS.FAILED; ": <detail>" from the real lines
        self.info(f"ICID {icid} TLS failed: {detail}")

    def icid_tls_required(self, icid: int) -> None:
        # catalogue mail.MAIL.IMH.TLS.REQUIRED
        self.info(f"ICID {icid} TLS was required but remote host did not initiate it")

    def receiving_failed(self, icid: int, reason: str) -> None:
        # catalogue mail.MAIL.IMH.INJECTION_FAILED (+ its reasons)
        self.info(f"ICID {icid} Receiving Failed: {reason}")

    def icid_timeout(self, icid: int, address: str) -> None:
        # catalogue mail.MAIL.IMH.CONN_EXCEED_TOTAL_CONN_TIME
        self.info(f"ICID {icid} disconnected address {address}, exceeded allowable connection time")

    def icid_lost(self, icid: int) -> None:
        # catalogue mail.MAIL.IMH.CONNECTION_LOST
        self.info(f"ICID {icid} lost")

    def icid_close(self, icid: int) -> None:
        # catalogue mail.MAIL.IMH.CONNECTION_END
        self.info(f"ICID {icid} close")

    # -- messages (§3) --------------------------------------------------------------------------
    def start_mid(self, mid: int, icid: int) -> None:
        # catalogue mail.MAIL.ENQUEUE_START
        self.info(f"Start MID {mid} ICID {icid}")

    def mail_from(self, mid: int, icid: int, sender: str) -> None:
        # catalogue mail.MAIL.ENQUEUE_FROM
        self.info(f"MID {mid} ICID {icid} From: <{sender}>")

    def rcpt_to(self, mid: int, icid: int, rid: int, recipient: str) -> None:
        # catalogue mail.MAIL.ENQUEUE_RCPT
        self.info(f"MID {mid} ICID {icid} RID {rid} To: <{recipient}>")

    def rcpt_rejected(self, mid: int, icid: int, recipient: str, by: str) -> None:
        # catalogue mail.MAIL.IMH.RAT_REJECTED ("by RAT")
        self.info(f"MID {mid} ICID {icid} To: <{recipient}> Rejected by {by}")

    def message_id(self, mid: int, value: str) -> None:
        # catalogue mail.MAIL.MESSAGE_ID
        self.info(f"MID {mid} Message-ID {value!r}")

    def subject(self, mid: int, value: str) -> None:
        # catalogue mail.MAIL.IMH.ORIG_SUBJ
        self.info(f"MID {mid} Subject {double_quoted(value)}")

    def ready(self, mid: int, size: int, sender: str) -> None:
        # catalogue mail.MAIL.ENQUEUE_DONE
        self.info(f"MID {mid} ready {size} bytes from <{sender}>")

    def matched_policy(self, mid: int, table: str, policy: str = "DEFAULT") -> None:
        # catalogue mail.MAIL.PERRCPT.MATCHED_ALL
        self.info(f"MID {mid} matched all recipients for per-recipient policy {policy} "
                  f"in the {table} table")

    # -- scanning (§3.3) ------------------------------------------------------------------------
    def case_verdict(self, mid: int, spam: bool) -> None:
        # catalogue mail.MAIL.AS.VERDICT (the interim line: S9)
        verdict = "positive" if spam else "negative"
        self.info(f"MID {mid} interim verdict using engine: CASE spam {verdict}")
        self.info(f"MID {mid} using engine: CASE spam {verdict}")

    def antivirus_verdict(self, mid: int, virus: str) -> None:
        # catalogue mail.MAIL.ANTIVIRUS.SCAN.NEGATIVE / .POSITIVE
        self.info(f"MID {mid} interim AV verdict using Sophos {'VIRAL' if virus else 'CLEAN'}")
        self.info(f"MID {mid} antivirus positive {virus!r}" if virus
                  else f"MID {mid} antivirus negative")

    def amp_verdict(self, mid: int, attachments: int) -> None:
        # A file unknown to the reputation service is "UNKNOWN" (our reading, R).
        verdict = "UNKNOWN" if attachments else "SKIPPED (no attachment in message)"
        self.info(f"MID {mid} AMP file reputation verdict : {verdict}")

    def outbreak_verdict(self, mid: int) -> None:
        self.info(f"MID {mid} Outbreak Filters: verdict negative")

    def sdr_verdict(self, mid: int, domain: str) -> None:
        self.info(f"MID {mid} SDR: Consolidated Sender Threat Level: Neutral, Threat Category: "
                  "N/A, Suspected Domain(s) : N/A (other reasons for verdict). Sender Maturity: "
                  f"30 days (or greater) for domain: {domain}")

    def quarantined(self, mid: int, quarantine: str, reason: str) -> None:
        # catalogue mail.QUARANTINE.MESSAGE with mail.QUARANTINE.MESSAGE.AV_VERDICT
        self.info(f'MID {mid} quarantined to "{quarantine}" ({reason})')

    # -- the local Spam Quarantine (mail-logs.md §3.3 "quarantine") --------------------------------
    def isq_tagged(self, mid: int) -> None:
        self.info(f"ISQ: Tagging MID {mid} for quarantine")                       # V S9

    def rpc_delivery_start(self, rcid: int, mid: int) -> None:
        self.info(f"RPC Delivery start RCID {rcid} MID {mid} to local IronPort Spam "
                  "Quarantine")                                                    # V-old S10

    def isq_quarantined(self, mid: int) -> None:
        self.info(f"ISQ: Quarantined MID {mid}")              # V S14 ("ISQ: Quarantined MID")

    def rpc_message_done(self, rcid: int, mid: int) -> None:
        self.info(f"RPC Message done RCID {rcid} MID {mid}")                     # V-old S10

    def isq_releasing(self, mid: int) -> None:
        # R: recalled from Cisco tech note 118286 (release from quarantine), whose log part
        # is not in our reference material.
        self.info(f"ISQ: Releasing MID [{mid}] for all")

    def isq_delivering_released(self, mid: int) -> None:
        self.info(f"ISQ: Delivering released MID {mid} (skipping work queue)")   # R, as above

    def queued(self, mid: int) -> None:
        # catalogue mail.MAIL.WORK_QUEUE_FINISHED
        self.info(f"MID {mid} queued for delivery")

    # -- the work queue and suspended delivery (the operator's commands) ------------------------
    def work_queue_paused(self, messages: int, reason: str) -> None:
        """``reason``: what the administrator answered ``workqueue`` PAUSE (may be empty)."""
        self.info(f"work queue paused, {messages} msgs, {reason}")   # WORK_QUEUE_PAUSED_NATURAL

    def work_queue_resumed(self, messages: int) -> None:
        self.info(f"work queue resumed, {messages} msgs")          # WORK_QUEUE_UNPAUSED_NATURAL

    def deliveries_suspended(self, domain: str) -> None:
        self.info(f"Deliveries are currently suspended [{domain}]")  # OMH.DELIVERIES_SUSPENDED

    def generated_for_bounce(self, mid: int, original: int) -> None:
        # catalogue mail.MAIL.ENQUEUE_BOUNCE_MID
        self.info(f"MID {mid} was generated for bounce of MID {original}")

    def aborted(self, mid: int, reason: str) -> None:
        # catalogue mail.MAIL.MESSAGE_ABORTED (.INJECTION "Receiving aborted",
        # .DROPPED "Dropped by …")
        self.info(f"Message aborted MID {mid} {reason}")

    def deleted(self, mid: int, rids: Sequence[int]) -> None:
        # catalogue mail.MAIL.DELETE_MESSAGE
        """Recipients removed by ``deleterecipients`` (mail-logs.md §4, V-old)."""
        self.info(f"Deleted: MID {mid} to {rid_list(rids)}")

    def finished(self, mid: int, how: str = "done") -> None:
        # catalogue mail.MAIL.MSG_FINISHED (.DONE / .ABORTED)
        self.info(f"Message finished MID {mid} {how}")

    # -- delivery (§4) --------------------------------------------------------------------------
    def new_dcid(self, dcid: int, interface_ip: str, address: str, port: int) -> None:
        # catalogue mail.MAIL.OMH.CONNECTED; " port …" from the real lines
        self.info(f"New SMTP DCID {dcid} interface {interface_ip} address {address} port {port}")

    def dcid_tls_success(self, dcid: int, protocol: str, cipher: str) -> None:
        # catalogue mail.MAIL.OMH.TLS.SUCCESS; "protocol … cipher …" from the real lines
        self.info(f"DCID {dcid} TLS success protocol {protocol} cipher {cipher}")

    def dcid_tls_failed(self, dcid: int, detail: str) -> None:
        # catalogue mail.MAIL.OMH.TLS.FAILED
        self.info(f"DCID {dcid} TLS failed: {detail}")

    def dcid_tls_required(self, dcid: int, address: str) -> None:
        # catalogue mail.MAIL.OMH.TLS.UNAVAIL
        self.info(f"DCID {dcid} IP {address} TLS was required but could not be successfully "
                  "negotiated")

    def connection_error(self, dcid: int, domain: str, address: str, port: int, details: str,
                         interface_ip: str, reason: str) -> None:
        # catalogue mail.MAIL.OMH.CONNECTION_ERROR (+ its reasons); "DCID n domain: … port:"
        # from the real 2018/2023 lines
        self.info(f"Connection Error: DCID {dcid} domain: {domain} IP: {address} port: {port} "
                  f"details: {details} interface: {interface_ip} reason: {reason}")

    def delivery_start(self, dcid: int, mid: int, rids: Sequence[int]) -> None:
        # catalogue mail.MAIL.OMH.START_DELIVERY
        self.info(f"Delivery start DCID {dcid} MID {mid} to RID {rid_list(rids)}")

    def message_done(self, dcid: int, mid: int, rids: Sequence[int]) -> None:
        # catalogue mail.MAIL.MSG_DONE
        self.info(f"Message done DCID {dcid} MID {mid} to RID {rid_list(rids)}")

    def response(self, mid: int, rids: Sequence[int], text: str) -> None:
        # catalogue mail.MAIL.OMH.REMOTE_SMTP_RESPONSE
        self.info(f"MID {mid} RID {rid_list(rids)} Response {text!r}")

    def bounced(self, dcid: int, mid: int, sender: str, recipient: str, rid: int, status: str,
                reason: str, code: str, lines: Sequence[str]) -> None:
        # catalogue mail.MAIL.OMH.DELIVERY_FAILURE; "From: … To: …" from the 2018 real lines
        self._bounce_event("Bounced", dcid, mid, sender, recipient, rid, status, reason,
                           reply_repr(code, lines))

    def delayed(self, dcid: int, mid: int, sender: str, recipient: str, rid: int, status: str,
                reason: str, code: str, lines: Sequence[str]) -> None:
        # catalogue mail.MAIL.OMH.DELIVERY_DEFERRAL; as bounced
        self._bounce_event("Delayed", dcid, mid, sender, recipient, rid, status, reason,
                           reply_repr(code, lines))

    def _bounce_event(self, event: str, dcid: int, mid: int, sender: str, recipient: str,
                      rid: int, status: str, reason: str, reply: str) -> None:
        # The same event in both logs; only bounces leaves out the space after From: and To:.
        self.info(f"{event}: DCID {dcid} MID {mid} From: <{sender}> To: <{recipient}> RID {rid} "
                  f"- {status} - {reason} {reply}")
        self.sink.write("bounces", f"{event}: DCID {dcid} MID {mid} From:<{sender}> "
                        f"To:<{recipient}> RID {rid} - {status} - {reason} {reply}")

    def dcid_close(self, dcid: int) -> None:
        # catalogue mail.MAIL.OMH.CONNECTION_DONE
        self.info(f"DCID {dcid} close")

    # -- alerts (§4.5) --------------------------------------------------------------------------
    def alert_sent(self, alert_class: str, severity: str, recipient: str, subject: str) -> None:
        self.info(f"A {alert_class}/{severity} alert was sent to {recipient} with subject "
                  f"{double_quoted(subject)}.")
