"""iCalendar (.ics) schedules: exports and feeds from EHRs, Google, Outlook, iCloud.

``icalendar`` parses, ``x_wr_timezone`` applies a feed's ``X-WR-TIMEZONE`` and
``recurring_ical_events`` expands RRULE/RDATE/EXDATE/RECURRENCE-ID. Before any of that, one pass
over the lines checks the file's structure (so a cut-off download names its line instead of
looking like a free day), keeps only the properties a schedule needs, and sorts the events:

- series (RRULE, RDATE, RECURRENCE-ID, a UID used twice) and anything odd are parsed when the file
  is opened, so their errors show at once;
- plain one-off appointments, usually most of an EHR export, are indexed by their dates and
  parsed only when a day near them is asked for. A 5,000-event export opens in a fraction of the
  time a full parse takes.
"""

from __future__ import annotations

import threading
import warnings
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from groundtui.errors import ScheduleError
from groundtui.schedule.ics.bounds import _Rule, _screen_rules, check_walk
from groundtui.schedule.ics.messages import (
    _expansion_error,
    _only_plain_values,
    _private_words,
    _scrub,
    _short,
)
from groundtui.schedule.ics.props import _value, _values
from groundtui.schedule.ics.structure import _TIME_ORDER, _Calendar, _Event, scan
from groundtui.schedule.model import Session, not_held, overlaps_day, sort_sessions, wall_span

_MARGIN = timedelta(days=2)
"""How far beyond a local day events are looked for: covers any two UTC offsets."""
MAX_NEARBY = 2_000
"""One-off events within two days of the day asked for (each is parsed when asked)."""


@dataclass
class IcsSource:
    """A parsed .ics file, ready to expand any day's occurrences."""

    path: Path
    series: list[_Series] = field(repr=False)
    """A ``recurring_ical_events`` query per VCALENDAR, over the events parsed up front."""
    calendars: list[_Calendar] = field(repr=False)
    one_offs: dict[date, list[tuple[int, _Event]]] = field(repr=False)
    """Plain one-off events by each date they touch: (calendar index, event)."""
    rules: list[_Rule] = field(default_factory=list, repr=False)
    """Every RRULE of the series, to bound the work of expanding them before it starts."""
    format: str = "ics"
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def sessions_on(self, day: date, tz: tzinfo) -> list[Session]:
        """Timed, busy occurrences overlapping the local ``day`` in ``tz``, sorted."""
        lo, hi = day - _MARGIN, day + _MARGIN + timedelta(days=1)
        check_walk(self.path, self.rules, hi)
        queries = [(s.query, s.calendar, s.events) for s in self.series]
        with self._lock:
            nearby: dict[int, dict[int, _Event]] = {}
            for offset in range((hi - lo).days):
                for index, event in self.one_offs.get(lo + timedelta(days=offset), ()):
                    nearby.setdefault(index, {})[id(event)] = event
            if sum(len(events) for events in nearby.values()) > MAX_NEARBY:
                raise ScheduleError(
                    f"too many events around {day:%Y-%m-%d} (over {MAX_NEARBY:,} within two"
                    " days): is this a calendar of sessions?",
                    self.path,
                )
            for index, events in nearby.items():
                calendar = self.calendars[index]
                listed = list(events.values())
                queries.append((_query(self.path, calendar, listed), index, listed))
            found: list[Session] = []
            for query, index, listed in queries:
                try:
                    occurrences = list(query.between(lo, hi))
                except Exception as err:
                    raise _expansion_error(
                        self.path, err, _Blame(self.calendars[index], listed, lo, hi)
                    ) from None
                for occurrence in occurrences:
                    session = _session(occurrence, tz)
                    if session is not None and overlaps_day(session.start, session.end, day, tz):
                        found.append(session)
        return sort_sessions(found)


def _session(event: Any, tz: tzinfo) -> Session | None:
    """The occurrence as a Session in ``tz``; None if cancelled (or an EHR's 'No Show',
    'Rescheduled', ... status: ``not_held``), free or all-day."""
    if not_held(str(event.get("STATUS", ""))):
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
            lo = _in_zone(start, tz)
        if end.tzinfo is not None:
            hi = _in_zone(end, tz)
    else:
        lo, hi = _in_zone(start, tz), _in_zone(end, tz)
    if hi.astimezone(UTC) < lo.astimezone(UTC):  # compare instants, not wall clocks
        hi = lo
    summary = event.get("SUMMARY")
    label = str(summary).strip() if summary is not None else ""
    return Session(lo, hi, None, label or None)


def _in_zone(when: datetime, tz: tzinfo) -> datetime:
    """``when`` in ``tz`` with its real offset. Going through UTC also settles a wall time that
    does not exist (the spring-forward hour; RFC 5545 reads it with the offset before the gap)
    or that exists twice, even when ``when`` is already in ``tz``."""
    return when.astimezone(UTC).astimezone(tz)


def parse_ics(path: Path, text: str) -> IcsSource:
    """Parse .ics text; structural damage and bad times raise ScheduleError with a line."""
    calendars = scan(path, text)
    events = [e for cal in calendars for e in cal.events]
    timed = [e for e in events if "DTSTART" in e.properties]
    if events and not timed:
        raise ScheduleError(
            "no event in this calendar has a DTSTART (start time)", path, events[0].begin
        )
    series: list[_Series] = []
    rules: list[_Rule] = []
    one_offs: dict[date, list[tuple[int, _Event]]] = {}
    for index, calendar in enumerate(calendars):
        uses: dict[str, int] = {}
        for event in calendar.events:
            uses[_uid(event)] = uses.get(_uid(event), 0) + 1
        upfront = []
        for event in calendar.events:
            if "DTSTART" not in event.properties:
                continue  # no time, so never a session
            span = event.span()
            if span is None or uses[_uid(event)] > 1:
                upfront.append(event)
                continue
            first, last = span
            for offset in range((last - first).days + 1):
                one_offs.setdefault(first + timedelta(days=offset), []).append((index, event))
        if upfront:
            query = _query(path, calendar, upfront, rules)
            check_walk(path, rules, date(1900, 1, 2))
            early = date(1900, 1, 1), date(1900, 1, 2)
            try:
                query.between(*early)  # builds every series now
            except Exception as err:
                raise _expansion_error(path, err, _Blame(calendar, upfront, *early)) from None
            series.append(_Series(query, index, upfront))
    return IcsSource(path, series, calendars, one_offs, rules)


def _uid(event: _Event) -> str:
    """The event's UID; an event without one is its own series."""
    return event.values.get("UID", "").strip() or f"no uid, line {event.begin}"


def _query(
    path: Path, calendar: _Calendar, events: list[_Event], rules: list[_Rule] | None = None
) -> Any:
    """Parse ``events`` of ``calendar`` and return a recurring_ical_events query over them.

    Each RRULE found is screened (see ``_Rule``) and added to ``rules``.
    """
    import icalendar
    import recurring_ical_events

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            parsed = icalendar.Calendar.from_ical(calendar.text(events))
        except Exception:
            # The library's message quotes the file, which may hold client names.
            raise ScheduleError("not a valid iCalendar file", path) from None
        components = list(parsed.walk("VEVENT"))
        where: list[_Event | None] = list(events)
        if len(components) != len(events):
            where = [None] * len(components)
        for component, at in zip(components, where, strict=True):
            _repair(component)
            _check_event(path, component, at)
            if rules is not None:
                rules.extend(_screen_rules(path, component, at))
        try:
            return recurring_ical_events.of(_standard(parsed))
        except Exception as err:
            raise _expansion_error(path, err, _Blame(calendar, events)) from None


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


def _check_event(path: Path, event: Any, where: _Event | None) -> None:
    """Raise for a bad time property of one event, at its line."""
    from icalendar.prop import vBroken

    def line_of(name: str) -> int | None:
        return where.properties.get(name, where.begin) if where is not None else None

    if isinstance(event.get("DTSTART"), list):
        raise ScheduleError("an event has more than one DTSTART", path, line_of("DTSTART"))
    for name in _TIME_ORDER:
        for value in _values(event, name):
            if isinstance(value, vBroken):
                reason = _short(value.parse_error) if value.parse_error else "unreadable value"
                reason = _only_plain_values(_scrub(reason, [event]), _private_words([event]))
                raise ScheduleError(f"bad {name}: {reason}", path, line_of(name))


def _standard(calendar: Any) -> Any:
    """The calendar with ``X-WR-TIMEZONE`` applied to its UTC times (Windows names too), then
    removed.

    A feed that writes its events in UTC (as Google does) means them in its zone, so a weekly
    09:00 stays 09:00 across a DST change. Floating times are left floating: the contract
    reads them as wall times in ``--tz`` (``x_wr_timezone.to_standard`` would put them in the
    feed's zone). An unknown zone name is ignored: its times stay UTC or floating.
    """
    import x_wr_timezone
    from icalendar.timezone import tzp

    name = calendar.get("X-WR-TIMEZONE")
    if name is None:
        return calendar
    zone = tzp.timezone(str(name).strip()) if str(name).strip() else None

    class UTCOnly(x_wr_timezone.UTCChangingWalker):
        def walk_value_datetime(self, dt: Any) -> Any:
            return dt.astimezone(self.new_timezone) if self.is_UTC(dt) else dt

    result = calendar if zone is None else UTCOnly(zone).walk(calendar)
    result.pop("X-WR-TIMEZONE", None)  # so the expander does not apply it a second time
    return result


@dataclass(frozen=True)
class _Series:
    """The events of one VCALENDAR that are expanded together (series and their overrides)."""

    query: Any
    calendar: int
    events: list[_Event]


@dataclass(frozen=True)
class _Blame:
    """What was being expanded when the library failed: to find the event at fault."""

    calendar: _Calendar
    events: list[_Event]
    lo: date = date(1900, 1, 1)
    hi: date = date(1900, 1, 2)

    def culprit(self, path: Path) -> _Event | None:
        """The first event that fails on its own (tried one by one, at most ``MAX_BLAME``)."""
        if len(self.events) == 1:
            return self.events[0]
        for event in self.events[:MAX_BLAME]:
            try:
                _query(path, self.calendar, [event]).between(self.lo, self.hi)
            except Exception:
                return event
        return None


MAX_BLAME = 200
"""Events tried one by one to find the one a failed expansion is about (an error path only)."""
