"""CSV schedules: a plain ``date,start,end`` file, or an appointment list exported from an EHR.

Headers are matched loosely ("Appointment Date", "Start Time", "Duration (min)", "Client"...);
dates may be ISO or US style, times 12 h or 24 h, the delimiter ``,`` ``;`` tab or ``|``. Times are
wall times in the zone asked for. Rows whose whole status cell says the visit did not happen
("No Show", "Late Cancel", "Cancelled", "Rescheduled", "Deleted", any case: ``not_held``), and
all-day rows (Outlook and Google exports have an "All day event" column), are left out. An EHR
report's service, type or CPT columns are kept (in memory only) as the session's ``service``, for
the planner's heavy codes and keywords.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path

from groundtui.errors import ScheduleError
from groundtui.schedule.cells import format_clock, parse_clock_time
from groundtui.schedule.csv.header import _Columns, _columns, _sniff
from groundtui.schedule.csv.values import _FALSE, _TRUE, parse_date, parse_datetime, parse_duration
from groundtui.schedule.model import Session, not_held, overlaps_day, sort_sessions, wall_span


@dataclass(frozen=True)
class Booking:
    """One CSV row: naive wall times (in the zone asked for), or aware ones if the file says."""

    start: datetime
    end: datetime
    heavy: bool | None = None
    """The heavy column's yes or no; None when the file has none or the cell is empty."""
    label: str | None = field(default=None, repr=False)
    line: int = 0
    service: str | None = field(default=None, repr=False)
    """The service, type or CPT cells, joined: the kind of visit."""


@dataclass(frozen=True)
class CsvSource:
    """A parsed CSV schedule, indexed by the start date of each row."""

    path: Path
    by_day: dict[date, tuple[Booking, ...]] = field(repr=False)
    """Rows by the wall date of their start; rows with an offset are under their UTC date."""
    longest: timedelta = timedelta(0)
    format: str = "csv"

    def sessions_on(self, day: date, tz: tzinfo) -> list[Session]:
        """Rows overlapping the local ``day`` in ``tz`` (naive times are wall times in it)."""
        reach = self.longest.days + 2
        found: list[Session] = []
        for offset in range(-reach, 2):
            for b in self.by_day.get(day + timedelta(days=offset), ()):
                if b.start.tzinfo is None:
                    start, end = wall_span(b.start, b.end, tz)
                else:
                    start, end = b.start.astimezone(tz), b.end.astimezone(tz)
                if overlaps_day(start, end, day, tz):
                    found.append(Session(start, end, b.heavy, b.label, b.service))
        return sort_sessions(found)


class _RowError(Exception):
    """A bad cell, before the line number is known."""


def parse_csv(path: Path, text: str) -> CsvSource:
    """Parse a CSV schedule; a bad date, time or header is a ScheduleError with its line."""
    if not text.strip():
        raise ScheduleError("the CSV file is empty (expected a header row: date,start,end)", path)
    delimiter = _sniff(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, skipinitialspace=True)
    rows: list[tuple[int, list[str]]] = []
    line = first_line = 0
    try:
        for row in reader:
            first_line, line = line + 1, reader.line_num
            if any(cell.strip() for cell in row):
                rows.append((first_line, row))
    except csv.Error as err:
        raise ScheduleError(f"not a readable CSV file ({err})", path, line + 1) from None
    if not rows:
        raise ScheduleError(
            "the CSV file has no values, only separators (expected a header row: date,start,end)",
            path,
        )
    if _quote_left_open(text, first_line, delimiter):
        raise ScheduleError(
            'a quote (") opened on this line is never closed: every line after it would be '
            "read as one cell; close the quote",
            path,
            first_line,
        )
    header_line, header = rows[0]
    cols = _columns(header)
    if cols.start is None and cols.date is None:
        raise ScheduleError(
            "no date or start column (expected a header row like: date,start,end)",
            path,
            header_line,
        )
    if cols.end is None and cols.duration is None:
        raise ScheduleError(
            "no end time or duration column (expected a column named end or duration)",
            path,
            header_line,
        )
    day_first = _day_first(rows[1:], cols)
    by_day: dict[date, list[Booking]] = defaultdict(list)
    longest = timedelta(0)
    for number, row in rows[1:]:
        try:
            booking = _booking(row, cols, day_first, number)
        except _RowError as err:
            raise ScheduleError(str(err), path, number) from None
        if booking is None:
            continue
        longest = max(longest, booking.end - booking.start)
        key = booking.start.date() if booking.start.tzinfo is None else _utc_date(booking.start)
        by_day[key].append(booking)
    return CsvSource(path, {k: tuple(v) for k, v in by_day.items()}, longest)


def _quote_left_open(text: str, first_line: int, delimiter: str) -> bool:
    """Whether the file's last row (from ``first_line``) ends inside a quoted cell.

    The lenient reader takes everything up to the end of the file into that cell, so the rows
    after an unclosed quote would vanish in silence; a strict read of that row alone says so.
    """
    rest = "".join(io.StringIO(text).readlines()[first_line - 1 :])  # lines as the reader counts
    if '"' not in rest:
        return False
    reader = csv.reader(io.StringIO(rest), delimiter=delimiter, skipinitialspace=True, strict=True)
    try:
        for _ in reader:
            pass
    except csv.Error as err:
        return "unexpected end of data" in str(err)
    return False


def _utc_date(when: datetime) -> date:
    return (when - (when.utcoffset() or timedelta(0))).date()


def _day_first(rows: list[tuple[int, list[str]]], cols: _Columns) -> bool:
    """Dates like 24/11/2026 mean day first; decided once per file, US order otherwise."""
    for index in (cols.date, cols.start):
        if index is None:
            continue
        for _, row in rows:
            cell = row[index].strip() if index < len(row) else ""
            m = re.match(r"^(\d{1,2})/(\d{1,2})/\d{2,4}", cell)
            if m and int(m[1]) > 12 >= int(m[2]):
                return True
    return False


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def _booking(row: list[str], cols: _Columns, day_first: bool, line: int) -> Booking | None:
    if not_held(_cell(row, cols.status)):
        return None
    if _cell(row, cols.all_day).lower() in _TRUE:
        return None  # all-day entries are not sessions
    date_cell, start_cell = _cell(row, cols.date), _cell(row, cols.start)
    if not date_cell and not start_cell:
        return None
    name = cols.names

    def where(index: int | None) -> str:
        return f" in column '{name[index]}'" if index is not None else ""

    # The start: a date-and-time cell, or a date cell plus a time cell.
    start_index = cols.start if start_cell else cols.date
    start = parse_datetime(start_cell or date_cell, day_first)
    if start is None:
        if cols.date is None or not date_cell:
            raise _RowError(f"no date for this row{where(cols.date)}")
        day = parse_date(date_cell, day_first)
        if day is None:
            stamp = parse_datetime(date_cell, day_first)
            if stamp is None:
                raise _RowError(f"not a date{_shown(date_cell)}{where(cols.date)}")
            day = stamp.date()
        clock = parse_clock_time(start_cell) if start_cell else None
        if clock is None:
            if start_cell:
                raise _RowError(f"not a time{_shown(start_cell)}{where(start_index)}")
            raise _RowError(f"no start time{where(cols.start)}")
        start = datetime.combine(day, clock)

    end = _end(row, cols, start, day_first, where)
    heavy_cell = _cell(row, cols.heavy).lower()
    heavy: bool | None = None
    if heavy_cell:
        if heavy_cell not in _TRUE and heavy_cell not in _FALSE:
            raise _RowError(f"'heavy' must be yes or no{where(cols.heavy)}")
        heavy = heavy_cell in _TRUE
    label = _cell(row, cols.label) or None
    service = " · ".join(c for c in (_cell(row, i) for i in cols.service) if c) or None
    return Booking(start, end, heavy, label, line, service)


def _end(
    row: list[str],
    cols: _Columns,
    start: datetime,
    day_first: bool,
    where: Callable[[int | None], str],
) -> datetime:
    end_cell = _cell(row, cols.end)
    if end_cell:
        stamp = parse_datetime(end_cell, day_first)
        if stamp is not None:
            if (stamp.tzinfo is None) != (start.tzinfo is None):
                raise _RowError(
                    f"give both start and end with a UTC offset, or neither{where(cols.end)}"
                )
            if stamp < start:
                raise _RowError(f"end{_shown(end_cell)} is before start{where(cols.end)}")
            return stamp
        midnight = _MIDNIGHT.match(end_cell) is not None  # '24:00': the end of the day
        clock = time(0, 0) if midnight else parse_clock_time(end_cell)
        if clock is None:
            raise _RowError(f"not a time{_shown(end_cell)}{where(cols.end)}")
        end_day = start.date()
        end_date_cell = _cell(row, cols.end_date)
        if end_date_cell:
            parsed = parse_date(end_date_cell, day_first)
            if parsed is None:
                raise _RowError(f"not a date{_shown(end_date_cell)}{where(cols.end_date)}")
            end_day = parsed
        end = datetime.combine(end_day, clock, tzinfo=start.tzinfo)
        if end < start and not end_date_cell and end + timedelta(days=1) - start <= _OVERNIGHT:
            end += timedelta(days=1)  # 23:00-00:30 crosses midnight
        if end < start:
            raise _RowError(
                f"end {format_clock(clock)} is before start {format_clock(start.time())}"
                f"{where(cols.end)}"
            )
        return end
    duration_cell = _cell(row, cols.duration)
    if duration_cell:
        length = parse_duration(duration_cell)
        if length is None:
            raise _RowError(f"not a duration{_shown(duration_cell)}{where(cols.duration)}")
        try:
            return start + length
        except OverflowError:
            raise _RowError(
                f"the duration{_shown(duration_cell)} ends past the year 9999{where(cols.duration)}"
            ) from None
    if cols.end is not None and cols.duration is not None:
        raise _RowError(f"no end time or duration{where(cols.end)}")
    raise _RowError(f"no end time{where(cols.end if cols.end is not None else cols.duration)}")


_OVERNIGHT = timedelta(hours=12)
_MIDNIGHT = re.compile(r"^\s*24[:.]?00(?:[:.]00)?\s*$")
"""An end time earlier than the start means the next day when that makes a session this short."""
_SAFE_CELL = re.compile(r"^[0-9\s:/.,+\-TZapmAPM]{1,40}$")


def _shown(cell: str) -> str:
    """A cell quoted for a message, only if it is plainly a date or time (never a name)."""
    return f" '{cell}'" if _SAFE_CELL.match(cell) else ""
