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

import re
import threading
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from groundtui.errors import ScheduleError
from groundtui.schedule.model import Session, overlaps_day, sort_sessions, wall_span

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
_PRIVATE_PROPERTIES = ("SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CONTACT", "ATTENDEE",
                       "ORGANIZER", "URL", "UID", "CATEGORIES", "RESOURCES")  # fmt: skip
_MARGIN = timedelta(days=2)
"""How far beyond a local day events are looked for: covers any two UTC offsets."""
_LONGEST_ONE_OFF = timedelta(days=31)
"""A one-off event longer than this is parsed up front rather than indexed day by day."""
_DATE_VALUE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T\d{6}Z?)?$")

MAX_EVENTS = 50_000
"""Events in one file: ten years of a full EHR export. More is refused, naming the first extra."""
MAX_NEARBY = 2_000
"""One-off events within two days of the day asked for (each is parsed when asked)."""
MAX_DATES = 10_000
"""RDATE and EXDATE values of one event."""
MAX_WALK = 200_000
"""Repetitions the expander may step through for one event to reach a day (about half a second):
a daily series goes back 500 years, a minutely one 4 months."""
MAX_FILE_WALK = 1_000_000
"""The same for all the events of a file together."""
_STEP = {
    "SECONDLY": 1,
    "MINUTELY": 60,
    "HOURLY": 3600,
    "DAILY": 86400,
    "WEEKLY": 7 * 86400,
    "MONTHLY": 28 * 86400,
    "YEARLY": 365 * 86400,
}
"""Seconds per step of each FREQ (the shortest month and year: never fewer steps than real)."""


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


# --------------------------------------------------------------------------- one pass over the text


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


# --------------------------------------------------------------------------- source


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
            lo = _in_zone(start, tz)
        if end.tzinfo is not None:
            hi = _in_zone(end, tz)
    else:
        lo, hi = _in_zone(start, tz), _in_zone(end, tz)
    if hi.astimezone(UTC) < lo.astimezone(UTC):  # compare instants, not wall clocks
        hi = lo
    summary = event.get("SUMMARY")
    label = str(summary).strip() if summary is not None else ""
    return Session(lo, hi, False, label or None)


def _in_zone(when: datetime, tz: tzinfo) -> datetime:
    """``when`` in ``tz`` with its real offset. Going through UTC also settles a wall time that
    does not exist (the spring-forward hour; RFC 5545 reads it with the offset before the gap)
    or that exists twice, even when ``when`` is already in ``tz``."""
    return when.astimezone(UTC).astimezone(tz)


def _value(prop: Any) -> Any:
    return getattr(prop, "dt", None) if prop is not None else None


# --------------------------------------------------------------------------- bounded expansion


@dataclass(frozen=True)
class _Rule:
    """One RRULE, as much as it takes to know how far the expander walks to reach a day.

    The expander (dateutil) steps from DTSTART, one FREQ period at a time, up to the day asked
    for, and then on to the next occurrence. So a rule that repeats every minute since 1970 is
    millions of steps from today, and one that matches no date at all (INTERVAL=0, February
    30th) walks to the year 9999 or for ever. Such rules are refused by their line.
    """

    line: int | None
    start: datetime
    """DTSTART as a naive UTC (or floating) time: an hour or two off does not matter here."""
    step: float
    """Seconds per period: FREQ times INTERVAL."""
    until: datetime | None
    count: int | None
    filtered: bool
    """Whether BY... parts leave periods without an occurrence (then COUNT bounds nothing)."""
    every: str

    def walk(self, to: datetime) -> float:
        """How many periods the expander steps through to reach ``to``."""
        end = to if self.until is None else min(to, self.until)
        steps = max(0.0, (end - self.start).total_seconds() / self.step)
        if self.count is not None and not self.filtered:
            steps = min(steps, self.count)
        return steps


def check_walk(path: Path, rules: list[_Rule], day: date) -> None:
    """Raise, naming the event, if reaching ``day`` means stepping through too many
    repetitions of one rule or of all of them."""
    to = datetime.combine(day, datetime.min.time())
    total = 0.0
    for rule in rules:
        steps = rule.walk(to)
        if steps > MAX_WALK:
            raise ScheduleError(
                f"the recurring event here repeats {rule.every} from"
                f" {rule.start:%Y-%m-%d}: over {MAX_WALK:,} repetitions to go through to reach"
                f" {day:%Y-%m-%d}; give it an UNTIL, a COUNT or a later DTSTART",
                path,
                rule.line,
            )
        total += steps
    if total > MAX_FILE_WALK:
        raise ScheduleError(
            f"the recurring events of this file together repeat too often to expand up to"
            f" {day:%Y-%m-%d} (over {MAX_FILE_WALK:,} repetitions); export a shorter range",
            path,
        )


def _naive(value: Any) -> datetime | None:
    """A DTSTART or UNTIL value as a naive datetime (UTC when it had a zone)."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime.combine(value, datetime.min.time())
    return None


def _screen_rules(path: Path, event: Any, where: _Event | None) -> list[_Rule]:
    """The event's RRULEs as ``_Rule``s; a rule that never ends its walk raises here."""
    start = _naive(_value(event.get("DTSTART")))
    line = where.properties.get("RRULE", where.begin) if where is not None else None
    found: list[_Rule] = []
    for recur in _values(event, "RRULE"):
        if start is None or not hasattr(recur, "get"):
            continue
        freq = str((recur.get("FREQ") or [""])[0]).upper()
        if freq not in _STEP:
            continue  # the expander reports it
        try:
            interval = int((recur.get("INTERVAL") or [1])[0])
        except (TypeError, ValueError):
            raise ScheduleError("bad RRULE: INTERVAL must be a whole number", path, line) from None
        if interval < 1:
            raise ScheduleError(
                f"bad RRULE: INTERVAL={interval} never moves on (it must be 1 or more)", path, line
            )
        count = (recur.get("COUNT") or [None])[0]
        until = _naive((recur.get("UNTIL") or [None])[0])
        every = freq.lower() if interval == 1 else f"{freq.lower()}, every {interval}"
        every = {"secondly": "every second", "minutely": "every minute", "hourly": "every hour",
                 "daily": "every day", "weekly": "every week", "monthly": "every month",
                 "yearly": "every year"}.get(every, every)  # fmt: skip
        rule = _Rule(
            line=line,
            start=start,
            step=_STEP[freq] * float(interval),
            until=until,
            count=int(count) if isinstance(count, int) else None,
            filtered=any(str(k).upper().startswith("BY") for k in recur),
            every=every,
        )
        _check_ends(path, recur, rule)
        found.append(rule)
    return found


def _check_ends(path: Path, recur: Any, rule: _Rule) -> None:
    """Raise if the rule matches no date at all (BYMONTH=2;BYMONTHDAY=30).

    Such a rule walks to the year 9999 whenever a later day is asked for. The check walks the
    last 400 years before 9999 (one whole cycle of the calendar) from a start moved there by
    whole periods: at most 146,097 days. A monthly or yearly walk is short enough as it is.
    """
    from dateutil.rrule import rrulestr
    from icalendar import vRecur

    if rule.step >= _STEP["MONTHLY"] or not rule.filtered:
        return  # a short walk, or one that matches every period
    if rule.until is not None and (rule.until - rule.start).total_seconds() <= MAX_WALK * rule.step:
        return  # its walk ends at UNTIL, within the cap
    start, latest = rule.start, datetime(9599, 1, 1)
    if start < latest:
        start += timedelta(seconds=((latest - start).total_seconds() // rule.step) * rule.step)
    spec = vRecur({k: v for k, v in recur.items() if str(k).upper() not in ("UNTIL", "COUNT")})
    try:
        first = next(iter(rrulestr(spec.to_ical().decode(), dtstart=start, cache=False)), None)
    except Exception:
        return  # a rule dateutil cannot read is reported by the expander
    if first is None:
        raise ScheduleError(
            f"the event here never happens: its RRULE ({rule.every}) matches no date",
            path,
            rule.line,
        )


# --------------------------------------------------------------------------- parsing


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


_QUOTED = re.compile(r"'([^']*)'")
_GOT = re.compile(r"(got:\s*)([^'\s].*)$", re.IGNORECASE)
_PLAIN_VALUE = re.compile(r"(?=.*\d)[0-9TZPWDHMS:+\-.,/ ]{1,40}")
"""A value that is plainly a date, time or duration (digits, 'T', 'Z', 'P'...), never a name."""
_RULE_WORD = re.compile(r"[A-Z0-9=;,+\-]{1,40}")
"""A recurrence rule's part as the files write it: 'SOMETIMES', 'BYDAY=XX' (no lower case)."""


def _only_plain_values(reason: str, private: frozenset[str] = frozenset()) -> str:
    """A library's message with every value it quotes replaced by '...', unless the value is
    plainly a date or time: a broken line may hold a client's name (its label) or part of one.
    A rule word is quoted only if it is no word of the event's ``private`` texts (an upper-case
    SUMMARY such as 'ZELDA' is a rule word in form)."""

    def plain(value: str, rule: bool = False) -> str:
        if private & _words(value):
            return "..."
        if _PLAIN_VALUE.fullmatch(value) or (rule and _RULE_WORD.fullmatch(value)):
            return value
        return "..."

    reason = _QUOTED.sub(lambda m: f"'{plain(m.group(1))}'", reason)
    return _GOT.sub(lambda m: m.group(1) + plain(m.group(2), rule=True), reason)


def _short(message: Any) -> str:
    text = " ".join(str(message).split())
    return text if len(text) <= 120 else text[:117] + "..."


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

    class UTCOnly(x_wr_timezone.UTCChangingWalker):  # type: ignore[misc]
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
_RULE_PART = re.compile(
    r"(FREQ|UNTIL|COUNT|INTERVAL|BYSECOND|BYMINUTE|BYHOUR|BYDAY|BYMONTHDAY|BYYEARDAY|BYWEEKNO"
    r"|BYMONTH|BYSETPOS|WKST)=(SECONDLY|MINUTELY|HOURLY|DAILY|WEEKLY|MONTHLY|YEARLY"
    r"|[0-9TZ,+\-]{1,40}|(?:[+\-]?[0-9]{0,2}(?:MO|TU|WE|TH|FR|SA|SU),?){1,7})"
)
"""A part of an RRULE made of the rule's own vocabulary only (no free text)."""


def _rule_shown(rule: object) -> str:
    """An RRULE quoted for a message, only if every part is a rule word (never free text)."""
    text = str(rule)
    parts = text.split(";")
    if len(text) <= 120 and all(_RULE_PART.fullmatch(part) for part in parts):
        return f" '{text}'"
    return ""


def _expansion_error(path: Path, err: Exception, blame: _Blame | None = None) -> ScheduleError:
    """A library failure as a one-line error that cannot quote a label, at the event's line
    when it can be found. Only an event with a rule, RDATE or RECURRENCE-ID is called
    recurring."""
    from recurring_ical_events.errors import BadRuleStringFormat

    if isinstance(err, ScheduleError):
        return err
    event = blame.culprit(path) if blame is not None else None
    if event is not None:
        series = bool(event.properties.keys() & _RECURRING_PROPERTIES)
        what, line = ("the recurring event here" if series else "the event here"), event.begin
    else:
        series = isinstance(err, BadRuleStringFormat)
        what, line = ("a recurring event" if series else "an event of this calendar"), None
    if isinstance(err, BadRuleStringFormat):
        if event is not None:
            line = event.properties.get("RRULE", event.begin)
        return ScheduleError(f"cannot expand {what}: bad RRULE{_rule_shown(err.rule)}", path, line)
    if isinstance(err, OverflowError):
        return ScheduleError(
            f"{what} runs past the year 9999 (see its DTSTART, DTEND and DURATION)", path, line
        )
    verb = "expand" if series else "place"
    return ScheduleError(f"cannot {verb} {what} ({type(err).__name__})", path, line)


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.split(r"[^0-9a-z]+", text.lower()) if len(w) >= 3)


def _private_words(components: Iterable[Any]) -> frozenset[str]:
    """The words (3 letters or more, lower case) of the private properties of ``components``."""
    found: set[str] = set()
    for component in components:
        for name in _PRIVATE_PROPERTIES:
            for value in _values(component, name):
                found |= _words(str(value))
    return frozenset(found)


def _scrub(message: str, components: Iterable[Any]) -> str:
    """``message`` with any text of a private property (SUMMARY...) replaced by '...'."""
    for component in components:
        for name in _PRIVATE_PROPERTIES:
            for value in _values(component, name):
                text = str(value).strip()
                if len(text) >= 3 and text in message:
                    message = message.replace(text, "...")
    return message
