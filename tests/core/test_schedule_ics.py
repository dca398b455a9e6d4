"""The .ics reader on the shared samples and on one hand-written file per case."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from groundtui.errors import ScheduleError
from groundtui.schedule import load
from groundtui.schedule.sources import open_source, parse_file

DATA = Path(__file__).parents[1] / "data"
CASES = DATA / "ics" / "cases"
SAMPLES = DATA / "samples"
NY = ZoneInfo("America/New_York")
CHICAGO = ZoneInfo("America/Chicago")
BERLIN = ZoneInfo("Europe/Berlin")


def spans(path: Path, day: str, tz: ZoneInfo) -> list[str]:
    """The day's sessions as 'HH:MM-HH:MM' in tz, with the end's date when it differs."""
    the_day = date.fromisoformat(day)
    out = []
    for s in parse_file(path).sessions_on(the_day, tz):
        assert s.start.tzinfo is tz and s.end.tzinfo is tz
        start = s.start.strftime("%H:%M") if s.start.date() == the_day else s.start.isoformat()
        end = s.end.strftime("%H:%M") if s.end.date() == the_day else s.end.isoformat()
        out.append(f"{start}-{end}")
    return out


# --------------------------------------------------------------------------- samples


def test_simplepractice_sample_day_in_chicago() -> None:
    assert spans(SAMPLES / "simplepractice_style.ics", "2026-11-24", CHICAGO) == [
        "08:00-08:50",
        "09:30-10:20",  # the series' 09:00 moved by a RECURRENCE-ID override
        "11:00-11:50",
        "13:00-13:50",  # 19:00Z
        "13:50-14:40",
    ]  # cancelled, transparent and all-day events are left out


def test_simplepractice_sample_keeps_labels_in_memory_only() -> None:
    sessions = load(SAMPLES / "simplepractice_style.ics", date(2026, 11, 24), CHICAGO)
    assert [s.label for s in sessions] == [
        "A.B. Appointment",
        "C.D. Appointment (moved)",
        "G.H. Appointment",
        "I.J. Appointment",
        "K.L. Appointment",
    ]
    assert all(s.heavy is None for s in sessions)  # .ics does not say: keywords decide
    assert "Appointment" not in repr(sessions)


def test_simplepractice_sample_exdate_and_series_end() -> None:
    path = SAMPLES / "simplepractice_style.ics"
    assert spans(path, "2026-11-10", CHICAGO) == []  # EXDATE
    assert spans(path, "2026-11-17", CHICAGO) == ["09:00-09:50"]
    assert spans(path, "2027-01-12", CHICAGO) == ["09:00-09:50"]  # 12th and last
    assert spans(path, "2027-01-19", CHICAGO) == []


def test_simplepractice_sample_in_another_zone() -> None:
    assert spans(SAMPLES / "simplepractice_style.ics", "2026-11-24", NY) == [
        "09:00-09:50",
        "10:30-11:20",
        "12:00-12:50",
        "14:00-14:50",
        "14:50-15:40",
    ]


def test_outlook_sample_with_windows_zone_name() -> None:
    path = SAMPLES / "outlook_style.ics"
    assert spans(path, "2026-11-24", BERLIN) == ["09:00-09:50", "10:00-10:50", "11:00-11:50"]
    assert spans(path, "2026-11-25", BERLIN) == []  # a Wednesday
    assert spans(path, "2026-11-26", BERLIN) == ["10:00-10:50"]
    assert spans(path, "2026-11-24", NY) == ["03:00-03:50", "04:00-04:50", "05:00-05:50"]


def test_truncated_sample_is_an_error_with_its_line() -> None:
    with pytest.raises(ScheduleError) as caught:
        parse_file(SAMPLES / "bad" / "truncated.ics")
    err = caught.value
    assert err.path is not None and err.path.endswith("truncated.ics")
    assert err.line == 59
    assert "END:VEVENT" in err.message and "cut off" in err.message
    assert "Appointment" not in str(err)


# --------------------------------------------------------------------------- cases


def test_cancelled_events_and_cancelled_occurrences_are_left_out() -> None:
    assert spans(CASES / "cancelled.ics", "2026-11-24", NY) == ["09:00-09:50"]
    assert spans(CASES / "cancelled.ics", "2026-12-01", NY) == ["11:00-11:50"]


def test_transparent_events_are_left_out() -> None:
    assert spans(CASES / "transparent.ics", "2026-11-24", NY) == ["09:00-09:50"]


def test_all_day_events_are_left_out() -> None:
    assert spans(CASES / "all_day.ics", "2026-11-24", NY) == ["14:00-14:50"]
    assert spans(CASES / "all_day.ics", "2026-11-23", NY) == []


def test_rdate_adds_occurrences() -> None:
    path = CASES / "rdate.ics"
    assert spans(path, "2026-11-17", NY) == ["09:00-09:50"]
    assert spans(path, "2026-11-24", NY) == ["15:00-15:50"]
    assert spans(path, "2026-11-26", NY) == ["08:00-08:50"]


def test_exdate_removes_occurrences() -> None:
    path = CASES / "exdate.ics"
    assert spans(path, "2026-11-23", NY) == ["09:00-09:50"]
    for day in ("2026-11-24", "2026-11-25", "2026-11-26"):
        assert spans(path, day, NY) == []
    assert spans(path, "2026-11-27", NY) == ["09:00-09:50"]


def test_recurrence_id_moves_an_occurrence_within_and_across_days() -> None:
    path = CASES / "recurrence_id_moved.ics"
    assert spans(path, "2026-11-17", NY) == ["09:00-09:50"]
    assert spans(path, "2026-11-24", NY) == ["15:30-16:20"]
    assert spans(path, "2026-12-01", NY) == []
    assert spans(path, "2026-12-02", NY) == ["10:00-10:50"]


def test_floating_times_are_wall_times_in_the_zone_asked_for() -> None:
    path = CASES / "floating.ics"
    assert spans(path, "2026-11-24", NY) == ["09:00-09:50", "10:00-10:45"]
    assert spans(path, "2026-11-24", BERLIN) == ["09:00-09:50", "10:00-10:45"]
    assert spans(path, "2026-11-26", NY) == ["10:00-10:45"]
    assert spans(path, "2026-11-27", NY) == []


def test_midnight_crossing_event_counts_on_both_days() -> None:
    path = CASES / "midnight_crossing.ics"
    assert spans(path, "2026-11-24", NY) == ["23:00-2026-11-25T01:30:00-05:00"]
    assert spans(path, "2026-11-25", NY) == ["2026-11-24T23:00:00-05:00-01:30"]
    assert spans(path, "2026-11-26", NY) == []


def test_zero_length_events_count_where_their_instant_is() -> None:
    path = CASES / "zero_length.ics"
    assert spans(path, "2026-11-24", NY) == ["00:00-00:00", "12:00-12:00"]
    assert spans(path, "2026-11-25", NY) == ["00:00-00:00"]


def test_duration_without_dtend() -> None:
    assert spans(CASES / "duration_only.ics", "2026-11-24", NY) == ["09:00-09:50", "15:00-16:30"]


def test_dst_spring_forward_day() -> None:
    path = CASES / "dst_spring_forward.ics"
    assert spans(path, "2026-03-07", NY) == ["09:00-09:50"]
    sessions = parse_file(path).sessions_on(date(2026, 3, 8), NY)
    assert [(s.start.isoformat(), s.end.isoformat()) for s in sessions] == [
        ("2026-03-08T01:30:00-05:00", "2026-03-08T03:00:00-04:00"),  # 30 real minutes
        ("2026-03-08T03:30:00-04:00", "2026-03-08T04:30:00-04:00"),  # floating 02:30 moves on
        ("2026-03-08T09:00:00-04:00", "2026-03-08T09:50:00-04:00"),
    ]
    assert spans(path, "2026-03-09", NY) == ["09:00-09:50"]


def test_dst_fall_back_day() -> None:
    path = CASES / "dst_fall_back.ics"
    sessions = parse_file(path).sessions_on(date(2026, 11, 1), NY)
    assert [(s.start.isoformat(), s.end.isoformat()) for s in sessions] == [
        ("2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00"),  # the second 01:30 (UTC)
        ("2026-11-01T01:30:00-04:00", "2026-11-01T02:30:00-05:00"),  # weekly series, first 01:30
        ("2026-11-01T09:00:00-05:00", "2026-11-01T09:50:00-05:00"),
    ]
    assert spans(path, "2026-11-02", NY) == ["09:00-09:50"]


def test_windows_zone_names_without_vtimezone() -> None:
    assert spans(CASES / "windows_zone.ics", "2026-11-24", NY) == ["03:00-03:50", "09:00-09:50"]


def test_custom_vtimezone_with_an_unusual_offset() -> None:
    kathmandu = ZoneInfo("Asia/Kathmandu")  # +05:45, like the file's own zone
    assert spans(CASES / "custom_offset.ics", "2026-11-24", kathmandu) == ["09:00-09:50"]
    assert spans(CASES / "custom_offset.ics", "2026-11-23", NY) == ["22:15-23:05"]


def test_x_wr_timezone_feed() -> None:
    path = CASES / "x_wr_timezone.ics"
    assert spans(path, "2026-11-24", BERLIN) == ["09:00-09:50", "13:00-13:50", "14:00-14:50"]
    # UTC times are the feed's (Berlin); the floating 14:00 is a wall time in the zone asked for
    assert spans(path, "2026-11-24", NY) == ["03:00-03:50", "07:00-07:50", "14:00-14:50"]


def test_todos_and_journals_are_ignored() -> None:
    assert spans(CASES / "todo_journal_only.ics", "2026-11-24", NY) == []


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("truncated.ics", 15, ["END:VEVENT", "line 11", "cut off"]),
        ("missing_end_vcalendar.ics", 10, ["END:VCALENDAR", "cut off"]),
        ("garbage.ics", 1, ["not an iCalendar file"]),
        ("mismatched_end.ics", 9, ["END:VTODO", "BEGIN:VEVENT"]),
        ("bad_dtstart.ics", 7, ["bad DTSTART", "2026112T090000Z"]),
        ("no_dtstart.ics", 4, ["no event", "DTSTART"]),
        ("bad_rrule.ics", 9, ["bad RRULE", "SOMETIMES"]),
        ("empty.ics", None, ["empty"]),
    ],
)
def test_broken_files_are_one_line_errors_with_a_line(
    name: str, line: int | None, words: list[str]
) -> None:
    with pytest.raises(ScheduleError) as caught:
        parse_file(CASES / name)
    err = caught.value
    assert err.path == str(CASES / name)
    assert err.line == line
    for word in words:
        assert word in err.message
    assert "\n" not in str(err)
    assert "Client" not in str(err)  # the cases' SUMMARY values


def test_broken_file_never_reads_as_an_empty_day_through_load() -> None:
    with pytest.raises(ScheduleError):
        load(CASES / "truncated.ics", date(2026, 11, 24), NY)


def test_detected_by_content_whatever_the_name(tmp_path: Path) -> None:
    odd = tmp_path / "calendar.txt"
    odd.write_bytes((SAMPLES / "simplepractice_style.ics").read_bytes())
    source = open_source(odd)
    assert source.format == "ics"
    assert len(source.sessions_on(date(2026, 11, 24), CHICAGO)) == 5


def test_crlf_bom_and_folded_lines(tmp_path: Path) -> None:
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1\r\n"
        "DTSTAMP:20260101T000000Z\r\nDTSTART;TZID=America/New_\r\n York:20261124T090000\r\n"
        "DTEND;TZID=America/New_York:20261124T095000\r\nSUMMARY:A very long summary that\r\n"
        "  is folded\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    path = tmp_path / "folded.ics"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    (session,) = parse_file(path).sessions_on(date(2026, 11, 24), NY)
    assert session.start == datetime(2026, 11, 24, 9, 0, tzinfo=NY)
    assert session.label == "A very long summary that is folded"


def test_text_after_the_calendar_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "feed.ics"
    body = (CASES / "duration_only.ics").read_text()
    path.write_text(body + "X-COMMENT:cached by a proxy\n")
    assert len(parse_file(path).sessions_on(date(2026, 11, 24), NY)) == 2


def test_two_calendars_in_one_file(tmp_path: Path) -> None:
    path = tmp_path / "two.ics"
    path.write_text((CASES / "transparent.ics").read_text() + (CASES / "rdate.ics").read_text())
    assert spans(path, "2026-11-24", NY) == ["09:00-09:50", "15:00-15:50"]


def test_repairs_spaces_in_rrule_and_empty_exdate(tmp_path: Path) -> None:
    path = tmp_path / "sloppy.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nBEGIN:VEVENT\nUID:1\n"
        "DTSTAMP:20260101T000000Z\nDTSTART:20261123T140000Z\nDTEND:20261123T145000Z\n"
        "RRULE:FREQ=DAILY;COUNT=5;BYDAY=MO, TU, WE\nEXDATE:\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    assert spans(path, "2026-11-24", NY) == ["09:00-09:50"]
    assert spans(path, "2026-11-27", NY) == []  # a Friday


def test_unknown_x_wr_timezone_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "odd_feed.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nX-WR-TIMEZONE:Nowhere/Special\n"
        "BEGIN:VEVENT\nUID:1\nDTSTAMP:20260101T000000Z\nDTSTART:20261124T140000Z\n"
        "DTEND:20261124T145000Z\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    assert spans(path, "2026-11-24", NY) == ["09:00-09:50"]


def test_windows_x_wr_timezone(tmp_path: Path) -> None:
    path = tmp_path / "windows_feed.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nX-WR-TIMEZONE:W. Europe Standard Time\n"
        "BEGIN:VEVENT\nUID:1\nDTSTAMP:20260101T000000Z\nDTSTART:20261124T090000\n"
        "DTEND:20261124T095000\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    assert spans(path, "2026-11-24", BERLIN) == ["09:00-09:50"]  # floating -> the feed's zone


def test_events_without_dtstart_are_skipped_when_others_have_one(tmp_path: Path) -> None:
    path = tmp_path / "mixed.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\n"
        "BEGIN:VEVENT\nUID:1\nDTSTAMP:20260101T000000Z\nSUMMARY:no time\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:2\nDTSTAMP:20260101T000000Z\nDTSTART:20261124T140000Z\n"
        "DTEND:20261124T145000Z\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    assert spans(path, "2026-11-24", NY) == ["09:00-09:50"]


def test_error_messages_never_quote_summaries(tmp_path: Path) -> None:
    path = tmp_path / "secret.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nBEGIN:VEVENT\nUID:1\n"
        "DTSTAMP:20260101T000000Z\nSUMMARY:Jane Doe\nDTSTART:Jane Doe\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    with pytest.raises(ScheduleError) as caught:
        parse_file(path)
    assert caught.value.line == 8
    assert "Jane" not in str(caught.value)


def test_a_bad_time_in_a_one_off_is_reported_when_its_day_is_read(tmp_path: Path) -> None:
    path = tmp_path / "late_error.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\n"
        "BEGIN:VEVENT\nUID:1\nDTSTAMP:20260101T000000Z\nDTSTART:20261124T140000Z\n"
        "DTEND:20261124T145000Z\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:2\nDTSTAMP:20260101T000000Z\nDTSTART:20261201T256000Z\n"
        "DTEND:20261201T260000Z\nSUMMARY:Jane Doe\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    source = parse_file(path)
    assert spans(path, "2026-11-24", NY) == ["09:00-09:50"]
    with pytest.raises(ScheduleError) as caught:
        source.sessions_on(date(2026, 12, 1), NY)
    assert (caught.value.line, "bad DTSTART" in caught.value.message) == (13, True)
    assert "Jane" not in str(caught.value)


def test_a_repeated_dtstart_is_reported_when_the_file_opens(tmp_path: Path) -> None:
    path = tmp_path / "twice.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nBEGIN:VEVENT\nUID:1\n"
        "DTSTART:20261124T140000Z\nDTSTART:20261124T150000Z\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    with pytest.raises(ScheduleError, match="more than one DTSTART") as caught:
        parse_file(path)
    assert caught.value.line == 6


def test_events_without_uid_are_separate(tmp_path: Path) -> None:
    path = tmp_path / "no_uid.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\n"
        "BEGIN:VEVENT\nDTSTART:20261124T140000Z\nDTEND:20261124T145000Z\nEND:VEVENT\n"
        "BEGIN:VEVENT\nDTSTART:20261124T160000Z\nDTEND:20261124T165000Z\nEND:VEVENT\n"
        "BEGIN:VEVENT\nDTSTART:20261124T180000Z\nRRULE:FREQ=DAILY;COUNT=2\nEND:VEVENT\n"
        "BEGIN:VEVENT\nDTSTART:20261124T190000Z\nRRULE:FREQ=DAILY;COUNT=2\nEND:VEVENT\n"
        "END:VCALENDAR\n"
    )
    assert spans(path, "2026-11-24", NY) == [
        "09:00-09:50",
        "11:00-11:50",
        "13:00-13:00",
        "14:00-14:00",
    ]


def test_alarms_descriptions_and_attendees_do_not_matter(tmp_path: Path) -> None:
    path = tmp_path / "rich.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nBEGIN:VEVENT\nUID:1\n"
        "DTSTART:20261124T140000Z\nDTEND:20261124T145000Z\n"
        "DESCRIPTION:notes\\, with a long folded\n  continuation\n"
        "ATTENDEE;CN=Someone:mailto:someone@example.invalid\n"
        "BEGIN:VALARM\nACTION:DISPLAY\nTRIGGER:-PT10M\nDESCRIPTION:soon\nEND:VALARM\n"
        "END:VEVENT\nEND:VCALENDAR\n"
    )
    assert spans(path, "2026-11-24", NY) == ["09:00-09:50"]


@pytest.mark.parametrize("zone", ["America/New_York", "Europe/Berlin", "America/Chicago"])
def test_a_start_in_the_missing_spring_hour_reads_as_rfc_5545_says(zone: str) -> None:
    """02:30 on the spring-forward night does not exist: RFC 5545 reads it with the offset
    before the gap (03:30 EDT); it ends before it starts, so it is zero-length, in any zone."""
    tz = ZoneInfo(zone)
    first, second = load(CASES / "dst_gap_start.ics", date(2026, 3, 8), tz)
    new_york = ZoneInfo("America/New_York")
    assert first.start == datetime(2026, 3, 8, 3, 30, tzinfo=new_york)
    assert first.end == first.start
    # printed with the zone's real offset (never "02:30-05:00", a time that does not exist)
    assert first.start.isoformat() == first.start.astimezone(UTC).astimezone(tz).isoformat()
    assert second.start == datetime(2026, 3, 8, 4, 0, tzinfo=new_york)
