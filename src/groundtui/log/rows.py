"""Database rows to ``LogRecord``s, skipping rows groundtui did not write.

A row with a bad date, an unknown outcome or text where a number goes (someone edited the file
by hand, another program wrote to it) is skipped and counted, never a crash: the reader says
once how many were left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from groundtui.log.records import RUNNING, LogRecord, Outcome

COLUMNS = (
    "id, date, gap_start, gap_end, exercise, kind, outcome, started_at, ended_at, before, after"
)
"""The columns ``records_from_rows`` reads, in its order (every schema version has them)."""

SLOT_AT = "slot_at"
"""The column read after ``COLUMNS`` when the file has it (schema v4 on)."""

_OUTCOME_OF: dict[object, Outcome] = {o.value: o for o in Outcome}
_OUTCOME_OF[RUNNING] = Outcome.PARTIAL


class _BadRow(ValueError):
    pass


def _when(text: object) -> datetime:
    if not isinstance(text, str):
        raise _BadRow
    value = datetime.fromisoformat(text)
    if value.utcoffset() is None:
        raise _BadRow
    return value


def _word(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _BadRow
    return value


def _rating(value: object) -> int | None:
    if value is None:
        return None
    if type(value) is not int or not 0 <= value <= 10:
        raise _BadRow
    return value


def _slot_at(more: Sequence[Any]) -> datetime | None:
    """The optional ``slot_at`` cell: a bad one is dropped, not the row (it is only shown)."""
    if not more or more[0] is None:
        return None
    try:
        return _when(more[0])
    except (ValueError, TypeError, OverflowError):
        return None


def records_from_rows(rows: Iterable[Sequence[Any]]) -> tuple[list[LogRecord], int]:
    """Rows (in ``COLUMNS`` order, then ``slot_at`` if read) to records, and how many rows
    were skipped as not ours.

    The hot path of a 10-year read: one ``date`` per day is shared, and each record's
    attributes are set in one go rather than one by one through the frozen ``__init__``.
    """
    days: dict[object, date] = {}
    new = object.__new__
    set_attr = object.__setattr__
    out: list[LogRecord] = []
    skipped = 0
    for row in rows:
        try:
            rid, day, gs, ge, ex, kind, outcome, sa, ea, before, after, *more = row
            d = days.get(day)
            if d is None:
                if not isinstance(day, str):
                    raise _BadRow
                d = days[day] = date.fromisoformat(day)
            fields = {
                "date": d,
                "gap_start": _when(gs),
                "gap_end": _when(ge),
                "exercise": _word(ex),
                "kind": _word(kind),
                "outcome": _OUTCOME_OF[outcome],
                "started_at": None if sa is None else _when(sa),
                "ended_at": None if ea is None else _when(ea),
                "before": _rating(before),
                "after": _rating(after),
                "id": rid if type(rid) is int else 0,
                "slot_at": _slot_at(more),
            }
        except (ValueError, TypeError, KeyError, OverflowError):
            skipped += 1
            continue
        record = new(LogRecord)
        set_attr(record, "__dict__", fields)
        out.append(record)
    return out, skipped


def skipped_note(count: int) -> str:
    """One line for rows left out of a read."""
    rows = "row" if count == 1 else "rows"
    return (
        f"Skipped {count} {rows} in the reset log that groundtui did not write"
        " (a bad date, outcome or number)."
    )
