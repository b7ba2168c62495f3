"""Network plumbing shared by the front ends (``asyncos_shell``, ``asyncos_web``) and
``smtp_core``: Twisted code that knows no appliance feature.

It sits between them and ``cluster``: they may import it, it imports only ``cluster`` (which has no
Twisted, so this Twisted half cannot live there) and none of them.
"""
