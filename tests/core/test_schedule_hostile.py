"""Hostile schedule files (issue 13): each ends, in bounded time, in one line or a warning.

Special files, huge files, endless recurrences and overflowing dates. A case that would hang
without its cap runs in a subprocess under a generous ``timeout``, so a regression fails the test
instead of stalling the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from groundtui import paths
from groundtui.errors import GroundError, ScheduleError
from groundtui.schedule.sources import clear_cache, open_source

NY = ZoneInfo("America/New_York")
TIMEOUT = 60  # generous; every case here ends in about a second


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    clear_cache()


def groundtui(*args: str) -> subprocess.CompletedProcess[str]:
    """The real CLI in a fresh interpreter, under a timeout that turns a hang into a failure."""
    return subprocess.run(
        [sys.executable, "-m", "groundtui", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )


def one_error_line(out: subprocess.CompletedProcess[str]) -> str:
    """The single 'groundtui: error:' line of a run that exited 1 without a traceback."""
    assert out.returncode == 1, (out.returncode, out.stderr)
    assert "Traceback" not in out.stderr
    lines = out.stderr.splitlines()
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith("groundtui: error: ")
    return lines[0]


# --------------------------------------------------------------------------- special files


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "schedule.ics"
    os.mkfifo(fifo)
    line = one_error_line(groundtui("status", "--schedule", str(fifo)))
    assert "named pipe" in line and "not a schedule file" in line


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_is_refused(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    with pytest.raises(ScheduleError, match="is a device, not a schedule file"):
        open_source(device)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ScheduleError, match="is a directory, not a schedule file"):
        open_source(tmp_path)


def test_a_symlink_loop_is_not_called_missing(tmp_path: Path) -> None:
    (tmp_path / "a.ics").symlink_to(tmp_path / "b.ics")
    (tmp_path / "b.ics").symlink_to(tmp_path / "a.ics")
    with pytest.raises(ScheduleError, match="loop of symbolic links"):
        open_source(tmp_path / "a.ics")
    line = one_error_line(groundtui("plan", "--schedule", str(tmp_path / "a.ics")))
    assert "loop of symbolic links" in line and "no such file" not in line


def test_a_path_with_a_newline_stays_on_one_line(tmp_path: Path) -> None:
    odd = tmp_path / "two\nlines.csv"
    line = one_error_line(groundtui("plan", "--schedule", str(odd)))
    assert "two␊lines.csv: no such file" in line  # the newline made visible (safetext)
    odd.write_text("date,start,end\nnot a date,09:00,10:00\n")
    line = one_error_line(groundtui("plan", "--schedule", str(odd)))
    assert "two␊lines.csv:2:" in line


def test_a_file_over_the_cap_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge.ics"
    with huge.open("wb") as out:  # sparse: 60 MB on paper, nothing on disk
        out.truncate(60 * paths.MB)
    with pytest.raises(ScheduleError, match="too large for a schedule file"):
        open_source(huge)


def test_reading_stops_at_the_cap_whatever_the_size_says(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"x" * 11)
    assert paths.read_regular_file(path, limit=11) == b"x" * 11
    with pytest.raises(GroundError, match="too large"):
        paths.read_regular_file(path, limit=10)


def test_proc_files_are_read_only_up_to_the_cap() -> None:
    """/proc files say they are empty; the cap holds on what is really read."""
    if not Path("/proc/self/status").exists():
        pytest.skip("no /proc")
    assert paths.read_regular_file(Path("/proc/self/status"), limit=1_000_000)
    with pytest.raises(GroundError, match="too large"):
        paths.read_regular_file(Path("/proc/self/status"), limit=10)


# --------------------------------------------------------------------------- endless recurrences


def ics(*events: str) -> str:
    body = "".join(
        f"BEGIN:VEVENT\r\nUID:e{i}\r\nSUMMARY:Client Secretname\r\n{e}END:VEVENT\r\n"
        for i, e in enumerate(events)
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n{body}END:VCALENDAR\r\n"


def series(rule: str, start: str = "19700101T090000Z") -> str:
    return ics(f"DTSTART:{start}\r\nDURATION:PT50M\r\nRRULE:{rule}\r\n")


ENDLESS = [
    ("FREQ=DAILY;INTERVAL=0", "INTERVAL=0 never moves on"),
    ("FREQ=MINUTELY", "repeats every minute from 1970-01-01"),
    ("FREQ=SECONDLY", "repeats every second"),
    ("FREQ=MINUTELY;COUNT=1000000000", "repeats every minute"),
    ("FREQ=SECONDLY;UNTIL=20991231T000000Z", "repeats every second"),
    ("FREQ=HOURLY;INTERVAL=1", "repeats every hour"),
    ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "never happens"),
    ("FREQ=MINUTELY;BYMONTH=4;BYMONTHDAY=31;COUNT=5", "never happens"),
]


@pytest.mark.parametrize(("rule", "says"), ENDLESS)
def test_an_endless_rule_is_named_by_its_line_not_its_label(
    tmp_path: Path, rule: str, says: str
) -> None:
    path = tmp_path / "cal.ics"
    path.write_text(series(rule))
    with pytest.raises(ScheduleError) as err:
        open_source(path).sessions_on(date(2026, 11, 24), NY)
    assert says in str(err.value)
    assert err.value.line == 9  # the RRULE line
    assert "Secretname" not in str(err.value)


@pytest.mark.parametrize("rule", [r for r, _ in ENDLESS])
def test_status_on_an_endless_rule_ends_with_one_line(tmp_path: Path, rule: str) -> None:
    """What a tmux status bar runs every few seconds: it must end, with one line."""
    path = tmp_path / "cal.ics"
    path.write_text(series(rule))
    one_error_line(groundtui("status", "--schedule", str(path), "--now", "2026-11-24T10:00"))


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY",  # no end, from 1970: 20,000 steps
        "FREQ=DAILY;COUNT=1000000000",
        "FREQ=WEEKLY;BYDAY=TU",
        "FREQ=MINUTELY;INTERVAL=30;COUNT=16",  # ends in 1970
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",  # leap days only
    ],
)
def test_long_lived_rules_still_expand(tmp_path: Path, rule: str) -> None:
    path = tmp_path / "cal.ics"
    path.write_text(series(rule))
    open_source(path).sessions_on(date(2026, 11, 24), NY)  # no error


def test_a_minutely_rule_that_started_recently_expands(tmp_path: Path) -> None:
    path = tmp_path / "cal.ics"
    path.write_text(series("FREQ=MINUTELY;INTERVAL=15;BYHOUR=9", start="20261120T090000"))
    sessions = open_source(path).sessions_on(date(2026, 11, 24), NY)
    assert len(sessions) == 4


def test_many_rules_together_are_capped_per_file(tmp_path: Path) -> None:
    """A daily series since 1901 is within the cap alone; 25 of them are not."""
    event = "DTSTART:19010101T090000Z\r\nDURATION:PT50M\r\nRRULE:FREQ=DAILY\r\n"
    path = tmp_path / "cal.ics"
    path.write_text(ics(*[event] * 25))
    with pytest.raises(ScheduleError, match="together repeat too often"):
        open_source(path).sessions_on(date(2026, 11, 24), NY)


def test_too_many_rdates_are_refused_by_the_event_line(tmp_path: Path) -> None:
    dates = ",".join(f"2026{m:02d}{d:02d}T090000Z" for m in range(1, 13) for d in range(1, 29))
    event = f"DTSTART:20260101T090000Z\r\nDURATION:PT50M\r\nRDATE:{dates}\r\n"
    path = tmp_path / "cal.ics"
    path.write_text(
        ics(*[event.replace("RDATE:", "RDATE:" + dates + ",")] * 1).replace(
            "RDATE:", "RDATE:" + ",".join([dates] * 30) + ","
        )
    )
    with pytest.raises(ScheduleError, match="too many RDATE/EXDATE") as err:
        open_source(path)
    assert err.value.line == 4


def test_too_many_events_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from groundtui.schedule.ics import structure

    monkeypatch.setattr(structure, "MAX_EVENTS", 50)
    event = "DTSTART:20261124T090000Z\r\nDURATION:PT50M\r\n"
    path = tmp_path / "cal.ics"
    path.write_text(ics(*[event] * 51))
    with pytest.raises(ScheduleError, match="too many events") as err:
        open_source(path)
    assert err.value.line == 4 + 50 * 6  # where the 51st event begins


def test_a_huge_export_of_one_offs_ends(tmp_path: Path) -> None:
    """5,000 one-off events over half a year (an EHR export) answer for a day at once."""
    events = [
        f"DTSTART:2026{6 + i // 800:02d}{1 + i // 30 % 28:02d}T{9 + i % 8:02d}0000Z\r\n"
        f"DTEND:2026{6 + i // 800:02d}{1 + i // 30 % 28:02d}T{9 + i % 8:02d}5000Z\r\n"
        for i in range(5_000)
    ]
    path = tmp_path / "cal.ics"
    path.write_text(ics(*events))
    out = groundtui("status", "--schedule", str(path), "--now", "2026-11-24T10:00")
    assert out.returncode == 0, out.stderr


def test_thousands_of_events_on_one_day_are_refused(tmp_path: Path) -> None:
    event = "DTSTART:20261124T090000Z\r\nDTEND:20261124T095000Z\r\n"
    path = tmp_path / "cal.ics"
    path.write_text(ics(*[event] * 2_001))
    with pytest.raises(ScheduleError, match="too many events around 2026-11-24"):
        open_source(path).sessions_on(date(2026, 11, 24), NY)


# --------------------------------------------------------------------------- CSV and TOML


@pytest.mark.parametrize("minutes", ["99999999999", "5256000000", "9" * 30])
def test_a_csv_duration_past_the_calendar_is_one_line(tmp_path: Path, minutes: str) -> None:
    path = tmp_path / "day.csv"
    path.write_text(f"date,start,duration\n2026-11-24,09:00,50\n2026-11-24,10:00,{minutes}\n")
    out = groundtui("plan", "--schedule", str(path), "--date", "2026-11-24")
    assert ":3:" in one_error_line(out)


@pytest.mark.parametrize("end", ['"24:00"', "24:00", '"24:00:00"'])
def test_toml_takes_end_24_00_as_midnight(tmp_path: Path, end: str) -> None:
    path = tmp_path / "schedule.toml"
    path.write_text(f'[[session]]\nstart = "23:10"\nend = {end}\n')
    (session,) = open_source(path).sessions_on(date(2026, 11, 24), NY)
    assert session.minutes == 50
    assert session.end.date() == date(2026, 11, 25) and session.end.hour == 0
