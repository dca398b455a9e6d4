"""``groundtui.about``: an exercise rendered as a user reads it (pure text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from groundtui import paths
from groundtui.about import about_text, breaths_per_minute, wrap
from groundtui.exercises import Exercise, Pattern, Phase, Step, load_library

BUNDLED = paths.bundled_exercises_dir()


def test_breaths_per_minute_follows_the_pattern() -> None:
    pattern = Pattern((Phase("inhale", 5), Phase("exhale", 5)), cycles=3)
    assert breaths_per_minute(pattern) == pytest.approx(6.0)


def test_about_a_stepped_exercise_lists_everything_in_reading_order() -> None:
    exercise = Exercise(
        id="walk",
        name="Walk",
        kind="step_outside",
        seconds=90,
        summary="A short walk.",
        sources=("Someone (2020). A book.",),
        steps=(Step("Go out.", 45), Step("Come back.", 45)),
        intro="Only if you can.",
        closing="Welcome back.",
        min_seconds=60,
    )
    text = about_text(exercise)
    assert text.splitlines()[:2] == [
        "Walk",
        "step outside · 1:30 (at least 1:00 when time is short) · id walk",
    ]
    order = [
        "A short walk.",
        "Only if you can.",
        "1. Go out. (45 s)",
        "2. Come back.",
        "Welcome back.",
        "- Someone",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)


def test_wrap_keeps_the_hanging_indent() -> None:
    wrapped = wrap("  12. one two three four five six", 16)
    assert wrapped.splitlines() == ["  12. one two", "      three four", "      five six"]


def test_every_bundled_exercise_renders_with_its_sources() -> None:
    library = load_library(BUNDLED, Path("/nonexistent/groundtui-user"))
    for exercise in library:
        text = about_text(exercise, width=60)
        assert all(len(line) <= 60 for line in text.splitlines()), exercise.id
        assert "Sources" in text and exercise.sources[0][:20] in text.replace("\n    ", " ")
        if exercise.pattern is not None:
            assert "breaths a minute" in text, exercise.id
