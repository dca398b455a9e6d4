"""The schedule's one value type: a session, with its label kept in memory only."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from groundtui.safetext import one_line


@dataclass(frozen=True, order=True)
class Session:
    """One booked, timed session. ``label`` is client data: never logged, never written."""

    start: datetime
    end: datetime
    heavy: bool | None = field(default=None, compare=False)
    """True or False when the schedule says so (a ``heavy`` key or column): that always wins.
    None when it does not: the planner's keywords and codes decide (``planner.is_heavy``)."""
    label: str | None = field(default=None, repr=False, compare=False)
    """Client name or summary. Shown only when the user enables labels; kept as one line of
    text with its control characters made visible (a label cannot drive the terminal)."""
    service: str | None = field(default=None, repr=False, compare=False)
    """The kind of visit an EHR report gives (a service, type or CPT column: '90791 Intake').
    Kept in memory only, like the label; the planner reads its heavy codes and keywords."""
    booked_end: datetime | None = field(default=None, repr=False, compare=False)
    """The end as booked, when a "running late" edit moved ``end`` (None otherwise): past it
    the day screen says the session was extended rather than just "in session"."""

    def __post_init__(self) -> None:
        if self.label is not None:
            object.__setattr__(self, "label", one_line(self.label) or None)
        if self.service is not None:
            object.__setattr__(self, "service", one_line(self.service) or None)

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
    lo, hi = (_instant(t) for t in day_bounds(day, tz))
    start, end = _instant(start), _instant(end)
    if start == end:
        return lo <= start < hi
    return start < hi and end > lo


def _instant(when: datetime) -> datetime:
    """The same moment in UTC: aware datetimes sharing a tzinfo compare by wall time otherwise."""
    return when.astimezone(UTC)


def session_order(session: Session) -> tuple[datetime, datetime, bool, str]:
    """Sort key: start, then end (the contract's order); sessions at the same times are put in
    one fixed order too (heavy first, then by label), so a plan never depends on file order."""
    return (
        _instant(session.start),
        _instant(session.end),
        not session.heavy,
        session.label or "",
    )


def sort_sessions(sessions: list[Session]) -> list[Session]:
    """Sorted by start, then end (the contract's order)."""
    return sorted(sessions, key=session_order)


def localize(wall: datetime, tz: tzinfo) -> datetime:
    """A naive wall time as an aware time in ``tz``; a time skipped by DST moves forward.

    ``fold=0`` picks the first of two repeated times (the daylight one on a fall-back night) and
    reads a skipped time with the offset before the jump, so 02:30 on a spring-forward night
    becomes 03:30. The result is normalised, so its wall time is one the clock really shows.
    """
    return wall.replace(tzinfo=tz, fold=0).astimezone(UTC).astimezone(tz)


def wall_span(start: datetime, end: datetime, tz: tzinfo) -> tuple[datetime, datetime]:
    """A session booked by naive wall times, as aware times in ``tz``.

    A session whose start falls in a DST gap keeps its booked length rather than ending before
    it begins (02:30-03:20 on a spring-forward night becomes 03:30-04:20).
    """
    lo, hi = localize(start, tz), localize(end, tz)
    if end > start and hi <= lo:
        hi = (_instant(lo) + (end - start)).astimezone(tz)
    return lo, hi


NOT_HELD = frozenset(
    {
        "no show", "noshow", "no showed", "did not attend", "dna",
        "late cancel", "late cancelled", "late canceled", "late cancellation",
        "cancel", "cancelled", "canceled", "cancellation",
        "cancelled by client", "canceled by client", "cancelled by clinician",
        "canceled by clinician", "client cancelled", "client canceled",
        "clinician cancelled", "clinician canceled",
        "rescheduled", "deleted", "removed", "void", "voided",
    }
)  # fmt: skip
"""Status cells (as ``status_words`` makes them) of a visit that did not happen."""


def status_words(cell: str) -> str:
    """A status as plain words: 'No-Show' -> 'no show', 'Late Cancel.' -> 'late cancel'."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", cell.casefold()).split())


def not_held(status: str) -> bool:
    """Whether a whole status cell (CSV) or STATUS value (.ics) says the visit did not happen:
    'No Show', 'No-Show', 'Late Cancel', 'Canceled', 'Cancelled', 'Rescheduled', 'Deleted' (any
    case). A status that only mentions one ('Confirmed, no-show last time') is not matched."""
    return status_words(status) in NOT_HELD
