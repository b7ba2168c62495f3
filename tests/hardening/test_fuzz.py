"""Issue 15: bounded Hypothesis fuzz.  Random answers to the dialogues never crash a session
(no application fault, the session reaches its end), and random SMTP command sequences against
a real process only ever get well-formed replies while the listener keeps answering."""
from __future__ import annotations

import re
import socket

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harness import make_appliance, run

from .support import HOST, STALLED, banner_latency

FAULT = "An application fault occurred"
COMMANDS = ["userconfig", "listenerconfig", "certconfig", "smtproutes", "destconfig",
            "grep", "tail", "passwd", "sethostname", "loadconfig", "alertconfig", "ldapconfig",
            "interfaceconfig", "logconfig", "clusterconfig", "saveconfig", "showconfig"]
ANSWER = st.one_of(
    st.sampled_from(["", "1", "2", "3", "new", "edit", "delete", "print", "import", "export",
                     "y", "n", "Y", "N", "a" * 300, "\x00", "../../etc/passwd", "(a+)+$",
                     "-1", "99999999999999999999", "é" * 40, ".", "*", "%s%s", "'", '"']),
    st.text(st.characters(codec="utf-8", exclude_characters="\r\n"), max_size=40),
)

_appliances: dict = {}


def appliance(tmp_path_factory):
    if "one" not in _appliances:
        _appliances["one"] = make_appliance(tmp_path_factory.mktemp("fuzz"))
    return _appliances["one"]


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(command=st.sampled_from(COMMANDS), answers=st.lists(ANSWER, max_size=12))
def test_random_dialogue_answers_never_fault(tmp_path_factory, command, answers):
    text = run(appliance(tmp_path_factory), [command, *answers])
    assert FAULT not in text and "Traceback" not in text, text[-2000:]


SMTP_WORDS = ["HELO", "EHLO", "MAIL FROM:", "RCPT TO:", "DATA", "RSET", "NOOP", "VRFY",
              "HELP", "STARTTLS", "BDAT", "AUTH", "XCLIENT", "QUIT", ".", ""]
SMTP_ARGS = st.one_of(st.sampled_from(["<a@b.example>", "<>", "<\x00@x>", "<é@x>", "x" * 1200,
                                       "<a@b.example> SIZE=99999999999", "BODY=8BITMIME"]),
                      st.binary(max_size=30).map(lambda b: b.decode("latin-1")))
REPLY = re.compile(rb"^[2345]\d\d[ -]")


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.sampled_from(SMTP_WORDS), SMTP_ARGS), max_size=15))
def test_random_smtp_command_sequences_get_well_formed_replies(appliance_server_module,
                                                               sequence):
    port = appliance_server_module.smtp_port
    with socket.create_connection((HOST, port), timeout=20) as conn:
        data = b"".join((word + (" " if word and arg else "") + arg).encode("latin-1") + b"\r\n"
                        for word, arg in sequence if word != "QUIT")
        conn.sendall(data + b"QUIT\r\n")
        received = b""
        try:
            while chunk := conn.recv(65536):
                received += chunk
        except (ConnectionResetError, socket.timeout):
            pass
    lines = [line for line in received.split(b"\r\n") if line]
    assert lines and lines[0].startswith(b"220"), received
    assert all(REPLY.match(line) for line in lines), received
    assert banner_latency(port) < STALLED
