"""The cached status line's view of the reset log, and its zone table.

The log rows are kept between status calls while the log's signature holds; these tests write
to the log the ways SQLite can (a window holding it open in WAL mode, a WAL that restarts from
its start, a rollback journal) with the files' mtimes put back after every commit, as a
filesystem with coarse timestamps would leave them: every commit must still be seen.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from groundtui.fastpath import logrows
from groundtui.fastpath.answer import _now_us
from groundtui.fastpath.build import us, wall_table
from groundtui.fastpath.cache import NotSure
from groundtui.log import ResetEntry, open_store

TZ = ZoneInfo("America/New_York")
DAY = "2026-11-24"
_INSERT = (
    "INSERT INTO resets (date, gap_start, gap_end, exercise, kind, outcome, started_at,"
    " ended_at, created) SELECT date, gap_start, gap_end, ?, kind, ?, started_at, ended_at,"
    " created"
    " FROM resets ORDER BY id LIMIT 1"
)


def _first_row(data_dir: Path) -> Path:
    start = datetime(2026, 11, 24, 9, 50, tzinfo=TZ)
    end = start + timedelta(minutes=10)
    with open_store() as store:
        store.record(
            ResetEntry(
                gap_start=start,
                gap_end=end,
                exercise="box-breathing",
                kind="breathing",
                outcome="done",
                started_at=start,
                ended_at=end,
            )
        )
    return data_dir / "log.sqlite3"


def _freeze(path: Path, mtimes: dict[str, int]) -> None:
    """Put the mtimes of the database and its WAL back (a coarse-timestamp filesystem)."""
    for suffix in ("", "-wal"):
        name = f"{path}{suffix}"
        if os.path.exists(name):
            mtimes.setdefault(suffix, os.stat(name).st_mtime_ns)
            os.utime(name, ns=(mtimes[suffix], mtimes[suffix]))


@pytest.mark.parametrize("mode", ["wal", "wal-restart", "delete"])
def test_every_commit_is_seen_even_when_mtimes_stand_still(
    data_dir: Path, tmp_path: Path, mode: str
) -> None:
    path = _first_row(data_dir)
    cache_dir = str(tmp_path / "cache")
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute(f"PRAGMA journal_mode = {'DELETE' if mode == 'delete' else 'WAL'}")
    mtimes: dict[str, int] = {}
    _freeze(path, mtimes)
    seen = logrows.logged(str(data_dir), cache_dir, DAY)
    assert len(seen) == 1
    for n in range(12):
        if mode == "wal-restart" and n % 3 == 0:
            writer.execute("PRAGMA wal_checkpoint(RESTART)")
        outcome = ("done", "skipped", "partial")[n % 3]
        writer.execute(_INSERT, (f"exercise-{n}", outcome))
        _freeze(path, mtimes)
        seen = logrows.logged(str(data_dir), cache_dir, DAY)
        assert seen == logrows._read(str(path), DAY)
        assert len(seen) == n + 2
        assert seen[-1][:2] == (f"exercise-{n}", outcome)
        assert logrows.logged(str(data_dir), cache_dir, DAY) == seen  # and from the cache
    writer.close()


def test_an_unchanged_log_is_not_opened_again(data_dir: Path, tmp_path: Path) -> None:
    path = _first_row(data_dir)
    cache_dir = str(tmp_path / "cache")
    first = logrows.logged(str(data_dir), cache_dir, DAY)
    kept = tmp_path / "cache" / "days" / "log.bin"
    assert kept.stat().st_mode & 0o777 == 0o600
    assert b"box-breathing" in kept.read_bytes()
    os.chmod(path, 0o200)  # SQLite could not read it now: the answer comes from the cache
    try:
        assert logrows.logged(str(data_dir), cache_dir, DAY) == first
    finally:
        os.chmod(path, 0o600)
    assert logrows.logged(str(data_dir), cache_dir, "2026-11-25") == []  # another day: read


def test_a_fifo_beside_the_log_is_not_waited_on(data_dir: Path, tmp_path: Path) -> None:
    path = _first_row(data_dir)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.mkfifo(f"{path}-wal")
    with pytest.raises(NotSure):
        logrows.logged(str(data_dir), str(tmp_path / "cache"), DAY)


def test_status_hit_with_a_log_loads_neither_sqlite_nor_zoneinfo(data_dir: Path) -> None:
    """Once the log was read, a status call with a naive --now loads neither SQLite (the log is
    unchanged), zoneinfo (the zone table) nor ``datetime`` (the C module does)."""
    schedule = data_dir / "schedule.toml"
    schedule.write_text(
        '[[session]]\nstart = 09:00:00\nend = 09:50:00\nlabel = "A"\n\n'
        '[[session]]\nstart = 11:00:00\nend = 11:50:00\nlabel = "B"\n',
        encoding="utf-8",
    )
    _first_row(data_dir)
    argv = ["status", "--schedule", str(schedule), "--tz", "America/New_York"]
    argv += ["--now", "2026-11-24T10:30"]
    for _ in range(2):  # the full command makes the day cache; the first hit, the log's
        subprocess.run([sys.executable, "-m", "groundtui", *argv], check=True, capture_output=True)
    probe = (
        "import sys; from groundtui.fastpath.answer import answer; "
        f"code = answer({argv!r}); "
        "heavy = [m for m in ('sqlite3', '_sqlite3', 'zoneinfo', 'datetime', 're', 'typing') "
        "if m in sys.modules]; "
        "print(code, heavy, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stderr.strip().endswith("0 []")


ZONES = ["America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"]
CHANGES = ["2026-03-08", "2026-03-29", "2026-04-05", "2026-10-04", "2026-10-25", "2026-11-01"]


@settings(max_examples=60, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    day=st.sampled_from([*CHANGES, "2026-11-24"]),
    micro=st.integers(-36 * 3600 * 10**6, 60 * 3600 * 10**6),
    whole_minutes=st.booleans(),
)
def test_the_zone_table_places_a_naive_time_as_python_does(
    zone: str, day: str, micro: int, whole_minutes: bool
) -> None:
    """A naive --now near the cached day (a day either side, across the day's own offset
    changes: the hour that is skipped, the hour that comes twice) is the instant
    ``datetime.replace(tzinfo=zone)`` gives."""
    tz = ZoneInfo(zone)
    start = datetime.fromisoformat(day).replace(tzinfo=tz)
    lo, hi = us(start), us((start + timedelta(days=1, hours=3)).replace(hour=0))
    if whole_minutes:
        micro -= micro % 60_000_000
    wall = datetime.fromisoformat(day) + timedelta(microseconds=micro)
    days = {day: {"walls": wall_table(tz, lo, hi)}}
    walls = days[day]["walls"]
    wall_us = us(wall.replace(tzinfo=UTC))
    if not walls[0] <= wall_us < walls[1]:
        with pytest.raises(NotSure):
            _now_us(wall.isoformat(), days)
        return
    assert _now_us(wall.isoformat(), days) == us(wall.replace(tzinfo=tz))


def test_the_zone_table_knows_the_changes_of_the_day() -> None:
    tz = ZoneInfo("America/New_York")
    start = datetime(2026, 3, 8, tzinfo=tz)
    table = wall_table(tz, us(start), us(datetime(2026, 3, 9, tzinfo=tz)))
    assert len(table[3]) == 1  # 02:00 EST -> 03:00 EDT
    since, offset = table[3][0]
    assert offset == -4 * 3600 * 10**6
    assert datetime(1970, 1, 1) + timedelta(microseconds=since) == datetime(2026, 3, 8, 3, 0)


def test_an_installed_wheel_is_watched_through_its_record(tmp_path: Path) -> None:
    """A wheel's files change only when pip (re)installs it, which rewrites RECORD: one stat. A
    source checkout or an editable install: every source file."""
    import json

    from groundtui.fastpath.build import _code_files

    site = tmp_path / "site-packages"
    package = site / "groundtui"
    (package / "planner").mkdir(parents=True)
    for name in ("__init__.py", "planner/rules.py"):
        (package / name).write_text("", encoding="utf-8")
    assert sorted(_code_files(str(package))) == [
        str(package / "__init__.py"),
        str(package / "planner" / "rules.py"),
    ]
    info = site / "groundtui-0.1.0.dist-info"
    info.mkdir()
    (info / "RECORD").write_text("groundtui/__init__.py,,\n", encoding="utf-8")
    assert _code_files(str(package)) == [str(info / "RECORD")]
    (info / "direct_url.json").write_text(
        json.dumps({"url": "file:///src", "dir_info": {"editable": True}}), encoding="utf-8"
    )
    assert len(_code_files(str(package))) == 2  # editable: the sources change without RECORD
    (info / "direct_url.json").write_text(
        json.dumps({"url": "file:///src", "dir_info": {}}), encoding="utf-8"
    )
    assert _code_files(str(package)) == [str(info / "RECORD")]  # `pip install .` of a folder
