"""iCalendar (.ics) schedules: exports and feeds from EHRs, Google, Outlook, iCloud.

``icalendar`` parses, ``x_wr_timezone`` applies a feed's ``X-WR-TIMEZONE`` and
``recurring_ical_events`` expands RRULE/RDATE/EXDATE/RECURRENCE-ID; this module checks the file's
structure first (so a cut-off download names its line instead of looking like a free day), then
keeps the timed, busy occurrences of a day.
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from groundtui.errors import ScheduleError
from groundtui.schedule.model import Session, overlaps_day, sort_sessions, wall_span

_TIME_PROPERTIES = frozenset(
    {"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "EXRULE", "RECURRENCE-ID"}
)
_PRIVATE_PROPERTIES = ("SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CONTACT", "ATTENDEE",
                       "ORGANIZER", "URL", "UID", "CATEGORIES", "RESOURCES")  # fmt: skip
_MARGIN = timedelta(days=2)
"""How far beyond the local day the library is asked, to cover every UTC offset."""


@dataclass
class _EventLines:
    """Where one VEVENT and its first few properties are in the file."""

    begin: int
    properties: dict[str, int] = field(default_factory=dict)


# --------------------------------------------------------------------------- structure


def check_structure(path: Path, text: str) -> list[_EventLines]:
    """Check BEGIN/END nesting line by line; return where each VEVENT is, in file order.

    A truncated download (no END:VEVENT or END:VCALENDAR) raises with its line, so a broken
    export can never pass for an empty day.
    """
    events: list[_EventLines] = []
    stack: list[tuple[str, int]] = []
    seen_calendar = False
    last = 0
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        last = number
        if raw[0] in " \t":  # a folded continuation of the previous line
            if not stack and not seen_calendar:
                raise ScheduleError("not an iCalendar file: expected BEGIN:VCALENDAR", path, number)
            continue
        name, sep, value = raw.partition(":")
        key = name.split(";", 1)[0].strip().upper()
        word = value.strip().upper()
        if not stack:
            if key == "BEGIN" and word == "VCALENDAR":
                stack.append(("VCALENDAR", number))
                seen_calendar = True
                continue
            if seen_calendar:
                continue  # some feeds append a comment after END:VCALENDAR
            raise ScheduleError("not an iCalendar file: expected BEGIN:VCALENDAR", path, number)
        if key == "BEGIN" and sep:
            if word == "VEVENT" and stack[-1][0] == "VCALENDAR":
                events.append(_EventLines(number))
            stack.append((word, number))
        elif key == "END" and sep:
            open_name, open_line = stack[-1]
            if word != open_name:
                raise ScheduleError(
                    f"END:{word} does not close BEGIN:{open_name} from line {open_line}"
                    " (is the file damaged?)",
                    path,
                    number,
                )
            stack.pop()
        elif stack[-1][0] == "VEVENT" and events:
            events[-1].properties.setdefault(key, number)
    if stack:
        open_name, open_line = stack[-1]
        raise ScheduleError(
            f"the file ends before END:{open_name} (begun on line {open_line}):"
            " it looks cut off; export or download it again",
            path,
            last or None,
        )
    if not seen_calendar:
        raise ScheduleError("the calendar file is empty", path)
    return events


# --------------------------------------------------------------------------- source


@dataclass
class IcsSource:
    """A parsed .ics file, ready to expand any day's occurrences."""

    path: Path
    queries: list[Any] = field(repr=False)
    """One ``recurring_ical_events`` query per VCALENDAR in the file."""
    calendars: list[Any] = field(repr=False)
    """The parsed calendars, kept to scrub labels out of error messages."""
    format: str = "ics"
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def sessions_on(self, day: date, tz: tzinfo) -> list[Session]:
        """Timed, busy occurrences overlapping the local ``day`` in ``tz``, sorted."""
        found: list[Session] = []
        with self._lock:
            for query in self.queries:
                try:
                    occurrences = list(query.between(day - _MARGIN, day + _MARGIN + timedelta(1)))
                except Exception as err:
                    raise _expansion_error(self.path, err, self.calendars) from None
                for event in occurrences:
                    session = _session(event, tz)
                    if session is not None and overlaps_day(session.start, session.end, day, tz):
                        found.append(session)
        return sort_sessions(found)


def _session(event: Any, tz: tzinfo) -> Session | None:
    """The occurrence as a Session in ``tz``; None if cancelled, free or all-day."""
    if str(event.get("STATUS", "")).strip().upper() == "CANCELLED":
        return None
    if str(event.get("TRANSP", "")).strip().upper() == "TRANSPARENT":
        return None
    start = _value(event.get("DTSTART"))
    if not isinstance(start, datetime):
        return None  # all-day (VALUE=DATE)
    end = _value(event.get("DTEND"))
    if not isinstance(end, datetime):
        duration = _value(event.get("DURATION"))
        end = start + duration if isinstance(duration, timedelta) else start
    if start.tzinfo is None or end.tzinfo is None:  # floating: wall times in tz
        lo, hi = wall_span(start.replace(tzinfo=None), end.replace(tzinfo=None), tz)
        if start.tzinfo is not None:
            lo = start.astimezone(tz)
        if end.tzinfo is not None:
            hi = end.astimezone(tz)
    else:
        lo, hi = start.astimezone(tz), end.astimezone(tz)
    if hi < lo:
        hi = lo
    summary = event.get("SUMMARY")
    label = str(summary).strip() if summary is not None else ""
    return Session(lo, hi, False, label or None)


def _value(prop: Any) -> Any:
    return getattr(prop, "dt", None) if prop is not None else None


# --------------------------------------------------------------------------- parsing


def parse_ics(path: Path, text: str) -> IcsSource:
    """Parse .ics text; structural damage and bad times raise ScheduleError with a line."""
    import icalendar
    import recurring_ical_events

    lines = check_structure(path, text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            calendars = icalendar.Calendar.from_ical(text, multiple=True)
        except Exception:
            # The library's message quotes the file, which may hold client names.
            raise ScheduleError("not a valid iCalendar file", path) from None
        events = [e for cal in calendars for e in cal.walk("VEVENT")]
        where = lines if len(lines) == len(events) else [None] * len(events)
        for event, at in zip(events, where, strict=True):
            _repair(event)
            _check_event(path, event, at)
        timed = [e for e in events if "DTSTART" in e]
        if events and not timed:
            first = where[0]
            raise ScheduleError(
                "no event in this calendar has a DTSTART (start time)",
                path,
                first.begin if first else None,
            )
        queries = []
        for cal in calendars:
            _drop_startless(cal)
            standard = _standard(cal)
            try:
                query = recurring_ical_events.of(standard)
                query.between(date(1900, 1, 1), date(1900, 1, 2))  # builds every series now
            except Exception as err:
                raise _expansion_error(path, err, calendars) from None
            queries.append(query)
    return IcsSource(path, queries, list(calendars))


def _values(event: Any, name: str) -> list[Any]:
    value = event.get(name)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _repair(event: Any) -> None:
    """Mend two harmless slips seen in real exports: an empty EXDATE/RDATE line, and spaces
    inside an RRULE ('BYDAY=MO, TU')."""
    from icalendar import vRecur
    from icalendar.prop import vBroken

    for name in ("EXDATE", "RDATE"):
        values = _values(event, name)
        kept = [v for v in values if not (isinstance(v, vBroken) and not str(v).strip())]
        if len(kept) != len(values):
            del event[name]
            if kept:
                event[name] = kept if len(kept) > 1 else kept[0]
    for name in ("RRULE", "EXRULE"):
        values = _values(event, name)
        if len(values) == 1 and isinstance(values[0], vBroken):
            try:
                event[name] = vRecur.from_ical("".join(str(values[0]).split()))
            except Exception:
                continue


def _check_event(path: Path, event: Any, where: _EventLines | None) -> None:
    """Raise for a bad time property of one event, at its line."""
    from icalendar.prop import vBroken

    def line_of(name: str) -> int | None:
        return where.properties.get(name, where.begin) if where is not None else None

    if isinstance(event.get("DTSTART"), list):
        raise ScheduleError("an event has more than one DTSTART", path, line_of("DTSTART"))
    for name in sorted(_TIME_PROPERTIES):
        for value in _values(event, name):
            if isinstance(value, vBroken):
                reason = _short(value.parse_error) if value.parse_error else "unreadable value"
                reason = _scrub(reason, [event])
                raise ScheduleError(f"bad {name}: {reason}", path, line_of(name))


def _drop_startless(calendar: Any) -> None:
    """Events without a DTSTART have no time, so they cannot be sessions: leave them out."""
    for component in calendar.walk():
        if any(c.name == "VEVENT" and "DTSTART" not in c for c in component.subcomponents):
            component.subcomponents = [
                c for c in component.subcomponents if c.name != "VEVENT" or "DTSTART" in c
            ]


def _short(message: Any) -> str:
    text = " ".join(str(message).split())
    return text if len(text) <= 120 else text[:117] + "..."


def _standard(calendar: Any) -> Any:
    """The calendar with ``X-WR-TIMEZONE`` applied (Windows names too), then removed.

    An unknown zone name there is ignored: its times stay UTC or floating.
    """
    import x_wr_timezone
    from icalendar.timezone import tzp

    name = calendar.get("X-WR-TIMEZONE")
    if name is None:
        return calendar
    zone = tzp.timezone(str(name).strip()) if str(name).strip() else None
    result = calendar if zone is None else x_wr_timezone.to_standard(calendar, timezone=zone)
    result.pop("X-WR-TIMEZONE", None)  # so the expander does not apply it a second time
    return result


def _expansion_error(path: Path, err: Exception, calendars: Iterable[Any] = ()) -> ScheduleError:
    """A library failure as a one-line error, scrubbed of anything that could be a label."""
    import recurring_ical_events

    if isinstance(err, recurring_ical_events.InvalidCalendar):
        message = _scrub(_short(err), calendars)
        return ScheduleError(f"cannot expand a recurring event: {message}", path)
    return ScheduleError(f"cannot expand a recurring event ({type(err).__name__})", path)


def _scrub(message: str, calendars: Iterable[Any]) -> str:
    for cal in calendars:
        for component in cal.walk():
            for name in _PRIVATE_PROPERTIES:
                values = component.get(name)
                for value in values if isinstance(values, list) else [values]:
                    text = str(value).strip() if value is not None else ""
                    if len(text) >= 3 and text in message:
                        message = message.replace(text, "...")
    return message
