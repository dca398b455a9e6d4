"""The reset log: one SQLite row per offered reset, written when it starts and when it ends.

The file lives at ``paths.log_db_path()`` (mode 0600, WAL, a ``schema_version`` table with
migrations). It holds no labels, summaries, URLs or UIDs: only the fields of ``LogRecord``
plus an internal id, the writer's pid and process start marker, and the row's creation time.
Opening never raises: a corrupt, locked or unwritable file gives a store that keeps today's
resets in memory and says so in ``warning``, so the app keeps running.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any, TypeVar

OUTCOMES = ("done", "partial", "skipped", "missed")
"""The outcomes a reader sees (the contract's words)."""

RUNNING = "running"
"""Stored while a reset is under way; read back as ``partial``."""

OUTCOME_WORDS = {
    "done": "done",
    "partial": "partly done",
    "skipped": "skipped",
    "missed": "passed by",
}
"""Calm words for each outcome, shared by the CLI table and the log screen."""

OUTCOME_GLYPHS = {"done": "●", "partial": "◐", "skipped": "○", "missed": "·"}
"""One-character marks for each outcome."""

SCHEMA_VERSION = 2
"""The schema this code writes; older files are migrated on open."""

STALE_AFTER = timedelta(hours=12)
"""A 'running' row older than this is partial whatever its process is doing."""

DEFAULT_BUSY_TIMEOUT = 5.0
"""Seconds to wait for another groundtui's write lock before giving up."""

_MEMORY_ID_BASE = 1_000_000_000_000
"""Ids of rows kept in memory start here, so they never clash with the file's."""

# --------------------------------------------------------------------------- schema

_V1 = (
    "CREATE TABLE schema_version (version INTEGER NOT NULL)",
    """CREATE TABLE resets (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        date        TEXT NOT NULL,
        gap_start   TEXT NOT NULL,
        gap_end     TEXT NOT NULL,
        exercise    TEXT NOT NULL,
        kind        TEXT NOT NULL,
        outcome     TEXT NOT NULL,
        started_at  TEXT,
        ended_at    TEXT,
        before      INTEGER,
        after       INTEGER,
        pid         INTEGER,
        created     TEXT NOT NULL
    )""",
)
"""v1: the reset rows (times as ISO 8601 with UTC offset; date = local date of gap start)."""

_V2 = (
    "ALTER TABLE resets ADD COLUMN proc_start TEXT",
    "CREATE INDEX IF NOT EXISTS resets_by_day ON resets (date, gap_start, started_at)",
    "CREATE INDEX IF NOT EXISTS resets_running ON resets (outcome) WHERE outcome = 'running'",
)
"""v2: a process start marker (tells a reused pid from the writer) and lookup indexes."""

MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = ((1, _V1), (2, _V2))
"""(version, statements) in order; each step runs in the opening transaction."""

_COLUMNS = (
    "id, date, gap_start, gap_end, exercise, kind, outcome, started_at, ended_at, before, after"
)


class _NewerSchemaError(Exception):
    """The file was written by a newer groundtui; we must not write to it."""


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class LogRecord:
    """One offered reset and what became of it. No label field exists, by design."""

    date: date
    """Local date of the gap's start."""
    gap_start: datetime
    gap_end: datetime
    exercise: str
    """Exercise id, e.g. 'box-breathing'."""
    kind: str
    outcome: str
    """One of OUTCOMES ('running' rows read back as 'partial')."""
    started_at: datetime | None
    ended_at: datetime | None
    before: int | None
    """Check-in rating 0–10 before the reset, or None."""
    after: int | None
    """Check-in rating 0–10 after the reset, or None."""
    id: int = 0

    @property
    def minutes(self) -> float:
        """Minutes spent in the reset (0 when it never started or has no end)."""
        if self.started_at is None or self.ended_at is None:
            return 0.0
        return max(0.0, (self.ended_at - self.started_at).total_seconds() / 60)

    @property
    def when(self) -> datetime:
        """The moment to show for this row: when it started, else when its gap began."""
        return self.started_at or self.gap_start

    def in_zone(self, tz: tzinfo) -> LogRecord:
        """The same record with its times shown in ``tz`` (the date stays as recorded)."""
        return dataclasses.replace(
            self,
            gap_start=self.gap_start.astimezone(tz),
            gap_end=self.gap_end.astimezone(tz),
            started_at=self.started_at.astimezone(tz) if self.started_at else None,
            ended_at=self.ended_at.astimezone(tz) if self.ended_at else None,
        )

    def checkin_text(self) -> str:
        """The check-in change for display: '6 → 3', '6 →', '→ 3' or ''."""
        if self.before is None and self.after is None:
            return ""
        before = "" if self.before is None else str(self.before)
        after = "" if self.after is None else str(self.after)
        return f"{before} → {after}".strip()

    def to_json(self, tz: tzinfo | None = None) -> dict[str, Any]:
        """The contract's record shape (ISO strings with UTC offset, or null), times in ``tz``."""

        def iso(t: datetime | None) -> str | None:
            if t is None:
                return None
            return (t.astimezone(tz) if tz is not None else t).isoformat()

        return {
            "date": self.date.isoformat(),
            "gap_start": iso(self.gap_start),
            "gap_end": iso(self.gap_end),
            "exercise": self.exercise,
            "kind": self.kind,
            "outcome": self.outcome,
            "started_at": iso(self.started_at),
            "ended_at": iso(self.ended_at),
            "before": self.before,
            "after": self.after,
        }


JSON_KEYS = (
    "date",
    "gap_start",
    "gap_end",
    "exercise",
    "kind",
    "outcome",
    "started_at",
    "ended_at",
    "before",
    "after",
)
"""The keys of ``LogRecord.to_json()``, in order (also the CSV header)."""


def _records_from_rows(rows: Iterable[Sequence[Any]]) -> list[LogRecord]:
    """Rows (in ``_COLUMNS`` order) to records; 'running' reads back as 'partial'.

    The hot path of a 10-year read: one ``date`` per day is shared, and each record's
    attributes are set in one go rather than one by one through the frozen ``__init__``.
    """
    parse = datetime.fromisoformat
    days: dict[str, date] = {}
    new = object.__new__
    set_attr = object.__setattr__
    out: list[LogRecord] = []
    for rid, day, gs, ge, ex, kind, outcome, sa, ea, before, after in rows:
        d = days.get(day)
        if d is None:
            d = days[day] = date.fromisoformat(day)
        record = new(LogRecord)
        set_attr(
            record,
            "__dict__",
            {
                "date": d,
                "gap_start": parse(gs),
                "gap_end": parse(ge),
                "exercise": ex,
                "kind": kind,
                "outcome": "partial" if outcome == RUNNING else outcome,
                "started_at": parse(sa) if sa else None,
                "ended_at": parse(ea) if ea else None,
                "before": before,
                "after": after,
                "id": rid,
            },
        )
        out.append(record)
    return out


def _in_instant_order(records: Sequence[LogRecord]) -> bool:
    """Whether records in wall-clock order (as SQLite returns them) are in instant order too.

    With one UTC offset, ISO text order is instant order; only neighbours whose offsets
    differ (a DST switch, travel) need a real comparison. Ties across offsets count as out of
    order, so the full sort settles them.
    """
    prev: datetime | None = None
    for r in records:
        start = r.gap_start
        if prev is not None and prev.tzinfo != start.tzinfo and prev >= start:
            return False
        prev = start
    return True


def _sort_key(r: LogRecord) -> tuple[datetime, bool, datetime, int]:
    return (r.gap_start, r.started_at is not None, r.started_at or r.gap_start, r.id)


# --------------------------------------------------------------------------- summaries


@dataclass(frozen=True)
class LogSummaryInput:
    """What the day's plan adds to the log summary: its gaps and back-to-back session runs."""

    gaps: int = 0
    back_to_back_runs: int = 0


@dataclass(frozen=True)
class DaySummary:
    """Counts by outcome, minutes given to resets and the check-in change, for some records."""

    total: int = 0
    done: int = 0
    partial: int = 0
    skipped: int = 0
    missed: int = 0
    minutes: float = 0.0
    rated: int = 0
    """Records with both a before and an after rating."""
    average_before: float | None = None
    average_after: float | None = None
    gaps: int | None = None
    """Gaps in the day's plan, when known."""
    back_to_back_runs: int | None = None
    """Runs of back-to-back sessions in the day's plan, when known."""

    @classmethod
    def of(cls, records: Iterable[LogRecord], plan: LogSummaryInput | None = None) -> DaySummary:
        """Summarise ``records`` (and what ``plan`` knows about the day).

        ``plan`` may be any object with ``gaps`` and ``back_to_back_runs`` ints.
        """
        items = list(records)
        counts = {o: 0 for o in OUTCOMES}
        for r in items:
            counts[r.outcome if r.outcome in counts else "partial"] += 1
        rated = [r for r in items if r.before is not None and r.after is not None]
        return cls(
            total=len(items),
            minutes=sum(r.minutes for r in items),
            rated=len(rated),
            average_before=(sum(r.before or 0 for r in rated) / len(rated)) if rated else None,
            average_after=(sum(r.after or 0 for r in rated) / len(rated)) if rated else None,
            gaps=getattr(plan, "gaps", None),
            back_to_back_runs=getattr(plan, "back_to_back_runs", None),
            **counts,
        )

    def count(self, outcome: str) -> int:
        """How many records had ``outcome``."""
        return int(getattr(self, outcome)) if outcome in OUTCOMES else 0

    @property
    def average_change(self) -> float | None:
        """Mean of (after - before) over rated records, or None."""
        if self.average_before is None or self.average_after is None:
            return None
        return self.average_after - self.average_before

    def parts(self) -> list[str]:
        """The pieces of ``line()``: ['4 resets', '3 done', '1 skipped', '11 min for yourself']."""
        parts = [f"{self.total} reset{'' if self.total == 1 else 's'}"]
        parts += [f"{self.count(o)} {OUTCOME_WORDS[o]}" for o in OUTCOMES if self.count(o)]
        if self.minutes > 0:
            parts.append(f"{format_minutes(self.minutes)} for yourself")
        return parts

    def line(self) -> str:
        """One kind line, e.g. '4 resets · 3 done · 1 skipped · 11 min for yourself'."""
        return " · ".join(self.parts())

    def checkin_line(self) -> str | None:
        """'average activation 6.0 → 3.5 (0–10, 2 rated)', or None when nothing was rated.

        It names the scale and no more: a lower number is not always better (numbness is low).
        """
        if self.average_before is None or self.average_after is None:
            return None
        return (
            f"average activation {self.average_before:.1f} → {self.average_after:.1f}"
            f" (0–10, {self.rated} rated)"
        )


def format_minutes(minutes: float) -> str:
    """'11 min', or '<1 min' for a few seconds."""
    if 0 < minutes < 0.5:
        return "<1 min"
    return f"{round(minutes)} min"


@dataclass(frozen=True)
class DayTotals:
    """One day of the log at a glance (the 14-day strip and the week view)."""

    date: date
    offered: int
    done: int
    minutes: float


def daily_totals(records: Iterable[LogRecord], since: date, until: date) -> list[DayTotals]:
    """One ``DayTotals`` per date in ``[since, until]``, empty days included."""
    by_day: dict[date, list[LogRecord]] = {}
    for r in records:
        by_day.setdefault(r.date, []).append(r)
    out: list[DayTotals] = []
    day = since
    while day <= until:
        items = by_day.get(day, [])
        out.append(
            DayTotals(
                date=day,
                offered=len(items),
                done=sum(1 for r in items if r.outcome == "done"),
                minutes=sum(r.minutes for r in items),
            )
        )
        day += timedelta(days=1)
    return out


# --------------------------------------------------------------------------- processes


@functools.cache
def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


def _proc_stat(pid: int) -> tuple[str, str] | None:
    """(state, start time in clock ticks) of a Linux process, or None where unknown."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text.rpartition(")")[2].split()
    if len(fields) < 20:
        return None
    return fields[0], fields[19]


def process_marker(pid: int) -> str | None:
    """A token that differs when a pid is reused (boot id + start time; Linux only)."""
    stat = _proc_stat(pid)
    if stat is None:
        return None
    return f"{_boot_id()}:{stat[1]}"


def _writer_alive(pid: int | None, marker: str | None) -> bool:
    """Whether the process that wrote a 'running' row may still be running it."""
    if pid is None:
        return False
    if pid == os.getpid():
        return marker is None or marker == process_marker(pid)
    if sys.platform == "win32":  # signal 0 means CTRL_C_EVENT there; the 12 h rule cleans up
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    except OSError:
        return True
    stat = _proc_stat(pid)
    if stat is not None:
        state, start = stat
        if state in ("Z", "X"):
            return False
        if marker is not None and marker != f"{_boot_id()}:{start}":
            return False
    return True


# --------------------------------------------------------------------------- the store


def _iso(value: datetime, name: str) -> str:
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime")
    return value.isoformat()


def _opt_iso(value: datetime | None, name: str) -> str | None:
    return None if value is None else _iso(value, name)


def _rating(value: int | None, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValueError(f"{name} must be an int from 0 to 10, or None")
    return value


def _word(value: str, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty string")
    return value


def _utcnow() -> datetime:
    from groundtui.clock import SystemClock

    return SystemClock(UTC).now()


def _reason(err: BaseException) -> str:
    text = " ".join(str(err).split()) or type(err).__name__
    if isinstance(err, OSError) and err.strerror:
        text = err.strerror.lower()
    return text


_T = TypeVar("_T")


class LogStore:
    """The reset log. Safe to call from any thread; every write is its own commit."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        path: Path | None,
        read_only: bool = False,
        warning: str | None = None,
        history: sqlite3.Connection | None = None,
    ) -> None:
        self.path = path
        """The database file, or None for a store that only ever lived in memory."""
        self.read_only = read_only
        """True when writes do not reach ``path`` (they are kept in memory, if anywhere)."""
        self.warning = warning
        """One line for the user when the log is degraded, else None."""
        self._conn = conn
        self._history = history
        self._lock = threading.RLock()
        self._closed = False

    # ---------------------------------------------------------------- writing

    def begin(
        self,
        *,
        gap_start: datetime,
        gap_end: datetime,
        exercise: str,
        kind: str,
        started_at: datetime,
        before: int | None = None,
    ) -> int:
        """Log a reset as it starts (outcome 'running', read back as 'partial'); returns its id."""
        values = self._row_values(
            gap_start=gap_start,
            gap_end=gap_end,
            exercise=exercise,
            kind=kind,
            outcome=RUNNING,
            started_at=_iso(started_at, "started_at"),
            ended_at=None,
            before=before,
            after=None,
        )
        pid = os.getpid()
        return self._write(lambda c: self._insert(c, values, pid, process_marker(pid)))

    def finish(
        self,
        record_id: int,
        *,
        outcome: str,
        ended_at: datetime,
        after: int | None = None,
        before: int | None = None,
    ) -> None:
        """Close a reset begun with ``begin()``: outcome, end time, after-rating.

        ``before`` fills in a before-rating given late; None keeps the one from ``begin()``.
        """
        if outcome not in OUTCOMES:
            raise ValueError(f"outcome must be one of {', '.join(OUTCOMES)}")
        args = (
            outcome,
            _iso(ended_at, "ended_at"),
            _rating(after, "after"),
            _rating(before, "before"),
            record_id,
        )

        def update(conn: sqlite3.Connection) -> None:
            if self.read_only:
                self._adopt(conn, record_id)
            conn.execute(
                "UPDATE resets SET outcome = ?, ended_at = ?, after = ?,"
                " before = COALESCE(?, before) WHERE id = ?",
                args,
            )

        self._write(update)

    def record(
        self,
        *,
        gap_start: datetime,
        gap_end: datetime,
        exercise: str,
        kind: str,
        outcome: str,
        started_at: datetime | None = None,
        ended_at: datetime | None = None,
        before: int | None = None,
        after: int | None = None,
    ) -> int:
        """Log a finished reset in one go (typically 'skipped' or 'missed'); returns its id."""
        if outcome not in OUTCOMES:
            raise ValueError(f"outcome must be one of {', '.join(OUTCOMES)}")
        values = self._row_values(
            gap_start=gap_start,
            gap_end=gap_end,
            exercise=exercise,
            kind=kind,
            outcome=outcome,
            started_at=_opt_iso(started_at, "started_at"),
            ended_at=_opt_iso(ended_at, "ended_at"),
            before=before,
            after=after,
        )
        return self._write(lambda c: self._insert(c, values, None, None))

    @staticmethod
    def _row_values(
        *,
        gap_start: datetime,
        gap_end: datetime,
        exercise: str,
        kind: str,
        outcome: str,
        started_at: str | None,
        ended_at: str | None,
        before: int | None,
        after: int | None,
    ) -> tuple[Any, ...]:
        gs = _iso(gap_start, "gap_start")
        return (
            gap_start.date().isoformat(),
            gs,
            _iso(gap_end, "gap_end"),
            _word(exercise, "exercise"),
            _word(kind, "kind"),
            outcome,
            started_at,
            ended_at,
            _rating(before, "before"),
            _rating(after, "after"),
        )

    @staticmethod
    def _insert(
        conn: sqlite3.Connection, values: tuple[Any, ...], pid: int | None, marker: str | None
    ) -> int:
        cur = conn.execute(
            "INSERT INTO resets (date, gap_start, gap_end, exercise, kind, outcome, started_at,"
            " ended_at, before, after, pid, proc_start, created)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*values, pid, marker, _utcnow().isoformat()),
        )
        return int(cur.lastrowid or 0)

    def _adopt(self, conn: sqlite3.Connection, record_id: int) -> None:
        """Degraded: copy a row begun in the file into memory so its finish is kept."""
        if (
            self._history is None
            or conn.execute("SELECT 1 FROM resets WHERE id = ?", (record_id,)).fetchone()
        ):
            return
        try:
            row = self._history.execute(
                "SELECT id, date, gap_start, gap_end, exercise, kind, outcome, started_at,"
                " ended_at, before, after, pid, created FROM resets WHERE id = ?",
                (record_id,),
            ).fetchone()
        except sqlite3.Error:
            return
        if row is not None:
            conn.execute(
                "INSERT INTO resets (id, date, gap_start, gap_end, exercise, kind, outcome,"
                " started_at, ended_at, before, after, pid, created)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )

    def _write(self, fn: Callable[[sqlite3.Connection], _T]) -> _T:
        with self._lock:
            if self._closed:
                raise ValueError("the reset log is closed")
            try:
                return _transaction(self._conn, fn)
            except sqlite3.Error as err:
                if self.read_only:
                    raise
                self._degrade("could not be written", err)
                return _transaction(self._conn, fn)

    def _degrade(self, what: str, err: BaseException) -> None:
        """Switch writes to memory, keeping the file (if still readable) as history."""
        self._history = self._conn
        self._conn = _memory_connection()
        self.read_only = True
        self.warning = _warning(self.path, what, err)

    # ---------------------------------------------------------------- reading

    def records(self, since: date, until: date) -> list[LogRecord]:
        """Records whose date is in ``[since, until]``, ordered by gap start, start, id."""
        if since > until:
            return []
        # The index hands rows over in local wall-clock order; see _in_instant_order.
        query = (
            f"SELECT {_COLUMNS} FROM resets WHERE date BETWEEN ? AND ?"
            " ORDER BY date, gap_start, started_at, id"
        )
        args = (since.isoformat(), until.isoformat())
        with self._lock:
            if self._closed:
                raise ValueError("the reset log is closed")
            found: list[LogRecord] = []
            if self._history is not None:
                try:
                    found = _records_from_rows(self._history.execute(query, args).fetchall())
                except sqlite3.Error as err:
                    self.warning = self.warning or _warning(self.path, "could not be read", err)
            try:
                rows = self._conn.execute(query, args).fetchall()
            except sqlite3.Error as err:
                if self.read_only:
                    self.warning = self.warning or _warning(self.path, "could not be read", err)
                    rows = []
                else:
                    self._degrade("could not be read", err)
                    return self.records(since, until)
            mine = _records_from_rows(rows)
        if found and mine:
            ids = {r.id for r in mine}  # degraded: rows kept in memory win over the file's copies
            mine = [r for r in found if r.id not in ids] + mine
            mine.sort(key=_sort_key)
            return mine
        result = found or mine
        if not _in_instant_order(result):
            result.sort(key=_sort_key)
        return result

    # ---------------------------------------------------------------- lifetime

    def close(self) -> None:
        """Close the database (idempotent)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            for conn in (self._conn, self._history):
                if conn is not None:
                    with contextlib.suppress(sqlite3.Error):
                        conn.close()

    def __enter__(self) -> LogStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --------------------------------------------------------------------------- opening


def _transaction(conn: sqlite3.Connection, fn: Callable[[sqlite3.Connection], _T]) -> _T:
    """Run ``fn`` in one immediate (write-locking) transaction and commit it."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        result = fn(conn)
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return result


def schema_version(conn: sqlite3.Connection) -> int:
    """The version recorded in ``schema_version`` (0 for a new, empty database)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not exists:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to ``SCHEMA_VERSION`` (inside the caller's transaction)."""
    version = schema_version(conn)
    if version > SCHEMA_VERSION:
        raise _NewerSchemaError(f"written by a newer groundtui (schema {version})")
    if version == SCHEMA_VERSION:
        return version
    for target, statements in MIGRATIONS:
        if version < target:
            for statement in statements:
                conn.execute(statement)
            version = target
    conn.execute("DELETE FROM schema_version")
    conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
    return version


def sweep_running(conn: sqlite3.Connection, now: datetime) -> int:
    """Mark 'running' rows whose process is gone (or older than 12 h) 'partial'; returns count."""
    rows = conn.execute(
        "SELECT id, pid, proc_start, created FROM resets WHERE outcome = ?", (RUNNING,)
    ).fetchall()
    gone: list[int] = []
    for rid, pid, marker, created in rows:
        try:
            stale = now - datetime.fromisoformat(created) > STALE_AFTER
        except (TypeError, ValueError):
            stale = True
        if stale or not _writer_alive(pid, marker):
            gone.append(rid)
    conn.executemany(
        "UPDATE resets SET outcome = 'partial' WHERE id = ? AND outcome = ?",
        [(rid, RUNNING) for rid in gone],
    )
    return len(gone)


def _memory_connection() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    _transaction(conn, migrate)
    conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('resets', ?)", (_MEMORY_ID_BASE,))
    return conn


def _warning(path: Path | None, what: str, err: BaseException) -> str:
    return (
        f"The reset log at {path} {what} ({_reason(err)}); today's resets are kept in memory only."
    )


def _secure_file(path: Path) -> None:
    """Create the database file 0600 (before SQLite does, with a laxer mode) or tighten it."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(FileNotFoundError):
            if p.stat().st_mode & 0o777 != 0o600:
                os.chmod(p, 0o600)


def _connect_file(path: Path, busy_timeout: float) -> sqlite3.Connection:
    conn = sqlite3.connect(
        path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        _use_wal(conn, busy_timeout)
        conn.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return conn


def _use_wal(conn: sqlite3.Connection, busy_timeout: float) -> None:
    """Switch to WAL. SQLite skips the busy handler here, so a second instance creating the
    file at the same moment gets 'locked' at once: retry until ``busy_timeout`` is spent."""
    deadline = time.monotonic() + busy_timeout
    pause = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) and "busy" not in str(err):
                raise
            if time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def _connect_read_only(path: Path, busy_timeout: float) -> sqlite3.Connection:
    import urllib.parse

    uri = "file:" + urllib.parse.quote(str(path.absolute())) + "?mode=ro"
    conn = sqlite3.connect(
        uri, uri=True, timeout=busy_timeout, isolation_level=None, check_same_thread=False
    )
    try:
        conn.execute(f"SELECT {_COLUMNS} FROM resets LIMIT 1").fetchall()
    except BaseException:
        conn.close()
        raise
    return conn


def open_store(
    path: Path | None = None,
    *,
    now: datetime | None = None,
    read_only: bool = False,
    busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
) -> LogStore:
    """Open the reset log at ``path`` (default ``paths.log_db_path()``). Never raises.

    ``now`` is the real current time (for the 12 h rule; tests pass one). ``read_only``
    opens an existing file for reading only (no create, no migration), as ``groundtui log``
    does. When the file cannot be used the store keeps its writes in memory and sets
    ``warning``; the file is left untouched.
    """
    if path is None:
        from groundtui.paths import log_db_path

        path = log_db_path()
    path = Path(path)
    if read_only:
        return _open_read_only(path, busy_timeout)
    now = now or _utcnow()
    if now.utcoffset() is None:
        now = now.astimezone()
    conn: sqlite3.Connection | None = None
    try:
        _secure_file(path)
        conn = _connect_file(path, busy_timeout)
        _transaction(conn, lambda c: (migrate(c), sweep_running(c, now)))
        _secure_file(path)
    except (sqlite3.Error, OSError, _NewerSchemaError) as err:
        if conn is not None:
            conn.close()
        history = None
        with contextlib.suppress(sqlite3.Error, OSError):
            if path.is_file():
                history = _connect_read_only(path, busy_timeout)
        return LogStore(
            _memory_connection(),
            path=path,
            read_only=True,
            warning=_warning(path, "could not be opened", err),
            history=history,
        )
    return LogStore(conn, path=path)


def _open_read_only(path: Path, busy_timeout: float) -> LogStore:
    """Reads come from the file; anything written goes to memory. A missing file is empty."""
    memory = _memory_connection()
    if not path.exists():
        return LogStore(memory, path=path, read_only=True)
    try:
        history = _connect_read_only(path, busy_timeout)
    except (sqlite3.Error, OSError) as err:
        warning = f"The reset log at {path} could not be read ({_reason(err)})."
        return LogStore(memory, path=path, read_only=True, warning=warning)
    return LogStore(memory, path=path, read_only=True, history=history)


def memory_store() -> LogStore:
    """A store that lives in memory only (demo days and tests); no warning."""
    return LogStore(_memory_connection(), path=None)
