"""CSV schedules: the plain format, EHR-style exports, and errors with line numbers."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from groundtui.errors import ScheduleError
from groundtui.schedule import load
from groundtui.schedule.cells import parse_clock_time
from groundtui.schedule.csv import looks_like_header, parse_date, parse_datetime, parse_duration
from groundtui.schedule.sources import parse_file

DATA = Path(__file__).parents[1] / "data"
CSV = DATA / "csv"
SAMPLES = DATA / "samples"
NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
TUESDAY = date(2026, 11, 24)


def spans(path: Path, day: date, tz: ZoneInfo = NY) -> list[str]:
    out = []
    for s in parse_file(path).sessions_on(day, tz):
        assert s.start.tzinfo is tz and s.end.tzinfo is tz
        text = f"{s.start:%H:%M}-{s.end:%H:%M}{'*' if s.heavy else ''}"
        out.append(text if s.start.date() == day else f"(prev){text}")
    return out


def error_of(path: Path) -> ScheduleError:
    with pytest.raises(ScheduleError) as caught:
        parse_file(path)
    assert "\n" not in str(caught.value)
    return caught.value


def test_sample_appointments() -> None:
    sessions = load(SAMPLES / "appointments.csv", TUESDAY, NY)
    assert [f"{s.start:%H:%M}-{s.end:%H:%M}{'*' if s.heavy else ''}" for s in sessions] == [
        "09:00-09:50",
        "10:00-10:50*",
        "11:00-11:50",
        "13:00-13:50",
        "14:00-14:50*",
    ]
    assert sessions[0].label == "J.A."
    assert "J.A." not in repr(sessions)


def test_sample_times_are_wall_times_in_the_zone_asked_for() -> None:
    assert spans(SAMPLES / "appointments.csv", TUESDAY, BERLIN)[0] == "09:00-09:50"
    assert spans(SAMPLES / "appointments.csv", date(2026, 11, 25)) == []


def test_ehr_export_us_dates_12h_times_status_and_midnight() -> None:
    path = CSV / "ehr_us.csv"
    # the cancelled row is left out; the late one crosses midnight
    assert spans(path, TUESDAY) == ["09:00-09:50", "13:00-13:50", "23:30-00:20"]
    assert spans(path, date(2026, 11, 25)) == ["(prev)23:30-00:20", "09:00-09:50"]
    labels = [s.label for s in parse_file(path).sessions_on(TUESDAY, NY)]
    assert labels == ["J. Adams", "T. Kim", "Late One"]


def test_semicolons_bom_and_durations() -> None:
    assert spans(CSV / "semicolon_duration.csv", TUESDAY) == [
        "09:00-09:50",
        "14:00-15:30",
        "16:00-16:45",
    ]


def test_tabs_and_single_datetime_columns_with_and_without_offsets() -> None:
    path = CSV / "tab_datetimes.csv"
    assert spans(path, TUESDAY) == ["09:00-09:50", "11:00-11:50", "15:00-15:50"]
    # The row with an explicit offset is an instant; the others are wall times.
    assert spans(path, TUESDAY, BERLIN) == ["09:00-09:50", "15:00-15:50", "17:00-17:50"]


def test_day_first_dates_are_recognised_per_file_and_canceled_is_left_out() -> None:
    path = CSV / "day_first.csv"
    assert spans(path, TUESDAY) == ["09:00-09:50"]
    assert spans(path, date(2026, 11, 25)) == ["09:00-09:50"]


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("bad_time.csv", 3, "not a time '9:60' in column 'start'"),
        ("bad_date.csv", 3, "not a date '2026-13-24' in column 'date'"),
        ("no_end.csv", 1, "no end time or duration column"),
        ("no_columns.csv", 1, "no date or start column"),
    ],
)
def test_bad_rows_are_errors_with_their_line(name: str, line: int, message: str) -> None:
    err = error_of(CSV / name)
    assert err.line == line
    assert err.message.startswith(message)
    assert err.path == str(CSV / name)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("date,start,end\n2026-11-24,09:00,08:50\n", 2, "end 08:50 is before start 09:00"),
        ("date,start,end,heavy\n2026-11-24,09:00,09:50,maybe\n", 2, "'heavy' must be yes or no"),
        ("date,start,duration\n2026-11-24,09:00,fifty\n", 2, "not a duration in column"),
        ("date,start,end\n2026-11-24,,09:50\n", 2, "no start time"),
        ("start,end\n09:00,09:50\n", 2, "no date for this row"),
        ("date,start,end\n2026-11-24,09:00,\n", 2, "no end time"),
        ("", None, "empty"),
    ],
)
def test_more_row_errors(tmp_path: Path, text: str, line: int | None, message: str) -> None:
    path = tmp_path / "s.csv"
    path.write_text(text)
    err = error_of(path)
    assert (err.line, message in err.message) == (line, True), err.message


def test_names_in_cells_are_never_quoted_in_errors(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("date,start,end,client\n2026-11-24,Jane Doe,09:50,Jane Doe\n")
    err = error_of(path)
    assert err.line == 2
    assert "Jane" not in str(err)


def test_quoted_multiline_cell_keeps_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        'date,start,end,label\n2026-11-24,09:00,09:50,"two\nlines"\n2026-11-24,10:00,xx,B\n'
    )
    assert error_of(path).line == 4


def test_blank_rows_and_blank_trailing_rows_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("date,start,end\n\n2026-11-24,09:00,09:50\n,,\n\n")
    assert spans(path, TUESDAY) == ["09:00-09:50"]


def test_dst_gap_wall_time_moves_forward(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("date,start,end\n2026-03-08,02:30,03:20\n")
    (session,) = parse_file(path).sessions_on(date(2026, 3, 8), NY)
    assert (session.start.isoformat(), session.end.isoformat()) == (
        "2026-03-08T03:30:00-04:00",
        "2026-03-08T04:20:00-04:00",
    )


def test_zero_length_rows_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("date,start,duration\n2026-11-24,12:00,0\n")
    assert spans(path, TUESDAY) == ["12:00-12:00"]


def test_long_rows_reach_later_days(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("start,end\n2026-11-20 09:00,2026-11-25 10:00\n")
    assert spans(path, TUESDAY) == ["(prev)09:00-10:00"]
    assert spans(path, date(2026, 11, 26)) == []


def test_header_detection() -> None:
    assert looks_like_header("date,start,end")
    assert looks_like_header("Appointment Date;Start Time;Duration (min)")
    assert looks_like_header("\ufeffStart\tEnd\tSubject")
    assert not looks_like_header("timezone = 'Europe/London'")
    assert not looks_like_header("name,room")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9:00", time(9)),
        ("09:05:30", time(9, 5, 30)),
        ("9:00 AM", time(9)),
        ("12:15 pm", time(12, 15)),
        ("12:15 a.m.", time(0, 15)),
        ("9pm", time(21)),
        ("0930", time(9, 30)),
        ("13.45", time(13, 45)),
        ("24:00", None),
        ("13:00 pm", None),
        ("noon", None),
    ],
)
def test_clock_times(text: str, expected: time | None) -> None:
    assert parse_clock_time(text) == expected


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("2026-11-24", False, date(2026, 11, 24)),
        ("2026/11/24", False, date(2026, 11, 24)),
        ("11/24/2026", False, date(2026, 11, 24)),
        ("11/24/26", False, date(2026, 11, 24)),
        ("24/11/2026", True, date(2026, 11, 24)),
        ("24.11.2026", False, date(2026, 11, 24)),
        ("Nov 24, 2026", False, date(2026, 11, 24)),
        ("Tuesday, November 24, 2026", False, date(2026, 11, 24)),
        ("24/11/2026", False, None),
        ("tomorrow", False, None),
    ],
)
def test_dates(text: str, day_first: bool, expected: date | None) -> None:
    assert parse_date(text, day_first) == expected


def test_datetimes() -> None:
    assert parse_datetime("11/24/2026 9:00 AM") == parse_datetime("2026-11-24T09:00")
    assert parse_datetime("2026-11-24 21:00") == parse_datetime("Nov 24, 2026 9:00 pm")
    aware = parse_datetime("2026-11-24T09:00:00Z")
    assert aware is not None and aware.utcoffset() == timedelta(0)
    assert parse_datetime("2026-11-24") is None  # a date alone is not a start
    assert parse_datetime("J. Adams") is None


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("50", 50), ("50 min", 50), ("45 minutes", 45), ("1h 30m", 90), ("1:15", 75), ("2 hrs", 120)],
)
def test_durations(text: str, minutes: int) -> None:
    assert parse_duration(text) == timedelta(minutes=minutes)


def test_bad_durations() -> None:
    assert parse_duration("fifty") is None
    assert parse_duration("50 min and then some") is None


def test_outlook_export_leaves_out_all_day_rows() -> None:
    path = CSV / "outlook_export.csv"
    assert spans(path, TUESDAY) == ["09:00-09:50", "23:00-01:00"]
    assert spans(path, date(2026, 11, 25)) == ["(prev)23:00-01:00"]
    assert [s.label for s in parse_file(path).sessions_on(TUESDAY, NY)] == ["Client A", "Night"]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("Appointment Start", "Appointment End"),
        ("Scheduled Start", "Scheduled End"),
        ("Session Start", "Session End"),
        ("Appt Start", "Appt End"),
        ("Start Time (EST)", "End Time (EST)"),
        ("DTSTART", "DTEND"),
    ],
)
def test_ehr_headers_with_qualifiers_and_zones(tmp_path: Path, start: str, end: str) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        f"Client,{start},{end}\nX,11/24/2026 9:00 AM,11/24/2026 9:50 AM\n", encoding="utf-8"
    )
    assert spans(path, TUESDAY) == ["09:00-09:50"]


def test_an_exact_header_wins_over_a_dressed_one(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "Appointment Start,Start,End\n11/24/2026 8:00 AM,11/24/2026 9:00 AM,11/24/2026 9:50 AM\n",
        encoding="utf-8",
    )
    assert spans(path, TUESDAY) == ["09:00-09:50"]


def test_a_utf16_export_from_excel_is_read(tmp_path: Path) -> None:
    path = tmp_path / "unicode.csv"
    path.write_bytes("date\tstart\tend\n2026-11-24\t09:00\t09:50\n".encode("utf-16"))
    assert spans(path, TUESDAY) == ["09:00-09:50"]


def test_an_end_of_24_00_is_midnight(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    path.write_text("date,start,end\n2026-11-24,23:00,24:00\n", encoding="utf-8")
    (session,) = parse_file(path).sessions_on(TUESDAY, NY)
    assert session.end - session.start == timedelta(hours=1)
    assert session.end.date() == date(2026, 11, 25)
