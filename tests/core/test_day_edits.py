"""The day's edits (running late, cancelled, added): applied, kept in one private file per date,
undone, and what the day's session says about them."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from planner_fixtures import DAY, NY, FakeLibrary, MemoryLog, at, clinic_day, session

from groundtui import paths
from groundtui.clock import ManualClock
from groundtui.config import PlannerSettings
from groundtui.day import DayData, DaySession, position
from groundtui.day.edits import DayEdits, EditsFile, apply_day_edits, apply_edits, read_edits
from groundtui.errors import GroundError
from groundtui.planner import plan_day

SETTINGS = PlannerSettings()


def plan(sessions):
    return plan_day(sessions, FakeLibrary(), SETTINGS, DAY, NY)


def test_apply_edits() -> None:
    sessions = clinic_day()
    extra = session("17:00", "17:50")
    edits = DayEdits().running_late(at("09:00"), 10).running_late(at("09:00"), 5)
    edits = edits.cancel(at("11:10")).add(extra)
    edited = apply_edits(sessions, edits)
    assert edited[0].end == at("10:05")  # ran 15 minutes late
    assert edited[1].start == at("10:00")  # the next stays as booked
    assert at("11:10") not in [s.start for s in edited]
    assert edited[-1] == extra
    p = plan(edited)
    assert p.gaps[0].start == at("10:50")  # the overlap merged into one block
    assert p.heavy[1]  # the intake keeps its flag
    added_late = apply_edits(sessions, edits.running_late(at("17:00"), 5))
    assert added_late[-1].end == at("17:55")  # an added session can run late too


def test_edits_are_kept_private_with_times_only(data_dir: Path) -> None:
    kept = EditsFile(paths.edits_dir())
    edits = DayEdits().running_late(at("09:00"), 10).cancel(at("11:10"))
    edits = edits.add(session("17:00", "17:45", "Client Name", heavy=True))
    kept.save(DAY, edits)
    path = paths.day_edits_file(DAY)
    assert path == data_dir / "edits" / "2026-11-24.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    text = path.read_text()
    assert "Client" not in text
    assert json.loads(text)["edits"][0] == {
        "kind": "late",
        "start": "2026-11-24T09:00:00-05:00",
        "minutes": 10,
    }
    assert kept.load(DAY) == edits
    assert apply_day_edits(DAY, clinic_day())[0].end == at("10:00")
    rest, dropped = edits.undo()
    assert rest.edits == edits.edits[:-1]
    assert dropped is not None and dropped.describe(NY) == "17:00 added · 45 min · heavy"
    kept.save(DAY, DayEdits())
    assert not path.exists()


def test_a_damaged_edits_file_is_one_line(data_dir: Path) -> None:
    path = paths.day_edits_file(DAY)
    path.parent.mkdir()
    path.write_text("{not json")
    with pytest.raises(GroundError) as err:
        read_edits(path)
    assert "2026-11-24.json" in str(err.value) and "\n" not in str(err.value)


def open_day(when: str, kept: EditsFile | None = None, sessions=None) -> DaySession:
    library = FakeLibrary()
    p = plan_day(clinic_day() if sessions is None else sessions, library, SETTINGS, DAY, NY)
    data = DayData(p, library)  # type: ignore[arg-type]
    return DaySession(data, MemoryLog(), ManualClock(at(when)), SETTINGS, kept)  # type: ignore[arg-type]


def test_the_session_keeps_its_edits_in_the_file(data_dir: Path) -> None:
    kept = EditsFile(paths.edits_dir())
    day = open_day("09:30", kept)
    day.running_late(10)
    assert kept.load(DAY).late == {at("09:00"): 10}
    again = open_day("09:40", kept)  # a restart: the file is read with the day
    library = FakeLibrary()
    data = DayData(plan(clinic_day()), library, edits=kept.load(DAY))  # type: ignore[arg-type]
    again.load(data)
    assert again.plan.sessions[0].end == at("10:00")
    assert "Undone: 09:00 runs 10 min late." in again.undo().text
    assert not paths.day_edits_file(DAY).exists()
    assert again.undo().text == "No edits to undo today."


def test_an_edit_on_top_of_one_made_from_the_command_line(data_dir: Path) -> None:
    kept = EditsFile(paths.edits_dir())
    day = open_day("08:30", kept)
    kept.save(DAY, DayEdits().cancel(at("14:45")))  # `groundtui day cancel 14:45` meanwhile
    day.cancel()
    assert kept.load(DAY).cancelled == {at("14:45"), at("09:00")}


def test_running_late_after_the_session_says_what_was_extended() -> None:
    day = open_day("10:52")  # the notes minutes after the heavy intake
    reply = day.running_late(5)
    assert reply.text.startswith(
        "The 10:00–10:50 session that just ended is extended by 5 min, to 10:55"
    )
    gap = day.plan.gaps[1]
    assert gap.start == at("10:55")
    assert gap.after_heavy
    assert "outside" in [r.role for r in gap.resets]  # the heavy session's step outside stays
    assert position(day.plan, at("10:54")).state == "session"


def test_running_late_warns_when_heavy_sessions_lose_their_buffer() -> None:
    sessions = [session("09:00", "09:50", heavy=True), session("10:00", "10:50", heavy=True)]
    day = open_day("09:20", sessions=[*sessions])
    assert "without a buffer" in day.running_late(10).text  # (already < 10 min: no news)
    sessions = [session("09:00", "09:50", heavy=True), session("10:05", "10:50", heavy=True)]
    day = open_day("09:20", sessions=sessions)
    text = day.running_late(10).text
    assert "Heavy sessions now without a buffer between them: 09:00 and 10:05." in text


def test_adding_a_session_warns_when_it_overlaps() -> None:
    day = open_day("08:30")
    text = day.add(30, at=at("09:30"), heavy=True).text
    assert text.startswith(
        "Added a 30-minute session at 09:30. It overlaps the 09:00–09:50 session.\n"
    )
    assert "without a buffer between them: 09:30 and 10:00." in text  # both heavy now
    assert any(s.start == at("09:30") and s.heavy for s in day.plan.sessions)
    assert day.add(20, at=at("16:00")).text == "Added a 20-minute session at 16:00."
