"""Two groundtui windows on one data dir: one quits, the other's writes still land; a slot
is logged once, whichever window logs it."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

from fault_tools import Window

from groundtui.log import open_store

DAY = date(2026, 11, 24)


def test_one_window_quits_the_other_marks_done_and_is_killed_the_record_is_there(
    data_dir: Path, window: Callable[[Path], Window]
) -> None:
    db = data_dir / "log.sqlite3"
    first = window(db)
    second = window(db)
    assert first.tell("quit") == "closed"  # the other window must not take itself for the last
    first.proc.wait()
    assert second.tell("done 1") == "written"
    second.kill()  # no chance to close: the write must already be in the file
    with open_store(db, read_only=True) as store:
        records = store.records(DAY, DAY)
    assert [(r.exercise, r.outcome) for r in records] == [("ex-1", "done")]


def test_the_same_slot_is_never_logged_twice_by_two_windows(
    data_dir: Path, window: Callable[[Path], Window]
) -> None:
    db = data_dir / "log.sqlite3"
    first, second = window(db), window(db)
    assert first.tell("done 2") == "written"
    assert second.tell("missed 2") == "written"  # the gap passed in the other window too
    assert second.tell("missed 3") == "written"
    assert first.tell("missed 3") == "written"
    for w in (first, second):
        assert w.tell("quit") == "closed"
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT exercise, outcome FROM resets ORDER BY id").fetchall()
    assert rows == [("ex-2", "done"), ("ex-3", "missed")]


def test_the_files_beside_the_log_are_private(
    data_dir: Path, window: Callable[[Path], Window]
) -> None:
    db = data_dir / "log.sqlite3"
    first = window(db)
    assert first.tell("done 1") == "written"
    for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        assert p.stat().st_mode & 0o777 == 0o600, p
    first.kill()
