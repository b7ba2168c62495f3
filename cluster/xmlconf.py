"""The configuration as an AsyncOS-style XML file (``<config>`` root), for saveconfig,
showconfig, mailconfig and loadconfig.

Element names are the model's field names; mapping keys that are not XML names (``$ACCEPTED``,
``machine:esa1``, domains) become ``<item name="...">``.  Non-string values carry a ``type``
attribute so that export -> import reproduces the model exactly.  Secrets (private keys, password
hashes, bind passphrases) are either masked (not loadable, as on the appliance) or encrypted with
the emulator's fixed configuration key, so an encrypted file loads on any emulated appliance.
"""
from __future__ import annotations

import base64
import copy
import datetime as dt
import fnmatch
import hashlib
import re
import xml.etree.ElementTree as ET
from typing import Any

from cryptography.fernet import Fernet, InvalidToken

from . import model, tree
from .levels import CLUSTER, ClusterConfig, machine_key
from .validate import validate

MASK = "*****"
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_FERNET = Fernet(base64.urlsafe_b64encode(hashlib.sha256(b"asyncos-emulator config").digest()))


class XmlConfigError(ValueError):
    pass


class MaskedSecrets(XmlConfigError):
    """The file was saved with masked passphrases and cannot be loaded."""


def _secret_patterns() -> list[tuple]:
    return [("levels", "*", name) + path for name, cls in model.SECTIONS.items()
            for path in tree.secret_paths(cls)]


def _is_secret(path: tuple, patterns: list[tuple]) -> bool:
    return any(len(p) == len(path) and all(fnmatch.fnmatchcase(str(k), str(q)) if q != "*" else True
                                           for k, q in zip(path, p)) for p in patterns)


def export_xml(config: ClusterConfig, machine: str, secrets: str = "mask",
               now: dt.datetime | None = None) -> str:
    """``secrets`` is ``"mask"``, ``"encrypt"`` or ``"plain"``."""
    info = config.machines[machine]
    now = now or dt.datetime.now()
    root = ET.Element("config")
    _encode(root, config.to_tree(), (), _secret_patterns(), secrets)
    ET.indent(root, space="  ")
    header = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        '<!DOCTYPE config SYSTEM "config.dtd">\n\n'
        "<!--\n"
        f"  Product: Cisco {info.model} {info.product}\n"
        f"  Model Number: {info.model}\n"
        f"  Version: {info.version}\n"
        f"  Serial Number: {info.serial}\n"
        f"  Current Time: {now.strftime('%a %b %d %H:%M:%S %Y')}\n"
        "-->\n")
    body = ET.tostring(root, encoding="unicode").encode("ascii", "xmlcharrefreplace").decode()
    return header + body + "\n"


def _encode(parent: ET.Element, value: Any, path: tuple, patterns: list, secrets: str) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            if _NAME.match(key) and key not in ("item", "li"):
                element = ET.SubElement(parent, key)
            else:
                element = ET.SubElement(parent, "item", name=key)
            _encode_value(element, child, path + (key,), patterns, secrets)
    else:
        for child in value:
            _encode_value(ET.SubElement(parent, "li"), child, path + ("*",), patterns, secrets)


def _encode_value(element: ET.Element, value: Any, path: tuple, patterns: list, secrets: str) -> None:
    if isinstance(value, dict):
        element.set("type", "dict")
        _encode(element, value, path, patterns, secrets)
    elif isinstance(value, list):
        element.set("type", "list")
        _encode(element, value, path, patterns, secrets)
    elif value is None:
        element.set("type", "null")
    elif isinstance(value, bool):
        element.set("type", "bool")
        element.text = "true" if value else "false"
    elif isinstance(value, (int, float)):
        element.set("type", type(value).__name__)
        element.text = repr(value)
    elif value and secrets != "plain" and _is_secret(path, patterns):
        if secrets == "mask":
            element.set("masked", "true")
            element.text = MASK
        else:
            element.set("encrypted", "true")
            element.text = _FERNET.encrypt(value.encode()).decode()
    else:
        element.text = value


def import_xml(text: str) -> ClusterConfig:
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise XmlConfigError(str(exc)) from exc
    if root.tag != "config":
        raise XmlConfigError("the root element is not <config>")
    try:
        data = _decode_children(root, "dict")
        return ClusterConfig.from_tree(data)
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, XmlConfigError):
            raise
        raise XmlConfigError(str(exc)) from exc


def _decode_children(element: ET.Element, kind: str) -> Any:
    if kind == "list":
        return [_decode(child) for child in element]
    return {child.get("name", child.tag) if child.tag == "item" else child.tag: _decode(child)
            for child in element}


def _decode(element: ET.Element) -> Any:
    kind = element.get("type", "str")
    text = element.text or ""
    if kind in ("dict", "list"):
        return _decode_children(element, kind)
    if kind == "null":
        return None
    if kind == "bool":
        return text == "true"
    if kind == "int":
        return int(text)
    if kind == "float":
        return float(text)
    if element.get("masked") == "true":
        raise MaskedSecrets("the file contains masked passphrases")
    if element.get("encrypted") == "true":
        try:
            return _FERNET.decrypt(text.encode()).decode()
        except InvalidToken as exc:
            raise XmlConfigError("an encrypted passphrase cannot be decrypted") from exc
    return text


def retarget(loaded: ClusterConfig, current: ClusterConfig, machine: str) -> ClusterConfig:
    """The settings of ``loaded`` placed onto this appliance: its identity and cluster structure
    stay; a file saved on another standalone appliance lands at this machine's level."""
    result = current.copy()
    if machine in loaded.machines or loaded.clustered:
        result.levels = copy.deepcopy(loaded.levels)
        return result
    if len(loaded.machines) != 1:
        raise XmlConfigError("the file describes no appliance")
    (theirs,) = loaded.machines
    sections = {**loaded.levels.get(CLUSTER, {}), **loaded.levels.get(machine_key(theirs), {})}
    result.levels[machine_key(machine)] = copy.deepcopy(sections)
    return result


def load(text: str, current: ClusterConfig, machine: str) -> ClusterConfig:
    """A configuration file (loadconfig, the GUI's Load Configuration) as the configuration it
    would make of ``current``: raises ``MaskedSecrets`` or ``XmlConfigError`` for a file that
    cannot be read, ``validate.ConfigError`` for one that must not be committed."""
    loaded = retarget(import_xml(text), current, machine)
    validate(loaded)
    return loaded
