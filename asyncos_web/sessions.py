"""Logged-in GUI sessions: who, from where, their pending changes, their CSRF token, idle expiry.

One table per appliance, shared by every port.  A session id and a CSRF token are 20 random
letters and digits (the shape of the ids in AsyncOS's ``gui_logs``, mail-logs.md §6).  A session
idle longer than ``adminaccessconfig``'s timeout ("Web UI and CLI session inactivity timeout") is
gone, and its pending changes with it, as in the CLI.
"""
from __future__ import annotations

import hmac
import secrets
import string
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from cluster import model
from cluster.session import ConfigSession

_ALPHABET = string.ascii_letters + string.digits
MAX_SESSIONS = 200   # the oldest idle sessions go first beyond this


def new_token() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(20))


@dataclass
class GuiSession:
    id: str
    user: model.User
    remote: str
    config: ConfigSession
    connection: str                    # "HTTPS" or "HTTP", for the logout and expiry lines
    csrf: str = field(default_factory=new_token)
    last_activity: float = field(default_factory=time.monotonic)
    # One-time notice for the next page: (text, kind), e.g. "Your changes have been committed."
    notice: Optional[tuple[str, str]] = None
    # A certificate made by Add Certificate -> Next, waiting for Submit: (profile, description)
    draft: Optional[Any] = None
    # The pending changes, with the key they were computed for: the diff of the whole
    # configuration is the costliest part of a page, and only a POST or a commit changes it.
    changes_for: tuple = ()
    pending: list = field(default_factory=list)
    posts: int = 0

    @property
    def role(self) -> str:
        return self.user.role

    def changes(self, revision: Any) -> list:
        """``config.changes()``, recomputed only when the committed ``revision`` or the number
        of POSTs (the only requests that edit) changed."""
        key = (revision, self.posts)
        if key != self.changes_for:
            self.changes_for, self.pending = key, self.config.changes()
        return self.pending

    def csrf_ok(self, token: str) -> bool:
        return hmac.compare_digest(self.csrf.encode(), token.encode())


class SessionTable:
    """``timeout_minutes`` reads the committed idle timeout; ``expired`` is told about each
    session that timed out (for ``gui_logs``)."""

    def __init__(self, timeout_minutes: Callable[[], int],
                 expired: Callable[[GuiSession], None], clock: Callable[[], float] = time.monotonic):
        self.timeout_minutes, self.expired, self.clock = timeout_minutes, expired, clock
        self.sessions: dict[str, GuiSession] = {}

    def open(self, user: model.User, remote: str, config: ConfigSession,
             connection: str) -> GuiSession:
        while len(self.sessions) >= MAX_SESSIONS:
            oldest = min(self.sessions.values(), key=lambda s: s.last_activity)
            self.close(oldest.id)
        session = GuiSession(new_token(), user, remote, config, connection,
                             last_activity=self.clock())
        self.sessions[session.id] = session
        return session

    def find(self, session_id: str) -> Optional[GuiSession]:
        """The live session with this id (its idle clock restarts), or None."""
        session = self.sessions.get(session_id)
        if session is None:
            return None
        now = self.clock()
        if now - session.last_activity > self.timeout_minutes() * 60:
            self.close(session_id)
            self.expired(session)
            return None
        session.last_activity = now
        return session

    def close(self, session_id: str) -> Optional[GuiSession]:
        session = self.sessions.pop(session_id, None)
        if session is not None:
            session.config.clear()
        return session

    def close_all(self) -> None:
        for session_id in list(self.sessions):
            self.close(session_id)
