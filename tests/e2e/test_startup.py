"""The console script starts on a fresh state directory, binds its ports, says where, and stops
cleanly on SIGTERM; a second start serves the same configuration."""
import re
import shutil
import signal
import socket
import subprocess

from .conftest import _free_offset


def start(state, offset):
    script = shutil.which("asyncos-emulator")
    assert script, "the asyncos-emulator console script is not installed"
    process = subprocess.Popen([script, "--state-dir", str(state), "--port-offset", str(offset)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    for line in process.stdout:
        lines.append(line.rstrip("\n"))
        if line.startswith("Ready."):
            return process, lines
    raise AssertionError("no Ready. line:\n" + "\n".join(lines))


def test_starts_binds_reports_and_stops_on_sigterm(tmp_path):
    offset = _free_offset()
    process, lines = start(tmp_path / "state", offset)
    try:
        text = "\n".join(lines)
        assert re.search(r"^asyncos-emulator: ironport\.example\.com \(C100V, AsyncOS 16\.0\.3-025, "
                         r"serial [0-9A-F]{12}-[0-9A-Z]{7}\)$", text, re.M)
        for port in (22 + offset, 25 + offset):
            assert f"127.0.0.1 port {port}" in text or f"127.0.0.1:{port}" in text
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
        assert (tmp_path / "state" / "config.json").exists() or \
            list((tmp_path / "state").glob("stores/*/config.json"))
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(15) == 0
    for port in (22 + offset, 25 + offset):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", port))  # released
    # Cisco's catalogue (dharma412/PythonClass csa/testlib/common/shell/qlogmsgs.py,
    # system.COMMON.SYSTEM_START / SYSTEM_SHUTDOWN and the same for webui)
    for log in ("system_logs", "gui_logs"):
        said = [line.split(" Info: ", 1)[1] for path in (tmp_path / "state" / "logs" / log).glob("*.c")
                for line in path.read_text().splitlines() if " Info: System is " in line]
        assert said == ["System is coming up.", "System is shutting down."], (log, said)
    again, second = start(tmp_path / "state", offset)
    assert second[0] == lines[0]  # same appliance: hostname, version and serial kept
    again.send_signal(signal.SIGTERM)
    assert again.wait(15) == 0
