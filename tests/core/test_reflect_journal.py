"""The private journal: 0600 JSON lines, listed since a day, never empty or overlong."""

from __future__ import annotations

import stat
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from groundtui.errors import GroundError
from groundtui.reflect.journal import MAX_CHARS, Journal

NY = ZoneInfo("America/New_York")


def test_entries_round_trip_private(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "d" / "journal.jsonl")
    journal.add("  A quiet breakthrough.  ", datetime(2026, 11, 23, 17, tzinfo=NY))
    journal.add("Held the silence.", datetime(2026, 11, 24, 23, 30, tzinfo=NY))
    assert stat.S_IMODE(journal.path.stat().st_mode) == 0o600
    assert [e.text for e in journal.entries()] == ["A quiet breakthrough.", "Held the silence."]
    # 23:30 in New York is already the 25th in UTC: "since" counts local days
    assert [e.text for e in journal.entries(date(2026, 11, 24), NY)] == ["Held the silence."]
    assert journal.entries()[0].to_json(NY) == {
        "at": "2026-11-23T17:00:00-05:00",
        "text": "A quiet breakthrough.",
    }


@pytest.mark.parametrize("text", ["", "   ", "x" * (MAX_CHARS + 1)])
def test_empty_or_overlong_entries_are_refused(tmp_path: Path, text: str) -> None:
    with pytest.raises(GroundError):
        Journal(tmp_path / "j.jsonl").add(text, datetime(2026, 11, 24, tzinfo=NY))


def test_a_loose_file_is_tightened_to_0600(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    path.write_text("")
    path.chmod(0o644)
    Journal(path).add("ok", datetime(2026, 11, 24, tzinfo=NY))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
