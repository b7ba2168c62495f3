"""The listener's SMTP replies, in one table with their evidence labels (cli.md §0.1).

V verbatim (seen in a real transcript), R chosen by us where the references are silent.  The
enhanced status codes follow RFC 2034 because ENHANCEDSTATUSCODES is advertised; AsyncOS's own
texts write them as ``#5.1.0``.
"""
from __future__ import annotations

REPLIES: dict[str, tuple[str, str]] = {
    "banner": ("220 {host} ESMTP", "R"),
    "helo": ("250 {host}", "R"),
    "starttls": ("220 Go ahead with TLS", "V"),          # seed-summary §6, a Cisco listener
    "mail_ok": ("250 2.1.0 sender <{address}> ok", "V"),  # "250 sender <…> ok" + RFC 2034 code
    "rcpt_ok": ("250 2.1.5 recipient <{address}> ok", "R"),
    "data": ("354 go ahead", "R"),
    "accepted": ("250 2.0.0 ok:  Message {mid} accepted", "R"),
    "rset": ("250 2.0.0 ok", "R"),
    "noop": ("250 2.0.0 ok", "R"),
    "vrfy": ("252 2.5.2 Cannot VRFY user, but will accept message and attempt delivery", "R"),
    "help": ("214 2.0.0 Commands: HELO EHLO MAIL RCPT DATA RSET NOOP VRFY HELP QUIT STARTTLS", "R"),
    "quit": ("221 2.0.0 {host}", "V"),                    # "221 <host>" + RFC 2034 code
    "tls_required": ("530 5.7.0 Must issue a STARTTLS command first", "R"),
    "tls_unavailable": ("454 4.7.0 TLS not available", "R"),
    "tls_twice": ("503 5.5.1 TLS already active", "R"),
    "need_helo": ("503 5.5.1 EHLO/HELO first", "R"),
    "nested_mail": ("503 5.5.1 Nested MAIL command", "R"),
    "need_mail": ("503 5.5.1 MAIL first", "R"),
    "need_rcpt": ("503 5.5.1 RCPT first", "R"),
    "unknown": ("500 5.5.1 command not recognized", "R"),
    "syntax": ("501 5.5.4 Syntax error in parameters or arguments", "R"),
    "bad_sender": ("501 5.1.7 Bad sender address syntax", "R"),
    "bad_recipient": ("501 5.1.3 Bad recipient address syntax", "R"),
    "bad_param": ("555 5.5.4 Unsupported option: {param}", "R"),
    "line_too_long": ("500 5.5.2 Line too long", "R"),
    "too_big": ("552 5.3.4 message size limit exceeded", "R"),
    "too_many_headers": ("552 5.3.4 Too many header lines", "R"),  # listenerconfig max headers
    "too_many_rcpts": ("452 4.5.3 Too many recipients", "R"),
    "too_many_msgs": ("452 4.5.3 Too many messages in this session", "R"),
    "rat_reject": ("550 5.1.0 Address rejected", "R"),     # AsyncOS: "550 #5.1.0 Address rejected"
    "queue_error": ("451 4.3.0 Unable to queue message, try again later", "R"),
    "reject_banner": ("554 Your access to this mail system has been rejected due to the sending "
                      "MTA's poor reputation. If you believe that this failure is in error, please "
                      "contact the intended recipient via alternate means.", "R"),
    "concurrency": ("421 4.7.0 Too many concurrent SMTP connections; please try again later.", "R"),
    "timeout": ("421 4.4.2 {host} Error: timeout exceeded", "R"),
    "shutdown": ("421 4.3.2 {host} Service shutting down", "R"),
}


def reply(reply_id: str, **values: object) -> bytes:
    text = REPLIES[reply_id][0]
    return ((text.format(**values) if values else text) + "\r\n").encode()
