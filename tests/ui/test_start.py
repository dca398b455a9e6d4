"""The first screen's start-up: its CSS is read once, in the chosen theme's colours, the day's
worker starts once the first screen has painted, and the garbage collector, paused for the
start, runs again from then on (and the GIL changes hands sooner while the app runs)."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

import pytest
from app_factory import at, make_app, settle
from textual.color import Color
from textual.css.stylesheet import Stylesheet
from textual.widgets import Static

from groundtui import launch
from groundtui.config import Config
from groundtui.ui.theme import CALM


@pytest.fixture
def reparses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the times any stylesheet is read again (a theme change, a refresh_css)."""
    calls: list[int] = []
    reparse = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        calls.append(1)
        reparse(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    return calls


@pytest.mark.parametrize(
    ("theme", "panel", "dark"),
    [(None, CALM.panel, True), ("textual-light", None, False), ("nord", None, True)],
)
async def test_the_theme_is_read_once_with_the_css(
    tmp_path: Path, reparses: list[int], theme: str | None, panel: str | None, dark: bool
) -> None:
    config = Config(bell=False, notify=False, theme=theme)
    app, _ = make_app(tmp_path, at("09:10"), config=config)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert reparses == []
        assert app.theme == (theme or CALM.name)
        assert app.has_class(f"-theme-{app.theme}")
        assert app.has_class("-dark-mode") is dark
        assert app.has_class("-light-mode") is not dark
        # the CSS was read with the chosen theme's variables: the top bar is its panel colour
        expected = Color.parse(panel or app.current_theme.to_color_system().generate()["panel"])
        assert app.screen.query_one("#topbar", Static).styles.background == expected


async def test_a_theme_chosen_later_still_restyles_the_screen(
    tmp_path: Path, reparses: list[int]
) -> None:
    app, _ = make_app(tmp_path, at("09:10"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        before = app.screen.query_one("#topbar", Static).styles.background
        app.theme = "textual-light"
        await pilot.pause()
        assert reparses == [1]
        assert app.screen.query_one("#topbar", Static).styles.background != before


async def test_an_unknown_theme_is_the_calm_one(tmp_path: Path, reparses: list[int]) -> None:
    app, _ = make_app(tmp_path, at("09:10"), config=Config(theme="no-such-theme"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == CALM.name
        assert reparses == []


async def test_the_day_is_read_after_the_first_paint(tmp_path: Path) -> None:
    """The worker that reads the day starts once the first screen is on: its imports do not
    race the first paint for the GIL. The day still arrives."""
    app, _ = make_app(tmp_path, at("09:10"))
    started: list[bool] = []
    open_day = app.open_day

    def recorded() -> object:
        started.append(app.screen.query_one("#topbar", Static).region.width > 0)  # laid out
        return open_day()

    app.open_day = recorded  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert started == [True]
        assert app.session is not None


async def test_the_first_frame_turns_the_garbage_collector_on_again(tmp_path: Path) -> None:
    """``launch_tui`` pauses the collector for the start; the app's Ready turns it back on."""
    app, _ = make_app(tmp_path, at("09:10"))
    gc.disable()
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert gc.isenabled()
    finally:
        gc.enable()


def test_the_launch_pauses_the_collector_and_always_turns_it_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The collector pauses and the GIL changes hands sooner while the app starts and runs;
    both are as before once it returns, also when it fails."""
    seen: list[tuple[bool, float]] = []
    switch = sys.getswitchinterval()

    class Failing:
        def run(self) -> None:
            seen.append((gc.isenabled(), sys.getswitchinterval()))
            raise RuntimeError("the app failed before its first frame")

    def failing_app(settings: object) -> Failing:
        seen.append((gc.isenabled(), sys.getswitchinterval()))
        return Failing()

    monkeypatch.setattr(launch, "settings_from_args", lambda args: None)
    monkeypatch.setattr(launch, "make_app", failing_app)
    with pytest.raises(RuntimeError):
        launch.launch_tui(argparse.Namespace())
    assert seen == [(False, launch.GIL_SWITCH_SECONDS)] * 2
    assert gc.isenabled()
    assert sys.getswitchinterval() == switch
