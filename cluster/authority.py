"""Who may change what: the role check the commit gate runs on every change, whoever made it.

Roles as the AsyncOS user guide ("Managing Users", user roles table) describes them:
Administrators change everything; Operators everything except user accounts and the cluster's
membership, though any user may change their own passphrase (``passwd``); Read-Only Operators may
make pending changes but never commit; Guests and Help Desk Users configure nothing.  The check
compares the trees, so it holds for a dialogue, ``loadconfig``, ``rollbackconfig``, an XML import
or a GUI form alike.
"""
from __future__ import annotations

from typing import Optional

from .validate import ConfigError

# The committer of factory configurations and lab-file clusters built at start-up.
SYSTEM_USER = "system"
COMMIT_ROLES = frozenset({"admin", "operators"})
# Parts of the tree that are not sections: the cluster's name, groups and machines.
MEMBERSHIP = "cluster membership"
_ADMIN_ONLY = frozenset({"users", MEMBERSHIP})

# The appliance's words for a command outside the user's access group (Cisco QA CLI library).
ACCESS_DENIED = "You are not in the correct access group to use this command."


class NotAuthorized(ConfigError):
    """The committer's role may not make (part of) this change."""


def changed_sections(old: dict, new: dict) -> set[str]:
    """Section names (or ``MEMBERSHIP``) whose value differs at any level."""
    changed = {MEMBERSHIP for key in ("cluster_name", "communication", "groups", "machines")
               if old.get(key) != new.get(key)}
    old_levels, new_levels = old.get("levels") or {}, new.get("levels") or {}
    for level in set(old_levels) | set(new_levels):
        before, after = old_levels.get(level) or {}, new_levels.get(level) or {}
        changed |= {s for s in set(before) | set(after) if before.get(s) != after.get(s)}
    return changed


def role_of(config_tree: dict, user: str, machine: str) -> Optional[str]:
    """``user``'s role as ``machine`` sees the users section of ``config_tree``."""
    levels = config_tree.get("levels") or {}
    group = ((config_tree.get("machines") or {}).get(machine) or {}).get("group") or ""
    for key in (f"machine:{machine}", f"group:{group}", "cluster"):
        users = (levels.get(key) or {}).get("users")
        if users is not None:
            account = (users.get("users") or {}).get(user)
            return account.get("role") if account else None
    return None


def check(old: dict, new: dict, user: str, machine: str) -> None:
    """Raise ``NotAuthorized`` unless ``user`` may turn ``old`` into ``new``."""
    if user == SYSTEM_USER:
        return
    role = role_of(old, user, machine)
    if role not in COMMIT_ROLES:
        raise NotAuthorized([ACCESS_DENIED])
    if role == "admin":
        return
    forbidden = changed_sections(old, new) & _ADMIN_ONLY
    if forbidden == {"users"} and _only_own_passphrase(old, new, user):
        return
    if forbidden:
        raise NotAuthorized([ACCESS_DENIED])


def _only_own_passphrase(old: dict, new: dict, user: str) -> bool:
    def without_own_hash(config_tree: dict) -> dict:
        result = {}
        for level, sections in (config_tree.get("levels") or {}).items():
            users = dict(((sections or {}).get("users") or {}).get("users") or {})
            if user in users:
                users[user] = {**users[user], "password_hash": None}
            result[level] = users
        return result
    return without_own_hash(old) == without_own_hash(new)
