"""Reading one CSV cell: dates (ISO, US, day first, 'Nov 24, 2026'), date-times, durations,
yes/no."""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, timedelta

from groundtui.schedule.cells import parse_clock_time

_TRUE = frozenset({"yes", "y", "true", "t", "1", "x", "heavy"})
_FALSE = frozenset({"no", "n", "false", "f", "0"})

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
