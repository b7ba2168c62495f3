"""System Administration > Configuration File: download (masked or encrypted) and load."""
from __future__ import annotations

from .support import Client, make_gui


def test_download_then_load_a_changed_file(tmp_path):
    gui, _ = make_gui(tmp_path)
    client = Client(gui)
    client.login()
    client.get("/system_administration/configuration_file")
    masked = client.post("/system_administration/configuration_file/download", secrets="mask")
    assert masked.headers["content-type"] == "application/xml"
    assert masked.headers["content-disposition"].endswith(".xml")
    page = client.post("/system_administration/configuration_file/load", file=masked.raw)
    assert page.field_error("file") == \
        "The configuration file contains masked passphrases and cannot be loaded."
    encrypted = client.post("/system_administration/configuration_file/download",
                            secrets="encrypt").body
    assert client.post("/system_administration/configuration_file/load",
                       file=b"<config>").field_error("file") == "Parsing failed.  Aborting."
    changed = encrypted.replace("<hostname>ironport.example.com</hostname>",
                                "<hostname>loaded.example.com</hostname>", 1)
    page = client.post("/system_administration/configuration_file/load", file=changed.encode())
    assert page.status == 303
    session = gui.sessions.sessions[client.cookies["sid"]].config
    assert session.has_changes
    assert "loaded.example.com" in client.get("/commit").body
    assert gui.appliance.view().system.hostname == "ironport.example.com"
