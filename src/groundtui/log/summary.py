"""What the log says at a glance: counts by outcome, minutes for yourself, a day's totals.

Shared by the CLI table and the log screen, in the same calm words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from groundtui.fmt import rough_minutes
from groundtui.log.records import OUTCOMES, LogRecord
from groundtui.timewords import resets_taken

OUTCOME_WORDS = {
    "done": "done",
    "partial": "partly done",
    "skipped": "skipped",
    "missed": "passed by",
}
"""Calm words for each outcome, shared by the CLI table and the log screen."""

OUTCOME_GLYPHS = {"done": "●", "partial": "◐", "skipped": "○", "missed": "·"}
"""One-character marks for each outcome."""


@dataclass(frozen=True)
class LogSummaryInput:
    """What the day's plan adds to the log summary: its gaps and back-to-back session runs."""

    gaps: int = 0
    back_to_back_runs: int = 0


@dataclass(frozen=True)
class DaySummary:
    """Counts by outcome, minutes given to resets and the check-in change, for some records."""

    total: int = 0
    done: int = 0
    partial: int = 0
    skipped: int = 0
    missed: int = 0
    minutes: float = 0.0
    rated: int = 0
    """Records with both a before and an after rating."""
    average_before: float | None = None
    average_after: float | None = None
    gaps: int | None = None
    """Gaps in the day's plan, when known."""
    back_to_back_runs: int | None = None
    """Runs of back-to-back sessions in the day's plan, when known."""

    @classmethod
    def of(cls, records: Iterable[LogRecord], plan: LogSummaryInput | None = None) -> DaySummary:
        """Summarise ``records`` (and what ``plan`` knows about the day).

        ``plan`` may be any object with ``gaps`` and ``back_to_back_runs`` ints.
        """
        items = list(records)
        counts = {o.value: 0 for o in OUTCOMES}
        for r in items:
            counts[r.outcome if r.outcome in counts else "partial"] += 1
        rated = [r for r in items if r.before is not None and r.after is not None]
        return cls(
            total=len(items),
            minutes=sum(r.minutes for r in items),
            rated=len(rated),
            average_before=(sum(r.before or 0 for r in rated) / len(rated)) if rated else None,
            average_after=(sum(r.after or 0 for r in rated) / len(rated)) if rated else None,
            gaps=getattr(plan, "gaps", None),
            back_to_back_runs=getattr(plan, "back_to_back_runs", None),
            **counts,
        )

    def count(self, outcome: str) -> int:
        """How many records had ``outcome``."""
        return int(getattr(self, outcome)) if outcome in OUTCOMES else 0

    @property
    def average_change(self) -> float | None:
        """Mean of (after - before) over rated records, or None."""
        if self.average_before is None or self.average_after is None:
            return None
        return self.average_after - self.average_before

    def parts(self) -> list[str]:
        """The pieces of ``line()``: ['4 resets', '3 done', '1 skipped', '11 min for yourself']."""
        parts = [f"{self.total} reset{'' if self.total == 1 else 's'}"]
        parts += [f"{self.count(o)} {OUTCOME_WORDS[o]}" for o in OUTCOMES if self.count(o)]
        if self.minutes > 0:
            parts.append(f"{rough_minutes(self.minutes * 60)} for yourself")
        return parts

    def line(self) -> str:
        """One kind line, e.g. '4 resets · 3 done · 1 skipped · 11 min for yourself'."""
        return " · ".join(self.parts())

    def checkin_line(self) -> str | None:
        """'average activation 6.0 → 3.5 (0–10, 2 rated)', or None when nothing was rated.

        It names the scale and no more: a lower number is not always better (numbness is low).
        """
        if self.average_before is None or self.average_after is None:
            return None
        return (
            f"average activation {self.average_before:.1f} → {self.average_after:.1f}"
            f" (0–10, {self.rated} rated)"
        )


@dataclass(frozen=True)
class DayTotals:
    """One day of the log at a glance (the 14-day strip and the week view)."""

    date: date
    offered: int
    """Rows logged that day: the plan's offers and the resets the user started on their own."""
    taken: int
    """Resets taken (done or partly done), as the status line and the day screen count them:
    one the user started on their own counts here, not as an offer left untaken."""
    minutes: float


def daily_totals(records: Iterable[LogRecord], since: date, until: date) -> list[DayTotals]:
    """One ``DayTotals`` per date in ``[since, until]``, empty days included."""
    by_day: dict[date, list[LogRecord]] = {}
    for r in records:
        by_day.setdefault(r.date, []).append(r)
    out: list[DayTotals] = []
    day = since
    while day <= until:
        items = by_day.get(day, [])
        out.append(
            DayTotals(
                date=day,
                offered=len(items),
                taken=resets_taken(r.outcome for r in items),
                minutes=sum(r.minutes for r in items),
            )
        )
        day += timedelta(days=1)
    return out
