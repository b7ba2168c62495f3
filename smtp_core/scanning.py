"""Deterministic stand-ins for the appliance's scanning engines.

The anti-spam engine (CASE) finds the GTUBE test string, the anti-virus engine (Sophos) the
EICAR test file, in the message text or in any MIME part once its transfer encoding is undone
(``swaks --attach`` base64-encodes a file).  Everything else is clean.  Pure functions of the
body: the core runs ``scan`` off the event loop.
"""
from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass, field

GTUBE = b"XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
# The name Sophos gives the EICAR file (Sophos's threat library: "EICAR-AV-Test").
EICAR_NAME = "EICAR-AV-Test"
MAX_PARTS = 1000           # a message with more parts is scanned as it is, part by part no further


def _mime(body: bytes) -> bool:
    """Whether the header section names a content type, disposition or transfer encoding."""
    end = body.find(b"\r\n\r\n")
    head = (body if end < 0 else body[:end]).lower()
    return head.startswith(b"content-") or b"\ncontent-" in head or b"mime-version" in head


@dataclass
class Findings:
    spam: bool = False
    virus: str = ""                         # the virus name, "" when clean
    attachments: list[str] = field(default_factory=list)


def scan(body: bytes) -> Findings:
    if not _mime(body):
        # No MIME headers: one text part, no attachment, no transfer encoding to undo.
        return Findings(spam=GTUBE in body, virus=EICAR_NAME if EICAR in body else "")
    findings = Findings()
    contents = [body]
    message = email.message_from_bytes(body, policy=email.policy.compat32)
    for number, part in enumerate(message.walk()):
        if number >= MAX_PARTS:
            break
        if part.is_multipart():
            continue
        name = part.get_filename()
        if name or part.get("Content-Disposition", "").lower().startswith("attachment"):
            findings.attachments.append(name or "")
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            contents.append(payload)
    findings.spam = any(GTUBE in content for content in contents)
    if any(EICAR in content for content in contents):
        findings.virus = EICAR_NAME
    return findings
