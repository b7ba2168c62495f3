"""docs/lab.md, run as written: every ``console`` block of the guided lab is executed in order
against a two-appliance cluster and its peer MTAs, and every output must match the document
(format in ``walkthrough.py``).  The document starts the lab itself (``asyncos-emulator --lab``);
the test turns that command into ``launch()`` on free ports.

To rewrite the document's expected outputs from a run (when writing the walkthrough):
``LAB_WALKTHROUGH_RECORD=/tmp/lab.md python -m pytest tests/e2e/test_lab_walkthrough.py``
writes the document with every output as printed; put the wildcards back by hand.
"""
from __future__ import annotations

import contextlib
import os
import random
import shlex
import socket
import sys
from pathlib import Path

import pytest

from . import walkthrough
from .conftest import REPOSITORY, SSH_OPTIONS, launch

DOC = REPOSITORY / "docs" / "lab.md"
PEER_ADDRESSES = [f"127.0.0.{n}" for n in range(5, 22)]
DOC_PORTS = {"ftp": 10021, "ssh": 10022, "smtp": 10025, "http": 10080, "https": 10443,
             "dns": 10053}
DOC_PEER_PORT = 2525


def free_peer_port() -> int:
    """A port free on every peer address."""
    for _ in range(200):
        port = random.randrange(20000, 60000)
        with contextlib.ExitStack() as stack:
            try:
                for address in PEER_ADDRESSES:
                    probe = stack.enter_context(socket.socket())
                    probe.bind((address, port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free peer port")


def shell_environment(tmp_path: Path) -> dict[str, str]:
    """``asyncos-emulator`` is this checkout run by this Python; ``scripts/`` is at hand."""
    bin_dir = tmp_path / ".bin"
    bin_dir.mkdir()
    shim = bin_dir / "asyncos-emulator"
    python = shlex.quote(sys.executable)
    shim.write_text(f"#!/bin/sh\nexec {python} -m asyncos_emulator.main \"$@\"\n")
    shim.chmod(0o755)
    (tmp_path / "scripts").symlink_to(REPOSITORY / "scripts")
    return {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}",
            "PYTHONPATH": str(REPOSITORY), "LC_ALL": "C.UTF-8"}


def test_the_lab_walkthrough_runs_as_written(tmp_path):
    markdown = DOC.read_text()
    blocks = walkthrough.parse(markdown)
    scratch = tmp_path / ".walkthrough"
    scratch.mkdir()
    shell = walkthrough.Shell(tmp_path, shell_environment(tmp_path), scratch)
    ports = walkthrough.Substitutions()
    ports.ports[DOC_PEER_PORT] = free_peer_port()
    recording = os.environ.get("LAB_WALKTHROUGH_RECORD")
    with contextlib.ExitStack() as lab:
        lab.callback(shell.close)

        def start_lab(command: str, runner: walkthrough.Runner):
            words = shlex.split(command)
            if words[:1] != ["asyncos-emulator"] or "--lab" not in words:
                return None
            cwd = shell.cwd()
            lab_file = cwd / words[words.index("--lab") + 1]
            state = cwd / words[words.index("--state-dir") + 1]
            server = lab.enter_context(launch(state, arguments=("--lab", str(lab_file))))
            offset = server.port_offset
            ports.ports.update({port: port - 10000 + offset for port in DOC_PORTS.values()})
            return "\n".join(server.startup)

        runner = walkthrough.Runner(shell, ports, SSH_OPTIONS, start_lab,
                                    record={} if recording else None)
        try:
            for block in blocks:
                runner.run_block(block)
        finally:
            if recording:
                undo = walkthrough.Substitutions()
                undo.ports = {actual: doc for doc, actual in ports.ports.items()}
                Path(recording).write_text(
                    walkthrough.rewrite(markdown, blocks, runner.record, undo))
    assert blocks, "docs/lab.md has no console blocks"
    if recording:
        pytest.skip(f"recorded into {recording}")


# -- the format itself ---------------------------------------------------------------------------
SAMPLE = """Prose.

```console
$ printf 'one\\ntwo\\n'
one
two
$ echo "MID 7 ICID 12"; echo "Sat Nov 28 10:15:02 2026 Info: ICID 12 close"
MID 41 ICID 3
Mon Dec  1 01:02:03 2025 Info: ICID 3 close
```

```toml
not = "run"
```
"""


def test_the_format_parses_commands_outputs_and_here_documents():
    blocks = walkthrough.parse(SAMPLE + "```console retry\n$ cat <<EOF\nx\n$ y\nEOF\nx\n$ y\n```\n")
    assert [len(b.commands) for b in blocks] == [2, 2]
    assert blocks[0].commands[0].expected == ["one", "two"]
    assert blocks[1].options == {"retry"}
    assert blocks[1].commands[0].text == "cat <<EOF\nx\n$ y\nEOF"
    assert blocks[1].commands[0].expected == ["x"]
    assert blocks[1].commands[1].text == "y"


@pytest.mark.parametrize("actual, matches", [
    ("MID 7 ICID 12\nSat Nov 28 10:15:02 2026 Info: ICID 12 close", True),
    ("MID 7 ICID 12\nSat Nov 28 10:15:02 2026 Info: ICID 13 close", False),   # not the same ICID
    ("MID 7 ICID 12\nSat Nov 28 10:15:02 2026 Info: ICID 12 closed", False),
    ("MID 7 ICID 12", False),
    ("MID 7 ICID 12\nSat Nov 28 10:15:02 2026 Info: ICID 12 close\nmore", False),
])
def test_the_format_matches_ids_and_timestamps_and_nothing_else(actual, matches):
    expected = walkthrough.parse(SAMPLE)[0].commands[1].expected
    assert walkthrough.Pattern(expected).match(actual, {}) is matches


def test_ellipsis_lines_and_words():
    pattern = walkthrough.Pattern(["a", "…", "state directory: …/lab-state", "…"])
    assert pattern.match("a\nstate directory: /tmp/x/lab-state", {})
    assert pattern.match("a\n1\n2\nstate directory: /x/lab-state\n3", {})
    assert not pattern.match("b\nstate directory: /x/lab-state", {})


def test_session_transcripts_split_at_prompts():
    steps = walkthrough._steps(["Last login: x", "esa1.example.com> clustermode", "Choose:",
                                "[1]>", "    [indented]> output", "> mail", "Press Ctrl-C.", "^C",
                                "(Cluster lab)> exit"])
    assert steps == [(["Last login: x", "esa1.example.com> "], "clustermode"),
                     (["clustermode", "Choose:", "[1]>"], ""),
                     (["", "    [indented]> output", "> "], "mail"),
                     (["mail", "Press Ctrl-C."], "^C"),
                     (["^C", "(Cluster lab)> "], "exit"),
                     (["exit"], None)]
