"""The system gauges measure this process and the state directory's filesystem."""
from __future__ import annotations

import os

from smtp_core import systemgauges


def test_gauges_are_shares_of_the_machine_and_sizes_of_the_state_directory(tmp_path):
    (tmp_path / "queue").mkdir()
    sampler = systemgauges.LoadSampler(tmp_path)
    found = systemgauges.system_gauges(tmp_path, sampler)
    for name in ("ram_percent", "cpu_percent", "disk_io_percent", "logging_disk_percent"):
        assert 0 <= found[name] <= 100, (name, found)
    space = os.statvfs(tmp_path)
    assert abs(found["logging_disk_available"] - space.f_bavail * space.f_frsize) < 1 << 30
    assert abs(found["queue_kilobytes_free"] - space.f_bavail * space.f_frsize // 1024) < 1 << 20
    # A busy loop shows as CPU load once a second has passed since the previous sample.
    sampler._last = (sampler._last[0] - systemgauges.MIN_INTERVAL, *sampler._last[1:])
    spin = os.times()
    while (lambda t: t.user + t.system)(os.times()) - (spin.user + spin.system) < 0.3:
        pass
    assert sampler.sample()["cpu_percent"] > 0
    # Asked again at once, the same figures (no noise from a few milliseconds).
    assert sampler.sample() == sampler.sample()
