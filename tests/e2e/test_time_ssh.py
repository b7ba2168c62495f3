"""settz through the real process and OpenSSH: the new zone's offset is in the header of the
mail log file started by the commit."""
import datetime as dt
import zoneinfo


def test_settz_one_line_form_reaches_the_log_header(appliance_server):
    done = appliance_server.run("settz Asia/Tokyo; commit tokyo N")
    assert done.returncode == 0, done.stdout + done.stderr
    offset = int(dt.datetime.now(zoneinfo.ZoneInfo("Asia/Tokyo")).utcoffset().total_seconds())
    found = appliance_server.run('grep -e "Time offset from UTC" mail_logs').stdout.decode()
    assert f"Info: Time offset from UTC: {offset} seconds" in found, found
    shown = appliance_server.run("settz").stdout.decode()
    assert "Current time zone: Asia/Tokyo\r\n" in shown
