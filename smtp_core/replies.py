"""The listener's SMTP replies as IronPort writes them, in one table with their evidence labels.

AsyncOS does not offer ENHANCEDSTATUSCODES (or PIPELINING): its success replies carry no
enhanced code, and its error replies write one after a ``#`` (``500 #5.5.1 command not
recognized``), some none at all (``500 Line too long``).

Labels (cli.md §0.1): V verbatim in a real ESA transcript or Cisco's own list, R chosen by us
where the sources are silent.  Sources:
  [T214630]  Cisco tech note 214630 "ESMTP commands supported by the ESA/CES" (banner, EHLO, HELP
             transcript on a C680; the unknown-command reply and the bad-command limit)
  [T118234]  Cisco tech note 118234 "Test SMTP with telnet" (a whole session, and Cisco's list of
             4xx/5xx replies; the same session and list in robotamer/hugo
             content/en/linux/mail/telnet.md)
  [SES]      ``250 ok:  Message 64111812 accepted`` (two spaces) quoted from IronPort receivers in
             Amazon SES delivery notifications and Postfix logs (public test fixtures), and an
             ESA's own log of another ESA's answer: ``Response 'ok:  Message 30631622 accepted'``
             (mail-logs.md S9, criblpacks/cribl-cisco-esa-mailtext data/samples/sTAFXQ.json)
  [BOUNCE]   ``550 #5.1.0 Address rejected.`` quoted from ESA recipients in public bounce reports
  [seed]     seed-summary.md §6: ``220 Go ahead with TLS`` from a Cisco listener
No release difference in this dialogue was found in the sources: one table serves every release.
"""
from __future__ import annotations

from typing import Mapping

REPLIES: dict[str, tuple[str, str]] = {
    "banner": ("220 {host} ESMTP", "V"),                                   # T214630, T118234
    "helo": ("250 {host}", "V"),                                           # T118234
    "starttls": ("220 Go ahead with TLS", "V"),                            # seed
    "mail_ok": ("250 sender <{address}> ok", "V"),                         # T118234
    "rcpt_ok": ("250 recipient <{address}> ok", "V"),                      # T118234
    "data": ("354 go ahead", "V"),                                         # T118234
    "accepted": ("250 ok:  Message {mid} accepted", "V"),                  # SES
    "rset": ("250 ok", "R"),
    "noop": ("250 ok", "R"),
    # "vrfy (always return a '2xx ok' response)" (T214630); 252 as RFC 5321 §3.5.3 asks.
    "vrfy": ("252 ok", "R"),
    "quit": ("221 {host}", "V"),                                           # T118234
    "tls_required": ("530 #5.7.0 Must issue a STARTTLS command first", "V"),   # T118234 list
    "tls_unavailable": ("454 TLS not available due to a temporary reason", "V"),  # T118234 list
    "tls_twice": ("503 #5.5.1 TLS already active", "R"),
    "need_helo": ("503 #5.5.1 EHLO/HELO first", "R"),
    "nested_mail": ("503 #5.5.1 Nested MAIL command", "R"),
    "need_mail": ("503 #5.5.1 MAIL first", "V"),                           # T118234 list
    "need_rcpt": ("503 #5.5.1 RCPT first", "V"),                           # T118234 list
    "unknown": ("500 #5.5.1 command not recognized", "V"),                 # T214630
    "bad_command_limit": ("421 Exceeded bad SMTP command limit, disconnecting.", "V"),  # T214630
    "ehlo_domain": ("501 #5.0.0 EHLO requires domain address", "V"),       # T118234 list
    "helo_domain": ("501 #5.0.0 HELO requires domain address", "R"),      # by analogy with EHLO
    "syntax": ("501 #5.5.2 syntax error", "R"),          # the list's "501 #5.5.2 syntax error XXX"
    "bad_sender": ("501 #5.1.7 Bad sender address syntax", "R"),
    "bad_recipient": ("501 #5.1.3 Bad recipient address syntax", "R"),
    "bad_param": ("501 Unknown option {param}", "V"),                      # T118234 list
    "line_too_long": ("500 Line too long", "V"),                           # T118234 list
    "too_big": ("552 #5.3.4 message size exceeds limit", "V"),             # T118234 list
    "too_many_headers": ("552 #5.3.4 Too many header lines", "R"),  # listenerconfig max headers
    "too_many_rcpts": ("452 #4.5.3 Too many recipients", "V"),             # T118234 list
    # T118234 list, "4.x.2" as written there
    "too_many_msgs": ("421 #4.x.2 Too many messages for this session", "V"),
    "rat_reject": ("550 #5.1.0 Address rejected.", "V"),                   # BOUNCE
    "queue_error": ("451 #4.3.0 Server Error", "V"),                       # T118234 list
    "reject_banner": ("554 Your access to this mail system has been rejected due to the sending "
                      "MTA's poor reputation. If you believe that this failure is in error, please "
                      "contact the intended recipient via alternate means.", "V"),  # BOUNCE
    "concurrency": ("421 #4.4.5 Too many connections to this listener", "V"),  # T118234 list
    "connection_time": ("421 Exceeded allowable connection time", "V"),    # T118234 list
    "timeout": ("421 {host} Error: timeout exceeded", "R"),
    "shutdown": ("421 {host} Service not available, closing transaction channel", "V"),  # T118234
}

# Commands the listener recognises, as HELP lists them: lower case, four to a line (T214630);
# ``starttls`` joins them when the listener offers TLS (placement R).
# The transcript's last line reads "214 rcpt rset vrfy": the page collapses spaces, and the
# lines before it start with a blank, so the last is taken to as well (R).
HELP_COMMANDS = ("auth", "data", "ehlo", "helo", "help", "mail", "noop", "quit", "rcpt", "rset",
                 "vrfy")
HELP_TITLE = ("The following commands are recognized", "V")                # T214630

# Unrecognised commands allowed per connection; the next one ends it (T214630: "By default
# after 5 incorrect commands, the ESA terminates the connection").
BAD_COMMAND_LIMIT = 5


# The appliance's dialect: reply id -> text, as the protocol machine takes it (the lab peer has
# its own, with the same ids).
TEXTS: dict[str, str] = {reply_id: text for reply_id, (text, _label) in REPLIES.items()}


def render(texts: Mapping[str, str], reply_id: str, **values: object) -> bytes:
    text = texts[reply_id]
    return ((text.format(**values) if values else text) + "\r\n").encode()


def reply(reply_id: str, **values: object) -> bytes:
    return render(TEXTS, reply_id, **values)


def multiline(code: int, lines: list[str]) -> bytes:
    """``250-a``, ``250-b``, ``250 c``: one reply over several lines."""
    return "".join(f"{code}{'-' if i < len(lines) - 1 else ' '}{text}\r\n"
                   for i, text in enumerate(lines)).encode()


def help_reply(starttls: bool) -> bytes:
    commands = sorted(HELP_COMMANDS + (("starttls",) if starttls else ()))
    rows = [" " + " ".join(commands[i:i + 4]) for i in range(0, len(commands), 4)]
    return multiline(214, [HELP_TITLE[0]] + rows)
