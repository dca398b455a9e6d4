"""schedule.toml: the week template, its keys, its DST rule and its one-line errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from groundtui.errors import ScheduleError
from groundtui.schedule import load
from groundtui.schedule.sources import parse_file, parse_text

DATA = Path(__file__).parents[1] / "data"
TOML = DATA / "toml"
SAMPLES = DATA / "samples"
NY = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
TOKYO = ZoneInfo("Asia/Tokyo")

TUESDAY = date(2026, 11, 24)


def spans(path: Path, day: date, tz: ZoneInfo) -> list[str]:
    return [
        f"{s.start:%H:%M}-{s.end:%H:%M}{'*' if s.heavy else ''}"
        for s in parse_file(path).sessions_on(day, tz)
    ]


def read(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "schedule.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> ScheduleError:
    with pytest.raises(ScheduleError) as caught:
        parse_file(path)
    assert "\n" not in str(caught.value)
    return caught.value


# --------------------------------------------------------------------------- the sample


def test_sample_schedule_on_a_tuesday() -> None:
    sessions = load(SAMPLES / "schedule.toml", TUESDAY, NY)
    assert [(f"{s.start:%H:%M}", f"{s.end:%H:%M}", s.heavy) for s in sessions] == [
        ("09:00", "09:50", None),
        ("10:00", "10:50", True),
        ("11:10", "12:00", None),
        ("13:00", "13:50", None),
        ("13:50", "14:40", True),
        ("14:45", "15:35", None),
    ]
    assert sessions[1].label == "Intake - M.R."
    assert all(s.start.tzinfo is NY for s in sessions)


def test_sample_schedule_on_a_wednesday_skips_the_mon_tue_thu_session() -> None:
    starts = [f"{s.start:%H:%M}" for s in load(SAMPLES / "schedule.toml", date(2026, 11, 25), NY)]
    assert starts == ["09:00", "10:00", "11:10", "13:50", "14:45"]


def test_schedule_timezone_is_converted_to_the_zone_asked_for() -> None:
    sessions = load(SAMPLES / "schedule.toml", TUESDAY, LONDON)
    assert [f"{s.start:%H:%M}" for s in sessions] == [
        "14:00",
        "15:00",
        "16:10",
        "18:00",
        "18:50",
        "19:45",
    ]


def test_bad_time_sample_names_the_end_line() -> None:
    err = error_of(SAMPLES / "bad" / "schedule_bad_time.toml")
    assert (err.line, err.col) == (3, 7)
    assert err.message.startswith("end 08:50 is before start 09:00")
    assert str(err).startswith(f"{SAMPLES / 'bad' / 'schedule_bad_time.toml'}:3:7: end 08:50")


def test_syntax_sample_is_a_one_line_error_with_line_and_column() -> None:
    err = error_of(SAMPLES / "bad" / "schedule_syntax.toml")
    assert (err.line, err.col) == (1, 10)
    assert "]]" in err.message
    assert "at line" not in err.message


# --------------------------------------------------------------------------- every key


def test_week_template_on_a_tuesday() -> None:
    assert spans(TOML / "week.toml", TUESDAY, NY) == [
        "08:00-08:50",
        "09:00-09:45",  # [defaults] session_minutes
        "10:00-11:00*",
        "16:00-16:50",  # the one-off date
    ]


def test_week_template_other_days() -> None:
    assert spans(TOML / "week.toml", date(2026, 11, 25), NY) == [
        "08:00-08:50",
        "09:00-09:45",
        "17:00-17:30",
    ]
    assert spans(TOML / "week.toml", date(2026, 11, 28), NY) == ["13:30-14:20"]  # Saturday
    assert spans(TOML / "week.toml", date(2026, 12, 1), NY) == [
        "08:00-08:50",
        "09:00-09:45",
        "10:00-11:00*",
    ]


def test_without_timezone_wall_times_are_in_the_zone_asked_for(tmp_path: Path) -> None:
    path = read(tmp_path, '[[session]]\nstart = "09:00"\nend = "09:50"\n')
    for tz in (NY, TOKYO):
        (session,) = parse_file(path).sessions_on(TUESDAY, tz)
        assert (f"{session.start:%H:%M}", session.start.tzinfo) == ("09:00", tz)


def test_no_end_and_no_defaults_gives_fifty_minutes(tmp_path: Path) -> None:
    path = read(tmp_path, '[[session]]\nstart = "09:00"\n')
    assert spans(path, TUESDAY, NY) == ["09:00-09:50"]


def test_defaults_heavy_applies_unless_a_session_says_otherwise(tmp_path: Path) -> None:
    path = read(
        tmp_path,
        "[defaults]\nheavy = true\n"
        '[[session]]\nstart = "09:00"\n'
        '[[session]]\nstart = "10:00"\nheavy = false\n',
    )
    assert spans(path, TUESDAY, NY) == ["09:00-09:50*", "10:00-10:50"]


def test_session_past_midnight_counts_on_both_days() -> None:
    path = TOML / "night.toml"
    assert spans(path, TUESDAY, LONDON) == ["23:30-01:00"]
    assert spans(path, date(2026, 11, 25), LONDON) == ["23:30-01:00"]
    assert spans(path, date(2026, 11, 26), LONDON) == []


def test_other_zone_can_move_a_session_to_the_next_local_day() -> None:
    # 23:30 Tuesday in London is 08:30 Wednesday in Tokyo.
    assert spans(TOML / "night.toml", date(2026, 11, 25), TOKYO) == ["08:30-10:00"]
    assert spans(TOML / "night.toml", TUESDAY, TOKYO) == []


def test_empty_schedule_has_no_sessions(tmp_path: Path) -> None:
    path = read(tmp_path, "# nothing booked yet\n")
    assert parse_file(path).sessions_on(TUESDAY, NY) == []


def test_bare_clock_times_are_accepted(tmp_path: Path) -> None:
    path = read(tmp_path, "[[session]]\nstart = 9:00\nend = 09:50  # no seconds\n")
    assert spans(path, TUESDAY, NY) == ["09:00-09:50"]


# --------------------------------------------------------------------------- DST


def test_wall_time_skipped_by_spring_forward_moves_on_and_keeps_its_length() -> None:
    sessions = parse_file(TOML / "dst.toml").sessions_on(date(2026, 3, 8), NY)
    assert [(s.start.isoformat(), s.end.isoformat()) for s in sessions] == [
        ("2026-03-08T01:30:00-05:00", "2026-03-08T03:20:00-04:00"),
        ("2026-03-08T03:30:00-04:00", "2026-03-08T04:20:00-04:00"),
    ]


def test_wall_time_repeated_by_fall_back_is_the_first_one() -> None:
    sessions = parse_file(TOML / "dst.toml").sessions_on(date(2026, 11, 1), NY)
    assert [(s.start.isoformat(), s.end.isoformat()) for s in sessions] == [
        ("2026-11-01T01:30:00-04:00", "2026-11-01T02:20:00-05:00"),
        ("2026-11-01T02:30:00-05:00", "2026-11-01T03:20:00-05:00"),
    ]


# --------------------------------------------------------------------------- errors


def test_unknown_key_suggests_the_right_one() -> None:
    err = error_of(TOML / "unknown_key.toml")
    assert err.message == "unknown key 'ned' (did you mean 'end'?)"
    assert (err.line, err.col) == (3, 1)


def test_unknown_day_suggests_the_right_one() -> None:
    err = error_of(TOML / "bad_day.toml")
    assert err.message == "unknown day 'wendsday' (did you mean 'wednesday'?)"
    assert err.line == 4


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("sesion = []\n", 1, "unknown key 'sesion' (did you mean 'session'?)"),
        ("[defaults]\nsession_minute = 50\n", 2, "(did you mean 'session_minutes'?)"),
        ("[session]\nstart = '09:00'\n", 1, "[[session]] (two brackets)"),
        ("[[session]]\nend = '09:50'\n", 1, "has no 'start'"),
        ("[[session]]\nstart = '25:00'\n", 2, "'start' is not a time: '25:00'"),
        ("[[session]]\nstart = 9\n", 2, "'start' must be a time"),
        ("[[session]]\nstart = '09:00'\nend = '09:00'\n", 3, "end 09:00 is the same as start"),
        ("[[session]]\nstart = '09:00'\nend = '10:00'\nminutes = 50\n", 4, "either 'end' or"),
        ("[[session]]\nstart = '09:00'\nminutes = 0\n", 3, "between 1 and 1440"),
        ("[[session]]\nstart = '09:00'\nminutes = true\n", 3, "number of minutes"),
        ("[[session]]\nstart = '09:00'\nheavy = 'yes'\n", 3, "'heavy' must be true or false"),
        ("[[session]]\nstart = '09:00'\nlabel = 3\n", 3, "'label' must be text"),
        ("[[session]]\nstart = '09:00'\ndays = []\n", 3, "list of days"),
        ("[[session]]\nstart = '09:00'\ndays = ['mon']\ndate = 2026-11-24\n", 4, "not both"),
        ("[[session]]\nstart = '09:00'\ndate = '24/11/2026'\n", 3, "date such as"),
        ("timezone = 'Mars/Olympus'\n", 1, "unknown time zone 'Mars/Olympus'"),
        ("[defaults]\ndays = ['t']\n", 2, "unknown day 't'"),
    ],
)
def test_bad_values_are_errors_at_their_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    err = error_of(read(tmp_path, text))
    assert err.line == line
    assert message in err.message
    assert err.path == str(tmp_path / "schedule.toml")


def test_second_session_error_points_at_the_second_session(tmp_path: Path) -> None:
    text = (
        "[[session]]\nstart = '09:00'\nend = '09:50'\n\n"
        "[[session]]\nstart = '10:00'\nend = '09:55'\n"
    )
    err = error_of(read(tmp_path, text))
    assert (err.line, err.message.split(" (")[0]) == (7, "end 09:55 is before start 10:00")


def test_labels_never_appear_in_errors(tmp_path: Path) -> None:
    err = error_of(read(tmp_path, "[[session]]\nstart = '09:00'\nlabel = 'Jane Doe'\nheavy = 1\n"))
    assert "Jane" not in str(err)


def test_detected_as_toml_by_content(tmp_path: Path) -> None:
    path = tmp_path / "my schedule.txt"
    path.write_text("[[session]]\nstart = 09:00:00\n")
    assert parse_file(path).format == "toml"
    assert parse_text(path, "", "toml").sessions_on(TUESDAY, NY) == []


def test_a_name_typed_as_a_time_is_not_quoted(tmp_path: Path) -> None:
    err = error_of(read(tmp_path, "[[session]]\nstart = 'Jane Doe'\n"))
    assert (err.line, err.message) == (2, "'start' is not a time (write it like \"09:30\")")


def test_a_misnamed_session_table_is_pointed_at(tmp_path: Path) -> None:
    path = tmp_path / "schedule.toml"
    path.write_text('timezone = "UTC"\n\n[[sessions]]\nstart = "09:00"\n', encoding="utf-8")
    with pytest.raises(ScheduleError) as caught:
        parse_file(path)
    assert (caught.value.line, caught.value.col) == (3, 3)
    assert "did you mean 'session'" in str(caught.value)


def test_a_sessions_own_heavy_flag_is_explicit_and_a_false_default_is_not(tmp_path: Path) -> None:
    path = tmp_path / "schedule.toml"
    path.write_text(
        "[defaults]\nheavy = false\n"
        '[[session]]\nstart = "09:00"\nlabel = "J.D. intake"\nheavy = false\n'
        '[[session]]\nstart = "10:00"\nlabel = "J.D. intake"\n'
        '[[session]]\nstart = "11:00"\nheavy = true\n'
    )
    assert [s.heavy for s in load(path, TUESDAY, NY)] == [False, None, True]
    path.write_text(
        '[defaults]\nheavy = true\n[[session]]\nstart = "09:00"\nheavy = false\n'
        '[[session]]\nstart = "10:00"\n'
    )
    assert [s.heavy for s in load(path, TUESDAY, NY)] == [False, True]
