"""CSV schedules: a plain ``date,start,end`` file, or an appointment list exported from an EHR.

Headers are matched loosely ("Appointment Date", "Start Time", "Duration (min)", "Client"...);
dates may be ISO or US style, times 12 h or 24 h, the delimiter ``,`` ``;`` tab or ``|``. Times are
wall times in the zone asked for. Rows whose status says cancelled, and all-day rows (Outlook and
Google exports have an "All day event" column), are left out.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path

from groundtui.errors import ScheduleError
from groundtui.schedule.model import Session, overlaps_day, sort_sessions, wall_span
from groundtui.schedule.sources import format_clock, parse_clock_time


def _names(*names: str) -> frozenset[str]:
    return frozenset(names)


DATE_NAMES = _names(
    "date", "appointment date", "appt date", "session date", "start date", "day", "service date",
    "date of service", "dos", "visit date", "event date", "scheduled date", "datum",
)  # fmt: skip
START_NAMES = _names(
    "start", "start time", "starts", "starts at", "start at", "begin", "begins", "begin time",
    "from", "time", "appointment time", "appt time", "session time", "visit time",
    "scheduled time", "start datetime", "start date time", "datetime", "date time", "when",
)  # fmt: skip
END_NAMES = _names(
    "end", "end time", "ends", "ends at", "end at", "finish", "finish time", "to", "until",
    "stop", "stop time", "end datetime", "end date time",
)  # fmt: skip
END_DATE_NAMES = _names("end date")
DURATION_NAMES = _names(
    "duration", "length", "minutes", "mins", "duration min", "duration mins",
    "duration minutes", "duration in minutes", "length min", "length mins", "length minutes",
    "appointment length", "appt length", "session length", "appointment duration",
)  # fmt: skip
LABEL_NAMES = (
    "label", "summary", "title", "subject", "client", "client name", "patient", "patient name",
    "name",
)  # fmt: skip
HEAVY_NAMES = _names("heavy")
STATUS_NAMES = _names("status", "appointment status", "appt status", "state")
ALL_DAY_NAMES = _names("all day event", "all day", "allday", "all day appointment")

_TRUE = frozenset({"yes", "y", "true", "t", "1", "x", "heavy"})
_FALSE = frozenset({"no", "n", "false", "f", "0", ""})
_DELIMITERS = ",;\t|"


def normalize_header(name: str) -> str:
    """'Duration (min)' -> 'duration min', 'Start_Time' -> 'start time'."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", name.lower().replace("\ufeff", "")).split())


_QUALIFIERS = frozenset(
    {"appointment", "appt", "scheduled", "session", "event", "visit", "meeting", "booking",
     "actual", "local", "planned"}
)  # fmt: skip
_SYNONYMS = {"dtstart": "start", "dtend": "end", "start end": "start"}


def header_names(name: str) -> tuple[str, ...]:
    """The names a header cell may be known by: as written ('duration min'), and as EHR exports
    dress it ('Appointment Start', 'Start Time (EST)', 'DTSTART' -> 'start', 'start time')."""
    plain = normalize_header(name)
    words = normalize_header(re.sub(r"\([^)]*\)", " ", name)).split()
    if len(words) > 1 and words[0] in _QUALIFIERS:
        words = words[1:]
    core = " ".join(words)
    core = _SYNONYMS.get(core, core)
    return (plain,) if core == plain else (plain, core)


def _split_header(line: str) -> list[str]:
    delimiter = max(_DELIMITERS, key=line.count)
    return next(csv.reader([line], delimiter=delimiter))


def looks_like_header(line: str) -> bool:
    """Whether a file's first line is a CSV header with a date or start column."""
    if not any(d in line for d in _DELIMITERS):
        return False
    try:
        names = {known for n in _split_header(line) for known in header_names(n)}
    except csv.Error:
        return False
    return bool(names & (DATE_NAMES | START_NAMES))


# --------------------------------------------------------------------------- cell parsers

_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_DOT_DATE = re.compile(r"^(\d{1,2})[.-](\d{1,2})[.-](\d{4})$")
_TEXT_DATE_FORMATS = (
    "%b %d %Y", "%B %d %Y", "%d %b %Y", "%d %B %Y", "%a %b %d %Y", "%A %B %d %Y",
    "%a %d %b %Y", "%A %d %B %Y",
)  # fmt: skip
_TEXT_DATE = re.compile(r"[A-Za-z]{3}.*\d{4}\s*$")
_TIME_TAIL = re.compile(
    r"^(?P<date>.*?)[T\s,]+(?P<time>\d{1,2}(?:[:.]\d{2}){0,2}\s*(?:[ap]\.?\s*m?\.?)?)$",
    re.IGNORECASE,
)


LONGEST_CELL = 80
"""A date, time or duration cell longer than this is none (and is not searched: the patterns
that find a date in free text take time that grows with the square of the length)."""


@functools.lru_cache(maxsize=4096)
def parse_date(text: str, day_first: bool = False) -> date | None:
    """A date from '2026-11-24', '11/24/2026' (or day first), '24.11.2026', 'Nov 24, 2026'."""
    s = text.strip()
    if len(s) > LONGEST_CELL:
        return None
    try:
        m = _ISO_DATE.match(s)
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
        m = _SLASH_DATE.match(s)
        if m:
            a, b, year = int(m[1]), int(m[2]), int(m[3])
            year += 2000 if year < 100 else 0
            month, day = (b, a) if day_first else (a, b)
            return date(year, month, day)
        m = _DOT_DATE.match(s)
        if m:
            return date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None
    if not _TEXT_DATE.search(s):
        return None
    words = " ".join(s.replace(",", " ").split())
    for fmt in _TEXT_DATE_FORMATS:
        try:
            return datetime.strptime(words, fmt).date()
        except ValueError:
            continue
    return None


def parse_datetime(text: str, day_first: bool = False) -> datetime | None:
    """A date and time in one cell: ISO ('2026-11-24 09:00', with or without an offset) or
    '11/24/2026 9:00 AM'. Naive unless the cell gives an offset; None for a date alone."""
    s = text.strip()
    if not s or len(s) > LONGEST_CELL or parse_date(s, day_first) is not None:
        return None  # empty, or a date without a time
    try:
        return datetime.fromisoformat(s)
    except ValueError:
        pass
    m = _TIME_TAIL.match(s)
    if not m:
        return None
    day, clock = parse_date(m["date"], day_first), parse_clock_time(m["time"])
    if day is None or clock is None:
        return None
    return datetime.combine(day, clock)


_DURATION_PART = re.compile(
    r"(\d+(?:\.\d+)?)\s*(h|hr|hrs|hour|hours|m|min|mins|minute|minutes)\b\.?", re.IGNORECASE
)


def parse_duration(text: str) -> timedelta | None:
    """Minutes from '50', '50 min', '1h 30m', '1:30', '90 minutes'; None if not a duration."""
    s = text.strip().lower()
    if len(s) > LONGEST_CELL:
        return None
    try:
        return _duration(s)
    except OverflowError:  # more days than a timedelta holds
        return timedelta.max


def _duration(s: str) -> timedelta | None:
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return timedelta(minutes=float(s))
    m = re.fullmatch(r"(\d+):(\d{2})", s)
    if m:
        return timedelta(hours=int(m[1]), minutes=int(m[2]))
    parts = list(_DURATION_PART.finditer(s))
    if not parts or _DURATION_PART.sub("", s).strip(" ,"):
        return None
    total = timedelta()
    for part in parts:
        amount = float(part[1])
        total += timedelta(hours=amount) if part[2].startswith("h") else timedelta(minutes=amount)
    return total


# --------------------------------------------------------------------------- source


@dataclass(frozen=True)
class Booking:
    """One CSV row: naive wall times (in the zone asked for), or aware ones if the file says."""

    start: datetime
    end: datetime
    heavy: bool = False
    label: str | None = field(default=None, repr=False)
    line: int = 0


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
                    found.append(Session(start, end, b.heavy, b.label))
        return sort_sessions(found)


# --------------------------------------------------------------------------- parsing


def _sniff(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    sample = "\n".join(text.splitlines()[:20])
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
        if dialect.delimiter in first:
            return dialect.delimiter
    except csv.Error:
        pass
    return max(_DELIMITERS, key=first.count)


@dataclass
class _Columns:
    date: int | None = None
    start: int | None = None
    end: int | None = None
    end_date: int | None = None
    duration: int | None = None
    label: int | None = None
    heavy: int | None = None
    status: int | None = None
    all_day: int | None = None
    names: list[str] = field(default_factory=list)


def _columns(header: list[str]) -> _Columns:
    cols = _Columns(names=[h.strip().lstrip("\ufeff") for h in header])
    label_rank = len(LABEL_NAMES)
    taken: set[int] = set()
    # First the names as written, then as EHR exports dress them, so an exact match wins.
    for pass_ in (0, 1):
        for index, cell in enumerate(header):
            names = header_names(cell)
            if index in taken or pass_ >= len(names):
                continue
            if _assign(cols, index, names[pass_], label_rank):
                taken.add(index)
                if cols.label == index:
                    label_rank = LABEL_NAMES.index(names[pass_])
    return cols


def _assign(cols: _Columns, index: int, name: str, label_rank: int) -> bool:
    """Give column ``index`` the role its ``name`` says, if that role is still free."""
    if name in DATE_NAMES and cols.date is None:
        cols.date = index
    elif name in START_NAMES and cols.start is None:
        cols.start = index
    elif name in END_NAMES and cols.end is None:
        cols.end = index
    elif name in END_DATE_NAMES and cols.end_date is None:
        cols.end_date = index
    elif (name in DURATION_NAMES or "duration" in name.split()) and cols.duration is None:
        cols.duration = index
    elif name in HEAVY_NAMES and cols.heavy is None:
        cols.heavy = index
    elif (name in STATUS_NAMES or "status" in name.split()) and cols.status is None:
        cols.status = index
    elif name in ALL_DAY_NAMES and cols.all_day is None:
        cols.all_day = index
    elif name in LABEL_NAMES and LABEL_NAMES.index(name) < label_rank:
        cols.label = index
    else:
        return False
    return True


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
    if "cancel" in _cell(row, cols.status).lower():
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
    if heavy_cell not in _TRUE and heavy_cell not in _FALSE:
        raise _RowError(f"'heavy' must be yes or no{where(cols.heavy)}")
    label = _cell(row, cols.label) or None
    return Booking(start, end, heavy_cell in _TRUE, label, line)


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
