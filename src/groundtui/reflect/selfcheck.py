"""The weekly self-check: four warning-sign questions, 0–4 each, kept as numbers and a date.

It is a structured moment to notice, not a test: nothing here diagnoses or grades. The four
domains follow the warning signs of secondary traumatic stress named in the clinical
literature (intrusion, avoidance, shifts in mood, the body; see Bride et al. 2004 and the
README's "Across the weeks"). For a validated measure, the ProQOL (Stamm 2010).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from groundtui.errors import GroundError
from groundtui.reflect.files import append_line, read_lines, selfcheck_path

DOMAINS: tuple[str, ...] = ("intrusion", "avoidance", "mood", "body")
"""The four questions, in the contract's order."""

QUESTIONS: Mapping[str, str] = {
    "intrusion": "Has client material come back to you away from work — images, dreams, "
    "thoughts at home, feeling on guard?",
    "avoidance": "Have you dreaded or put off certain sessions, steered away from hard material, "
    "or felt checked out?",
    "mood": "Have you felt helpless, irritable, numb, or guilty when setting a boundary?",
    "body": "Has your body been saying so — sleep, headaches, digestion, tiredness that rest "
    "does not lift?",
}

SCALE: tuple[str, ...] = ("not at all", "rarely", "sometimes", "often", "very often")
"""The answers 0–4, over the past week."""

MAX_SCORE = len(SCALE) - 1
MAX_TOTAL = MAX_SCORE * len(DOMAINS)
TREND_WEEKS = 12

NOT_A_MEASURE = (
    "This is not a clinical measure. If you want a validated one, the ProQOL "
    "(Professional Quality of Life scale, Stamm) is free to use."
)


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class SelfCheck:
    """One weekly self-check: the date taken and one answer 0–4 per domain."""

    date: date
    scores: tuple[int, ...]
    """In ``DOMAINS`` order."""

    def __post_init__(self) -> None:
        if len(self.scores) != len(DOMAINS):
            raise ValueError(f"a self-check has {len(DOMAINS)} answers")
        if any(not isinstance(s, int) or not 0 <= s <= MAX_SCORE for s in self.scores):
            raise ValueError(f"each answer is a whole number 0–{MAX_SCORE}")

    @property
    def total(self) -> int:
        return sum(self.scores)

    @property
    def week(self) -> dt.date:
        return week_start(self.date)

    def score_map(self) -> dict[str, int]:
        return dict(zip(DOMAINS, self.scores, strict=True))

    def to_json(self) -> dict[str, object]:
        """The contract's ``self_check`` object."""
        return {"date": self.date.isoformat(), "scores": self.score_map(), "total": self.total}

    def to_line(self) -> dict[str, object]:
        """What is stored: the date and the four numbers, nothing else."""
        return {"date": self.date.isoformat(), **self.score_map()}

    @classmethod
    def from_line(cls, item: Mapping[str, object]) -> SelfCheck | None:
        """A stored line, or None if it is not one (a damaged or foreign line is passed over)."""
        try:
            day = dt.date.fromisoformat(str(item["date"]))
            scores = tuple(item[d] for d in DOMAINS)
            return cls(day, scores)  # type: ignore[arg-type]
        except (KeyError, ValueError, TypeError):
            return None


class SelfCheckStore:
    """The self-checks on disk (``selfcheck.jsonl`` in the data dir, 0600)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or selfcheck_path()

    def add(self, check: SelfCheck) -> None:
        try:
            append_line(self.path, check.to_line())
        except OSError as err:
            raise GroundError(f"could not save the self-check: {err.strerror}", self.path) from err

    def all(self) -> list[SelfCheck]:
        """Every check, oldest first."""
        checks = (
            SelfCheck.from_line(item) for item in read_lines(self.path, what="self-check file")
        )
        return sorted((c for c in checks if c is not None), key=lambda c: c.date)


def by_week(checks: Iterable[SelfCheck]) -> dict[date, SelfCheck]:
    """The week's check for each week that has one (a second one that week replaces the first)."""
    weeks: dict[date, SelfCheck] = {}
    for check in sorted(checks, key=lambda c: c.date):
        weeks[check.week] = check
    return weeks


def of_week(checks: Iterable[SelfCheck], day: date) -> SelfCheck | None:
    """The check of ``day``'s week, if one was taken."""
    return by_week(checks).get(week_start(day))


def trend(checks: Iterable[SelfCheck], day: date, weeks: int = TREND_WEEKS) -> list[int | None]:
    """Totals of the ``weeks`` weeks ending with ``day``'s, oldest first (None: not taken)."""
    weekly = by_week(checks)
    last = week_start(day)
    return [
        (c.total if (c := weekly.get(last - timedelta(weeks=n))) else None)
        for n in range(weeks - 1, -1, -1)
    ]


def history(
    checks: Iterable[SelfCheck], day: date, weeks: int = TREND_WEEKS
) -> list[dict[str, object]]:
    """The contract's ``self_check_history``: the earlier weeks of the trend that have a check,
    oldest first, as ``{"week_start", "total"}``."""
    weekly = by_week(checks)
    this = week_start(day)
    out: list[dict[str, object]] = []
    for n in range(weeks - 1, 0, -1):
        start = this - timedelta(weeks=n)
        check = weekly.get(start)
        if check is not None:
            out.append({"week_start": start.isoformat(), "total": check.total})
    return out


def rising(totals: Sequence[int | None]) -> bool:
    """The total went up two weeks running: the last three checks taken, each higher than the
    one before (weeks without a check are passed over)."""
    taken = [t for t in totals if t is not None][-3:]
    return len(taken) == 3 and taken[0] < taken[1] < taken[2]


def worth_a_note(totals: Sequence[int | None], level: float) -> bool:
    """Whether the closing should say something: the latest total is at or above ``level``, or
    totals have risen two weeks running. The latest week must have a check."""
    if not totals or totals[-1] is None:
        return False
    return totals[-1] >= level or rising(totals)


def note_text(totals: Sequence[int | None], level: float) -> str:
    """The gentle note for the closing: what was noticed, where to bring it, and what it is not."""
    latest = totals[-1] if totals else None
    if rising(totals):
        seen = "Your self-check total has gone up two weeks running."
    else:
        seen = f"Your self-check total this week is {latest} of {MAX_TOTAL}."
    return (
        f"{seen} That can be worth bringing to supervision, peer consultation or your own "
        f"therapy — early, before it builds. {NOT_A_MEASURE}"
    )
