"""Strings of clustermode and clusterconfig (cli.md §4).  Evidence labels as in strings.py.

S from Cisco's QA library (github dharma412/PythonClass, commit b79a424): the create questions
("to join or create a cluster?", "name of the new cluster.", "cluster communicate with each other
by hostname or by IP address") are what ``csa/testlib/phoebe1411/cli/ctor/systemsetup.py`` and
``.../cli/ctor/clusterconfig.py`` wait for; DELETEGROUP's "Choose which group you wish to
remove.", "Choose the group that machines in %s should be moved to." and "Group %s removed." are
the appliance's messages quoted in ``.../cli/ctor/clusterconfig.py``; REMOVEMACHINE's, CONNSTATUS's
and RECONNECT's descriptions carry the words of ``.../cli/keywords/cluster_config.py``'s
docstrings ("Remove a machine from the cluster", "the status of connections between", "restore
connections with machines that were detached").  Also S: how the machines communicate is picked
from its list by the words "hostname" / "IP address" (``.../cli/keywords/cluster_config.py``:
communication_method "Either 'hostname' or 'IP address'"); joining asks for "the name of an
administrator present on the remote machine" and "the group to place this machine in."
(``.../cli/ctor/systemsetup.py``, the same join questions in the setup wizard; the clusterconfig
driver matches that question by "Choose the group"); a CCS join asks "Choose the interface on
which to enable the Cluster" and the "port on which to enable the Cluster" (same file);
"Machine %s removed from the cluster" is the appliance's own message for a removal (system log
template system.CLUSTER.REMOVE in ``csa/testlib/common/shell/qlogmsgs.py``).  DISCONNECT and
RECONNECT ask a yes/no question after the machine (``.../cli/ctor/clusterconfig.py`` answers
``confirm_disconnect`` / ``confirm_reconnect``); its wording is ours (R).
R: the rest, chosen here.
"""
from .. import strings

STRINGS = {
    "cmode.not_clustered": ("This command is only available on cluster system.", "S"),
    "cmode.choose": ("Choose the configuration mode:", "S"),
    "cmode.group": ("Choose the group to configure.", "S"),
    "cmode.machine": ("Choose a machine.", "S"),
    "cconf.pending": ("You have pending changes that may be lost. Do you want to continue?", "S"),
    "cconf.start": ("Do you want to join or create a cluster?", "S"),
    "cconf.standalone": ("No, configure as standalone.", "S"),
    "cconf.create": ("Create a new cluster.", "S"),
    "cconf.join_ssh": ("Join an existing cluster over SSH.", "S"),
    "cconf.join_ccs": ("Join an existing cluster over CCS.", "S"),
    "cconf.name": ("Enter the name of the new cluster.", "S"),
    "cconf.by": ("Should all machines in the cluster communicate with each other by hostname or "
                 "by IP address?", "S"),
    # the drivers pick the item by these words ("Either 'hostname' or 'IP address'")
    "cconf.by_ip": ("Communicate by IP address.", "S"),
    "cconf.by_host": ("Communicate by hostname.", "S"),
    "cconf.which_ip": ("What IP address should other machines use to communicate with Machine "
                       "{machine}?", "S"),
    "cconf.ip_item": ("{address} port {port} (SSH on interface {interface})", "R"),
    "cconf.manual": ("Enter an IP address manually", "R"),
    "cconf.enter_ip": ("Enter the IP address for Machine {machine}.", "S"),
    # after the address the QA driver answers a port question (communication_port_manual)
    "cconf.enter_port": ("Enter the port for Machine {machine}.", "R"),
    "cconf.uses": ("Other machines will communicate with Machine {machine} using IP address "
                   "{address} port {port}. You can change this by using the COMMUNICATION "
                   "command of the clusterconfig command.", "R"),
    "cconf.created": ("New cluster committed: {when}", "R"),
    "cconf.create_now": ("Creating a cluster takes effect immediately, there is no need to "
                         "commit.", "S"),
    "cconf.warning": ("WARNING: All non-network settings will be lost. System will inherit the "
                      "values set at the group or cluster mode for the non-network settings. "
                      "Ensure that the cluster settings are compatible with your network "
                      "settings (e.g. dnsconfig settings)", "R"),
    "cconf.ccs_interface": ("Choose the interface on which to enable the Cluster Communication "
                            "Service:", "S"),
    "cconf.ccs_port": ("Enter the port on which to enable the Cluster Communication Service.",
                       "S"),
    "cconf.ccs": ("Do you want to enable the Cluster Communication Service on {host}?", "S"),
    "cconf.remote_ip": ("Enter the IP address of a machine in the cluster.", "S"),
    "cconf.remote_port": ("Enter the remote port to connect to. This must be the normal admin "
                          "ssh port, not the CCS port.", "S"),
    "cconf.psk": ("Would you like to join this appliance to a cluster using pre-shared keys? Use "
                  "this option if you have enabled two-factor authentication on the appliance.",
                  "S"),
    "cconf.admin": ("Enter the name of an administrator present on the remote machine", "S"),
    "cconf.passphrase": ("Enter passphrase:", "S"),
    "cconf.verify_key": ("Please verify the SSH host key for {address}:\nPublic host key "
                         "fingerprint: {fingerprint}", "R"),
    "cconf.valid_key": ("Is this a valid key for this host?", "S"),
    "cconf.group": ("Choose the group to place this machine in.", "S"),
    "cconf.joining": ("Joining cluster group {group}.", "R"),
    "cconf.join_now": ("Joining a cluster takes effect immediately, there is no need to commit.",
                       "S"),
    "cconf.only_admin": ("Only the \"admin\" user can join a cluster.", "S"),
    "cconf.no_connect": ("Could not connect to cluster: Unexpected EOF (no machine of this lab "
                         "listens for SSH on {address} port {port}).", "S"),
    "cconf.auth": ("Authentication failure.", "S"),
    "cconf.failed": ("Failed to join the cluster: {reason}", "S"),
    "cconf.not_clustered": ("the machine at {address} has not been clustered", "S"),
    "cconf.key_refused": ("WARNING:  The host key was not accepted.", "S"),
    "cconf.header": ("Cluster {name}", "R"),
    "cconf.op.addgroup": ("Add a cluster group.", "R"),
    "cconf.op.setgroup": ("Set the group that machines are a member of.", "R"),
    "cconf.op.renamegroup": ("Rename a cluster group.", "R"),
    "cconf.op.deletegroup": ("Remove a cluster group.", "R"),
    "cconf.op.removemachine": ("Remove a machine from the cluster.", "S"),
    "cconf.op.setname": ("Set the cluster name.", "R"),
    "cconf.op.list": ("List the machines in the cluster.", "R"),
    "cconf.op.connstatus": ("Show the status of connections between machines in the cluster.", "S"),
    "cconf.op.disconnect": ("Temporarily detach machines from the cluster.", "R"),
    "cconf.op.reconnect": ("Restore connections with machines that were previously detached.", "S"),
    "cconf.op.prepjoin": ("Prepare the addition of a new machine over CCS.", "R"),
    "cconf.new_group": ("Enter the name of the new cluster group to create.", "R"),
    "cconf.group_exists": ("A group named \"{name}\" already exists.", "R"),
    "cconf.which_machine": ("Choose the machine.", "R"),
    "cconf.which_group": ("Choose the group.", "R"),
    "cconf.rename_to": ("Enter the new name of the group.", "R"),
    # DELETEGROUP's texts as ctor/clusterconfig.py quotes the appliance's own messages
    "cconf.which_group_delete": ("Choose which group you wish to remove.", "S"),
    "cconf.move_to": ("Choose the group that machines in {name} should be moved to.", "S"),
    "cconf.group_removed": ("Group {name} removed.", "S"),
    "cconf.last_group": ("Error: there must be at least 1 group in the cluster.", "S"),
    "cconf.disconnect_confirm": ("Are you sure you want to disconnect {machine} from the "
                                 "cluster?", "R"),
    "cconf.reconnect_confirm": ("Are you sure you want to reconnect {machine} to the cluster?",
                                "R"),
    "cconf.remove_confirm": ("Are you sure you want to remove {machine} from the cluster?", "R"),
    "cconf.removed": ("Machine {machine} removed from the cluster.", "S"),
    "cconf.new_name": ("Enter the new name of the cluster.", "R"),
    "cconf.connected": ("Machine {machine} (group {group}): Connected", "R"),
    "cconf.detached": ("Machine {machine} (group {group}): Disconnected by administrator", "R"),
    "cconf.prepjoin": ("Machines of this lab join over SSH; CCS preparation is not needed.", "R"),
    "cconf.effect": ("This change takes effect immediately, there is no need to commit.", "R"),
}
strings.register(STRINGS)
