import datetime as dt
import re

from smtp_core.logfiles import LogWriter, Subscription

UTC = dt.timezone.utc
STAMP = r"[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}"


class Clock:
    def __init__(self):
        self.now = dt.datetime(2024, 3, 5, 9, 7, 3, tzinfo=dt.timezone(dt.timedelta(hours=-6)))

    def __call__(self):
        return self.now


def writer(tmp_path, **sub):
    clock = Clock()
    subs = [Subscription("mail_logs", **sub), Subscription("cli_logs")]
    return LogWriter(tmp_path, "16.0.3-025", "ABCDEF012345-ABCDEFG", clock, subs), clock


def test_header_and_line_format(tmp_path):
    logs, _ = writer(tmp_path)
    logs.write("mail_logs", "New SMTP ICID 1 interface Management (127.0.0.1) address 127.0.0.1 "
               "reverse dns host localhost verified yes")
    path = logs.path("mail_logs")
    assert path.name == "mail.current"
    assert path.resolve().name == "mail.@20240305T090703.c"
    assert path.read_text().splitlines() == [
        "Tue Mar  5 09:07:03 2024 Info: Begin Logfile",
        "Tue Mar  5 09:07:03 2024 Info: Version: 16.0.3-025 SN: ABCDEF012345-ABCDEFG",
        "Tue Mar  5 09:07:03 2024 Info: Time offset from UTC: -21600 seconds",
        "Tue Mar  5 09:07:03 2024 Info: New SMTP ICID 1 interface Management (127.0.0.1) "
        "address 127.0.0.1 reverse dns host localhost verified yes",
    ]


def test_level_filter_and_unknown_log(tmp_path):
    logs, _ = writer(tmp_path)
    logs.write("mail_logs", "MID 1 ICID 1 TLS read 5 bytes", level="Debug")
    logs.write("mail_logs", "URL category definitions have changed.", level="Warning")
    logs.write("nosuch", "dropped")
    lines = logs.path("mail_logs").read_text().splitlines()
    assert lines[3:] == ["Tue Mar  5 09:07:03 2024 Warning: URL category definitions have changed."]
    assert not (tmp_path / "nosuch").exists()


def test_rollover_now_and_retention(tmp_path):
    logs, clock = writer(tmp_path, max_files=2)
    for second in range(4):
        logs.write("mail_logs", f"line {second}")
        clock.now += dt.timedelta(seconds=1)
        saved = logs.rollover("mail_logs")
        text = saved.read_text().splitlines()
        assert text[0].endswith("Info: Begin Logfile")
        assert text[-2].endswith("Info: Logfile rolled over")
        assert text[-1].endswith("Info: End Logfile")
        assert f"Info: line {second}" in text[3]
    saved = sorted(p.name for p in (tmp_path / "mail_logs").glob("*.s"))
    assert len(saved) == 2
    assert all(re.fullmatch(r"mail\.@\d{8}T\d{6}\.s", name) for name in saved)
    current = logs.path("mail_logs").read_text().splitlines()
    assert len(current) == 3 and current[0].endswith("Begin Logfile")


def test_size_rollover_in_the_same_second(tmp_path):
    logs, _ = writer(tmp_path, rollover_size=400)
    for n in range(20):
        logs.write("mail_logs", f"message number {n} " + "x" * 40)
    logs.flush()
    files = list((tmp_path / "mail_logs").glob("*.s"))
    assert len(files) >= 2
    everything = "".join(p.read_text() for p in sorted(files)) + logs.path("mail_logs").read_text()
    for n in range(20):
        assert f"message number {n} " in everything
    for line in everything.splitlines():
        assert re.match(STAMP + r" (Info|Warning): ", line), line


def test_restart_appends_to_the_open_file(tmp_path):
    logs, _ = writer(tmp_path)
    logs.write("cli_logs", "first")
    logs.close()
    again, _ = writer(tmp_path)
    again.write("cli_logs", "second")
    lines = again.path("cli_logs").read_text().splitlines()
    assert [l.split("Info: ")[1] for l in lines][3:] == ["first", "second"]
    assert lines[0].endswith("Begin Logfile") and sum("Begin Logfile" in l for l in lines) == 1


def test_time_based_rollover_and_a_user_log_of_the_same_type(tmp_path):
    clock = Clock()
    subs = [Subscription("mail_logs"), Subscription("TLStest", type="IronPort Text Mail Logs",
                                                    filename="tls", rollover_interval=60),
            Subscription("error_logs", level="Critical", type="IronPort Text Mail Logs")]
    logs = LogWriter(tmp_path, "16.0.3-025", "ABCDEF012345-ABCDEFG", clock, subs)
    logs.write("mail_logs", "first")
    clock.now += dt.timedelta(seconds=61)
    logs.write("mail_logs", "a minute later")
    logs.write("mail_logs", "broken", "Critical")
    logs.flush()
    saved = list((tmp_path / "TLStest").glob("tls.@*.s"))
    assert len(saved) == 1 and saved[0].read_text().splitlines()[-2:] == [
        "Tue Mar  5 09:08:04 2024 Info: Logfile rolled over",
        "Tue Mar  5 09:08:04 2024 Info: End Logfile"]
    assert not list((tmp_path / "mail_logs").glob("*.s"))      # no interval: no rollover
    errors = (tmp_path / "error_logs" / "errors.current").read_text().splitlines()
    assert errors[3:] == ["Tue Mar  5 09:08:04 2024 Critical: broken"]
