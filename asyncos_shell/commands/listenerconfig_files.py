"""The HAT and RAT as text: what PRINT shows and what EXPORT writes / IMPORT reads.

HAT layout as printed by AsyncOS 9.7 (cli.md §5.5, H [V]): a policy is ``$NAME`` then its action
indented by 4, with its overridden parameters in ``{ key = value }`` indented by 8; a sender group
is ``NAME:`` then its senders and ``$POLICY (comment)`` indented by 8; an unnamed entry is its
sender at the left margin then its behaviour indented by 4; the last entry is ``ALL``.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Any, Optional

from cluster import model, recipients, senders

# Parameter keys in the order the appliance prints them (H), then the ones H does not show.
PARAM_ORDER = ("spam_check", "max_msgs_per_session", "max_concurrency", "max_rcpts_per_msg",
               "max_rcpts_per_hour", "dhap_limit", "virus_check", "max_message_size", "use_sb",
               "tls", "smtp_banner_host", "smtp_banner_code", "smtp_banner_text",
               "reject_banner_code", "reject_banner_text", "max_rcpts_per_hour_code",
               "max_rcpts_per_hour_text", "smtp_auth", "smtp_auth_requires_tls",
               # the keys H does not show: names R (no exported HAT seen)
               "dhap_action", "dhap_code", "dhap_text", "sender_rate_limit", "sender_rate_minutes",
               "sender_rate_code", "sender_rate_text", "ip_grouping_bits", "relay_header",
               "dkim_signing", "smime_harvest", "smime_harvest_on_failure",
               "smime_harvest_updated", "smime_gateway", "smime_signature", "dkim_verification",
               "dkim_profile", "spf_verification", "spf_conformance", "spf_downgrade_pra",
               "spf_helo_check", "spf_timeout", "spf_reject", "spf_reject_code",
               "spf_reject_text", "spf_temperror_code", "spf_temperror_text",
               "spf_publisher_text", "dmarc_verification",
               "dmarc_profile", "dmarc_reports", "sender_verification", "malformed_sender_code",
               "malformed_sender_text", "unresolved_sender_code", "unresolved_sender_text",
               "nonexistent_sender_code", "nonexistent_sender_text", "domain_exception_table",
               "accept_untagged_bounces")
_BOOL = {"spam_check", "virus_check", "use_sb", "smtp_auth_requires_tls", "dkim_signing",
         "smime_harvest", "smime_harvest_on_failure", "smime_harvest_updated", "smime_gateway",
         "dkim_verification", "spf_verification", "spf_downgrade_pra", "spf_helo_check",
         "spf_publisher_text",
         "dmarc_verification", "dmarc_reports", "sender_verification", "domain_exception_table",
         "accept_untagged_bounces"}
_TOKENS = {"tls": model.HAT_TLS, "smtp_auth": model.HAT_SMTP_AUTH, "dhap_action": model.DHAP_ACTIONS,
           "smime_signature": model.SMIME_SIGNATURE, "spf_conformance": model.SPF_CONFORMANCE}
_STRING = {"smtp_banner_host", "smtp_banner_text", "reject_banner_text", "max_rcpts_per_hour_text",
           "dhap_text", "sender_rate_text", "relay_header", "dkim_profile", "dmarc_profile",
           "spf_reject", "spf_reject_text", "spf_temperror_text",
           "malformed_sender_text", "unresolved_sender_text",
           "nonexistent_sender_text"}
assert set(PARAM_ORDER) == {f.name for f in dataclasses.fields(model.PolicyParams)}


class TableFileError(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


# -- HAT ------------------------------------------------------------------------------------------

def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _unquote(raw: str) -> str:
    """The inverse of ``_quote``; raises ValueError when ``raw`` is not one quoted string."""
    if len(raw) < 2 or raw[0] != '"' or raw[-1] != '"':
        raise ValueError(raw)
    out, body, i = [], raw[1:-1], 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            out.append("\n" if body[i + 1] == "n" else body[i + 1])
            i += 2
            continue
        if char == '"':
            raise ValueError(raw)
        out.append(char)
        i += 1
    return "".join(out)


def _format_value(name: str, value: Any) -> str:
    if name in _BOOL:
        return '"on"' if value else '"off"'
    if name in _TOKENS or name in _STRING:
        return _quote(str(value))
    return str(value)


def _behaviour(action: str, params: model.PolicyParams, indent: int, comment: str = "") -> list[str]:
    pad = " " * indent
    note = f" ({comment})" if comment else ""
    values = [(name, getattr(params, name)) for name in PARAM_ORDER if getattr(params, name) is not None]
    if not values:
        return [f"{pad}{action}{note}"]
    return ([f"{pad}{action} {{"]
            + [f"{pad}    {name} = {_format_value(name, value)}" for name, value in values]
            + [f"{pad}}}{note}"])


def format_entry(group: model.SenderGroup) -> list[str]:
    """One sender group or unnamed entry."""
    if group.name:
        return ([f"{group.name}:"] + [f"        {sender}" for sender in group.senders]
                + _behaviour(group.policy, group.params, 8, group.comment))
    return list(group.senders) + _behaviour(group.policy, group.params, 4, group.comment)


def format_default(hat: model.HostAccess) -> list[str]:
    return [model.HAT_ALL, f"    {hat.default_action}"]


def format_hat(hat: model.HostAccess) -> str:
    lines: list[str] = []
    for policy in hat.policies.values():
        lines.append(policy.name)
        lines.extend(_behaviour(policy.action, policy.params, 4))
    for group in hat.sender_groups:
        lines.extend(format_entry(group))
    return "\n".join(lines + format_default(hat))


def _parse_value(name: str, raw: str, number: int) -> Any:
    if raw.startswith('"'):
        try:
            text = _unquote(raw)
        except ValueError as exc:
            raise TableFileError(number, f"Invalid value: {raw}") from exc
        if name in _BOOL:
            if text not in ("on", "off"):
                raise TableFileError(number, f'Invalid "{name}" value: {raw}')
            return text == "on"
        if name in _TOKENS:
            if text not in _TOKENS[name]:
                raise TableFileError(number, f'Invalid "{name}" value: {raw}')
            return text
        if name in _STRING:
            return text
        raw = text
    if name in _BOOL or name in _TOKENS or name in _STRING:
        raise TableFileError(number, f'Invalid "{name}" value: {raw}')
    try:
        return int(raw)
    except ValueError as exc:
        raise TableFileError(number, f'Invalid "{name}" value: {raw}') from exc


def _split_behaviour(text: str) -> tuple[str, bool, str]:
    """``ACCEPT {`` / ``$TRUSTED (comment)`` -> (word, opens a block, comment)."""
    comment = ""
    if text.endswith(")") and "(" in text:
        text, _, comment = text.partition("(")
        comment = comment[:-1]
    text = text.strip()
    opens = text.endswith("{")
    return text.rstrip("{").strip(), opens, comment.strip()


def _is_behaviour(text: str) -> bool:
    word = _split_behaviour(text)[0]
    return word.startswith("$") or word.upper() in model.HAT_ACTIONS


class _HatReader:
    def __init__(self, text: str):
        self.lines = [(n, line.rstrip()) for n, line in enumerate(text.splitlines(), 1)
                      if line.strip() and not line.lstrip().startswith("#")]
        self.pos = 0

    def peek(self) -> Optional[tuple[int, str]]:
        return self.lines[self.pos] if self.pos < len(self.lines) else None

    def take(self) -> tuple[int, str]:
        item = self.lines[self.pos]
        self.pos += 1
        return item

    def indented(self) -> bool:
        item = self.peek()
        return item is not None and item[1][:1].isspace()

    def behaviour(self, owner: str, number: int) -> tuple[str, model.PolicyParams, str]:
        """The behaviour line of ``owner`` and its parameter block."""
        if not self.indented():
            raise TableFileError(number, f"Missing behavior for {owner}")
        number, line = self.take()
        word, opens, comment = _split_behaviour(line.strip())
        if not word.startswith("$"):
            word = word.upper()
            if word not in model.HAT_ACTIONS:
                raise TableFileError(number, f"Invalid selected behavior: {word}")
        params = model.PolicyParams()
        if opens:
            while True:
                if self.peek() is None:
                    raise TableFileError(number, "Missing }")
                number, line = self.take()
                stripped = line.strip()
                if stripped.startswith("}"):
                    comment = _split_behaviour(stripped[1:].strip() or "x")[2] or comment
                    break
                name, equals, raw = stripped.partition("=")
                name = name.strip()
                if not equals or name not in PARAM_ORDER:
                    raise TableFileError(number, f"Invalid value: {stripped}")
                setattr(params, name, _parse_value(name, raw.strip(), number))
        return word, params, comment


def _senders(text: str, number: int) -> list[str]:
    try:
        return [sender.text for sender in senders.parse_list(text)]
    except senders.SenderSyntaxError as error:
        raise TableFileError(number, str(error)) from error


def parse_hat(text: str, default_params: model.PolicyParams) -> model.HostAccess:
    """A HostAccess from the text format; raises TableFileError on the first bad line."""
    reader = _HatReader(text)
    hat = model.HostAccess(default_params=default_params, default_action="")
    while reader.peek() is not None:
        number, line = reader.take()
        if line[:1].isspace():
            raise TableFileError(number, f"Unexpected indented line: {line.strip()}")
        head = line.strip()
        if head.startswith("$"):
            action, params, _ = reader.behaviour(head, number)
            if action.startswith("$"):
                raise TableFileError(number, f"Invalid selected behavior: {action}")
            hat.policies[head] = model.MailFlowPolicy(head, action, params)
        elif head.upper() == model.HAT_ALL:
            hat.default_action = reader.behaviour(head, number)[0]
        elif head.endswith(":"):
            group = model.SenderGroup(head[:-1].strip())
            while reader.indented() and not _is_behaviour(reader.peek()[1].strip()):
                sender_number, sender_line = reader.take()
                group.senders.extend(_senders(sender_line, sender_number))
            group.policy, group.params, group.comment = reader.behaviour(head, number)
            hat.sender_groups.append(group)
        else:
            group = model.SenderGroup("", _senders(head, number))
            while reader.peek() is not None and not reader.indented():
                # further hosts of the same unnamed entry, one per line
                sender_number, sender_line = reader.take()
                group.senders.extend(_senders(sender_line, sender_number))
            group.policy, group.params, group.comment = reader.behaviour(head, number)
            hat.sender_groups.append(group)
    if not hat.default_action:
        hat.default_action = "$ACCEPTED" if "$ACCEPTED" in hat.policies else "ACCEPT"
    return hat


def hat_counts(hat: model.HostAccess) -> tuple[int, int]:
    """(policies, sender groups) as the HOSTACCESS status counts them: the named groups and ALL."""
    return len(hat.policies), sum(1 for g in hat.sender_groups if g.name) + 1


# -- RAT ------------------------------------------------------------------------------------------

def format_rat_print(rat: list[model.RecipientAccess]) -> str:
    """PRINT: ``address ACTION`` per line (A parses the last word as the action)."""
    return "\n".join(f"{entry.address} {entry.action}" for entry in rat)


def format_rat_file(rat: list[model.RecipientAccess]) -> str:
    lines = []
    for entry in rat:
        parts = [entry.address, entry.action]
        if entry.smtp_code is not None:
            parts += [str(entry.smtp_code), _quote(entry.smtp_text or "")]
        if entry.bypass_receiving_control:
            parts.append("BYPASS_RECEIVING_CONTROL")
        lines.append(" ".join(parts))
    return "\n".join(lines) + "\n"


_RAT_LINE = re.compile(r'^(\S+)\s+(\S+)(?:\s+(\d{3})\s+("(?:[^"\\]|\\.)*"))?'
                       r'(\s+BYPASS_RECEIVING_CONTROL)?\s*$', re.I)


def parse_rat(text: str) -> list[model.RecipientAccess]:
    """Entries in file order; ALL (REJECT unless given) is kept or added last."""
    entries: list[model.RecipientAccess] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _RAT_LINE.match(line.strip())
        if not match or match.group(2).upper() not in model.RAT_ACTIONS:
            raise TableFileError(number, f"Invalid entry: {line.strip()}")
        try:
            address = recipients.normalise(match.group(1))
        except ValueError as exc:
            raise TableFileError(number, str(exc)) from exc
        entry = model.RecipientAccess(address, match.group(2).upper(),
                                      bypass_receiving_control=bool(match.group(5)))
        if match.group(3):
            entry.smtp_code, entry.smtp_text = int(match.group(3)), _unquote(match.group(4))
        if any(e.address == address for e in entries):
            raise TableFileError(number, f"Duplicate address: {address}")
        entries.append(entry)
    others = [e for e in entries if e.address != model.RAT_ALL]
    catch_all = next((e for e in entries if e.address == model.RAT_ALL),
                     model.RecipientAccess(model.RAT_ALL, "REJECT"))
    return others + [catch_all]
