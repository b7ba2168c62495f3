"""Strings of System Administration > Configuration File (seed §3.5 [V]; the passphrase options
and the load messages are the CLI's saveconfig/loadconfig wording)."""
from __future__ import annotations

from .. import strings

strings.register({
    "cfg.title": ("Configuration File", "V"),
    "cfg.current": ("Current Configuration", "R"),
    "cfg.secrets": ("Passphrases:", "R"),
    "cfg.mask": ("Mask passphrases in the Configuration File", "R"),
    "cfg.encrypt": ("Encrypt passphrases in the Configuration File", "R"),
    "cfg.download": ("Download file to local computer to view or save", "R"),
    "cfg.load": ("Load Configuration", "R"),
    "cfg.load_file": ("Load a configuration file from local computer:", "R"),
    "cfg.load_button": ("Load", "R"),
    "cfg.load_hint": ("The loaded settings replace your pending changes; Commit Changes puts "
                      "them into service.", "R"),
    "cfg.none": ("No data to load.", "S"),
    "cfg.failed": ("Parsing failed.  Aborting.", "T"),
    "cfg.masked": ("The configuration file contains masked passphrases and cannot be loaded.",
                   "R"),
    "cfg.invalid": ("The configuration cannot be loaded: {errors}", "R"),
    "cfg.unchanged": ("No changes detected from current configuration.", "T"),
    "cfg.loaded": ("Values have been loaded. Commit Changes to make these settings active.", "R"),
})
