"""Plain trees (dicts, lists, scalars) for typed configuration objects.

The typed dataclasses in ``model.py`` are what code reads and edits; the tree form is what is
persisted, exported to XML and compared.  Commit works on trees: the session's pending edits are
the diff between the tree it started from and the tree it has now, and that diff is applied to
whatever is committed at the time, so two sessions editing different settings both keep theirs.
"""
from __future__ import annotations

import copy
import dataclasses
import functools
import types
import typing
from typing import Any, Union

Tree = Any  # dict[str, Tree] | list[Tree] | str | int | float | bool | None

_DELETED = object()


def to_tree(value: Any) -> Tree:
    """Convert a dataclass (or container of them) into a plain tree."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_tree(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_tree(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_tree(v) for v in value]
    return value


def from_tree(cls: Any, tree: Tree) -> Any:
    """Build a value of type ``cls`` from a tree; unknown keys are ignored, missing ones default."""
    origin = typing.get_origin(cls)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(cls) if a is not type(None)]
        if tree is None:
            return None
        return from_tree(args[0], tree)
    if origin is list:
        (item,) = typing.get_args(cls)
        return [from_tree(item, v) for v in (tree or [])]
    if origin is dict:
        _, item = typing.get_args(cls)
        return {k: from_tree(item, v) for k, v in (tree or {}).items()}
    if dataclasses.is_dataclass(cls):
        hints = _type_hints(cls)
        kwargs = {}
        for f in dataclasses.fields(cls):
            if isinstance(tree, dict) and f.name in tree:
                kwargs[f.name] = from_tree(hints[f.name], tree[f.name])
        return cls(**kwargs)
    if cls is Any:
        return copy.deepcopy(tree)
    if cls is float and isinstance(tree, int):
        return float(tree)
    if cls in (str, int, bool, float) and tree is not None and not isinstance(tree, cls):
        return _coerce_scalar(cls, tree)
    return tree


@functools.cache
def _type_hints(cls: type) -> dict[str, Any]:
    """Resolving annotations is most of ``from_tree``'s time; classes do not change."""
    return typing.get_type_hints(cls)


def _coerce_scalar(cls: type, value: Any) -> Any:
    if cls is bool:
        return str(value).lower() in ("1", "true", "yes", "on")
    return cls(value)


def secret_paths(cls: Any, prefix: tuple = ()) -> list[tuple]:
    """Field paths (with '*' for any key or index) marked ``metadata={'secret': True}``."""
    origin = typing.get_origin(cls)
    if origin in (Union, types.UnionType):
        return [p for a in typing.get_args(cls) if a is not type(None) for p in secret_paths(a, prefix)]
    if origin in (list, dict):
        return secret_paths(typing.get_args(cls)[-1], prefix + ("*",))
    if not dataclasses.is_dataclass(cls):
        return []
    hints = _type_hints(cls)
    found = []
    for f in dataclasses.fields(cls):
        if f.metadata.get("secret"):
            found.append(prefix + (f.name,))
        else:
            found.extend(secret_paths(hints[f.name], prefix + (f.name,)))
    return found


def diff(base: Tree, new: Tree, path: tuple = ()) -> list[tuple[tuple, Tree]]:
    """Changes that turn ``base`` into ``new``: (path, value) pairs; value _DELETED removes."""
    if isinstance(base, dict) and isinstance(new, dict):
        changes: list[tuple[tuple, Tree]] = []
        for key in base:
            if key not in new:
                changes.append((path + (key,), _DELETED))
        for key, value in new.items():
            if key not in base:
                changes.append((path + (key,), copy.deepcopy(value)))
            else:
                changes.extend(diff(base[key], value, path + (key,)))
        if list(new) != [k for k in base if k in new] + [k for k in new if k not in base]:
            # Order of a mapping is part of its meaning (listener order, route order): keep it.
            return [(path, copy.deepcopy(new))]
        return changes
    if base != new or type(base) is not type(new):
        return [(path, copy.deepcopy(new))]
    return []


def apply(tree: Tree, changes: list[tuple[tuple, Tree]]) -> Tree:
    """Apply ``diff`` output to a copy of ``tree``."""
    result = copy.deepcopy(tree)
    for path, value in changes:
        if not path:
            result = copy.deepcopy(value)
            continue
        node = result
        for key in path[:-1]:
            if not isinstance(node.get(key), dict):
                node[key] = {}
            node = node[key]
        if value is _DELETED:
            node.pop(path[-1], None)
        else:
            node[path[-1]] = copy.deepcopy(value)
    return result


def is_deleted(value: Any) -> bool:
    return value is _DELETED
