"""Strings of userconfig, passwd and sshconfig (cli.md §5.19, §5.20, corrections item 13).

S: Cisco's QA library (github dharma412/PythonClass, commit b79a424): the class docstring of
``csa/testlib/phoebe1411/cli/keywords/userconfig.py`` lists the operations (NEW, EDIT, DELETE are
V below; "password : Change the password for a user." — the driver answers PASSPHRASE, the 14.x
name, hence the passphrase wording) and documents the role question as 'Assign a role to "testG":'; ``.../cli/ctor/systemsetup.py`` waits for "Please enter
the new passphrase again:" (the colon, not a period); ``.../cli/keywords/ssh_config.py``
documents the SSHD operation as "Edit SSH server settings.".  The same library's driver for the
same AsyncOS commands on the web appliance (``csa/testlib/coeus1201/cli/ctor/userconfig.py``,
``.../ctor/sshconfig.py``) waits for "Enter the passphrase for" and, after USERKEY NEW, "Press
enter on a blank line"; ``.../coeus1201/cli/keywords/ssh_config.py`` documents USERKEY's
operations ("Add a new key.", "Remove a key.", "Switch to a different user to edit.").  R: the
rest, chosen here.
"""
from .. import strings

STRINGS = {
    # V: Cisco tech note 117866, "Reset a Lost Administrator Password ... and Unlock the Admin
    # Account" (https://www.cisco.com/c/en/us/support/docs/security/email-security-appliance/
    # 117866-configure-esa-00.html): its userconfig session shows the listing with a locked
    # account's mark and the menu lines below marked V.
    "users.header": ("Users:", "V"),
    "users.line": ("{number}. {name} - \"{full_name}\" ({role}){locked}", "V"),
    "users.locked_mark": (" (locked)", "V"),
    "users.external": ("External authentication: Disabled", "V"),
    "users.op.new": ("Create a new account.", "V"),
    "users.op.edit": ("Modify an account.", "V"),
    "users.op.delete": ("Remove an account.", "V"),
    "users.op.passphrase": ("Change the passphrase for a user.", "S"),
    "users.confirm_own": ("Enter your Passphrase to make changes:", "S"),
    # PASSPHRASE's own menu: the QA library answers it "assign" (ESA 14.1 userconfig.py) or
    # "ASSIGN" (csa/testlib/zeus1498/cli/ctor/userconfig.py); the description is ours.
    "users.op.assign": ("Assign a new passphrase to a user.", "R"),
    "users.wrong_own": ("The passphrase you entered is incorrect.", "R"),
    # SMA's NEW (csa/testlib/zeus1498/cli/ctor/userconfig.py) answers the questions containing
    # "username" and "full name" (in that order, as the ESA ctor's positional answers); the rest
    # of each line is ours.
    "users.new_name": ("Enter the new username.", "S"),
    "users.full_name": ("Enter the full name for {name}.", "S"),
    "users.role": ("Assign a role to \"{name}\":", "S"),
    "users.generate": ("Do you want to generate a system generated passphrase?", "S"),
    # The ESA's userconfig reads the passphrase after "your system generated passphrase:" (case
    # ignored); the SMA 14.0 passwd after "This is your system generated passphrase:"
    # (csa/testlib/zeus1400/cli/ctor/passwd.py): both, whole.
    "users.generated": ("This is your system generated passphrase: {passphrase}", "S"),
    "users.proceed": ("Do you want to proceed with this passphrase?", "S"),
    "users.passphrase": ("Enter the passphrase for {name}.", "S"),
    "users.passphrase_again": ("Please enter the new passphrase again:", "S"),
    "users.exists": ("The user \"{name}\" already exists.", "R"),
    "users.pick": ("Enter the user name or number to edit.", "R"),
    "users.pick_delete": ("Enter the user name or number to delete.", "R"),
    "users.confirm_delete": ("Are you sure you want to delete \"{name}\"?", "R"),
    "users.cannot_delete": ("User {name} cannot be deleted", "S"),
    "users.cannot_delete_self": ("You cannot delete yourself", "S"),
    # A passphrase that breaks the rules gets every unmet criterion under one heading: the
    # heading and the first five items as the SMA's passwd prints them (csa/tests/zeus1400/csdl/
    # sec_pwd_minmax.robot: "Following criteria for passphrase are not met:\n- at least 10
    # characters.\n- at least one upper (A-Z) and one lower (a-z) case letter.\n- at least one
    # number (0-9).\n- at least one special character.", and "- at most 128 characters." from
    # the CLI); the web appliance's passwd waits for the same heading (csa/testlib/coeus1201/
    # cli/ctor/passwd.py).  The ESA's userconfig and passwd wait for "must not contain three or
    # more repetitive or sequential characters" and "not be a username or one of its
    # variations" (csa/testlib/phoebe1411/cli/ctor/passwd.py, userconfig.py); "- must" in front
    # is ours.  The last two items are ours, worded as the PASSWORDSTRENGTH questions.
    "users.criteria": ("Following criteria for passphrase are not met:", "S"),
    "users.short": ("- at least {count} characters.", "S"),
    "users.long": ("- at most {count} characters.", "S"),
    "users.need_cases": ("- at least one upper (A-Z) and one lower (a-z) case letter.", "S"),
    "users.need_number": ("- at least one number (0-9).", "S"),
    "users.need_special": ("- at least one special character.", "S"),
    "users.is_name": ("- must not be a username or one of its variations.", "S"),
    "users.repetitive": ("- must not contain three or more repetitive or sequential "
                         "characters.", "S"),
    "users.forbidden_word": ("- must not contain a word of the list of words to disallow.", "R"),
    "users.reused": ("- must not be one of the most recent passphrases.", "R"),
    # userconfig → POLICY, STATUS.  The words POLICY, ACCOUNT and STATUS and the substrings
    # marked S are what Cisco's QA library (cli.md source A, userconfig.py of ESA 11.0-14.1 and
    # SMA 14.x) waits for; the rest of each line is our wording.
    "users.op.policy": ("Change password and account policy settings.", "V"),
    "users.op.status": ("Change the account status.", "V"),
    "users.op.account": ("Configure account locking after failed login attempts.", "R"),
    "users.op.strength": ("Configure the passphrase rules.", "R"),
    "users.rules.length": ("Passphrase rules: at least {count} characters{extra}", "R"),
    "users.rules.cases": (", one upper and one lower case letter", "R"),
    "users.rules.number": (", one number", "R"),
    "users.rules.special": (", one special character", "R"),
    "users.rules.username": (", not similar to the username", "R"),
    "users.rules.sequential": (", no three repetitive or sequential characters", "R"),
    "users.rules.reuse": (", not the current passphrase", "R"),
    "users.rules.words": (", no forbidden words", "R"),
    "users.policy.expires": ("Passphrase expiration: after {count} days", "R"),
    "users.policy.no_expiry": ("Passphrase expiration: Disabled", "R"),
    # PASSWORDSTRENGTH questions around the QA library's substrings (ESA and SMA):
    # "minimum number of characters required", "one upper", "one number" / "at least one number",
    # "one special character", "Reject passphrases" / "similar to the username", "Reject
    # passphrases that contain three or more repetitive or sequential".
    "users.strength.length": ("Enter the minimum number of characters required in a "
                              "passphrase.", "S"),
    "users.strength.cases": ("Do you want to require at least one upper (A-Z) and one lower "
                             "(a-z) case letter?", "S"),
    "users.strength.number": ("Do you want to require at least one number (0-9)?", "S"),
    "users.strength.special": ("Do you want to require at least one special character?", "S"),
    "users.strength.username": ("Reject passphrases that are similar to the username?", "S"),
    "users.strength.sequential": ("Reject passphrases that contain three or more repetitive or "
                                  "sequential characters?", "S"),
    # After the sequence rule, as the ESA ctor's ``passwordstrength`` asks (substrings "Ban
    # reuse", "most recent passphrases not allowed", "list of words to disallow"; the second QA
    # file's "Ban reuse of last passphrases", "Specify the  number of the most recent
    # passphrases" (two spaces) and "Use a list of words to disallow in passphrases").
    "users.strength.reuse": ("Ban reuse of last passphrases?", "S"),
    "users.strength.reuse_count": ("Specify the  number of the most recent passphrases not "
                                   "allowed to be reused.", "S"),
    "users.strength.words": ("Use a list of words to disallow in passphrases? (one word a line "
                             "in the file forbidden_password_words.txt of /configuration)", "S"),
    "users.policy.locks": ("Account lock: after {count} consecutive unsuccessful login attempts",
                           "R"),
    "users.policy.unlocked": ("Account lock: Disabled", "R"),
    # "automatically lock account" (ESA), "lock account after unsuccessful login" (SMA)
    "users.policy.lock": ("Would you like to automatically lock account after unsuccessful "
                          "login attempts?", "S"),
    # "unsuccessful login attempts"; the sentence is the QA keyword's description of it
    "users.policy.attempts": ("How many consecutive unsuccessful login attempts will lock the "
                              "account?", "S"),
    # The rest of ACCOUNT, in the order of the ESA ctor's ``account`` (Cisco QA library, cli.md
    # source A, csa/testlib/phoebe*/cli/ctor/userconfig.py) and with its substrings: "display an
    # account locked message", "change the account locked message", "Enter or paste the account
    # locked", "enable passphrase expiration", "passphrase expiration period", "display
    # reminder", "notification will be  printed" (two spaces, as there), "enable passphrase
    # grace period?", "period after users passphrase change time", "require a passphrase
    # reset".  Whole sentences where a second QA file of the same library has them ("Do you
    # want to display the account locked message", "Do you want to enable passphrase
    # expiration", "Enter the passphrase expiration period in days", "Do you want to display
    # reminder about passphrase expiration", "Enter the period before user's passphrase change
    # time", "Do you want to enable passphrase grace period", "Do you want to require a
    # passphrase reset"); the endings are ours.
    "users.policy.show_message": ("Do you want to display an account locked message on the "
                                  "login page if an administrator has locked the account?", "S"),
    "users.policy.change_message": ("Do you want to change the account locked message?", "S"),
    "users.policy.message": ("Enter or paste the account locked message. Enter '.' on a blank "
                             "line to end.", "S"),
    "users.policy.message_size": ("The message must have 1 to {count} characters.", "R"),
    "users.policy.expiry": ("Do you want to enable passphrase expiration?", "S"),
    "users.policy.expiry_days": ("Enter the passphrase expiration period in days.", "S"),
    "users.policy.reminder": ("Do you want to display reminder about passphrase expiration?",
                              "S"),
    "users.policy.reminder_days": ("Enter the period before user's passphrase change time when "
                                   "the notification will be  printed (in days).", "S"),
    "users.policy.grace": ("Do you want to enable passphrase grace period?", "S"),
    "users.policy.grace_days": ("Enter the period after users passphrase change time when the "
                                "passphrase can still be changed at login (in days).", "S"),
    "users.policy.reset": ("Do you want to require a passphrase reset whenever a user's "
                           "passphrase is set or changed by an administrator?", "S"),
    # "available" / "locked" (ESA STATUS reads which of the two is shown)
    "users.status": ("The account {name} is {state}.", "R"),
    "users.available": ("available", "S"),
    "users.locked": ("locked", "S"),
    "users.lock_it": ("Do you want to lock this account?", "S"),
    "users.make_available": ("Do you want to make this account available?", "S"),
    "passwd.old": ("Old password: ", "T"),
    "passwd.new": ("New password: ", "T"),
    "passwd.again": ("Retype new password: ", "T"),
    # SMA 14.x's passwd waits for "Old password did not match" (csa/testlib/zeus1380 and
    # zeus1498/cli/ctor/passwd.py); the ESA's for "Old passphrase did not match" (phoebe1100-1411)
    "passwd.wrong": ("Old password did not match.", "S"),
    # From AsyncOS 11.0 (profile passwd_passphrase), the substrings the ESA's passwd waits for
    # (csa/testlib/phoebe1411/cli/ctor/passwd.py; systemsetup.py of phoebe1100-1387 drives the
    # same questions: "Old passphrase:", then "Would you like to get a system generated
    # passphrase" or "New Passphrase:" and "[]>", "Please enter the new passphrase again:"):
    # "Old passphrase", "get a system generated
    # passphrase" (whole in csa/testlib/zeus1498/cli/ctor/passwd.py: "Would you like to get a
    # system generated passphrase? [N]>"), "New Passphrase: []" (the sub-prompt on the same
    # line) and "new passphrase again" (users.passphrase_again, as the WSA's
    # csa/testlib/coeus1201/cli/ctor/passwd.py waits for it).
    "passwd.old_passphrase": ("Old passphrase:", "S"),
    "passwd.generate": ("Would you like to get a system generated passphrase?", "S"),
    "passwd.new_passphrase": ("New Passphrase:", "S"),
    "passwd.wrong_passphrase": ("Old passphrase did not match.", "S"),
    "passwd.done": ("Password changed.", "R"),
    # Our wording (issue 15): AsyncOS's own answer for a role without commit is not public.
    "passwd.cannot_commit": ("Your role cannot commit changes, so your password cannot be "
                             "changed. Ask an administrator to change it.", "R"),
    "ssh.op.sshd": ("Edit SSH server settings.", "S"),
    "ssh.op.userkey": ("Edit SSH User Key settings", "R"),
    # SMA's PRINT reads the key up to the listing's "Currently installed" (csa/testlib/zeus1361
    # and zeus1400/cli/ctor/sshconfig.py); "keys for <user>:" is ours.
    "ssh.keys_for": ("Currently installed keys for {name}:", "S"),
    "ssh.no_keys": ("There are no user keys.", "R"),
    "ssh.op.new": ("Add a new key.", "S"),
    "ssh.op.delete": ("Remove a key.", "S"),
    # the docstring of the WSA keyword for PRINT, as NEW/DELETE/USER above
    "ssh.op.print": ("Display a key.", "S"),
    "ssh.op.user": ("Switch to a different user to edit.", "S"),
    "ssh.paste": ("Please enter the public SSH key for authorization.\n"
                  "Press enter on a blank line to finish.", "S"),
    "ssh.bad_key": ("SSH key does not appear to be a valid public key.", "S"),
    # WSA's PRINT waits for "Enter the number of the key" (csa/testlib/coeus1201/cli/ctor/
    # sshconfig.py); the same appliance code's host keys ask "Enter the number of the key you
    # wish to print" (csa/testlib/phoebe1210/cli/ctor/logconfig.py, logconfig HOSTKEYCONFIG).
    "ssh.which_key": ("Enter the number of the key you wish to {action}.", "S"),
    # WSA's USER waits for "Choose the user" above a numbered list whose default is [1]
    # (csa/testlib/coeus1201/cli/ctor/sshconfig.py; its keyword: "number or username of the
    # user whose SSH keys you want to edit"); the rest of the line is ours.
    "ssh.which_user": ("Choose the user whose keys you wish to edit:", "S"),
    "ssh.unknown_user": ("User \"{name}\" does not exist.", "R"),
    "ssh.sshd_info": ("SSH server: enabled\nPublic Key Authentication Algorithms: ssh-ed25519, "
                      "ecdsa-sha2-nistp256, rsa-sha2-512, rsa-sha2-256", "R"),
}
strings.register(STRINGS)
