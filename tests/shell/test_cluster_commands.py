"""clusterconfig, clustermode, level questions and restricted commands on an in-process lab."""
import pytest

from asyncos_shell.engine.registry import COMMANDS, command
from cluster import model
from cluster.levels import CLUSTER, machine_key
from harness import backend_of, make_fleet, run

JOIN = ["clusterconfig", "3", "n", "127.0.0.2", "", "n", "", "ironport", "y"]


@pytest.fixture(scope="module", autouse=True)
def level_probe():
    """A configuration command over the ``delivery`` section, to exercise the level questions."""
    @command("levelprobe", "Test command.", sections=("delivery",), hidden=True)
    async def levelprobe(ctx, args):
        ctx.out(f"concurrency {ctx.session.read('delivery').max_concurrency}")
        ctx.session.edit("delivery").max_concurrency = int(await ctx.dialog.ask("New value?"))
    yield
    del COMMANDS["levelprobe"]


def clustered(tmp_path):
    esa1, esa2 = make_fleet(tmp_path, recording=True)
    text = run(esa1, ["clusterconfig", "2", "lab", "1", "1"])
    assert "Creating a cluster takes effect immediately, there is no need to commit." in text
    text = run(esa2, JOIN)
    assert "Joining cluster group Main_Group." in text
    return esa1, esa2, text


def test_create_and_join(tmp_path):
    esa1, esa2, text = clustered(tmp_path)
    assert "Is this a valid key for this host? [Y]> y" in text
    assert text.endswith("(Machine esa2.example.com)> ")
    assert backend_of(esa1) == backend_of(esa2)
    config = esa1.committed()
    assert config.cluster_name == "lab" and set(config.machines) == {"esa1.example.com",
                                                                      "esa2.example.com"}
    assert set(config.levels[CLUSTER]) == set(model.SECTIONS) - model.MACHINE_ONLY
    assert set(config.levels[machine_key("esa2.example.com")]) == model.MACHINE_ONLY
    listing = run(esa1, ["clusterconfig", "y", "list", ""])
    assert "Group Main_Group:\r\nMachine esa1.example.com (Serial #: ABCDEF012341-ABCDEF1)\r\n" \
           "Machine esa2.example.com (Serial #: ABCDEF012342-ABCDEF2)" in listing


def test_join_errors(tmp_path):
    esa1, esa2 = make_fleet(tmp_path)
    text = run(esa2, ["clusterconfig", "3", "n", "127.0.0.9", "", "n", "", "ironport"])
    assert "Could not connect to cluster: Unexpected EOF" in text
    text = run(esa2, ["clusterconfig", "3", "n", "127.0.0.2", "", "n", "", "wrong"])
    assert "Authentication failure." in text
    text = run(esa2, JOIN)
    assert "Failed to join the cluster: the machine at 127.0.0.2 has not been clustered" in text
    assert backend_of(esa1) != backend_of(esa2)


def test_batch_join(tmp_path):
    esa1, esa2 = make_fleet(tmp_path)
    run(esa1, ["clusterconfig", "2", "lab", "1", "1"])
    run(esa2, ["clusterconfig join 127.0.0.2 admin ironport Main_Group"])
    assert backend_of(esa1) == backend_of(esa2)


def test_clustermode_prompts_and_batch(tmp_path):
    esa1, _, _ = clustered(tmp_path)
    text = run(esa1, ["clustermode", "1", "clustermode group Main_Group", "clustermode machine "
                      "esa2.example.com", "clustermode", "3", ""])
    assert "(Machine esa1.example.com)> clustermode\r\n\r\nChoose the configuration mode:\r\n" \
           "1. Cluster\r\n2. Group\r\n3. Machine\r\n[1]> 1\r\n\r\n(Cluster lab)> " in text
    assert "(Group Main_Group)> clustermode machine esa2.example.com\r\n\r\n(Machine esa2.example.com)> " in text
    assert text.endswith("Choose a machine.\r\n1. esa1.example.com\r\n2. esa2.example.com\r\n[1]> \r\n\r\n"
                         "(Machine esa1.example.com)> ")


def test_clustermode_on_a_standalone_machine(tmp_path):
    esa1, _ = make_fleet(tmp_path)
    assert "This command is only available on cluster system." in run(esa1, ["clustermode"])


def test_restricted_commands_offer_to_switch(tmp_path):
    esa1, _, _ = clustered(tmp_path)
    text = run(esa1, ["userconfig", "n", "clustermode cluster", "sethostname", "n"])
    assert ('This command is restricted to "cluster" mode.  Would you like to switch to '
            '"Cluster lab" mode? [Y]> n') in text
    assert ("This command is restricted to run in machine mode of the machine you are logged in "
            "to.  Do you want to switch to \"Machine esa1.example.com\" mode? [Y]> n") in text


def test_level_questions_switch_new_and_copy(tmp_path):
    esa1, esa2, _ = clustered(tmp_path)
    text = run(esa1, ["levelprobe", "1", "2", "clustermode machine esa1.example.com",
                      "levelprobe", "2", "77", "commit", "", ""])
    assert ("NOTICE: This configuration command has not yet been configured for the current "
            "cluster mode (Machine esa1.example.com).\r\n\r\nWhat would you like to do?\r\n"
            "1. Switch modes to edit at mode \"Cluster lab\".\r\n"
            "2. Start a new, empty configuration at the current mode (Machine esa1.example.com).\r\n"
            "3. Copy settings from another cluster mode to the current mode (Machine esa1.example.com).\r\n"
            "[1]> 1\r\n") in text
    assert "(Cluster lab)> " in text
    config = esa1.committed()
    assert config.resolve("delivery", "esa1.example.com").max_concurrency == 77
    assert config.resolve("delivery", "esa2.example.com").max_concurrency == 2
    # A commit on one member is visible on the other.
    other = run(esa2, ["clustermode machine esa1.example.com", "levelprobe", ""])
    assert "concurrency 77" in other


def test_machine_level_settings_lost_on_rejoin(tmp_path):
    esa1, esa2, _ = clustered(tmp_path)
    run(esa2, ["levelprobe", "2", "55", "commit", "", ""])
    assert esa2.committed().resolve("delivery", "esa2.example.com").max_concurrency == 55
    text = run(esa1, ["clusterconfig", "y", "removemachine", "2", "y", ""])
    assert "Machine esa2.example.com removed from the cluster." in text
    assert backend_of(esa2) != backend_of(esa1)
    # Standalone again, it keeps what it had.
    assert esa2.committed().resolve("delivery", "esa2.example.com").max_concurrency == 55
    assert not esa2.committed().clustered
    run(esa2, JOIN)
    assert backend_of(esa2) == backend_of(esa1)
    assert esa2.committed().resolve("delivery", "esa2.example.com").max_concurrency == 10000


def test_groups(tmp_path):
    esa1, esa2, _ = clustered(tmp_path)
    run(esa1, ["clusterconfig", "y", "addgroup", "Lab_B", "setgroup", "2", "2", "renamegroup", "2",
               "Lab_C", "", "commit"])
    config = esa1.committed()
    assert config.groups == ["Main_Group", "Lab_C"]
    assert config.machines["esa2.example.com"].group == "Lab_C"
    text = run(esa1, ["clusterconfig", "y", "deletegroup", "2", "1", "deletegroup", ""])
    config = esa1.committed()
    assert config.groups == ["Main_Group"] and config.machines["esa2.example.com"].group == "Main_Group"
    assert "there must be at least 1 group in the cluster" in text
    assert "Choose which group you wish to remove." in text
    assert "Choose the group that machines in Lab_C should be moved to." in text
    assert "Group Lab_C removed." in text
    # Cisco's catalogue (dharma412/PythonClass csa/testlib/common/shell/qlogmsgs.py,
    # system.CLUSTER.NEW, JOIN, GROUP_ADD, GROUP_REMOVE, REMOVE)
    run(esa1, ["clusterconfig", "y", "removemachine", "2", "y", ""])
    changes = [line for line in esa1.logs.of("system_logs") if "commit changes" not in line]
    assert changes == ["Cluster lab created", "Group Lab_B added to the cluster",
                       "Group Lab_C removed from the cluster",
                       "Machine esa2.example.com removed from the cluster"], changes
    assert esa2.logs.of("system_logs") == ["Machine esa2.example.com added to the cluster"]


def test_cluster_survives_restart(tmp_path):
    esa1, esa2, _ = clustered(tmp_path)
    again1, again2 = make_fleet(tmp_path)
    assert backend_of(again1) == backend_of(again2) and again1.committed().cluster_name == "lab"


def test_clusterset_deletes_a_machine_level_override(tmp_path):
    esa1, esa2, _ = clustered(tmp_path)
    run(esa2, ["levelprobe", "2", "55", "commit", "", ""])
    text = run(esa2, ["clusterset", "print", "delete", "deliveryconfig", "1"])
    assert "deliveryconfig: Cluster lab, Machine esa2.example.com\r\n" in text
    assert ("Choose the mode to delete the settings from:\r\n1. Cluster lab\r\n"
            "2. Machine esa2.example.com\r\n[1]> 1\r\n") in text
    assert ("The settings at Cluster lab are the only ones for esa1.example.com and cannot be "
            "deleted.") in text
    assert esa2.committed().resolve("delivery", "esa2.example.com").max_concurrency == 55
    run(esa2, ["clusterset", "delete", "deliveryconfig", "2", "", "commit", "", ""])
    config = esa2.committed()
    assert config.resolve("delivery", "esa2.example.com").max_concurrency == 10000
    assert config.level_of("delivery", "esa2.example.com") == CLUSTER


def test_clusterset_move_keeps_every_machine_configured(tmp_path):
    esa1, _, _ = clustered(tmp_path)
    text = run(esa1, ["clusterset", "move", "deliveryconfig", "1", "3", "clusterset", "print", "",
                      "commit"])
    assert ("The settings at Cluster lab are the only ones for esa1.example.com and cannot be "
            "deleted.") in text
    assert "deliveryconfig: Cluster lab\r\n" in text  # nothing moved, not even the copy
    assert "There is no data to commit." in text


def test_disconnect_and_reconnect_confirm_as_the_qa_driver_answers(tmp_path):
    """csa/testlib/phoebe1411/cli/ctor/clusterconfig.py: machine, then yes, then the menu."""
    esa1, _, _ = clustered(tmp_path)
    text = run(esa1, ["clusterconfig", "y", "disconnect", "2", "y", "connstatus", ""])
    assert ("Choose the machine.\r\n1. esa1.example.com\r\n2. esa2.example.com\r\n[1]> 2\r\n\r\n"
            "Are you sure you want to disconnect esa2.example.com from the cluster? [N]> y\r\n"
            in text)
    assert "Machine esa2.example.com (group Main_Group): Disconnected by administrator" in text
    assert esa1.lab.detached == {"esa2.example.com"}
    text = run(esa1, ["clusterconfig", "y", "reconnect", "1", "n", "reconnect", "1", "y", ""])
    assert "Are you sure you want to reconnect esa2.example.com to the cluster? [N]> n" in text
    assert esa1.lab.detached == set()


def test_join_over_ccs_asks_the_service_interface_and_port(tmp_path):
    esa1, esa2 = make_fleet(tmp_path)
    run(esa1, ["clusterconfig", "2", "lab", "1", "1"])
    text = run(esa2, ["clusterconfig", "4", "1", "", "127.0.0.2", "", "n", "", "ironport", "y"])
    assert ("Choose the interface on which to enable the Cluster Communication Service:\r\n"
            "1. Management\r\n[1]> 1\r\n\r\n"
            "Enter the port on which to enable the Cluster Communication Service.\r\n[2222]> \r\n"
            in text)
    assert "Enter the name of an administrator present on the remote machine\r\n[admin]> " in text
    assert backend_of(esa1) == backend_of(esa2)


def test_create_with_an_address_typed_by_hand_asks_its_port(tmp_path):
    """csa/testlib/phoebe1411/cli/ctor/clusterconfig.py answers the manual address, then a port."""
    esa1, _ = make_fleet(tmp_path)
    text = run(esa1, ["clusterconfig", "2", "lab", "1", "2", "127.0.0.2", "2022"])
    assert ("Enter the IP address for Machine esa1.example.com.\r\n[]> 127.0.0.2\r\n\r\n"
            "Enter the port for Machine esa1.example.com.\r\n[22]> 2022\r\n" in text)
    assert "using IP address 127.0.0.2 port 2022." in text
    assert esa1.committed().clustered
