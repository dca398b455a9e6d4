"""The reset screen's "about" key: the exercise as a user reads it, with its sources."""

from __future__ import annotations

from dataclasses import replace

from reset_apps import T0, ResetHost, body_scan, box_breathing
from textual.widgets import Static

from groundtui.about import about_text
from groundtui.clock import ManualClock
from groundtui.ui.screens.about import AboutScreen
from groundtui.ui.screens.reset import ResetScreen

SIZE = (50, 30)


async def test_about_key_shows_the_exercise_and_its_sources_and_pauses_the_practice() -> None:
    exercise = replace(box_breathing(cycles=4), sources=("Balban MY, et al. (2023). [a study]",))
    app = ResetHost(exercise, ManualClock(T0))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.clock.advance(5)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AboutScreen)
        text = app.screen.query_one("#about-text", Static)
        assert str(text.render()) == about_text(exercise)
        assert "Balban MY, et al. (2023). [a study]" in str(text.render())
        assert "breaths a minute" in str(text.render())
        app.clock.advance(60)  # reading about it takes no practice time
        await pilot.press("escape")
        await pilot.pause()
        reset = app.screen
        assert isinstance(reset, ResetScreen)
        assert reset.stage == "running" and not reset.paused
        assert 4.9 <= reset.elapsed() <= 5.1


async def test_about_key_keeps_a_paused_practice_paused() -> None:
    app = ResetHost(body_scan(), ManualClock(T0))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("space")  # pause
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AboutScreen)
        assert "Steps" in str(app.screen.query_one("#about-text", Static).render())
        await pilot.press("a")  # the same key closes it
        await pilot.pause()
        assert isinstance(app.screen, ResetScreen) and app.screen.paused


async def test_about_key_works_at_the_check_in() -> None:
    app = ResetHost(box_breathing(), ManualClock(T0), checkin=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AboutScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ResetScreen) and app.screen.stage == "before"
