"""The day changing under the clinician's hands: files edited, sessions moved, keys mid-offer."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from app_factory import SCHEDULE, at, make_app, settle
from test_app import move, records

from groundtui.config import PlannerSettings
from groundtui.day import DayTracker
from groundtui.planner import plan_day
from groundtui.ui.screens.today import TodayScreen
from groundtui.ui.widgets.timeline import render_day


async def test_keys_act_on_a_snoozed_offer(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, at("09:54"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        item = app.tracker.offer(clock.now())
        await pilot.press("s")
        await pilot.press("x")
        assert item.status == "skipped"


async def test_a_broken_save_keeps_the_day_and_nothing_is_logged_twice(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, at("09:54"))
    schedule = tmp_path / "schedule.toml"
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        first = app.tracker.offer(clock.now())
        await pilot.press("d")
        schedule.write_text('[[session]]\nstart = "25:00"\n', encoding="utf-8")
        os.utime(schedule, (1, 1))
        app.check_files()
        await settle(pilot)
        assert len(app.tracker.plan.sessions) == 3  # the day as it was
        assert "schedule.toml" in str(app.screen.query_one("#notice").render())
        schedule.write_text(SCHEDULE, encoding="utf-8")
        os.utime(schedule, (2, 2))
        app.check_files()
        await settle(pilot)
        offer = app.tracker.offer(clock.now())
        assert offer is None or offer.reset.id != first.reset.id
        await move(app, pilot, clock, 7 * 60)
        await pilot.press("q")
    outcomes = [r.outcome for r in records(tmp_path) if r.exercise == first.reset.id]
    assert outcomes == ["done"]


async def test_cancelling_the_next_session_in_a_gap_keeps_what_was_done(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("09:54"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        app.cancel_session()
        await pilot.pause()
        assert app.tracker.counts().get("done") == 1
        assert app.signaller.sent == 0
        app.tick()
        assert app.signaller.sent == 0


async def test_running_late_still_works_in_the_notes_time(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("09:51"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.running_late(5)
        await pilot.pause()
        assert app.tracker.plan.sessions[0].end == at("09:55")


async def test_palette_start_is_refused_while_a_reset_runs(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("09:54"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("space")
        running = app.tracker.running()
        app.start_exercise("box-breathing")
        assert app.tracker.running() is running


async def test_a_missing_editor_is_a_notice_not_a_crash(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
    monkeypatch.delenv("VISUAL", raising=False)
    app, _ = make_app(tmp_path, at("09:54"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert any("editor" in n.message for n in app._notifications)


async def test_planner_settings_apply_when_config_changes(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("09:20"))
    config = tmp_path / "config.toml"
    app.settings = replace(app.settings, config_path=config)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        # 40 s of breaths before the note, then three minutes of notes
        assert app.tracker.plan.gaps[0].notes_end == at("09:53:40")
        config.write_text("[planner]\nnotes_minutes = 5\n", encoding="utf-8")
        app.check_files()
        await settle(pilot)
        assert app.tracker.plan.gaps[0].notes_end == at("09:55:40")


def test_overlapping_sessions_draw_each_gap_once() -> None:
    from planner_helpers import library, session

    sessions = [session("09:00", "10:00"), session("09:30", "10:00"), session("10:30", "11:00")]
    plan = plan_day(sessions, library(), PlannerSettings(), at("09:00").date(), at("09:00").tzinfo)
    tracker = DayTracker(plan, None, opened_at=at("08:00"))  # type: ignore[arg-type]
    text, _ = render_day(tracker, at("08:00"))
    assert text.plain.count("10:00–10:30") == 1
    lines = text.plain.splitlines()
    assert lines.index(next(x for x in lines if "10:00–10:30" in x)) > 1


def test_after_the_last_session_the_end_of_the_day_is_kept_in_view() -> None:
    from planner_helpers import library, session

    sessions = [session(f"{h:02d}:00", f"{h:02d}:50") for h in range(8, 18)]
    day, tz = at("09:00").date(), at("09:00").tzinfo
    for closing in (True, False):
        plan = plan_day(sessions, library(), PlannerSettings(closing=closing), day, tz)
        tracker = DayTracker(plan, None, opened_at=at("08:00"))  # type: ignore[arg-type]
        text, line = render_day(tracker, at("18:30"))
        assert line >= len(text.plain.splitlines()) - 1 - closing  # at the end, not the top


async def test_the_file_check_never_runs_on_the_ui_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 10-second file check stats (and may read) files: on a slow or locked disk that must
    not freeze the screen, so it runs in a worker and posts what it found."""
    import threading

    import groundtui.day
    import groundtui.day.watch

    app, _ = make_app(tmp_path, at("09:20"))
    config = tmp_path / "config.toml"
    app.settings = replace(app.settings, config_path=config)
    seen: list[str] = []
    real_stamp = groundtui.day.watch.modified_at
    real_signature = groundtui.day.day_files_signature

    def stamp(path: Path | None) -> float | None:
        seen.append(threading.current_thread().name)
        return real_stamp(path)

    def signature(*args: object) -> object:
        seen.append(threading.current_thread().name)
        return real_signature(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(groundtui.day.watch, "modified_at", stamp)
    monkeypatch.setattr(groundtui.day, "day_files_signature", signature)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        config.write_text('labels = "full"\n', encoding="utf-8")
        app.check_files()
        app.check_files()  # a second call while one runs is not a second check
        await settle(pilot)
        assert app.labels == "full"
    assert len(seen) == 2
    assert threading.main_thread().name not in seen
