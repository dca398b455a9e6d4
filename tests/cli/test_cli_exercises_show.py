"""``groundtui exercises show ID``: an exercise as a user reads it, with its sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from groundtui.cli import run


def test_show_prints_a_breathing_exercise_with_its_rate_and_sources(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["exercises", "show", "box-breathing"]) == 0
    captured = capsys.readouterr()
    out = captured.out
    assert captured.err == ""
    assert out.startswith("Box breathing\nbreathing · 1:36")
    assert "Before you start" in out and "light-headed" in out
    assert "in 4 s · hold 4 s · out 4 s · hold, empty 4 s" in out
    assert "about 3.8 breaths a minute" in out
    assert "Sources" in out and "Balban MY" in out
    assert "At the end" in out


def test_show_prints_steps_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["exercises", "show", "feet-on-floor"]) == 0
    out = capsys.readouterr().out
    assert "Steps" in out
    first, second = out.index("  1. "), out.index("  2. ")
    assert first < second
    assert "Harris R (2019)" in out


def test_show_takes_the_name_as_well(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["exercises", "show", "Box breathing"]) == 0
    assert capsys.readouterr().out.startswith("Box breathing\n")


def test_show_a_user_exercise(capsys: pytest.CaptureFixture[str], config_dir: Path) -> None:
    folder = config_dir / "exercises"
    folder.mkdir()
    (folder / "mine.toml").write_text(
        'name = "Mine"\nkind = "grounding"\n[[step]]\ntext = "Look [up]."\nseconds = 30\n'
    )
    assert run(["exercises", "show", "mine"]) == 0
    out = capsys.readouterr().out
    assert "1. Look [up]. (30 s)" in out  # plain text: brackets are not markup
    assert "none given" in out


def test_show_unknown_id_is_a_one_line_error_with_did_you_mean(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["exercises", "show", "box-breathin"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("groundtui: error: unknown exercise 'box-breathin'")
    assert "did you mean 'box-breathing'?" in lines[0]
    assert "Traceback" not in captured.err


def test_show_unknown_id_without_a_close_match(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["exercises", "show", "zzzz"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "did you mean" not in err


def test_show_without_id_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(["exercises", "show"])
    assert exit_.value.code == 2
