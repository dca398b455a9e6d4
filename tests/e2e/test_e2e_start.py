"""First start, as a new user meets it: the demo day in a wide and a narrow terminal."""

from __future__ import annotations

import pytest
from e2e_terminal import assert_clean

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("width", [100, 50])
def test_demo_day_first_start(terminal, width: int) -> None:
    term = terminal(width=width, height=30)
    screen = term.wait_for("DEMO")
    screen = term.wait_for("Demo day")
    assert "l Log" in screen and "? Help" in screen  # the keys that do something now
    assert_clean(screen)
    term.press("q")
    assert term.wait_exit() == 0
    assert_clean(term.screen())
