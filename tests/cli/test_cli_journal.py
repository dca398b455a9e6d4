"""``groundtui journal``: add, list as text or JSON, private, and never in a log export."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from groundtui.cli import run
from groundtui.reflect.files import journal_path


def test_add_and_list(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert run(["journal", "add", "A client said the group helped"]) == 0
    assert "client names" in capsys.readouterr().err  # the plain reminder
    assert run(["journal", "add", "Stayed", "with", "the", "silence"]) == 0
    capsys.readouterr()
    path = journal_path()
    assert path.parent == data_dir and stat.S_IMODE(path.stat().st_mode) == 0o600

    assert run(["journal", "--format", "json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert [e["text"] for e in entries] == [
        "A client said the group helped",
        "Stayed with the silence",
    ]
    assert all(set(e) == {"at", "text"} and "T" in e["at"] for e in entries)

    assert run(["journal"]) == 0
    assert "Stayed with the silence" in capsys.readouterr().out


def test_since_and_path(capsys: pytest.CaptureFixture[str]) -> None:
    run(["journal", "add", "today's moment"])
    capsys.readouterr()
    assert run(["journal", "--since", "2999-01-01", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert run(["journal", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(journal_path())


def test_empty_entry_is_a_user_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["journal", "add", "  "]) == 1
    assert capsys.readouterr().err.startswith("groundtui: error: an empty journal entry")


def test_nothing_yet_is_said_plainly(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["journal"]) == 0
    assert "No entries yet" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_the_journal_is_never_in_a_log_export(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    run(["journal", "add", "SECRET-MOMENT"])
    capsys.readouterr()
    assert run(["log", "--since", "2000-01-01", "--format", fmt]) == 0
    assert "SECRET-MOMENT" not in capsys.readouterr().out


HOSTILE = "moment \x1b]52;c;SGVsbG8=\x07 \x1b[2J \x9b31m \u202eflip\r\x1b[1Aup"


def test_an_entry_is_shown_as_text_never_as_terminal_controls(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An entry holding escape sequences (pasted, or a hand-edited file) must not clear the
    screen, set the title or write the clipboard when the journal is listed."""
    from groundtui.safetext import is_safe

    assert run(["journal", "add", HOSTILE]) == 0
    capsys.readouterr()
    assert run(["journal"]) == 0
    out = capsys.readouterr().out
    assert "moment" in out and is_safe(out, newlines=True), repr(out)
    assert run(["journal", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert is_safe(out, newlines=True), repr(out)  # no raw C1 or bidi control either


def test_a_hand_edited_entry_with_controls_is_shown_as_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from groundtui.safetext import is_safe

    run(["journal", "add", "first"])
    capsys.readouterr()
    with journal_path().open("a", encoding="utf-8") as out:
        out.write(json.dumps({"at": "2026-11-24T10:00:00+00:00", "text": HOSTILE}) + "\n")
    assert run(["journal"]) == 0
    out = capsys.readouterr().out
    assert "moment" in out and is_safe(out, newlines=True), repr(out)


def test_an_argument_that_is_not_utf8_is_kept_not_a_crash(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A shell passes bytes; Python hands undecodable ones over as surrogates, which cannot be
    written as UTF-8: the entry is kept with a replacement character, not a crash."""
    text = b"caf\xe9 moment".decode("utf-8", "surrogateescape")
    assert run(["journal", "add", text]) == 0
    capsys.readouterr()
    assert run(["journal", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[-1]["text"] == "caf\ufffd moment"
