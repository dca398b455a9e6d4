"""open_source: format detection, the parse cache, file errors, and the model's time helpers."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from groundtui.errors import ScheduleError
from groundtui.schedule import Session, load, overlaps_day, sort_sessions
from groundtui.schedule.cells import parse_weekday
from groundtui.schedule.model import localize, wall_span
from groundtui.schedule.sources import ScheduleSource, decode, detect_format, open_source

SAMPLES = Path(__file__).parents[1] / "data" / "samples"
NY = ZoneInfo("America/New_York")
TUESDAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("x.toml", "BEGIN:VCALENDAR\nVERSION:2.0\n", "ics"),
        ("x.csv", "\ufeff\n  BEGIN:VCALENDAR\n", "ics"),
        ("x.txt", "date,start,end\n2026-11-24,09:00,09:50\n", "csv"),
        ("x.ics", "Appointment Date;Start Time;Duration\n", "csv"),
        ("x.csv", "[[session]]\nstart = 09:00:00\n", "toml"),
        ("x", "timezone = 'UTC'\n", "toml"),
        ("x.csv", "# date, start, end\n[[session]]\nstart = '09:00'\n", "toml"),  # valid TOML
        ("x.toml", "date,start,end\n", "csv"),
        ("x.ics", "", "ics"),  # nothing to go on: the extension decides
        ("x.CSV", "  \n", "csv"),
        ("x.toml", "", "toml"),
        ("x", "", "toml"),
        ("x.ics", "garbage that is neither\n", "ics"),
        ("x.dat", "garbage that is neither\n", "toml"),
    ],
)
def test_detect_format_by_content_then_extension(name: str, text: str, expected: str) -> None:
    assert detect_format(Path(name), text) == expected


@pytest.mark.parametrize("name", ["schedule.toml", "simplepractice_style.ics", "appointments.csv"])
def test_open_source_gives_a_schedule_source(name: str) -> None:
    source = open_source(SAMPLES / name)
    assert isinstance(source, ScheduleSource)
    assert source.format == name.rsplit(".", 1)[1]
    assert source.path == SAMPLES / name
    assert source.sessions_on(TUESDAY, NY)


def test_open_source_is_cached_until_the_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "schedule.toml"
    path.write_text('[[session]]\nstart = "09:00"\n')
    first = open_source(path)
    assert open_source(path) is first
    assert open_source(str(path)) is first

    path.write_text('[[session]]\nstart = "10:00"\n[[session]]\nstart = "11:00"\n')
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = open_source(path)
    assert second is not first
    assert [f"{s.start:%H:%M}" for s in second.sessions_on(TUESDAY, NY)] == ["10:00", "11:00"]


def test_same_mtime_but_new_size_is_re_read(tmp_path: Path) -> None:
    path = tmp_path / "schedule.toml"
    path.write_text('[[session]]\nstart = "09:00"\n')
    stamp = path.stat().st_mtime_ns
    first = open_source(path)
    path.write_text('[[session]]\nstart = "09:00"\nminutes = 30\n')
    os.utime(path, ns=(stamp, stamp))
    assert open_source(path) is not first
    assert open_source(path).sessions_on(TUESDAY, NY)[0].minutes == 30


def test_a_file_that_turns_bad_raises_on_the_next_open(tmp_path: Path) -> None:
    path = tmp_path / "cal.ics"
    path.write_bytes((SAMPLES / "simplepractice_style.ics").read_bytes())
    assert len(open_source(path).sessions_on(TUESDAY, NY)) == 5
    path.write_bytes((SAMPLES / "bad" / "truncated.ics").read_bytes())
    with pytest.raises(ScheduleError, match="cut off"):
        open_source(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScheduleError) as caught:
        open_source(tmp_path / "nope.toml")
    assert str(caught.value) == f"{tmp_path / 'nope.toml'}: no such file"


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(ScheduleError, match="is a directory"):
        open_source(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.toml"
    path.write_text("")
    path.chmod(0)
    with pytest.raises(ScheduleError, match="permission denied"):
        open_source(path)


def test_load_reads_one_day() -> None:
    assert len(load(SAMPLES / "schedule.toml", TUESDAY, NY)) == 6


def test_decode_handles_bom_and_windows_text() -> None:
    assert decode(b"\xef\xbb\xbfdate") == "date"
    assert decode("Café".encode("cp1252")) == "Café"


def test_parse_weekday() -> None:
    assert parse_weekday("Mon") == {0}
    assert parse_weekday("THURSDAY") == {3}
    assert parse_weekday("thurs") == {3}
    assert parse_weekday("weekdays") == {0, 1, 2, 3, 4}
    assert parse_weekday("t") is None
    assert parse_weekday("funday") is None


# --------------------------------------------------------------------------- model helpers


def test_localize_moves_a_skipped_time_forward_and_takes_the_first_repeat() -> None:
    assert localize(datetime(2026, 3, 8, 2, 30), NY).isoformat() == "2026-03-08T03:30:00-04:00"
    assert localize(datetime(2026, 11, 1, 1, 30), NY).isoformat() == "2026-11-01T01:30:00-04:00"


def test_wall_span_keeps_the_booked_length_in_a_gap() -> None:
    lo, hi = wall_span(datetime(2026, 3, 8, 2, 0), datetime(2026, 3, 8, 3, 0), NY)
    assert (lo.isoformat(), hi.isoformat()) == (
        "2026-03-08T03:00:00-04:00",
        "2026-03-08T04:00:00-04:00",
    )


def test_sort_and_overlap_use_real_instants_on_a_fall_back_night() -> None:
    first = localize(datetime(2026, 11, 1, 1, 40), NY)  # 01:40 EDT
    second = (first.astimezone(UTC) + timedelta(minutes=40)).astimezone(NY)  # 01:20 EST
    assert second.strftime("%H:%M") == "01:20"
    a = Session(second, second + timedelta(minutes=10))
    b = Session(first, first + timedelta(minutes=10))
    assert sort_sessions([a, b]) == [b, a]
    # a session ending at the day's first instant does not overlap that day
    midnight = datetime(2026, 11, 24, tzinfo=NY)
    assert not overlaps_day(midnight - timedelta(hours=1), midnight, TUESDAY, NY)
    assert overlaps_day(midnight, midnight, TUESDAY, NY)
