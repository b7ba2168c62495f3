"""``showchanges``: the pending changes as a nested structure keyed by level (cli.md §3.1).

Cisco's QA library evaluates the output as a Python literal whose top key is ``standalone`` (or
the cluster level), so it is printed as one.
"""
from __future__ import annotations

import pprint
from typing import Any

from cluster import tree
from cluster.levels import split_key

from .. import strings
from ..engine.context import CommandContext
from ..engine.registry import command


def level_label(key: str, clustered: bool) -> str:
    if not clustered:
        return "standalone"
    kind, name = split_key(key)
    return kind if kind == "cluster" else f"{kind} {name}"


def pending_tree(ctx: CommandContext) -> dict[str, Any]:
    clustered = ctx.session.config.clustered
    result: dict[str, Any] = {}
    for path, value in ctx.session.changes():
        if len(path) >= 2 and path[0] == "levels":
            node = result.setdefault(level_label(path[1], clustered), {}).setdefault("", {})
            rest = path[2:]
        else:
            node = result.setdefault("cluster", {}).setdefault("", {})
            rest = path
        if not rest:
            node.update(value if isinstance(value, dict) else {})
            continue
        for key in rest[:-1]:
            node = node.setdefault(key, {})
        node[rest[-1]] = "<deleted>" if tree.is_deleted(value) else value
    return result


@command("showchanges", "View pending config changes as nested tree structure.")
async def showchanges(ctx: CommandContext, args: list[str]) -> None:
    changes = pending_tree(ctx)
    ctx.out("")
    if not changes:
        ctx.out(strings.text("showchanges.none"))
        return
    ctx.out(pprint.pformat(changes, width=100, sort_dicts=False))
