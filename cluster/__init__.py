"""The appliance configuration: model, levels, sessions, commit, persistence and XML.

Pure Python: no Twisted, no prompt_toolkit, no sockets.
"""
