"""A clinician's real day in the app (issue 15): the intro before every reset, sound cues, the
key bar in free time, one count and one wording for the day."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_factory import at, make_app, settle
from test_app import move

from groundtui.config import Config
from groundtui.sound import crossed, cue_marks
from groundtui.ui.screens.reset import ResetScreen
from groundtui.ui.widgets.keybar import KeyBar


@pytest.mark.parametrize("size", [(100, 30), (50, 30)])
async def test_the_intro_is_shown_with_default_settings(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app, _ = make_app(tmp_path, at("09:54"))
    assert not app.config.checkin
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("space")
        screen = app.screen
        assert isinstance(screen, ResetScreen) and screen.stage == "intro"
        intro = screen.query_one("#reset-intro")
        assert intro.display and intro.region.height >= 1
        assert str(intro.render()).strip() == screen.exercise.intro.strip()


async def test_sound_cues_at_steps_and_the_end_never_in_session(tmp_path: Path) -> None:
    config = Config(bell=False, notify=False, sound="steps")
    app, clock = make_app(tmp_path, at("09:54"), config=config)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.start_exercise("grounding-54321")
        await pilot.press("space")  # past the intro
        screen = app.screen
        assert isinstance(screen, ResetScreen) and screen.stage == "running"
        sent, steps = app.signaller.sent, screen.exercise.steps
        await move(app, pilot, clock, steps[0].seconds + 0.5)
        assert app.signaller.rung == 1
        await move(app, pilot, clock, steps[1].seconds)
        assert app.signaller.rung == 2
        await pilot.press("d")
        await pilot.pause()
        assert app.signaller.sent == sent + 1  # the end
    quiet, clock = make_app(tmp_path, at("09:20"), config=config)  # in session
    async with quiet.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        quiet.start_exercise("grounding-54321")
        await pilot.press("space")
        await move(quiet, pilot, clock, 60)
        await pilot.press("d")
        await pilot.pause()
        assert quiet.signaller.rung == 0 and quiet.signaller.sent == 0


def test_sound_marks() -> None:
    from groundtui.exercises import Exercise, Pattern, Phase, Step

    steps = Exercise("s", "S", "grounding", 30, steps=(Step("a", 10), Step("b", 20)))
    assert cue_marks(steps, "ends") == () and cue_marks(steps, "steps") == (10,)
    pattern = Pattern((Phase("inhale", 4), Phase("exhale", 6)), cycles=2)
    breath = Exercise("b", "B", "breathing", 20, pattern=pattern)
    assert cue_marks(breath, "steps") == () and cue_marks(breath, "phases") == (4, 10, 14)
    assert crossed((4, 10), 3.9, 4.0) and not crossed((4, 10), 4.0, 9.9)


LONG_GAP = """\
[[session]]
start = "09:00"
end = "09:50"

[[session]]
start = "11:00"
end = "11:50"
"""


async def test_n_offers_a_reset_on_demand_in_free_time(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, at("09:54"), schedule=LONG_GAP)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for _ in range(4):  # decline what the gap offers
            if app.current_offer() is None:
                break
            await pilot.press("x")
        await move(app, pilot, clock, 30 * 60)  # well after the gap's resets
        while app.current_offer() is not None and app.current_offer().role != "arrive":
            await pilot.press("x")
        today = app.screen
        assert app.session.free_time()
        bar = today.query_one(KeyBar)
        text = str(bar.render()) if hasattr(bar, "render") else ""
        assert "Another" in text and "Start" not in text and "Skip" not in text
        await pilot.press("n")
        offer = app.current_offer()
        assert offer is not None and offer.role != "arrive"
        await pilot.pause()
        assert "Start" in str(today.query_one(KeyBar).render())
