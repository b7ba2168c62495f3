"""Messages the appliance writes itself: delivery status notifications and alerts."""
from __future__ import annotations

import email.utils
import uuid
from dataclasses import dataclass
from typing import Sequence


@dataclass
class Failure:
    recipient: str
    status: str      # 5.1.0
    reason: str      # Unknown address error
    remote: str      # the remote reply text, or ""


def _message_id(hostname: str) -> str:
    return f"<{uuid.uuid4().hex}@{hostname}>"


def _headers(sender: str, to: str, subject: str, hostname: str, extra: str = "") -> str:
    return (f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\n"
            f"Date: {email.utils.formatdate(localtime=True)}\r\n"
            f"Message-ID: {_message_id(hostname)}\r\nMIME-Version: 1.0\r\n{extra}")


def dsn(hostname: str, original_sender: str, original_headers: bytes,
        failures: Sequence[Failure]) -> bytes:
    """An RFC 3464 delivery status notification to ``original_sender``."""
    boundary = f"{uuid.uuid4().hex}/{hostname}"
    human = "".join(f"<{f.recipient}>: {f.status} - {f.reason}"
                    + (f" ({f.remote})" if f.remote else "") + "\r\n" for f in failures)
    machine = f"Reporting-MTA: dns; {hostname}\r\n" + "".join(
        f"\r\nFinal-Recipient: rfc822; {f.recipient}\r\nAction: failed\r\nStatus: {f.status}\r\n"
        + (f"Diagnostic-Code: smtp; {f.remote}\r\n" if f.remote else "") for f in failures)
    head = _headers(f"Mail Delivery System <MAILER-DAEMON@{hostname}>", f"<{original_sender}>",
                    "Delivery Status Notification (Failure)", hostname,
                    f"Content-Type: multipart/report; report-type=delivery-status; "
                    f"boundary=\"{boundary}\"\r\n")
    text = (f"{head}\r\n--{boundary}\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
            f"The message you sent could not be delivered to the following recipients:\r\n\r\n"
            f"{human}\r\n--{boundary}\r\nContent-Type: message/delivery-status\r\n\r\n{machine}"
            f"\r\n--{boundary}\r\nContent-Type: text/rfc822-headers\r\n\r\n")
    return text.encode() + original_headers.rstrip(b"\r\n") + f"\r\n\r\n--{boundary}--\r\n".encode()


def alert(hostname: str, sender: str, recipients: Sequence[str], subject: str,
          body: str) -> bytes:
    head = _headers(sender, ", ".join(recipients), subject, hostname,
                    "Content-Type: text/plain; charset=us-ascii\r\n")
    return f"{head}\r\n{body}\r\n".encode()


def header_block(message: bytes) -> bytes:
    end = message.find(b"\r\n\r\n")
    return message if end < 0 else message[:end + 2]


def header(message: bytes, name: str) -> str | None:
    """The raw value of header ``name`` with its folding kept (``\\r\\n\\t``), as AsyncOS logs
    Subject and Message-ID (mail-logs.md §1.7)."""
    block = header_block(message)
    wanted = name.lower().encode() + b":"
    lines = block.split(b"\r\n")
    for index, line in enumerate(lines):
        if line.lower().startswith(wanted):
            value = [line[len(wanted):].lstrip(b" \t")]
            for more in lines[index + 1:]:
                if not more[:1] in (b" ", b"\t"):
                    break
                value.append(more)
            return b"\r\n".join(value).decode("utf-8", "replace")
    return None
