"""The day's edits in the app: kept across a restart, picked up from the command line while the
app runs, made from the palette at a chosen time; the demo day never logged."""

from __future__ import annotations

from pathlib import Path

from app_factory import at, make_app, settle
from test_app import move, records

from groundtui import paths
from groundtui.cli import run
from groundtui.day.edits import EditsFile


async def test_edits_survive_a_restart(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("09:30"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.running_late(10)
        app.cancel_session(at("11:10"))
        await pilot.pause()
        await pilot.press("q")
    again, _ = make_app(tmp_path, at("09:40"))
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        sessions = again.tracker.plan.sessions
        assert sessions[0].end == at("10:00")
        assert at("11:10") not in [s.start for s in sessions]
    assert EditsFile(paths.edits_dir()).load(at("09:00").date()).late == {at("09:00"): 10}


async def test_an_edit_from_the_command_line_comes_in_while_the_app_runs(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("09:30"))
    schedule = str(tmp_path / "schedule.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.tracker.plan.sessions[0].end == at("09:50")
        day = ["--date", "2026-11-24", "--tz", "America/New_York", "--schedule", schedule]
        assert run(["day", "late", "09:00", "15", *day]) == 0
        assert run(["day", "add", "12:30", "30", *day]) == 0
        app.check_files()  # what the app's file timer does every few seconds
        await settle(pilot)
        sessions = app.tracker.plan.sessions
        assert sessions[0].end == at("10:05")
        assert at("12:30") in [s.start for s in sessions]
        app.add_session(20, at=at("16:00"), heavy=True)  # the palette's own edit keeps both
        await pilot.pause()
    assert len(EditsFile(paths.edits_dir()).load(at("09:00").date()).edits) == 3


async def test_the_palette_adds_a_session_at_a_chosen_time(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("09:30"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"add 12:20 25 heavy")
        await app.workers.wait_for_complete()  # the palette searches in a worker
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        added = [s for s in app.tracker.plan.sessions if s.start == at("12:20")]
        assert added and added[0].end == at("12:45") and added[0].heavy


async def test_the_demo_day_is_never_logged(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, at("09:54"), schedule=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.tracker.plan.demo
        await pilot.press("d")
        app.running_late(5)
        for _ in range(40):  # the rest of the day passes by
            await move(app, pilot, clock, 15 * 60)
        await pilot.press("q")
    assert not (tmp_path / "data" / "log.sqlite3").exists() or records(tmp_path) == []
    assert not paths.edits_dir().exists()
