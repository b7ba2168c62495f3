"""The declarative batch arguments (``engine/batchargs.py``): the parser's forms and errors, the
commands' own errors through a session, and no command touching the dialogue's answer queue."""
import re
from pathlib import Path

import pytest

from asyncos_shell.engine import registry
from asyncos_shell.engine.batchargs import (IGNORED, Arg, Batch, Form, answer_with, as_typed,
                                            invalid_line, literal, parse)
from asyncos_shell.engine.dialog import CommandAborted
from harness import RecordingLogs, make_appliance, run_exec


class View:
    interfaces = {"Management": None, "Data 1": None}


def parsed(batch, words, secrets=None):
    return parse(batch, "cmd", words, View, (secrets if secrets is not None else []).append)


def error(batch, words, secrets=None):
    with pytest.raises(CommandAborted) as raised:
        parsed(batch, words, secrets)
    return str(raised.value)


INVALID = "Invalid arguments when processing: cmd"
SEARCH = Batch(Form("search", Arg("regexp", flag="-e", fits=bool),
                    Arg("context", flag="-C", optional=True, default=0, convert=int),
                    Arg("insensitive", flag="-i", switch=True),
                    Arg("server", prefix="@", optional=True,
                        check=lambda s: None if s.count(".") == 3 else "bad server"),
                    Arg("options", prefix="--", many=True, optional=True),
                    Arg("interface", optional=True, default="Auto",
                        choices=lambda view: ["Auto", *view.interfaces]),
                    Arg("log", fits=lambda word: not word.startswith("-")),
                    Arg("count", optional=True, fits=str.isdigit, convert=int)))


# -- good forms ------------------------------------------------------------------------------------
def test_without_a_declaration_the_words_answer_the_questions():
    arguments = parsed(None, ["a", "b c"])
    assert (arguments.form, arguments.answers, arguments.values) == ("answers", ["a", "b c"], {})


def test_flags_switches_prefixes_and_positionals_anywhere_on_the_line():
    arguments = parsed(SEARCH, ["mail_logs", "-i", "--a=1", "-e", "x y", "@1.2.3.4", "--b",
                                "-C", "3", "5"])
    assert arguments.form == "search" and arguments.answers == []
    assert arguments.values == {"regexp": "x y", "context": 3, "insensitive": True,
                                "server": "1.2.3.4", "options": ["a=1", "b"],
                                "interface": "Auto", "log": "mail_logs", "count": 5}


def test_absent_optional_arguments_take_their_defaults():
    assert parsed(SEARCH, ["-e", "x", "mail_logs"]).values == {
        "regexp": "x", "context": 0, "insensitive": False, "server": None, "options": [],
        "interface": "Auto", "log": "mail_logs", "count": None}


def test_an_optional_positional_is_skipped_when_the_word_has_not_its_shape():
    # choices read from the configuration, in any case; the value is the listed spelling
    assert parsed(SEARCH, ["-e", "x", "management", "mail_logs"])["interface"] == "Management"
    assert parsed(SEARCH, ["-e", "x", "mail_logs", "7"])["count"] == 7


def test_forms_are_tried_in_order_and_answers_come_from_values():
    batch = Batch(Form("new", literal("new"), Arg("domain"), Arg("hosts", many=True),
                       answers=lambda v: ["NEW", v["domain"], ",".join(v["hosts"])]),
                  Form("print", literal("print"), answers=lambda v: ["PRINT"]),
                  as_typed(single=True))
    assert parsed(batch, ["NEW", "a.com", "h1", "h2"]).answers == ["NEW", "a.com", "h1,h2"]
    assert parsed(batch, ["Print"]).form == "print"
    assert parsed(batch, ["new"]).answers == ["new"]   # one word alone answers the menu


def test_as_typed_passes_every_word_but_not_the_verbs_of_other_forms():
    batch = Batch(Form("add", literal("add"), Arg("user")), as_typed(unless=("add",)))
    assert parsed(batch, ["edit", "x", "y"]).answers == ["edit", "x", "y"]
    assert error(batch, ["ADD", "x", "y"]) == INVALID


def test_answer_with_leaves_out_absent_arguments():
    batch = Batch(Form("f", Arg("address"), Arg("option", optional=True),
                       answers=answer_with("address", "option")))
    assert parsed(batch, ["a@b.c"]).answers == ["a@b.c"]
    assert parsed(batch, ["a@b.c", "2"]).answers == ["a@b.c", "2"]


def test_ignored_arguments_are_neither_values_nor_answers():
    arguments = parsed(IGNORED, ["x", "y"])
    assert arguments.answers == [] and arguments.form == "ignored"


def test_passphrases_are_marked_before_any_check():
    secrets: list = []
    batch = Batch(Form("add", Arg("user", check=lambda u: "taken"), Arg("password", secret=True)))
    assert error(batch, ["bob", "s3cret"], secrets) == "taken"
    assert secrets == ["s3cret"]


# -- error forms -----------------------------------------------------------------------------------
@pytest.mark.parametrize("words", [
    ["mail_logs"],                         # a required flag is missing
    ["-e", "", "mail_logs"],               # its value has not its shape
    ["-e", "x", "mail_logs", "-C"],        # a flag without its value
    ["-e", "x", "-log"],                   # a positional without its shape
    ["-e", "x", "mail_logs", "5", "6"],    # a word too many
    ["-e", "x"],                           # a required positional is missing
    ["-e", "x", "-C", "three", "mail_logs"],   # a value that does not convert
])
def test_words_no_form_fits_get_the_commands_error(words):
    assert error(SEARCH, words) == INVALID


def test_a_value_of_the_right_shape_gets_the_arguments_own_error():
    assert error(SEARCH, ["-e", "x", "@1.2", "mail_logs"]) == "bad server"


def test_the_error_may_name_the_whole_line():
    batch = Batch(Form("print", literal("print")), error=invalid_line)
    assert error(batch, ["print", "x"]) == "Invalid arguments when processing: cmd print x"


# -- the commands' own errors, as ``ssh host 'command ...'`` shows them ------------------------------
@pytest.mark.parametrize("line, message", [
    ("tophosts bogus", "Invalid arguments. Use: "
                       "tophosts [active_rcpts|conn_out|deliv_rcpts|hard_bounce|soft_bounce]"),
    ("showrecipients host", "Invalid arguments. Use: "
                            "showrecipients [host <hostname> | sender <address> | all]"),
    ("redirectrecipients host bad/host", "Invalid arguments. Use: redirectrecipients host "
                                         "<hostname>"),
    ("findevent -m abc mail_logs", "Invalid arguments. Use: "),
    ("grep -e x", "Invalid arguments when processing: grep"),
    ("dig @example.com x", "The DNS server must be an IP address."),
    ("dig -t", "dig [-s <source ip>] [-t|-u] [@<dns ip>] [<qtype>] <hostname> | "
               "dig -x <ip address> [-t|-u] [@<dns ip>]"),
    ("dig -s nowhere MX x", "dig [-s <source ip>] [-t|-u] [@<dns ip>] [<qtype>] <hostname> | "
                            "dig -x <ip address> [-t|-u] [@<dns ip>]"),
    ("workqueue bogus", 'Unknown option "BOGUS".'),
    ("smtproutes edit a.com swap h", "Invalid arguments when processing: smtproutes edit a.com "
                                     "swap h"),
    ("destconfig default a.com", "Invalid arguments when processing: destconfig default a.com"),
    ("clusterconfig join 10.0.0.2", "Invalid arguments when processing: clusterconfig join"),
    ("status everything", "Invalid arguments when processing: status"),
])
def test_batch_errors_of_the_commands(tmp_path, line, message):
    status, text, _ = run_exec(make_appliance(tmp_path), line)
    assert status == 1
    assert message in text


def test_a_rejected_user_keeps_its_passphrase_out_of_the_cli_log(tmp_path):
    appliance = make_appliance(tmp_path, logs=RecordingLogs())
    status, text, _ = run_exec(appliance, "userconfig add bob Bob wizard Sup3r-Secret!")
    assert status == 1
    assert "Invalid arguments when processing: add bob Bob wizard Sup3r-Secret!" in text
    # an exec command answered no prompt; the session's end follows it
    assert appliance.logs.of("cli_logs")[-2].endswith(
        "entered 'userconfig add bob Bob wizard *****'; prompt was ''")


# -- the dialogue owns its answers ---------------------------------------------------------------
COMMANDS = Path(registry.__file__).parent.parent / "commands"


def test_no_command_module_touches_the_dialogues_answer_queue():
    touching = [path.name for path in sorted(COMMANDS.glob("*.py"))
                if re.search(r"dialog\s*\.\s*_?answers\b", path.read_text())]
    assert touching == []
    assert COMMANDS.is_dir() and len(list(COMMANDS.glob("*.py"))) > 50
