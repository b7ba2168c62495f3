"""The queue and tracking commands on a real queue: mail sent with swaks into the running SMTP
core for domains whose lab peer refuses TLS (``tls-454``) while the destination requires it,
or whose host refuses connections, so recipients stay queued; then the CLI commands, in an
in-process session on that core, list, count, retry, redirect and delete them."""
import asyncio
import re

import harness
from asyncos_emulator.peer import PeerService, PeerSpec
from cluster import model

from .support import HOST, arun, closed_port, free_port, hold_mail, listener_port, mail_log, \
    make_appliance, running, swaks

REFUSING = "example.net"     # its peer answers STARTTLS with 454; TLS is required
DOWN = "down.example"        # nothing listens at its route


def peer(mode: str, tmp_path, name: str):
    """A lab peer MTA in this process (on the asyncio reactor); returns (service, port, log)."""
    lines: list[str] = []
    spec = PeerSpec(name, HOST, free_port(), mode, spool=tmp_path / f"spool-{name}")
    service = PeerService(spec, lines.append)
    service.start()
    return service, spec.port, lines


def routes(refusing_port: int):
    def change(session):
        session.edit("smtproutes").routes[REFUSING] = model.SmtpRoute(
            REFUSING, [model.RouteDestination(HOST, refusing_port)])
        session.edit("smtproutes").routes[DOWN] = model.SmtpRoute(
            DOWN, [model.RouteDestination(HOST, closed_port())])
        session.edit("destconfig").entries[REFUSING] = model.DestinationControl(
            REFUSING, tls="require")
    return change


async def fill(service) -> None:
    port = listener_port(service.appliance)
    for recipient, subject in ((f"a@{REFUSING}", "first"), (f"b@{REFUSING}", "second"),
                               (f"c@{DOWN}", "third")):
        status, text = await swaks(port, "--header", f"Subject: {subject}", to=recipient)
        assert status == 0, text
    await until(lambda: service.core.stats.values.get("soft_bounced_events", 0) >= 3)


async def until(condition, timeout: float = 10) -> None:
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not met in time")


async def cli(appliance, line: str, typed=()) -> tuple[int, str]:
    """One command line as ``ssh host '<line>'`` (``typed``: answers typed afterwards)."""
    transcript = harness.Transcript(appliance)
    for answer in typed:
        transcript.terminal.feed(answer.encode() + b"\n")
    transcript.terminal.end_input()
    status = await transcript.cli.run_exec(line)
    return status, transcript.text.replace("\r\n", "\n")


def shell(appliance, lines):
    """An interactive session (prompts shown) on the running core."""
    transcript = harness.Transcript(appliance)
    for line in lines:
        transcript.terminal.feed(line.encode() + b"\n")
    transcript.terminal.end_input()
    return transcript


def test_queue_commands_on_a_queue_left_by_a_peer_that_refuses_tls(tmp_path):
    results = {}

    async def main():
        refusing, port, peer_log = peer("tls-454", tmp_path, "refusing")
        appliance = make_appliance(tmp_path / "state", routes(port))
        async with running(appliance) as service:
            await fill(service)
            for line in ("tophosts active_rcpts", f"hoststatus {REFUSING}", f"hoststatus {DOWN}",
                         "showrecipients all", f"showrecipients host {REFUSING}",
                         "status detail", "tophosts nonsense"):
                results[line] = await cli(appliance, line)
            connections = sum(1 for line in peer_log if line.endswith(" connected"))
            results["delivernow"] = await cli(appliance, f"delivernow {REFUSING}")
            await until(lambda: sum(1 for line in peer_log if line.endswith(" connected"))
                        == connections + 1)
            transcript = shell(appliance, ["deleterecipients", "1", "never.example", "y",
                                           "deleterecipients", "2", "nobody@sender.example", "y",
                                           "showrecipients", "2", "ALICE@sender.example", "y",
                                           "showrecipients", "2", "ALICE@sender.example", "n"])
            await transcript.cli.run_shell()
            results["nothing"] = harness.after_banner(transcript.text).replace("\r\n", "\n")
            transcript = shell(appliance, ["deleterecipients", "1", DOWN, "y", "status detail"])
            await transcript.cli.run_shell()
            results["delete"] = harness.after_banner(transcript.text).replace("\r\n", "\n")
            results["after"] = await cli(appliance, "showrecipients all")
            results["log"] = mail_log(service)
        await refusing.stop().asFuture(asyncio.get_running_loop())
    arun(main())

    status, text = results["tophosts active_rcpts"]
    assert status == 0
    rows = [line for line in text.splitlines() if re.match(r"\d+\*? ", line)]
    assert re.match(rf"1   {REFUSING} +2 +0 +0 +2 +0$", rows[0]), text
    assert re.match(rf"2\*  {DOWN} +1 +0 +0 +1 +0$", rows[1]), text
    assert [row.split()[1] for row in rows[2:]] == [
        "the.encryption.queue", "the.euq.queue", "the.euq.release.queue"], text
    assert re.match(r"3   the\.encryption\.queue +0 +0 +0 +0 +0$", rows[2]), text
    assert "Hosts marked with '*' were down as of the last delivery attempt." in text

    status, text = results[f"hoststatus {REFUSING}"]
    assert f"Host mail status for: '{REFUSING}'" in text
    assert re.search(r"Host up/down: +up\n", text)
    assert re.search(r"\n    Active Recipients +2\n", text)
    assert re.search(r"\n    Attempted Recipients +2\n", text)
    assert re.search(r"\n    Soft Bounced Events +2\n", text)
    assert "Last TLS Error:    Required\n----------\n" in text
    assert re.search(r"454 4\.7\.0 TLS not available due to temporary reason\n"
                     r"\(at .+\) IP: 127\.0\.0\.1\n", text), text
    # Its SMTP route, and the addresses delivery tries (no MX lookup under a route).
    assert re.search(r"\nLast Activity +.+\n\nSMTP routes for this host:\n    127\.0\.0\.1:\d+\n"
                     r"\nOrdered IP addresses:\n    Preference   IPs\n    0            127\.0\.0\.1\n"
                     r"\nLast TLS Error:", text), text
    assert re.search(r"Host up/down: +down\n", results[f"hoststatus {DOWN}"][1])

    text = results["showrecipients all"][1]
    assert "MID/     Bytes/   Sender/                         Subject\n[RID]    [Atmps]  Recipient\n" in text
    assert re.search(rf"\n1 +\d+ +alice@sender\.example +first\n\[0\] +\[1\] +a@{REFUSING}\n", text)
    assert re.search(rf"\n3 +\d+ +alice@sender\.example +third\n\[0\] +\[1\] +c@{DOWN}\n", text)
    assert DOWN not in results[f"showrecipients host {REFUSING}"][1]

    text = results["status detail"][1]
    assert re.search(r"Active Recipients +3\n", text)
    assert re.search(r"Attempted Recipients +3\n", text)
    assert re.search(r"Soft Bounced Events +3 +3 +3\n", text)

    status, text = results["tophosts nonsense"]
    assert status == 1 and "Invalid arguments. Use: tophosts [active_rcpts|" in text

    assert results["delivernow"][1] == f"\nRescheduling all messages to {REFUSING} for immediate delivery.\n"

    text = results["nothing"]
    assert ('\nAre you sure you want to delete all messages being delivered to "never.example"? '
            "[N]> y\n\nNo record of that host.\n") in text, text
    assert ('\nAre you sure you want to delete all messages being sent from '
            '"nobody@sender.example"? [N]> y\n\nNo recipients deleted.\n') in text, text
    asked = ("Please enter the Envelope From address for the messages you wish to show.\n"
             "[]> ALICE@sender.example\n\nDo you want this search to be case sensitive? [N]> ")
    sensitive, insensitive = text.split(asked)[1:]
    assert sensitive.startswith("y\n\nShowing messages, please wait.\n\nThere are no messages "
                                "in the queue matching your selection.\n"), sensitive
    assert insensitive.startswith("n\n\nShowing messages, please wait.\n\nMID/"), insensitive

    text = results["delete"]
    assert ("Please select how you would like to delete messages:\n1. By recipient host.\n"
            "2. By Envelope From address.\n3. All.\n[1]> 1\n\n"
            "Please enter the hostname for the messages you wish to delete.\n[]> " + DOWN + "\n\n"
            f'Are you sure you want to delete all messages being delivered to "{DOWN}"? [N]> y\n\n'
            "Deleting messages, please wait.\n1 recipients deleted.\n") in text
    assert re.search(r"Deleted Recipients +1 +1 +1\n", text)
    assert re.search(r"Active Recipients +2\n", text)
    assert DOWN not in results["after"][1] and f"a@{REFUSING}" in results["after"][1]
    assert "Info: Deleted: MID 3 to [0]" in results["log"]
    assert "Info: Message finished MID 3 done" in results["log"]


def peer_connections(peer_log) -> int:
    return sum(1 for line in peer_log if line.endswith(" connected"))


def test_suspend_resume_workqueue_redirect_and_tracking(tmp_path):
    results = {}

    async def main():
        refusing, port, peer_log = peer("tls-454", tmp_path, "refusing")
        relay, relay_port, relay_log = peer("no-starttls", tmp_path, "relay")
        appliance = make_appliance(tmp_path / "state", routes(port))
        async with running(appliance) as service:
            listener = listener_port(appliance)
            results["suspenddel"] = await cli(appliance, "suspenddel 0")
            assert (await swaks(listener, "--header", "Subject: held", to=f"a@{REFUSING}"))[0] == 0
            await asyncio.sleep(0.5)
            results["held connections"] = peer_connections(peer_log)
            results["resumedel"] = await cli(appliance, "resumedel", typed=[""])
            results["resumedel again"] = await cli(appliance, "resumedel ALL")
            await until(lambda: peer_connections(peer_log) == 1)

            results["suspendlistener"] = await cli(appliance, "suspendlistener IncomingMail 0")
            results["refused"] = await swaks(listener, to=f"b@{REFUSING}")
            results["resumelistener"] = await cli(appliance, "resumelistener all")
            assert (await swaks(listener, "--header", "Subject: second",
                                to=f"b@{REFUSING}"))[0] == 0

            results["pause"] = await cli(appliance, "workqueue pause")
            assert (await swaks(listener, to=f"c@{REFUSING}"))[0] == 0
            results["paused status"] = await cli(appliance, "workqueue status")
            await until(lambda: peer_connections(peer_log) == 2)
            results["resume"] = await cli(appliance, "workqueue resume")
            await until(lambda: peer_connections(peer_log) == 3)

            transcript = shell(appliance, ["workqueue", "pause", "y", "maintenance", "resume", ""])
            await transcript.cli.run_shell()
            results["pause dialog"] = harness.after_banner(transcript.text).replace("\r\n", "\n")
            results["resume running"] = await cli(appliance, "workqueue resume")
            assert (await cli(appliance, "workqueue pause"))[0] == 0
            results["pause paused"] = await cli(appliance, "workqueue pause")
            assert (await cli(appliance, "workqueue resume"))[0] == 0

            results["reset"] = await cli(appliance, "resetcounters")
            results["status"] = await cli(appliance, "status")
            results["findevent mid"] = await cli(appliance, "findevent -m 1 mail_logs")
            results["findevent from"] = await cli(appliance, "findevent -i -f ALICE mail_logs")
            transcript = shell(appliance, ["findevent", "3", "sec", "mail_logs", "2", "1", "1"])
            await transcript.cli.run_shell()
            results["findevent dialog"] = harness.after_banner(transcript.text).replace("\r\n", "\n")
            results["findevent bad"] = await cli(appliance, "findevent -m x mail_logs")
            results["showmessage"] = await cli(appliance, "showmessage 1")
            results["showmessage missing"] = await cli(appliance, "showmessage 99")

            results["redirect"] = await cli(appliance, f"redirectrecipients host 127.0.0.1:{relay_port}")
            await until(lambda: len(list((tmp_path / "spool-relay").glob("*.eml"))) == 3)
            results["relayed"] = len(list((tmp_path / "spool-relay").glob("*.eml")))
            await until(lambda: not service.core.spool.messages)
            results["queued after"] = len(service.core.spool.messages)
            results["redirect bad"] = await cli(appliance, "redirectrecipients 127.0.0.1")
            results["log"] = mail_log(service)
        await refusing.stop().asFuture(asyncio.get_running_loop())
        await relay.stop().asFuture(asyncio.get_running_loop())
    arun(main())

    assert results["suspenddel"] == (0, "\nWaiting for outgoing deliveries to finish...\n"
                                        "Mail delivery suspended.\n")
    # the catalogue's lines (dharma412/PythonClass csa/testlib/common/shell/qlogmsgs.py,
    # mail.MAIL.OMH.DELIVERIES_SUSPENDED, WORK_QUEUE_PAUSED_NATURAL, WORK_QUEUE_UNPAUSED_NATURAL):
    # the suspended domain once, where its message waited; the messages the paused queue held
    log = results["log"]
    suspended = [line for line in log if "suspended" in line]
    assert suspended == [f"Info: Deliveries are currently suspended [{REFUSING}]"], suspended
    held = log.index("Info: MID 1 queued for delivery")
    assert log[held + 1] == suspended[0], log[held:held + 3]
    queue = [line for line in log if "work queue" in line and "MID" not in line]
    assert queue == ["Info: work queue paused, 0 msgs, ", "Info: work queue resumed, 1 msgs",
                     "Info: work queue paused, 0 msgs, maintenance",
                     "Info: work queue resumed, 0 msgs",
                     "Info: work queue paused, 0 msgs, ", "Info: work queue resumed, 0 msgs"], queue
    assert results["held connections"] == 0
    assert results["resumedel"] == (
        0, "\nEnter one or more domains [comma-separated] to which you want to resume delivery."
           "\n[ALL]> \n\nMail delivery resumed.\n")
    assert results["resumedel again"] == (0, "\nMail delivery resumed.\n")
    assert results["suspendlistener"] == (0, "\nWaiting for listeners to exit...\n"
                                             "Receiving suspended for IncomingMail.\n")
    assert results["refused"][0] != 0 and "Connection refused" in results["refused"][1]
    assert results["resumelistener"] == (0, "\nReceiving resumed for IncomingMail.\n")
    assert results["pause"] == (0, "\nWork queue paused.\n")
    assert results["paused status"] == (0, "\nStatus: Paused by admin\nMessages: 1\n")
    assert results["resume"] == (0, "\nWork queue resumed.\n")
    assert ("\nManually pause work queue?  This will only affect unprocessed messages. [N]> y\n\n"
            "Enter a reason for pausing the work queue.\n[]> maintenance\n\nWork queue paused.\n"
            ) in results["pause dialog"], results["pause dialog"]
    assert "[]> resume\n\nWork queue resumed.\n" in results["pause dialog"]
    # PAUSE is offered while the queue runs, RESUME while it is paused, never both
    menus = results["pause dialog"].split("Choose the operation you want to perform:")[1:]
    assert "- PAUSE -" in menus[0] and "- RESUME -" not in menus[0], menus[0]
    assert "- RESUME -" in menus[1] and "- PAUSE -" not in menus[1], menus[1]
    assert "- PAUSE -" in menus[2] and "- RESUME -" not in menus[2], menus[2]
    assert results["resume running"] == (1, 'Unknown option "RESUME".\n')
    assert results["pause paused"] == (1, 'Unknown option "PAUSE".\n')

    assert re.search(r"\nCounters reset: \w{3} \w{3} \d\d \d\d:\d\d:\d\d \d{4}\n$", results["reset"][1])
    status = results["status"][1]
    assert re.search(r"Last counter reset: +\w{3} \w{3}", status)
    assert re.search(r"Messages Received +0 +3 +3\n", status)

    text = results["findevent mid"][1]
    assert re.search(r"Info: New SMTP ICID 1 interface", text)
    assert re.search(r"Info: Start MID 1 ICID 1\n", text)
    assert re.search(r"Info: New SMTP DCID 1 interface", text)
    assert re.search(r"Info: Delayed: DCID 1 MID 1 From: <alice@sender\.example>", text)
    assert "MID 2" not in text and "ICID 2" not in text
    text = results["findevent from"][1]
    assert "Start MID 1 ICID 1" in text and "Start MID 3 ICID" in text
    text = results["findevent dialog"]
    assert text.startswith(
        "ironport.example.com> findevent\n\n"
        "Please choose which type of search you want to perform:\n1. Search by envelope FROM\n"
        "2. Search by Message ID\n3. Search by Subject\n4. Search by envelope TO\n[1]> 3\n\n"
        "Enter the regular expression to search for.\n[]> sec\n\n"
        'Currently configured logs:\n1. "error_logs" Type: "IronPort Text Mail Logs" '
        'Retrieval: Manual Download\n2. "mail_logs" Type: "IronPort Text Mail Logs" '
        "Retrieval: Manual Download\n\n"
        "Enter the number of the log you wish to use for message tracking.\n[]> mail_logs\n\n"
        "Please choose which set of logs to search:\n1. All available log files\n"
        "2. Select log files by date list\n3. Current log file\n[3]> 2\n\n"
        "Available mail log files, listed by log file start time. Specify multiple log files "
        "by separating with commas or specify a range with a dash:\n1. mail."), text
    assert ("[]> 1\n\nThe following matching message IDs were found. Please choose one to show "
            "additional log information:\n") in text, text
    assert "The following matching message IDs were found." in text
    assert re.search(r"1\. MID 2 \(\w{3} \w{3} .{2} \d\d:\d\d:\d\d \d{4}\) \"second\"\n\[1\]> 1\n", text), text
    assert "Info: Start MID 2 ICID" in text and "Start MID 1 " not in text
    assert results["findevent bad"][0] == 1 and "Invalid arguments" in results["findevent bad"][1]

    status, text = results["showmessage"]
    assert text.startswith("\nMID 1\nEnvelope From: <alice@sender.example>\n"
                           f"Envelope To: <a@{REFUSING}>\n\nReceived: from ")
    assert "\nSubject: held\n" in text
    assert results["showmessage missing"] == (1, "MID 99 was not found in the queue.\n")

    assert results["redirect bad"][0] == 1
    assert results["redirect"] == (0, "\nRedirecting messages, please wait.\n3 recipients redirected.\n")
    assert results["relayed"] == 3 and results["queued after"] == 0


def test_rate_shows_a_line_per_interval_until_ctrl_c(tmp_path):
    async def main():
        appliance = make_appliance(tmp_path / "state")
        async with running(appliance):
            transcript = harness.Transcript(appliance)
            task = asyncio.ensure_future(transcript.cli.run_exec("rate 1"))
            await swaks(listener_port(appliance), to="user@example.com")
            await asyncio.sleep(1.5)
            transcript.cli.interrupt()
            await asyncio.wait_for(task, 10)
            return transcript.text.replace("\r\n", "\n")
    text = arun(main())
    assert text.startswith(
        "\nType Ctrl-C to return to the main prompt.\n\n"
        " Time    Connections Recipients          Recipients            Queue\n"
        "          In   Out   Received    Delta   Completed    Delta    K-Used\n"), text
    assert re.search(r"\n\d\d:\d\d:\d\d   0     0          1        1          1         1 +0\n",
                     text), text


def test_ctrl_c_in_workqueue_rate_goes_back_to_the_workqueue_menu(tmp_path):
    async def main():
        appliance = make_appliance(tmp_path / "state")
        async with running(appliance):
            transcript = harness.Transcript(appliance)
            for line in ("workqueue", "rate", "1"):
                transcript.terminal.feed(line.encode() + b"\n")
            task = asyncio.ensure_future(transcript.cli.run_shell())
            await until(lambda: b"Time       Pending" in transcript.output)
            transcript.cli.interrupt()
            transcript.terminal.feed(b"\n")
            transcript.terminal.end_input()
            await asyncio.wait_for(task, 10)
            return harness.after_banner(transcript.text).replace("\r\n", "\n")
    text = arun(main())
    after = text.split("Type Ctrl-C to return to the main prompt.\n")[1]
    assert "\nChoose the operation you want to perform:\n- STATUS -" in after, text
    assert after.endswith("[]> \n\nironport.example.com> "), text


def test_remote_and_sender_text_is_escaped_before_it_reaches_the_terminal(tmp_path):
    from smtp_core.counters import Event
    assert Event("454 \x1b[2Jgone", 0.0, "127.0.0.1").text == "454 \\x1b[2Jgone"

    async def main():
        appliance = make_appliance(tmp_path / "state", routes(closed_port()))
        async with running(appliance):
            status, text = await swaks(listener_port(appliance), "--header",
                                       "Subject: a\x1b[2Jb", to=f"c@{DOWN}")
            assert status == 0, text
            return await cli(appliance, "showrecipients all")
    status, text = arun(main())
    assert "\x1b" not in text and "a\\x1b[2Jb" in text, text


def test_suspenddel_holds_only_the_domains_named(tmp_path):
    RELAYED = "relay.example"
    results = {}

    async def main():
        refusing, port, peer_log = peer("tls-454", tmp_path, "refusing")
        relay, relay_port, _ = peer("no-starttls", tmp_path, "relay")

        def change(session):
            routes(port)(session)
            session.edit("smtproutes").routes[RELAYED] = model.SmtpRoute(
                RELAYED, [model.RouteDestination(HOST, relay_port)])
        appliance = make_appliance(tmp_path / "state", change)
        async with running(appliance) as service:
            listener = listener_port(appliance)
            transcript = shell(appliance, ["suspenddel", "0", f"bad host!, {REFUSING}", REFUSING])
            await transcript.cli.run_shell()
            results["dialogue"] = harness.after_banner(transcript.text).replace("\r\n", "\n")
            results["suspended"] = service.core.delivery.suspended_domains.copy()
            for recipient in (f"a@{REFUSING}", f"b@{RELAYED}"):
                assert (await swaks(listener, to=recipient))[0] == 0
            await until(lambda: len(list((tmp_path / "spool-relay").glob("*.eml"))) == 1)
            await asyncio.sleep(0.5)
            results["held"] = peer_connections(peer_log)
            results["other"] = await cli(appliance, "resumedel other.example")
            results["resumed"] = await cli(appliance, f"resumedel {REFUSING}")
            await until(lambda: peer_connections(peer_log) == 1)
        await refusing.stop().asFuture(asyncio.get_running_loop())
        await relay.stop().asFuture(asyncio.get_running_loop())
    arun(main())

    assert ("\nEnter the number of seconds to wait before forcibly closing connections.\n[30]> 0\n"
            "\nEnter one or more domains [comma-separated] to which you want to suspend delivery."
            "\n[ALL]> bad host!, example.net\nPlease enter ALL, or domains such as example.com, "
            ".example.com or [192.0.2.1] separated by commas.\n") in results["dialogue"]
    assert ("[ALL]> example.net\n\nWaiting for outgoing deliveries to finish...\n"
            "Mail delivery suspended for example.net.\n") in results["dialogue"]
    assert results["suspended"] == {REFUSING} and results["held"] == 0
    assert results["other"] == (0, "\nMail delivery resumed for other.example.\n")
    assert results["resumed"] == (0, "\nMail delivery resumed for example.net.\n")


def test_showmessage_shows_the_first_mib_of_a_spooled_message(tmp_path):
    body = tmp_path / "body.txt"
    body.write_bytes(b"line\r\n" * 300_000)                     # 1.8 MB: spooled to a file
    appliance = make_appliance(tmp_path / "state", hold_mail)

    async def main():
        async with running(appliance) as service:
            status, out = await swaks(listener_port(appliance), "--body", str(body))
            assert status == 0, out
            await until(lambda: 1 in service.core.spool.messages)
            assert service.core.spool.location(service.core.spool.messages[1])[0] == \
                tmp_path / "state" / "queue" / "bodies" / "1.eml"
            return service.core.spool.messages[1].length, await cli(appliance, "showmessage 1")
    length, (status, text) = arun(main())
    assert status == 0 and "\nline\n" in text
    assert text.endswith(f"\n[{length - 1024 * 1024} more bytes of this message are not shown.]\n")
    assert 170_000 < text.count("\nline") < 180_000          # about 1 MiB of its 6-byte lines
