"""The appliance's web interface: login, the pages of the tech note, Commit Changes.

A GUI session is a front end like a CLI session: it holds its own ``cluster.session.ConfigSession``
(pending changes that only ``Commit Changes`` makes real, through the same validator and history
as the CLI).  Pages are server-rendered Jinja2 templates, with no JavaScript.
"""
