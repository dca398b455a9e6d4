"""The schedule's one value type: a session, with its label kept in memory only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo


@dataclass(frozen=True, order=True)
class Session:
    """One booked, timed session. ``label`` is client data: never logged, never written."""

    start: datetime
    end: datetime
    heavy: bool = field(default=False, compare=False)
    label: str | None = field(default=None, repr=False, compare=False)
    """Client name or summary. Shown only when the user enables labels."""

    @property
    def minutes(self) -> float:
        return (self.end - self.start).total_seconds() / 60


def day_bounds(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """The local day ``[day 00:00, day+1 00:00)`` in ``tz`` as aware datetimes."""
    start = datetime.combine(day, time(0, 0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=tz)
    return start, end


def overlaps_day(start: datetime, end: datetime, day: date, tz: tzinfo) -> bool:
    """Whether ``[start, end)`` overlaps the local day; a zero-length event counts if inside."""
    lo, hi = day_bounds(day, tz)
    if start == end:
        return lo <= start < hi
    return start < hi and end > lo


def sort_sessions(sessions: list[Session]) -> list[Session]:
    """Sorted by start, then end (the contract's order)."""
    return sorted(sessions, key=lambda s: (s.start, s.end))
