"""Property tests: generated schedules either load or fail with a ScheduleError naming the file;
a loaded day is sorted, in the zone asked for, and every session overlaps that day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from groundtui.errors import ScheduleError
from groundtui.schedule import Session, overlaps_day
from groundtui.schedule.sources import ScheduleSource, parse_text

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PATH = Path("/schedules/generated")
ZONES = [
    "UTC",
    "America/New_York",
    "Europe/Berlin",
    "Australia/Lord_Howe",  # a half-hour DST shift
    "Asia/Kathmandu",  # +05:45
    "Pacific/Chatham",  # +12:45 / +13:45
    "America/Santiago",  # DST changes at midnight
]
zones = st.sampled_from(ZONES).map(ZoneInfo)
# Days around DST changes in several zones, and ordinary ones.
DST_DAYS = [date(2026, 3, 8), date(2026, 3, 29), date(2026, 4, 5), date(2026, 9, 6)]
OTHER_DAYS = [date(2026, 9, 27), date(2026, 10, 25), date(2026, 11, 1), date(2026, 11, 24)]
days = st.sampled_from([*DST_DAYS, *OTHER_DAYS]) | st.dates(date(2025, 1, 1), date(2027, 12, 31))


def check_day(source: ScheduleSource, day: date, tz: tzinfo) -> list[Session]:
    """The invariants every day of every source must keep."""
    sessions = source.sessions_on(day, tz)
    event(f"sessions: {min(len(sessions), 3)}")
    instants = [(s.start.astimezone(UTC), s.end.astimezone(UTC)) for s in sessions]
    assert instants == sorted(instants)
    for s in sessions:
        assert s.start.tzinfo is tz and s.end.tzinfo is tz
        assert s.start <= s.end
        assert overlaps_day(s.start, s.end, day, tz)
    return sessions


def load_or_error(text: str, fmt: str) -> ScheduleSource | None:
    try:
        source = parse_text(PATH, text, fmt)
    except ScheduleError as err:
        event(f"{fmt}: error {err.message[:28]}")
        assert err.path == str(PATH)
        assert "\n" not in str(err)
        assert "SECRET" not in str(err)  # generated labels all contain SECRET
        return None
    event(f"{fmt}: loaded")
    return source


# --------------------------------------------------------------------------- TOML

valid_clock = st.builds(
    lambda h, m, twelve: (
        f"{(h % 12) or 12}:{m:02d} {'pm' if h >= 12 else 'am'}" if twelve else f"{h:02d}:{m:02d}"
    ),
    st.integers(0, 23),
    st.integers(0, 59),
    st.booleans(),
)
odd_clock = st.sampled_from(["24:00", "9:61", "noon", "", "7:5", "13:00 pm"])


rarely = st.sampled_from([False] * 12 + [True])
"""True now and then (hypothesis favours small integers, so no `integers(0, n) == 0`)."""


@st.composite
def clock_text(draw: st.DrawFn) -> str:
    """Mostly valid clock times, now and then a bad one."""
    return draw(odd_clock if draw(rarely) else valid_clock)


day_names = st.lists(
    st.sampled_from(["mon", "Tue", "wednesday", "THU", "fri", "sat", "sun", "weekdays", "funday"]),
    min_size=1,
    max_size=3,
)


def clock(minutes: int, twelve: bool) -> str:
    h, m = divmod(minutes, 60)
    return f"{(h % 12) or 12}:{m:02d} {'pm' if h >= 12 else 'am'}" if twelve else f"{h:02d}:{m:02d}"


FAULTS = ["none"] * 8 + [
    "no start", "bad start", "end before start", "end and minutes", "unknown key",
    "bad heavy", "bad day", "bad zone", "bad minutes", "syntax",
]  # fmt: skip


@st.composite
def toml_session(draw: st.DrawFn, fault: str) -> str:
    start = draw(st.integers(0, 24 * 60 - 1))
    twelve = draw(st.booleans())
    lines = ["[[session]]"]
    if fault != "no start":
        text = "25:00" if fault == "bad start" else clock(start, twelve)
        lines.append(f'start = "{text}"')
    choice = draw(st.sampled_from(["end", "minutes", "none"]))
    if fault == "end before start":
        lines.append(f'end = "{clock(max(start - 10, 0), twelve)}"')
    elif choice == "end" and start < 24 * 60 - 1:
        lines.append(f'end = "{clock(draw(st.integers(start + 1, 24 * 60 - 1)), twelve)}"')
    elif choice == "minutes" or fault == "end and minutes":
        lines.append(f"minutes = {draw(st.integers(1, 600))}")
        if fault == "end and minutes":
            lines.append('end = "23:59"')
    if draw(st.booleans()):
        lines.append(f'label = "SECRET {draw(st.integers(0, 99))}"')
    if draw(st.booleans()) or fault == "bad heavy":
        lines.append(
            f"heavy = {'1' if fault == 'bad heavy' else draw(st.sampled_from(['true', 'false']))}"
        )
    when = draw(st.sampled_from(["days", "date", "none"]))
    if when == "days" or fault == "bad day":
        names = draw(day_names) + (["funday"] if fault == "bad day" else [])
        lines.append(f"days = {names!r}".replace("'", '"'))
    elif when == "date":
        lines.append(f"date = {draw(days).isoformat()}")
    if fault == "unknown key":
        lines.append(f"{draw(st.sampled_from(['ned', 'lable', 'minute']))} = 1")
    if fault == "bad minutes":
        lines.append("minutes = -5")
    return "\n".join(lines)


@st.composite
def toml_schedule(draw: st.DrawFn) -> str:
    fault = draw(st.sampled_from(FAULTS))
    parts = []
    if draw(st.booleans()) or fault == "bad zone":
        zone = "Nowhere/Land" if fault == "bad zone" else draw(st.sampled_from(ZONES))
        parts.append(f'timezone = "{zone}"')
    if draw(st.booleans()):
        parts.append(f"[defaults]\nsession_minutes = {draw(st.integers(1, 120))}")
    n = draw(st.integers(1 if fault != "none" else 0, 6))
    faulty = draw(st.integers(0, max(n - 1, 0)))
    parts.extend(draw(toml_session(fault if i == faulty else "none")) for i in range(n))
    text = "\n\n".join(parts) + "\n"
    if fault == "syntax":
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.sampled_from(["[", "=", '"', "]]\n", "\x00"])) + text[cut:]
    return text


@FAST
@given(text=toml_schedule(), day=days, tz=zones)
def test_generated_toml_loads_or_fails_cleanly(text: str, day: date, tz: tzinfo) -> None:
    source = load_or_error(text, "toml")
    if source is not None:
        check_day(source, day, tz)


@FAST
@given(
    start=st.integers(0, 24 * 60 - 1),
    minutes=st.integers(1, 600),
    day=days,
    zone=zones,
    tz=zones,
)
def test_a_daily_session_appears_every_day(
    start: int, minutes: int, day: date, zone: ZoneInfo, tz: ZoneInfo
) -> None:
    text = (
        f'timezone = "{zone.key}"\n[[session]]\n'
        f'start = "{start // 60:02d}:{start % 60:02d}"\nminutes = {minutes}\n'
    )
    source = parse_text(PATH, text, "toml")
    sessions = check_day(source, day, tz)
    assert sessions, "a daily session overlaps every local day in some way"
    for s in sessions:
        assert s.end - s.start <= timedelta(minutes=minutes + 60)  # at most one DST hour more


# --------------------------------------------------------------------------- iCalendar


def stamps(near: date) -> st.SearchStrategy[datetime]:
    """Wall times within two days of ``near``, to the minute."""
    base = datetime.combine(near, datetime.min.time())
    return st.integers(-2 * 24 * 60, 2 * 24 * 60).map(lambda m: base + timedelta(minutes=m))


def fmt(when: datetime) -> str:
    return when.strftime("%Y%m%dT%H%M%S")


@st.composite
def ics_event(draw: st.DrawFn, uid: int, near: date) -> str:
    start = draw(stamps(near))
    form = draw(st.sampled_from(["utc", "tzid", "floating", "date", "windows"]))
    zone = draw(st.sampled_from(["America/New_York", "Europe/Berlin", "Asia/Kathmandu"]))
    if form == "utc":
        dtstart = f"DTSTART:{fmt(start)}Z"
    elif form == "tzid":
        dtstart = f"DTSTART;TZID={zone}:{fmt(start)}"
    elif form == "windows":
        dtstart = f"DTSTART;TZID=W. Europe Standard Time:{fmt(start)}"
    elif form == "floating":
        dtstart = f"DTSTART:{fmt(start)}"
    else:
        dtstart = f"DTSTART;VALUE=DATE:{start:%Y%m%d}"
    lines = ["BEGIN:VEVENT", f"UID:gen-{uid}@test", "DTSTAMP:20260101T000000Z", dtstart]
    minutes = draw(st.integers(0, 3000) | st.integers(0, 120))
    ending = draw(st.sampled_from(["dtend", "duration", "none"]))
    if ending == "dtend" and form != "date":
        end = start + timedelta(minutes=minutes)
        lines.append(dtstart.replace("DTSTART", "DTEND").replace(fmt(start), fmt(end)))
    elif ending == "duration":
        lines.append(f"DURATION:PT{minutes}M" if form != "date" else "DURATION:P1D")
    if draw(st.booleans()):
        freq = draw(st.sampled_from(["DAILY", "WEEKLY", "MONTHLY"]))
        limit = draw(st.sampled_from([";COUNT=5", ";COUNT=40", "", ";UNTIL=20261201T000000Z"]))
        if form == "date" and "UNTIL" in limit:
            limit = ";UNTIL=20261201"
        lines.append(f"RRULE:FREQ={freq}{limit}")
        if draw(st.booleans()) and form != "date":
            skipped = start + timedelta(days=draw(st.integers(1, 3)))
            lines.append(dtstart.replace("DTSTART", "EXDATE").replace(fmt(start), fmt(skipped)))
    if draw(st.integers(0, 4)) == 0:
        lines.append("STATUS:CANCELLED")
    if draw(st.integers(0, 4)) == 0:
        lines.append("TRANSP:TRANSPARENT")
    lines.append(f"SUMMARY:SECRET client {uid}")
    lines.append("END:VEVENT")
    return "\r\n".join(lines)


@st.composite
def ics_calendar(draw: st.DrawFn, near: date = date(2026, 11, 24)) -> str:
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//groundtui//hypothesis//EN"]
    if draw(st.booleans()):
        head.append(f"X-WR-TIMEZONE:{draw(st.sampled_from(ZONES))}")
    n = draw(st.integers(0, 6))
    events = [draw(ics_event(uid, near)) for uid in range(n)]
    return "\r\n".join([*head, *events, "END:VCALENDAR"]) + "\r\n"


@FAST
@given(day=days, tz=zones, data=st.data())
def test_generated_ics_loads_or_fails_cleanly(day: date, tz: tzinfo, data: st.DataObject) -> None:
    source = load_or_error(data.draw(ics_calendar(day)), "ics")
    if source is not None:
        check_day(source, day, tz)
        check_day(source, day + timedelta(days=1), tz)


@FAST
@given(text=ics_calendar(), data=st.data())
def test_truncated_ics_is_always_an_error(text: str, data: st.DataObject) -> None:
    end = text.rindex("END:VCALENDAR")
    cut = data.draw(st.integers(0, end + len("END:VCALENDAR") - 1))
    truncated = text[:cut]
    try:
        parse_text(PATH, truncated, "ics")
    except ScheduleError as err:
        assert err.path == str(PATH)
        assert "SECRET" not in str(err)
    else:
        raise AssertionError(f"a calendar cut at {cut} of {len(text)} loaded")


@FAST
@given(
    events=st.lists(
        st.tuples(
            stamps(date(2026, 3, 8)),
            st.integers(0, 2000),
            st.sampled_from(["CONFIRMED", "CANCELLED", "TENTATIVE"]),
            st.sampled_from(["OPAQUE", "TRANSPARENT"]),
        ),
        max_size=8,
    ),
    day=st.sampled_from([date(2026, 3, 7), date(2026, 3, 8), date(2026, 3, 9)]),
    tz=zones,
)
def test_single_utc_events_are_kept_exactly_when_busy_and_overlapping(
    events: list[tuple[datetime, int, str, str]], day: date, tz: tzinfo
) -> None:
    body = []
    expected = []
    for uid, (start, minutes, status, transp) in enumerate(events):
        end = start + timedelta(minutes=minutes)
        body.append(
            f"BEGIN:VEVENT\nUID:{uid}\nDTSTAMP:20260101T000000Z\nDTSTART:{fmt(start)}Z\n"
            f"DTEND:{fmt(end)}Z\nSTATUS:{status}\nTRANSP:{transp}\nEND:VEVENT"
        )
        a, b = start.replace(tzinfo=UTC), end.replace(tzinfo=UTC)
        if status != "CANCELLED" and transp != "TRANSPARENT" and overlaps_day(a, b, day, tz):
            expected.append((a, b))
    text = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\n" + "\n".join(body) + "\nEND:VCALENDAR\n"
    sessions = check_day(parse_text(PATH, text, "ics"), day, tz)
    assert [(s.start, s.end) for s in sessions] == sorted(expected)


# --------------------------------------------------------------------------- CSV

near_days = st.sampled_from([date(2026, 11, 1), date(2026, 11, 2), date(2026, 10, 31)])


def csv_row(use_duration: bool) -> st.SearchStrategy[tuple[str, str, str, str]]:
    us_date = near_days.map(lambda d: f"{d.month}/{d.day}/{d.year}")
    return st.tuples(
        st.one_of(near_days.map(date.isoformat), us_date),
        clock_text(),
        st.integers(0, 600).map(lambda m: f"{m} min") if use_duration else clock_text(),
        st.sampled_from(["yes", "no", "", "x", "yes", "no", "", "x", "maybe"]),
    )


@FAST
@given(
    delimiter=st.sampled_from([",", ";", "\t"]),
    use_duration=st.booleans(),
    day=near_days,
    tz=zones,
    data=st.data(),
)
def test_generated_csv_loads_or_fails_cleanly(
    delimiter: str, use_duration: bool, day: date, tz: tzinfo, data: st.DataObject
) -> None:
    rows = data.draw(st.lists(csv_row(use_duration), max_size=8))
    header = ["Date", "Start Time", "Duration" if use_duration else "End Time", "Heavy", "Client"]
    lines = [delimiter.join(header)]
    lines += [delimiter.join([*row, "SECRET name"]) for row in rows]
    source = load_or_error("\n".join(lines) + "\n", "csv")
    if source is not None:
        check_day(source, day, tz)
