"""The real process: mail in with swaks, the mail log read over SSH with tail (Ctrl-C ends it)
and grep."""
import re
import subprocess

import pexpect


def send(server, *args: str) -> str:
    result = subprocess.run(["swaks", "--server", f"{server.host}:{server.smtp_port}",
                             "--to", "user@example.com", "--from", "alice@sender.example",
                             "--timeout", "10", *args], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_startup_lists_the_smtp_listener(appliance_server):
    assert f"  SMTP on 127.0.0.1 port {appliance_server.smtp_port} (listener IncomingMail)" in \
        appliance_server.startup


def test_tail_follows_mail_logs_until_ctrl_c(appliance_server):
    child = appliance_server.ssh()
    child.expect("ironport.example.com> ")
    child.sendline("tail")
    # the list of a 16.x appliance's logs is longer than the 24-row pty: it pages
    while child.expect([r"\[\]> ", "-Press Any Key For More-"]) == 1:
        child.send(" ")
    child.sendline("mail_logs")
    child.expect("Press Ctrl-C to stop.")
    out = send(appliance_server, "--header", "Subject: seen by tail")
    mid = re.search(r"Message (\d+) accepted", out).group(1)
    child.expect(rf"Info: MID {mid} Subject \"seen by tail\"\r\n")
    child.expect(r"Info: ICID \d+ close\r\n")
    child.sendcontrol("c")
    child.expect("ironport.example.com> ")
    child.sendline("exit")
    child.expect(pexpect.EOF)


def test_grep_batch_over_ssh_and_log_line_shapes(appliance_server):
    out = send(appliance_server, "--header", "Subject: grep me")
    mid = re.search(r"Message (\d+) accepted", out).group(1)
    result = appliance_server.run(f'grep -e "MID {mid} " mail_logs')
    assert result.returncode == 0
    lines = result.stdout.decode().split("\r\n")
    stamp = r"[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4} Info: "
    shapes = [re.sub(r"^" + stamp, "", line) for line in lines if re.match(stamp, line)]
    start = re.fullmatch(rf"Start MID {mid} ICID (\d+)", shapes[0])
    assert start, shapes
    icid = start.group(1)
    assert shapes[1:3] == [f"MID {mid} ICID {icid} From: <alice@sender.example>",
                           f"MID {mid} ICID {icid} RID 0 To: <user@example.com>"]
    assert f'MID {mid} Subject "grep me"' in shapes
    assert f"MID {mid} queued for delivery" in shapes
    count = appliance_server.run('grep -c -e "Begin Logfile" mail_logs')
    assert count.stdout == b"\r\n1\r\n"
