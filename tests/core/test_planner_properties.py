"""Property tests: any day (overlaps, DST changes, sessions over midnight) plans soundly."""

from __future__ import annotations

import itertools
import json
import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from planner_fixtures import NY, make_library

from groundtui.config import PlannerSettings
from groundtui.planner import DayPlan, plan_day, plan_json
from groundtui.schedule.model import Session, day_bounds, overlaps_day

DAYS = (date(2026, 11, 24), date(2026, 11, 1), date(2026, 3, 8))  # plain, fall back, spring on
LIBRARY = make_library(cues=True)

SETTINGS = st.builds(
    PlannerSettings,
    notes_minutes=st.sampled_from([0.0, 3.0, 5.0]),
    outside=st.booleans(),
    closing=st.booleans(),
    max_reset_minutes=st.sampled_from([2.0, 5.0]),
    favourites=st.sampled_from([(), ("box-breathing",), ("body-scan-3", "pmr-short")]),
    disabled=st.sampled_from([(), ("step-outside",), ("feet-on-floor", "day-closing")]),
)


@st.composite
def days(draw: st.DrawFn) -> tuple[date, list[Session]]:
    """A day and sessions overlapping it: random starts (seconds apart), lengths, overlaps."""
    day = draw(st.sampled_from(DAYS))
    lo, _ = day_bounds(day, NY)
    base = lo.astimezone(UTC)
    sessions = []
    for _ in range(draw(st.integers(0, 10))):
        offset = draw(st.integers(-3 * 3600, 26 * 3600))
        length = draw(
            st.sampled_from([0, 60, 600, 1800, 3000, 3600, 5400]) | st.integers(0, 4 * 3600)
        )
        start = (base + timedelta(seconds=offset)).astimezone(NY)
        end = (base + timedelta(seconds=offset + length)).astimezone(NY)
        heavy = draw(st.booleans())
        label = draw(st.sampled_from([None, "Intake", "X.Y.", "trauma work"]))
        if overlaps_day(start, end, day, NY):
            sessions.append(Session(start, end, heavy=heavy, label=label))
    return day, sessions


def u(t: datetime) -> datetime:
    return t.astimezone(UTC)


def merged_blocks(sessions: list[Session]) -> list[tuple[datetime, datetime]]:
    """An independent merge of the busy time, for checking."""
    blocks: list[list[datetime]] = []
    for s in sorted(sessions, key=lambda s: (u(s.start), u(s.end))):
        if blocks and u(s.start) <= blocks[-1][1]:
            blocks[-1][1] = max(blocks[-1][1], u(s.end))
        else:
            blocks.append([u(s.start), u(s.end)])
    return [(a, b) for a, b in blocks]


def check_plan(plan: DayPlan, sessions: list[Session], day: date) -> None:
    lo, hi = (u(t) for t in day_bounds(day, NY))
    # sessions sorted by start then end
    keys = [(u(s.start), u(s.end)) for s in plan.sessions]
    assert keys == sorted(keys)
    assert len(plan.sessions) == len(sessions)
    # gaps never overlap sessions and are not empty
    for gap in plan.gaps:
        assert u(gap.start) < u(gap.end)
        assert gap.minutes > 0
        for s in plan.sessions:
            assert not (u(gap.start) < u(s.end) and u(s.start) < u(gap.end))
    # busy blocks and gaps tile [first start, last end] clipped to the day
    if sessions:
        pieces = [(max(a, lo), min(b, hi)) for a, b in merged_blocks(sessions)]
        pieces += [(u(g.start), u(g.end)) for g in plan.gaps]
        pieces.sort()
        assert pieces[0][0] == max(min(u(s.start) for s in sessions), lo)
        assert max(p[1] for p in pieces) == min(max(u(s.end) for s in sessions), hi)
        for (_, end), (start, _) in itertools.pairwise(pieces):
            assert start == end
    else:
        assert plan.gaps == ()
        assert plan.closing is None
    # resets lie in their gap, after the notes buffer, in order, never overlapping; the breaths
    # before the note (gaps of 5+ minutes) come first, at most 60 s, before the notes time
    for gap in plan.gaps:
        assert u(gap.start) <= u(gap.notes_start) <= u(gap.notes_end) <= u(gap.end)
        previous_end = u(gap.notes_end)
        for i, reset in enumerate(gap.resets):
            if reset.role == "before_note":
                assert i == 0 and gap.minutes >= 5
                assert u(reset.start) >= u(gap.start) and reset.seconds <= 60
                assert u(reset.end) <= u(gap.notes_start)
                continue
            assert u(reset.start) >= previous_end
            assert u(reset.start) < u(reset.end) <= u(gap.end)
            previous_end = u(reset.end)
        if gap.back_to_back:
            assert gap.resets == ()
        # stepping outside leaves a minute to walk back before what comes next
        for reset, after in itertools.pairwise([*gap.resets, None]):
            if reset.kind == "step_outside":
                following = u(after.start) if after is not None else u(gap.end)
                assert (following - u(reset.end)).total_seconds() >= 60 - 1e-6
    # changeovers sit exactly where one session ends and another begins, none running across
    for change in plan.changeovers:
        at = u(change.at)
        assert any(u(s.end) == at for s in sessions) and any(u(s.start) == at for s in sessions)
        assert not any(u(s.start) < at < u(s.end) for s in sessions)
        assert lo <= at < hi and change.seconds == 20 and change.reset.seconds <= 20
        assert u(change.reset.start) == at and change.reset.role == "changeover"
    expected = {
        u(s.end)
        for s in sessions
        if u(s.start) < u(s.end)
        and lo <= u(s.end) < hi
        and any(u(t.start) == u(s.end) and u(t.start) < u(t.end) for t in sessions)
        and not any(u(t.start) < u(s.end) < u(t.end) for t in sessions)
    }
    assert {u(c.at) for c in plan.changeovers} == expected
    if plan.closing is not None:
        assert u(plan.closing.end) <= hi
        assert u(plan.closing.start) >= max(u(s.end) for s in sessions)


@settings(max_examples=150, deadline=None)
@given(days(), SETTINGS)
def test_any_day_plans_soundly(case: tuple[date, list[Session]], rules: PlannerSettings) -> None:
    day, sessions = case
    plan = plan_day(sessions, LIBRARY, rules, day, NY)
    check_plan(plan, sessions, day)
    disabled = set(rules.disabled)
    assert not {r.id for r in plan.resets} & disabled


@settings(max_examples=100, deadline=None)
@given(days(), SETTINGS, st.integers(-3600, 25 * 3600))
def test_replanning_never_starts_a_reset_before_now(
    case: tuple[date, list[Session]], rules: PlannerSettings, offset: int
) -> None:
    day, sessions = case
    now = (u(day_bounds(day, NY)[0]) + timedelta(seconds=offset)).astimezone(NY)
    base = plan_day(sessions, LIBRARY, rules, day, NY)
    plan = plan_day(sessions, LIBRARY, rules, day, NY, now=now)
    check_plan(plan, sessions, day)
    for old, new in zip(base.gaps, plan.gaps, strict=True):
        if u(new.end) > u(now):
            assert all(u(r.start) >= u(now) for r in new.resets)
        if u(new.start) > u(now) or u(new.end) <= u(now):
            assert new == old  # gaps already over, and future ones, are unchanged


@settings(max_examples=60, deadline=None)
@given(days(), SETTINGS, st.randoms(use_true_random=False))
def test_same_input_gives_the_same_plan(
    case: tuple[date, list[Session]], rules: PlannerSettings, rnd: random.Random
) -> None:
    day, sessions = case
    shuffled = list(sessions)
    rnd.shuffle(shuffled)
    items = list(LIBRARY.items())
    rnd.shuffle(items)
    a = plan_json(plan_day(sessions, LIBRARY, rules, day, NY))
    b = plan_json(plan_day(shuffled, dict(items), replace(rules), day, NY))
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


@settings(max_examples=60, deadline=None)
@given(days())
def test_json_times_have_offsets_and_no_labels(case: tuple[date, list[Session]]) -> None:
    day, sessions = case
    data = plan_json(plan_day(sessions, LIBRARY, PlannerSettings(), day, NY))
    times = [s[k] for s in data["sessions"] for k in ("start", "end")]
    for gap in data["gaps"]:
        times += [gap["start"], gap["end"]]
        times += [r[k] for r in gap["resets"] for k in ("start", "end")]
        assert isinstance(gap["minutes"], float)
    if data["closing"] is not None:
        times += [data["closing"]["start"], data["closing"]["end"]]
    for text in times:
        assert datetime.fromisoformat(text).utcoffset() is not None
    assert all("label" not in s for s in data["sessions"])
    text = json.dumps(data)
    assert "Intake" not in text and "X.Y." not in text and "trauma" not in text
