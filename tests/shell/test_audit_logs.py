"""What the shell writes to system_logs, cli_logs and authentication (mail-logs.md §6)."""
import re

from harness import RecordingLogs, make_appliance, run


def test_commit_commands_and_logins_are_audited_in_the_appliance_formats(tmp_path):
    appliance = make_appliance(tmp_path, logs=RecordingLogs())
    run(appliance, ["sethostname mail.example.com", "commit", "Added a host name", ""])
    # Elastic's grok for system_logs commits (mail-logs.md §6 [V])
    assert any(re.fullmatch(r"PID \d+: User admin commit changes:(.*)", line)
               and line.endswith(": Added a host name") for line in appliance.logs.of("system_logs"))
    cli = appliance.logs.of("cli_logs")
    assert any(re.fullmatch(r"PID \d+: User admin entered 'sethostname mail\.example\.com'", line)
               for line in cli)
    assert "The user admin successfully logged on from 127.0.0.1 with privilege admin using an " \
           "SSH connection." in appliance.logs.of("authentication")
