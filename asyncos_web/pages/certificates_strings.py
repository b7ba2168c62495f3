"""Strings of Network > Certificates (seed §3.1-§3.3 for the labels the tech note prints [V]).
Messages of the appliance's certconfig that the GUI shows as well keep the CLI's evidence."""
from __future__ import annotations

from .. import strings

strings.register({
    "cert.title": ("Certificates", "V"),
    "cert.add": ("Add Certificate...", "V"),
    "cert.export": ("Export Certificate...", "R"),
    "cert.list.name": ("Name", "R"),
    "cert.list.common_name": ("Common Name", "R"),
    "cert.list.issued_by": ("Issued By", "R"),
    "cert.list.status": ("Status", "R"),
    "cert.list.remaining": ("Time Remaining", "R"),
    "cert.list.days": ("{days} days", "R"),
    "cert.list.delete": ("Delete", "R"),
    "cert.list.none": ("No certificates have been defined.", "R"),
    "cert.status.valid": ("Valid", "R"),
    "cert.status.expired": ("Expired", "R"),
    "cert.status.not_yet_valid": ("Not yet valid", "R"),
    "cert.status.csr_pending": ("Signing request pending", "R"),
    # Add Certificate (seed §3.1: Network > Certificates > Add Certificate, "Create Self-Signed
    # Certificate" from the drop-down)
    "cert.add.title": ("Add Certificate", "V"),
    "cert.add.kind": ("Add Certificate:", "V"),
    "cert.add.self_signed": ("Create Self-Signed Certificate", "V"),
    "cert.add.import": ("Import Certificate", "R"),
    "cert.add.name": ("Certificate Name:", "R"),
    "cert.add.common_name": ("Common Name (CN):", "V"),
    "cert.add.organization": ("Organization (O):", "R"),
    "cert.add.unit": ("Organizational Unit (OU):", "R"),
    "cert.add.locality": ("Locality or City (L):", "R"),
    "cert.add.state": ("State or Province (ST):", "R"),
    "cert.add.country": ("Country (2 letter code) (C):", "R"),
    "cert.add.duration": ("Duration before expiration:", "R"),
    "cert.add.days": ("days", "R"),
    "cert.add.key_size": ("Private Key Size:", "R"),
    "cert.add.file": ("Certificate File (PKCS#12):", "R"),
    "cert.add.password": ("Password:", "R"),
    "cert.add.review": ("View Certificate", "R"),
    "cert.add.review_intro": ("Review the certificate, then click Submit to add it. Remember to "
                              "commit the changes before you download its signing request.", "R"),
    "cert.added": ("Certificate \"{name}\" added. Commit Changes before you download its "
                   "Certificate Signing Request.", "R"),
    "cert.name.exists": ("A certificate named \"{name}\" already exists.", "R"),
    "cert.country_invalid": ("Country should be a ISO two character country code", "S"),
    "cert.import.failed": ("Invalid pass phrase or corrupt PKCS#12 file.", "T"),
    "cert.import.missing": ("Choose the PKCS#12 file to import.", "R"),
    # the certificate's page (seed §3.2-§3.3)
    "cert.edit.title": ("Edit Certificate", "R"),
    "cert.edit.name": ("Certificate Name:", "R"),
    "cert.edit.subject": ("Subject:", "R"),
    "cert.edit.issued_by": ("Issued By:", "R"),
    "cert.edit.expires": ("Expiration Date:", "R"),
    "cert.edit.status": ("Status:", "R"),
    "cert.edit.csr": ("Download Certificate Signing Request", "V"),
    "cert.edit.csr_missing": ("This certificate has no signing request.", "R"),
    "cert.edit.upload": ("Upload Signed Certificate:", "V"),
    "cert.edit.upload_hint": ("X.509 certificate in PEM format; it replaces the current "
                              "certificate.", "R"),
    "cert.edit.intermediates": ("Intermediate Certificates:", "R"),
    "cert.edit.add_intermediate": ("Add Intermediate Certificate:", "R"),
    "cert.edit.remove": ("Remove", "R"),
    "cert.edit.none": ("None", "R"),
    "cert.edit.saved": ("Certificate \"{name}\" updated. Commit Changes to put it into service.",
                        "R"),
    "cert.invalid_certificate": ("Invalid certificate...discarding", "S"),
    "cert.key_mismatch": ("Private key does not sign certificate...discarding", "S"),
    "cert.invalid_intermediate": ("Invalid intermediate certificate...discarding", "R"),
    "cert.duplicate_intermediate": ("This intermediate certificate is already part of the "
                                    "certificate chain...discarding", "R"),
    # Export
    "cert.export.title": ("Export Certificate", "R"),
    "cert.export.certificate": ("Certificate:", "R"),
    "cert.export.file": ("File Name:", "R"),
    "cert.export.password": ("Password:", "R"),
    "cert.export.confirm": ("Confirm Password:", "R"),
    "cert.export.mismatch": ("The passphrases do not match.", "R"),
    # Delete
    "cert.delete.title": ("Delete Certificate", "R"),
    "cert.delete.confirm": ("Are you sure you want to delete the certificate profile "
                            "\"{name}\"?", "S"),
    "cert.delete.in_use": ("The certificate profile \"{name}\" is in use and cannot be "
                           "deleted: {users}", "R"),
    "cert.deleted": ("Certificate \"{name}\" deleted.", "R"),
    "cert.service.listener": ("listener {name}", "R"),
    "cert.service.delivery": ("destination controls", "R"),
    "cert.service.https": ("HTTPS of interface {name}", "R"),
    "cert.service.ldap": ("LDAP", "R"),
    "cert.service.websecurity": ("URL filtering", "R"),
    # Certificate Authorities
    "ca.title": ("Certificate Authorities", "R"),
    "ca.edit": ("Edit Settings...", "R"),
    "ca.edit.title": ("Edit Certificate Authorities", "R"),
    "ca.custom": ("Custom List:", "R"),
    "ca.system": ("System List:", "R"),
    "ca.enabled": ("Enabled", "R"),
    "ca.disabled": ("Disabled", "R"),
    "ca.enable": ("Enable", "R"),
    "ca.disable": ("Disable", "R"),
    "ca.custom_cas": ("Custom Certificate Authorities:", "R"),
    "ca.import": ("Import Custom Certificate Authority:", "R"),
    "ca.none": ("No custom certificate authorities are defined.", "R"),
    "ca.unreadable": ("Could not read PEM data from file.", "S"),
    "ca.already_present": ("The certificate authority \"{name}\" is already in the custom "
                           "list...skipping", "R"),
    "ca.saved": ("Certificate authority settings changed.", "R"),
})
