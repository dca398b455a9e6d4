"""The status line: where the day stands at one instant (pure, no labels)."""

from __future__ import annotations

from planner_fixtures import DAY, NY, at, clinic_day, make_library

from groundtui.config import PlannerSettings
from groundtui.planner import plan_day
from groundtui.status import day_status


def status_at(hhmm: str, sessions=None, done: int = 0):
    now = at(hhmm)
    sessions = clinic_day() if sessions is None else sessions
    plan = plan_day(sessions, make_library(), PlannerSettings(), DAY, NY, now=now)
    return day_status(plan, now, done)


def test_before_the_first_session() -> None:
    s = status_at("08:15")
    assert s.state == "before"
    assert s.text == "before first session · 09:00"
    assert s.minutes_left == 45.0
    assert s.until == at("09:00")
    assert s.to_json()["exercise"] is None


def test_in_a_session() -> None:
    s = status_at("09:27")
    assert s.state == "session"
    assert s.text == "in session · 23 min left"
    assert s.until == at("09:50")


def test_in_the_notes_buffer_names_the_coming_reset() -> None:
    s = status_at("09:51")
    assert s.state == "gap"
    assert s.reset is not None
    assert s.text == f"notes · 2 min, then {s.reset.exercise.name}"
    assert s.minutes_left == 9.0
    assert s.until == at("10:00")


def test_in_a_gap_with_its_reset() -> None:
    s = status_at("10:52:30")
    assert s.state == "gap"
    assert s.reset is not None and s.reset.kind == "step_outside"  # after the intake
    data = s.to_json()
    assert data["exercise"] == "step-outside"
    assert data["kind"] == "step_outside"
    assert data["until"] == "2026-11-24T11:10:00-05:00"
    s = status_at("10:54")
    assert s.text == "gap · Step outside · 16 min left"


def test_day_done_counts_resets() -> None:
    s = status_at("17:00", done=3)
    assert s.state == "done"
    assert s.resets_planned >= 4
    assert s.text.startswith("sessions over · to close the day: ")  # the closing is offered
    assert s.to_json()["minutes_left"] is None
    s = status_at("23:59:59", done=1)
    assert s.text == "day done · 1 reset today" and s.reset is None


def test_no_sessions() -> None:
    s = status_at("12:00", sessions=[])
    assert s.state == "free"
    assert s.text == "no sessions today"
    assert s.to_json() == {
        "state": "free",
        "minutes_left": None,
        "exercise": None,
        "kind": None,
        "until": None,
        "resets_done": 0,
        "resets_planned": 0,
    }


def test_status_never_shows_labels() -> None:
    texts = [status_at(t).text for t in ("08:00", "09:30", "10:30", "10:55", "12:30", "18:00")]
    for label in ("J.A.", "Intake", "M.R.", "T.K."):
        assert not any(label in t for t in texts)


def test_planned_count_can_come_from_the_whole_day() -> None:
    now = at("09:59:30")  # too late for the first gap's main reset
    sessions = clinic_day()
    late = plan_day(sessions, make_library(), PlannerSettings(), DAY, NY, now=now)
    whole = plan_day(sessions, make_library(), PlannerSettings(), DAY, NY)
    assert len(late.planned) < len(whole.planned)
    assert day_status(late, now, 0, len(whole.planned)).resets_planned == len(whole.planned)


def test_planner_day_and_status_stay_free_of_textual_and_rich() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import groundtui.planner, groundtui.day, groundtui.status, groundtui.commands.status\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_a_reset_already_logged_in_the_gap_is_not_named_again() -> None:
    """The app would not offer it again after a restart, so the status line must not."""
    from dataclasses import dataclass
    from datetime import datetime

    @dataclass
    class Record:
        gap_end: datetime
        exercise: str

    now = at("09:56")
    plan = plan_day(clinic_day(), make_library(), PlannerSettings(), DAY, NY, now=now)
    gap = plan.gap_at(now)
    assert gap is not None
    offered = day_status(plan, now).reset
    assert offered is not None and offered.role != "arrive"
    same = day_status(plan, now, 1, logged=[Record(gap.end, offered.id)])
    assert same.reset is None or same.reset.id != offered.id
    other = day_status(plan, now, 1, logged=[Record(gap.end, "some-other-exercise")])
    assert other.reset is None or other.reset.id != offered.id  # its slot is taken
    elsewhere = day_status(plan, now, 1, logged=[Record(at("15:00"), offered.id)])
    assert elsewhere.reset == offered  # a record of another gap changes nothing here
