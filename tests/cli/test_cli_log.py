"""``groundtui log``: dates and ranges, the three formats, errors and exit codes."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from groundtui import paths
from groundtui.cli import run
from groundtui.clock import SystemClock
from groundtui.log import JSON_KEYS, ResetEntry, open_store

NY = ZoneInfo("America/New_York")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=NY)


@pytest.fixture
def logged() -> None:
    """Three resets on Tue 24 Nov 2026 and one on Mon 23 Nov, in New York time."""
    with open_store() as store:
        rid = store.begin(
            ResetEntry(
                gap_start=at(24, 9, 50),
                gap_end=at(24, 10),
                exercise="box-breathing",
                kind="breathing",
                started_at=at(24, 9, 51),
                before=6,
            )
        )
        store.finish(rid, outcome="done", ended_at=at(24, 9, 55), after=3)
        store.record(
            ResetEntry(
                gap_start=at(24, 11, 50),
                gap_end=at(24, 12),
                exercise="step-outside",
                kind="step_outside",
                outcome="skipped",
            )
        )
        store.record(
            ResetEntry(
                gap_start=at(24, 12, 50),
                gap_end=at(24, 13),
                exercise="body-scan",
                kind="body_scan",
                outcome="missed",
            )
        )
        store.record(
            ResetEntry(
                gap_start=at(23, 14),
                gap_end=at(23, 14, 20),
                exercise="grounding-5-4-3-2-1",
                kind="grounding",
                outcome="done",
                started_at=at(23, 14, 1),
                ended_at=at(23, 14, 8),
            )
        )


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> date:
    """'Today' is Tue 24 Nov 2026, whatever the real date."""
    monkeypatch.setattr(SystemClock, "now", lambda self: at(24, 17).astimezone(self.tz))
    return date(2026, 11, 24)


def log(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(["log", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_for_a_date(logged: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = log(capsys, "--date", "2026-11-24", "--format", "json", "--tz", "UTC")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [d["exercise"] for d in data] == ["box-breathing", "step-outside", "body-scan"]
    assert all(tuple(d) == JSON_KEYS for d in data)
    assert data[0] == {
        "date": "2026-11-24",
        "gap_start": "2026-11-24T14:50:00+00:00",
        "gap_end": "2026-11-24T15:00:00+00:00",
        "exercise": "box-breathing",
        "kind": "breathing",
        "outcome": "done",
        "started_at": "2026-11-24T14:51:00+00:00",
        "ended_at": "2026-11-24T14:55:00+00:00",
        "before": 6,
        "after": 3,
    }
    assert data[2]["started_at"] is None and data[2]["before"] is None


def test_json_times_are_in_tz(logged: None, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = log(capsys, "--date", "2026-11-24", "--format", "json", "--tz", "America/New_York")
    assert json.loads(out)[0]["gap_start"] == "2026-11-24T09:50:00-05:00"


def test_default_is_today_in_tz(
    logged: None, fixed_today: date, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = log(capsys, "--format", "json", "--tz", "America/New_York")
    assert {d["date"] for d in json.loads(out)} == {"2026-11-24"}
    assert len(json.loads(out)) == 3


def test_week_is_the_seven_days_ending_today(
    fixed_today: date, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store() as store:
        for back in range(9):
            day = fixed_today - timedelta(days=back)
            start = datetime(day.year, day.month, day.day, 10, tzinfo=NY)
            store.record(
                ResetEntry(
                    gap_start=start,
                    gap_end=start + timedelta(minutes=5),
                    exercise=f"back-{back}",
                    kind="breathing",
                    outcome="missed",
                )
            )
    _, out, _ = log(capsys, "--week", "--format", "json", "--tz", "America/New_York")
    assert [d["exercise"] for d in json.loads(out)] == [f"back-{b}" for b in range(6, -1, -1)]


def test_since_until_is_inclusive(logged: None, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = log(capsys, "--since", "2026-11-23", "--until", "2026-11-23", "--format", "json")
    assert [d["exercise"] for d in json.loads(out)] == ["grounding-5-4-3-2-1"]
    _, out, _ = log(capsys, "--since", "2026-11-20", "--until", "2026-11-24", "--format", "json")
    assert len(json.loads(out)) == 4


def test_since_without_until_runs_to_today(
    logged: None, fixed_today: date, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = log(capsys, "--since", "2026-11-01", "--format", "json", "--tz", "UTC")
    assert len(json.loads(out)) == 4


def test_csv_has_the_json_columns(logged: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = log(capsys, "--date", "2026-11-24", "--format", "csv", "--tz", "UTC")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert tuple(rows[0]) == JSON_KEYS
    assert rows[1] == [
        "2026-11-24",
        "2026-11-24T14:50:00+00:00",
        "2026-11-24T15:00:00+00:00",
        "box-breathing",
        "breathing",
        "done",
        "2026-11-24T14:51:00+00:00",
        "2026-11-24T14:55:00+00:00",
        "6",
        "3",
    ]
    assert rows[2][5:] == ["skipped", "", "", "", ""]
    assert len(rows) == 4


def test_table_for_a_day(logged: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = log(capsys, "--date", "2026-11-24", "--tz", "America/New_York")
    assert code == 0
    assert "Tuesday 24 November 2026" in out
    for header in ("time", "exercise", "kind", "outcome", "min", "check-in"):
        assert header in out
    assert "09:51" in out and "Box breathing" in out and "6 → 3" in out  # names, not ids
    assert "· passed by" in out  # a missed reset is information, not a failure
    assert "3 resets · 1 done · 1 skipped · 1 passed by · 4 min for yourself" in out
    assert "average activation 6.0 → 3.0 (0–10, 1 rated)" in out
    assert "date" not in out.splitlines()[1]  # one day: no date column


def test_table_for_a_range_has_a_date_column(
    logged: None, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = log(capsys, "--since", "2026-11-23", "--until", "2026-11-24", "--tz", "UTC")
    assert "23 Nov 2026 – 24 Nov 2026" in out
    assert "Mon 23 Nov" in out and "Tue 24 Nov" in out
    assert "4 resets · 2 done · 1 skipped · 1 passed by · 11 min for yourself" in out


def test_empty_day_is_said_kindly(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = log(capsys, "--date", "2026-11-24")
    assert code == 0
    assert "Nothing logged for Tuesday 24 November 2026 yet" in out
    code, out, _ = log(capsys, "--date", "2026-11-24", "--format", "json")
    assert (code, json.loads(out)) == (0, [])
    _, out, _ = log(capsys, "--since", "2026-11-01", "--until", "2026-11-07")
    assert "Nothing logged between 1 Nov 2026 and 7 Nov 2026 yet" in out


def test_reading_never_creates_the_database(capsys: pytest.CaptureFixture[str]) -> None:
    log(capsys, "--date", "2026-11-24")
    assert not paths.log_db_path().exists()


def test_until_without_since_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = log(capsys, "--until", "2026-11-24")
    assert code == 2
    assert out == ""
    assert err.startswith("usage: groundtui log")
    assert "--until needs --since" in err
    code, _, err = log(capsys, "--week", "--until", "2026-11-24")
    assert code == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2026-13-01"], "bad date '2026-13-01' (expected YYYY-MM-DD)"),
        (["--since", "yesterday"], "bad date 'yesterday'"),
        (["--since", "2026-11-01", "--until", "11/07/2026"], "bad date '11/07/2026'"),
        (["--since", "2026-11-25", "--until", "2026-11-24"], "the range ends before it starts"),
        (["--tz", "Mars/Olympus"], "unknown time zone 'Mars/Olympus'"),
    ],
)
def test_bad_values_are_user_errors(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = log(capsys, *args)
    assert code == 1
    assert out == ""
    assert err.startswith("groundtui: error: ")
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_a_corrupt_database_is_a_clear_error(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths.log_db_path().write_bytes(b"\x00not sqlite\xff" * 200)
    code, out, err = log(capsys, "--date", "2026-11-24", "--format", "json")
    assert code == 1
    assert out == ""
    assert err.strip() == (
        f"groundtui: error: The reset log at {paths.log_db_path()} could not be read "
        "(file is not a database)."
    )


def test_argparse_owns_other_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        run(["log", "--date", "2026-11-24", "--week"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit):
        run(["log", "--format", "xml"])


def _records(days: int, first: date) -> list:
    """A few records a day, every outcome, some with check-ins, from ``first`` on."""
    from groundtui.log import OUTCOMES, LogRecord

    found = []
    for n in range(days * 3):
        day = first + timedelta(days=n // 3)
        gap = datetime(day.year, day.month, day.day, 9 + n % 3, 50, tzinfo=NY)
        outcome = OUTCOMES[n % len(OUTCOMES)]
        ran = outcome in ("done", "partial")
        found.append(
            LogRecord(
                date=day,
                gap_start=gap,
                gap_end=gap + timedelta(minutes=10),
                exercise=("box-breathing", "grounding-5-4-3-2-1", "step-outside")[n % 3],
                kind=("breathing", "grounding", "step_outside")[n % 3],
                outcome=outcome,
                started_at=gap + timedelta(minutes=1) if ran else None,
                ended_at=gap + timedelta(minutes=1 + n % 9) if ran else None,
                before=n % 11 if ran and n % 2 else None,
                after=(n + 3) % 11 if ran and n % 2 else None,
                id=n + 1,
            )
        )
    return found


def _rich_table(records: list, since: date, until: date, width: int) -> str:
    """The whole table as Rich draws it, every row laid out by Rich."""
    from rich.console import Console
    from rich.table import Table

    from groundtui.commands.log import TABLE_HEADERS, column_style, describe_range, table_cells

    console = Console(file=io.StringIO(), width=width, highlight=False)
    table = Table(
        title=describe_range(since, until), title_justify="left", show_edge=False, pad_edge=False
    )
    headers = (("date",) if since != until else ()) + TABLE_HEADERS
    for header in headers:
        table.add_column(
            header, justify="right" if header == "min" else "left", **column_style(header)
        )
    for row in table_cells(records, since, until):
        table.add_row(*row)
    console.print(table, markup=False)
    return console.file.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("first", "days", "width"),
    [
        (date(2026, 11, 24), 1, 100),  # one day, no date column
        (date(2026, 11, 2), 30, 100),
        (date(2025, 12, 20), 30, 100),  # across a new year: the date column has the year
        (date(2026, 11, 2), 30, 50),  # too narrow: Rich wraps, every row through Rich
    ],
)
def test_table_is_what_rich_draws_for_every_row(
    first: date, days: int, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from groundtui.commands.log import print_table

    records = _records(days, first)
    until = first + timedelta(days=days - 1)
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # as in a terminal of that width
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    print_table([r.in_zone(NY) for r in records], first, until)
    expected = _rich_table([r.in_zone(NY) for r in records], first, until, width)
    assert out.getvalue().startswith(expected)
    assert len(out.getvalue().splitlines()) >= len(records) + 3
    if first.year != until.year:
        assert "Sat 20 Dec 2025" in out.getvalue() and "Sun 18 Jan 2026" in out.getvalue()


def test_table_into_a_pipe_is_never_wrapped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from groundtui.commands.log import print_table

    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    records = _records(40, date(2025, 12, 1))
    print_table([r.in_zone(NY) for r in records], date(2025, 12, 1), date(2026, 1, 9))
    lines = capsys.readouterr().out.splitlines()
    rows = [line for line in lines if " │ " in line]
    assert len(rows) == len(records)  # one line each: nothing wrapped at 40 columns
    cells = [cell.strip() for cell in rows[1].split(" │ ")]
    assert cells[:4] == ["Mon 1 Dec 2025", "10:51", "grounding-5-4-3-2-1", "grounding"]
    assert cells[4:] == ["◐ partly done", "1", "1 → 4"]


def test_passed_by_and_skipped_rows_show_their_slots_time(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with open_store() as store:
        for outcome, slot_at in (("missed", at(24, 9, 53)), ("skipped", at(24, 9, 57))):
            store.record(
                ResetEntry(
                    gap_start=at(24, 9, 50),
                    gap_end=at(24, 10),
                    exercise="box-breathing",
                    kind="breathing",
                    outcome=outcome,
                    ended_at=at(24, 9, 51) if outcome == "skipped" else None,
                    slot_at=slot_at,
                )
            )
    code, out, _ = log(capsys, "--date", "2026-11-24", "--tz", "America/New_York")
    assert code == 0
    assert "09:53" in out and "09:57" in out
    assert "09:50" not in out and "09:51" not in out  # neither the gap's start nor the key press
    code, out, _ = log(capsys, "--date", "2026-11-24", "--format", "json")
    assert [r["started_at"] for r in json.loads(out)] == [None, None]  # the contract's shape
    assert "slot_at" not in json.loads(out)[0]
