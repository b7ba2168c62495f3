"""The sslconfig dialogue: settings, menu, TLS versions as a range, cipher lists checked by
OpenSSL, VERIFY, and pending changes until commit."""
import harness


def test_sslconfig_dialogue_refuses_bad_answers_and_keeps_changes_pending(tmp_path):
    appliance = harness.make_appliance(tmp_path)
    transcript = harness.run_session(appliance, [
        "sslconfig", "inbound", "1,3", "5", "1-3", "NOPE", "HIGH:!aNULL", "", "verify",
        "AES128-SHA", ""])
    text = harness.after_banner(transcript.text).replace("\r\n", "\n")
    assert text.startswith(
        "ironport.example.com> sslconfig\n\nsslconfig settings:\n"
        "  GUI HTTPS method: tlsv1_2tlsv1_3\n  GUI HTTPS ciphers:\n    MEDIUM\n    HIGH\n"
        "    -SSLv2\n    -aNULL\n    !RC4\n    @STRENGTH\n    -EXPORT\n"
        "  Inbound SMTP method: tlsv1_2tlsv1_3\n")
    assert ("Choose the operation you want to perform:\n- GUI - Edit GUI HTTPS ssl settings.\n"
            "- INBOUND - Edit Inbound SMTP ssl settings.\n"
            "- OUTBOUND - Edit Outbound SMTP ssl settings.\n"
            "- VERIFY - Verify and show ssl cipher list.\n"
            "- OTHER_CLIENT_TLSV10 - Edit OTHER_CLIENT_TLSV10 ssl settings.\n"
            "- PEER_CERT_FQDN - Edit PEER_CERT_FQDN ssl settings.\n"
            "- PEER_CERT_X509 - Edit PEER_CERT_X509 ssl settings.\n[]> inbound\n\n"
            "Enter the inbound SMTP ssl method you want to use.\n1. TLS v1.0\n2. TLS v1.1\n"
            "3. TLS v1.2\n4. TLS v1.3\n[3-4]> 1,3\n"
            "The TLS versions must be consecutive: TLS v1.2 with TLS v1.0 needs TLS v1.1 too.\n"
            ) in text
    assert ("[3-4]> 5\nPlease enter one or more numbers from 1 to 4, as a range (2-3) or "
            "separated by commas.\n") in text
    assert ("\nEnter the inbound SMTP ssl cipher you want to use.\n"
            "[MEDIUM:HIGH:-SSLv2:-aNULL:!RC4:@STRENGTH:-EXPORT]> NOPE\n"
            'The cipher list "NOPE" does not select any cipher.\n\n'
            "Enter the inbound SMTP ssl cipher you want to use.\n"
            "[MEDIUM:HIGH:-SSLv2:-aNULL:!RC4:@STRENGTH:-EXPORT]> HIGH:!aNULL\n\n"
            "Do you want to enable TLS Renegotiation for inbound SMTP? [Y]> \n") in text
    assert "  Inbound SMTP method: tlsv1_0tlsv1_1tlsv1_2\n  Inbound SMTP ciphers:\n    HIGH\n" \
           "    !aNULL\n  Outbound SMTP method: tlsv1_2tlsv1_3\n" in text
    assert "\nEnter the ssl cipher you want to verify.\n[]> AES128-SHA\n\n" in text
    assert "\nAES128-SHA                     SSLv3   Kx=RSA      Au=RSA   Enc=AES(128)" in text
    pending = transcript.cli.config.read("ssl").inbound
    assert pending.methods == ["tlsv1_0", "tlsv1_1", "tlsv1_2"] and pending.ciphers == "HIGH:!aNULL"
    assert appliance.view().ssl.inbound.methods == ["tlsv1_2", "tlsv1_3"]   # until commit


MENU_12 = ("Choose the operation you want to perform:\n- GUI - Edit GUI HTTPS ssl settings.\n"
           "- INBOUND - Edit Inbound SMTP ssl settings.\n"
           "- OUTBOUND - Edit Outbound SMTP ssl settings.\n"
           "- VERIFY - Verify and show ssl cipher list.\n[]> ")
TOGGLES = ("- OTHER_CLIENT_TLSV10 - Edit OTHER_CLIENT_TLSV10 ssl settings.\n"
           "- PEER_CERT_FQDN - Edit PEER_CERT_FQDN ssl settings.\n"
           "- PEER_CERT_X509 - Edit PEER_CERT_X509 ssl settings.\n")
CIPHERS = "[MEDIUM:HIGH:-SSLv2:-aNULL:!RC4:@STRENGTH:-EXPORT]> "


def run(tmp_path, release: str, *answers: str):
    appliance = harness.make_appliance(tmp_path, profile=release)
    transcript = harness.run_session(appliance, ["sslconfig", *answers, ""])
    return appliance, transcript, harness.after_banner(transcript.text).replace("\r\n", "\n")


def test_12x_asks_no_renegotiation_and_numbers_tls_v1_0_to_v1_2(tmp_path):
    """phoebe1200/1210 ctor: method and cipher only; no TLS v1.3 before 16.x."""
    _, transcript, text = run(tmp_path, "12.x", "gui", "2-3", "HIGH", "")
    assert MENU_12 + "gui\n\nEnter the GUI HTTPS ssl method you want to use.\n1. TLS v1.0\n" \
        "2. TLS v1.1\n3. TLS v1.2\n[3]> 2-3\n\nEnter the GUI HTTPS ssl cipher you want to " \
        "use.\n" + CIPHERS + "HIGH\n\nsslconfig settings:\n  GUI HTTPS method: tlsv1_1tlsv1_2\n" \
        in text
    assert "Renegotiation" not in text and "PEER_CERT" not in text
    pending = transcript.cli.config.read("ssl")
    assert pending.gui.methods == ["tlsv1_1", "tlsv1_2"] and pending.gui.renegotiation


def test_13x_gui_and_inbound_ask_renegotiation_outbound_does_not(tmp_path):
    """phoebe1300-1380 ctor: ``tls_negotiation`` ('TLS Renegotiation for GUI HTTPS', 'TLS
    Renegotiation for inbound SMTP') after the cipher of GUI and INBOUND, not OUTBOUND."""
    _, transcript, text = run(tmp_path, "13.x", "gui", "", "", "n", "inbound", "", "", "no",
                           "outbound", "", "")
    assert ("Enter the GUI HTTPS ssl cipher you want to use.\n" + CIPHERS +
            "\n\nDo you want to enable TLS Renegotiation for GUI HTTPS? [Y]> n\n\n"
            "sslconfig settings:") in text
    assert "Do you want to enable TLS Renegotiation for inbound SMTP? [Y]> no\n" in text
    assert "TLS Renegotiation for outbound" not in text
    assert text.count(MENU_12) == 4 and "PEER_CERT" not in text
    pending = transcript.cli.config.read("ssl")
    assert not pending.gui.renegotiation and not pending.inbound.renegotiation
    assert pending.outbound.renegotiation


def test_14x_toggles_list_only_the_change_and_take_the_current_state_as_a_no_op(tmp_path):
    """phoebe1387-1411 ctor: OTHER_CLIENT_TLSV10 / PEER_CERT_FQDN / PEER_CERT_X509 then ENABLE or
    DISABLE, whatever the state; zeus1400 ctor: the listing tells the state."""
    appliance, transcript, text = run(tmp_path, "14.x", "peer_cert_fqdn", "enable", "peer_cert_fqdn",
                           "ENABLE", "peer_cert_x509", "disable", "other_client_tlsv10",
                           "enable", "peer_cert_x509", "", "inbound", "", "", "")
    assert ("- VERIFY - Verify and show ssl cipher list.\n" + TOGGLES + "[]> peer_cert_fqdn\n\n"
            "Choose the operation you want to perform:\n"
            "- ENABLE - Enable peer certificate FQDN validation.\n[]> enable\n") in text
    assert ("[]> peer_cert_fqdn\n\nChoose the operation you want to perform:\n"
            "- DISABLE - Disable peer certificate FQDN validation.\n[]> ENABLE\n") in text
    assert "- ENABLE - Enable peer certificate X509 validation.\n[]> disable\n" in text
    assert "- ENABLE - Enable TLS v1.0 for other TLS client services.\n[]> enable\n" in text
    assert "Unknown option" not in text
    assert ("Enter the inbound SMTP ssl method you want to use.\n1. TLS v1.0\n2. TLS v1.1\n"
            "3. TLS v1.2\n[3]> \n") in text
    assert "TLS Renegotiation for inbound SMTP? [Y]> \n" in text
    pending = transcript.cli.config.read("ssl")
    assert pending.peer_cert_fqdn and pending.other_client_tlsv10 and not pending.peer_cert_x509
    assert pending.inbound.methods == ["tlsv1_2"]
    committed = appliance.view().ssl
    assert not committed.peer_cert_fqdn and not committed.other_client_tlsv10   # until commit


def test_14x_a_ctor_script_answering_by_position_stays_in_step(tmp_path):
    """The phoebe1411 ctor's INBOUND (method, cipher, tls_negotiation) then PEER_CERT_FQDN
    ENABLE, then commit: every answer lands on its question."""
    appliance = harness.make_appliance(tmp_path, profile="14.x")
    transcript = harness.run_session(appliance, [
        "sslconfig", "INBOUND", "1-3", "HIGH:!aNULL", "N", "", "sslconfig", "PEER_CERT_FQDN",
        "ENABLE", "", "commit", "ctor", "N"])
    assert "Changes committed" in transcript.text
    ssl = appliance.view().ssl
    assert ssl.inbound.methods == ["tlsv1_0", "tlsv1_1", "tlsv1_2"]
    assert ssl.inbound.ciphers == "HIGH:!aNULL" and ssl.inbound.renegotiation is False
    assert ssl.peer_cert_fqdn is True
