import asyncio

import pytest

from asyncos_emulator import labfile
from asyncos_emulator.appliance import Runtime
from etcd_support import unique_prefix
from harness import backend_of

LAB = """
[[appliance]]
hostname = "esa1.example.com"
address = "127.0.0.2"
serial = "AAAAAAAAAAAA-AAAAAAA"

[[appliance]]
hostname = "esa2.example.com"
address = "127.0.0.3"
scenario = { no_rollback_question = true }

[[appliance]]
hostname = "solo.example.com"
address = "127.0.0.4"

[cluster]
name = "lab"
members = ["esa1.example.com", "esa2.example.com"]

[scenario]
slow_commit_seconds = 0
"""


@pytest.mark.parametrize("store", ["file", "etcd"])
def test_lab_file_forms_the_cluster_once(tmp_path, request, store):
    path = tmp_path / "lab.toml"
    if store == "etcd":
        url = request.getfixturevalue("etcd_server").url(unique_prefix("labfile"))
        path.write_text(LAB + f'[store]\nurl = "{url}"\n')
    else:
        path.write_text(LAB)
    runtime = Runtime.from_lab(path, tmp_path / "state", port_offset=0)
    request.addfinalizer(lambda: close_store(runtime))
    esa1, esa2, solo = runtime.appliances
    assert backend_of(esa1) == backend_of(esa2) and backend_of(solo) != backend_of(esa1)
    assert esa1.committed().cluster_name == "lab"
    assert esa1.identity.serial == "AAAAAAAAAAAA-AAAAAAA"
    assert esa2.scenario == {"slow_commit_seconds": 0, "no_rollback_question": True}
    assert solo.committed().appliance("solo.example.com").interfaces["Management"].ipv4 == "127.0.0.4"
    assert esa1.state_dir == (tmp_path / "state" / "esa1.example.com").resolve()
    # A restart keeps the membership as it was left, not as the file first said.
    esa1.lab.remove("esa2.example.com", "admin")
    again = Runtime.from_lab(path, tmp_path / "state", port_offset=0)
    request.addfinalizer(lambda: close_store(again))
    assert backend_of(again.appliances[0]) != backend_of(again.appliances[1])
    assert again.store.description.startswith(
        "files in" if store == "file" else "etcd at")


def close_store(runtime: Runtime) -> None:
    if runtime.store.close is not None:
        asyncio.get_event_loop().run_until_complete(runtime.store.close())


@pytest.mark.parametrize("table, message", [
    ("[store]\nurl = 'http://127.0.0.1:2379'\n", r"\[store\] url must be etcd://HOST:PORT"),
    ("[store]\nurl = 2379\n", r"\[store\] url must be etcd://HOST:PORT\[/prefix\], not 2379"),
    ("[store]\nadress = 'etcd://127.0.0.1'\n", r"\[store\]: unknown adress \(known: url\)"),
])
def test_a_store_table_names_an_etcd_url(tmp_path, table, message):
    path = tmp_path / "lab.toml"
    path.write_text(LAB + table)
    with pytest.raises(labfile.LabFileError, match=message):
        labfile.load(path)


@pytest.mark.parametrize("text, message", [
    ("[[appliance]]\nhostname = 'x'\naddress = '127.0.0.2'\n", "labels"),
    ("[[appliance]]\nhostname = 'a.example.com'\naddress = '127.0.0.2'\n"
     "[[appliance]]\nhostname = 'b.example.com'\naddress = '127.0.0.2'\n", "own address"),
    ("[[appliance]]\nhostname = 'a.example.com'\naddress = '127.0.0.2'\ncolour = 1\n", "colour"),
    ("[cluster]\nname = 'x'\n", "name one or more"),
    ("[[appliance]]\nhostname = 'a.example.com'\naddress = '127.0.0.2'\n[cluster]\nname = 'c'\n"
     "members = ['b.example.com']\n", "members among"),
    ("not = toml = at all", "Invalid value"),
])
def test_bad_lab_files_are_explained(tmp_path, text, message):
    path = tmp_path / "lab.toml"
    path.write_text(text)
    with pytest.raises(labfile.LabFileError, match=message):
        labfile.load(path)
