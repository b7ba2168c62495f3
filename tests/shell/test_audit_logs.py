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
    assert any(re.fullmatch(r"PID \d+: User admin entered 'sethostname mail\.example\.com'; "
                            r"prompt was '\\nironport\.example\.com> '", line) for line in cli)
    assert "The user admin successfully logged on from 127.0.0.1 with privilege admin using an " \
           "SSH connection." in appliance.logs.of("authentication")


def test_cli_logs_has_every_input_with_the_prompt_it_answered(tmp_path):
    """Cisco's catalogue (dharma412/PythonClass csa/testlib/common/shell/qlogmsgs.py, cli.CLI,
    cli.CLI.INPUT, USER_LOGIN, USER_LOGOUT) and its help page's sample: ``PID 16434: User admin
    entered 'who'; prompt was '\\nmail3.example.com> '``; each answer with the text shown since
    the previous input, a hidden one masked."""
    appliance = make_appliance(tmp_path, logs=RecordingLogs())
    run(appliance, ["sethostname mail.example.com", "commit", "Added a host name", "",
                    "passwd", "Wrong-Old9!", ""])
    lines = [re.sub(r"^PID \d+: ", "PID N: ", line) for line in appliance.logs.of("cli_logs")]
    assert lines[0] == "PID N: User admin login from 127.0.0.1 on 127.0.0.1"
    assert lines[1:5] == [
        "PID N: User admin entered 'sethostname mail.example.com'; "
        "prompt was '\\nironport.example.com> '",
        "PID N: User admin entered 'commit'; prompt was '\\nironport.example.com> '",
        "PID N: User admin entered 'Added a host name'; "
        "prompt was '\\nPlease enter some comments describing your changes:\\n[]> '",
        "PID N: User admin entered ''; prompt was "
        "'\\nDo you want to save the current configuration for rollback? [Y]> '"]
    assert re.fullmatch(r"PID N: User admin entered 'passwd'; prompt was '\\nChanges committed: "
                        r".+\\n\\nmail\.example\.com> '", lines[5]), lines[5]
    assert lines[6:] == ["PID N: User admin entered '*****'; prompt was '\\nOld passphrase: []> '",
                         "PID N: User admin logged out of CLI session"]
    assert not any("Wrong-Old9!" in line for line in lines)
