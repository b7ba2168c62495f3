import pytest

from cluster import model
from cluster.levels import CLUSTER, ClusterConfig, Machine, group_key, machine_key


def clustered() -> ClusterConfig:
    config = ClusterConfig(cluster_name="lab", groups=["Main_Group"], machines={
        "esa1": Machine("esa1", "A" * 12 + "-" + "B" * 7, group="Main_Group"),
        "esa2": Machine("esa2", "C" * 12 + "-" + "D" * 7, group="Main_Group")})
    config.put("delivery", CLUSTER, model.Delivery(max_concurrency=1))
    config.put("delivery", group_key("Main_Group"), model.Delivery(max_concurrency=2))
    config.put("delivery", machine_key("esa2"), model.Delivery(max_concurrency=3))
    return config


def test_machine_then_group_then_cluster():
    config = clustered()
    assert config.resolve("delivery", "esa1").max_concurrency == 2
    assert config.resolve("delivery", "esa2").max_concurrency == 3
    config.remove("delivery", group_key("Main_Group"))
    assert config.resolve("delivery", "esa1").max_concurrency == 1
    assert config.level_of("delivery", "esa2") == machine_key("esa2")


def test_unconfigured_section_raises():
    with pytest.raises(KeyError):
        clustered().resolve("ldap", "esa1")


def test_machine_level_settings_are_lost_when_the_machine_level_goes():
    config = clustered()
    config.put("certificates", CLUSTER, model.Certificates())
    config.put("certificates", machine_key("esa2"), model.Certificates(
        profiles={"own": model.CertificateProfile("own", "PEM")}))
    assert "own" in config.resolve("certificates", "esa2").profiles
    # Leaving the cluster drops the machine's level; rejoining starts from the shared levels.
    config.levels.pop(machine_key("esa2"))
    assert "own" not in config.resolve("certificates", "esa2").profiles


def test_tree_round_trip():
    config = clustered()
    assert ClusterConfig.from_tree(config.to_tree()).to_tree() == config.to_tree()
