"""The composition root assembles each appliance explicitly: every service gets its parts when it
is built, and no module assigns attributes of an appliance afterwards."""
from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest
from twisted.internet.testing import MemoryReactor

from asyncos_emulator.assembly import ApplianceAssembly, gui_tls_context
from asyncos_shell.engine.context import ConfiguredAppliance, NullLogs
from cluster.lab import FileRegistry, Lab
from harness import MACHINE, LabPeers, factory
from smtp_core import tls

REPOSITORY = Path(__file__).resolve().parents[2]
PRODUCT = ("asyncos_emulator", "asyncos_net", "asyncos_shell", "asyncos_web", "cluster",
           "smtp_core")


@pytest.fixture
def assembled(tmp_path):
    lab = Lab(FileRegistry(tmp_path), {MACHINE: factory})
    configured = ConfiguredAppliance(lab=lab, machine=MACHINE, state_dir=tmp_path)
    reactor, peers = MemoryReactor(), LabPeers(lab)
    assembly = ApplianceAssembly.build(configured, peers, reactor)
    yield configured, peers, reactor, assembly
    assembly.mail.core.spool.close()


def test_each_service_gets_its_parts_when_it_is_built(assembled):
    configured, peers, reactor, assembly = assembled
    appliance, mail = assembly.appliance, assembly.mail
    assert mail.appliance is configured and mail.reactor is reactor
    # The shell's appliance is made with the SMTP core's log writer and facade ...
    assert appliance.logs is mail.core.writer and appliance.mail is mail.core
    assert appliance.peers is peers
    # ... and is the configured appliance: the very lab, state directory and endpoint list.
    for field in dataclasses.fields(ConfiguredAppliance):
        assert getattr(appliance, field.name) is getattr(configured, field.name), field.name
    for service in (assembly.ssh, assembly.ftp, assembly.web):
        assert service.appliance is appliance and service.reactor is reactor
    assert assembly.web.gui.appliance is appliance
    assert assembly.web.gui.config_files.appliance is appliance
    assert (assembly.web.server_context, assembly.web.tls_failure) == (gui_tls_context,
                                                                       tls.failure_detail)


def test_services_start_in_the_order_of_the_start_up_lines(assembled):
    _, _, reactor, assembly = assembled
    assert assembly.services == (assembly.mail, assembly.ssh, assembly.ftp, assembly.web)
    lines = [line for service in assembly.services for line in service.start()]
    assert lines == ["SMTP on 127.0.0.1 port 25 (listener IncomingMail)",
                     "SSH on 127.0.0.1 port 22", "FTP on 127.0.0.1 port 21",
                     "HTTPS on 127.0.0.1 port 443", "HTTP on 127.0.0.1 port 80"]
    assert [entry[0] for entry in assembly.appliance.endpoints] == ["SMTP", "SSH", "FTP", "HTTPS",
                                                                    "HTTP"]
    assert [port for port, *_ in reactor.tcpServers + reactor.sslServers] == [25, 22, 21, 80,
                                                                               443]


def test_an_appliance_is_not_filled_in_after_it_is_built(assembled):
    appliance = assembled[3].appliance
    with pytest.raises(dataclasses.FrozenInstanceError):
        appliance.logs = NullLogs()


def appliance_writes(source: str) -> list[str]:
    """Assignments to an attribute of ``appliance`` / ``<anything>.appliance`` (and setattr and
    delattr on one)."""
    def is_appliance(node: ast.expr) -> bool:
        return ((isinstance(node, ast.Name) and node.id == "appliance")
                or (isinstance(node, ast.Attribute) and node.attr == "appliance"))

    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Attribute)) and isinstance(node.ctx, (ast.Store, ast.Del)) \
                and is_appliance(node.value):
            found.append(f"{node.lineno}: {ast.unparse(node)}")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in ("setattr", "delattr") and node.args
                and is_appliance(node.args[0])):
            found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_module_assigns_attributes_of_an_appliance():
    assert appliance_writes("appliance.logs = w\nself.appliance.mail = c\n"
                            "setattr(ctx.appliance, 'peers', p)\nx = appliance.logs\n") == [
        "1: appliance.logs", "2: self.appliance.mail", "3: setattr(ctx.appliance, 'peers', p)"]
    writes = {str(path.relative_to(REPOSITORY)): appliance_writes(path.read_text())
              for package in PRODUCT for path in sorted((REPOSITORY / package).rglob("*.py"))}
    assert {path: found for path, found in writes.items() if found} == {}
