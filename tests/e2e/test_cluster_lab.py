"""A two-appliance lab over real SSH: create and join a cluster, clustermode both ways, level
questions, a cluster-wide commit served by the other member's SMTP listener, a machine-level
certificate override, its loss on remove-and-rejoin, restricted commands, and kill -9."""
import re
import signal
import subprocess

import pexpect
import pytest

from .conftest import launch

LAB = """
[[appliance]]
hostname = "esa1.example.com"
address = "127.0.0.2"

[[appliance]]
hostname = "esa2.example.com"
address = "127.0.0.3"
"""
ESA1, ESA2 = "127.0.0.2", "127.0.0.3"
NEW_CERT = ["certificate", "new", "", "{name}", "{cn}", "n", "Lab", "IT", "Paris", "IDF", "FR",
            "30", "", "n", "", ""]


class Lab:
    def __init__(self, server):
        self.server = server

    def ssh(self, address: str, *command: str, **kw):
        self.server.host = address
        return self.server.ssh(*command, **kw)

    def run(self, address: str, command: str, lines=()):
        self.server.host = address
        result = self.server.run(command, input="".join(f"{line}\n" for line in lines).encode())
        return result.stdout.decode()

    def served_common_name(self, address: str) -> str:
        out = subprocess.run(
            ["openssl", "s_client", "-connect", f"{address}:{self.server.smtp_port}", "-starttls",
             "smtp", "-servername", "mail"], input="QUIT\n", capture_output=True, text=True,
            timeout=20).stdout
        return re.search(r"subject=.*?CN\s*=\s*([^,\n]+)", out).group(1).strip()


def new_certificate(name: str, cn: str) -> list[str]:
    return ["certconfig", *[a.format(name=name, cn=cn) for a in NEW_CERT]]


@pytest.fixture
def lab(tmp_path):
    path = tmp_path / "lab.toml"
    path.write_text(LAB)
    with launch(tmp_path / "state", arguments=("--lab", str(path))) as server:
        yield Lab(server)


def create_and_join(lab: Lab) -> None:
    esa1 = lab.ssh(ESA1)
    esa1.expect_exact("esa1.example.com> ")
    esa1.sendline("clusterconfig")
    for expect, answer in [("[1]> ", "2"), ("Enter the name of the new cluster.\r\n[]> ", "lab"),
                           ("[2]> ", "1"), ("[1]> ", "1")]:
        esa1.expect_exact(expect)
        esa1.sendline(answer)
    esa1.expect_exact("Creating a cluster takes effect immediately, there is no need to commit.")
    esa1.expect_exact("(Machine esa1.example.com)> ")
    esa1.sendline("exit")
    esa1.expect(pexpect.EOF)

    esa2 = lab.ssh(ESA2)
    esa2.expect_exact("esa2.example.com> ")
    esa2.sendline("clusterconfig")
    answers = [("[1]> ", "3"), ("[N]> ", "n"), ("[]> ", ESA1), ("[22]> ", str(lab.server.ssh_port)),
               ("[N]> ", "n"), ("[admin]> ", ""), ("[]> ", "ironport")]
    for expect, answer in answers:
        esa2.expect_exact(expect)
        esa2.sendline(answer)
    esa2.expect(r"Public host key fingerprint: (SHA256:\S+)\r\n")
    shown = esa2.match.group(1)
    key = lab.server.state_dir / "esa1.example.com" / "ssh_host_ed25519_key"
    listed = subprocess.run(["ssh-keygen", "-l", "-f", str(key)], capture_output=True,
                            text=True).stdout
    assert shown in listed
    esa2.expect_exact("Is this a valid key for this host? [Y]> ")
    esa2.sendline("y")
    esa2.expect_exact("Joining cluster group Main_Group.\r\n"
                      "Joining a cluster takes effect immediately, there is no need to commit.")
    esa2.expect_exact("(Machine esa2.example.com)> ")
    esa2.sendline("exit")
    esa2.expect(pexpect.EOF)


def offer_tls_on_relayed_connections(lab: Lab, tmp_path) -> None:
    """The test connects from 127.0.0.1, i.e. RELAYLIST -> $RELAYED: make it offer STARTTLS."""
    lab.run(ESA1, "clustermode cluster; listenerconfig edit IncomingMail hostaccess export hat.txt")
    local = tmp_path / "hat.txt"
    lab.server.host = ESA1
    assert lab.server.scp(lab.server.remote("/configuration/hat.txt"), str(local)).returncode == 0
    local.write_text(local.read_text().replace('tls = "off"', 'tls = "on"'))
    assert lab.server.scp(str(local), lab.server.remote("/configuration/hat.txt")).returncode == 0
    lab.run(ESA1, "clustermode cluster; listenerconfig edit IncomingMail hostaccess import hat.txt;"
                  " commit 'TLS for relayed hosts' Y")


def test_cluster_lab_over_ssh(lab, tmp_path):
    create_and_join(lab)

    # clustermode, interactive and batch; restricted commands offer to switch.
    esa1 = lab.ssh(ESA1)
    esa1.expect_exact("(Machine esa1.example.com)> ")
    esa1.sendline("clustermode")
    esa1.expect_exact("Choose the configuration mode:\r\n1. Cluster\r\n2. Group\r\n3. Machine\r\n[1]> ")
    esa1.sendline("2")
    esa1.expect_exact("[1]> ")
    esa1.sendline("")
    esa1.expect_exact("(Group Main_Group)> ")
    esa1.sendline("clustermode cluster")
    esa1.expect_exact("(Cluster lab)> ")
    esa1.sendline("sethostname")
    esa1.expect_exact('This command is restricted to run in machine mode of the machine you are '
                      'logged\r\nin to.  Do you want to switch to "Machine esa1.example.com" mode? '
                      '[Y]> ')  # wrapped at 80 columns
    esa1.sendline("n")
    esa1.expect_exact("(Cluster lab)> ")
    esa1.sendline("exit")
    esa1.expect(pexpect.EOF)

    # A cluster-level certificate, used by the cluster-level listener, served by both members.
    offer_tls_on_relayed_connections(lab, tmp_path)
    out = lab.run(ESA1, "clustermode cluster; certconfig; listenerconfig; commit 'cluster cert' Y",
                  [*new_certificate("clustercert", "esa.example.com")[1:],
                   "edit", "IncomingMail", "certificate", "clustercert", "", ""])
    assert "Changes committed" in out
    assert lab.served_common_name(ESA1) == "esa.example.com"
    assert lab.served_common_name(ESA2) == "esa.example.com"

    # A machine-level override on esa2: the level questions copy the cluster settings first.
    out = lab.run(ESA2, "certconfig; listenerconfig; commit 'esa2 own certificate' Y",
                  ["3", "1", *new_certificate("esa2cert", "esa2.example.com")[1:],
                   "3", "1", "edit", "IncomingMail", "certificate", "esa2cert", "", ""])
    assert ("NOTICE: This configuration command has not yet been configured for the current\r\n"
            "cluster mode (Machine esa2.example.com).") in out  # exec: 80 columns
    assert "Changes committed" in out
    assert lab.served_common_name(ESA2) == "esa2.example.com"
    assert lab.served_common_name(ESA1) == "esa.example.com"

    # Removed, esa2 keeps its certificate; rejoined, its machine-level settings are gone.
    out = lab.run(ESA1, "clustermode cluster; clusterconfig removemachine esa2.example.com")
    assert "Machine esa2.example.com removed from the cluster." in out
    assert lab.served_common_name(ESA2) == "esa2.example.com"
    out = lab.run(ESA2, f"clusterconfig join {ESA1}:{lab.server.ssh_port} admin wrong Main_Group")
    assert "Authentication failure." in out
    out = lab.run(ESA2, f"clusterconfig join {ESA1}:{lab.server.ssh_port} admin ironport Main_Group")
    assert "Joining cluster group Main_Group." in out
    assert lab.served_common_name(ESA2) == "esa.example.com"
    certificates = lab.run(ESA2, "certconfig certificate print")
    assert "esa2cert" not in certificates


def test_cluster_configuration_survives_kill_9(tmp_path):
    path = tmp_path / "lab.toml"
    path.write_text(LAB + '\n[cluster]\nname = "lab"\nmembers = ["esa1.example.com", '
                          '"esa2.example.com"]\n')
    state = tmp_path / "state"
    with launch(state, arguments=("--lab", str(path))) as server:
        lab = Lab(server)
        out = lab.run(ESA2, "sethostname two.example.com; commit kept Y")
        assert "Changes committed" in out
        server.process.send_signal(signal.SIGKILL)
        server.process.wait()
        server.process.returncode = 0  # killed on purpose; the fixture checks clean stops only
    with launch(state, arguments=("--lab", str(path))) as server:
        lab = Lab(server)
        out = lab.run(ESA1, "clustermode cluster; clusterconfig list")
        assert "Machine esa1.example.com" in out and "Machine esa2.example.com" in out
        prompt = lab.ssh(ESA2)
        prompt.expect_exact("(Machine esa2.example.com)> ")
        prompt.sendline("clustermode machine esa2.example.com; sethostname")
        prompt.expect_exact("[two.example.com]> ")
        prompt.sendline("")
        prompt.sendline("exit")
        prompt.expect(pexpect.EOF)


def test_a_session_open_across_a_join_never_loses_a_commit(lab):
    """The administrator's scenario: a session stays open on esa2 while another session joins
    esa2 to a cluster.  Changes made after the join land in the cluster's configuration; changes
    pending across the join are discarded, and the session says so."""
    stale = lab.ssh(ESA2)
    stale.expect_exact("esa2.example.com> ")
    stale.sendline("sethostname pending.example.com")
    stale.expect_exact("esa2.example.com> ")

    create_and_join(lab)

    stale.sendline("commit")
    stale.expect_exact("Your uncommitted changes were discarded: esa2.example.com joined or left "
                       "a cluster while they were pending.")
    stale.expect_exact("There is no data to commit.")
    stale.expect_exact("(Machine esa2.example.com)> ")
    stale.sendline("sethostname after.example.com")
    stale.expect_exact("(Machine esa2.example.com)> ")
    stale.sendline("commit")
    stale.expect_exact("[]> ")
    stale.sendline("after the join")
    stale.expect_exact("[Y]> ")
    stale.sendline("y")
    stale.expect_exact("Changes committed")
    stale.expect_exact("(Machine esa2.example.com)> ")
    stale.sendline("exit")
    stale.expect(pexpect.EOF)

    listing = lab.run(ESA1, "clustermode cluster; clusterconfig list")
    assert "Machine esa2.example.com" in listing
    fresh = lab.run(ESA2, "sethostname", [""])
    assert "[after.example.com]> " in fresh
    details = lab.run(ESA1, "clustermode cluster; rollbackconfig", ["ROLLBACK", "", ""])
    assert "after the join" in details
