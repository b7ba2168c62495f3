"""settz's one-line forms: ``settz Area/Location`` and ``settz Area Location``, the second as
Cisco's QA driver types it (csa/testlib/phoebe1411/cli/ctor/settz.py)."""
from harness import make_appliance, run_exec


def test_area_and_location_as_two_words(tmp_path):
    status, text, config = run_exec(make_appliance(tmp_path), "settz America New_York")
    assert status == 0, text
    assert config.read("system").timezone == "America/New_York"


def test_an_unknown_zone_is_invalid(tmp_path):
    status, text, config = run_exec(make_appliance(tmp_path), "settz Nowhere Atlantis")
    assert status == 1
    assert "Invalid time zone: Nowhere/Atlantis" in text
    assert config.read("system").timezone == "GMT"
