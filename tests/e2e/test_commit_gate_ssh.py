"""Roles are checked at commit whatever produced the change: an Operator who edits the users of
a saved configuration file, uploads it with ``scp -O``, loads it and commits is refused, and
nothing changes."""
import re

PASSWORD = "Tr41n1ng!Lab"


def test_an_operator_cannot_promote_itself_through_loadconfig(appliance_server, tmp_path):
    server = appliance_server
    out = server.run(f"userconfig add op Operator operators {PASSWORD}; commit 'operator' Y")
    assert out.returncode == 0 and b"Changes committed" in out.stdout, out

    saved = server.run("saveconfig n", user="op", password=PASSWORD).stdout.decode()
    name = re.search(r"/configuration/(\S+\.xml)", saved).group(1)
    local = tmp_path / name
    assert server.scp(server.remote(f"/configuration/{name}", user="op"), str(local),
                      password=PASSWORD).returncode == 0
    text = local.read_text()
    promoted = re.sub(r"(<username>op</username>.*?<group>)operators(</group>)", r"\1admin\2",
                      text, flags=re.S)
    assert promoted != text
    local.write_text(promoted)
    assert server.scp(str(local), server.remote(f"/configuration/{name}", user="op"),
                      password=PASSWORD).returncode == 0

    out = server.run(f"loadconfig {name}; commit 'promote myself' Y", user="op",
                     password=PASSWORD).stdout.decode()
    assert "You are not in the correct access group to use this command." in out
    assert "Changes committed" not in out
    users = server.run("userconfig", input=b"\n").stdout.decode()
    assert '2. op - "Operator" (operators)' in users, users
