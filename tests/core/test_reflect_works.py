"""What works for me: check-ins per exercise, only rated resets, enough of them."""

from __future__ import annotations

from dataclasses import dataclass

from groundtui.reflect.works import what_works


@dataclass
class R:
    exercise: str
    before: int | None
    after: int | None


def test_averages_per_exercise_largest_change_first() -> None:
    records = [
        R("box-breathing", 6, 3),
        R("box-breathing", 6, 4),
        R("step-outside", 5, 4),
        R("step-outside", 5, 5),
        R("body-scan-3", 4, None),  # not rated after: left out
        R("body-scan-3", 4, 2),  # one rated only: not shown
    ]
    helped = what_works(records)
    assert [h.exercise for h in helped] == ["box-breathing", "step-outside"]
    assert helped[0].text() == "6.0 → 3.5 (2 rated)"
    assert helped[1].change == -0.5


def test_nothing_rated_nothing_shown() -> None:
    assert what_works([R("box-breathing", None, None)] * 3) == []
