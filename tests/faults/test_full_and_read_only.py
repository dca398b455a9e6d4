"""A disk that fills up mid-day and a log on a read-only mount: nothing is lost, the log reads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from fault_tools import fill, remount

from groundtui.log import QueuedLog, ResetEntry, open_store

NY = ZoneInfo("America/New_York")
DAY = date(2026, 11, 24)
T9 = datetime(2026, 11, 24, 9, 0, tzinfo=NY)


def entry(n: int, outcome: str = "done") -> ResetEntry:
    start = T9 + timedelta(hours=n)
    return ResetEntry(
        gap_start=start,
        gap_end=start + timedelta(minutes=10),
        exercise=f"ex-{n}",
        kind="breathing",
        outcome=outcome,  # type: ignore[arg-type]
        started_at=start,
        ended_at=start + timedelta(minutes=3),
        slot="main:0",
    )


def test_a_full_disk_keeps_the_writes_and_writes_them_once_there_is_room(tiny_fs: Path) -> None:
    db = tiny_fs / "log.sqlite3"
    said: list[str | None] = []
    store = open_store(db)
    log = QueuedLog(store, on_status=said.append, retry_seconds=3600)
    log.record(entry(0))
    log.flush()
    assert said == []
    filler = fill(tiny_fs)
    for n in range(1, 4):
        log.record(entry(n))
    log.flush()
    assert said and said[-1] is not None and "full" in said[-1], said
    assert [r.exercise for r in log.waiting()] == ["ex-1", "ex-2", "ex-3"]
    assert [r.exercise for r in log.records(DAY, DAY)] == ["ex-0", "ex-1", "ex-2", "ex-3"]
    log.retry()
    log.flush()
    assert len(log.waiting()) == 3  # still full: still kept
    filler.unlink()
    log.retry()
    log.flush()
    assert said[-1] is None and log.waiting() == []
    assert log.close() == []
    store.close()
    with open_store(db, read_only=True) as again:
        assert [r.exercise for r in again.records(DAY, DAY)] == ["ex-0", "ex-1", "ex-2", "ex-3"]


def test_a_disk_still_full_at_quit_hands_the_resets_back(tiny_fs: Path) -> None:
    db = tiny_fs / "log.sqlite3"
    store = open_store(db)
    log = QueuedLog(store, retry_seconds=3600)
    log.record(entry(0))
    log.flush()
    fill(tiny_fs)
    log.record(entry(1, "skipped"))
    lost = log.close()
    store.close()
    assert [(r.exercise, r.outcome) for r in lost] == [("ex-1", "skipped")]
    report = log.unsaved_report()
    assert str(db) in report[0]
    assert json.loads(report[-1])["exercise"] == "ex-1"


def test_a_read_only_mount_still_reads_and_says_new_resets_cannot_be_saved(
    tiny_fs: Path, config_dir: Path
) -> None:
    db = tiny_fs / "log.sqlite3"
    with open_store(db) as store:
        store.record(entry(0))
        store.record(entry(1, "skipped"))
    remount(tiny_fs, "ro")
    try:
        store = open_store(db)
        assert [r.exercise for r in store.records(DAY, DAY)] == ["ex-0", "ex-1"]
        assert store.warning is not None and "read-only" in store.warning
        assert "new resets cannot be saved" in store.warning
        log = QueuedLog(store, retry_seconds=3600)
        log.record(entry(2))
        assert [r.exercise for r in log.close()] == ["ex-2"]  # kept, handed back, not lost
        store.close()
        env = {**os.environ, "GROUNDTUI_DATA_DIR": str(tiny_fs)}
        done = subprocess.run(
            [sys.executable, "-m", "groundtui", "log", "--date", "2026-11-24", "--format", "json",
             "--tz", "America/New_York"],
            capture_output=True, text=True, env=env, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert [r["exercise"] for r in json.loads(done.stdout)] == ["ex-0", "ex-1"]
        assert "new resets cannot be saved" in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
    finally:
        remount(tiny_fs, "rw")


def test_resets_the_disk_never_took_are_kept_in_a_file_and_go_into_the_log_next_start(
    tiny_fs: Path, tmp_path: Path
) -> None:
    """The terminal that would show the report may be gone (a closed window): the records
    are kept in a private file (beside the log, else in the second folder), then replayed."""
    from groundtui.log import replay_unsaved, save_unsaved

    db = tiny_fs / "log.sqlite3"
    store = open_store(db)
    log = QueuedLog(store, retry_seconds=3600)
    log.record(entry(0))
    log.flush()
    filler = fill(tiny_fs)
    log.record(entry(1, "skipped"))
    log.record(entry(2, "partial"))
    lost = log.close()
    store.close()
    spare = tmp_path / "cache"
    kept = save_unsaved(lost, [tiny_fs, spare], datetime(2026, 11, 24, 18, 0, tzinfo=NY))
    assert kept is not None and kept.parent.parent == spare  # the full disk took nothing
    assert kept.stat().st_mode & 0o777 == 0o600
    assert [json.loads(line)["exercise"] for line in kept.read_text().splitlines()] == [
        "ex-1",
        "ex-2",
    ]
    with open_store(db) as still_full:
        assert replay_unsaved(still_full, [tiny_fs, spare]) == 0
    assert kept.exists()  # nothing taken, nothing dropped
    filler.unlink()
    with open_store(db) as again:
        assert replay_unsaved(again, [tiny_fs, spare]) == 2
        got = [(r.exercise, str(r.outcome)) for r in again.records(DAY, DAY)]
    assert got == [("ex-0", "done"), ("ex-1", "skipped"), ("ex-2", "partial")]
    assert not kept.exists()
