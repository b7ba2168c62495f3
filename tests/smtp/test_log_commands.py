"""Transcripts of tail, grep, rollovernow, logconfig and tlsverify, run in-process against the
real SMTP core (its log writer, and its delivery client for tlsverify)."""
import asyncio
import re
import ssl

import pytest

import harness
from cluster import model

from .sink import Sink
from .support import PKI, TIMESTAMP, arun, make_appliance, running

LOG_LIST = (
    'Currently configured logs:\r\n'
    '1. "amp" Type: "AMP Engine Logs" Retrieval: Manual Download\r\n'
    '2. "amparchive" Type: "AMP Archive" Retrieval: Manual Download\r\n'
    '3. "antispam" Type: "Anti-Spam Logs" Retrieval: Manual Download\r\n'
    '4. "antivirus" Type: "Anti-Virus Logs" Retrieval: Manual Download\r\n'
    '5. "api_logs" Type: "API Logs" Retrieval: Manual Download\r\n'
    '6. "asarchive" Type: "Anti-Spam Archive" Retrieval: Manual Download\r\n'
    '7. "authentication" Type: "Authentication Logs" Retrieval: Manual Download\r\n'
    '8. "avarchive" Type: "Anti-Virus Archive" Retrieval: Manual Download\r\n'
    '9. "bounces" Type: "Bounce Logs" Retrieval: Manual Download\r\n'
    '10. "cli_logs" Type: "CLI Audit Logs" Retrieval: Manual Download\r\n'
    '11. "consolidated_event" Type: "Consolidated Event Logs" Retrieval: Manual Download\r\n'
    '12. "content_scanner" Type: "Content Scanner Logs" Retrieval: Manual Download\r\n'
    '13. "encryption" Type: "Encryption Logs" Retrieval: Manual Download\r\n'
    '14. "error_logs" Type: "IronPort Text Mail Logs" Retrieval: Manual Download\r\n'
    '15. "euq_logs" Type: "Spam Quarantine Logs" Retrieval: Manual Download\r\n'
    '16. "euqgui_logs" Type: "Spam Quarantine GUI Logs" Retrieval: Manual Download\r\n'
    '17. "ftpd_logs" Type: "FTP Server Logs" Retrieval: Manual Download\r\n'
    '18. "gui_logs" Type: "HTTP Logs" Retrieval: Manual Download\r\n'
    '19. "mail_logs" Type: "IronPort Text Mail Logs" Retrieval: Manual Download\r\n'
    '20. "reportd_logs" Type: "Reporting Logs" Retrieval: Manual Download\r\n'
    '21. "reportqueryd_logs" Type: "Reporting Query Logs" Retrieval: Manual Download\r\n'
    '22. "scanning" Type: "Scanning Logs" Retrieval: Manual Download\r\n'
    '23. "sntpd_logs" Type: "NTP logs" Retrieval: Manual Download\r\n'
    '24. "status" Type: "Status Logs" Retrieval: Manual Download\r\n'
    '25. "system_logs" Type: "System Logs" Retrieval: Manual Download\r\n'
    '26. "trackerd_logs" Type: "Tracking Logs" Retrieval: Manual Download\r\n'
    '27. "updater_logs" Type: "Updater Logs" Retrieval: Manual Download\r\n'
    '28. "upgrade_logs" Type: "Upgrade Logs" Retrieval: Manual Download\r\n'
)


def session(appliance, lines, *, during=None, exec_line=None):
    """Type ``lines`` into a CLI session on the running core; ``during`` runs while the
    command works (then Ctrl-C is pressed).  Returns the transcript from the first prompt."""
    transcript = harness.Transcript(appliance)

    async def main():
        async with running(appliance) as service:
            for line in lines:
                transcript.terminal.feed(line.encode() + b"\n")
            if exec_line is None:
                if during is None:
                    transcript.terminal.end_input()
                task = asyncio.ensure_future(transcript.cli.run_shell())
            else:
                task = asyncio.ensure_future(transcript.cli.run_exec(exec_line))
            if during is not None:
                await asyncio.sleep(0.3)
                await during(service)
                await asyncio.sleep(1.2)
                transcript.cli.interrupt()  # tail and grep -t also end when the input does
                transcript.terminal.end_input()
            await asyncio.wait_for(task, 30)
            return service
    arun(main())
    text = transcript.text
    return text if exec_line is not None else harness.after_banner(text)


def unstamped(text: str) -> str:
    return "\r\n".join(TIMESTAMP.sub("<ts> ", line) for line in text.split("\r\n"))


def test_tail_lists_logs_and_follows_across_a_rollover_until_ctrl_c(tmp_path):
    appliance = make_appliance(tmp_path)

    async def during(service):
        service.core.writer.write("mail_logs", "first line while tailing")
        await asyncio.sleep(0.7)
        service.core.rollover("mail_logs")
        service.core.writer.write("mail_logs", "after the rollover")

    text = unstamped(session(appliance, ["tail", "29", "mail", "19"], during=during))
    assert text.startswith(
        "ironport.example.com> tail\r\n\r\n" + LOG_LIST
        + "\r\nEnter the number of the log you wish to tail.\r\n[]> 29\r\n"
        "Please enter a number from 1 to 28 or a log name.\r\n"
        "\r\nEnter the number of the log you wish to tail.\r\n[]> mail\r\n"
        "Unknown log name: mail\r\n"
        "\r\nEnter the number of the log you wish to tail.\r\n[]> 19\r\n"
        "\r\nPress Ctrl-C to stop.\r\n<ts> Info: Begin Logfile\r\n<ts> Info: Version: 16.0.3-025 "
        "SN: ABCDEF012345-ABCDEFG\r\n<ts> Info: Time offset from UTC: 0 seconds\r\n")
    followed = text.split("Time offset from UTC: 0 seconds\r\n", 1)[1]
    assert followed.index("<ts> Info: first line while tailing") < followed.index(
        "<ts> Info: Logfile rolled over\r\n<ts> Info: End Logfile\r\n<ts> Info: Begin Logfile")
    assert followed.endswith("<ts> Info: after the rollover\r\n\r\nironport.example.com> ")


def test_tail_batch_form(tmp_path):
    appliance = make_appliance(tmp_path)

    async def during(service):
        service.core.writer.write("mail_logs", "streamed")

    text = unstamped(session(appliance, [], exec_line="tail mail_logs", during=during))
    assert text.startswith("\nPress Ctrl-C to stop.\n<ts> Info: Begin Logfile\n".replace("\n", "\r\n"))
    assert "<ts> Info: streamed\r\n" in text
    assert "Currently configured logs" not in text


def filled(tmp_path):
    appliance = make_appliance(tmp_path)

    async def fill(service):
        for n in range(3):
            service.core.log.icid_close(n + 1)
        service.core.rollover("mail_logs")
        service.core.log.icid_lost(7)
        service.core.log.icid_close(7)
    return appliance, fill


def test_grep_batch_forms(tmp_path):
    appliance, fill = filled(tmp_path)

    async def main():
        async with running(appliance) as service:
            await fill(service)
        results = {}
        for line in ('grep -e "icid \\d+ close" -i mail_logs', 'grep -c -e "ICID \\d+ close" mail_logs',
                     'grep -e "ICID 7 close" -C 1 mail_logs', 'grep -e nothing-matches mail_logs',
                     'grep -e "ICID" -f "*.s" -c mail_logs', 'grep -e x nosuch_logs', 'grep -e'):
            transcript = harness.Transcript(appliance)
            async with running(appliance):
                status = await transcript.cli.run_exec(line)
            results[line] = (status, unstamped(transcript.text))
        return results
    results = arun(main())
    status, text = results['grep -e "icid \\d+ close" -i mail_logs']
    assert status == 0
    assert text == ("\r\n<ts> Info: ICID 1 close\r\n<ts> Info: ICID 2 close\r\n<ts> Info: ICID 3 close"
                    "\r\n<ts> Info: ICID 7 close\r\n")
    assert results['grep -c -e "ICID \\d+ close" mail_logs'][1] == "\r\n4\r\n"
    assert results['grep -e "ICID 7 close" -C 1 mail_logs'][1] == (
        "\r\n<ts> Info: ICID 7 lost\r\n<ts> Info: ICID 7 close\r\n")
    assert results['grep -e nothing-matches mail_logs'][1] == "\r\nNo results were found.\r\n"
    assert results['grep -e "ICID" -f "*.s" -c mail_logs'][1] == "\r\n3\r\n"
    assert results['grep -e x nosuch_logs'] == (1, "Unknown log name: nosuch_logs\r\n")
    assert results['grep -e'] == (1, "Invalid arguments when processing: grep\r\n")


def test_grep_interactive_in_the_order_cisco_automation_answers(tmp_path):
    appliance, fill = filled(tmp_path)

    async def main():
        async with running(appliance) as service:
            await fill(service)
    arun(main())
    text = unstamped(session(appliance, ["grep", "mail_logs", "(", "icid 7", "", "N", "N", "*"]))
    assert text == (
        "ironport.example.com> grep\r\n\r\n" + LOG_LIST
        + "\r\nEnter the number of the log you wish to grep.\r\n[]> mail_logs\r\n"
        "\r\nEnter the regular expression to grep.\r\n[]> (\r\n"
        "Invalid regular expression: missing ): (\r\n"
        "\r\nEnter the regular expression to grep.\r\n[]> icid 7\r\n"
        "\r\nDo you want this search to be case insensitive? [Y]> \r\n"
        "\r\nDo you want to tail the logs? [N]> N\r\n"
        "\r\nDo you want to paginate the output? [N]> N\r\n"
        "\r\nEnter the file name pattern of the log files to search.\r\n[*]> *\r\n"
        "\r\n<ts> Info: ICID 7 lost\r\n<ts> Info: ICID 7 close\r\n\r\nironport.example.com> ")


def test_rollovernow_one_log_and_all_logs(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, ["rollovernow", "19", "rollovernow", "29"])
    assert text == (
        "ironport.example.com> rollovernow\r\n\r\n" + LOG_LIST + '29. "All Logs"\r\n'
        "\r\nWhich log would you like to roll over?\r\n[]> 19\r\n"
        "\r\nLog files successfully rolled over.\r\n\r\n"
        "ironport.example.com> rollovernow\r\n\r\n" + LOG_LIST + '29. "All Logs"\r\n'
        "\r\nWhich log would you like to roll over?\r\n[]> 29\r\n"
        "\r\nLog files successfully rolled over.\r\n\r\nironport.example.com> ")
    saved = sorted((tmp_path / "logs" / "mail_logs").glob("mail.@*.s"))
    assert len(saved) == 2
    assert saved[0].read_text().splitlines()[-1].endswith("Info: End Logfile")
    assert list((tmp_path / "logs" / "system_logs").glob("system.@*.s"))
    batch = harness.Transcript(appliance)

    async def main():
        async with running(appliance):
            return await batch.cli.run_exec("rollovernow cli_logs")
    assert arun(main()) == 0
    assert batch.text == "\r\nLog files successfully rolled over.\r\n"


def test_logconfig_lists_the_subscriptions(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, ["logconfig", "hostkeyconfig", ""])
    table = (
        "\r\nCurrently configured logs:\r\n"
        "     Log Name            Log Type                    Retrieval          Interval\r\n"
        "    " + "-" * 81 + "\r\n"
        "  1. amp                 AMP Engine Logs             Manual Download    None\r\n"
        "  2. amparchive          AMP Archive                 Manual Download    None\r\n"
        "  3. antispam            Anti-Spam Logs              Manual Download    None\r\n"
        "  4. antivirus           Anti-Virus Logs             Manual Download    None\r\n"
        "  5. api_logs            API Logs                    Manual Download    None\r\n"
        "  6. asarchive           Anti-Spam Archive           Manual Download    None\r\n"
        "  7. authentication      Authentication Logs         Manual Download    None\r\n"
        "  8. avarchive           Anti-Virus Archive          Manual Download    None\r\n"
        "  9. bounces             Bounce Logs                 Manual Download    None\r\n"
        " 10. cli_logs            CLI Audit Logs              Manual Download    None\r\n"
        " 11. consolidated_event  Consolidated Event Logs     Manual Download    None\r\n"
        " 12. content_scanner     Content Scanner Logs        Manual Download    None\r\n"
        " 13. encryption          Encryption Logs             Manual Download    None\r\n"
        " 14. error_logs          IronPort Text Mail Logs     Manual Download    None\r\n"
        " 15. euq_logs            Spam Quarantine Logs        Manual Download    None\r\n"
        " 16. euqgui_logs         Spam Quarantine GUI Logs    Manual Download    None\r\n"
        " 17. ftpd_logs           FTP Server Logs             Manual Download    None\r\n"
        " 18. gui_logs            HTTP Logs                   Manual Download    None\r\n"
        " 19. mail_logs           IronPort Text Mail Logs     Manual Download    None\r\n"
        " 20. reportd_logs        Reporting Logs              Manual Download    None\r\n"
        " 21. reportqueryd_logs   Reporting Query Logs        Manual Download    None\r\n"
        " 22. scanning            Scanning Logs               Manual Download    None\r\n"
        " 23. sntpd_logs          NTP logs                    Manual Download    None\r\n"
        " 24. status              Status Logs                 Manual Download    None\r\n"
        " 25. system_logs         System Logs                 Manual Download    None\r\n"
        " 26. trackerd_logs       Tracking Logs               Manual Download    None\r\n"
        " 27. updater_logs        Updater Logs                Manual Download    None\r\n"
        " 28. upgrade_logs        Upgrade Logs                Manual Download    None\r\n\r\n")
    menu = ("\r\nChoose the operation you want to perform:\r\n- NEW - Create a new log.\r\n"
            "- EDIT - Modify a log subscription.\r\n- DELETE - Remove a log subscription.\r\n"
            "- SETUP - General settings.\r\n- LOGHEADERS - Configure headers to log.\r\n"
            "- HOSTKEYCONFIG - Configure SSH host keys.\r\n[]> ")
    assert text == ("ironport.example.com> logconfig\r\n" + table + menu + "hostkeyconfig\r\n"
                    "This operation is not available on this appliance.\r\n" + table + menu
                    + "\r\n\r\nironport.example.com> ")


@pytest.fixture(scope="module")
def pki():
    return PKI.create()


@pytest.mark.parametrize("server", ["good", "wrong", "plain"])
def test_tlsverify_drives_the_real_client(tmp_path, pki, server):
    ident = pki.leaf("mx.example.net", dns=["mx.example.net"] if server != "wrong" else ["x.invalid"],
                     ips=["127.0.0.1"] if server != "wrong" else [])
    pem = tmp_path / "server.pem"
    pem.write_text(ident.key_pem + ident.certificate_pem + "".join(ident.chain_pem))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(pem))
    sink = Sink("plain" if server == "plain" else "good", context)
    appliance = make_appliance(tmp_path, lambda s: s.edit("certificates").custom_cas.__setitem__(
        "lab", model.CustomCA("lab", pki.root_pem)))

    async def main():
        port = await sink.start()
        transcript = harness.Transcript(appliance)
        async with running(appliance):
            status = await transcript.cli.run_exec(f"tlsverify example.net 127.0.0.1:{port}")
        await sink.stop()
        return status, transcript.text, port
    status, text, port = arun(main())
    head = (f"\r\nConnecting to 127.0.0.1 on port {port}.\r\n"
            f"Connected to 127.0.0.1 from interface 127.0.0.1.\r\nChecking TLS connection.\r\n")
    if server == "good":
        assert status == 0
        assert re.fullmatch(
            re.escape(head) + r"TLS connection established: protocol TLSv1\.3, cipher TLS_\w+\.\r\n"
            + re.escape("Verifying peer certificate.\r\n"
                        "Verifying certificate common name 127.0.0.1.\r\n"
                        "TLS certificate match 127.0.0.1\r\nTLS certificate verified.\r\n"
                        "TLS connection to 127.0.0.1 succeeded.\r\n\r\n"
                        "TLS successfully connected to 127.0.0.1.\r\nTLS verification completed.\r\n"),
            text), text
    elif server == "wrong":
        assert status == 1
        assert ("Verifying certificate common name 127.0.0.1.\r\n"
                "TLS certificate verification failed: hostname mismatch.\r\n"
                "TLS connection to 127.0.0.1 succeeded.\r\n\r\n"
                "TLS verification of 127.0.0.1 failed.\r\nTLS verification completed.\r\n") in text
    else:
        assert status == 1
        assert text == head + ("The remote host 127.0.0.1 does not support TLS (STARTTLS was not "
                               "offered).\r\n\r\nTLS verification of 127.0.0.1 failed.\r\n"
                               "TLS verification completed.\r\n")


def test_tlsverify_interactive_dialogue_and_bad_host(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, ["tlsverify", "", "example.net", "bad host!", "127.0.0.1:1"])
    assert text.startswith(
        "ironport.example.com> tlsverify\r\n\r\nEnter the TLS domain to verify against:\r\n[]> \r\n"
        "You must enter a value.\r\n\r\nEnter the TLS domain to verify against:\r\n[]> example.net\r\n"
        "\r\nEnter the destination host to connect to.  Append the port (example.com:26) if you "
        "are not connecting on port 25:\r\n[example.net]> bad host!\r\n"
        "The destination must be a host name or IP address, optionally followed by :port.\r\n"
        "\r\nEnter the destination host to connect to.  Append the port (example.com:26) if you "
        "are not connecting on port 25:\r\n[example.net]> 127.0.0.1:1\r\n"
        "\r\nConnecting to 127.0.0.1 on port 1.\r\nConnection to 127.0.0.1 failed: [Errno 111] "
        "Connection refused\r\n\r\nTLS verification of 127.0.0.1 failed.\r\n"
        "TLS verification completed.\r\n")


def test_grep_tail_follows_matching_lines_only(tmp_path):
    appliance = make_appliance(tmp_path)

    async def during(service):
        service.core.log.icid_close(41)
        service.core.log.icid_lost(42)
        service.core.log.icid_close(43)

    text = unstamped(session(appliance, [], exec_line='grep -t -e "ICID \\d+ close" mail_logs',
                             during=during))
    assert text == "\r\n<ts> Info: ICID 41 close\r\n<ts> Info: ICID 43 close\r\n"
