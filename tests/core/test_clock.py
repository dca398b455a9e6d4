from __future__ import annotations

from datetime import UTC, datetime, timedelta
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


# --------------------------------------------------------------------------- DST (issue 13)


def test_shifted_clock_skips_the_spring_forward_hour() -> None:
    """01:56 + 10 min on 2026-03-08 in New York is 03:06 EDT, never a 02:06 that does not exist."""
    ticks = [0.0]
    clock = ShiftedClock(datetime(2026, 3, 8, 1, 56, tzinfo=NY), monotonic=lambda: ticks[0])
    ticks[0] += 600
    now = clock.now()
    assert (now.hour, now.minute) == (3, 6)
    assert now.utcoffset() == timedelta(hours=-4)


def test_shifted_clock_repeats_the_fall_back_hour() -> None:
    """00:30 EDT + 2 h of real time on 2026-11-01 is 01:30 EST (the second 01:30), not 02:30."""
    ticks = [0.0]
    clock = ShiftedClock(datetime(2026, 11, 1, 0, 30, tzinfo=NY), monotonic=lambda: ticks[0])
    ticks[0] += 2 * 3600
    now = clock.now()
    assert (now.hour, now.minute) == (1, 30)
    assert now.utcoffset() == timedelta(hours=-5)
    ticks[0] += 3600
    assert (clock.now().hour, clock.now().utcoffset()) == (2, timedelta(hours=-5))


def test_shifted_clock_at_speed_across_both_transitions() -> None:
    """A whole day at --speed 3600 measures 24 real hours, on each DST night of 2026."""
    for day in (datetime(2026, 3, 7, 12, 0, tzinfo=NY), datetime(2026, 10, 31, 12, 0, tzinfo=NY)):
        ticks = [0.0]
        clock = ShiftedClock(day, speed=3600, monotonic=lambda ticks=ticks: ticks[0])
        ticks[0] += 24
        assert clock.now().astimezone(UTC) - day.astimezone(UTC) == timedelta(hours=24)
        assert clock.now().hour in (11, 13)  # 23 or 25 wall hours later


def test_manual_clock_advances_on_instants() -> None:
    clock = ManualClock(datetime(2026, 3, 8, 1, 30, tzinfo=NY))
    assert clock.advance(minutes=45).hour == 3


def test_shifted_clock_refuses_speeds_it_cannot_keep() -> None:
    start = datetime(2026, 11, 24, 9, 0, tzinfo=NY)
    for speed in (float("nan"), float("inf"), 1e300, -1.0):
        with pytest.raises(ValueError):
            ShiftedClock(start, speed=speed)


def test_shifted_clock_stops_at_the_end_of_the_calendar() -> None:
    ticks = [0.0]
    clock = ShiftedClock(datetime(2026, 11, 24, 9, 0, tzinfo=NY), 1e5, lambda: ticks[0])
    ticks[0] += 1e12
    assert clock.now().year == 9999
