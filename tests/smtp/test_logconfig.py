"""``logconfig`` transcripts: NEW, EDIT, DELETE and SETUP change the pending configuration; after
``commit`` the log files, ``tail``'s numbering and the mail log lines follow them."""
import asyncio

from .support import TIMESTAMP, arun, listener_port, make_appliance, mail_log, running, swaks
from .test_log_commands import session, unstamped

MENU = ("\r\nChoose the operation you want to perform:\r\n- NEW - Create a new log.\r\n"
        "- EDIT - Modify a log subscription.\r\n- DELETE - Remove a log subscription.\r\n"
        "- SETUP - General settings.\r\n- LOGHEADERS - Configure headers to log.\r\n"
        "- HOSTKEYCONFIG - Configure SSH host keys.\r\n[]> ")
COMMIT = ["commit", "logs", ""]


def between(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


def test_new_asks_its_questions_and_the_log_exists_after_commit(tmp_path):
    appliance = make_appliance(tmp_path)
    new = ["logconfig", "new", "1", "mail_logs", "TLStest", "4", "", "", "", "y", "2", "",
           "120", "5x", "5m", "", "", ""]
    text = session(appliance, new + COMMIT + ["tail", "1"])
    dialogue = between(text, MENU + "new\r\n", "\r\nCurrently configured logs:")
    assert dialogue.startswith("\r\nChoose the log file type for this subscription:\r\n"
                               "1. IronPort Text Mail Logs\r\n2. qmail Format Mail Logs\r\n")
    assert dialogue.split("[1]> 1\r\n", 1)[1] == (
        "\r\nPlease enter the name for the log:\r\n[]> mail_logs\r\n"
        "Log name 'mail_logs' already in use\r\n"
        "\r\nPlease enter the name for the log:\r\n[]> TLStest\r\n"
        "\r\nLog level:\r\n1. Critical\r\n2. Warning\r\n3. Information\r\n4. Debug\r\n"
        "5. Trace\r\n[3]> 4\r\n"
        "\r\nChoose the method to retrieve the logs.\r\n1. Download Manually: FTP/HTTP(S)/SCP\r\n"
        "2. FTP Push\r\n3. SCP Push\r\n4. Syslog Push\r\n[1]> \r\n"
        "\r\nFilename to use for log files:\r\n[TLStest]> \r\n"
        "\r\nWould you like to append system based unique identifiers like $hostname, "
        "$serialnumber to the log filename? [N]> \r\n"
        "\r\nDo you want to configure time-based log files rollover? [N]> y\r\n"
        "\r\nConfigure log rollover settings:\r\n1. Custom time interval.\r\n2. Weekly rollover."
        "\r\n[1]> 2\r\nOnly a custom time interval is available on this appliance.\r\n"
        "\r\nConfigure log rollover settings:\r\n1. Custom time interval.\r\n2. Weekly rollover."
        "\r\n[1]> \r\n"
        "\r\nEnter an interval in seconds:\r\n[3600]> 120\r\n"
        '\r\nPlease enter the maximum file size. You can specify suffixes: "m" for megabytes, '
        '"k" for kilobytes. Suffixes are case-insensitive:\r\n[10485760]> 5x\r\n'
        "The file size must be a number of bytes from 10240 to 10737418240 (suffixes k and m "
        "allowed).\r\n"
        '\r\nPlease enter the maximum file size. You can specify suffixes: "m" for megabytes, '
        '"k" for kilobytes. Suffixes are case-insensitive:\r\n[10485760]> 5m\r\n'
        "\r\nPlease enter the maximum number of files:\r\n[10]> \r\n"
        "\r\nShould an alert be sent when files are removed due to the maximum number of files "
        "allowed? [N]> \r\n")
    table = text.split(MENU + "new\r\n", 1)[1].split("\r\nCurrently configured logs:\r\n", 1)[1]
    assert table.split("\r\n")[2:5] == [
        "  1. TLStest             IronPort Text Mail Logs     Manual Download    120s",
        "  2. amp                 AMP Engine Logs             Manual Download    None",
        "  3. amparchive          AMP Archive                 Manual Download    None"]
    tail = unstamped(text.split("ironport.example.com> tail\r\n", 1)[1])
    assert '\r\n1. "TLStest" Type: "IronPort Text Mail Logs" Retrieval: Manual Download\r\n' \
        '2. "amp" Type: "AMP Engine Logs"' in tail
    assert "[]> 1\r\n\r\nPress Ctrl-C to stop.\r\n<ts> Info: Begin Logfile\r\n" in tail
    sub = appliance.view().logs.subscriptions["TLStest"]
    assert (sub.level, sub.rollover_size, sub.max_files, sub.rollover_interval, sub.filename) == \
        ("Debug", 5 * 1024 * 1024, 10, 120, "TLStest")


def test_push_retrievals_ask_where_and_as_whom_and_keep_the_passphrase_secret(tmp_path):
    appliance = make_appliance(tmp_path)
    ftp = ["new", "1", "FTPlog", "", "2", "bad host!", "logs.example.com", "bob", "s3cret!",
           "/incoming", "", "", "", ""]
    syslog = ["new", "1", "sysl", "", "4", "127.0.0.1", "2", "14"]
    scp = ["edit", "1", "", "", "3", "", "22", "", "", "2", "y", "", "", "600", ""]
    text = session(appliance, ["logconfig", *ftp, *syslog, *scp, ""] + COMMIT)
    assert ("[1]> 2\r\n\r\nHostname to deliver the logs:\r\n[]> bad host!\r\n"
            "Please enter a valid hostname or IP address.\r\n"
            "\r\nHostname to deliver the logs:\r\n[]> logs.example.com\r\n"
            "\r\nUsername on the remote host:\r\n[]> bob\r\n"
            "\r\nPassphrase for bob:\r\n[]> \r\n"
            "\r\nDirectory on remote host to place logs:\r\n[]> /incoming\r\n"
            "\r\nFilename to use for log files:\r\n[FTPlog]> \r\n") in text
    assert ("\r\nMaximum time to wait before transferring (in seconds):\r\n[3600]> \r\n"
            "\r\nMaximum filesize before transferring (in bytes):\r\n[10485760]> \r\n") in text
    assert "s3cret!" not in text
    assert ("[1]> 4\r\n\r\nHostname to deliver the logs:\r\n[]> 127.0.0.1\r\n"
            "\r\nWhich protocol do you want to use to transfer the log data?\r\n1. UDP\r\n"
            "2. TCP\r\n[1]> 2\r\n"
            "\r\nWhich facility do you want the log data to be sent as?\r\n1. auth\r\n") in text
    assert "17. user\r\n[17]> 14\r\n" in text
    assert ("[2]> 3\r\n\r\nHostname to deliver the logs:\r\n[logs.example.com]> \r\n"
            "\r\nPort to connect to on the remote host:\r\n[22]> 22\r\n"
            "\r\nUsername on the remote host:\r\n[bob]> \r\n"
            "\r\nDirectory on remote host to place logs:\r\n[/incoming]> \r\n"
            "\r\nProtocol:\r\n1. SSH1\r\n2. SSH2\r\n[2]> 2\r\n"
            "\r\nDo you want to enable host key checking? [N]> y\r\n") in text, text
    table = text.split("\r\nCurrently configured logs:\r\n")[-1]
    assert "  1. FTPlog              IronPort Text Mail Logs     SCP Push           None" in table
    logs = appliance.view().logs.subscriptions
    ftplog, sysl = logs["FTPlog"], logs["sysl"]
    assert (ftplog.retrieval, ftplog.push_host, ftplog.push_port, ftplog.push_user,
            ftplog.push_password, ftplog.push_directory, ftplog.ssh_protocol,
            ftplog.host_key_checking, ftplog.push_max_time) == (
        "SCP Push", "logs.example.com", 22, "bob", "s3cret!", "/incoming", "SSH2", True, 600)
    assert (sysl.retrieval, sysl.push_host, sysl.syslog_protocol, sysl.syslog_facility) == (
        "Syslog Push", "127.0.0.1", "TCP", "mail")


def test_a_new_text_mail_log_gets_the_mail_flow(tmp_path):
    appliance = make_appliance(tmp_path)
    session(appliance, ["logconfig", "new", "1", "TLStest", "", "", "", "", "", "", "", "", ""]
            + COMMIT)

    async def main():
        async with running(appliance) as service:
            await swaks(listener_port(appliance))
            await asyncio.sleep(0.3)
            service.core.writer.flush()
            return mail_log(service), (tmp_path / "logs" / "TLStest" / "TLStest.current")
    lines, copy = arun(main())
    copied = [TIMESTAMP.sub("", line) for line in copy.read_text().splitlines()]
    assert copied[0] == "Info: Begin Logfile"
    assert copied[3:] == lines and any(" From: <alice@sender.example>" in l for l in lines)


def test_edit_and_delete_change_levels_and_numbering(tmp_path):
    appliance = make_appliance(tmp_path)
    # EDIT 19 (mail_logs): level Critical, everything else kept; DELETE 9 (bounces)
    edit = ["logconfig", "edit", "19", "", "1", "", "", "", "", "", "", "", "delete", "9", ""]
    text = session(appliance, edit + COMMIT + ["tail", "18"])
    assert "\r\nEnter the number of the log you wish to edit:\r\n[]> 19\r\n" \
           "\r\nPlease enter the name for the log:\r\n[mail_logs]> \r\n" \
           "\r\nLog level:\r\n1. Critical\r\n2. Warning\r\n3. Information\r\n4. Debug\r\n" \
           "5. Trace\r\n[3]> 1\r\n" in text
    assert "\r\nEnter the number of the log you wish to delete:\r\n[]> 9\r\n" in text
    assert '\r\n18. "mail_logs" Type: "IronPort Text Mail Logs"' in text.split("> tail")[1]
    logs = appliance.view().logs.subscriptions
    assert "bounces" not in logs and logs["mail_logs"].level == "Critical"

    async def main():
        async with running(appliance) as service:
            await swaks(listener_port(appliance))
            await asyncio.sleep(0.3)
            return mail_log(service)
    assert arun(main()) == []           # Info lines no longer reach a Critical log


def test_setup_turns_message_id_subject_and_response_lines_off(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, ["logconfig", "setup", "", "n", "N", "no", ""] + COMMIT)
    assert ("\r\nEnter the system metrics frequency (in seconds):\r\n[60]> \r\n"
            "\r\nWould you like to log the Message-ID headers? [Y]> n\r\n"
            "\r\nWould you like to log the original subject header of each message? [Y]> N\r\n"
            "\r\nWould you like to log the remote response text? [Y]> no\r\n") in text

    async def main():
        async with running(appliance) as service:
            await swaks(listener_port(appliance), "--header", "Subject: hidden")
            await asyncio.sleep(0.3)
            return mail_log(service)
    lines = arun(main())
    assert any("ready" in l for l in lines)
    assert not any("Message-ID" in l or "Subject" in l for l in lines)
