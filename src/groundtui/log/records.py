"""The log's values: an outcome, one write (``ResetEntry``), one record read back (``LogRecord``).

No label field exists anywhere here, by design: the log holds exercise ids, kinds, times and
the 0-10 check-ins, never a client's name, a summary or a URL.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from enum import StrEnum
from typing import Any


class Outcome(StrEnum):
    """What became of an offered reset (the contract's words)."""

    DONE = "done"
    """Ran to its end or marked done."""
    PARTIAL = "partial"
    """Started, not finished: stopped, gap ran out, app quit or crashed."""
    SKIPPED = "skipped"
    """Declined by the user."""
    MISSED = "missed"
    """The gap passed and nothing was started."""


OUTCOMES: tuple[Outcome, ...] = tuple(Outcome)
"""The outcomes a reader sees, in the contract's order."""

RUNNING = "running"
"""Stored while a reset is under way; read back as ``partial``."""

NOT_LOGGED = 0
"""The id a write returns when its slot was already logged (by another window): nothing was
written, and finishing it does nothing."""

JSON_KEYS = (
    "date",
    "gap_start",
    "gap_end",
    "exercise",
    "kind",
    "outcome",
    "started_at",
    "ended_at",
    "before",
    "after",
)
"""The keys of ``LogRecord.to_json()``, in order (also the CSV header)."""


class LogWriteError(Exception):
    """A write did not reach the log file (disk full, read-only, damaged); ``str()`` is one line.

    Nothing is lost by the store raising it: the caller (``QueuedLog``) keeps the write and
    tries again."""


def reason(err: BaseException) -> str:
    """The cause of ``err`` in a few words, on one line."""
    text = " ".join(str(err).split()) or type(err).__name__
    if isinstance(err, OSError) and err.strerror:
        text = err.strerror.lower()
    return text


def _aware(value: datetime, name: str) -> datetime:
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime")
    return value


def rating(value: int | None, name: str) -> int | None:
    """A 0-10 check-in rating, or None; anything else is a programming error."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValueError(f"{name} must be an int from 0 to 10, or None")
    return value


def outcome_of(value: str) -> Outcome:
    """``value`` as an ``Outcome``; a ValueError names the allowed ones."""
    try:
        return Outcome(value)
    except ValueError:
        raise ValueError(f"outcome must be one of {', '.join(OUTCOMES)}") from None


@dataclass(frozen=True)
class ResetEntry:
    """One write to the log: an offered reset as it starts or as it ended.

    The same value serves ``begin`` (outcome left None: under way) and ``record`` (a finished
    reset in one go: skipped, missed, marked done). Checked when made, so a bad value fails at
    the caller, not later in the writer thread.
    """

    gap_start: datetime
    gap_end: datetime
    exercise: str
    """Exercise id, e.g. 'box-breathing'."""
    kind: str
    outcome: Outcome | None = None
    """None while the reset is under way (``begin``)."""
    started_at: datetime | None = None
    ended_at: datetime | None = None
    before: int | None = None
    """Check-in rating 0-10 before the reset, or None."""
    after: int | None = None
    """Check-in rating 0-10 after the reset, or None."""
    slot: str | None = None
    """Which offer of its gap this is ('main:0', 'closing:0'); None for one the user picked
    themselves. Two windows never both log the same slot of the same gap."""
    slot_at: datetime | None = None
    """When the offer was planned to start (the time a missed or skipped row is shown at)."""

    def __post_init__(self) -> None:
        _aware(self.gap_start, "gap_start")
        _aware(self.gap_end, "gap_end")
        for name in ("started_at", "ended_at", "slot_at"):
            value = getattr(self, name)
            if value is not None:
                _aware(value, name)
        for name in ("exercise", "kind"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"{name} must be a non-empty string")
        rating(self.before, "before")
        rating(self.after, "after")
        if self.outcome is not None:
            object.__setattr__(self, "outcome", outcome_of(self.outcome))

    @property
    def date(self) -> date:
        """The local date of the gap's start (the log's day)."""
        return self.gap_start.date()

    def as_record(self, record_id: int = 0) -> LogRecord:
        """The record a reader would see for this entry (under way reads as partial)."""
        return LogRecord(
            date=self.date,
            gap_start=self.gap_start,
            gap_end=self.gap_end,
            exercise=self.exercise,
            kind=self.kind,
            outcome=self.outcome or Outcome.PARTIAL,
            started_at=self.started_at,
            ended_at=self.ended_at,
            before=self.before,
            after=self.after,
            id=record_id,
            slot_at=self.slot_at,
        )


@dataclass(frozen=True)
class LogRecord:
    """One offered reset and what became of it, as read back. No label field exists."""

    date: date
    """Local date of the gap's start."""
    gap_start: datetime
    gap_end: datetime
    exercise: str
    """Exercise id, e.g. 'box-breathing'."""
    kind: str
    outcome: Outcome
    """'running' rows read back as partial."""
    started_at: datetime | None
    ended_at: datetime | None
    before: int | None
    """Check-in rating 0-10 before the reset, or None."""
    after: int | None
    """Check-in rating 0-10 after the reset, or None."""
    id: int = 0
    slot_at: datetime | None = None
    """When the offer was planned to start; None in rows logged before schema v4 and for
    resets the user picked themselves. Not part of the contract's JSON."""

    @property
    def minutes(self) -> float:
        """Minutes spent in the reset (0 when it never started or has no end)."""
        if self.started_at is None or self.ended_at is None:
            return 0.0
        return max(0.0, (self.ended_at - self.started_at).total_seconds() / 60)

    @property
    def when(self) -> datetime:
        """The moment to show for this row: when it started, else when its slot was planned
        (a reset that passed by or was declined), else when it was declined, else when its gap
        began (rows from before the slot's time was kept)."""
        return self.started_at or self.slot_at or self.ended_at or self.gap_start

    def in_zone(self, tz: tzinfo) -> LogRecord:
        """The same record with its times shown in ``tz`` (the date stays as recorded)."""
        return dataclasses.replace(
            self,
            gap_start=self.gap_start.astimezone(tz),
            gap_end=self.gap_end.astimezone(tz),
            started_at=self.started_at.astimezone(tz) if self.started_at else None,
            ended_at=self.ended_at.astimezone(tz) if self.ended_at else None,
            slot_at=self.slot_at.astimezone(tz) if self.slot_at else None,
        )

    def checkin_text(self) -> str:
        """The check-in change for display: '6 → 3', '6 →', '→ 3' or ''."""
        if self.before is None and self.after is None:
            return ""
        before = "" if self.before is None else str(self.before)
        after = "" if self.after is None else str(self.after)
        return f"{before} → {after}".strip()

    def to_json(self, tz: tzinfo | None = None) -> dict[str, Any]:
        """The contract's record shape (ISO strings with UTC offset, or null), times in ``tz``."""

        def iso(t: datetime | None) -> str | None:
            if t is None:
                return None
            return (t.astimezone(tz) if tz is not None else t).isoformat()

        return {
            "date": self.date.isoformat(),
            "gap_start": iso(self.gap_start),
            "gap_end": iso(self.gap_end),
            "exercise": self.exercise,
            "kind": self.kind,
            "outcome": str(self.outcome),
            "started_at": iso(self.started_at),
            "ended_at": iso(self.ended_at),
            "before": self.before,
            "after": self.after,
        }


def in_instant_order(records: Sequence[LogRecord]) -> bool:
    """Whether records in wall-clock order (as SQLite returns them) are in instant order too.

    With one UTC offset, ISO text order is instant order; only neighbours whose offsets
    differ (a DST switch, travel) need a real comparison. Ties across offsets count as out of
    order, so the full sort settles them.
    """
    prev: datetime | None = None
    for r in records:
        start = r.gap_start
        if prev is not None and prev.tzinfo != start.tzinfo and prev >= start:
            return False
        prev = start
    return True


def sort_key(r: LogRecord) -> tuple[datetime, bool, datetime, int]:
    """Gap start, then started ones after unstarted, then start time, then id."""
    return (r.gap_start, r.started_at is not None, r.started_at or r.gap_start, r.id)


def in_order(records: Iterable[LogRecord]) -> list[LogRecord]:
    """``records`` sorted by ``sort_key`` (cheaply when they already are)."""
    items = list(records)
    if not in_instant_order(items):
        items.sort(key=sort_key)
    return items
