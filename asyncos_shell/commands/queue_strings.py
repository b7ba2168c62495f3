"""Strings of the queue and tracking commands: tophosts, hoststatus, showrecipients,
deleterecipients, delivernow, redirectrecipients, workqueue, rate, resetcounters, suspend*,
resume*, findevent and showmessage.

Evidence: ``tophosts active_rcpts`` is a verbatim command line (mail-logs.md §7.1, V); the
``Deleted: MID n to [r]`` log line is verbatim (mail-logs.md §4, V); the ``findevent`` usage is
the appliance's ``help findevent`` (cli.md corrections 6, V); the column titles of ``tophosts``
are those of a user's posting of its output ("Running the Tophosts Command", Cisco community,
S).  Everything else is recalled from the AsyncOS CLI reference guide's examples (R).
"""
from __future__ import annotations

from .. import strings

STRINGS: dict[str, tuple[str, str]] = {
    "queue.unavailable": ("Mail services are not running.", "R"),
    "queue.status_as_of": ("Status as of:", "R"),
    "queue.please_wait": ("{doing} messages, please wait.", "R"),
    # -- selections of showrecipients / deleterecipients --
    "queue.select": ("Please select how you would like to {verb} messages:", "R"),
    "queue.by_host": ("By recipient host.", "R"),
    "queue.by_sender": ("By Envelope From address.", "R"),
    "queue.by_all": ("All.", "R"),
    "queue.which_host": ("Please enter the hostname for the messages you wish to {verb}.", "R"),
    "queue.which_sender": ("Please enter the Envelope From address for the messages you wish "
                           "to {verb}.", "R"),
    "queue.bad_batch": ("Invalid arguments. Use: {usage}", "R"),
    # -- tophosts --
    "tophosts.description": ("Display the top hosts by queue size.", "R"),
    "tophosts.sort": ("Sort results by:", "R"),
    "tophosts.by_active": ("Active Recipients", "R"),
    "tophosts.by_conn": ("Connections Out", "R"),
    "tophosts.by_delivered": ("Delivered Recipients", "R"),
    "tophosts.by_hard": ("Hard Bounced Recipients", "R"),
    "tophosts.by_soft": ("Soft Bounced Events", "R"),
    "tophosts.down": ("Hosts marked with '*' were down as of the last delivery attempt.", "R"),
    "tophosts.header1": ("#   Recipient Host                   Act"
                         "ive    Conn.   Deliv.     Soft     Hard", "S"),
    "tophosts.header2": ("                                     Rec"
                         "ip.      Out   Recip.  Bounced  Bounced", "S"),
    "tophosts.none": ("There are no hosts to show.", "R"),
    # -- hoststatus --
    "hoststatus.description": ("Get the status of the given hostname.", "R"),
    "hoststatus.host": ("Recipient host:", "R"),
    "hoststatus.title": ("Host mail status for: '{host}'", "R"),
    "hoststatus.updown": ("Host up/down:", "R"),
    "hoststatus.up": ("up", "R"),
    "hoststatus.down": ("down", "R"),
    "hoststatus.unknown": ("unknown", "R"),
    "hoststatus.oldest": ("Oldest Message", "R"),
    "hoststatus.no_messages": ("No Messages", "R"),
    "hoststatus.last_activity": ("Last Activity", "R"),
    "hoststatus.never": ("Never", "R"),
    "hoststatus.last_5xx": ("Last 5XX Error:", "R"),
    "hoststatus.last_tls": ("Last TLS Error:    {setting}", "R"),
    "hoststatus.event_at": ("(at {when}) IP: {address}", "R"),
    # The section titles: "SMTP routes for this host:" is what Cisco's QA library's hoststatus
    # parser looks for (testlib/zeus1362/cli/ctor/hoststatus.py, S); the same library's GUI
    # tables are named "MX Records" and "Ordered IP Addresses" (the appliance's delivery status
    # page); the CLI's capitalisation, the column titles and widths are recalled (R).
    "hoststatus.routes": ("SMTP routes for this host:", "S"),
    "hoststatus.mx": ("MX Records:", "R"),
    "hoststatus.mx.header": ("    Preference   TTL          Hostname", "R"),
    "hoststatus.ordered": ("Ordered IP addresses:", "R"),
    "hoststatus.ordered.header": ("    Preference   IPs", "R"),
    "hoststatus.bad_host": ("Please enter a valid hostname or domain.", "R"),
    # -- showrecipients / deleterecipients --
    "showrecipients.description": ("Show messages from the queue by recipient host, Envelope "
                                   "From address, or all messages.", "R"),
    "showrecipients.header1": ("MID/     Bytes/   Sender/                         Subject", "R"),
    "showrecipients.header2": ("[RID]    [Atmps]  Recipient", "R"),
    "showrecipients.none": ("There are no messages in the queue matching your selection.", "R"),
    "deleterecipients.description": ("Delete messages from the queue by recipient host, "
                                     "Envelope From address, or all messages.", "R"),
    "deleterecipients.confirm_host": ("Are you sure you want to delete all messages being "
                                      "delivered to \"{value}\"?", "R"),
    "deleterecipients.confirm_sender": ("Are you sure you want to delete all messages being "
                                        "sent from \"{value}\"?", "R"),
    "deleterecipients.confirm_all": ("Are you sure you want to delete all messages in the "
                                     "delivery queue (all active recipients)?", "R"),
    "deleterecipients.done": ("{count} recipients deleted.", "R"),
    "deleterecipients.none": ("There are no messages in the queue matching your selection.",
                              "R"),
    # -- delivernow --
    "delivernow.description": ("Reschedule messages for immediate delivery.", "R"),
    "delivernow.choose": ("Please choose an option for scheduling immediate delivery.", "R"),
    "delivernow.by_host": ("By recipient host", "R"),
    "delivernow.all": ("All messages", "R"),
    "delivernow.which": ("Please enter the domain to schedule for immediate delivery.", "R"),
    "delivernow.host_done": ("Rescheduling all messages to {domain} for immediate delivery.",
                             "R"),
    "delivernow.all_done": ("Rescheduling all messages for immediate delivery.", "R"),
    # -- redirectrecipients --
    "redirectrecipients.description": ("Redirect all messages to another relay host.", "R"),
    "redirectrecipients.host": ("Please enter the hostname or IP address of the machine you "
                                "want to send all mail to.", "R"),
    "redirectrecipients.confirm": ("WARNING: redirecting recipients to a host or IP address "
                                   "that is not prepared to accept them may result in message "
                                   "loss.  Are you sure you want to redirect all mail in the "
                                   "queue to \"{host}\"?", "R"),
    "redirectrecipients.done": ("{count} recipients redirected.", "R"),
    "redirectrecipients.bad_host": ("Please enter a valid hostname or IP address.", "R"),
    # -- workqueue --
    "workqueue.description": ("Display and/or alter work queue pause status.", "R"),
    "workqueue.status": ("Display work queue status", "R"),
    "workqueue.pause": ("Pause the work queue", "R"),
    "workqueue.resume": ("Resume the work queue", "R"),
    "workqueue.rate": ("Display work queue statistics over time", "R"),
    "workqueue.state_operational": ("Status: Operational", "R"),
    "workqueue.state_paused": ("Status: Paused by admin", "R"),
    "workqueue.messages": ("Messages: {count}", "R"),
    "workqueue.confirm_pause": ("Manually pause work queue?  This will only affect unprocessed "
                                "messages.", "R"),
    "workqueue.paused": ("Work queue paused.", "R"),
    "workqueue.already_paused": ("The work queue is already paused.", "R"),
    "workqueue.resumed": ("Work queue resumed.", "R"),
    "workqueue.not_paused": ("The work queue is not paused.", "R"),
    # -- rate --
    "rate.description": ("Monitor message throughput.", "R"),
    "rate.interval": ("Enter the number of seconds between displays.", "R"),
    "rate.stop": ("Hit Ctrl-C to return to the main prompt.", "R"),
    "rate.header1": ("Time       Connections Recipients           Recipients         Queue",
                     "R"),
    "rate.header2": ("             In   Out   Received    Delta  Completed    Delta  K-Used",
                     "R"),
    "workqueue.rate_header": ("Time       Pending     In    Out", "R"),
    # -- resetcounters --
    "resetcounters.description": ("Reset all of the counters in the system.", "R"),
    "resetcounters.done": ("Counters reset: {when}", "R"),
    # -- suspend / resume --
    "suspend.description": ("Suspend receiving and delivery.", "R"),
    "resume.description": ("Resume receiving and delivery.", "R"),
    "suspenddel.description": ("Suspend delivery.", "R"),
    "resumedel.description": ("Resume delivery.", "R"),
    "suspendlistener.description": ("Suspend receiving.", "R"),
    "resumelistener.description": ("Resume receiving.", "R"),
    "suspend.seconds": ("Enter the number of seconds to wait before abruptly closing "
                        "connections.", "R"),
    "suspend.waiting_listeners": ("Waiting for listeners to exit...", "R"),
    "suspend.waiting_delivery": ("Waiting for outgoing deliveries to finish...", "R"),
    "suspend.receiving": ("Receiving suspended for {names}.", "R"),
    "suspend.delivery": ("Mail delivery suspended.", "R"),
    "suspend.choose": ("Choose the listener(s) you wish to {verb}.\nSeparate multiple entries "
                       "with commas.", "R"),
    "suspend.all": ("All", "R"),
    "suspend.bad_choice": ("Please enter numbers from 1 to {high}, separated by commas.", "R"),
    "resume.receiving": ("Receiving resumed for {names}.", "R"),
    "resume.delivery": ("Mail delivery resumed.", "R"),
    "resume.delivery_not_suspended": ("Mail delivery is not suspended.", "R"),
    "resume.no_listeners": ("No listeners are suspended.", "R"),
    "suspend.no_listeners": ("There are no listeners to suspend.", "R"),
    # -- findevent --
    "findevent.description": ("Find events in mail log files.", "V"),
    "findevent.usage": ("findevent [-i] [-f from | -s subject | -t to] log_name\n"
                        "findevent -m mid log_name", "V"),
    "findevent.kind": ("Please choose which type of search you want to perform:", "R"),
    "findevent.by_from": ("Search by envelope FROM", "R"),
    "findevent.by_mid": ("Search by Message ID", "R"),
    "findevent.by_subject": ("Search by Subject", "R"),
    "findevent.by_to": ("Search by envelope TO", "R"),
    "findevent.regexp": ("Enter the regular expression to search for.", "R"),
    "findevent.mid": ("Enter the Message ID (MID) you want to find.", "R"),
    "findevent.insensitive": ("Do you want this search to be case insensitive?", "R"),
    "findevent.log": ("Enter the number of the log you wish to use for message tracking.", "R"),
    "findevent.files": ("Please choose which set of logs to search:", "R"),
    "findevent.files_all": ("All available log files", "R"),
    "findevent.files_current": ("Current log file", "R"),
    "findevent.found": ("The following matching message IDs were found.  Please choose one to "
                        "show additional log information:", "R"),
    "findevent.match": ("MID {mid} ({when}) {value}", "R"),
    "findevent.none": ("No matching message IDs were found.", "R"),
    "findevent.bad_regexp": ("Invalid regular expression: {error}", "R"),
    "findevent.bad_mid": ("The Message ID must be a number.", "R"),
    "findevent.unable": ("Unable to search the log.", "R"),
    # -- showmessage --
    "showmessage.description": ("Show a message in the queue.", "R"),
    "showmessage.mid": ("Enter the MID to display.", "R"),
    "showmessage.not_found": ("MID {mid} was not found in the queue.", "R"),
    "showmessage.bad_mid": ("The MID must be a number.", "R"),
    "showmessage.mid_line": ("MID {mid}", "R"),
    "showmessage.from": ("Envelope From: <{sender}>", "R"),
    "showmessage.to": ("Envelope To: <{recipient}>", "R"),
    # A body is shown up to 1 MiB (our bound: the appliance's own is not documented).
    "showmessage.omitted": ("[{omitted} more bytes of this message are not shown.]", "R"),
}

strings.register(STRINGS)
