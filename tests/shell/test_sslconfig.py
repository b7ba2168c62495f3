"""The sslconfig dialogue: settings, menu, TLS versions as a range, cipher lists checked by
OpenSSL, VERIFY, and pending changes until commit."""
import harness


def test_sslconfig_dialogue_refuses_bad_answers_and_keeps_changes_pending(tmp_path):
    appliance = harness.make_appliance(tmp_path)
    transcript = harness.run_session(appliance, [
        "sslconfig", "inbound", "1,3", "5", "1-3", "NOPE", "HIGH:!aNULL", "verify",
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
            "- VERIFY - Verify and show ssl cipher list.\n[]> inbound\n\n"
            "Enter the inbound SMTP ssl method you want to use.\n1. TLS v1.0\n2. TLS v1.1\n"
            "3. TLS v1.2\n4. TLS v1.3\n[3-4]> 1,3\n"
            "The TLS versions must be consecutive: TLS v1.2 with TLS v1.0 needs TLS v1.1 too.\n"
            ) in text
    assert ("[3-4]> 5\nPlease enter one or more numbers from 1 to 4, as a range (2-3) or "
            "separated by commas.\n") in text
    assert ("\nEnter the inbound SMTP ssl cipher you want to use.\n"
            "[MEDIUM:HIGH:-SSLv2:-aNULL:!RC4:@STRENGTH:-EXPORT]> NOPE\n"
            'The cipher list "NOPE" does not select any cipher.\n') in text
    assert "  Inbound SMTP method: tlsv1_0tlsv1_1tlsv1_2\n  Inbound SMTP ciphers:\n    HIGH\n" \
           "    !aNULL\n  Outbound SMTP method: tlsv1_2tlsv1_3\n" in text
    assert "\nEnter the ssl cipher you want to verify.\n[]> AES128-SHA\n\n" in text
    assert "\nAES128-SHA                     SSLv3   Kx=RSA      Au=RSA   Enc=AES(128)" in text
    pending = transcript.cli.config.read("ssl").inbound
    assert pending.methods == ["tlsv1_0", "tlsv1_1", "tlsv1_2"] and pending.ciphers == "HIGH:!aNULL"
    assert appliance.view().ssl.inbound.methods == ["tlsv1_2", "tlsv1_3"]   # until commit
