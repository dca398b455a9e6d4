"""What works for me: the average check-in before and after, per exercise, over recent weeks.

Only records with both ratings count. The numbers describe; they do not rank anyone: a lower
activation is not always better (numbness sits low too), so the user reads them, not us.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

WORKS_WEEKS = 4
"""How far back the log screen looks."""
MIN_RATED = 2
"""An exercise needs this many rated resets to be shown."""

CAVEAT = "average activation before → after (0–10); lower is not always better"


@dataclass(frozen=True)
class Helped:
    """One exercise's rated resets: how many, and the mean rating before and after."""

    exercise: str
    rated: int
    before: float
    after: float

    @property
    def change(self) -> float:
        return self.after - self.before

    def text(self) -> str:
        """'6.0 → 3.5 (4 rated)'."""
        return f"{self.before:.1f} → {self.after:.1f} ({self.rated} rated)"


def what_works(records: Iterable[Any], min_rated: int = MIN_RATED) -> list[Helped]:
    """Per exercise with at least ``min_rated`` rated resets, the largest average change first
    (then by name), from records with ``exercise``, ``before`` and ``after``."""
    sums: dict[str, tuple[int, int, int]] = {}
    for r in records:
        if r.before is None or r.after is None:
            continue
        n, b, a = sums.get(r.exercise, (0, 0, 0))
        sums[r.exercise] = (n + 1, b + r.before, a + r.after)
    out = [
        Helped(exercise, n, b / n, a / n) for exercise, (n, b, a) in sums.items() if n >= min_rated
    ]
    return sorted(out, key=lambda h: (h.change, h.exercise))
