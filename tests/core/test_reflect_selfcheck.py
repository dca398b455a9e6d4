"""The weekly self-check: stored as a date and four numbers, 0600, read back by week."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

import pytest

from groundtui.reflect.selfcheck import (
    DOMAINS,
    MAX_TOTAL,
    NOT_A_MEASURE,
    SelfCheck,
    SelfCheckStore,
    history,
    note_text,
    of_week,
    rising,
    trend,
    week_start,
    worth_a_note,
)

FRI = date(2026, 12, 4)


def test_domains_are_in_the_contract_order() -> None:
    assert DOMAINS == ("intrusion", "avoidance", "mood", "body")
    assert MAX_TOTAL == 16


def test_a_check_is_stored_as_numbers_and_a_date_only(tmp_path: Path) -> None:
    path = tmp_path / "data" / "selfcheck.jsonl"
    store = SelfCheckStore(path)
    store.add(SelfCheck(FRI, (1, 0, 2, 1)))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    line = json.loads(path.read_text())
    assert line == {"date": "2026-12-04", "intrusion": 1, "avoidance": 0, "mood": 2, "body": 1}
    (check,) = store.all()
    assert check.total == 4
    assert check.to_json() == {
        "date": "2026-12-04",
        "scores": {"intrusion": 1, "avoidance": 0, "mood": 2, "body": 1},
        "total": 4,
    }


def test_damaged_lines_are_passed_over(tmp_path: Path) -> None:
    path = tmp_path / "selfcheck.jsonl"
    path.write_text('{"date": "2026-12-04", "intrusion": 9}\nnot json\n[1]\n')
    store = SelfCheckStore(path)
    store.add(SelfCheck(FRI, (0, 0, 0, 0)))
    assert [c.total for c in store.all()] == [0]


@pytest.mark.parametrize("scores", [(1, 2, 3), (0, 0, 0, 5), (0, 0, -1, 0)])
def test_answers_are_four_numbers_0_to_4(scores: tuple[int, ...]) -> None:
    with pytest.raises(ValueError):
        SelfCheck(FRI, scores)


def test_the_last_check_of_a_week_is_the_weeks() -> None:
    checks = [SelfCheck(date(2026, 12, 1), (4, 4, 4, 4)), SelfCheck(FRI, (1, 1, 1, 1))]
    assert week_start(FRI) == date(2026, 11, 30)
    check = of_week(checks, date(2026, 12, 6))
    assert check is not None and check.total == 4
    assert of_week(checks, date(2026, 12, 7)) is None


def test_trend_and_history_cover_twelve_weeks() -> None:
    checks = [
        SelfCheck(date(2026, 9, 1), (4, 4, 4, 4)),  # 14 weeks back: outside the window
        SelfCheck(date(2026, 11, 20), (2, 2, 1, 1)),
        SelfCheck(date(2026, 11, 27), (1, 2, 2, 1)),
        SelfCheck(FRI, (1, 0, 2, 1)),
    ]
    totals = trend(checks, FRI)
    assert len(totals) == 12
    assert totals[-3:] == [6, 6, 4]
    assert totals[:-3] == [None] * 9
    assert history(checks, FRI) == [
        {"week_start": "2026-11-16", "total": 6},
        {"week_start": "2026-11-23", "total": 6},
    ]


def test_rising_two_weeks_running_passes_over_skipped_weeks() -> None:
    assert rising([2, None, 3, 5])
    assert not rising([3, 3, 5])
    assert not rising([2, 5])
    assert not rising([5, 4, 6])


def test_a_note_needs_this_weeks_check() -> None:
    assert worth_a_note([1, 2, 3], level=8)
    assert worth_a_note([None, 9], level=8)
    assert not worth_a_note([1, 2, 3, None], level=8)
    assert not worth_a_note([4, 2, 3], level=8)


def test_the_note_is_gentle_and_says_it_is_not_a_measure() -> None:
    text = note_text([2, 3, 4], 8)
    assert "two weeks running" in text and "supervision" in text
    assert NOT_A_MEASURE in text and "ProQOL" in text
    assert "9 of 16" in note_text([9], 8)
