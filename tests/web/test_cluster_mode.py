"""On a cluster member every configuration page shows the mode, where its settings are defined,
and Change Mode; a certificate made at cluster level appears on every member's pages."""
from __future__ import annotations

from asyncos_web.gui import Gui
from harness import RecordingLogs, make_fleet

from .support import Client
from .test_certificate_pages import add_self_signed


def cluster_guis(tmp_path) -> tuple[Gui, Gui]:
    esa1, esa2 = make_fleet(tmp_path)
    esa1.lab.create_cluster("esa1.example.com", "lab", "admin")
    esa1.lab.join("esa2.example.com", "esa1.example.com", "admin")
    guis = []
    for appliance in (esa1, esa2):
        appliance.logs = RecordingLogs()
        guis.append(Gui(appliance, accounts=appliance.accounts))
    return guis[0], guis[1]


def test_change_mode_to_where_the_settings_are_defined(tmp_path):
    gui1, gui2 = cluster_guis(tmp_path)
    client = Client(gui1)
    client.login()
    page = client.get("/network/certificates")
    assert "Mode \u2014 Machine esa1.example.com" in page.body
    assert "Settings are defined at: Cluster lab" in page.body
    assert 'id="not-here"' in page.body
    assert add_self_signed(client, name="clustercert").status == 409   # not in Machine mode
    client.post("/mode", mode="cluster", next="/network/certificates")
    page = client.get("/network/certificates")
    assert "Mode \u2014 Cluster lab" in page.body and 'id="not-here"' not in page.body
    add_self_signed(client, name="clustercert")
    client.get("/commit")
    assert client.post("/commit", action="commit", comment="cluster cert").status == 303

    other = Client(gui2)
    other.login()
    assert 'id="certificate-clustercert"' in other.get("/network/certificates").body
    # interfaces are machine settings whatever the mode
    page = other.get("/network/interfaces")
    assert "Settings are defined at: Machine esa2.example.com" in page.body
