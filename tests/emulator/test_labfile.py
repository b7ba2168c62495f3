import pytest

from asyncos_emulator import labfile
from asyncos_emulator.appliance import Runtime
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


def test_lab_file_forms_the_cluster_once(tmp_path):
    path = tmp_path / "lab.toml"
    path.write_text(LAB)
    runtime = Runtime.from_lab(path, tmp_path / "state", port_offset=0)
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
    assert backend_of(again.appliances[0]) != backend_of(again.appliances[1])


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
