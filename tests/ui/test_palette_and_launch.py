"""The command palette's actions, and how the command line becomes app settings."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from app_factory import at, make_app, settle
from textual.pilot import Pilot
from textual.widgets import Static

from groundtui.clock import ShiftedClock, SystemClock
from groundtui.errors import GroundError
from groundtui.options import settings_from_args
from groundtui.ui.commands import GroundCommands
from groundtui.ui.display import toggle_motion
from groundtui.ui.screens.help import help_text
from groundtui.ui.screens.reset import ResetScreen
from groundtui.ui.widgets.now_panel import NowPanel


async def run_command(pilot: Pilot, words: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*words)
    await pilot.app.workers.wait_for_complete()  # the palette searches in a worker
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def test_palette_running_late(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("09:30"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await run_command(pilot, "late: +5")
        assert app.tracker.plan.sessions[0].end == at("09:55")


async def test_palette_cancels_a_later_session(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("09:30"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await run_command(pilot, "cancel the 11:10")
        starts = [s.start for s in app.tracker.plan.sessions]
        assert starts == [at("09:00"), at("10:00")]


async def test_palette_starts_any_exercise_by_name(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("09:53"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await run_command(pilot, "start box breathing")
        assert isinstance(app.screen, ResetScreen)
        assert app.screen.exercise.id == "box-breathing"


async def test_palette_lists_every_action_and_exercise(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("09:53"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        provider = GroundCommands(app.screen)
        names = [name for name, _, _ in provider._actions() + provider._exercises()]
        assert "Toggle session labels" in names
        assert "Start Box breathing" in names
        toggle_motion(app)
        assert app.reduced_motion
        app.add_session(30)
        assert len(app.tracker.plan.sessions) == 4


def _args(**kw: object) -> argparse.Namespace:
    base = {"tz": "America/New_York", "now": None, "speed": 1.0, "schedule": None}
    base.update(kw)
    return argparse.Namespace(**base)


def test_settings_from_args_now_and_speed() -> None:
    settings = settings_from_args(_args(now="2026-11-24T09:49:30", speed=30.0))
    assert isinstance(settings.clock, ShiftedClock)
    assert settings.clock.start == at("09:49:30")
    assert settings.clock.speed == 30.0
    assert settings.schedule == ()  # demo day
    assert isinstance(settings_from_args(_args()).clock, SystemClock)


def test_settings_from_args_rejects_bad_values(tmp_path: Path) -> None:
    with pytest.raises(GroundError, match="speed"):
        settings_from_args(_args(now="2026-11-24T09:00", speed=-1.0))
    with pytest.raises(GroundError, match="unknown time zone"):
        settings_from_args(_args(tz="Mars/Olympus"))
    with pytest.raises(GroundError, match="no such file"):
        settings_from_args(_args(schedule=str(tmp_path / "missing.ics")))


def test_broken_config_runs_on_defaults_and_says_so(config_dir: Path) -> None:
    (config_dir / "config.toml").write_text("bell = maybe\n", encoding="utf-8")
    settings = settings_from_args(_args())
    assert settings.config.bell is True
    assert settings.config_problem and "config.toml:1" in settings.config_problem


def test_help_names_the_files_and_support(config_dir: Path) -> None:
    settings = settings_from_args(_args())
    text = help_text(settings)
    assert str(config_dir / "config.toml") in text
    assert "phone numbers" in text and "crisis" in text


def test_open_day_opens_the_log_then_reads_the_day(tmp_path: Path) -> None:
    from groundtui.day.open import open_day

    app, _ = make_app(tmp_path, at("09:10"))
    store, data = open_day(app.settings, at("09:10").date())
    try:
        assert data.plan.date == at("09:10").date()
        assert len(data.plan.sessions) == 3
        assert data.schedule_error is None and data.history == ()
        assert (tmp_path / "data" / "log.sqlite3").exists()
    finally:
        store.close()


async def test_a_slow_day_never_keeps_the_screen_blank(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The day is read in a worker: while it is slow (a big calendar, a network disk) the
    screen is already up with the date, the time and a placeholder, and the keys work."""
    import threading

    from groundtui.day import open as day_open

    release = threading.Event()
    real_open_day = day_open.open_day

    def slow_open_day(*args: object) -> object:
        release.wait(timeout=30)
        return real_open_day(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(day_open, "open_day", slow_open_day)
    app, _ = make_app(tmp_path, at("09:10"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert app.tracker is None
        shown = str(screen.query_one("#now-headline", Static).render())
        assert shown == "Reading today's schedule…"
        assert str(screen.query_one("#topbar", Static).content) == "groundtui · Tue 24 Nov · 09:10"
        await pilot.press("space")  # nothing to start yet: said so, and nothing breaks
        await pilot.pause()
        assert [n.message for n in app._notifications][-1].startswith("Today's schedule is still")
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.tracker is not None and len(app.tracker.plan.sessions) == 3
        assert str(screen.query_one("#now-headline", Static).render()) == "In session"
        assert app.screen.query_one(NowPanel).view.headline == "In session"


QUIT_WHILE_READING = """
import threading, time
from groundtui import launch
from groundtui.cli import build_parser
from groundtui.day import open as day_open

stuck = threading.Event()
def stuck_open_day(*args):
    stuck.wait(120)  # a calendar that takes two minutes to read

day_open.open_day = stuck_open_day
settings = launch.settings_from_args(build_parser().parse_args(["--now", "2026-11-24T09:10"]))
app = launch.make_app(settings)

async def quit_soon(pilot):
    await pilot.pause()
    await pilot.press("q")

started = time.monotonic()
app.run(headless=True, size=(80, 24), auto_pilot=quit_soon)
print("exited", app.tracker is None)
"""


def test_quitting_while_the_day_is_read_does_not_wait_for_it(tmp_path: Path) -> None:
    """Textual's thread workers are joined when the app closes; the read is not one of them,
    so a quit in the first moments of a two-minute read returns at once."""
    import os
    import subprocess
    import sys

    env = dict(os.environ)
    env["GROUNDTUI_CONFIG_DIR"] = str(tmp_path / "config")
    env["GROUNDTUI_DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-c", QUIT_WHILE_READING],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,  # a hang guard: without the fix this waits the full 120 s
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("exited True")
