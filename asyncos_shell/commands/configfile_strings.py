"""Strings of saveconfig, showconfig, mailconfig and loadconfig (cli.md §5.13–§5.16).

S: "Press CTRL-D on a blank line when done." is what the loadconfig driver of Cisco's QA library
waits for before pasting (github dharma412/PythonClass, commit b79a424,
``csa/testlib/zeus1361/cli/ctor/loadconfig.py``, the same AsyncOS command on the management
appliance); the line before it is R.
"""
from .. import strings

STRINGS = {
    # The secrets question in each release's wording (engine/profile.py: secrets_wording).
    "config.option.passphrase": ("Choose the passphrase option:", "V"),
    # Shown broken before "loadconfig" at 80 columns (B [V]): the terminal's wrapping.
    "config.passphrase.mask": ("Mask passphrases (Files with masked passphrases cannot be loaded "
                               "using loadconfig command)", "V"),
    "config.passphrase.encrypt": ("Encrypt passphrases", "V"),
    "config.passphrase.plain": ("Plain passphrases", "V"),
    # Before 11.0 (corrections item 14).
    "config.option.password": ("Choose the password option:", "T"),
    "config.password.mask": ("Mask passwords (Files with masked passwords cannot be loaded "
                             "using loadconfig command)", "T"),
    "config.password.encrypt": ("Encrypt passwords", "T"),
    "config.written": ("File written on machine \"{hostname}\" to the location \"{path}\".", "R"),
    "config.saved": ("Configuration saved.", "R"),
    "mail.address": ("Please enter the email address(es) to which you want to send the "
                     "configuration file.\nSeparate multiple addresses with commas.", "R"),
    "mail.sent": ("The configuration file has been sent to {addresses}.", "R"),
    "mail.unavailable": ("Mail services are not running; the configuration file was not sent.", "R"),
    "mail.bad_address": ("An email address is a localname, an @, and a domain name.", "S"),
    "load.discard": ("You have uncommitted changes. Loading a configuration will discard "
                     "these uncommitted changes. Do you want to continue?", "S"),
    "load.how": ("Load from file or paste via CLI?", "R"),
    "load.paste_item": ("Paste via CLI", "S"),
    "load.file_item": ("Load from file", "S"),
    "load.file": ("Enter the name of the file to import:", "R"),
    "load.paste": ("Paste the configuration file now.\nPress CTRL-D on a blank line when done.", "S"),
    "load.missing": ("Error: the file \"{name}\" does not exist.", "S"),
    "load.failed": ("Parsing failed.  Aborting.", "T"),
    "load.masked": ("The configuration file contains masked passphrases and cannot be loaded.",
                    "R"),
    "load.invalid": ("The configuration cannot be loaded:", "R"),
    "load.none": ("No data to load.", "S"),
    "load.unchanged": ("No changes detected from current configuration.", "T"),
    "load.done": ("Values have been loaded.\nBe sure to run \"commit\" to make these settings "
                  "active.", "S"),
}
strings.register(STRINGS)
