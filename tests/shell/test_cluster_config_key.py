"""Issue 15: the "encrypt passphrases" key belongs to the cluster, so a file saved with
encrypted passphrases on one member loads on another; two standalone appliances have two keys."""
import re
import shutil

from harness import backend_of, make_fleet, run

SAVE = ["saveconfig", "2"]   # 2. Encrypt passphrases
LOADED = "Values have been loaded."
REFUSED = "Parsing failed.  Aborting."


def save_encrypted(appliance) -> str:
    """saveconfig with encrypted passphrases; the file's name in /configuration."""
    text = run(appliance, SAVE)
    return re.search(r'"/configuration/([^"]+)"', text).group(1)


def load_elsewhere(source, target, name: str, *then: str) -> str:
    shutil.copy(source.config_dir / name, target.config_dir / name)
    return run(target, [f"loadconfig {name}", *then])


def clustered(tmp_path):
    esa1, esa2 = make_fleet(tmp_path)
    run(esa1, ["clusterconfig", "2", "lab", "1", "1"])
    run(esa2, ["clusterconfig join 127.0.0.2 admin ironport Main_Group"])
    assert backend_of(esa1) == backend_of(esa2)
    return esa1, esa2


def test_a_file_saved_on_one_member_loads_on_the_other(tmp_path):
    esa1, esa2 = clustered(tmp_path)
    assert esa1.config_key == esa2.config_key
    run(esa1, ["clustermode cluster", "userconfig add op1 Op operators Secret9x!pw",
               "commit", "op1", "y"])
    hashed = esa1.view().users.users["op1"].password_hash
    name = save_encrypted(esa1)
    assert 'encrypted="true"' in (esa1.config_dir / name).read_text("latin-1")
    run(esa2, ["clustermode cluster", "userconfig delete op1", "commit", "gone", "y"])
    assert "op1" not in esa2.view().users.users
    text = load_elsewhere(esa1, esa2, name, "commit", "back", "y")
    assert LOADED in text and REFUSED not in text
    assert esa2.view().users.users["op1"].password_hash == hashed   # decrypted with the key


def test_a_standalone_appliances_file_does_not_load_on_another(tmp_path):
    esa1, esa2 = make_fleet(tmp_path)
    assert esa1.config_key != esa2.config_key
    text = load_elsewhere(esa1, esa2, save_encrypted(esa1))
    assert REFUSED in text and LOADED not in text


def test_the_joining_member_adopts_the_clusters_key_and_keeps_it_when_it_leaves(tmp_path):
    esa1, esa2 = make_fleet(tmp_path)
    first, own = esa1.config_key, esa2.config_key
    run(esa1, ["clusterconfig", "2", "lab", "1", "1"])
    run(esa2, ["clusterconfig join 127.0.0.2 admin ironport Main_Group"])
    assert esa1.config_key == esa2.config_key == first != own
    esa2.lab.remove(esa2.machine, "admin")
    assert backend_of(esa1) != backend_of(esa2) and esa2.config_key == first


def test_the_key_is_never_shown(tmp_path):
    esa1, _ = clustered(tmp_path)
    key = esa1.config_key.decode()
    for command in (["showconfig", "2"], ["showconfig", "1"], ["commitdetail"]):
        assert key not in run(esa1, command)
    name = save_encrypted(esa1)
    assert key not in (esa1.config_dir / name).read_text("latin-1")
    assert key not in repr(esa1.lab.snapshot(esa1.machine))
