"""Where each model setting lives in an AsyncOS configuration file, and the typed codec between
the model's plain trees (``tree.py``) and those XML elements.

Element names follow files written by real appliances where public material shows them
(Cisco's "configlook" viewer, ``2001db8/ironport-tools`` ``cisco-provided/configlook/process.xslt``:
``<hostname>``, ``<interfaces><interface><interface_name>``, ``<ip>``, ``<netmask>``,
``<phys_interface>``, ``<interface_hostname>``, ``<sshd_port>``…, ``<listeners><listener>
<listener_name>``, ``<listen_queue_size>``, ``hat_default_*``, ``<rat><rat_entry><rat_address>``,
``<access>``, ``<rat_params>``, ``<users><user><username>``, ``<fullname>``, ``<group>``,
``<enc_password>``, ``<ldap><ldap_server><ldap_server_name>``…, ``<alert_email_config>``,
``<log_subscriptions>``, ``global_*`` listener limits, ``<timezone>``; ``config_rollback`` from a
WSA configuration script, ``wsa_config_gen``).  Every other name is the model's own field name
or a reasoned guess in the same style **[R]**.

The codec works on the model's tree form and reads the dataclasses' type hints, so no ``type``
attributes are needed: ``None`` is an absent element, booleans are ``1``/``0``.
"""
from __future__ import annotations

import dataclasses
import ipaddress
import types
import typing
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any, Callable, Optional, Union

from . import model

Tree = Any


class LayoutError(ValueError):
    """A value in the file does not fit the setting it belongs to."""


# -- the name tables ------------------------------------------------------------------------------
# (dataclass, field) -> element name; a field not listed keeps its own name [R].
RENAME: dict[tuple[type, str], str] = {
    (model.System, "cli_timeout_minutes"): "cli_timeout",
    (model.System, "rollback_enabled"): "config_rollback",
    (model.Interface, "name"): "interface_name",
    (model.Interface, "ipv4"): "ip",
    (model.Interface, "prefix"): "netmask",
    (model.Interface, "hostname"): "interface_hostname",
    (model.Interface, "ethernet"): "phys_interface",
    (model.Interface, "http_redirect"): "https_redirect",
    (model.Interface, "ipv6"): "ip6",
    (model.Interface, "ipv6_prefix"): "prefixlen6",
    (model.ListenerSettings, "max_concurrent_connections"): "global_max_listener_concurrency",
    (model.ListenerSettings, "max_tls_connections"): "global_max_tls_concurrency",
    (model.ListenerSettings, "injection_timeout_seconds"): "global_inbound_connection_timeout",
    (model.ListenerSettings, "max_header_lines"): "global_max_header_lines",
    (model.ListenerSettings, "max_connection_seconds"): "global_inbound_conversation_timeout",
    (model.ListenerSettings, "hat_delayed_rejection"): "global_hat_delayed_rejection",
    (model.Listener, "name"): "listener_name",
    (model.Listener, "max_connections"): "max_concurrency",
    (model.Listener, "tcp_queue"): "listen_queue_size",
    (model.Listener, "bounce_profile"): "bounce_profile_name",
    (model.Listener, "add_received_header"): "enable_received_header",
    (model.Listener, "interface"): "ip_interface",
    (model.HostAccess, "default_action"): "hat_default_policy",
    (model.MailFlowPolicy, "name"): "policy_name",
    (model.SenderGroup, "name"): "sender_group_name",
    (model.PolicyParams, "smtp_banner_host"): "override_hostname",
    (model.PolicyParams, "smtp_auth"): "smtpauth_allow",
    (model.PolicyParams, "smtp_auth_requires_tls"): "smtpauth_requiretls",
    (model.PolicyParams, "use_sb"): "use_sbrs",
    (model.RecipientAccess, "address"): "rat_address",
    (model.RecipientAccess, "action"): "access",
    (model.RecipientAccess, "smtp_code"): "smtp_response_code",
    (model.RecipientAccess, "smtp_text"): "smtp_response_text",
    (model.CertificateProfile, "name"): "certificate_name",
    (model.CertificateProfile, "certificate_pem"): "certificate",
    (model.CertificateProfile, "key_pem"): "key",
    (model.CertificateProfile, "csr_pem"): "csr",
    (model.CustomCA, "name"): "ca_name",
    (model.CustomCA, "pem"): "certificate",
    (model.DestConfig, "default"): "destination_default",
    (model.DestinationControl, "tls"): "tls_setting",
    (model.SmtpRoute, "domain"): "receiving_domain",
    (model.DnsConfig, "mode"): "dns_servers_used",
    (model.DnsConfig, "interface"): "dns_interface",
    (model.DnsServer, "address"): "dns_server_ip",
    (model.DnsServer, "priority"): "dns_server_priority",
    (model.Ldap, "interface"): "ldap_interface",
    (model.Ldap, "certificate"): "ldap_certificate",
    (model.LdapServer, "name"): "ldap_server_name",
    (model.LdapServer, "hostnames"): "ldap_server_hostnames",
    (model.LdapServer, "port"): "ldap_server_port",
    (model.LdapServer, "use_ssl"): "ldap_server_use_ssl",
    (model.LdapServer, "auth_method"): "ldap_server_authtype",
    (model.LdapServer, "bind_user"): "ldap_server_user",
    (model.LdapServer, "bind_password"): "ldap_server_pass",
    (model.LdapServer, "server_type"): "ldap_server_type",
    (model.LdapServer, "base"): "ldap_server_base",
    (model.Alerts, "from_address"): "alert_from_email_address",
    (model.AlertRecipient, "address"): "email_address",
    (model.User, "name"): "username",
    (model.User, "full_name"): "fullname",
    (model.User, "role"): "group",
    (model.User, "password_hash"): "enc_password",
    (model.User, "ssh_keys"): "authorized_keys",
    (model.LogSubscription, "level"): "log_level",
    (model.LogSubscription, "rollover_size"): "rolloversize",
    (model.LogSubscription, "max_files"): "rollover_max_files",
}

# Collections: (dataclass, field) -> (container element, item element).
ITEMS: dict[tuple[type, str], tuple[str, str]] = {
    (model.Interface, "services"): ("", ""),  # see PORTS
    (model.ListenerSettings, "listeners"): ("listeners", "listener"),
    (model.HostAccess, "policies"): ("mail_flow_policies", "mail_flow_policy"),
    # the HAT's entries; real files hold the HAT as text in <hat>, kept as it is (Reader)
    (model.HostAccess, "sender_groups"): ("hat", "sender_group"),
    (model.SenderGroup, "senders"): ("senders", "sender"),
    (model.Listener, "rat"): ("rat", "rat_entry"),
    (model.Certificates, "profiles"): ("certificate_profiles", "certificate_profile"),
    (model.Certificates, "custom_cas"): ("custom_certificate_authorities", "custom_ca"),
    (model.Certificates, "crls"): ("crls", "crl"),
    (model.CertificateProfile, "intermediates"): ("intermediate_certificates", "certificate"),
    (model.DestConfig, "entries"): ("destination_entries", "destination_entry"),
    (model.SmtpRoutes, "routes"): ("smtp_routes", "smtp_route"),
    (model.SmtpRoute, "destinations"): ("destination_hosts", "destination_host"),
    (model.DnsConfig, "servers"): ("local_dns_servers", "dns_server"),
    (model.DnsConfig, "alternates"): ("alternate_dns_servers", "alternate_dns_server"),
    (model.DnsAlternate, "domains"): ("alternate_dns_domains", "domain"),
    (model.Ldap, "servers"): ("", "ldap_server"),
    (model.LdapServer, "hostnames"): ("ldap_server_hostnames", "ldap_server_hostname"),
    (model.Alerts, "recipients"): ("alert_recipients", "alert_recipient"),
    (model.AlertRecipient, "classes"): ("alert_classes", "alert_class"),
    (model.Users, "users"): ("users", "user"),
    (model.User, "ssh_keys"): ("authorized_keys", "public_key"),
    (model.Logs, "subscriptions"): ("log_subscriptions", "log_subscription"),
    (model.System, "ntp_servers"): ("ntp_servers", "ntp_server"),
    (model.TlsService, "methods"): ("methods", "method"),
    # the file extensions that bypass Outbreak Filters: our names [R]
    (model.SecurityServices, "outbreak_bypass"): ("outbreak_bypass_extensions", "extension"),
}
# Collections whose item element depends on a field of the item: (dataclass, field) -> (that
# field, value -> item element).  Log subscriptions as configlook lists them (log_text,
# log_status ... per log type; which type each element holds is our reading [R]); types it does
# not show stay <log_subscription>.
ITEM_BY_FIELD: dict[tuple[type, str], tuple[str, dict[str, str]]] = {
    (model.Logs, "subscriptions"): ("type", {
        "IronPort Text Mail Logs": "log_text", "Status Logs": "log_status",
        "Bounce Logs": "log_bounces", "Anti-Spam Logs": "log_antispam",
        "Anti-Spam Archive": "log_antispam_archive", "CLI Audit Logs": "log_cli",
        "Scanning Logs": "log_scanning", "Anti-Virus Logs": "log_antivirus",
        "Spam Quarantine Logs": "log_euq", "Spam Quarantine GUI Logs": "log_euqgui",
        "Reporting Logs": "log_reportd", "Reporting Query Logs": "log_reportqueryd"}),
}
# dict[str, scalar or list] collections: (dataclass, field) -> (key element, value element,
# item element of a list value).
PAIRS: dict[tuple[type, str], tuple[str, str, str]] = {
    (model.Certificates, "crls"): ("crl_name", "crl_data", ""),
    (model.AlertRecipient, "classes"): ("class_name", "alert_severities", "alert_severity"),
}
# Nested settings written into their parent's element, names prefixed.
FLAT: dict[tuple[type, str], str] = {
    (model.Listener, "hat"): "",
    (model.HostAccess, "default_params"): "hat_default_",
    (model.MailFlowPolicy, "params"): "",
    (model.SenderGroup, "params"): "",
}
# Scalar fields grouped in a wrapper element of their record.
WRAP: dict[tuple[type, str], str] = {
    (model.RecipientAccess, "smtp_code"): "rat_params",
    (model.RecipientAccess, "smtp_text"): "rat_params",
    (model.RecipientAccess, "bypass_receiving_control"): "rat_params",
}

# An interface's services (interfaceconfig's ftp, telnet, ssh, ccs, http, https) are written as
# one ``<daemon>_port`` element each (configlook: ftpd_port, telnetd_port, sshd_port, httpd_port,
# httpsd_port; ccs_port [R]).  Other ``*_port`` elements (euq_httpd_port ...) are not modelled.
PORTS = (model.Interface, "services")
PORT_ELEMENTS = {"ftp": "ftpd_port", "telnet": "telnetd_port", "ssh": "sshd_port",
                 "ccs": "ccs_port", "http": "httpd_port", "https": "httpsd_port"}
SERVICE_OF_PORT = {element: service for service, element in PORT_ELEMENTS.items()}


def port_element(service: str) -> str:
    return PORT_ELEMENTS.get(service, f"{service}_port")


def service_of(element: str) -> Optional[str]:
    return SERVICE_OF_PORT.get(element)


@dataclass
class InterfacesSection:
    """The interfaces section (a mapping) as a record, so the codec can write it."""
    interfaces: dict[str, model.Interface] = dataclasses.field(default_factory=dict)


ITEMS[(InterfacesSection, "interfaces")] = ("interfaces", "interface")


# -- sections at the top of a configuration level ------------------------------------------------
# Section -> element that holds it, or "" for a section whose settings sit directly in the level
# (hostname, timezone, the global listener limits, users and log subscriptions as configlook shows
# them), or "delivery_" style prefix for one flattened with a prefix [R].
SECTION_ELEMENTS: dict[str, str] = {
    "system": "",
    "interfaces": "",
    "listeners": "",
    "certificates": "certificates",
    "destconfig": "destination_controls",
    "delivery": "delivery_",
    "smtproutes": "",
    "dnsconfig": "dns",
    "ldap": "ldap",
    "websecurity": "web_security",
    "alerts": "alert_email_config",
    "users": "",
    "logs": "",
    "mailpolicies": "mail_policies",
    "ssl": "ssl_config",
}


# -- scalar conversion ---------------------------------------------------------------------------
def _scalar_type(hint: Any) -> tuple[Any, bool]:
    """(inner type, optional) of a scalar type hint."""
    if typing.get_origin(hint) in (Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        return inner, True
    return hint, False


def _is_scalar(hint: Any) -> bool:
    return _scalar_type(hint)[0] in (str, int, bool, float)


def encode_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def decode_scalar(kind: Any, text: str) -> Any:
    try:
        if kind is bool:
            lowered = text.strip().lower()
            if lowered not in ("1", "0", "true", "false", "on", "off", "yes", "no"):
                raise ValueError(text)
            return lowered in ("1", "true", "on", "yes")
        if kind is int:
            return int(text.strip())
        if kind is float:
            return float(text.strip())
    except ValueError as exc:
        raise LayoutError(f"{text!r} is not a {kind.__name__}") from exc
    return text


def netmask(prefix: int) -> str:
    """``24`` -> ``255.255.255.0``; a prefix no IPv4 mask has stays a number."""
    if 0 <= prefix <= 32:
        return str(ipaddress.IPv4Network(f"0.0.0.0/{prefix}").netmask)
    return str(prefix)


def prefix_of(text: str) -> int:
    """``255.255.255.0``, ``0xffffff00``, ``24`` or ``/24`` -> 24."""
    text = text.strip()
    try:
        if "." in text:
            return ipaddress.IPv4Network(f"0.0.0.0/{text}").prefixlen
        if text.lower().startswith("0x"):
            return bin(int(text, 16)).count("1")
        return int(text.lstrip("/"))
    except ValueError as exc:
        raise LayoutError(f"{text!r} is not a netmask") from exc


CONVERT: dict[tuple[type, str], tuple[Callable[[Any], str], Callable[[str], Any]]] = {
    (model.Interface, "prefix"): (netmask, prefix_of),
}


# -- secrets -------------------------------------------------------------------------------------
@dataclass
class Secrets:
    """How secret fields are written and read: ``write(text) -> (text, attributes)`` and
    ``read(text, attributes) -> text`` (raising for masked values)."""
    write: Callable[[str], tuple[str, dict[str, str]]]
    read: Callable[[str, dict[str, str]], str]


def _is_secret(cls: type, name: str) -> bool:
    return any(f.name == name and f.metadata.get("secret") for f in dataclasses.fields(cls))


# -- encoding ------------------------------------------------------------------------------------
@dataclass
class Writer:
    secrets: Secrets
    # anchor path -> foreign XML elements appended to the element at that path
    foreign: dict[str, list[ET.Element]]

    def dataclass_into(self, parent: ET.Element, cls: type, value: dict, path: str,
                       prefix: str = "", flattened: bool = False) -> None:
        """Write the settings of ``cls`` into ``parent``; then, unless they are ``flattened``
        into a parent that has its own, the foreign elements anchored at ``path``."""
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            key = (cls, f.name)
            hint, item = hints[f.name], value.get(f.name)
            if key in FLAT:
                self.dataclass_into(parent, hint, item or {}, path, prefix + FLAT[key], True)
            elif key == PORTS:
                for service, port in (item or {}).items():
                    ET.SubElement(parent, port_element(service)).text = encode_scalar(port)
            elif _is_scalar(hint):
                name = prefix + RENAME.get(key, f.name)
                if item is not None and not self._kept_as_read(path, name):
                    self._scalar(parent, cls, f.name, name, item)
            elif dataclasses.is_dataclass(hint):
                name = prefix + RENAME.get(key, f.name)
                self.dataclass_into(ET.SubElement(parent, name), hint, item or {}, f"{path}/{name}")
            else:
                self._collection(parent, cls, f.name, hint, item, path)
        if not flattened:
            for wrapper in _wrappers(cls):
                kept = self.foreign.get(f"{path}/{wrapper}", [])
                if kept:
                    element = parent.find(wrapper)
                    element = element if element is not None else ET.SubElement(parent, wrapper)
                    element.extend(kept)
            parent.extend(self.foreign.get(path, []))

    def _kept_as_read(self, path: str, name: str) -> bool:
        """A setting the file held in a form this model does not read (a real appliance's
        <retrieval><ftp_poll>…) goes back in that form."""
        return any(e.tag == name and len(e) for e in self.foreign.get(path, []))

    def _scalar(self, parent: ET.Element, cls: type, name: str, element_name: str,
                value: Any) -> None:
        key = (cls, name)
        if key in WRAP:
            wrapper = parent.find(WRAP[key])
            parent = wrapper if wrapper is not None else ET.SubElement(parent, WRAP[key])
        element = ET.SubElement(parent, element_name)
        element.text = CONVERT[key][0](value) if key in CONVERT else encode_scalar(value)
        if value != "" and _is_secret(cls, name):
            element.text, attributes = self.secrets.write(element.text)
            element.attrib.update(attributes)

    def _collection(self, parent: ET.Element, cls: type, name: str, hint: Any, value: Any,
                    path: str) -> None:
        container_name, item_name = ITEMS[(cls, name)]
        if not value and any(e.tag == container_name for e in self.foreign.get(path, [])):
            return  # the file's own form of it (a real appliance's HAT as text) goes back
        container = ET.SubElement(parent, container_name) if container_name else parent
        origin, item_hint = typing.get_origin(hint), typing.get_args(hint)[-1]
        if (cls, name) in PAIRS:
            key_name, value_name, value_item = PAIRS[(cls, name)]
            for key, item in (value or {}).items():
                element = ET.SubElement(container, item_name)
                ET.SubElement(element, key_name).text = key
                if value_item:
                    values = ET.SubElement(element, value_name)
                    for entry in item:
                        ET.SubElement(values, value_item).text = encode_scalar(entry)
                else:
                    ET.SubElement(element, value_name).text = encode_scalar(item)
        else:
            items = list((value or {}).items()) if origin is dict else list(enumerate(value or []))
            for key, item in items:
                element = ET.SubElement(container, _item_element(cls, name, item_name, item))
                if _is_scalar(item_hint):
                    element.text = encode_scalar(item)
                else:
                    self.dataclass_into(element, item_hint, item,
                                        record_path(path, container_name or item_name, key))
        if container_name:
            container.extend(self.foreign.get(f"{path}/{container_name}", []))


def _item_element(cls: type, name: str, default: str, item: Any) -> str:
    if (cls, name) not in ITEM_BY_FIELD:
        return default
    field_name, elements = ITEM_BY_FIELD[(cls, name)]
    return elements.get(item.get(field_name), default)


def record_path(path: str, container: str, key: Any) -> str:
    """The anchor of one record: ``/listeners/IncomingMail``, ``/listeners/IncomingMail/rat[0]``."""
    return f"{path}/{container}[{key}]" if isinstance(key, int) else f"{path}/{container}/{key}"


# -- decoding ------------------------------------------------------------------------------------
@dataclass
class Reader:
    secrets: Secrets
    # anchor path -> elements the layout does not know, in file order
    foreign: dict[str, list[ET.Element]]

    def dataclass_from(self, children: list[ET.Element], cls: type, path: str,
                       prefix: str = "") -> dict:
        """The tree of ``cls`` read from ``children``; elements the layout does not know are
        kept under ``path``."""
        index = _index(cls, prefix)
        result: dict = {}
        loose: dict[str, list[ET.Element]] = {}  # items of collections without a container
        for child in children:
            slot = index.get(child.tag)
            if slot is not None and slot[3]:
                loose.setdefault(child.tag, []).append(child)
            elif slot is not None:
                self._read(slot, child, result, path)
            elif _wrapper_of(cls, child.tag):
                for grandchild in child:
                    self._read(index.get(grandchild.tag), grandchild, result,
                               f"{path}/{child.tag}")
            elif (cls, "services") == PORTS and service_of(child.tag):
                if (child.text or "").strip():
                    services = result.setdefault("services", {})
                    services[service_of(child.tag)] = decode_scalar(int, child.text or "")
            else:
                self.foreign.setdefault(path, []).append(child)
        for tag, items in loose.items():
            fields, owner, hint, _ = index[tag]
            self._collection(owner, fields[-1], hint, items, _at(result, fields[:-1]), path)
        return result

    def _read(self, slot: Optional[tuple], child: ET.Element, result: dict, path: str) -> None:
        if slot is None:
            self.foreign.setdefault(path, []).append(child)
            return
        fields, owner, hint, _ = slot
        target, name = _at(result, fields[:-1]), fields[-1]
        key = (owner, name)
        if _is_scalar(hint) and len(child):
            self.foreign.setdefault(path, []).append(child)  # see Writer._kept_as_read
        elif _is_scalar(hint):
            text = child.text or ""
            if _is_secret(owner, name) and (child.attrib or text):
                text = self.secrets.read(text, dict(child.attrib))
            target[name] = (CONVERT[key][1](text) if key in CONVERT
                            else decode_scalar(_scalar_type(hint)[0], text))
        elif dataclasses.is_dataclass(hint):
            target[name] = self.dataclass_from(list(child), hint, f"{path}/{child.tag}")
        elif not len(child) and (child.text or "").strip():
            # A container holding text, not items (a real appliance's <hat> is the table as
            # text): not a form this model reads, so it is kept as it is.
            self.foreign.setdefault(path, []).append(child)
        else:
            self._collection(owner, name, hint, list(child), target, path)

    def _collection(self, cls: type, name: str, hint: Any, children: list[ET.Element],
                    target: dict, path: str) -> None:
        container_name, item_name = ITEMS[(cls, name)]
        origin, item_hint = typing.get_origin(hint), typing.get_args(hint)[-1]
        typed = ITEM_BY_FIELD.get((cls, name), ("", {}))
        kinds = {element: value for value, element in typed[1].items()}
        items = [child for child in children if child.tag == item_name or child.tag in kinds]
        if container_name:
            for child in children:
                if child.tag != item_name and child.tag not in kinds:
                    self.foreign.setdefault(f"{path}/{container_name}", []).append(child)
        if (cls, name) in PAIRS:
            key_name, value_name, value_item = PAIRS[(cls, name)]
            pairs = target.setdefault(name, {})
            for item in items:
                value = item.find(value_name)
                if value_item:
                    pairs[item.findtext(key_name) or ""] = [
                        entry.text or "" for entry in (list(value) if value is not None else [])
                        if entry.tag == value_item]
                else:
                    pairs[item.findtext(key_name) or ""] = "" if value is None else value.text or ""
            return
        if _is_scalar(item_hint):
            kind = _scalar_type(item_hint)[0]
            target[name] = [decode_scalar(kind, item.text or "") for item in items]
            return
        records: Any = {} if origin is dict else []
        first = dataclasses.fields(item_hint)[0].name
        key_element = RENAME.get((item_hint, first), first)
        for position, item in enumerate(items):
            key = item.findtext(key_element) or "" if origin is dict else position
            anchor = record_path(path, container_name or item_name, key)
            record = self.dataclass_from(list(item), item_hint, anchor)
            if item.tag in kinds:
                record.setdefault(typed[0], kinds[item.tag])
            if origin is dict:
                records[key] = record
            else:
                records.append(record)
        target[name] = records


def _wrappers(cls: type) -> list[str]:
    return list(dict.fromkeys(wrapper for (owner, _), wrapper in WRAP.items() if owner is cls))


def _wrapper_of(cls: type, tag: str) -> bool:
    return tag in _wrappers(cls)


def _at(result: dict, path: tuple) -> dict:
    for name in path:
        result = result.setdefault(name, {})
    return result


_INDEXES: dict[tuple[type, str], dict[str, tuple]] = {}


def _index(cls: type, prefix: str = "") -> dict[str, tuple]:
    """Element name -> (field path, owning dataclass, type hint, is a loose item) for one
    record, flattened settings included; a collection is indexed by its container element, or
    by its item element when it has none."""
    if (cls, prefix) in _INDEXES:
        return _INDEXES[(cls, prefix)]
    hints = typing.get_type_hints(cls)
    index: dict[str, tuple] = {}
    for f in dataclasses.fields(cls):
        key = (cls, f.name)
        entries: dict[str, tuple] = {}
        if key == PORTS:
            continue
        if key in FLAT:
            for name, (path, owner, hint, loose) in _index(hints[f.name],
                                                           prefix + FLAT[key]).items():
                entries[name] = ((f.name, *path), owner, hint, loose)
        elif key in ITEMS:
            container, item = ITEMS[key]
            entries[prefix + (container or item)] = ((f.name,), cls, hints[f.name], not container)
        else:
            entries[prefix + RENAME.get(key, f.name)] = ((f.name,), cls, hints[f.name], False)
        for name in entries:
            if name in index:
                raise AssertionError(f"element <{name}> is used twice in {cls.__name__}")
        index.update(entries)
    _INDEXES[(cls, prefix)] = index
    return index


def elements_of(cls: type, prefix: str = "") -> set[str]:
    """The element names the settings of ``cls`` use at their own level."""
    return set(_index(cls, prefix))
