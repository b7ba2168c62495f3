"""Strings of userconfig, passwd and sshconfig (cli.md §5.19, §5.20, corrections item 13)."""
from .. import strings

STRINGS = {
    "users.header": ("Users:", "R"),
    "users.line": ("{number}. {name} - \"{full_name}\" ({role})", "R"),
    "users.external": ("External authentication: Disabled", "R"),
    "users.op.new": ("Create a new account.", "R"),
    "users.op.edit": ("Modify an account.", "R"),
    "users.op.delete": ("Remove an account.", "R"),
    "users.op.passphrase": ("Change the passphrase for a user.", "R"),
    "users.confirm_own": ("Enter your Passphrase to make changes:", "S"),
    "users.wrong_own": ("The passphrase you entered is incorrect.", "R"),
    "users.new_name": ("Enter the new username.", "R"),
    "users.full_name": ("Enter the full name for {name}.", "R"),
    "users.role": ("Assign a role to \"{name}\":", "R"),
    "users.generate": ("Do you want to generate a system generated passphrase?", "S"),
    "users.generated": ("your system generated passphrase: {passphrase}", "S"),
    "users.proceed": ("Do you want to proceed with this passphrase?", "S"),
    "users.passphrase": ("Enter the passphrase for {name}.", "R"),
    "users.passphrase_again": ("Please enter the new passphrase again.", "R"),
    "users.mismatch": ("The passphrases do not match.", "R"),
    "users.exists": ("The user \"{name}\" already exists.", "R"),
    "users.pick": ("Enter the user name or number to edit.", "R"),
    "users.pick_delete": ("Enter the user name or number to delete.", "R"),
    "users.confirm_delete": ("Are you sure you want to delete \"{name}\"?", "R"),
    "users.cannot_delete": ("User {name} cannot be deleted", "S"),
    "users.cannot_delete_self": ("You cannot delete yourself", "S"),
    "users.short": ("The passphrase must be at least {count} characters long.", "S"),
    # Our wording, in the style of the three S errors around them.
    "users.need_cases": ("The passphrase must contain at least one upper (A-Z) and one lower "
                         "(a-z) case letter.", "R"),
    "users.need_number": ("The passphrase must contain at least one number (0-9).", "R"),
    "users.need_special": ("The passphrase must contain at least one special character.", "R"),
    "users.is_name": ("The passphrase must not be a username or one of its variations.", "S"),
    "users.repetitive": ("The passphrase must not contain three or more repetitive or sequential "
                         "characters.", "S"),
    # userconfig → POLICY, STATUS.  The words POLICY, ACCOUNT and STATUS and the substrings
    # marked S are what Cisco's QA library (cli.md source A, userconfig.py of ESA 11.0-14.1 and
    # SMA 14.x) waits for; the rest of each line is our wording.
    "users.op.policy": ("Change password and account policy settings.", "R"),
    "users.op.status": ("Change the status of a user account.", "R"),
    "users.op.account": ("Configure account locking after failed login attempts.", "R"),
    "users.op.strength": ("Configure the passphrase rules.", "R"),
    "users.rules.length": ("Passphrase rules: at least {count} characters{extra}", "R"),
    "users.rules.cases": (", one upper and one lower case letter", "R"),
    "users.rules.number": (", one number", "R"),
    "users.rules.special": (", one special character", "R"),
    "users.rules.username": (", not similar to the username", "R"),
    "users.rules.sequential": (", no three repetitive or sequential characters", "R"),
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
    "users.policy.locks": ("Account lock: after {count} consecutive unsuccessful login attempts",
                           "R"),
    "users.policy.unlocked": ("Account lock: Disabled", "R"),
    # "automatically lock account" (ESA), "lock account after unsuccessful login" (SMA)
    "users.policy.lock": ("Would you like to automatically lock account after unsuccessful "
                          "login attempts?", "S"),
    # "unsuccessful login attempts"; the sentence is the QA keyword's description of it
    "users.policy.attempts": ("How many consecutive unsuccessful login attempts will lock the "
                              "account?", "S"),
    # "available" / "locked" (ESA STATUS reads which of the two is shown)
    "users.status": ("The account {name} is {state}.", "R"),
    "users.available": ("available", "S"),
    "users.locked": ("locked", "S"),
    "users.lock_it": ("Do you want to lock this account?", "S"),
    "users.make_available": ("Do you want to make this account available?", "S"),
    # Our wording: the appliance's authentication log lines for these are not public.
    "users.log_locked": ("The user {name} was locked by {by}.", "R"),
    "users.log_unlocked": ("The user {name} was made available by {by}.", "R"),
    "passwd.old": ("Old password: ", "T"),
    "passwd.new": ("New password: ", "T"),
    "passwd.again": ("Retype new password: ", "T"),
    "passwd.wrong": ("Old password is incorrect.", "R"),
    "passwd.done": ("Password changed.", "R"),
    # Our wording (issue 15): AsyncOS's own answer for a role without commit is not public.
    "passwd.cannot_commit": ("Your role cannot commit changes, so your password cannot be "
                             "changed. Ask an administrator to change it.", "R"),
    "ssh.op.sshd": ("Edit SSH server settings.", "R"),
    "ssh.op.userkey": ("Edit SSH User Key settings", "R"),
    "ssh.keys_for": ("Currently installed keys for {name}:", "R"),
    "ssh.no_keys": ("There are no user keys.", "R"),
    "ssh.op.new": ("Add a new key.", "R"),
    "ssh.op.delete": ("Remove a key.", "R"),
    "ssh.op.print": ("Display a key.", "R"),
    "ssh.op.user": ("Switch to a different user to edit.", "R"),
    "ssh.paste": ("Please enter the public SSH key for authorization.\n"
                  "Press enter on a blank line to finish.", "R"),
    "ssh.bad_key": ("SSH key does not appear to be a valid public key.", "S"),
    "ssh.which_key": ("Enter the number of the key you wish to {action}.", "R"),
    "ssh.which_user": ("Enter the name of the user whose keys you wish to edit.", "R"),
    "ssh.unknown_user": ("User \"{name}\" does not exist.", "R"),
    "ssh.sshd_info": ("SSH server: enabled\nPublic Key Authentication Algorithms: ssh-ed25519, "
                      "ecdsa-sha2-nistp256, rsa-sha2-512, rsa-sha2-256", "R"),
}
strings.register(STRINGS)
