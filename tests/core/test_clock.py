from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from groundtui.clock import ManualClock, ShiftedClock, SystemClock

NY = ZoneInfo("America/New_York")


def test_manual_clock_moves_only_when_told() -> None:
    start = datetime(2026, 11, 24, 9, 0, tzinfo=NY)
    clock = ManualClock(start)
    assert clock.now() == start
    clock.advance(90)
    assert clock.now() == start + timedelta(seconds=90)
    clock.advance(minutes=2)
    assert clock.now() == start + timedelta(seconds=210)


def test_shifted_clock_runs_at_speed() -> None:
    ticks = [100.0]
    start = datetime(2026, 11, 24, 9, 0, tzinfo=NY)
    clock = ShiftedClock(start, speed=30, monotonic=lambda: ticks[0])
    assert clock.now() == start
    ticks[0] += 20
    assert clock.now() == start + timedelta(minutes=10)
    assert clock.now().tzinfo == NY


def test_shifted_clock_rejects_naive_and_bad_speed() -> None:
    with pytest.raises(ValueError):
        ShiftedClock(datetime(2026, 11, 24, 9, 0))
    with pytest.raises(ValueError):
        ShiftedClock(datetime(2026, 11, 24, 9, 0, tzinfo=NY), speed=0)


def test_system_clock_is_aware_in_its_zone() -> None:
    now = SystemClock(NY).now()
    assert now.tzinfo == NY


def test_local_zone_follows_tz(monkeypatch) -> None:
    from groundtui.clock import local_zone

    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert str(local_zone()) == "Asia/Tokyo"
    monkeypatch.setenv("TZ", "Not/AZone")
    assert local_zone() is not None
