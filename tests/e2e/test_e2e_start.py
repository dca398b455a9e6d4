"""First start, as a new user meets it: the demo day in a wide and a narrow terminal."""

from __future__ import annotations

from datetime import date

import pytest
from e2e_terminal import assert_clean

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("width", [100, 50])
def test_demo_day_first_start(terminal, width: int) -> None:
    # In the demo day's first gap, whatever the real time: the offer keys are on show.
    term = terminal("--now", f"{date.today()}T09:55:00", width=width, height=30)
    screen = term.wait_for("DEMO")
    term.wait_for("Demo day")
    # once the day is read (a loaded machine takes a moment): the key bar, or at 50 columns
    # the offer's own hint line, holds the offer's keys
    screen = term.wait_until(lambda s: "x Skip" in s or "x skip" in s, "the offer's keys")
    assert "space Start" in screen or "space start" in screen
    if width >= 100:  # a narrow pane drops the later keys first
        assert "l Log" in screen and "? Help" in screen
    assert_clean(screen)
    term.press("q")
    assert term.wait_exit() == 0
    assert_clean(term.screen())
