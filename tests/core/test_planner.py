"""One test per planner rule, on fixed times on 2026-11-24 in New York."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from planner_fixtures import DAY, NY, FakeLibrary, at, clinic_day, make_library, session

from groundtui.config import PlannerSettings
from groundtui.planner import (
    Gap,
    alternatives,
    count_back_to_back_runs,
    fit_reset,
    is_heavy,
    plan_day,
    plan_json,
)
from groundtui.schedule.model import Session

SETTINGS = PlannerSettings()


def plan(sessions, settings=SETTINGS, library=None, day=DAY, tz=NY, now=None):
    return plan_day(
        sessions, library if library is not None else make_library(), settings, day, tz, now=now
    )


def only_gap(sessions, **kw) -> Gap:
    p = plan(sessions, **kw)
    assert len(p.gaps) == 1
    return p.gaps[0]


def offered(gap: Gap):
    return [r for r in gap.resets if r.role != "arrive"]


# --------------------------------------------------------------------------- gaps


def test_gaps_lie_between_merged_busy_blocks() -> None:
    p = plan(
        [
            session("09:00", "09:50"),
            session("09:30", "10:10"),  # overlaps: merges
            session("10:10", "11:00"),  # touches: merges
            session("11:15", "12:00"),
        ]
    )
    assert [(g.start, g.end) for g in p.gaps] == [(at("11:00"), at("11:15"))]
    assert p.gaps[0].minutes == 15.0
    assert isinstance(p.gaps[0].minutes, float)


def test_a_session_inside_another_leaves_no_gap() -> None:
    p = plan([session("09:00", "12:00"), session("10:00", "10:30"), session("12:10", "13:00")])
    assert [(g.start, g.end) for g in p.gaps] == [(at("12:00"), at("12:10"))]


def test_gaps_are_clipped_to_the_local_day() -> None:
    late_yesterday = Session(at("22:00", DAY - timedelta(days=1)), at("23:00", DAY - timedelta(1)))
    after_midnight = Session(at("01:00"), at("02:00"))
    late_tonight = Session(at("23:00"), at("00:30", DAY + timedelta(days=1)))
    p = plan([late_yesterday, after_midnight, session("22:00", "22:30"), late_tonight])
    assert [(g.start, g.end) for g in p.gaps] == [
        (at("00:00"), at("01:00")),
        (at("02:00"), at("22:00")),
        (at("22:30"), at("23:00")),
    ]


def test_gap_minutes_count_real_time_across_a_dst_change() -> None:
    day = date(2026, 11, 1)  # New York falls back at 02:00 EDT -> 01:00 EST
    first = Session(datetime(2026, 11, 1, 0, 0, tzinfo=NY), datetime(2026, 11, 1, 1, 0, tzinfo=NY))
    second_start = datetime(2026, 11, 1, 1, 20, fold=1, tzinfo=NY)  # 01:20 EST
    second = Session(second_start, second_start + timedelta(minutes=50))
    p = plan([first, second], day=day)
    assert p.gaps[0].minutes == 80.0
    assert p.gaps[0].end.isoformat() == "2026-11-01T01:20:00-05:00"


# --------------------------------------------------------------------------- rules


def test_notes_buffer_keeps_the_first_minutes_free() -> None:
    gap = only_gap([session("09:00", "09:50"), session("10:00", "10:50")])
    assert gap.notes_end == at("09:53")
    assert gap.resets
    assert all(r.start >= gap.notes_end for r in gap.resets)
    assert gap.resets[0].start == at("09:53")


def test_notes_buffer_follows_the_setting() -> None:
    settings = replace(SETTINGS, notes_minutes=5)
    gap = only_gap([session("09:00", "09:50"), session("10:00", "10:50")], settings=settings)
    assert gap.notes_end == at("09:55")
    assert min(r.start for r in gap.resets) == at("09:55")


def test_arrival_cue_ends_when_the_next_session_starts() -> None:
    gap = only_gap([session("09:00", "09:50"), session("10:00", "10:50")])
    arrive = gap.arrive
    assert arrive is not None
    assert arrive.role == "arrive"
    assert "arrive" in arrive.exercise.fits
    assert arrive.end == at("10:00")
    assert arrive.start == at("09:59:15")  # arrive_seconds = 45
    main = gap.offered
    assert main is not None and main.end <= arrive.start


def test_no_arrival_cue_in_a_gap_under_six_minutes() -> None:
    gap = only_gap([session("09:00", "09:50"), session("09:55", "10:50")])
    assert gap.arrive is None
    assert len(gap.resets) == 1


def test_no_arrival_cue_without_an_arrive_exercise() -> None:
    settings = replace(SETTINGS, disabled=("feet-on-floor",))
    gap = only_gap([session("09:00", "09:50"), session("10:00", "10:50")], settings=settings)
    assert gap.arrive is None
    assert gap.offered is not None


def test_heavy_session_goes_outside_first() -> None:
    gap = only_gap([session("10:00", "10:50", heavy=True), session("11:00", "11:50")])
    assert gap.after_heavy
    first = gap.resets[0]
    assert first.role == "outside"
    assert first.kind == "step_outside"
    assert first.start == gap.notes_end


def test_heavy_by_label_keyword() -> None:
    gap = only_gap([session("10:00", "10:50", label="Intake - M.R."), session("11:00", "11:50")])
    assert gap.after_heavy
    assert gap.resets[0].kind == "step_outside"


def test_heavy_keywords_match_whole_words_case_insensitively() -> None:
    keywords = SETTINGS.heavy_keywords
    assert is_heavy(Session(at("09:00"), at("10:00"), label="INTAKE"), keywords)
    assert is_heavy(Session(at("09:00"), at("10:00"), label="re-intake (A.B.)"), keywords)
    assert is_heavy(Session(at("09:00"), at("10:00"), label="Trauma-focused"), keywords)
    assert not is_heavy(Session(at("09:00"), at("10:00"), label="pintake"), keywords)
    assert not is_heavy(Session(at("09:00"), at("10:00"), label="Follow-up"), keywords)
    assert not is_heavy(Session(at("09:00"), at("10:00")), keywords)
    assert is_heavy(Session(at("09:00"), at("10:00"), heavy=True), keywords)


def test_heavy_with_outside_off_moves_indoors() -> None:
    settings = replace(SETTINGS, outside=False)
    p = plan([session("10:00", "10:50", heavy=True), session("11:00", "11:50")], settings)
    first = p.gaps[0].resets[0]
    assert first.kind == "movement"
    assert "indoors" in first.exercise.fits
    kinds = {r.kind for g in p.gaps for r in g.resets}
    assert "step_outside" not in kinds


def test_heavy_with_step_outside_disabled_falls_back() -> None:
    settings = replace(SETTINGS, disabled=("step-outside", "stretch-reset", "pmr-short"))
    gap = only_gap(
        [session("10:00", "10:50", heavy=True), session("11:00", "11:50")], settings=settings
    )
    first = gap.resets[0]
    assert first.kind not in ("breathing", "step_outside", "movement")
    assert "after_heavy" in first.exercise.fits


def test_heavy_without_any_body_reset_still_offers_something() -> None:
    library = {k: v for k, v in make_library().items() if v.kind in ("breathing", "reflection")}
    library = {k: v for k, v in library.items() if "after_heavy" not in v.fits}
    gap = only_gap(
        [session("10:00", "10:50", heavy=True), session("11:00", "11:50")], library=library
    )
    assert gap.offered is not None
    assert gap.offered.role == "main"


def test_back_to_back_gap_holds_no_reset() -> None:
    p = plan([session("13:00", "13:50"), session("13:51", "14:40")])
    gap = p.gaps[0]
    assert gap.back_to_back
    assert gap.resets == ()
    assert p.back_to_back_runs == 1


def test_back_to_back_runs_count_once_per_run() -> None:
    sessions = [
        session("09:00", "09:50"),
        session("09:50", "10:40"),  # touching
        session("10:41", "11:30"),  # 1 minute
        session("12:00", "12:50"),
        session("12:40", "13:30"),  # overlapping
        session("14:00", "14:50"),
    ]
    assert count_back_to_back_runs(sessions, SETTINGS) == 2
    assert plan(sessions).back_to_back_runs == 2


def test_three_heavy_sessions_without_a_buffer_warn() -> None:
    p = plan(
        [
            session("13:00", "13:50", label="Trauma - X.Y."),
            session("13:55", "14:45", heavy=True),
            session("14:45", "15:35", label="Crisis follow-up Z."),
        ]
    )
    assert p.warnings == (
        "3 heavy sessions in a row from 13:00 without a 10-minute buffer",
        "3 of 3 client sessions today are heavy (100%, above your 50%)",
    )
    assert not any(name in w for w in p.warnings for name in ("X.Y.", "Z.", "Trauma"))


def test_a_ten_minute_buffer_breaks_a_heavy_run() -> None:
    p = plan(
        [
            session("13:00", "13:50", heavy=True),
            session("14:00", "14:50", heavy=True),
            session("15:00", "15:45", heavy=True),
            session("16:00", "16:45"),
        ],
        replace(SETTINGS, heavy_share_limit=0.75),
    )
    assert p.warnings == ()


def test_long_gap_gets_a_longer_practice_and_free_time() -> None:
    gap = only_gap([session("11:00", "12:00"), session("13:00", "13:50")])
    long = [r for r in gap.resets if r.role == "long"]
    assert len(long) == 1
    practice = long[0]
    assert practice.kind in ("body_scan", "compassion")
    assert "long_gap" in practice.exercise.fits
    assert practice.start == gap.notes_end
    assert practice.seconds <= SETTINGS.long_practice_minutes * 60
    used = sum((r.end - r.start).total_seconds() for r in gap.resets)
    assert used <= gap.minutes * 60 / 2


def test_long_gap_after_heavy_steps_outside_then_practises() -> None:
    gap = only_gap([session("10:00", "10:50", heavy=True), session("11:20", "12:00")])
    roles = [r.role for r in gap.resets]
    assert roles == ["outside", "long", "arrive"]
    assert gap.resets[0].end <= gap.resets[1].start
    used = sum((r.end - r.start).total_seconds() for r in gap.resets)
    assert used <= gap.minutes * 60 / 2


def test_ordinary_gap_gets_one_main_reset_up_to_the_maximum() -> None:
    settings = replace(SETTINGS, max_reset_minutes=2)
    gap = only_gap([session("09:00", "09:45"), session("10:00", "10:50")], settings=settings)
    assert [r.role for r in gap.resets] == ["main", "arrive"]
    assert gap.resets[0].seconds <= 120


def test_main_reset_shrinks_to_fit_the_gap() -> None:
    gap = only_gap([session("09:00", "09:50"), session("09:55", "10:50")])
    (main,) = gap.resets
    assert main.start == at("09:53")
    assert main.end <= at("09:55")
    assert main.seconds <= 120


def test_no_reset_when_less_than_the_shortest_is_left() -> None:
    gap = only_gap([session("09:00", "09:50"), session("09:53:50", "10:50")])
    assert not gap.back_to_back
    assert gap.resets == ()


def test_never_the_same_exercise_twice_in_a_row() -> None:
    sessions = [session(f"{h:02d}:00", f"{h:02d}:50") for h in range(8, 18)]
    p = plan(sessions)
    ids = [g.offered.id for g in p.gaps if g.offered is not None]
    assert len(ids) == 9
    assert all(a != b for a, b in itertools.pairwise(ids))
    assert len(set(ids)) >= 5  # rotates through the library


def test_favourites_come_first() -> None:
    settings = replace(SETTINGS, favourites=("extended-exhale",))
    sessions = [session(f"{h:02d}:00", f"{h:02d}:50") for h in range(8, 13)]
    ids = [g.offered.id for g in plan(sessions, settings).gaps]
    assert ids[0] == "extended-exhale"
    assert ids[2] == "extended-exhale"
    assert ids[1] != "extended-exhale"


def test_disabled_exercises_are_never_offered() -> None:
    disabled = ("box-breathing", "resonance-breathing", "feet-on-floor", "day-closing")
    settings = replace(SETTINGS, disabled=disabled)
    p = plan([session(f"{h:02d}:00", f"{h:02d}:50") for h in range(8, 18)], settings)
    used = {r.id for r in p.resets}
    assert used
    assert not used & set(disabled)
    assert p.closing is not None and p.closing.kind == "reflection"  # another reflection


def test_a_single_exercise_is_offered_in_every_gap() -> None:
    only = {"box-breathing": make_library()["box-breathing"]}
    p = plan([session(f"{h:02d}:00", f"{h:02d}:50") for h in range(8, 12)], library=only)
    assert [g.offered.id for g in p.gaps] == ["box-breathing"] * 3


def test_same_inputs_give_the_same_plan() -> None:
    sessions = clinic_day()
    a = plan(sessions)
    b = plan(list(reversed(sessions)), library=dict(reversed(make_library().items())))
    assert a == b
    assert plan(sessions, library=FakeLibrary()) == a


def test_ties_are_broken_by_the_date() -> None:
    sessions = [session(f"{h:02d}:00", f"{h:02d}:50") for h in range(8, 18)]

    def ids_on(day: date) -> list[str]:
        moved = [
            Session(at(s.start.strftime("%H:%M"), day), at(s.end.strftime("%H:%M"), day))
            for s in sessions
        ]
        return [g.offered.id for g in plan(moved, day=day).gaps]

    days = [DAY + timedelta(days=i) for i in range(6)]
    assert ids_on(days[0]) == ids_on(days[0])
    assert len({tuple(ids_on(d)) for d in days}) > 1


# --------------------------------------------------------------------------- closing


def test_closing_reflection_follows_the_last_session() -> None:
    p = plan(clinic_day())
    closing = p.closing
    assert closing is not None
    assert closing.role == "closing"
    assert closing.kind == "reflection"
    assert "end_of_day" in closing.exercise.fits
    assert closing.start == at("15:38")  # 15:35 + notes buffer
    assert closing.end <= at("15:43")


def test_no_closing_when_turned_off_or_without_sessions() -> None:
    assert plan(clinic_day(), replace(SETTINGS, closing=False)).closing is None
    assert plan([]).closing is None


def test_closing_is_clipped_to_the_day() -> None:
    p = plan([session("22:00", "23:55")])
    assert p.closing is not None
    assert p.closing.start == at("23:58")
    assert p.closing.end == at("00:00", DAY + timedelta(days=1))
    too_late = plan([session("22:00", "23:58:30")])
    assert too_late.closing is None  # 90 s left; day-closing needs 120


# --------------------------------------------------------------------------- replanning


def test_replan_moves_the_current_gap_after_now() -> None:
    sessions = clinic_day()
    base = plan(sessions)
    now = at("10:55")  # in the gap after the intake, after its notes buffer
    again = plan(sessions, now=now)
    i = next(i for i, g in enumerate(again.gaps) if g.start <= now < g.end)
    assert all(r.start >= now for r in again.gaps[i].resets)
    assert again.gaps[:i] == base.gaps[:i]
    assert again.gaps[i + 1 :] == base.gaps[i + 1 :]
    assert again.gaps[i].resets[0].id == base.gaps[i].resets[0].id  # same offer, shrunk


def test_replan_in_the_notes_buffer_changes_nothing() -> None:
    sessions = clinic_day()
    assert plan(sessions, now=at("09:51")).gaps == plan(sessions).gaps


def test_replan_late_in_a_gap_drops_what_no_longer_fits() -> None:
    sessions = [session("09:00", "09:50"), session("10:00", "10:50")]
    gap = plan(sessions, now=at("09:59:00")).gaps[0]
    assert [r.role for r in gap.resets] == ["arrive"]
    assert gap.resets[0].start >= at("09:59")


def test_replan_keeps_the_closing_after_now() -> None:
    p = plan(clinic_day(), now=at("18:00"))
    assert p.closing is not None
    assert p.closing.start == at("18:00")


# --------------------------------------------------------------------------- helpers


def test_fit_reset_scales_and_refuses_what_cannot_fit() -> None:
    lib = make_library()
    box = lib["box-breathing"]  # 8 cycles of 16 s
    r = fit_reset(box, at("09:00"), at("09:01:10"), "main")
    assert r is not None
    assert r.exercise.pattern.cycles == 4
    assert r.end == at("09:01:04")
    assert r.seconds == 64
    assert fit_reset(box, at("09:00"), at("09:00:50"), "main") is None  # under min_seconds
    scan = lib["body-scan-3"]
    r = fit_reset(scan, at("09:00"), at("09:02"), "main")
    assert r is not None and r.seconds == pytest.approx(120)
    assert len(r.exercise.steps) == len(scan.steps)
    whole = fit_reset(scan, at("09:00"), at("09:30"), "main")
    assert whole is not None and whole.exercise == scan


def test_alternatives_offer_other_exercises_for_what_is_left() -> None:
    sessions = clinic_day()
    p = plan(sessions)
    gap = p.gaps[0]
    current = gap.offered
    assert current is not None
    start = at("09:54")
    options = alternatives(p, gap, make_library(), SETTINGS, exclude={current.id}, start=start)
    assert options
    assert current.id not in {o.id for o in options}
    assert len({o.id for o in options}) == len(options)
    arrive = gap.arrive
    for o in options:
        assert o.start == start
        assert o.end <= arrive.start
        assert o.seconds >= SETTINGS.min_reset_seconds
        assert o.role == "main"
    assert options == alternatives(
        p, gap, make_library(), SETTINGS, exclude={current.id}, start=start
    )
    # the default start is the notes end when the plan has no ``now``
    assert alternatives(p, gap, make_library(), SETTINGS)[0].start == gap.notes_end


def test_alternatives_respect_disabled_and_an_empty_remainder() -> None:
    p = plan(clinic_day())
    gap = p.gaps[0]
    settings = replace(SETTINGS, disabled=("box-breathing",))
    assert "box-breathing" not in {o.id for o in alternatives(p, gap, make_library(), settings)}
    assert alternatives(p, gap, make_library(), SETTINGS, start=at("09:59:30")) == []


def test_dayplan_lookups() -> None:
    p = plan(clinic_day())
    assert p.session_at(at("09:10")) == p.sessions[0]
    assert p.session_at(at("09:55")) is None
    assert p.gap_at(at("09:55")) == p.gaps[0]
    assert p.gap_at(at("09:10")) is None
    assert p.next_session_after(at("09:55")) == p.sessions[1]
    assert p.next_session_after(at("16:00")) is None
    assert p.session_index_at(at("13:50")) == 4  # touching: the later one holds 13:50


def test_times_are_in_the_plan_zone() -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    p = plan(clinic_day(), tz=tokyo, day=date(2026, 11, 24) + timedelta(days=1))
    assert all(s.start.tzinfo is tokyo for s in p.sessions)
    assert all(r.start.tzinfo is tokyo for r in p.resets)


def test_sessions_at_the_same_times_plan_the_same_in_any_file_order() -> None:
    """Found by the same-input property: two sessions with equal times but different labels
    gave different plans depending on which came first in the file."""
    sessions = [
        session("09:00", "09:00"),
        session("09:00", "09:00", label="Intake"),
        session("09:00", "09:50", label="B"),
        session("09:00", "09:50", label="A", heavy=True),
        session("10:10", "11:00"),
    ]
    library = make_library()
    rules = PlannerSettings(notes_minutes=0, outside=False, closing=False)
    plans = {
        str(plan_json(plan_day(list(order), library, rules, DAY, NY)))
        for order in itertools.permutations(sessions)
    }
    assert len(plans) == 1
