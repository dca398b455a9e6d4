"""``groundtui day cancel|late|add|undo|show``: the day's edits from a shell, applied by plan,
status and week, kept with times only."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from groundtui import paths
from groundtui.cli import run

SAMPLES = Path(__file__).parents[1] / "data" / "samples"
DAY = ["--date", "2026-11-24", "--tz", "America/New_York"]
SCHEDULE = ["--schedule", str(SAMPLES / "schedule.toml")]


def day(capsys: pytest.CaptureFixture[str], *args: str, code: int = 0) -> tuple[str, str]:
    assert run(["day", *args, *DAY, *SCHEDULE]) == code
    out = capsys.readouterr()
    return out.out, out.err


def plan_sessions(capsys: pytest.CaptureFixture[str]) -> list[tuple[str, str]]:
    assert run(["plan", *DAY, *SCHEDULE, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    return [(s["start"][11:16], s["end"][11:16]) for s in data["sessions"]]


def test_edits_from_the_command_line_reach_plan(capsys: pytest.CaptureFixture[str]) -> None:
    booked = plan_sessions(capsys)
    assert day(capsys, "late", "09:00", "10")[0] == "Tue 24 Nov: 09:00 runs 10 min late\n"
    assert day(capsys, "cancel", "11:10")[0] == "Tue 24 Nov: 11:10 cancelled\n"
    out, err = day(capsys, "add", "9:30", "20", "--heavy")
    assert out == "Tue 24 Nov: 09:30 added · 20 min · heavy\n"
    assert err == "groundtui: warning: it overlaps the 09:00–10:00 session\n"
    edited = plan_sessions(capsys)
    assert ("09:00", "10:00") in edited and ("09:30", "09:50") in edited
    assert "11:10" not in [start for start, _ in edited]
    assert len(edited) == len(booked)
    assert day(capsys, "show")[0] == (
        "09:00 runs 10 min late\n11:10 cancelled\n09:30 added · 20 min · heavy\n"
    )
    shown = json.loads(day(capsys, "show", "--format", "json")[0])
    assert [e["kind"] for e in shown] == ["late", "cancel", "add"]
    assert shown[0] == {"kind": "late", "start": "2026-11-24T09:00:00-05:00", "minutes": 10}
    assert day(capsys, "undo")[0] == "Tue 24 Nov: undone: 09:30 added · 20 min · heavy\n"
    day(capsys, "undo")
    day(capsys, "undo")
    assert day(capsys, "undo")[0] == "Tue 24 Nov: no edits to undo\n"
    assert plan_sessions(capsys) == booked
    assert json.loads(day(capsys, "show", "--format", "json")[0]) == []


def test_status_and_week_apply_the_edits(capsys: pytest.CaptureFixture[str]) -> None:
    day(capsys, "cancel", "09:00")
    now = "2026-11-24T09:20"
    assert run(["status", "--tz", "America/New_York", *SCHEDULE, "--now", now]) == 0
    assert capsys.readouterr().out.startswith("before first session · 10:00")
    assert run(["week", *DAY, *SCHEDULE, "--format", "json"]) == 0
    week = json.loads(capsys.readouterr().out)
    tuesday = next(d for d in week["days"] if d["date"] == "2026-11-24")
    monday = next(d for d in week["days"] if d["date"] == "2026-11-23")
    assert tuesday["sessions"] == 5 and monday["sessions"] == 6


def test_user_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    _, err = day(capsys, "cancel", "08:00", code=1)
    assert err.startswith("groundtui: error: no session starts at 08:00 on Tue 24 Nov")
    assert day(capsys, "late", "09:00", "lots", code=1)[1].startswith("groundtui: error: bad mi")
    assert day(capsys, "add", "25:00", "5", code=1)[1].startswith("groundtui: error: bad time")
    assert not paths.day_edits_file(date(2026, 11, 24)).exists()


def test_the_demo_day_is_never_edited(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["day", "cancel", "10:00", *DAY]) == 1
    assert "demo day" in capsys.readouterr().err
    assert not paths.edits_dir().exists()


def test_an_edit_made_elsewhere_meanwhile_is_kept(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`day late` reads the edits, then the schedule (a calendar feed can take seconds), then
    writes: an edit the app (or another `day`) keeps in that moment must not be overwritten."""
    import groundtui.commands.day as day_command
    from groundtui.day.edits import day_edits

    read_schedule = day_command._sessions
    when = date(2026, 11, 24)

    def meanwhile(*args, **kwargs):  # type: ignore[no-untyped-def]
        sessions = read_schedule(*args, **kwargs)
        kept = day_edits()
        other = next(s for s in sessions if s.start.hour == 11)
        kept.save(when, kept.load(when).cancel(other.start))  # the palette's 'cancel'
        return sessions

    monkeypatch.setattr(day_command, "_sessions", meanwhile)
    day(capsys, "late", "09:00", "10")
    monkeypatch.setattr(day_command, "_sessions", read_schedule)
    assert day(capsys, "show")[0] == "11:10 cancelled\n09:00 runs 10 min late\n"
