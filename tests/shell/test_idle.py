"""The CLI inactivity timeout: configurable with adminaccessconfig, shown in the banner, and an
idle session ends with its pending changes dropped."""
import asyncio
import time

from asyncos_shell.engine import cli
from harness import RecordingLogs, Transcript, after_banner, make_appliance, run


def test_timeout_is_configurable_and_shown_in_the_banner(tmp_path):
    appliance = make_appliance(tmp_path)
    text = after_banner(run(appliance, ["adminaccessconfig", "timeout", "2", "45", "", "commit", "",
                                        ""]))
    assert ("Enter the number of minutes of inactivity after which a session is closed (5 to 1440)."
            "\r\n[30]> 2\r\nThe value must be an integer from 5 to 1440.\r\n") in text
    assert "Web UI and CLI session inactivity timeout: 45 minutes" in text
    assert "expire if left idle for 45 minutes" in run(appliance, [])


def test_an_idle_session_expires_and_drops_its_pending_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "IDLE_CHECK_SECONDS", 0.05)
    appliance = make_appliance(tmp_path, logs=RecordingLogs())
    transcript = Transcript(appliance)

    async def main() -> None:
        transcript.terminal.feed(b"sethostname idle.example.com\n")
        session = asyncio.ensure_future(transcript.cli.run_shell())
        while not transcript.cli.config.has_changes:
            await asyncio.sleep(0.01)
        transcript.cli.last_activity = time.monotonic() - 31 * 60  # 31 minutes without input
        await asyncio.wait_for(session, 10)

    asyncio.run(main())
    assert transcript.text.endswith(
        "\r\nSession expired due to inactivity. Uncommitted changes were discarded.\r\n")
    assert not transcript.cli.config.has_changes
    assert ("CLI: User admin logged out from 127.0.0.1 because of inactivity timeout"
            in appliance.logs.of("authentication"))
    assert appliance.view().system.hostname == \
        "ironport.example.com"
