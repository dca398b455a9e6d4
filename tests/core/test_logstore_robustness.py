"""The reset log survives crashes, a second instance, old schemas, bad files; it keeps no labels."""

from __future__ import annotations

import dataclasses
import inspect
import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from groundtui.clock import SystemClock
from groundtui.log import (
    SCHEMA_VERSION,
    LogRecord,
    LogStore,
    LogWriteError,
    ResetEntry,
    open_store,
)
from groundtui.log import records as log_records
from groundtui.log import schema as log_schema
from groundtui.schedule.model import Session

NY = ZoneInfo("America/New_York")
DAY = date(2026, 11, 24)
T9 = datetime(2026, 11, 24, 9, 0, tzinfo=NY)

CHILD = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timedelta
    from pathlib import Path
    from zoneinfo import ZoneInfo
    from groundtui.log import ResetEntry, open_store

    path, mode = Path(sys.argv[1]), sys.argv[2]
    t = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("America/New_York"))
    if mode == "write":  # wait for the go, so two writers open and write at the same moment
        print("ready", flush=True)
        sys.stdin.readline()
    store = open_store(path)
    if store.warning:
        print("WARN", store.warning, flush=True)
    if mode == "begin":
        rid = store.begin(ResetEntry(gap_start=t, gap_end=t + timedelta(minutes=10),
                          exercise="box-breathing", kind="breathing", started_at=t, before=5))
        print(rid, flush=True)
        command = sys.stdin.readline().strip()
        if command == "finish":
            store.finish(rid, outcome="done", ended_at=t + timedelta(minutes=4), after=2)
            print("finished", flush=True)
    elif mode == "write":
        tag, count = sys.argv[3], int(sys.argv[4])
        for i in range(count):
            rid = store.begin(ResetEntry(gap_start=t, gap_end=t + timedelta(minutes=10),
                              exercise=f"{tag}-{i}", kind="breathing", started_at=t))
            store.finish(rid, outcome="done", ended_at=t + timedelta(minutes=2))
        print("wrote", flush=True)
    store.close()
    """
)


def child(path: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def raw_outcomes(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT outcome FROM resets ORDER BY id")]


@pytest.fixture
def db(data_dir: Path) -> Path:
    return data_dir / "log.sqlite3"


def begin(store: LogStore, minute: int = 0) -> int:
    start = T9 + timedelta(minutes=minute)
    return store.begin(
        ResetEntry(
            gap_start=start,
            gap_end=start + timedelta(minutes=10),
            exercise="box-breathing",
            kind="breathing",
            started_at=start,
        )
    )


# --------------------------------------------------------------------------- crashes


def test_killed_mid_reset_reopens_as_partial(db: Path) -> None:
    proc = child(db, "begin")
    assert proc.stdout is not None
    rid = int(proc.stdout.readline())
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert raw_outcomes(db) == ["running"]
    with open_store(db) as store:
        [rec] = store.records(DAY, DAY)
    assert rec.id == rid
    assert rec.outcome == "partial"
    assert rec.started_at == T9
    assert rec.ended_at is None
    assert rec.before == 5
    assert raw_outcomes(db) == ["partial"]


def test_a_live_instance_keeps_its_running_row(db: Path) -> None:
    proc = child(db, "begin")
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdout.readline()
    with open_store(db) as store:
        assert raw_outcomes(db) == ["running"]  # not swept: its writer is alive
        assert [r.outcome for r in store.records(DAY, DAY)] == ["partial"]
        proc.stdin.write("finish\n")
        proc.stdin.flush()
        assert proc.stdout.readline().strip() == "finished"
        assert proc.wait() == 0
        [rec] = store.records(DAY, DAY)
    assert (rec.outcome, rec.after) == ("done", 2)


def test_own_running_row_survives_a_second_open(db: Path) -> None:
    with open_store(db) as first:
        rid = begin(first)
        with open_store(db):
            assert raw_outcomes(db) == ["running"]
        first.finish(rid, outcome="done", ended_at=T9 + timedelta(minutes=3))
    assert raw_outcomes(db) == ["done"]


def test_running_row_older_than_12_hours_is_partial_regardless(db: Path) -> None:
    with open_store(db) as first:
        begin(first)
        later = SystemClock(UTC).now() + timedelta(hours=12, minutes=1)
        with open_store(db, now=later):
            assert raw_outcomes(db) == ["partial"]


def test_reused_pid_is_not_mistaken_for_the_writer(db: Path) -> None:
    with open_store(db) as first:
        begin(first)
    with sqlite3.connect(db) as conn:  # same pid, but a different process start
        conn.execute("UPDATE resets SET proc_start = 'another-boot:1'")
    with open_store(db):
        assert raw_outcomes(db) == ["partial"]


def test_row_of_a_dead_pid_is_partial(db: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    with open_store(db) as first:
        begin(first)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE resets SET pid = ?, proc_start = NULL", (proc.pid,))
    with open_store(db):
        assert raw_outcomes(db) == ["partial"]


# --------------------------------------------------------------------------- two writers


def test_two_processes_writing_at_once_lose_nothing(db: Path) -> None:
    open_store(db).close()  # both children find an existing file (the race to create is next)
    procs = [child(db, "write", tag, "200") for tag in ("a", "b")]
    for p in procs:
        assert p.stdout is not None
        assert p.stdout.readline().strip() == "ready"
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    outputs = [p.communicate()[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert all(out.strip() == "wrote" for out in outputs), outputs
    with open_store(db) as store:
        recs = store.records(DAY, DAY)
    assert len(recs) == 400
    assert {r.exercise for r in recs} == {f"{t}-{i}" for t in "ab" for i in range(200)}
    assert {r.outcome for r in recs} == {"done"}


def test_two_processes_creating_the_file_at_once(db: Path) -> None:
    procs = [child(db, "write", tag, "10") for tag in ("a", "b", "c")]
    for p in procs:
        assert p.stdout is not None and p.stdin is not None
        assert p.stdout.readline().strip() == "ready"
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    outputs = [p.communicate()[0] for p in procs]
    assert all(out.strip() == "wrote" for out in outputs), outputs  # no "WARN" line
    with open_store(db) as store:
        assert len(store.records(DAY, DAY)) == 30


# --------------------------------------------------------------------------- schema


V1_SCHEMA = """
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version VALUES (1);
CREATE TABLE resets (
    id INTEGER PRIMARY KEY AUTOINCREMENT, date TEXT NOT NULL, gap_start TEXT NOT NULL,
    gap_end TEXT NOT NULL, exercise TEXT NOT NULL, kind TEXT NOT NULL, outcome TEXT NOT NULL,
    started_at TEXT, ended_at TEXT, before INTEGER, after INTEGER, pid INTEGER,
    created TEXT NOT NULL
);
INSERT INTO resets (date, gap_start, gap_end, exercise, kind, outcome, started_at, ended_at,
                    before, after, pid, created)
VALUES ('2026-11-24', '2026-11-24T09:00:00-05:00', '2026-11-24T09:10:00-05:00',
        'box-breathing', 'breathing', 'done', '2026-11-24T09:01:00-05:00',
        '2026-11-24T09:05:00-05:00', 6, 3, NULL, '2026-11-24T14:01:00+00:00'),
       ('2026-11-24', '2026-11-24T11:00:00-05:00', '2026-11-24T11:10:00-05:00',
        'body-scan', 'body_scan', 'running', '2026-11-24T11:01:00-05:00', NULL,
        NULL, NULL, 999999999, '2026-11-24T16:01:00+00:00');
"""


def columns(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[1] for row in conn.execute("PRAGMA table_info(resets)")}


def test_a_v1_database_is_migrated_and_keeps_its_data(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.executescript(V1_SCHEMA)
    assert "proc_start" not in columns(db)
    with open_store(db) as store:
        assert store.warning is None
        first, second = store.records(DAY, DAY)
        rid = begin(store, minute=200)
    assert (first.exercise, first.outcome, first.before, first.after) == (
        "box-breathing",
        "done",
        6,
        3,
    )
    assert first.started_at == datetime(2026, 11, 24, 9, 1, tzinfo=NY)
    assert (second.exercise, second.outcome, second.ended_at) == ("body-scan", "partial", None)
    assert "proc_start" in columns(db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
        assert conn.execute("SELECT proc_start FROM resets WHERE id = ?", (rid,)).fetchone()[0]
    assert raw_outcomes(db) == ["done", "partial", "running"]


def v3_database(db: Path) -> None:
    """A log as schema v3 left it: one missed row, without the slot's time."""
    with sqlite3.connect(db) as conn:
        conn.executescript(V1_SCHEMA)
        for version, statements in log_schema.MIGRATIONS:
            if 1 < version <= 3:
                for statement in statements:
                    conn.execute(statement)
        conn.execute("UPDATE schema_version SET version = 3")
        conn.execute(
            "INSERT INTO resets (date, gap_start, gap_end, exercise, kind, outcome, created)"
            " VALUES ('2026-11-24', '2026-11-24T12:50:00-05:00', '2026-11-24T13:00:00-05:00',"
            " 'body-scan', 'body_scan', 'missed', '2026-11-24T18:01:00+00:00')"
        )


def test_a_v3_database_gains_the_slots_time_and_keeps_its_rows(db: Path) -> None:
    v3_database(db)
    assert "slot_at" not in columns(db)
    slot_at = datetime(2026, 11, 24, 14, 53, tzinfo=NY)
    with open_store(db) as store:
        old = [r for r in store.records(DAY, DAY) if r.outcome == "missed"]
        assert [(r.exercise, r.slot_at, r.when.hour) for r in old] == [("body-scan", None, 12)]
        store.record(
            ResetEntry(
                gap_start=datetime(2026, 11, 24, 14, 50, tzinfo=NY),
                gap_end=datetime(2026, 11, 24, 15, 0, tzinfo=NY),
                exercise="box-breathing",
                kind="breathing",
                outcome="missed",
                slot_at=slot_at,
            )
        )
        new = store.records(DAY, DAY)[-1]
    assert "slot_at" in columns(db)
    assert new.slot_at == slot_at and new.when == slot_at and new.started_at is None
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]


def test_a_v3_file_read_without_migrating_still_reads(db: Path) -> None:
    from groundtui.log.open import FileOpener

    v3_database(db)
    conn = FileOpener(db).reader()  # a read-only log is read as it is, never migrated
    try:
        from groundtui.log.store import _read_columns

        assert "slot_at" not in _read_columns(conn)
    finally:
        conn.close()
    assert "slot_at" not in columns(db)


def test_migrations_are_in_order_and_reach_the_current_version() -> None:
    versions = [v for v, _ in log_schema.MIGRATIONS]
    assert versions == sorted(versions) == list(range(1, SCHEMA_VERSION + 1))


def test_a_newer_schema_is_read_but_never_written(db: Path) -> None:
    with open_store(db) as store:
        store.record(
            ResetEntry(gap_start=T9, gap_end=T9, exercise="old", kind="k", outcome="missed")
        )
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE schema_version SET version = 99")
    before = db.read_bytes()
    with open_store(db) as store:
        assert not store.writable
        assert "newer groundtui" in (store.warning or "")
        with pytest.raises(LogWriteError, match="newer groundtui"):
            store.record(
                ResetEntry(gap_start=T9, gap_end=T9, exercise="new", kind="k", outcome="skipped")
            )
        assert [r.exercise for r in store.records(DAY, DAY)] == ["old"]
    assert db.read_bytes() == before


# --------------------------------------------------------------------------- bad files


def assert_unwritable(store: LogStore, db: Path, reason: str) -> None:
    """The store says why in one line, and every write raises (the queue keeps them)."""
    assert not store.writable
    assert store.problem is not None
    assert store.problem.startswith(f"The reset log at {db} could not be opened (")
    assert reason in store.problem
    assert store.problem.endswith("new resets are kept and saved once it can be written.")
    assert "\n" not in store.problem
    with pytest.raises(LogWriteError):
        begin(store)
    with pytest.raises(LogWriteError):
        store.record(
            ResetEntry(gap_start=T9, gap_end=T9, exercise="x", kind="k", outcome="skipped")
        )


def test_a_corrupt_file_is_not_written_and_is_left_alone(db: Path) -> None:
    junk = random.Random(8).randbytes(8192)
    db.write_bytes(junk)
    with open_store(db) as store:
        assert_unwritable(store, db, "not a database")
        assert store.records(DAY, DAY) == []
    assert db.read_bytes() == junk


def test_a_locked_database_is_read_and_written_once_the_lock_goes(db: Path) -> None:
    with open_store(db) as store:
        store.record(
            ResetEntry(gap_start=T9, gap_end=T9, exercise="kept", kind="k", outcome="missed")
        )
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        store = open_store(db, busy_timeout=0.05)
        assert_unwritable(store, db, "locked")
        assert store.records(DAY, DAY)[0].exercise == "kept"  # WAL readers still read
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert raw_outcomes(db) == ["missed"]
    store.record(ResetEntry(gap_start=T9, gap_end=T9, exercise="later", kind="k", outcome="done"))
    assert store.writable and store.problem is None
    assert [r.exercise for r in store.records(DAY, DAY)] == ["kept", "later"]
    store.close()


def test_a_locked_rollback_journal_database_is_not_written(db: Path) -> None:
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("CREATE TABLE other (x)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with open_store(db, busy_timeout=0.05) as store:
            assert_unwritable(store, db, "locked")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_an_unusable_directory_is_not_written(data_dir: Path) -> None:
    blocker = data_dir / "not-a-dir"
    blocker.write_text("")
    db = blocker / "log.sqlite3"
    with open_store(db) as store:
        assert_unwritable(store, db, "")
        assert store.records(DAY, DAY) == []
    assert not blocker.is_dir()


def test_a_write_failure_after_open_raises_and_the_next_write_heals(db: Path) -> None:
    store = open_store(db)
    rid = begin(store)
    assert store._conn is not None
    store._conn.execute("PRAGMA query_only = ON")  # the file stops taking writes
    with pytest.raises(LogWriteError, match="could not be written"):
        store.finish(rid, outcome="done", ended_at=T9 + timedelta(minutes=3))
    assert not store.writable
    assert "could not be written" in (store.warning or "")
    # the next write opens the file afresh: it takes writes again
    store.finish(rid, outcome="done", ended_at=T9 + timedelta(minutes=3))
    store.record(
        ResetEntry(gap_start=T9, gap_end=T9, exercise="later", kind="k", outcome="skipped")
    )
    assert store.writable and store.warning is None
    recs = store.records(DAY, DAY)
    assert [(r.exercise, r.outcome) for r in recs] == [
        ("later", "skipped"),
        ("box-breathing", "done"),
    ]
    assert recs[1].id == rid
    store.close()


def test_read_only_open_never_creates_or_migrates(db: Path) -> None:
    with open_store(db, read_only=True) as store:
        assert store.records(DAY, DAY) == []
        assert store.warning is None
    assert not db.exists()
    with sqlite3.connect(db) as conn:
        conn.executescript(V1_SCHEMA)
    with open_store(db, read_only=True) as store:
        assert [r.outcome for r in store.records(DAY, DAY)] == ["done", "partial"]
    assert "proc_start" not in columns(db)
    db.write_bytes(b"garbage" * 100)
    with open_store(db, read_only=True) as store:
        assert store.warning == f"The reset log at {db} could not be read (file is not a database)."
        assert store.records(DAY, DAY) == []


# --------------------------------------------------------------------------- privacy


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_file_is_0600(db: Path) -> None:
    old = os.umask(0o022)
    try:
        with open_store(db) as store:
            begin(store)
            assert mode(db) == 0o600
            assert mode(Path(f"{db}-wal")) == 0o600
    finally:
        os.umask(old)


def test_an_existing_laxer_file_is_tightened(db: Path) -> None:
    open_store(db).close()
    os.chmod(db, 0o644)
    open_store(db).close()
    assert mode(db) == 0o600


LABEL_WORDS = ("label", "summary", "name", "title", "client", "url", "uid", "description", "note")


def test_the_api_and_schema_have_no_place_for_labels(db: Path) -> None:
    for method in (LogStore.begin, LogStore.finish, LogStore.record):
        params = set(inspect.signature(method).parameters)
        assert not {p for p in params if any(w in p for w in LABEL_WORDS)}, method
    fields = {f.name for f in dataclasses.fields(LogRecord)}
    assert fields == set(log_records.JSON_KEYS) | {"id", "slot_at"}  # slot_at: a time
    open_store(db).close()
    assert columns(db) == set(log_records.JSON_KEYS) | {
        "id",
        "pid",
        "proc_start",
        "slot",
        "slot_at",
        "created",
    }


def test_labels_of_the_day_never_reach_the_file(db: Path) -> None:
    sessions = [
        Session(T9, T9 + timedelta(minutes=50), label="Jane Q. Client"),
        Session(T9 + timedelta(hours=1), T9 + timedelta(hours=2), label="https://ehr/uid-7731"),
    ]
    with open_store(db) as store:
        gap_start, gap_end = sessions[0].end, sessions[1].start
        rid = store.begin(
            ResetEntry(
                gap_start=gap_start,
                gap_end=gap_end,
                exercise="box-breathing",
                kind="breathing",
                started_at=gap_start,
                before=7,
            )
        )
        store.finish(rid, outcome="done", ended_at=gap_end, after=4)
        raw = b"".join(p.read_bytes() for p in db.parent.glob(f"{db.name}*"))
        shown = repr(store.records(DAY, DAY))
    assert b"box-breathing" in raw  # the grep can see what was written
    for s in sessions:
        assert s.label is not None
        assert s.label.encode() not in raw
        assert s.label.split()[0].encode() not in raw
    assert "box-breathing" in shown and "Jane" not in shown


# --------------------------------------------------------------------------- foreign rows

FOREIGN_ROWS = [
    ("not-a-date", "2026-11-24T09:00:00-05:00", "2026-11-24T09:10:00-05:00", "done"),
    ("2026-11-24", "09:00", "2026-11-24T09:10:00-05:00", "done"),  # no date, no offset
    ("2026-11-24", "2026-11-24T09:00:00-05:00", "2026-11-24T09:10:00-05:00", "exploded"),
    ("2026-11-24", "2026-11-24T09:00:00-05:00", "2026-11-24T09:10:00-05:00", 7),
]


def write_foreign_rows(db: Path) -> None:
    with open_store(db) as store:
        store.record(
            ResetEntry(gap_start=T9, gap_end=T9, exercise="ours", kind="k", outcome="done")
        )
    with sqlite3.connect(db) as conn:
        for day, gs, ge, outcome in FOREIGN_ROWS:
            conn.execute(
                "INSERT INTO resets (date, gap_start, gap_end, exercise, kind, outcome, created)"
                " VALUES (?, ?, ?, 'x', 'k', ?, 'now')",
                (day, gs, ge, outcome),
            )
        conn.execute(
            "INSERT INTO resets (date, gap_start, gap_end, exercise, kind, outcome, before,"
            " created) VALUES ('2026-11-24', ?, ?, 'x', 'k', 'done', 'six', 'now')",
            ("2026-11-24T09:00:00-05:00", "2026-11-24T09:10:00-05:00"),
        )


def test_rows_groundtui_did_not_write_are_skipped_with_one_note(db: Path) -> None:
    write_foreign_rows(db)
    with open_store(db) as store:
        assert [r.exercise for r in store.records(DAY, DAY)] == ["ours"]
        assert store.notes == [
            "Skipped 4 rows in the reset log that groundtui did not write"
            " (a bad date, outcome or number)."
        ]
        assert store.problem is None


def test_log_and_status_show_the_rest_and_warn_once(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from groundtui.cli import run

    write_foreign_rows(db)
    zone = ["--tz", "America/New_York"]
    assert run(["log", "--date", "2026-11-24", "--format", "json", *zone]) == 0
    out, err = capsys.readouterr()
    assert '"ours"' in out
    assert err.count("\n") == 1 and "Skipped 4 rows" in err
    assert run(["status", *zone, "--now", "2026-11-24T18:00"]) == 0
    out, err = capsys.readouterr()
    assert out.count("\n") == 1 and "Skipped 4 rows" in err


def test_status_says_on_stderr_when_the_log_cannot_be_read(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from groundtui.cli import run

    db.write_bytes(b"garbage" * 1000)
    assert run(["status", "--tz", "America/New_York", "--now", "2026-11-24T18:00"]) == 0
    out, err = capsys.readouterr()
    assert out.count("\n") == 1
    warnings = [line for line in err.splitlines() if "warning" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith("groundtui: warning: The reset log at")
    assert "could not be read" in warnings[0]
