"""One pass over an .ics file's lines, before any library reads it.

It checks the file's structure (so a cut-off download names its line instead of looking like a
free day), keeps only the properties a schedule needs, and splits the file into calendars and
events, each with the lines of the properties it uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from groundtui.errors import ScheduleError

_TIME_ORDER = (
    "DTSTART",
    "DTEND",
    "DURATION",
    "RECURRENCE-ID",
    "RRULE",
    "RDATE",
    "EXDATE",
    "EXRULE",
)
_TIME_PROPERTIES = frozenset(_TIME_ORDER)
_KEPT_PROPERTIES = _TIME_PROPERTIES | {"UID", "SEQUENCE", "STATUS", "TRANSP", "SUMMARY", "DTSTAMP"}
"""What expanding and filtering need; descriptions, attendees and alarms are dropped unread."""
_SERIES_PROPERTIES = frozenset({"RRULE", "RDATE", "EXRULE", "RECURRENCE-ID", "DURATION"})
_RECURRING_PROPERTIES = frozenset({"RRULE", "RDATE", "EXRULE", "RECURRENCE-ID"})
"""What makes an event part of a series (only such an event is called 'recurring')."""
_LONGEST_ONE_OFF = timedelta(days=31)
"""A one-off event longer than this is parsed up front rather than indexed day by day."""
_DATE_VALUE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T\d{6}Z?)?$")

MAX_EVENTS = 50_000
"""Events in one file: ten years of a full EHR export. More is refused, naming the first extra."""
MAX_DATES = 10_000
"""RDATE and EXDATE values of one event."""


@dataclass
class _Event:
    """One VEVENT as found in the text: where it is and the lines worth parsing."""

    begin: int
    lines: list[str] = field(default_factory=list, repr=False)
    properties: dict[str, int] = field(default_factory=dict)
    """The line of the first occurrence of each property."""
    values: dict[str, str] = field(default_factory=dict, repr=False)
    """The unfolded value of the first occurrence of each time property and UID."""
    repeated: set[str] = field(default_factory=set)
    """Time properties given more than once (parsed up front, to report them)."""
    dates: int = 0
    """How many RDATE and EXDATE values it lists."""

    def span(self) -> tuple[date, date] | None:
        """The dates DTSTART and DTEND name in the text, for a plain one-off; else None."""
        if self.properties.keys() & _SERIES_PROPERTIES or self.repeated:
            return None
        if "DTSTART" not in self.values:
            return None
        first = _text_date(self.values["DTSTART"])
        last = _text_date(self.values.get("DTEND", self.values["DTSTART"]))
        if first is None or last is None or not timedelta(0) <= last - first <= _LONGEST_ONE_OFF:
            return None
        return first, last


@dataclass
class _Calendar:
    """One VCALENDAR: its own properties, its VTIMEZONEs and its events, as text."""

    head: list[str] = field(default_factory=list)
    timezones: list[str] = field(default_factory=list)
    events: list[_Event] = field(default_factory=list)

    def text(self, events: Iterable[_Event]) -> str:
        body = [line for event in events for line in event.lines]
        return "\r\n".join(["BEGIN:VCALENDAR", *self.head, *self.timezones, *body, "END:VCALENDAR"])


def _text_date(value: str) -> date | None:
    m = _DATE_VALUE.search(value.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def scan(path: Path, text: str) -> list[_Calendar]:
    """Check BEGIN/END nesting line by line and split the file into calendars and events.

    A truncated download (no END:VEVENT or END:VCALENDAR) raises with its line, so a broken
    export can never pass for an empty day.
    """
    calendars: list[_Calendar] = []
    stack: list[tuple[str, int]] = []
    event: _Event | None = None
    timezone: list[str] = []
    sink: list[str] | None = None  # where the current line and its continuations go
    unfolding: tuple[str, list[str]] | None = None  # a time property's value, being unfolded
    last = events = 0
    listing: _Event | None = None  # the event whose RDATE/EXDATE values are being counted
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        last = number
        if raw[0] in " \t":  # a folded continuation of the previous line
            if not stack and not calendars:
                raise ScheduleError("not an iCalendar file: expected BEGIN:VCALENDAR", path, number)
            if sink is not None:
                sink.append(raw)
            if unfolding is not None:
                unfolding[1].append(raw[1:])
            if listing is not None:
                _count_dates(path, listing, raw.count(","))
            continue
        _finish(event, unfolding)
        unfolding = listing = None
        name, sep, value = raw.partition(":")
        key = name.split(";", 1)[0].strip().upper()
        word = value.strip().upper()
        if not stack:
            sink = None
            if key == "BEGIN" and word == "VCALENDAR":
                stack.append(("VCALENDAR", number))
                calendars.append(_Calendar())
                continue
            if calendars:
                continue  # some feeds append a comment after END:VCALENDAR
            raise ScheduleError("not an iCalendar file: expected BEGIN:VCALENDAR", path, number)
        calendar = calendars[-1]
        if key == "BEGIN" and sep:
            stack.append((word, number))
            sink = None
            if len(stack) == 2 and word == "VEVENT":
                event = _Event(number)
                calendar.events.append(event)
                sink = event.lines
                events += 1
                if events > MAX_EVENTS:
                    raise ScheduleError(
                        f"too many events in one file (over {MAX_EVENTS:,}); export a shorter"
                        " date range",
                        path,
                        number,
                    )
            elif len(stack) == 2 and word == "VTIMEZONE":
                timezone = []
                sink = timezone
            elif len(stack) > 2 and stack[1][0] == "VTIMEZONE":
                sink = timezone
        elif key == "END" and sep:
            open_name, open_line = stack[-1]
            if word != open_name:
                raise ScheduleError(
                    f"END:{word} does not close BEGIN:{open_name} from line {open_line}"
                    " (is the file damaged?)",
                    path,
                    number,
                )
            sink = None
            if len(stack) == 2 and word == "VEVENT" and event is not None:
                sink, event = event.lines, None
            elif len(stack) >= 2 and stack[1][0] == "VTIMEZONE":
                sink = timezone
            if sink is not None:
                sink.append(raw)
            if len(stack) == 2 and word == "VTIMEZONE":
                calendar.timezones.extend(timezone)
            stack.pop()
            sink = None
            continue
        elif len(stack) == 1:
            sink = calendar.head
        elif len(stack) == 2 and stack[1][0] == "VEVENT" and event is not None:
            if key in event.properties and key in _TIME_PROPERTIES:
                event.repeated.add(key)
            event.properties.setdefault(key, number)
            sink = event.lines if key in _KEPT_PROPERTIES else None
            if (key in _TIME_PROPERTIES or key == "UID") and key not in event.values:
                unfolding = (key, [value])
            if key in ("RDATE", "EXDATE"):
                listing = event
                _count_dates(path, event, value.count(",") + 1)
        elif stack[1][0] == "VTIMEZONE":
            sink = timezone
        else:
            sink = None  # alarms, to-dos, journals, free/busy: not sessions
        if sink is not None:
            sink.append(raw)
    _finish(event, unfolding)
    if stack:
        open_name, open_line = stack[-1]
        raise ScheduleError(
            f"the file ends before END:{open_name} (begun on line {open_line}):"
            " it looks cut off; export or download it again",
            path,
            last or None,
        )
    if not calendars:
        raise ScheduleError("the calendar file is empty", path)
    return calendars


def _count_dates(path: Path, event: _Event, more: int) -> None:
    event.dates += more
    if event.dates > MAX_DATES:
        raise ScheduleError(
            f"the event that begins here lists too many RDATE/EXDATE dates (over {MAX_DATES:,})",
            path,
            event.begin,
        )


def _finish(event: _Event | None, value_of: tuple[str, list[str]] | None) -> None:
    if event is not None and value_of is not None:
        event.values.setdefault(value_of[0], "".join(value_of[1]))
