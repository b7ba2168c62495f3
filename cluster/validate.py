"""Whole-configuration checks, run before every commit: no dangling references, no clashes.

Commands validate each answer as it is typed; these checks are the safety net that makes a
broken configuration impossible to commit, whichever way it was produced (CLI, loadconfig, XML).
"""
from __future__ import annotations

import ipaddress
import re

from . import model
from .levels import ClusterConfig

_LABEL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?$")


def hostname_error(name: str) -> str | None:
    """The appliance's hostname rules (cli.md §5.2); None when valid."""
    labels = name.split(".")
    if len(labels) < 2 or not all(labels):
        return "A hostname must have at least 2 labels separated by a period."
    for label in labels:
        if not _LABEL.match(label):
            return ("A hostname is a set of labels separated by periods. A label is a set of "
                    "characters, numbers, dashes, and underscores. The first and last character "
                    "of a label must be a letter or a number.")
    if labels[-1].isdigit():
        return "Invalid hostname format: the last label cannot be all numbers."
    return None


class ConfigError(ValueError):
    """A configuration that must not be committed; ``errors`` lists every reason."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def validate(config: ClusterConfig) -> None:
    errors: list[str] = []
    for name in config.machines:
        errors.extend(f"{name}: {e}" for e in machine_errors(config, name))
    if errors:
        raise ConfigError(errors)


def machine_errors(config: ClusterConfig, machine: str) -> list[str]:
    view = config.appliance(machine)
    errors: list[str] = []
    missing = [s for s in model.SECTIONS if config.level_of(s, machine) is None]
    if missing:
        return [f"settings not configured at any level: {', '.join(missing)}"]
    if err := hostname_error(view.system.hostname):
        errors.append(err)
    profiles = view.certificates.profiles
    interfaces = view.interfaces
    bound: dict[tuple[str, int], str] = {}

    def need_cert(name: str, user: str) -> None:
        if name and name not in profiles:
            errors.append(f"{user} uses certificate {name!r}, which does not exist")

    for iface in interfaces.values():
        try:
            ipaddress.IPv4Address(iface.ipv4)
        except ValueError:
            errors.append(f"interface {iface.name}: invalid IPv4 address {iface.ipv4!r}")
            continue
        need_cert(iface.https_certificate, f"interface {iface.name}")
        for service, port in iface.services.items():
            _claim(bound, errors, (iface.ipv4, port), f"{service} on {iface.name}")
    for listener in view.listeners.listeners.values():
        if listener.type not in model.LISTENER_TYPES:
            errors.append(f"listener {listener.name}: unknown type {listener.type!r}")
        if listener.interface not in interfaces:
            errors.append(f"listener {listener.name}: interface {listener.interface!r} does not exist")
        else:
            _claim(bound, errors, (interfaces[listener.interface].ipv4, listener.port),
                   f"listener {listener.name}")
        need_cert(listener.certificate, f"listener {listener.name}")
        errors.extend(f"listener {listener.name}: {e}" for e in hat_errors(listener.hat))
    dest = view.destconfig
    need_cert(dest.certificate, "destination controls")
    for entry in [dest.default, *dest.entries.values()]:
        if entry.tls is not None and entry.tls not in model.DEST_TLS:
            errors.append(f"destination {entry.domain}: unknown TLS setting {entry.tls!r}")
    if view.delivery.interface != "Auto" and view.delivery.interface not in interfaces:
        errors.append(f"delivery interface {view.delivery.interface!r} does not exist")
    need_cert(view.ldap.certificate, "LDAP")
    need_cert(view.websecurity.client_certificate, "web security")
    for user in view.users.users.values():
        if user.role not in model.ROLES:
            errors.append(f"user {user.name}: unknown role {user.role!r}")
    return errors


def _claim(bound: dict, errors: list[str], address: tuple[str, int], owner: str) -> None:
    if address in bound:
        errors.append(f"{owner} and {bound[address]} both use {address[0]} port {address[1]}")
    else:
        bound[address] = owner


def hat_errors(hat: model.HostAccess) -> list[str]:
    errors = []
    for group in hat.sender_groups:
        if group.policy not in hat.policies:
            errors.append(f"sender group {group.name} uses policy {group.policy!r}, which does not exist")
    if hat.default_action not in hat.policies:
        errors.append(f"default policy {hat.default_action!r} does not exist")
    for policy in hat.policies.values():
        if policy.action not in model.HAT_ACTIONS:
            errors.append(f"policy {policy.name}: unknown action {policy.action!r}")
        if policy.params.tls is not None and policy.params.tls not in model.HAT_TLS:
            errors.append(f"policy {policy.name}: unknown TLS setting {policy.params.tls!r}")
    return errors
