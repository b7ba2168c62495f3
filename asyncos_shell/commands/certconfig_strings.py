"""Every user-visible string of ``certconfig`` (cli.md §5.1), with its evidence label.

S entries are verbatim substrings Cisco's QA automation waits for; the words around them (and
every R entry) are best guesses to correct when a real transcript shows better.  The R entries
left are those no release's ctor, keyword, GUI driver or robot test waits for or names (the
listing's title, Name column and status words, EDIT's description, the intermediate remove loop,
EXPORT's result and errors, PRINT's service table, the CA sub-menu descriptions, and CRL).

Sources of S (Cisco's QA library, github dharma412/PythonClass, commit b79a424, ``csa/``):
the questions are what ``testlib/phoebe1411/cli/ctor/certconfig.py`` (ESA 14.x; the copies
phoebe1100-1380 lack the FQDN and export-all questions) waits for; CERTIFICATE's operations IMPORT, PASTE, PRINT, EXPORT and DELETE carry
the words of the docstrings in ``testlib/phoebe1411/cli/keywords/cert_config.py`` (K: "a
certificate from a local PKCS#12 file", "Paste a certificate into the CLI", "certificates assigned
to services", "Exports a certificate", "Removes a certificate"); NEW's first choice starts "Create
a self-signed" as the ctor's choice "Create a self-signed SMIME certificate" does; EDIT's and
EXPORT's pick questions share DELETE's words "certificate profile you wish to".
G: the ESA GUI driver of Network > Certificates, ``testlib/phoebe1411/gui/network/certificates.py``
(column titles of the certificate table; the certificate-authority pairs "Custom List",
"System List" with "Enabled"/"Disabled").
Z: the SMA copy of certconfig (shared AsyncOS code),
``testlib/zeus1400/cli/keywords/cert_config.py`` and ``cli/ctor/certconfig.py`` (CERTAUTHORITY
status lines, PRINT's layout); ZT: the SMA robot tests
``tests/zeus1400/csdl/ct1818_sec_509_calist_3.robot``,
``tests/zeus1400/csdl/ct1561_sec_509_fqdn2.robot`` and
``tests/zeus1400/unittests/cli/fqdn_validation.robot`` (what ENABLE, DISABLE and IMPORT print).
"""
from __future__ import annotations

from .. import strings

STRINGS: dict[str, tuple[str, str]] = {
    # -- top level (cli.md §5.1.1) --
    "certconfig.demo_notice": ("You are currently using a demonstration certificate (Cisco Secure "
                               "Email Certificate) which is not secure and is not recommended for "
                               "general use.", "S"),
    "certconfig.one_cert": ("Currently using one certificate/key for receiving, delivery, HTTPS "
                            "management access, and LDAPS.", "T"),
    "certconfig.many_certs": ("Currently using multiple certificates/keys for receiving, delivery, "
                              "HTTPS management access, and LDAPS.", "R"),
    "certconfig.menu.certificate": ("Import, Create a request, Edit or Remove Certificate "
                                    "Profiles", "T"),
    "certconfig.menu.certauthority": ("Manage System and Customized Authorities", "T"),
    "certconfig.menu.crl": ("Manage Certificate Revocation Lists", "T"),
    # A question without a default shows a bare "> " sub-prompt (cli.md §1.3, E).
    "certconfig.prompt.bare": ("> ", "T"),

    # -- CERTIFICATE listing and menu (cli.md §5.1.2) --
    "cert.list.title": ("List of Certificates", "R"),
    "cert.list.name": ("Name", "R"),
    # The column titles of the GUI's certificate table (G): Common Name, Issued By, Status,
    # Time Remaining (its further columns Domains, Expiration Date and "FQDN compliance checked"
    # are not known to be in the CLI listing).
    "cert.list.common_name": ("Common Name", "S"),
    "cert.list.issued_by": ("Issued By", "S"),
    "cert.list.status": ("Status", "S"),
    "cert.list.remaining": ("Time Remaining", "S"),
    "cert.list.days": ("{days} days", "R"),
    "cert.list.none": ("No certificate profiles are defined.", "R"),
    "cert.status.valid": ("Valid", "R"),
    "cert.status.expired": ("Expired", "R"),
    "cert.status.not_yet_valid": ("Not yet valid", "R"),
    "cert.status.csr_pending": ("Signing request pending", "R"),
    "cert.menu.import": ("Import a certificate from a local PKCS#12 file", "S"),
    "cert.menu.paste": ("Paste a certificate into the CLI", "S"),
    "cert.menu.new": ("Create a self-signed certificate and CSR", "S"),
    "cert.menu.edit": ("Update certificate or view the signing request", "R"),
    # K: "Exports a certificate into a file", "Removes a certificate" (as IMPORT's "Imports a
    # certificate from a local PKCS#12 file"); EDIT's "Updates an existing certificate" differs
    # from our recollection, which stays R.
    "cert.menu.export": ("Export a certificate", "S"),
    "cert.menu.delete": ("Remove a certificate", "S"),
    "cert.menu.print": ("View certificates assigned to services", "S"),

    # -- questions shared by NEW, PASTE, IMPORT --
    "cert.profile_name": ("Enter a name for this certificate profile:", "T"),
    "cert.profile_exists": ("Certificate profile \"{name}\" already exists. Do you want to\n"
                            "overwrite with this new one?", "T"),
    "cert.fqdn": ("Do you want to check if Common Name is in Fully Qualified Domain Name(FQDN) "
                  "format?", "S"),
    # A 14.x CA import [S]; certificate profiles in 16.0.3, where an 80-column pty shows it
    # broken after "Fully" (E, cli.md §5.1.2 [T]: the terminal's wrapping, terminal/wrap.py)
    "cert.fqdn_san": ("Do you want to check if Common Name or SAN:dNSName or both are in Fully "
                      "Qualified Domain Name(FQDN) format ?", "S"),
    "cert.fqdn_invalid": ("\"{name}\" is not in Fully Qualified Domain Name(FQDN) format.", "R"),

    # -- NEW --
    "cert.new.kind.normal": ("Create a self-signed certificate and CSR", "S"),
    "cert.new.kind.smime": ("Create a self-signed SMIME certificate and CSR", "S"),
    "cert.new.common_name": ("Enter Common Name:", "S"),
    "cert.new.organization": ("Enter Organization:", "S"),
    "cert.new.unit": ("Enter Organizational Unit:", "S"),
    "cert.new.locality": ("Enter Locality or City:", "S"),
    "cert.new.state": ("Enter State or Province:", "S"),
    "cert.new.country": ("Enter Country (2 letter code):", "S"),
    "cert.new.country_invalid": ("Country should be a ISO two character country code", "S"),
    "cert.new.email": ("Enter email address:", "S"),
    "cert.new.email_invalid": ("An email address is a localname, an \"@\", and a domain.", "S"),
    "cert.new.add_member": ("Add another member?", "S"),
    "cert.new.dns": ("Enter the DNS you want to add:", "S"),
    "cert.new.duration": ("Duration before expiration (in days):", "S"),
    "cert.new.key_size": ("Enter size of private key:", "S"),
    "cert.new.view_csr": ("Do you want to view the CSR?", "S"),

    # -- PASTE and EDIT --
    "cert.paste.certificate": ("Paste public certificate in PEM format (end with '.'):", "S"),
    "cert.paste.key": ("Paste private key in PEM format (end with '.'):", "S"),
    "cert.paste.passphrase": ("Enter passphrase:", "S"),
    "cert.paste.intermediate": ("Paste intermediate certificate in PEM format (end with '.'):", "S"),
    "cert.invalid_certificate": ("Invalid certificate...discarding", "S"),
    "cert.invalid_key": ("Invalid private key ...discarding", "S"),
    "cert.key_mismatch": ("Private key does not sign certificate...discarding", "S"),
    "cert.invalid_intermediate": ("Invalid intermediate certificate...discarding", "R"),
    "cert.duplicate_intermediate": ("This intermediate certificate is already part of the "
                                    "certificate chain...discarding", "R"),
    # The yes/no after the key: the SMA and WSA copies wait for its word "intermediate"
    # (testlib/zeus1400/cli/ctor/certconfig.py, testlib/coeus1201/cli/ctor/certconfig.py); the
    # ESA ctor answers it Y per intermediate, then N.  Only that word is evidenced.
    "cert.add_intermediate": ("Do you want to add an intermediate certificate?", "S"),
    "cert.remove_intermediate": ("Do you want to remove an intermediate certificate?", "R"),
    "cert.choose_intermediate": ("Choose the intermediate certificate you wish to remove:", "R"),
    "cert.intermediate_item": ("{subject} (Issued by: {issuer})", "R"),
    "cert.edit.choose": ("Select the certificate profile you wish to edit:", "S"),
    # K's words for EDIT's first yes/no ("update_cert: update the existing public certificate")
    "cert.edit.update": ("Do you want to update the existing public certificate?", "S"),

    # -- IMPORT --
    "cert.import.file": ("Enter the name of the file on machine \"{hostname}\" to import:", "T"),
    "cert.import.missing": ("Error: the file \"{name}\" does not exist.", "S"),
    "cert.import.failed": ("Invalid pass phrase or corrupt PKCS#12 file.", "T"),

    # -- EXPORT --
    "cert.export.choose": ("Select the certificate profile you wish to export:", "S"),
    "cert.export.file": ("Enter a name for the exported file:", "S"),
    "cert.export.bad_name": ("Invalid file name \"{name}\".", "R"),
    "cert.export.passphrase": ("Create a passphrase for file:", "S"),
    "cert.export.confirm": ("Confirm the passphrase for file:", "S"),
    "cert.export.write_failed": ("Error: the file \"{name}\" could not be written.", "R"),

    # -- DELETE --
    "cert.delete.choose": ("Select the certificate profile you wish to delete:", "S"),
    "cert.delete.confirm": ("Are you sure you want to delete the certificate profile "
                            "\"{name}\"?", "S"),
    "cert.delete.in_use": ("The certificate profile \"{name}\" is in use and cannot be "
                           "deleted:", "R"),

    # -- PRINT: which service uses which certificate --
    "cert.print.service": ("Service", "R"),
    "cert.print.profile": ("Certificate", "R"),
    "cert.print.not_set": ("(none)", "R"),
    "cert.print.chain_title": ("Certificate chains:", "R"),
    "cert.print.chain_certificate": ("Certificate", "R"),
    "cert.print.chain_intermediate": ("Intermediate {number}", "R"),
    "cert.print.chain_line": ("  {label}: {subject}\n      Issued by: {issuer}\n"
                              "      Not Valid After: {until}", "R"),
    "cert.service.listener": ("Receiving (listener {name})", "R"),
    "cert.service.delivery": ("Delivery (destination controls)", "R"),
    "cert.service.https": ("HTTPS management access (interface {name})", "R"),
    "cert.service.ldap": ("LDAPS", "R"),
    "cert.service.websecurity": ("Web Security Services client certificate", "R"),

    # -- CERTAUTHORITY (cli.md §5.1.3, corrections item 9) --
    # The status lines Z reads ("Custom List:", "System List:", values compared with "Enabled"
    # and "Disabled"); the GUI shows the same pairs, Custom List first (G).
    "ca.status.system": ("System List: {state}", "S"),
    "ca.status.custom": ("Custom List: {state}", "S"),
    "ca.enabled": ("Enabled", "S"),
    "ca.disabled": ("Disabled", "S"),
    # What ENABLE and DISABLE print (ZT ct1818: "System list disabled", "Custom list enabled" ...)
    "ca.custom.enabled": ("Custom list enabled", "S"),
    "ca.custom.disabled": ("Custom list disabled", "S"),
    "ca.system.enabled": ("System list enabled", "S"),
    "ca.system.disabled": ("System list disabled", "S"),
    "ca.menu.custom": ("Manage Custom Certificate Authorities", "R"),
    "ca.menu.system": ("Manage System Certificate Authorities", "R"),
    "ca.menu.enable": ("Enable the list", "R"),
    "ca.menu.disable": ("Disable the list", "R"),
    "ca.menu.import": ("Import custom certificate authorities from a local file", "R"),
    "ca.menu.delete": ("Remove a custom certificate authority", "R"),
    "ca.menu.print": ("Display the certificate authorities", "R"),
    "ca.menu.export": ("Export the certificate authorities to a file", "R"),
    "ca.unreadable": ("Could not read PEM data from file.", "S"),
    # IMPORT's result and its FQDN refusal (ZT fqdn_validation.robot, ct1561: "Imported 1 custom
    # certificates successfully", "A valid domain name is a string that must match the following
    # rules"); the rule lines are those of a hostname (K set_host_name.py docstring) with "domain
    # name" for "hostname": our guess inside the S string.
    "ca.imported": ("Imported {count} custom certificates successfully", "S"),
    "ca.fqdn_invalid": ("A valid domain name is a string that must match the following rules:\n"
                        "- A label is a set of characters, numbers, dashes, and underscores.\n"
                        "- The first and last character of a label must be a letter or a "
                        "number.\n"
                        "- The domain name must have at least 2 labels separated by a period.\n"
                        "- The last label cannot be all numbers.", "S"),
    "ca.already_present": ("The certificate authority \"{name}\" is already in the custom "
                           "list...skipping", "R"),
    "ca.none": ("No custom certificate authorities are defined.", "R"),
    "ca.delete.choose": ("Select the custom ca certificate you wish to delete:", "S"),
    "ca.delete.confirm": ("Are you sure you want to delete \"{name}\"?", "S"),
    "ca.export.all": ("Do you want to export all custom ca certificates?", "S"),
    "ca.export.choose": ("Select the custom ca certificate you wish to export:", "S"),
    # PRINT: a title ending in "certificates:", then one subject per line starting with an
    # attribute (C=, O=, OU=, CN=): Z splits the output there and joins wrapped lines back (Z
    # cert_authority_print, _refine_list).  The title's other words are ours.
    "ca.print.custom": ("Custom ca certificates:", "R"),
    "ca.print.system": ("System ca certificates:", "R"),

    # -- CRL (cli.md §5.1.4): all R.  No QA ctor drives certconfig → CRL in any release; ESA's
    # GUI keeps CRLs as sources fetched from URLs (Network > CRL Sources: Name, CRL File Type PEM
    # or ASN.1, Primary/Secondary URL, scheduled update; testlib/phoebe1100-1411/gui/network/
    # crl_sources.py), a model the emulator's imported files do not follow. --
    "crl.title": ("List of Certificate Revocation Lists", "R"),
    "crl.issuer": ("Issuer", "R"),
    "crl.last_update": ("Last Update", "R"),
    "crl.next_update": ("Next Update", "R"),
    "crl.revoked": ("Revoked", "R"),
    "crl.none": ("No certificate revocation lists are defined.", "R"),
    "crl.menu.import": ("Import a certificate revocation list from a local file", "R"),
    "crl.menu.delete": ("Remove a certificate revocation list", "R"),
    "crl.menu.print": ("Display a certificate revocation list", "R"),
    "crl.unreadable": ("Could not read CRL data from file.", "R"),
    "crl.no_ca": ("The CRL is not signed by a custom certificate authority...discarding", "R"),
    "crl.delete.choose": ("Select the CRL you wish to delete:", "R"),
    "crl.delete.confirm": ("Are you sure you want to delete the CRL of \"{name}\"?", "R"),
    "crl.print.choose": ("Select the CRL you wish to display:", "R"),
    "crl.print.head": ("Issuer: {issuer}\nLast Update: {last}\nNext Update: {next}\n"
                       "Revoked Certificates: {count}", "R"),
    "crl.print.item": ("    Serial Number: {serial}  Revocation Date: {date}", "R"),
}

strings.register(STRINGS)
