"""Exact transcripts of ``deliveryconfig`` (cli.md §5.3; tech note 118601), in-process."""

from cluster import model
from cluster.interfaces import source_address
from harness import make_appliance, run_exec

from .certconfig_support import commit_edit, drive

P = "ironport.example.com> "
INTERFACES = """
Choose the default interface to deliver mail.
1. Auto
2. Management (127.0.0.1/8: ironport.example.com)
3. Data1 (127.0.0.9/24: data1.example.com)
"""


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def status(interface="Auto", possible="Enabled", concurrency=10000, tls=10000, fallback="Yes"):
    return f"""
Default interface to deliver mail: {interface}
"Possible Delivery": {possible}
Default system wide maximum outbound message delivery concurrency: {concurrency}
Default system wide TLS maximum outbound message delivery concurrency: {tls}
Should an attempt to connect without TLS be made when TLS concurrency limit has been reached: \
{fallback}

Choose the operation you want to perform:
- SETUP - Configure mail delivery.
[]> """


def with_data_interface(appliance):
    commit_edit(appliance, lambda s: s.edit("interfaces").update(
        {"Data1": model.Interface("Data1", "127.0.0.9", 24, "data1.example.com")}))


def test_setup_with_bad_answers(tmp_path):
    appliance = make_appliance(tmp_path)
    with_data_interface(appliance)
    text, config = drive(appliance, ["deliveryconfig", "setup", "4", "data1", "maybe", "n", "0",
                                     "10001", "", "500", "", "", "commit", "x", ""])
    assert text.startswith(crlf(P + "deliveryconfig\n" + status() + "setup\n" + INTERFACES
                                + "[1]> 4\nPlease enter a number from 1 to 3.\n" + INTERFACES
                                + """[1]> data1

Enable "Possible Delivery" (recommended)? [Y]> maybe
Please answer Y or N.

Enable "Possible Delivery" (recommended)? [Y]> n

Please enter the default system wide maximum outbound message delivery concurrency.
[10000]> 0
The value must be an integer from 1 to 10000.

Please enter the default system wide maximum outbound message delivery concurrency.
[10000]> 10001
The value must be an integer from 1 to 10000.

Please enter the default system wide maximum outbound message delivery concurrency.
[10000]> 

Please enter the default system wide TLS maximum outbound message delivery concurrency.
[10000]> 500

Should an attempt to connect without TLS be made when TLS concurrency limit has been reached? \
[Y]> 
""" + status("Data1", "Disabled", 10000, 500, "Yes") + "\n\n" + P + "commit\n"))
    delivery = appliance.view().delivery
    assert (delivery.interface, delivery.possible_delivery, delivery.tls_max_concurrency,
            delivery.tls_fallback_plain) == ("Data1", False, 500, True)


def test_batch_answers_in_order(tmp_path):
    appliance = make_appliance(tmp_path)
    status, text, _ = run_exec(appliance, "deliveryconfig setup 2 y 300 30 n; commit x Y")
    assert status == 0
    delivery = appliance.view().delivery
    assert (delivery.interface, delivery.max_concurrency, delivery.tls_max_concurrency,
            delivery.tls_fallback_plain) == ("Management", 300, 30, False)
    assert text.startswith("\r\nChanges committed: ")


def test_a_deleted_interface_may_stay_named_and_delivery_chooses_as_auto(tmp_path):
    """interfaceconfig DELETE's "Ignore" leaves the name; delivery still has a source."""
    appliance = make_appliance(tmp_path)
    with_data_interface(appliance)
    text, config = drive(appliance, ["deliveryconfig", "setup", "3", "", "", "", "", ""])
    config.edit("interfaces").pop("Data1")
    config.commit("x")
    view = appliance.view()
    assert view.delivery.interface == "Data1"
    assert source_address(view.interfaces, view.delivery.interface).name == "Management"
