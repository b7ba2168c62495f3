"""The listener's policy for one inbound connection: what the appliance allows (HAT, RAT,
mail-flow parameters, limits, reverse DNS, TLS offered or required) as the protocol machine
(``serverprotocol``) asks it.

The committed configuration is resolved once, when the connection is greeted: a commit applies
to the next connection and leaves open sessions as they were (the STARTTLS context is looked up
when it is asked for, so a new certificate serves the next handshake).  HAT decisions and
sender reputations are kept per listener for the configuration revision they were made under.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Awaitable, Optional, Union

from cluster import model, recipients, senders
from cluster.levels import ApplianceView

from . import hygiene
from .host import MailHost
from .replies import BAD_COMMAND_LIMIT, TEXTS, help_reply, reply
from .serverprotocol import Greeting, Refusal, TlsAnswer

if TYPE_CHECKING:
    from .serverprotocol import ServerProtocol

_HAT_CACHE_SIZE = 4096


class HatCache:
    """A listener's HAT decisions and sender reputations, for one configuration revision."""

    def __init__(self) -> None:
        self.revision: tuple = ()
        self.decisions: dict[senders.ConnectingHost, senders.HatDecision] = {}
        self.reputations: dict[str, tuple[Optional[float], str]] = {}

    def decision(self, revision: tuple, hat: model.HostAccess,
                 host: senders.ConnectingHost) -> senders.HatDecision:
        if revision != self.revision or len(self.decisions) >= _HAT_CACHE_SIZE:
            self.revision, self.decisions = revision, {}
        found = self.decisions.get(host)
        if found is None:
            found = self.decisions[host] = senders.evaluate(hat, host)
        return found

    def reputation(self, core: MailHost, address: str) -> tuple[Optional[float], str]:
        found = self.reputations.get(address)
        if found is None:
            if len(self.reputations) >= _HAT_CACHE_SIZE:
                self.reputations.clear()
            found = self.reputations[address] = core.reputation(address)
        return found


class ListenerPolicy:
    """One connection to one listener.  Also the connection's entry in the core's slot
    registry (``MailHost.admit``/``promote``), which reads ``listener_name``, ``peer``,
    ``admitted``, ``on_probation``, ``closing``, ``opened``, ``progress`` and the TLS state."""

    dialect = TEXTS
    bad_command_limit = BAD_COMMAND_LIMIT
    reply_delay = 0.0

    def __init__(self, core: MailHost, listener_name: str, cache: HatCache):
        self.core, self.listener_name, self.cache = core, listener_name, cache
        self.machine: Optional["ServerProtocol"] = None   # set when the machine is built
        self.view: Optional[ApplianceView] = None
        self.listener: Optional[model.Listener] = None
        self.decision: Optional[senders.HatDecision] = None
        self.params = model.PolicyParams()
        self.rdns, self.rdns_verified = "", False
        self.sbrs, self.country = "None", ""
        self.delayed_reject = False
        self.admitted = False       # holds one of the listener's connection slots
        self.on_probation = False   # greeted while full

    # -- the slot registry's view of the connection --------------------------------------------
    @property
    def peer(self) -> str:
        return self.machine.peer

    @property
    def closing(self) -> bool:
        return self.machine.closing

    @property
    def opened(self) -> float:
        return self.machine.opened

    @property
    def progress(self) -> float:
        return self.machine.progress

    @property
    def tls_active(self) -> bool:
        return self.machine.tls_active

    @property
    def tls_pending(self) -> bool:
        return self.machine.tls_pending

    def give_way(self) -> None:
        self.machine.give_way()

    def reclaim(self) -> None:
        self.machine.reclaim()

    # -- connection ------------------------------------------------------------------------------
    def greet(self, peer: str) -> Union[Optional[Greeting], Awaitable[Optional[Greeting]]]:
        """At once when the peer's name is known (the resolver's cache), else after the
        lookup."""
        known = self.core.cached_reverse_dns(peer)
        if known is None:
            return self._greet_after_lookup(peer)
        return self._decide(peer, known)

    async def _greet_after_lookup(self, peer: str) -> Optional[Greeting]:
        return self._decide(peer, await self.core.reverse_dns(peer))

    def _decide(self, peer: str, rdns: tuple[str, bool]) -> Optional[Greeting]:
        self.rdns, self.rdns_verified = rdns
        view = self.view = self.core.view()
        listener = self.listener = view.listeners.listeners.get(self.listener_name)
        if listener is None:  # the listener was removed while we looked up the name
            return None
        score, self.country = self.cache.reputation(self.core, peer)
        self.sbrs = "None" if score is None else f"{score:.1f}"
        host = senders.ConnectingHost(peer, self.rdns if self.rdns_verified else None, score)
        decision = self.decision = self.cache.decision(self.core.appliance.config_revision(),
                                                       listener.hat, host)
        self.params = decision.params
        settings = view.listeners
        self.delayed_reject = decision.action == "REJECT" and settings.hat_delayed_rejection
        reject = decision.action == "REJECT" and not self.delayed_reject
        return Greeting(banner=self._reject_banner() if reject else self._banner(),
                        refuse=decision.action == "TCPREFUSE", reject=reject,
                        idle_seconds=settings.injection_timeout_seconds,
                        max_seconds=settings.max_connection_seconds)

    def _banner(self) -> bytes:
        params = self.params
        if params.smtp_banner_text:
            return f"{params.smtp_banner_code or 220} {params.smtp_banner_text}\r\n".encode()
        return reply("banner", host=params.smtp_banner_host or self.hostname())

    def _reject_banner(self) -> bytes:
        params = self.params
        if params.reject_banner_text:
            return f"{params.reject_banner_code or 554} {params.reject_banner_text}\r\n".encode()
        return reply("reject_banner")

    def admit(self) -> Optional[bool]:
        return self.core.admit(self, self.listener, self.params)

    def promote(self) -> bool:
        return self.core.promote(self)

    def probation_seconds(self) -> float:
        return hygiene.PROBATION_SECONDS

    def host(self) -> str:
        return self.params.smtp_banner_host or self.hostname()

    def hostname(self) -> str:
        return self.view.system.hostname if self.view is not None else self.core.hostname()

    # -- commands --------------------------------------------------------------------------------
    def ehlo_refusal(self) -> Optional[bytes]:
        return None

    def extensions(self, tls_offered: bool) -> list[str]:
        # IronPort's keywords and order (replies.py: T214630, and a 2026 transcript of an ESA
        # offering STARTTLS after SIZE); no PIPELINING, no ENHANCEDSTATUSCODES.
        return ["8BITMIME", f"SIZE {self.max_size()}"] + (["STARTTLS"] if tls_offered else [])

    def help(self, tls_offered: bool) -> bytes:
        return help_reply(starttls=tls_offered)

    def max_size(self) -> int:
        return self.params.max_message_size or 10485760

    def tls_offered(self) -> bool:
        return ((self.params.tls or "off") != "off"
                and self.core.server_tls(self.listener_name) is not None)

    def starttls(self) -> TlsAnswer:
        if not self.tls_offered():
            return TlsAnswer(refusal=reply("tls_unavailable"))
        if self.core.tls_sessions() >= self.core.view().listeners.max_tls_connections:
            return TlsAnswer(refusal=reply("tls_unavailable"))  # the appliance's TLS limit
        return TlsAnswer(context=self.core.server_tls(self.listener_name))

    def tls_required(self) -> bool:
        return (self.params.tls or "off") == "required"

    def mail_parameters(self, text: str, esmtp: bool) -> Optional[bytes]:
        for param in text.split():
            key, _, value = param.partition("=")
            key = key.upper()
            if key == "SIZE" and esmtp:
                if not value.isdigit():
                    return reply("syntax")
                if int(value) > self.max_size():
                    return reply("too_big")
            elif key == "BODY" and esmtp:
                if value.upper() not in ("7BIT", "8BITMIME"):
                    return reply("syntax")
            else:
                return reply("bad_param", param=param)
        return None

    def message_limit(self) -> int:
        return self.params.max_msgs_per_session or 0

    def qualify(self, address: str) -> str:
        listener = self.listener
        if address and "@" not in address and listener is not None and listener.default_domain:
            return f"{address}@{listener.default_domain}"
        return address

    def rcpt_parameters(self, text: str) -> Optional[bytes]:
        return reply("bad_param", param=text) if text else None

    def recipient_limit(self) -> int:
        return self.params.max_rcpts_per_msg or 0

    def check_recipient(self, address: str) -> Optional[Refusal]:
        """Relayed senders and private listeners skip the RAT; a delayed HAT REJECT refuses
        every recipient."""
        action, listener = self.decision.action, self.listener
        if action == "REJECT":
            return Refusal(self._reject_banner(), "HAT")
        if listener is None or listener.type != "public" or action == "RELAY":
            return None
        entry = recipients.lookup(listener.rat, address)
        if entry is not None and entry.action == "ACCEPT":
            return None
        if entry is not None and entry.smtp_text:
            return Refusal(f"{entry.smtp_code or 550} {entry.smtp_text}\r\n".encode(), "RAT")
        return Refusal(reply("rat_reject"), "RAT")

    def header_limit(self) -> int:
        return self.view.listeners.max_header_lines

    def hangs_up_after(self, verb: str) -> bool:
        return False
