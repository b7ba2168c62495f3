"""interfaceconfig DELETE of an interface something uses: for outgoing mail, DNS, each listener
and NTP the appliance asks Delete / Change / Ignore (Change: a new interface, and for a listener
a TCP port), in the order of Cisco's ESA driver (``phoebe1411/cli/ctor/interfaceconfig.py``)."""
import copy
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_listenerconfig import PROMPT, committed, contains, crlf, session  # noqa: E402
from harness import force_commit, make_appliance  # noqa: E402

from cluster import model  # noqa: E402
from cluster.validate import validate  # noqa: E402

CHOICES = """1. Delete: {delete}
2. Change: Choose a new interface
3. Ignore: {ignore}
[1]> """
LISTENER_CHOICES = CHOICES.format(delete="Remove the listener and all its settings",
                                  ignore="Leave the listener configured for interface")
SERVICE_CHOICES = CHOICES.format(
    delete="Disable the service on this interface",
    ignore="Leave the interface for the service (The service will not be available until you "
           "add a new interface with the same name or change the settings)")
MAIL_CHOICES = CHOICES.format(
    delete="Disable outgoing mail on this interface",
    ignore="Leave the outgoing mail interface (The service will not be available until you add "
           "a new interface with the same name or change the settings)")
OTHERS = """1. Management (127.0.0.1/8: ironport.example.com)
[1]> """


def with_data1(appliance, delivery=False, dns=False, ntp=False, second_listener=False):
    """Data1 (127.0.0.9) carries IncomingMail (and Second on 2525) and what the flags say."""
    config = appliance.committed().copy()
    machine = appliance.machine
    config.resolve("interfaces", machine)["Data1"] = model.Interface(
        "Data1", "127.0.0.9", 24, "data1.example.com", "Data 1")
    listeners = config.resolve("listeners", machine).listeners
    listeners["IncomingMail"].interface = "Data1"
    if second_listener:
        second = copy.deepcopy(listeners["IncomingMail"])
        second.name, second.port = "Second", 2525
        listeners["Second"] = second
    if delivery:
        config.resolve("delivery", machine).interface = "Data1"
    if dns:
        config.resolve("dnsconfig", machine).interface = "Data1"
    if ntp:
        config.resolve("system", machine).ntp_interface = "Data1"
    force_commit(appliance, config, "Data1 in use")
    return appliance


def delete_data1(appliance, answers):
    return session(appliance, ["interfaceconfig", "delete", "Data1", *answers, "", "commit", "",
                               ""])


def test_every_user_is_asked_in_the_drivers_order_and_change_moves_them(tmp_path):
    appliance = with_data1(make_appliance(tmp_path), delivery=True, dns=True, ntp=True,
                           second_listener=True)
    text = delete_data1(appliance, ["2", "", "2", "1", "2", "Management", "22", "25",
                                    "2", "", "25", "2526", "2", ""])
    contains(text, """[]> Data1

The interface "Data1" is used for outgoing mail.
What would you like to do?
""" + MAIL_CHOICES + """2

Please choose a new interface to use for outgoing mail.
""" + OTHERS + """

The interface "Data1" is used for DNS traffic.
What would you like to do?
""" + SERVICE_CHOICES + """2

Please choose a new interface to use for DNS traffic.
""" + OTHERS + """1

The interface "Data1" is used by listener "IncomingMail".
What would you like to do?
""" + LISTENER_CHOICES + """2

Please choose a new interface for listener "IncomingMail".
""" + OTHERS + """Management

Please enter the TCP port for this listener.
[25]> 22
Port 22 is currently assigned to ssh on Management.

Please enter the TCP port for this listener.
[25]> 25

The interface "Data1" is used by listener "Second".
What would you like to do?
""" + LISTENER_CHOICES + """2

Please choose a new interface for listener "Second".
""" + OTHERS + """

Please enter the TCP port for this listener.
[2525]> 25
Port 25 is currently assigned to listener IncomingMail.

Please enter the TCP port for this listener.
[2525]> 2526

The interface "Data1" is used for NTP queries.
What would you like to do?
""" + SERVICE_CHOICES + """2

Please choose a new interface to use for NTP traffic.
""" + OTHERS + """

Currently configured interfaces:
1. Management (127.0.0.1/8 on Management: ironport.example.com)
""")
    assert "Changes committed" in text
    view = committed(appliance)
    assert list(view.interfaces) == ["Management"]
    assert (view.delivery.interface, view.dnsconfig.interface, view.system.ntp_interface) == (
        "Management", "Management", "Management")
    first, second = view.listeners.listeners["IncomingMail"], view.listeners.listeners["Second"]
    assert (first.interface, first.port, second.interface, second.port) == (
        "Management", 25, "Management", 2526)


def test_delete_removes_the_listener_and_returns_services_to_auto(tmp_path):
    appliance = with_data1(make_appliance(tmp_path), delivery=True, dns=True, ntp=True)
    text = delete_data1(appliance, ["", "1", "", ""])
    contains(text, 'The interface "Data1" is used by listener "IncomingMail".\n'
                   'What would you like to do?\n' + LISTENER_CHOICES + '\n\n'
                   'The interface "Data1" is used for NTP queries.\n')
    assert "Changes committed" in text
    view = committed(appliance)
    assert "IncomingMail" not in view.listeners.listeners
    assert (view.delivery.interface, view.dnsconfig.interface, view.system.ntp_interface) == (
        "Auto", "Auto", "Auto")


def test_ignore_keeps_the_missing_interface_named_and_the_configuration_valid(tmp_path):
    appliance = with_data1(make_appliance(tmp_path), delivery=True)
    text = delete_data1(appliance, ["3", "Ignore"])
    assert "Changes committed" in text
    view = committed(appliance)
    assert (view.delivery.interface, view.listeners.listeners["IncomingMail"].interface) == (
        "Data1", "Data1")
    validate(appliance.committed())
    # listenerconfig still lists it, on the interface it names, with no address.
    listing = session(appliance, ["listenerconfig", ""])
    assert "1. IncomingMail (on Data1, ) SMTP TCP Port 25 Public" in listing.replace("\r\n", "\n")
    # An interface of that name brings the listener back without another question.
    text = session(appliance, ["interfaceconfig", "new", "Data1", "", "127.0.0.9", "", "", "1",
                               "data1.example.com", *[""] * 7, "", "commit", "", ""])
    assert "Changes committed" in text
    assert "IncomingMail" in committed(appliance).listeners.listeners


def test_bad_answers_are_asked_again(tmp_path):
    appliance = with_data1(make_appliance(tmp_path))
    text = delete_data1(appliance, ["4", "2", "3", "Management", "0", "x", "2525"])
    contains(text, """
The interface "Data1" is used by listener "IncomingMail".
What would you like to do?
""" + LISTENER_CHOICES + """4
Please enter a number from 1 to 3.

The interface "Data1" is used by listener "IncomingMail".
What would you like to do?
""" + LISTENER_CHOICES + """2

Please choose a new interface for listener "IncomingMail".
""" + OTHERS + """3
Please enter a number from 1 to 1.

Please choose a new interface for listener "IncomingMail".
""" + OTHERS + """Management

Please enter the TCP port for this listener.
[25]> 0
The value must be an integer from 1 to 65535.

Please enter the TCP port for this listener.
[25]> x
The value must be an integer from 1 to 65535.

Please enter the TCP port for this listener.
[25]> 2525

Currently configured interfaces:
""")
    listener = committed(appliance).listeners.listeners["IncomingMail"]
    assert (listener.interface, listener.port) == ("Management", 2525)


def test_change_needs_another_interface(tmp_path):
    appliance = make_appliance(tmp_path)
    text = session(appliance, ["interfaceconfig", "delete", "Management", "2", "3", "", "commit",
                               "", ""])
    contains(text, """
The interface "Management" is used by listener "IncomingMail".
What would you like to do?
""" + LISTENER_CHOICES + """2
There is no other interface to choose.

The interface "Management" is used by listener "IncomingMail".
What would you like to do?
""" + LISTENER_CHOICES + """3

No interfaces configured.
""")
    assert "Changes committed" in text
    view = committed(appliance)
    assert not view.interfaces and view.listeners.listeners["IncomingMail"].interface == "Management"


def test_an_interface_nothing_uses_is_deleted_without_a_question(tmp_path):
    appliance = with_data1(make_appliance(tmp_path))
    text = session(appliance, ["interfaceconfig", "delete", "Management", "", "commit", "", ""])
    assert crlf("[]> Management\n\nCurrently configured interfaces:\n1. Data1 (") in text
    assert list(committed(appliance).interfaces) == ["Data1"]
