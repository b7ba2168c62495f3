"""Strings of the queue and tracking commands: tophosts, hoststatus, showrecipients,
deleterecipients, delivernow, redirectrecipients, workqueue, rate, resetcounters, suspend*,
resume*, findevent and showmessage.

Evidence: ``tophosts active_rcpts`` is a verbatim command line (mail-logs.md §7.1, V); the
``Deleted: MID n to [r]`` log line is verbatim (mail-logs.md §4, V); the ``findevent`` usage is
the appliance's ``help findevent`` (cli.md corrections 6, V); the column titles of ``tophosts``
are those of a user's posting of its output ("Running the Tophosts Command", Cisco community,
S).

S: Cisco's QA automation library for the ESA CLI (github dharma412/PythonClass, commit b79a424,
``csa/testlib/phoebe1411/cli/ctor/<command>.py`` — the text each dialogue driver waits for — and
``.../cli/keywords/<command>.py`` — the documented menus and descriptions):
tophosts.py ("Sort results", "Status as of", the five sort keys in order, "Display the top hosts
by queue size."); hoststatus.py ("Host mail status for:", "Status as of:", "Host up/down:" with
``up`` in its sample, "Oldest Message", "Last Activity", "Get the status of the given
hostname"); delete_recipients.py and deleterecipients.py ("Delete messages from the queue.",
"the Envelope From address for the messages you wish to", the ``All`` item, "N recipients
deleted.", "No recipients deleted."); zeus1498/cli/ctor/showrecipients.py and
keywords/show_recipients.py ("enter the hostname", "enter the Envelope", "how you would like to
show messages", the ``Recipient`` column line); delivernow.py (its items are chosen by the words
``domain`` and ``all``, so the first reads "By recipient domain"; "Reschedule messages for
immediate delivery."); redirectrecipients.py ("enter the hostname or IP address of the
machine", "Are you sure you want to redirect all mail"); workqueue.py ("Status: …" then
"Messages: n"); zeus1498/cli/ctor/rate.py ("Enter the number of seconds", and a sample of the
output kept in a comment: "Type Ctrl-C to return to the main prompt." and the two header lines,
taken as they are); resetcounters.py ("Counters "); suspend*, resume* (the descriptions, "Choose
the listener", "All", "no listeners configured", "Receiving resumed for", "No listeners were
resumed.", "Mail delivery resumed"; since 11.0 suspenddel asks, after the seconds, "one or more
domains [comma-separated] to which you want to suspend delivery" with the default ALL, and
resumedel asks the same for resuming, keywords/suspend_del.py and resume_del.py); upgrade.py ("Enter the number of seconds to wait before
forcibly closing connections", the same suspend question); findevent.py and find_event.py (the
four search types and three log sets in order, "regular expression to search for", "Enter the
Message ID", "number of the log you wish to use", "following matching message IDs were found.
Please choose one to show additional log" with one space, "No matching message IDs");
show_message.py ("The MID to display.").  Where only a fragment is known, the rest of the
sentence is ours.

S from other files of the same library: hostrate.py asks "Recipient host:" (hoststatus's
one question, answered blind by hoststatus.py); deleterecipients.py always answers the
confirmation, then reads "No record of that host." (bouncerecipients.py's self-test expects it
for a host never seen) or the count; resumedel.py waits for "Mail delivery resumed" after the
domains question, also when delivery was not suspended (the robot test
csa/tests/zeus1400/commonregression/sma_esa/ngsma/sar/search_and_remediate_onprem.robot resumes
twice), so there is no "not suspended" message.  Dialogue facts without words: findevent.py's
question map has no case question (only the one-line form's ``-i``); showrecipients.py answers
a case-sensitivity question after an Envelope From address; workqueue.py reads "Unknown
option" after ``resume`` on a running queue and "Choose the operation" after Ctrl-C in RATE.

R: everything else, recalled from the AsyncOS CLI reference guide's examples or chosen here.
"""
from __future__ import annotations

from .. import strings
from . import _shared_strings  # noqa: F401  (bad_host, bad_regexp)

STRINGS: dict[str, tuple[str, str]] = {
    "queue.unavailable": ("Mail services are not running.", "R"),
    "queue.status_as_of": ("Status as of:", "S"),
    "queue.please_wait": ("{doing} messages, please wait.", "R"),
    # -- selections of showrecipients / deleterecipients --
    "queue.select": ("Please select how you would like to {verb} messages:", "S"),
    "queue.by_host": ("By recipient host.", "R"),
    "queue.by_sender": ("By Envelope From address.", "R"),
    "queue.by_all": ("All.", "S"),
    "queue.which_host": ("Please enter the hostname for the messages you wish to {verb}.", "S"),
    "queue.which_sender": ("Please enter the Envelope From address for the messages you wish "
                           "to {verb}.", "S"),
    "queue.bad_batch": ("Invalid arguments. Use: {usage}", "R"),
    # -- tophosts --
    "tophosts.description": ("Display the top hosts by queue size.", "S"),
    "tophosts.sort": ("Sort results by:", "S"),
    "tophosts.by_active": ("Active Recipients", "S"),
    "tophosts.by_conn": ("Connections Out", "S"),
    "tophosts.by_delivered": ("Delivered Recipients", "S"),
    "tophosts.by_hard": ("Hard Bounced Recipients", "S"),
    "tophosts.by_soft": ("Soft Bounced Events", "S"),
    "tophosts.down": ("Hosts marked with '*' were down as of the last delivery attempt.", "R"),
    "tophosts.header1": ("#   Recipient Host                   Act"
                         "ive    Conn.   Deliv.     Soft     Hard", "S"),
    "tophosts.header2": ("                                     Rec"
                         "ip.      Out   Recip.  Bounced  Bounced", "S"),
    # -- hoststatus --
    "hoststatus.description": ("Get the status of the given hostname.", "S"),
    # hoststatus asks one question (ctor/hoststatus.py answers it blind); its sibling hostrate
    # asks for the same thing with these words (ctor/hostrate.py, every ESA and SMA release).
    "hoststatus.host": ("Recipient host:", "S"),
    "hoststatus.title": ("Host mail status for: '{host}'", "S"),
    "hoststatus.updown": ("Host up/down:", "S"),
    "hoststatus.up": ("up", "S"),
    "hoststatus.down": ("down", "R"),
    # A host never tried.  hoststatus.py also knows an error "No record of host:", but not when
    # it is printed; the lab's MX lookups for new hosts keep the status with "unknown" (R).
    "hoststatus.unknown": ("unknown", "R"),
    # The counter tree.  Every line the QA library's hoststatus parser reads is S
    # (dharma412/PythonClass csa/testlib/phoebe1411/cli/ctor/hoststatus.py, the same in every
    # ESA release from phoebe1100 and in the SMA's zeus*/cli/ctor/hoststatus.py): it cuts the
    # output at "Counters:" and "Gauges:" and matches each label followed by at least its
    # pattern's run of spaces, then the value.  The order of the five hard-bounce reasons is
    # that of the same library's status parser (.../phoebe1411/cli/ctor/status.py).  The
    # group headings above the rows are not read by either parser (R).
    "hoststatus.counters": ("Counters:", "S"),
    "hoststatus.gauges": ("Gauges:", "S"),
    "hoststatus.queue": ("Queue", "R"),
    "hoststatus.completion": ("Completion", "R"),
    "hoststatus.connections": ("Connections", "R"),
    "hoststatus.soft_bounced": ("Soft Bounced Events", "S"),
    "hoststatus.completed": ("Completed Recipients", "S"),
    "hoststatus.hard_bounced": ("Hard Bounced Recipients", "S"),
    "hoststatus.dns_bounces": ("DNS Hard Bounces", "S"),
    "hoststatus.fivexx_bounces": ("5XX Hard Bounces", "S"),
    "hoststatus.expired_bounces": ("Expired Hard Bounces", "S"),
    "hoststatus.filter_bounces": ("Filter Hard Bounces", "S"),
    "hoststatus.other_bounces": ("Other Hard Bounces", "S"),
    "hoststatus.delivered": ("Delivered Recipients", "S"),
    "hoststatus.deleted": ("Deleted Recipients", "S"),
    "hoststatus.active": ("Active Recipients", "S"),
    "hoststatus.unattempted": ("Unattempted Recipients", "S"),
    "hoststatus.attempted": ("Attempted Recipients", "S"),
    "hoststatus.connections_out": ("Current Outbound Connections", "S"),
    "hoststatus.pending_out": ("Pending Outbound Connections", "S"),
    "hoststatus.oldest": ("Oldest Message", "S"),
    "hoststatus.no_messages": ("No Messages", "R"),
    "hoststatus.last_activity": ("Last Activity", "S"),
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
    "showrecipients.header2": ("[RID]    [Atmps]  Recipient", "S"),
    # the question is evidenced (see showrecipients.py), its words are ours
    "showrecipients.sensitive": ("Do you want this search to be case sensitive?", "R"),
    "showrecipients.none": ("There are no messages in the queue matching your selection.", "R"),
    "deleterecipients.description": ("Delete messages from the queue by recipient host, "
                                     "Envelope From address, or all messages.", "S"),
    "deleterecipients.confirm_host": ("Are you sure you want to delete all messages being "
                                      "delivered to \"{value}\"?", "R"),
    "deleterecipients.confirm_sender": ("Are you sure you want to delete all messages being "
                                        "sent from \"{value}\"?", "R"),
    "deleterecipients.confirm_all": ("Are you sure you want to delete all messages in the "
                                     "delivery queue (all active recipients)?", "R"),
    "deleterecipients.done": ("{count} recipients deleted.", "S"),
    "deleterecipients.none": ("No recipients deleted.", "S"),
    "deleterecipients.no_record": ("No record of that host.", "S"),
    # -- delivernow --
    "delivernow.description": ("Reschedule messages for immediate delivery.", "S"),
    "delivernow.choose": ("Please choose an option for scheduling immediate delivery.", "R"),
    "delivernow.by_host": ("By recipient domain", "S"),
    "delivernow.all": ("All messages", "S"),
    "delivernow.which": ("Please enter the domain to schedule for immediate delivery.", "R"),
    "delivernow.host_done": ("Rescheduling all messages to {domain} for immediate delivery.",
                             "R"),
    "delivernow.all_done": ("Rescheduling all messages for immediate delivery.", "R"),
    # -- redirectrecipients --
    "redirectrecipients.description": ("Redirect all messages to another relay host.", "R"),
    "redirectrecipients.host": ("Please enter the hostname or IP address of the machine you "
                                "want to send all mail to.", "S"),
    "redirectrecipients.confirm": ("WARNING: redirecting recipients to a host or IP address "
                                   "that is not prepared to accept them may result in message "
                                   "loss.  Are you sure you want to redirect all mail in the "
                                   "queue to \"{host}\"?", "S"),
    "redirectrecipients.done": ("{count} recipients redirected.", "R"),
    # -- workqueue --
    "workqueue.description": ("Display and/or alter work queue pause status.", "R"),
    "workqueue.status": ("Display work queue status", "R"),
    "workqueue.pause": ("Pause the work queue", "R"),
    "workqueue.resume": ("Resume the work queue", "R"),
    "workqueue.rate": ("Display work queue statistics over time", "R"),
    "workqueue.state_operational": ("Status: Operational", "S"),
    "workqueue.state_paused": ("Status: Paused by admin", "S"),
    "workqueue.messages": ("Messages: {count}", "S"),
    "workqueue.confirm_pause": ("Manually pause work queue?  This will only affect unprocessed "
                                "messages.", "R"),
    "workqueue.reason": ("Enter a reason for pausing the work queue.", "R"),
    "workqueue.paused": ("Work queue paused.", "R"),
    "workqueue.resumed": ("Work queue resumed.", "R"),
    # -- rate --
    "rate.description": ("Monitor message throughput.", "R"),
    "rate.interval": ("Enter the number of seconds between displays.", "S"),
    "rate.stop": ("Type Ctrl-C to return to the main prompt.", "S"),
    "rate.header1": (" Time    Connections Recipients          Recipients            Queue", "S"),
    "rate.header2": ("          In   Out   Received    Delta   Completed    Delta    K-Used", "S"),
    "workqueue.rate_header": ("Time       Pending     In    Out", "R"),
    # -- resetcounters --
    "resetcounters.description": ("Reset all of the counters in the system.", "S"),
    "resetcounters.done": ("Counters reset: {when}", "S"),
    # -- suspend / resume --
    "suspend.description": ("Suspend receiving and delivery.", "S"),
    "resume.description": ("Resume receiving and delivery.", "S"),
    "suspenddel.description": ("Suspend delivery.", "S"),
    "resumedel.description": ("Resume delivery.", "S"),
    "suspendlistener.description": ("Suspend receiving.", "R"),
    "resumelistener.description": ("Resume receiving.", "R"),
    "suspend.seconds": ("Enter the number of seconds to wait before forcibly closing "
                        "connections.", "S"),
    "suspend.waiting_listeners": ("Waiting for listeners to exit...", "R"),
    "suspend.waiting_delivery": ("Waiting for outgoing deliveries to finish...", "R"),
    "suspend.receiving": ("Receiving suspended for {names}.", "R"),
    "suspend.delivery": ("Mail delivery suspended.", "R"),
    "suspenddel.domains": ("Enter one or more domains [comma-separated] to which you want to "
                           "suspend delivery.", "S"),
    "resumedel.domains": ("Enter one or more domains [comma-separated] to which you want to "
                          "resume delivery.", "R"),
    "suspend.bad_domains": ("Please enter ALL, or domains such as example.com, .example.com or "
                            "[192.0.2.1] separated by commas.", "R"),
    "suspend.delivery_domains": ("Mail delivery suspended for {domains}.", "R"),
    "resume.delivery_domains": ("Mail delivery resumed for {domains}.", "S"),
    "suspend.choose": ("Choose the listener(s) you wish to {verb}.\nSeparate multiple entries "
                       "with commas.", "S"),
    "suspend.all": ("All", "S"),
    "suspend.bad_choice": ("Please enter numbers from 1 to {high}, separated by commas.", "R"),
    "resume.receiving": ("Receiving resumed for {names}.", "S"),
    "resume.delivery": ("Mail delivery resumed.", "S"),
    "resume.no_listeners": ("No listeners were resumed.", "S"),
    "suspend.no_listeners": ("There are no listeners configured.", "S"),
    # -- findevent --
    "findevent.description": ("Find events in mail log files.", "V"),
    "findevent.usage": ("findevent [-i] [-f from | -s subject | -t to] log_name\n"
                        "findevent -m mid log_name", "V"),
    "findevent.kind": ("Please choose which type of search you want to perform:", "S"),
    "findevent.by_from": ("Search by envelope FROM", "S"),
    "findevent.by_mid": ("Search by Message ID", "S"),
    "findevent.by_subject": ("Search by Subject", "S"),
    "findevent.by_to": ("Search by envelope TO", "S"),
    "findevent.regexp": ("Enter the regular expression to search for.", "S"),
    "findevent.mid": ("Enter the Message ID (MID) you want to find.", "S"),
    "findevent.log": ("Enter the number of the log you wish to use for message tracking.", "S"),
    "findevent.files": ("Please choose which set of logs to search:", "S"),
    "findevent.files_all": ("All available log files", "S"),
    "findevent.files_select": ("Select log files by date list", "S"),
    "findevent.files_current": ("Current log file", "S"),
    "findevent.available": ("Available mail log files, listed by log file start time. Specify "
                            "multiple log files by separating with commas or specify a range "
                            "with a dash:", "S"),
    "findevent.found": ("The following matching message IDs were found. Please choose one to "
                        "show additional log information:", "S"),
    "findevent.match": ("MID {mid} ({when}) {value}", "R"),
    "findevent.none": ("No matching message IDs were found.", "S"),
    "findevent.bad_mid": ("The Message ID must be a number.", "R"),
    "findevent.unable": ("Unable to search the log.", "R"),
    # -- showmessage --
    "showmessage.description": ("Show a message in the queue.", "R"),
    "showmessage.mid": ("Enter the MID to display.", "S"),
    "showmessage.not_found": ("MID {mid} was not found in the queue.", "R"),
    "showmessage.bad_mid": ("The MID must be a number.", "R"),
    "showmessage.mid_line": ("MID {mid}", "R"),
    "showmessage.from": ("Envelope From: <{sender}>", "R"),
    "showmessage.to": ("Envelope To: <{recipient}>", "R"),
    # A body is shown up to 1 MiB (our bound: the appliance's own is not documented).
    "showmessage.omitted": ("[{omitted} more bytes of this message are not shown.]", "R"),
}

strings.register(STRINGS)
