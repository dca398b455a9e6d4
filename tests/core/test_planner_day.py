"""day.py: the demo day and load_day, plus the sample schedule planned end to end."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from planner_fixtures import DAY, NY, FakeLibrary, at

from groundtui.config import Config
from groundtui.day import demo_sessions, load_day
from groundtui.errors import ScheduleError

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def test_demo_day_is_a_typical_clinic_day() -> None:
    sessions = demo_sessions(DAY, NY)
    assert 6 <= len(sessions) <= 8
    assert sessions[0].start == at("09:00")
    assert sessions[-1].end == at("16:30")
    assert any(s.heavy for s in sessions)
    assert all(s.label and s.label.startswith("Demo") for s in sessions)
    assert all(s.start.date() == DAY for s in sessions)


def test_load_day_without_a_schedule_plans_the_demo_day() -> None:
    plan = load_day(None, DAY, NY, Config(), FakeLibrary())
    assert plan.demo
    gaps = plan.gaps
    assert any(g.after_heavy and g.resets[0].kind == "step_outside" for g in gaps)
    assert any(g.back_to_back for g in gaps)
    assert any(r.role == "long" for g in gaps for r in g.resets)  # the lunch gap
    assert any(g.minutes == 10.0 for g in gaps)
    assert plan.back_to_back_runs == 1
    assert plan.closing is not None


def test_demo_day_follows_the_date() -> None:
    plan = load_day(None, date(2027, 1, 5), NY, Config(), FakeLibrary())
    assert plan.sessions[0].start.date() == date(2027, 1, 5)
    assert plan.sessions[0].start.time() == time(9, 0)


def test_load_day_reports_a_broken_schedule() -> None:
    bad = SAMPLES / "bad" / "schedule_bad_time.toml"
    with pytest.raises(ScheduleError):
        load_day(bad, DAY, NY, Config(), FakeLibrary())


def test_sample_schedule_plan() -> None:
    """The sample schedule.toml on a Tuesday: notes, step outside, arrival, lunch, closing."""
    plan = load_day(SAMPLES / "schedule.toml", DAY, NY, Config(), FakeLibrary())
    assert not plan.demo
    assert [s.start for s in plan.sessions] == [
        at(t) for t in ("09:00", "10:00", "11:10", "13:00", "13:50", "14:45")
    ]
    assert plan.heavy == (False, True, False, False, True, False)
    gaps = {g.start.strftime("%H:%M"): g for g in plan.gaps}
    assert sorted(gaps) == ["09:50", "10:50", "12:00", "14:40"]
    # notes buffer: every reset waits three minutes
    for gap in plan.gaps:
        assert all(r.start >= gap.notes_end for r in gap.resets)
        assert (gap.notes_end - gap.start).total_seconds() == 180
    # after the heavy intake: step outside first
    assert gaps["10:50"].resets[0].kind == "step_outside"
    # a 5-minute gap cannot hold step outside and the minute to walk back: indoor movement
    assert gaps["14:40"].resets[0].kind == "movement"
    # arrival cues end when the next session starts
    for key, start in (("09:50", "10:00"), ("10:50", "11:10"), ("12:00", "13:00")):
        arrive = gaps[key].arrive
        assert arrive is not None and arrive.end == at(start)
    # a longer practice at lunch, with most of the hour free
    lunch = gaps["12:00"]
    practice = next(r for r in lunch.resets if r.role == "long")
    assert practice.kind in ("body_scan", "compassion")
    assert practice.seconds >= 180
    # the closing reflection after the last session
    assert plan.closing is not None
    assert plan.closing.start == at("15:38")
    assert plan.closing.kind == "reflection"
