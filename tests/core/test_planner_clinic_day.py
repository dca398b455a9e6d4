"""Issue 15/16 in the planner: breaths before the note, changeovers, the walk back from outside,
the day's warnings, a neutral arrival before support sessions, lengths without decimals."""

from __future__ import annotations

from dataclasses import replace

from planner_fixtures import DAY, NY, at, make_library, session, stepped

from groundtui.config import PlannerSettings
from groundtui.fmt import minutes_seconds as duration
from groundtui.planner import plan_day, plan_json

RULES = PlannerSettings()
LIBRARY = make_library(cues=True)


def plan(sessions, settings=RULES, library=LIBRARY, now=None):
    return plan_day(sessions, library, settings, DAY, NY, now=now)


def test_a_gap_opens_with_breaths_before_the_note() -> None:
    p = plan([session("09:00", "09:50"), session("10:00", "10:50")])
    gap = p.gaps[0]
    roles = [r.role for r in gap.resets]
    assert roles == ["before_note", "main", "arrive"]
    before = gap.before_note
    assert before is not None and before.start == at("09:50") and before.seconds <= 60
    assert before.kind == "breathing"
    # then the notes time (three minutes), then the reset, then the arrival cue
    assert gap.notes_start == before.end
    assert (gap.notes_end - gap.notes_start).total_seconds() == 180
    assert gap.offered is not None and gap.offered.start >= gap.notes_end


def test_no_breaths_before_the_note_in_a_gap_under_five_minutes() -> None:
    gap = plan([session("09:00", "09:50"), session("09:54", "10:50")]).gaps[0]
    assert gap.before_note is None


def test_without_a_before_note_exercise_the_gap_is_as_before() -> None:
    gap = plan([session("09:00", "09:50"), session("10:00", "10:50")], library=make_library()).gaps[
        0
    ]
    assert gap.before_note is None and gap.notes_end == at("09:53")


def test_replanning_in_the_notes_time_drops_only_the_breaths_behind_us() -> None:
    sessions = [session("09:00", "09:50"), session("10:00", "10:50")]
    base = plan(sessions).gaps[0]
    later = plan(sessions, now=at("09:51")).gaps[0]
    assert [r.role for r in later.resets] == ["main", "arrive"]
    assert later.resets == base.resets[1:]


def test_a_changeover_where_one_session_ends_as_the_next_begins() -> None:
    p = plan([session("09:00", "09:50"), session("09:50", "10:40"), session("10:41", "11:30")])
    assert [c.at for c in p.changeovers] == [at("09:50")]  # 10:40 -> 10:41 is a gap
    change = p.changeovers[0]
    assert change.seconds == 20 and change.exercise.id == "three-breaths"
    assert change.reset.role == "changeover" and change.reset.seconds <= 20
    assert p.changeover_at(at("09:50:10")) is change and p.changeover_at(at("09:51")) is None
    data = plan_json(p)
    assert data["changeovers"] == [
        {"at": "2026-11-24T09:50:00-05:00", "exercise": "three-breaths", "seconds": 20}
    ]


def test_no_changeover_where_an_overlapping_session_runs_on() -> None:
    p = plan([session("09:00", "09:50"), session("09:50", "10:40"), session("09:30", "10:00")])
    assert p.changeovers == ()


def test_step_outside_leaves_a_minute_to_walk_back() -> None:
    p = plan([session("10:00", "10:50", heavy=True), session("11:00", "11:50")])
    gap = p.gaps[0]
    outside = next(r for r in gap.resets if r.kind == "step_outside")
    arrive = gap.arrive
    assert arrive is not None
    assert (arrive.start - outside.end).total_seconds() >= 60


def test_a_gap_too_short_to_walk_back_offers_something_that_fits() -> None:
    # 7 minutes: the breaths, 3 minutes of notes, then under 3 minutes before the arrival
    gap = plan([session("10:00", "10:50", heavy=True), session("10:57", "11:50")]).gaps[0]
    assert all(r.kind != "step_outside" for r in gap.resets)
    assert gap.offered is not None and gap.offered.kind == "movement"


def test_two_heavy_sessions_without_a_buffer_warn_with_times_only() -> None:
    p = plan(
        [
            session("09:00", "09:50", "Intake - X.Y."),
            session("09:55", "10:45", "Trauma Z."),
            session("11:00", "11:50"),
            session("12:00", "12:50"),
            session("13:00", "13:50"),
        ]
    )
    assert p.warnings == ("Heavy sessions at 09:00 and 09:55 without a 10-minute buffer between",)
    assert plan_json(p)["warnings"] == list(p.warnings)


def test_a_days_heavy_share_over_the_limit_warns_and_support_is_left_out() -> None:
    sessions = [
        session("09:00", "09:50", heavy=True),
        session("10:00", "10:50"),
        session("11:00", "11:50", heavy=True),
        session("13:00", "14:00", "Peer supervision", heavy=True),
    ]
    p = plan(sessions)
    assert p.support == (False, False, False, True)
    assert p.warnings == ("2 of 3 client sessions today are heavy (67%, above your 50%)",)
    assert plan(sessions, replace(RULES, heavy_share_limit=0.7)).warnings == ()


def test_the_warnings_are_always_in_the_json() -> None:
    assert plan_json(plan([session("09:00", "09:50")]))["warnings"] == []


def test_the_arrival_before_a_support_session_is_worded_neutrally() -> None:
    library = dict(LIBRARY)
    library["feet-on-floor"] = replace(
        stepped("feet-on-floor", "grounding", [15, 15, 15], ("arrive", "before_session"), 30),
        steps=tuple(
            replace(s, text=t)
            for s, t in zip(
                LIBRARY["feet-on-floor"].steps,
                ("Feet on the floor.", "A slow breath.", "Ready for the next client."),
                strict=True,
            )
        ),
    )
    library["settle-in"] = stepped("settle-in", "grounding", [15, 15, 15], ("arrive",), 30)
    sessions = [
        session("09:00", "09:50"),
        session("10:00", "10:50", "Peer supervision"),
        session("11:00", "11:50", "Group consultation"),
        session("12:00", "12:50", "M.R."),
    ]
    p = plan(sessions, library=library)
    arrivals = [g.arrive.id if g.arrive else None for g in p.gaps]
    assert arrivals == ["settle-in", "settle-in", "feet-on-floor"]


def test_the_bundled_arrival_says_nothing_of_a_client() -> None:
    from groundtui.exercises import load_library
    from groundtui.planner.choose import is_neutral

    library = load_library()
    assert is_neutral(library.exercises["feet-on-floor"])
    assert "before_note" in library.exercises["breaths-before-note"].fits
    assert library.exercises["breaths-before-note"].seconds <= 60
    assert "changeover" in library.exercises["three-breaths"].fits


def test_durations_read_without_decimal_minutes() -> None:
    assert duration(45) == "45 s"
    assert duration(48) == "48 s"
    assert duration(110) == "1 min 50 s"
    assert duration(3000) == "50 min"
    assert duration(4200) == "1 h 10 min"
    assert duration(0) == duration(-3) == "0 s"
