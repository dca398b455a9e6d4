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
