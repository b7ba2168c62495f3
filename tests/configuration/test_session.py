import pytest

from cluster import model, validate
from cluster.session import ConfigSession
from cluster.backend import NothingToCommit
from cluster.lab import FileRegistry, Lab
from harness import factory

MACHINE = "ironport.example.com"


@pytest.fixture
def store(tmp_path):
    return Lab(FileRegistry(tmp_path), {MACHINE: factory})


def test_pending_changes_are_private_until_commit(store):
    a, b = ConfigSession(store, "admin", MACHINE), ConfigSession(store, "admin", MACHINE)
    a.edit("system").hostname = "esa1.example.com"
    assert a.has_changes and not b.has_changes
    assert store.committed(MACHINE).appliance(MACHINE).system.hostname == "ironport.example.com"
    assert b.view().system.hostname == "ironport.example.com"


def test_commits_of_different_settings_both_land(store):
    a, b = ConfigSession(store, "admin", MACHINE), ConfigSession(store, "admin", MACHINE)
    a.edit("system").hostname = "esa1.example.com"
    b.edit("delivery").max_concurrency = 7
    a.commit("a")
    b.commit("b")
    view = store.committed(MACHINE).appliance(MACHINE)
    assert (view.system.hostname, view.delivery.max_concurrency) == ("esa1.example.com", 7)
    assert store.revision_key(MACHINE)[1] == 2


def test_later_commit_wins_for_the_same_setting(store):
    a, b = ConfigSession(store, "admin", MACHINE), ConfigSession(store, "admin", MACHINE)
    a.edit("system").hostname = "a.example.com"
    b.edit("system").hostname = "b.example.com"
    a.commit()
    b.commit()
    assert store.committed(MACHINE).appliance(MACHINE).system.hostname == "b.example.com"


def test_refresh_shows_other_commits_and_keeps_own_edits(store):
    a, b = ConfigSession(store, "admin", MACHINE), ConfigSession(store, "admin", MACHINE)
    b.edit("delivery").max_concurrency = 9
    a.edit("system").hostname = "a.example.com"
    a.commit()
    b.refresh()
    assert b.view().system.hostname == "a.example.com"
    assert b.view().delivery.max_concurrency == 9


def test_clear_drops_pending_changes(store):
    a = ConfigSession(store, "admin", MACHINE)
    a.edit("system").hostname = "a.example.com"
    a.clear()
    assert not a.has_changes
    with pytest.raises(NothingToCommit):
        a.commit()


def test_invalid_configuration_is_refused_and_edits_survive(store):
    a = ConfigSession(store, "admin", MACHINE)
    a.edit("listeners").listeners["IncomingMail"].certificate = "missing"
    with pytest.raises(validate.ConfigError) as error:
        a.commit()
    assert "does not exist" in str(error.value)
    assert a.has_changes and store.revision_key(MACHINE)[1] == 0


def test_commit_records_who_when_what_and_keeps_ten_rollbacks(store):
    a = ConfigSession(store, "admin", MACHINE)
    for n in range(12):
        a.edit("delivery").max_concurrency = n + 1
        a.commit(f"c{n}")
    assert store.history(MACHINE)[-1].comment == "c11" and store.history(MACHINE)[-1].user == "admin"
    revisions = [r.revision for r in store.rollback_revisions(MACHINE)]
    assert revisions == list(range(3, 13))
    assert store.rollback_tree(MACHINE, 5)["levels"][f"machine:{MACHINE}"]["delivery"]["max_concurrency"] == 5


def test_restart_serves_the_last_commit(store, tmp_path):
    a = ConfigSession(store, "admin", MACHINE)
    a.edit("system").hostname = "kept.example.com"
    a.commit("keep")
    again = Lab(FileRegistry(tmp_path), {MACHINE: lambda: pytest.fail("factory must not run")})
    assert again.committed(MACHINE).appliance(MACHINE).system.hostname == "kept.example.com"
    assert again.revision_key(MACHINE)[1] == 1 and again.history(MACHINE)[-1].comment == "keep"


def test_state_files_are_private(store, tmp_path):
    assert (tmp_path / "stores" / MACHINE / "config.json").stat().st_mode & 0o777 == 0o600
    text = (tmp_path / "stores" / MACHINE / "config.json").read_text()
    assert "ironport" not in text.replace("ironport.example.com", "")  # no plain password


def test_subscribers_hear_about_commits(store):
    heard = []
    store.subscribe(MACHINE, lambda config, record: heard.append(record.revision))
    a = ConfigSession(store, "admin", MACHINE)
    a.edit("delivery").possible_delivery = False
    a.commit()
    assert heard == [1]


def test_factory_defaults(store):
    view = store.committed(MACHINE).appliance(MACHINE)
    assert view.system.hostname == "ironport.example.com"
    assert "Demo" in view.certificates.profiles
    listener = view.listeners.listeners["IncomingMail"]
    assert [g.name for g in listener.hat.sender_groups][1:] == [
        "WHITELIST", "BLACKLIST", "SUSPECTLIST", "UNKNOWNLIST"]
    assert view.users.users["admin"].role == "admin"
    assert isinstance(view.interfaces["Management"], model.Interface)
