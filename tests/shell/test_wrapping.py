"""Wrapping at the terminal's width (``terminal/wrap.py``): the banner NOTE as real sessions show
it at 80 columns and on a wide terminal, questions and list items, and what never wraps."""
from __future__ import annotations

import pytest

from asyncos_shell.terminal.wrap import wrap
from harness import after_banner, make_appliance, run

NOTE = ("NOTE: This session will expire if left idle for 30 minutes. Any uncommitted "
        "configuration changes will be lost. Commit the configuration changes as soon as they "
        "are made.")
# AsyncOS 11.0.1 at 80 columns, verbatim (cli.md §1.2, B #1272).
NOTE_80 = ("NOTE: This session will expire if left idle for 30 minutes. Any uncommitted\n"
           "configuration changes will be lost. Commit the configuration changes as soon as\n"
           "they are made.")
MASK = ("1. Mask passphrases (Files with masked passphrases cannot be loaded using loadconfig "
        "command)")


def test_the_banner_note_at_80_columns_is_the_three_lines_real_sessions_show():
    assert wrap(NOTE, 80) == NOTE_80


@pytest.mark.parametrize("columns", [0, 171, 250])
def test_a_wide_terminal_or_no_width_keeps_one_line(columns):
    assert wrap(NOTE, columns) == NOTE


def test_lines_break_at_the_last_space_that_fits_one_column_short_of_the_width():
    assert wrap("aaaa bbbb cccc", 10) == "aaaa bbbb\ncccc"   # 9 characters fit in 10 columns
    assert wrap("aaaa bbbbb cccc", 10) == "aaaa\nbbbbb\ncccc"
    assert wrap("short\n\nlines stay", 12) == "short\n\nlines stay"


def test_a_prompt_keeps_its_space_and_a_long_word_is_cut():
    assert wrap("Do it? [N]> ", 12) == "Do it? [N]> "
    assert wrap("Do you agree? [N]> ", 12) == "Do you\nagree? [N]> "
    assert wrap("<certificate_profile_name>x</certificate_profile_name>", 20) == (
        "<certificate_profil\ne_name>x</certifica\nte_profile_name>")


def test_data_keeps_its_layout_indented_lines_and_columns():
    subject = "    Subject: /C=US/O=Example/CN=" + "x" * 80
    row = "sshconfig            Configure sshd settings and view, add, delete or modify SSH keys."
    assert wrap(subject, 80) == subject
    assert wrap(row, 40) == row
    assert wrap("======  ====  " * 10, 40) == "======  ====  " * 10
    assert wrap("Enter the hosts to add.  CIDR addresses are allowed.", 30) == (
        "Enter the hosts to add.  CIDR\naddresses are allowed.")


def banner_and_showconfig(tmp_path, columns):
    return run(make_appliance(tmp_path), ["showconfig", "9", ""], columns=columns)


def test_an_80_column_session_wraps_the_banner_and_the_passphrase_item(tmp_path):
    text = banner_and_showconfig(tmp_path, 80).replace("\r\n", "\n")
    assert f"\n\n{NOTE_80}\n\nironport.example.com> " in text
    assert ("Choose the passphrase option:\n1. Mask passphrases (Files with masked passphrases "
            "cannot be loaded using\nloadconfig command)\n2. Encrypt passphrases\n[1]> 9\n"
            "Please enter a number from 1 to 2.\n") in text


def test_a_250_column_session_wraps_nothing(tmp_path):
    text = banner_and_showconfig(tmp_path, 250).replace("\r\n", "\n")
    assert f"\n\n{NOTE}\n\nironport.example.com> " in text
    assert f"Choose the passphrase option:\n{MASK}\n2. Encrypt passphrases\n[1]> 9\n" in text


def test_questions_and_yes_no_prompts_wrap_at_a_narrow_width(tmp_path):
    text = after_banner(run(make_appliance(tmp_path), ["listenerconfig", "new", "", "Web2", "",
                                                       "", "2526", "example.org", ""], columns=60))
    assert ("Do you want to enable filtering based on SenderBase\r\n"
            "Reputation Service (SBRS) Scores for this listener? (Your\r\n"
            "selection will configure the default settings for the\r\n"
            "sender groups and mail flow policies.) [Y]> \r\n") in text
