"""A clinician's real day in the app (issue 15): the intro before every reset, sound cues, the
key bar in free time, one count and one wording for the day."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_factory import at, make_app
from test_app import settle

from groundtui.ui.screens.reset import ResetScreen


@pytest.mark.parametrize("size", [(100, 30), (50, 30)])
async def test_the_intro_is_shown_with_default_settings(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app, _ = make_app(tmp_path, at("09:54"))
    assert not app.config.checkin
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await pilot.press("space")
        screen = app.screen
        assert isinstance(screen, ResetScreen) and screen.stage == "intro"
        intro = screen.query_one("#reset-intro")
        assert intro.display and intro.region.height >= 1
        assert str(intro.render()).strip() == screen.exercise.intro.strip()
