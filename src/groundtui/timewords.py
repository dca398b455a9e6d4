"""The status line's words, from plain numbers: shared by ``status`` (from a plan) and the
cached fast path (from the day cache). Imports nothing but ``math``."""

from __future__ import annotations

import math

TYPE_CHECKING = False
if TYPE_CHECKING:  # collections.abc would load collections on status's cached path
    from collections.abc import Iterable


def format_left(minutes: float) -> str:
    """'23 min' (rounded up, so 10 s left reads '1 min'); '1 h 5 min' past the hour."""
    whole = max(1, math.ceil(minutes - 1e-9)) if minutes > 0 else 0
    if whole >= 60:
        hours, rest = divmod(whole, 60)
        return f"{hours} h {rest} min" if rest else f"{hours} h"
    return f"{whole} min"


def minutes_between(start_us: int, end_us: int) -> float:
    """Minutes from ``start_us`` to ``end_us`` (microseconds), never below 0: the same float as
    ``(end - start).total_seconds() / 60`` on datetimes."""
    return max(0.0, (end_us - start_us) / 1_000_000 / 60)


def gap_text(
    left: float, back_to_back: bool, reset_name: str | None, notes_left: float | None
) -> str:
    """The line in a gap; ``notes_left`` is None once the notes time is over."""
    if back_to_back:
        return f"back to back · {format_left(left)} left"
    if reset_name is None:
        return f"gap · free · {format_left(left)} left"
    if notes_left is not None:
        return f"notes · {format_left(notes_left)}, then {reset_name}"
    return f"gap · {reset_name} · {format_left(left)} left"


def session_text(left: float) -> str:
    return f"in session · {format_left(left)} left"


def before_text(first_hhmm: str) -> str:
    return f"before first session · {first_hhmm}"


TAKEN = frozenset({"done", "partial"})
"""Outcomes that count as a reset taken (started, whether or not it ran to its end)."""


def resets_taken(outcomes: Iterable[str]) -> int:
    """How many resets were taken today: the one count the status line and the app show."""
    return sum(1 for outcome in outcomes if outcome in TAKEN)


def day_done_words(taken: int) -> str:
    """The day's end in calm, neutral words (a count, never a score): 'day done · 2 resets
    today'. The app shows the same words, capitalised."""
    if taken <= 0:
        return "day done"
    return f"day done · {taken} reset{'' if taken == 1 else 's'} today"


def closing_words(name: str) -> str:
    """After the last session, while the closing practice is still offered (never 'day done'
    then)."""
    return f"sessions over · to close the day: {name}"


FREE_TEXT = "no sessions today"
