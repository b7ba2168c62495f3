"""telnet and ping typed by hand over OpenSSH (pexpect on a pty): an SMTP conversation from the
appliance's interface with a lab peer that refuses STARTTLS, and with the appliance's own
listener."""
from harness import reverse_name

PROMPT = "ironport.example.com> "


def test_telnet_shows_the_454_answer_to_starttls(appliance_server, refusing_peer):
    child = appliance_server.ssh()
    child.expect_exact(PROMPT)
    child.sendline("telnet")
    child.expect_exact("Please select which interface you want to telnet from.\r\n1. Auto\r\n"
                       "2. Management (127.0.0.1/8: ironport.example.com)\r\n[1]> ")
    child.sendline("2")
    child.expect_exact("Enter the remote hostname or IP address.\r\n[]> ")
    child.sendline("127.0.0.1")
    child.expect_exact("Enter the remote port.\r\n[25]> ")
    child.sendline(str(refusing_peer))
    child.expect_exact(f"Trying 127.0.0.1...\r\nConnected to {reverse_name('127.0.0.1')}.\r\n"
                       "Escape character is '^]'.\r\n")
    child.expect_exact("220 mx.example.net ESMTP lab peer (tls-454)\r\n")
    child.sendline("EHLO trainee.example.com")
    child.expect(r"250-mx\.example\.net\r\n(250-.*\r\n)*250-STARTTLS\r\n")
    child.sendline("STARTTLS")
    child.expect_exact("454 4.7.0 TLS not available due to temporary reason\r\n")
    child.sendline("QUIT")
    child.expect_exact("221 2.0.0 Bye\r\nConnection closed by foreign host.\r\n")
    child.expect_exact(PROMPT)
    child.sendline("exit")
    child.expect_exact("\r\n")
    child.wait()


def test_telnet_to_the_own_listener_ends_with_ctrl_c(appliance_server):
    child = appliance_server.ssh()
    child.expect_exact(PROMPT)
    child.sendline(f"telnet 127.0.0.1 {appliance_server.smtp_port}")
    child.expect(r"220 .*ESMTP.*\r\n")
    child.sendline("EHLO trainee.example.com")
    child.expect(r"250 .*\r\n")
    child.sendcontrol("c")
    child.expect_exact(PROMPT)
    child.sendline("ping 127.0.0.1 2")
    child.expect(r"PING 127\.0\.0\.1 \(127\.0\.0\.1\): .*\r\n")
    child.expect(r"2 packets transmitted, 2 packets received, 0\.0% packet loss\r\n")
    child.expect(r"round-trip min/avg/max/stddev = ([\d.]+)/")
    assert float(child.match.group(1)) > 0
    child.expect_exact(PROMPT)
