"""The configuration file in AsyncOS's layout, for saveconfig, showconfig, mailconfig and
loadconfig.

The file opens as an appliance's does: the XML declaration, ``<!DOCTYPE config SYSTEM
"config.dtd">`` and a comment naming the product, model, version, serial number, CPUs, memory,
the time and the feature keys (fields as Cisco's configlook viewer reads them,
``2001db8/ironport-tools`` ``cisco-provided/configlook/index.php``).  Under ``<config>`` each
section of the model follows a banner comment, with the element names of ``xmllayout.py``.

A standalone appliance's settings sit directly under ``<config>``.  In a cluster, the cluster
level's settings sit there and a ``<cluster_config>`` element holds the cluster's name, then each
group and each machine (identity, then its own settings) **[R]**: no public sample of a clustered
file was found.

Elements the emulator does not model (a file saved on a real appliance has many) are kept with
the configuration (``ClusterConfig.foreign_xml``) and written back where they were.  Secrets are
masked (not loadable, as on the appliance), encrypted with the appliance's own key
(``configkey``: an encrypted file loads only where that key is), or plain, as the passphrase
option says.
"""
from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
import xml.etree.ElementTree as ET
from typing import Any, Optional, Sequence

from cryptography.fernet import Fernet, InvalidToken

from . import model, tree
from .levels import CLUSTER, ClusterConfig, Machine, group_key, machine_key
from .xmllayout import (SECTION_ELEMENTS, InterfacesSection, LayoutError, Reader, Secrets, Writer,
                        elements_of)

MASK = "*****"

# Banner titles of the sections, in file order [R: the banner style is the appliance's, the
# titles are ours].
BANNERS = {
    "system": "System Settings",
    "interfaces": "Network Interfaces",
    "listeners": "Listeners",
    "certificates": "Certificates",
    "destconfig": "Destination Controls",
    "delivery": "Delivery Settings",
    "smtproutes": "SMTP Routes",
    "dnsconfig": "DNS",
    "ldap": "LDAP",
    "websecurity": "URL Filtering",
    "alerts": "Alerts",
    "users": "Users",
    "logs": "Log Subscriptions",
    "mailpolicies": "Mail Policies",
    "ssl": "SSL Configuration",
}
assert list(BANNERS) == list(model.SECTIONS)


@dataclasses.dataclass(frozen=True)
class Hardware:
    """What the header says about the box beyond its identity; ``product`` is the whole
    ``Product:`` value as ``version`` shows it (default: from the machine's identity)."""
    product: str = ""
    cpus: int = 2
    memory_gb: int = 8
    features: Sequence[str] = ()


class XmlConfigError(ValueError):
    pass


class MaskedSecrets(XmlConfigError):
    """The file was saved with masked passphrases and cannot be loaded."""


# -- secrets -------------------------------------------------------------------------------------
def _secrets(option: str, key: Optional[bytes]) -> Secrets:
    fernet = Fernet(key) if key else None
    if option == "encrypt" and fernet is None:
        raise ValueError("encrypting passphrases needs the appliance's key")
    def write(text: str) -> tuple[str, dict[str, str]]:
        if option == "mask":
            return MASK, {"masked": "true"}
        if option == "encrypt":
            return fernet.encrypt(text.encode()).decode(), {"encrypted": "true"}
        return text, {}

    def read(text: str, attributes: dict[str, str]) -> str:
        if attributes.get("masked") == "true" or (text == MASK and not attributes):
            raise MaskedSecrets("the file contains masked passphrases")
        if attributes.get("encrypted") == "true":
            if fernet is None:
                raise XmlConfigError("an encrypted passphrase cannot be decrypted")
            try:
                return fernet.decrypt(text.encode()).decode()
            except InvalidToken as exc:
                raise XmlConfigError("an encrypted passphrase cannot be decrypted") from exc
        return text

    return Secrets(write, read)


# -- sections ------------------------------------------------------------------------------------
def _section_type(section: str) -> type:
    return InterfacesSection if section == "interfaces" else model.SECTIONS[section]


def _section_tree(section: str, value: Any) -> dict:
    return {"interfaces": value} if section == "interfaces" else value


def _section_value(section: str, data: dict) -> Any:
    return data.get("interfaces", {}) if section == "interfaces" else data


def _prefix(section: str) -> str:
    element = SECTION_ELEMENTS[section]
    return element if element.endswith("_") else ""


def _wrapper(section: str) -> str:
    element = SECTION_ELEMENTS[section]
    return "" if element.endswith("_") else element


def _root_index() -> dict[str, str]:
    """Element name directly under a level -> the section it belongs to."""
    index: dict[str, str] = {}
    for section in model.SECTIONS:
        names = ({_wrapper(section)} if _wrapper(section)
                 else elements_of(_section_type(section), _prefix(section)))
        for name in names:
            if name in index or name in _IDENTITY_ELEMENTS:
                raise AssertionError(f"element <{name}> belongs to two sections")
            index[name] = section
    return index


_IDENTITY = {"group": "machine_group", "serial": "serial_number", "model": "model_number",
             "product": "product", "version": "version"}
_IDENTITY_ELEMENTS = {"machine_name", "group_name", "cluster_name", "cluster_communication",
                      "cluster_group", "cluster_machine", "cluster_config", *_IDENTITY.values()}
_ROOT = _root_index()


# -- export --------------------------------------------------------------------------------------
def export_xml(config: ClusterConfig, machine: str, secrets: str = "mask",
               now: Optional[dt.datetime] = None, hardware: Hardware = Hardware(),
               key: Optional[bytes] = None) -> str:
    """The configuration file ``machine`` writes; ``secrets`` is "mask", "encrypt" (with
    ``key``, see ``configkey``) or "plain"."""
    writer = Writer(_secrets(secrets, key), {})
    root = ET.Element("config")
    if config.clustered:
        _write_level(root, config, CLUSTER, writer)
        cluster = ET.SubElement(root, "cluster_config")
        ET.SubElement(cluster, "cluster_name").text = config.cluster_name
        ET.SubElement(cluster, "cluster_communication").text = config.communication
        for group in config.groups:
            element = ET.SubElement(cluster, "cluster_group")
            ET.SubElement(element, "group_name").text = group
            _write_level(element, config, group_key(group), writer)
        for name, info in config.machines.items():
            element = ET.SubElement(cluster, "cluster_machine")
            ET.SubElement(element, "machine_name").text = name
            for attribute, tag in _IDENTITY.items():
                ET.SubElement(element, tag).text = getattr(info, attribute)
            _write_level(element, config, machine_key(name), writer)
    else:
        _write_level(root, config, machine_key(machine), writer)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode").encode("ascii", "xmlcharrefreplace").decode()
    return (_HEAD + _header_comment(config.machines[machine], now or dt.datetime.now(), hardware)
            + "\n" + body + "\n")


_HEAD = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<!DOCTYPE config SYSTEM "config.dtd">\n\n'


def _header_comment(info: Machine, now: dt.datetime, hardware: Hardware) -> str:
    lines = [f"Product: {hardware.product or f'Cisco {info.model} {info.product}'}",
             f"Model Number: {info.model}",
             f"Version: {info.version}",
             f"Serial Number: {info.serial}",
             f"Number of CPUs: {hardware.cpus}",
             f"Memory (GB): {hardware.memory_gb}",
             f"Current Time: {now.strftime('%a %b %d %H:%M:%S %Y')}",
             *hardware.features]
    return "<!--\n" + "".join(f"  {_comment_safe(line)}\n" for line in lines) + "-->\n"


def _comment_safe(text: str) -> str:
    return text.replace("--", "- -").replace("\n", " ")


def _banner(title: str) -> ET.Element:
    rule = "*" * 78
    return ET.Comment(f"\n{rule}\n*{title.center(76)}*\n{rule}\n")


def _write_level(parent: ET.Element, config: ClusterConfig, level: str, writer: Writer) -> None:
    sections = config.levels.get(level, {})
    writer.foreign = _foreign_of(config, level)
    for section in model.SECTIONS:
        if section not in sections:
            continue
        parent.append(_banner(BANNERS[section]))
        data = _section_tree(section, tree.to_tree(sections[section]))
        cls = _section_type(section)
        if _wrapper(section):
            element = ET.SubElement(parent, _wrapper(section))
            writer.dataclass_into(element, cls, data, f"/{_wrapper(section)}")
        else:
            writer.dataclass_into(parent, cls, data, "", _prefix(section), flattened=True)
    parent.extend(writer.foreign.get("", []))


def _foreign_of(config: ClusterConfig, level: str) -> dict[str, list[ET.Element]]:
    found: dict[str, list[ET.Element]] = {}
    for anchor, fragments in config.foreign_xml.items():
        key, _, path = anchor.partition("|")
        if key == level:
            found[path] = [ET.fromstring(fragment) for fragment in fragments]
    return found


# -- import --------------------------------------------------------------------------------------
def import_xml(text: str, key: Optional[bytes] = None) -> ClusterConfig:
    """The configuration a file describes; a standalone appliance's file names its one machine
    after its ``<hostname>``.  Encrypted passphrases need the ``key`` they were written with."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise XmlConfigError(str(exc)) from exc
    if root.tag != "config":
        raise XmlConfigError("the root element is not <config>")
    try:
        return _read_file(root, text, key)
    except MaskedSecrets:
        raise
    except (LayoutError, KeyError, TypeError, ValueError) as exc:
        raise XmlConfigError(str(exc)) from exc


def _read_file(root: ET.Element, text: str, key: Optional[bytes]) -> ClusterConfig:
    reader = Reader(_secrets("plain", key), {})
    config = ClusterConfig()
    cluster = root.find("cluster_config")
    if cluster is None:
        sections = _read_level(root, reader)
        system = sections.get("system")
        name = system.hostname if system is not None else ""
        config.machines[name] = _identity_from_header(name, text)
        config.levels[machine_key(name)] = sections
        config.foreign_xml = _anchored(machine_key(name), reader)
        return config
    config.cluster_name = cluster.findtext("cluster_name") or ""
    communication = cluster.find("cluster_communication")
    config.communication = "SSH" if communication is None else communication.text or ""
    config.levels[CLUSTER] = _read_level(root, reader)
    config.foreign_xml = _anchored(CLUSTER, reader)
    for element in cluster.findall("cluster_group"):
        group = element.findtext("group_name") or ""
        config.groups.append(group)
        config.levels[group_key(group)] = _read_level(element, reader)
        config.foreign_xml.update(_anchored(group_key(group), reader))
    for element in cluster.findall("cluster_machine"):
        name = element.findtext("machine_name") or ""
        config.machines[name] = Machine(name=name, **{
            attribute: element.findtext(tag) or "" for attribute, tag in _IDENTITY.items()})
        config.levels[machine_key(name)] = _read_level(element, reader)
        config.foreign_xml.update(_anchored(machine_key(name), reader))
    return config


def _read_level(parent: ET.Element, reader: Reader) -> dict[str, Any]:
    reader.foreign = {}
    by_section: dict[str, list[ET.Element]] = {}
    for child in parent:
        if child.tag in _IDENTITY_ELEMENTS:
            continue
        section = _ROOT.get(child.tag)
        if section is None:
            reader.foreign.setdefault("", []).append(child)
        else:
            by_section.setdefault(section, []).append(child)
    sections: dict[str, Any] = {}
    for section in model.SECTIONS:
        if section not in by_section:
            continue
        cls, children = _section_type(section), by_section[section]
        if _wrapper(section):
            data = reader.dataclass_from(list(children[0]), cls, f"/{_wrapper(section)}")
        else:
            data = reader.dataclass_from(children, cls, "", _prefix(section))
        sections[section] = tree.from_tree(model.SECTIONS[section], _section_value(section, data))
    return sections


def _anchored(level: str, reader: Reader) -> dict[str, list[str]]:
    return {f"{level}|{path}": [_fragment(e) for e in elements]
            for path, elements in reader.foreign.items()}


def _fragment(element: ET.Element) -> str:
    element = copy.copy(element)
    element.tail = None
    return ET.tostring(element, encoding="unicode")


_HEADER_FIELD = re.compile(r"^\s*(Product|Model Number|Version|Serial Number):[ \t]*(.*?)\s*$",
                           re.M)


def _identity_from_header(name: str, text: str) -> Machine:
    prologue = text[:max(text.find("<config"), 0)]  # the header comment comes before <config>
    fields = dict(_HEADER_FIELD.findall(prologue))
    machine = Machine(name=name, serial=fields.get("Serial Number", ""))
    if "Model Number" in fields:
        machine.model = fields["Model Number"]
    if "Version" in fields:
        machine.version = fields["Version"]
    product = fields.get("Product", "")
    for lead in (f"Cisco {machine.model} ", f"Cisco IronPort {machine.model} "):
        if product.startswith(lead):
            machine.product = product[len(lead):]
    return machine


# -- loading onto an appliance -------------------------------------------------------------------
def retarget(loaded: ClusterConfig, current: ClusterConfig, machine: str) -> ClusterConfig:
    """The settings of ``loaded`` placed onto this appliance: its identity and cluster structure
    stay.  A cluster's file replaces every level; a standalone appliance's file (this one's, or
    another's, or a real appliance's) lands at this machine's level, over the sections it does
    not mention."""
    result = current.copy()
    if loaded.clustered:
        result.levels = copy.deepcopy(loaded.levels)
        result.foreign_xml = copy.deepcopy(loaded.foreign_xml)
        return result
    if len(loaded.machines) != 1:
        raise XmlConfigError("the file describes no appliance")
    (theirs,) = loaded.machines
    mine = machine_key(machine)
    result.levels[mine] = {**result.levels.get(mine, {}),
                           **copy.deepcopy(loaded.levels.get(machine_key(theirs), {}))}
    result.foreign_xml = {anchor: fragments for anchor, fragments in result.foreign_xml.items()
                          if anchor.partition("|")[0] != mine}
    for anchor, fragments in loaded.foreign_xml.items():
        result.foreign_xml[f"{mine}|{anchor.partition('|')[2]}"] = list(fragments)
    return result
