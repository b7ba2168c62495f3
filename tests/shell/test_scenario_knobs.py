"""The lab's scenario knobs (``engine/profile.py`` KNOBS): the optional branches real appliances
take, on demand.  ``fqdn_question`` is tested with certconfig IMPORT (test_certconfig.py),
``hat_names`` with listenerconfig NEW (test_listenerconfig.py) and the lab file
(tests/emulator), ``rich_ui`` and ``login_method`` over SSH (tests/e2e)."""
from __future__ import annotations

import asyncio

import pytest

from asyncos_shell.commands import commit as commit_command
from harness import after_banner, make_appliance, make_fleet, run

P = "ironport.example.com> "
CHANGE = ["sethostname", "x.example.com"]


def session(appliance, lines):
    return after_banner(run(appliance, lines))


def test_no_rollback_question(tmp_path):
    text = session(make_appliance(tmp_path, no_rollback_question=True), CHANGE + ["commit", "c"])
    assert text.endswith("commit\r\n\r\nPlease enter some comments describing your changes:\r\n"
                         "[]> c\r\n\r\nChanges committed: " + text.rsplit(": ", 1)[1])
    assert "rollback" not in text


def test_slow_commit_waits_before_committing(tmp_path, monkeypatch):
    waited, real_sleep = [], asyncio.sleep

    async def sleep(seconds, *args, **kwargs):
        if seconds == 2.5:  # the knob's wait, recorded instead of spent
            waited.append(seconds)
            seconds = 0
        return await real_sleep(seconds, *args, **kwargs)

    monkeypatch.setattr(commit_command.asyncio, "sleep", sleep)
    appliance = make_appliance(tmp_path, slow_commit_seconds=2.5)
    assert "Changes committed: " in session(appliance, CHANGE + ["commit", "", ""])
    assert waited == [2.5]


def test_exit_question_off_leaves_at_once_with_changes_pending(tmp_path):
    appliance = make_appliance(tmp_path, exit_question=False)
    assert session(appliance, CHANGE + ["exit", "version"]).endswith(P + "exit\r\n")
    assert appliance.hostname() == "ironport.example.com"  # the change was dropped


def test_unknown_command_wording(tmp_path):
    assert session(make_appliance(tmp_path, unknown_command="quoted"), ["frobnicate"]) == (
        P + "frobnicate\r\n\r\nUnknown command 'frobnicate'.\r\n\r\n" + P)


def test_banner_wrap_is_no_longer_a_knob(tmp_path):
    # The banner wraps at the terminal's width now (test_wrapping.py), whatever the release.
    with pytest.raises(ValueError, match='unknown scenario knob "banner_wrap"'):
        make_appliance(tmp_path, banner_wrap=True).profile


def test_profile_knob_gives_an_older_dialogue_on_a_16_x_appliance(tmp_path):
    text = session(make_appliance(tmp_path, profile="9.x"), ["showconfig", ""])
    assert "showconfig\r\n\r\nChoose the password option:\r\n1. Mask passwords" in text


def test_cluster_prompt_with_the_login_hostname(tmp_path):
    esa1, esa2 = make_fleet(tmp_path)
    esa1.scenario["cluster_prompt"] = "hostname"
    text = run(esa1, ["clusterconfig", "2", "lab", "1", "1", "clustermode", "cluster"])
    assert text.endswith("\r\n\r\nesa1.example.com (Machine esa1.example.com)> clustermode\r\n"
                         "\r\nChoose the configuration mode:\r\n1. Cluster\r\n2. Group\r\n"
                         "3. Machine\r\n[1]> cluster\r\n\r\nesa1.example.com (Cluster lab)> ")
    # the other member keeps the appliance's own form
    assert run(esa2, ["clusterconfig", "3", "n", "127.0.0.2", "", "n", "", "ironport",
                      "y"]).endswith("\r\n(Machine esa2.example.com)> ")
