"""Every listener, HAT, RAT and interface setting survives XML export/import, and validation
refuses dangling names and bad syntax whichever way they got into the configuration."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from harness import factory  # noqa: E402

from cluster import defaults, model, validate, xmlconf  # noqa: E402


def configured():
    """The factory configuration with every setting listenerconfig/interfaceconfig owns changed."""
    config = factory()
    machine = next(iter(config.machines))
    view = config.appliance(machine)
    view.interfaces["Data1"] = model.Interface(
        "Data1", "10.0.0.5", 16, "mail.example.com", "Data 2", {"ssh": 2222, "https": 8443},
        "Demo", True, ipv6="2001:db8::5", ipv6_prefix=48, smtp_helo="helo.example.com")
    settings = view.listeners
    settings.max_header_lines, settings.max_connection_seconds = 500, 600
    settings.hat_delayed_rejection = True
    listener = settings.listeners["IncomingMail"]
    listener.tcp_queue, listener.add_received_header, listener.queue_to_disk = 70, False, True
    listener.hat.default_params.smtp_banner_text = 'Hello "world"\nsecond line'
    listener.hat.default_params.smtp_auth_requires_tls = True
    listener.hat.default_params.max_rcpts_per_hour_code = 452
    listener.hat.default_params.spf_reject = "mail_from:fail helo:permerror"
    listener.hat.sender_groups.insert(0, model.SenderGroup(
        "", ["spamdomain.com", "10.1.1.10-20"], "ACCEPT", "inline",
        model.PolicyParams(tls="required", max_rcpts_per_hour_text="slow")))
    listener.rat.insert(0, model.RecipientAccess("joe@example.com", "REJECT", 551, "gone", True))
    settings.listeners["Out"] = model.Listener("Out", "private", "Data1", "QMQP", 628,
                                               hat=defaults.private_hat(["10.0.0.0/8"]))
    return config, machine


def test_xml_round_trip_keeps_every_setting():
    config, machine = configured()
    validate.validate(config)
    text = xmlconf.export_xml(config, machine, secrets="plain")
    assert xmlconf.import_xml(text).to_tree() == config.to_tree()


def errors_after(change):
    config, machine = configured()
    change(config.appliance(machine))
    return validate.machine_errors(config, machine)


@pytest.mark.parametrize("change, error", [
    (lambda v: setattr(v.listeners.listeners["Out"], "interface", "No pe"),
     "listener Out: invalid interface name 'No pe'"),
    (lambda v: setattr(v.listeners.listeners["Out"], "certificate", "Nope"),
     "listener Out uses certificate 'Nope', which does not exist"),
    (lambda v: setattr(v.interfaces["Data1"], "https_certificate", "Nope"),
     "interface Data1 uses certificate 'Nope', which does not exist"),
    (lambda v: setattr(v.listeners.listeners["Out"], "port", 2222),
     "listener Out and ssh on Data1 both use 10.0.0.5 port 2222"),
    (lambda v: setattr(v.listeners.listeners["Out"], "protocol", "LMTP"),
     "listener Out: unknown protocol 'LMTP'"),
    (lambda v: setattr(v.listeners.listeners["IncomingMail"].hat.sender_groups[1], "policy", "$NOPE"),
     "listener IncomingMail: sender group RELAYLIST uses policy '$NOPE', which does not exist"),
    (lambda v: v.listeners.listeners["IncomingMail"].hat.sender_groups[1].senders.append("1.2.3.999"),
     'listener IncomingMail: sender group RELAYLIST: Invalid IP or IP range "1.2.3.999".'),
    (lambda v: setattr(v.listeners.listeners["IncomingMail"].hat.sender_groups[2], "name", "RELAYLIST"),
     "listener IncomingMail: duplicate sender group names"),
    (lambda v: setattr(v.listeners.listeners["IncomingMail"].hat, "default_action", "$NOPE"),
     "listener IncomingMail: default policy '$NOPE' does not exist"),
    (lambda v: setattr(v.listeners.listeners["IncomingMail"].hat.default_params, "tls", "verify"),
     "listener IncomingMail: default parameters: unknown TLS setting 'verify'"),
    (lambda v: setattr(v.listeners.listeners["IncomingMail"].hat.default_params, "spf_reject",
                       "helo:fail pra:maybe"),
     "listener IncomingMail: default parameters: unknown SPF/SIDF identity and result "
     "'pra:maybe'"),
    (lambda v: setattr(v.listeners.listeners["IncomingMail"].rat[0], "address", "a@@b"),
     "listener IncomingMail: invalid Recipient Access Table address 'a@@b'"),
    (lambda v: setattr(v.interfaces["Data1"], "ipv4", "10.0.0.300"),
     "interface Data1: invalid address '10.0.0.300'"),
    (lambda v: setattr(v.interfaces["Data1"], "ipv6_prefix", 129),
     "interface Data1: invalid prefix length 129 for 2001:db8::5"),
])
def test_validation_refuses(change, error):
    assert error in errors_after(change)


def test_an_ipv6_only_interface_is_valid():
    def ipv6_only(view):
        view.interfaces["Data1"].ipv4 = ""
    assert errors_after(ipv6_only) == []
