"""Text from files (labels, exercise texts, errors) cannot drive a terminal."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from groundtui.errors import GroundError
from groundtui.exercises import Exercise, Pattern, Phase, Step, load_exercise
from groundtui.safetext import is_safe, one_line, visible
from groundtui.schedule.model import Session

NY = ZoneInfo("America/New_York")

HOSTILE = [
    "\x1b[2J",  # clear the screen
    "\x1b]0;title\x07",  # set the window title
    "\x1b]52;c;SGVsbG8=\x07",  # write the clipboard (OSC 52)
    "\x9b31m",  # a C1 CSI on its own
    "\x1bP+q\x1b\\",  # DCS
    "a\x00b\x7fc",  # NUL and DEL
    "\u202eevil",  # a bidi override
]


@pytest.mark.parametrize("text", HOSTILE)
def test_visible_leaves_no_control_character(text: str) -> None:
    shown = visible(text)
    assert is_safe(shown)
    assert "\x1b" not in shown and "\x9b" not in shown and "\x07" not in shown


def test_visible_shows_what_was_there() -> None:
    assert visible("\x1b[2J") == "␛[2J"
    assert visible("\x1b]0;t\x07") == "␛]0;t␇"
    assert visible("\x9b31m") == "\\x9b31m"
    assert visible("\u202eabc") == "\\u202eabc"
    assert visible("a\x7fb") == "a␡b"
    assert visible("tab\there") == "tab here"
    assert visible("Plain text, ünïcode — and emoji 🌿") == "Plain text, ünïcode — and emoji 🌿"


def test_newlines_are_kept_only_where_asked() -> None:
    assert visible("one\ntwo") == "one␊two"
    assert visible("one\r\ntwo\rthree\x1b", newlines=True) == "one\ntwo\nthree␛"
    assert one_line("Intake\n  M.R.\x1b[2J") == "Intake M.R.␛[2J"


def test_a_session_label_is_one_safe_line() -> None:
    start = Session(
        start=datetime(2026, 11, 24, 9, tzinfo=NY),
        end=datetime(2026, 11, 24, 10, tzinfo=NY),
        label="J.\x1b]52;c;SGVsbG8=\x07\nDoe",
    )
    assert start.label == "J.␛]52;c;SGVsbG8=␇ Doe"
    assert Session(start.start, start.end, label=" \n ").label is None


def test_exercise_texts_are_made_safe_when_made() -> None:
    ex = Exercise(
        id="x",
        name="Box\x1b[2J",
        kind="breathing",
        seconds=16,
        summary="\x9bsum",
        intro="line one\nline \x1b]0;t\x07two",
        closing="bye\x07",
        sources=("\x1b[31mbook",),
        pattern=Pattern((Phase("inhale", 4, "in\x1b[5m"),), 4),
        steps=(Step("step\x1b[2J\nnext", 4),),
    )
    assert ex.name == "Box␛[2J"
    assert ex.summary == "\\x9bsum"
    assert ex.intro == "line one\nline ␛]0;t␇two"
    assert ex.closing == "bye␇"
    assert ex.sources == ("␛[31mbook",)
    assert ex.pattern is not None and ex.pattern.phases[0].cue == "in␛[5m"
    assert ex.steps[0].text == "step␛[2J\nnext"
    assert ex.scaled(8).name == "Box␛[2J"


def test_an_exercise_file_with_escapes_loads_as_text(tmp_path: Path) -> None:
    path = tmp_path / "hostile.toml"
    path.write_text(
        'name = "Evil \\u001b[2J"\nkind = "grounding"\nsummary = "\\u001b]52;c;SGVsbG8=\\u0007"\n'
        '[[step]]\ntext = "Feet \\u009b31m"\nseconds = 30\n',
        encoding="utf-8",
    )
    ex = load_exercise(path)
    assert (ex.name, ex.summary, ex.steps[0].text) == (
        "Evil ␛[2J",
        "␛]52;c;SGVsbG8=␇",
        "Feet \\x9b31m",
    )


def test_error_messages_and_paths_are_one_safe_line() -> None:
    err = GroundError("unknown kind '\x1b[2Jx'\nsecond line", Path("/tmp/a\x1b]0;t\x07.toml"), 3, 1)
    assert str(err) == "/tmp/a␛]0;t␇.toml:3:1: unknown kind '␛[2Jx' second line"
