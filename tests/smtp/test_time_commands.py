"""settz, settime and ntpconfig on a running SMTP core: the time zone reaches log time stamps,
the ``Time offset from UTC`` header line of the new log files and ``status``; settime moves
the appliance's clock at once, without commit; NTP servers are only listed."""
import asyncio
import datetime as dt
import re
import zoneinfo

import harness

from .support import arun, make_appliance, running, swaks, listener_port


async def typed(appliance, *lines: str) -> str:
    transcript = harness.Transcript(appliance)
    for line in lines:
        transcript.terminal.feed(line.encode() + b"\n")
    transcript.terminal.end_input()
    await transcript.cli.run_shell()
    return harness.after_banner(transcript.text).replace("\r\n", "\n")


def current_log(service) -> list[str]:
    service.core.writer.flush()
    return service.core.log_path("mail_logs").read_text().splitlines()


def test_time_zone_and_clock_reach_logs_and_status(tmp_path):
    appliance = make_appliance(tmp_path)
    results = {}

    async def main():
        async with running(appliance) as service:
            results["before"] = current_log(service)[:3]
            results["settz"] = await typed(appliance, "settz", "setup", "America",
                                           "United States", "1", "", "commit", "new york", "")
            await swaks(listener_port(appliance), to="user@example.com")
            results["after"] = current_log(service)
            results["status"] = await typed(appliance, "status")
            results["settime"] = await typed(appliance, "ntpconfig", "new", "ntp.example.com",
                                             "", "settime", "y", "06/15/2031 12:00:00", "status",
                                             "ntpconfig", "")
            results["moved"] = current_log(service)
            results["settz batch"] = await typed(appliance, "settz Nowhere/Atlantis")
    arun(main())

    assert re.match(r".* Info: Time offset from UTC: 0 seconds$", results["before"][2])
    offset = int(dt.datetime.now(zoneinfo.ZoneInfo("America/New_York")).utcoffset()
                 .total_seconds())
    assert ("Please choose your continent:\n1. Africa\n2. America\n3. Antarctica\n4. Arctic\n"
            "5. Asia\n6. Atlantic\n7. Australia\n8. Europe\n9. Indian\n10. Pacific\n"
            "11. GMT Offset\n[11]> America\n") in results["settz"]
    assert "\nCurrent time zone: America/New_York\n" in results["settz"]
    after = results["after"]
    assert after[2].endswith(f"Info: Time offset from UTC: {offset} seconds")
    new_york = dt.datetime.now(zoneinfo.ZoneInfo("America/New_York"))
    stamp = dt.datetime.strptime(after[-1][:24], "%a %b %d %H:%M:%S %Y")
    assert abs((stamp - new_york.replace(tzinfo=None)).total_seconds()) < 60, after[-1]
    status_time = re.search(r"Status as of: +(.+)\n", results["status"]).group(1)
    stamp = dt.datetime.strptime(status_time, "%a %b %d %H:%M:%S %Y")
    assert abs((stamp - new_york.replace(tzinfo=None)).total_seconds()) < 60

    text = results["settime"]
    assert ("This machine is currently running NTP.\nIn order to manually set the time, NTP "
            "must be disabled.\n\nDo you want to stop NTP and manually set the time? [N]> y\n\n"
            "WARNING: Changes to system time will take place immediately\nand do not require the "
            "user to run the commit command.\nCurrent time ") in text
    assert (".\n\nPlease enter the time in MM/DD/YYYY HH:MM:SS "
            "format.\n[]> 06/15/2031 12:00:00\n\nTime set to: Sun Jun 15 12:00:") in text
    assert re.search(r"\nCurrent time \w{3} \w{3} .\d \d\d:\d\d:\d\d \d{4}\.\n\nPlease enter", text)
    assert re.search(r"Status as of: +Sun Jun 15 12:00:\d\d 2031\n", text)
    # settime committed only the clock and the stopped NTP: the server added in this session
    # (and the list it edited) stays pending, as every other uncommitted change would
    assert appliance.view().system.ntp_servers == []
    assert text.endswith("Currently configured NTP servers:\n1. time.sco.cisco.com\n"
                         "2. ntp.example.com\n\nChoose the operation you want to perform:\n"
                         "- NEW - Add a server.\n- DELETE - Remove a server.\n"
                         "- SOURCEINT - Set the interface from whose IP address NTP queries "
                         "should originate.\n[]> \n\nironport.example.com> ")
    moved = results["moved"]
    assert moved[0].startswith("Sun Jun 15 12:00:") and moved[0].endswith("Info: Begin Logfile")
    assert moved[2].endswith("Info: Time offset from UTC: -14400 seconds")
    assert "Invalid time zone: Nowhere/Atlantis" in results["settz batch"]


def test_settime_moves_the_clock_certificates_are_checked_against(tmp_path):
    """Past the peer certificate's notAfter, tlsverify and Required-Verify delivery fail with
    OpenSSL's "certificate has expired" and certconfig lists the listener's certificate as
    expired; back to today, all is valid again."""
    import ssl

    from cluster import model

    from .sink import Sink
    from .support import PKI, mail_log

    pki = PKI.create()
    ident = pki.leaf("mx.example.net", dns=["mx.example.net"], ips=["127.0.0.1"])
    pem = tmp_path / "server.pem"
    pem.write_text(ident.key_pem + ident.certificate_pem + "".join(ident.chain_pem))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(pem))
    sink = Sink("good", context)
    later = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=400)).strftime("%m/%d/%Y %H:%M:%S")
    today = dt.datetime.now(dt.timezone.utc).strftime("%m/%d/%Y %H:%M:%S")
    results = {}

    async def main():
        port = await sink.start()

        def change(session):
            session.edit("certificates").custom_cas["lab"] = model.CustomCA("lab", pki.root_pem)
            session.edit("certificates").profiles["lab"] = ident.profile("lab")
            session.edit("smtproutes").routes["dest.example"] = model.SmtpRoute(
                "dest.example", [model.RouteDestination("127.0.0.1", port)])
            session.edit("destconfig").entries["dest.example"] = model.DestinationControl(
                "dest.example", tls="require_verify")
        appliance = make_appliance(tmp_path / "state", change)
        check = f"tlsverify example.net 127.0.0.1:{port}"
        async with running(appliance) as service:
            results["now"] = await typed(appliance, check, "certconfig", "certificate", "", "")
            results["later"] = await typed(appliance, "settime", "y", later, check, "certconfig",
                                           "certificate", "", "")
            await service.core.generate("alice@sender.example", ["user@dest.example"],
                                        b"Subject: expired\r\n\r\nhello\r\n", {})
            for _ in range(100):
                if any("TLS failed" in line for line in mail_log(service)):
                    break
                await asyncio.sleep(0.05)
            results["log"] = mail_log(service)
            results["back"] = await typed(appliance, "settime", today, check)
        await sink.stop()
    arun(main())

    assert "TLS certificate verified.\n" in results["now"]
    assert re.search(r"\nlab +mx\.example\.net +Lab Intermediat +Valid +3\d\d days\n",
                     results["now"]), results["now"]
    later_text = results["later"]
    assert "TLS certificate verification failed: certificate has expired.\n" in later_text
    assert re.search(r"\nlab +mx\.example\.net +Lab Intermediat +Expired +0 days\n", later_text), \
        later_text
    assert "Info: DCID 1 TLS failed: verify error: certificate has expired" in results["log"]
    assert "TLS certificate verified.\n" in results["back"]
