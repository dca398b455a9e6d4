"""CSV files that are broken at the quote level: an unclosed quote is named at its line instead
of swallowing the rows after it; an empty or separator-only file says what it expected."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from groundtui.cli import run
from groundtui.errors import ScheduleError
from groundtui.schedule import load
from groundtui.schedule.sources import clear_cache

NY = ZoneInfo("America/New_York")
DAY = date(2026, 11, 24)
LABEL = "Zelda Quixote-Hostile"


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    clear_cache()


def error_of(tmp_path: Path, text: str, name: str = "day.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScheduleError) as caught:
        load(path, DAY, NY)
    return str(caught.value)


def starts(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "day.csv"
    path.write_text(text, encoding="utf-8")
    return [f"{s.start:%H:%M}" for s in load(path, DAY, NY)]


HEADER = "date,start,end,client\n"


def test_an_unclosed_quote_is_named_at_its_line_not_swallowing_the_rows_after_it(
    tmp_path: Path,
) -> None:
    text = (
        HEADER + "2026-11-24,09:00,09:50,A.B.\n"
        f'2026-11-24,10:00,10:50,"{LABEL}\n'
        "2026-11-24,11:00,11:50,C.D.\n"
        "2026-11-24,12:00,12:50,E.F.\n"
    )
    message = error_of(tmp_path, text)
    assert message.startswith(f"{tmp_path / 'day.csv'}:3: ")
    assert "quote" in message and "never closed" in message
    assert "\n" not in message
    assert "Zelda" not in message


def test_an_unclosed_quote_on_the_last_line_is_named_too(tmp_path: Path) -> None:
    message = error_of(tmp_path, HEADER + '2026-11-24,09:00,09:50,"A.B.\n')
    assert ":2: " in message and "never closed" in message


def test_an_unclosed_quote_is_one_line_from_plan(tmp_path: Path, capsys) -> None:
    path = tmp_path / "day.csv"
    path.write_text(HEADER + '2026-11-24,09:00,09:50,"A.B.\n2026-11-24,10:00,10:50,C\n')
    code = run(["plan", "--schedule", str(path), "--date", "2026-11-24", "--tz", "UTC"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("groundtui: error: ")
    assert "day.csv:2: a quote" in err


def test_a_closed_multi_line_cell_still_reads_every_row(tmp_path: Path) -> None:
    text = (
        "date,start,end,notes\n"
        '2026-11-24,09:00,09:50,"first line\nsecond line, with a comma"\n'
        '2026-11-24,10:00,10:50,"say ""hi"""\n'
        '2026-11-24,11:00,11:50,a 5" ruler\n'
    )
    assert starts(tmp_path, text) == ["09:00", "10:00", "11:00"]


def test_a_closed_multi_line_cell_in_the_last_row_is_fine(tmp_path: Path) -> None:
    text = 'date,start,end,notes\n2026-11-24,09:00,09:50,"one\ntwo"\n'
    assert starts(tmp_path, text) == ["09:00"]


@pytest.mark.parametrize("text", ["", "\n\n", "   \n\t\n"])
def test_an_empty_csv_says_it_is_empty(tmp_path: Path, text: str) -> None:
    message = error_of(tmp_path, text)
    assert "empty" in message and "date,start,end" in message


@pytest.mark.parametrize("text", [",,,\n,,\n", ";;\n", "\t,\t\n", ",\n", ", , ,\n"])
def test_a_separator_only_csv_says_it_has_no_values(tmp_path: Path, text: str) -> None:
    message = error_of(tmp_path, text)
    assert "no values" in message and "date,start,end" in message
    assert "IndexError" not in message


def test_a_separator_only_csv_is_one_line_from_status(tmp_path: Path, capsys) -> None:
    path = tmp_path / "day.csv"
    path.write_text(",,,\n,,,\n")
    code = run(["status", "--schedule", str(path), "--now", "2026-11-24T09:00", "--tz", "UTC"])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "no values, only separators" in err and err.count("\n") == 1


GIANT = 1_000_000
"""Characters in one cell: a search that grows with the square of this never ends."""


@pytest.mark.parametrize("column", [0, 1, 2])
def test_a_giant_cell_is_refused_in_bounded_time(tmp_path: Path, column: int) -> None:
    """In a subprocess under a generous timeout, so a regression fails instead of hanging."""
    import subprocess
    import sys

    cells = ["2026-11-24", "09:00", "50", "x"]
    cells[column] = "x" * GIANT
    path = tmp_path / "day.csv"
    path.write_text("date,start,duration,client\n" + ",".join(cells) + "\n")
    code = (
        "import sys; from groundtui.cli import run; "
        "sys.exit(run(['plan', '--schedule', sys.argv[1], '--date', '2026-11-24']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith(f"groundtui: error: {path}:2: not a ")
