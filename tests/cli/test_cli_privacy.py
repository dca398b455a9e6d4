"""Hostile files through the command line: escape sequences are shown, markup is text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from groundtui.cli import run

DAY = ["--date", "2026-11-24", "--tz", "America/New_York"]

SCHEDULE = """\
timezone = "America/New_York"

[[session]]
start = "09:00"
end = "09:50"
label = "[bold]Q1[/bold] \\u001b[2JZ1"

[[session]]
start = "10:00"
end = "10:50"
label = "\\u001b]0;title\\u0007T2 \\u001b]52;c;SGVsbG8=\\u0007C2 \\u009b31mR2"
"""

EXERCISE = """\
id = "hostile"
name = "Evil \\u001b[2J [bold]Name[/bold]"
kind = "grounding"
summary = "\\u001b]0;title\\u0007"
fits = ["short_gap"]

[[step]]
text = "Step \\u009b31m"
seconds = 60
"""

BROKEN = """\
name = "Broken \\u001b[2J"
kind = "\\u001b]52;c;SGVsbG8=\\u0007grounding"
"in\\u001bhale" = 4
"""


def assert_inert(text: str) -> None:
    assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text


def test_plan_shows_hostile_labels_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "schedule.toml"
    path.write_text(SCHEDULE, encoding="utf-8")
    assert run(["plan", "--schedule", str(path), *DAY, "--show-labels"]) == 0
    out, err = capsys.readouterr()
    assert_inert(out + err)
    assert "[bold]Q1[/bold] ␛[2JZ1" in out
    assert "␛]0;title␇T2 ␛]52;c;SGVsbG8=␇C2 \\x9b31mR2" in out

    assert run(["plan", "--schedule", str(path), *DAY, "--show-labels", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert_inert(out)
    labels = [s.get("label") for s in json.loads(out)["sessions"]]
    assert "[bold]Q1[/bold] ␛[2JZ1" in labels


def test_exercise_list_and_check_show_hostile_texts_as_text(
    config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = config_dir / "exercises"
    folder.mkdir()
    (folder / "hostile.toml").write_text(EXERCISE, encoding="utf-8")
    (folder / "broken.toml").write_text(BROKEN, encoding="utf-8")

    assert run(["exercises", "list"]) == 0
    out, err = capsys.readouterr()
    assert_inert(out + err)
    assert "Evil ␛[2J" in out and "[bold]Name[/bold]" in out  # the column may wrap it

    assert run(["exercises", "list", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert_inert(out + err)
    names = [e["name"] for e in json.loads(out)]
    assert "Evil ␛[2J [bold]Name[/bold]" in names

    assert run(["exercises", "check", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert_inert(out + err)
    assert "unknown kind '␛]52;c;SGVsbG8=␇grounding'" in out
    assert "unknown key 'in␛hale'" in out
