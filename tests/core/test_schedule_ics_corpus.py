"""The .ics reader against a corpus of real calendar files from public test suites.

Each file must load; for each, one day's sessions are asserted exactly; and on days around its
events the reader must agree with an independent expansion written here (icalendar parses,
dateutil.rrule repeats, the filtering is our own), not with recurring_ical_events.
"""

from __future__ import annotations

import functools
import warnings
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil import rrule as du

from groundtui.schedule.sources import parse_file

ICS = Path(__file__).parents[1] / "data" / "ics"
CORPUS = sorted(ICS.glob("*.ics"))

# file -> (day, zone, sessions as "HH:MM-HH:MM" in that zone; "+1d" = ends a day later,
# "(prev)" = started the day before). Checked by hand against each file.
EXPECTED: dict[str, tuple[str, str, list[str]]] = {
    "icalendar__issue_1050_calendar_with_events_and_todos.ics": (
        "2025-01-15",
        "America/New_York",
        ["10:00-11:00"],
    ),
    "icalendar__issue_156_RDATE_with_PERIOD_TZID_khal.ics": (
        "2018-03-27",
        "America/Chicago",
        ["08:00-09:00"],
    ),
    "icalendar__issue_165_missing_event.ics": ("2015-07-03", "UTC", ["08:00-08:30"]),
    "icalendar__issue_237_fail_to_parse_timezone_with_non_ascii_tzid.ics": (
        "2017-05-11",
        "UTC",
        ["16:30-17:00"],
    ),
    "icalendar__issue_313_globally_unique_tzid.ics": (
        "2020-04-26",
        "Europe/Berlin",
        ["14:00-15:00", "19:00-20:00", "20:00-21:00"],
    ),
    "icalendar__issue_350.ics": ("2022-02-22", "Europe/Berlin", ["19:30-20:30"]),
    "icalendar__issue_466_respect_unique_timezone.ics": ("2022-10-21", "UTC", ["18:00-19:00"]),
    "icalendar__issue_722_timezone_transition_ambiguity.ics": (
        "2024-03-02",
        "UTC",
        ["20:00-20:00"],
    ),
    "icalendar__issue_836_do_not_quote_tzid.ics": ("2024-10-28", "UTC", ["21:00-22:00"]),
    "icalendar__rfc_7265_appendix_example_2_ical.ics": (
        "2006-01-02",
        "US/Eastern",
        ["12:00-13:00", "15:00-17:00"],
    ),
    "icalendar__timezone_same_start.ics": ("2017-02-24", "UTC", ["20:00-20:30"]),
    "icalendar__timezoned.ics": ("2012-02-13", "Europe/Vienna", ["10:00-18:00+4d"]),
    "recurring-ical-events__Germany_Holidays.ics": ("2019-12-25", "Europe/Berlin", []),
    "recurring-ical-events__daylight_saving_time.ics": (
        "2019-02-28",
        "Europe/Berlin",
        ["08:30-14:30", "15:00-17:00", "15:00-18:00", "18:00-20:00", "20:00-21:00"],
    ),
    "recurring-ical-events__discourse_no_dtend.ics": (
        "2019-01-17",
        "Europe/Berlin",
        ["18:00-18:00"],
    ),
    "recurring-ical-events__duration.ics": ("2018-01-15", "UTC", ["10:00-13:00"]),
    "recurring-ical-events__duration_edited.ics": ("2019-03-18", "Europe/Berlin", ["04:00-05:00"]),
    "recurring-ical-events__each_week_but_one_deleted.ics": (
        "2019-03-04",
        "Europe/Berlin",
        ["00:30-01:00"],
    ),
    "recurring-ical-events__fablab_cottbus.ics": (
        "2017-10-22",
        "Europe/Berlin",
        ["13:00-18:00", "13:00-18:00"],
    ),
    "recurring-ical-events__issue_107_omitting_last_event.ics": (
        "2023-01-05",
        "UTC",
        ["18:00-19:00"],
    ),
    "recurring-ical-events__issue_113_period_in_rdate.ics": (
        "2023-09-20",
        "America/Vancouver",
        ["12:00-14:00"],
    ),
    "recurring-ical-events__issue_151_macos_linux_difference.ics": (
        "2014-08-01",
        "America/Los_Angeles",
        ["18:30-19:30"],
    ),
    "recurring-ical-events__issue_18_cancel_status.ics": (
        "2020-01-28",
        "Europe/Berlin",
        ["22:00-23:00"],
    ),
    "recurring-ical-events__issue_20_exdate_ignored.ics": (
        "2019-10-29",
        "Europe/Berlin",
        ["16:15-17:45"],
    ),
    "recurring-ical-events__issue_243_recurrence_id_is_not_identical_to_dtstart.ics": (
        "2015-09-01",
        "UTC",
        ["08:00-10:00"],
    ),
    "recurring-ical-events__issue_27_t1.ics": ("2020-04-26", "Europe/Berlin", ["14:00-14:30"]),
    "recurring-ical-events__issue_48_daylight_aware_repeats.ics": (
        "2020-09-21",
        "Europe/Lisbon",
        ["11:30-13:00"],
    ),
    "recurring-ical-events__issue_48_dst.ics": (
        "2020-11-13",
        "America/Chicago",
        ["08:15-08:30", "10:15-10:30", "12:30-12:45", "14:15-14:30"],
    ),
    "recurring-ical-events__issue_62_moved_event_2.ics": (
        "2023-08-08",
        "Australia/Sydney",
        ["14:00-15:00"],
    ),
    "recurring-ical-events__issue_86_x_wr_timezone_without_time_zone_in_dt.ics": (
        "2021-09-16",
        "Europe/Brussels",
        ["21:00-22:45"],
    ),
    "recurring-ical-events__issue_97_simple_todo.ics": ("2020-01-01", "UTC", []),
    "recurring-ical-events__rdate.ics": ("2014-08-03", "UTC", ["19:00-21:00", "19:00-21:00"]),
    "recurring-ical-events__recurring_events_changed_duration.ics": (
        "2019-03-07",
        "Europe/Berlin",
        ["02:00-03:00"],
    ),
    "recurring-ical-events__recurring_events_moved.ics": (
        "2019-03-07",
        "Europe/Berlin",
        ["02:00-03:00"],
    ),
    "recurring-ical-events__three_events_one_edited.ics": (
        "2019-03-18",
        "Europe/Berlin",
        ["04:00-05:00"],
    ),
    "recurring-ical-events__x_wr_timezone_simple_events_issue_59.ics": (
        "2021-12-22",
        "America/New_York",
        ["12:00-13:00", "21:00-22:00"],
    ),
    "recurring-ical-events__zero_size_event.ics": ("2019-03-04", "Europe/Berlin", ["08:00-08:00"]),
    "vobject__UntilRespectsTimezoneTest.ics": ("2013-09-23", "America/New_York", ["18:30-20:30"]),
    "x-wr-timezone__moved-event-RECURRENCE-ID.in.ics": ("2021-11-26", "Europe/Berlin", []),
    "x-wr-timezone__rdate-hackerpublicradio.in.ics": (
        "2013-08-03",
        "Europe/London",
        ["20:00-22:00"],
    ),
    "x-wr-timezone__single-event-no-tz.in.ics": ("2021-09-16", "Europe/Brussels", ["21:00-22:45"]),
    "x-wr-timezone__single-events-DTSTART-DTEND.in.ics": (
        "2021-12-22",
        "America/New_York",
        ["12:00-13:00", "21:00-22:00"],
    ),
}

# The reference below does not read "BYDAY=MO, TU" (spaces), which the reader mends.
NO_REFERENCE = {"icalendar__issue_165_missing_event.ics"}


def show(sessions: list[tuple[datetime, datetime]], day: date) -> list[str]:
    out = []
    for start, end in sessions:
        text = f"{start:%H:%M}-{end:%H:%M}"
        if end.date() != day:
            text += f"+{(end.date() - day).days}d"
        if start.date() != day:
            text += "(prev)"
        out.append(text)
    return out


def test_corpus_is_big_enough_and_documented() -> None:
    sources = (ICS / "SOURCES.md").read_text(encoding="utf-8")
    assert len(CORPUS) >= 20
    for path in CORPUS:
        assert f"| {path.name} |" in sources, f"{path.name} missing from SOURCES.md"
    assert set(EXPECTED) == {p.name for p in CORPUS}


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus_file_gives_the_expected_day(path: Path) -> None:
    day_text, zone, expected = EXPECTED[path.name]
    day, tz = date.fromisoformat(day_text), ZoneInfo(zone)
    sessions = parse_file(path).sessions_on(day, tz)
    assert show([(s.start, s.end) for s in sessions], day) == expected
    for s in sessions:
        assert s.start.tzinfo is tz and s.end.tzinfo is tz
        assert s.heavy is None  # .ics does not say: the keywords decide


@pytest.mark.parametrize("path", [p for p in CORPUS if p.name not in NO_REFERENCE], ids=str)
def test_corpus_agrees_with_an_independent_expansion(path: Path) -> None:
    source = parse_file(path)
    days = probe_days(path)
    checked = 0
    for day in days:
        for tz in (ZoneInfo("America/Chicago"), ZoneInfo("Europe/Berlin")):
            mine = [(s.start, s.end) for s in source.sessions_on(day, tz)]
            theirs = reference_sessions(path, day, tz)
            assert instants(mine) == instants(theirs), f"{path.name} {day} {tz}"
            checked += len(mine)
    if EXPECTED[path.name][2]:
        assert checked > 0


def instants(pairs: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    return [(a.astimezone(UTC), b.astimezone(UTC)) for a, b in pairs]


def probe_days(path: Path) -> list[date]:
    """The expected day, and a few days around the first timed events of the file."""
    days = {date.fromisoformat(EXPECTED[path.name][0])}
    starts = sorted(
        {
            ev["DTSTART"].dt.date()
            for ev in calendar(path).walk("VEVENT")
            if isinstance(ev.get("DTSTART") and ev["DTSTART"].dt, datetime)
        }
    )
    for first in starts[:3]:
        days.update(first + timedelta(days=k) for k in (-1, 0, 1, 7))
    return sorted(days)


# --------------------------------------------------------------------------- the reference


@functools.cache
def calendar(path: Path) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return icalendar.Calendar.from_ical(path.read_bytes())


def _key(dt: Any) -> tuple[str, Any]:
    if isinstance(dt, datetime):
        return ("i", dt.astimezone(UTC)) if dt.tzinfo else ("w", dt)
    return ("d", dt)


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _rule_text(recur: Any, start: Any) -> str:
    parts = []
    for name, values in recur.items():
        if name == "UNTIL":
            until = values[0]
            if isinstance(until, datetime):
                if until.tzinfo is not None and isinstance(start, datetime) and start.tzinfo:
                    until = until.astimezone(start.tzinfo)
                until = until.replace(tzinfo=None)
            else:
                until = datetime.combine(until, time(23, 59, 59))
            parts.append("UNTIL=" + until.strftime("%Y%m%dT%H%M%S"))
        else:
            values = values if isinstance(values, list) else [values]
            kind = icalendar.vRecur.types.get(name, icalendar.vText)
            shown = [v if isinstance(v, str) else kind(v).to_ical().decode() for v in values]
            parts.append(f"{name}={','.join(shown)}")
    return ";".join(parts)


def reference_sessions(path: Path, day: date, tz: tzinfo) -> list[tuple[datetime, datetime]]:
    """Every timed, busy occurrence overlapping the local day, expanded without the library."""
    cal = calendar(path)
    wr = cal.get("X-WR-TIMEZONE")
    wr_zone = ZoneInfo(str(wr)) if wr else None

    def fix(dt: Any) -> Any:
        # X-WR-TIMEZONE: UTC times belong to the feed's zone; floating times stay wall times
        # in the zone asked for (the contract), whatever the feed's zone.
        utc = isinstance(dt, datetime) and (dt.tzname() or "").upper() == "UTC"
        return dt.astimezone(wr_zone) if wr_zone is not None and utc else dt

    def end_of(component: Any, start: Any) -> Any:
        if "DTEND" in component:
            return fix(component["DTEND"].dt)
        if "DURATION" in component:
            return start + component["DURATION"].dt
        return None

    lo = datetime.combine(day, time(0), tzinfo=tz)
    hi = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    masters: list[Any] = []
    overrides: dict[str, dict[Any, Any]] = defaultdict(dict)
    for ev in cal.walk("VEVENT"):
        if "RECURRENCE-ID" in ev:
            overrides[str(ev.get("UID"))][_key(fix(ev["RECURRENCE-ID"].dt))] = ev
        else:
            masters.append(ev)

    occurrences: list[tuple[Any, Any, Any]] = []
    for ev in masters:
        start = fix(ev["DTSTART"].dt)
        timed = isinstance(start, datetime)
        end = end_of(ev, start)
        if end is None or isinstance(end, datetime) != timed:
            end = start if timed else start + timedelta(days=1)
        length = end - start
        starts = []
        if ev.get("RRULE"):  # an empty RRULE (seen in the wild) repeats nothing
            naive = start.replace(tzinfo=None) if timed else datetime.combine(start, time(0))
            rule = du.rrulestr(_rule_text(ev["RRULE"], start), dtstart=naive)
            zone = start.tzinfo if timed else None
            wlo = (lo.astimezone(zone) if zone else lo).replace(tzinfo=None)
            whi = (hi.astimezone(zone) if zone else hi).replace(tzinfo=None)
            margin = abs(length) + timedelta(days=3)
            for s in rule.between(wlo - margin, whi + timedelta(days=3), inc=True):
                starts.append(s.replace(tzinfo=zone) if timed else s.date())
        else:
            starts.append(start)
        for rdate in _listed(ev.get("RDATE")):
            for item in rdate.dts:
                if isinstance(item.dt, tuple):  # a PERIOD: start and end or duration
                    s, e = fix(item.dt[0]), item.dt[1]
                    e = s + e if isinstance(e, timedelta) else fix(e)
                    occurrences.append((s, e, ev))
                else:
                    starts.append(fix(item.dt))
        excluded = {_key(fix(x.dt)) for ex in _listed(ev.get("EXDATE")) for x in ex.dts}
        seen = set()
        uid = str(ev.get("UID"))
        for s in starts:
            key = _key(s)
            if key in excluded or key in seen:
                continue
            seen.add(key)
            override = overrides.get(uid, {}).pop(key, None)
            if override is None:
                occurrences.append((s, s + length, ev))
            else:
                s2 = fix(override["DTSTART"].dt)
                e2 = end_of(override, s2)
                occurrences.append((s2, s2 + length if e2 is None else e2, override))
    for left in overrides.values():  # moved occurrences whose original is not in the window
        for override in left.values():
            s = fix(override["DTSTART"].dt)
            e = end_of(override, s)
            occurrences.append((s, s if e is None else e, override))

    found = []
    for start, end, component in occurrences:
        if not isinstance(start, datetime):
            continue
        if str(component.get("STATUS", "")).upper() == "CANCELLED":
            continue
        if str(component.get("TRANSP", "")).upper() == "TRANSPARENT":
            continue
        a, b = _in_zone(start, tz), _in_zone(end, tz)
        if b < a:
            a, b = b, a
        if (a == b and lo <= a < hi) or (a < hi and b > lo):
            found.append((a, b))
    return sorted(found, key=lambda pair: (pair[0].astimezone(UTC), pair[1].astimezone(UTC)))


def _in_zone(dt: datetime, tz: tzinfo) -> datetime:
    if dt.tzinfo is None:
        return dt.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)
    return dt.astimezone(tz)
