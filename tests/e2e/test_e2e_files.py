"""A user's own files gone wrong: the app names the file and line, and keeps running."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from e2e_terminal import SAMPLES, assert_clean

pytestmark = pytest.mark.e2e

BROKEN_EXERCISE = """\
name = "My breath"
summary = "In for four, out for six."
kind = "breathng"

[pattern]
inhale = 4
exhale = 6
cycles = 5
"""


def unwrapped(screen: str) -> str:
    """The screen's text with line breaks and the spaces around them removed (for long paths)."""
    return re.sub(r"\s*\n\s*", "", screen)


def test_broken_user_exercise_is_named_and_the_app_runs(terminal, config_dir: Path) -> None:
    folder = config_dir / "exercises"
    folder.mkdir()
    (folder / "mybreath.toml").write_text(BROKEN_EXERCISE, encoding="utf-8")
    term = terminal()
    screen = term.wait_for("Skipped a broken exercise file")
    assert "mybreath.toml:3" in unwrapped(screen)
    assert "breathng" in screen
    assert "DEMO" in screen and "l Log" in screen  # the day still runs
    term.press("?")  # and still answers keys
    term.wait_for("what it does")
    term.press("Escape")
    term.wait_until(lambda s: "what it does" not in s, "the help to close")
    term.press("q")
    assert term.wait_exit() == 0
    assert_clean(term.screen())


def test_broken_schedule_is_named_and_the_app_runs(terminal) -> None:
    bad = SAMPLES / "bad" / "schedule_bad_time.toml"
    term = terminal("--schedule", str(bad), "--tz", "America/New_York")
    screen = term.wait_for("schedule_bad_time.toml")
    assert re.search(r"schedule_bad_time\.toml:\d+", unwrapped(screen))
    assert_clean(screen)
    term.press("q")
    assert term.wait_exit() == 0
    assert_clean(term.screen())
