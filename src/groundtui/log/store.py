"""The reset log store: one SQLite row per offered reset, written when it starts and when it ends.

The file lives at ``paths.log_db_path()`` (mode 0600, WAL, a ``schema_version`` table with
migrations; see ``open.py``). It holds no labels, summaries, URLs or UIDs: only the fields of
``LogRecord`` plus an internal id, the writer's pid and process start marker, the offer's slot
and the row's creation time.

A write that cannot reach the file raises ``LogWriteError`` (one line) and is never kept here:
the caller keeps it and tries again (``QueuedLog``). The next write opens the file afresh, so
a full disk that is cleared, or a lock that is let go, heals by itself.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from groundtui.log.liveness import process_marker
from groundtui.log.records import (
    NOT_LOGGED,
    RUNNING,
    LogRecord,
    LogWriteError,
    ResetEntry,
    in_order,
    outcome_of,
    rating,
    reason,
)
from groundtui.log.rows import COLUMNS, SLOT_AT, records_from_rows, skipped_note
from groundtui.log.schema import NewerSchemaError, transaction

if TYPE_CHECKING:
    from groundtui.log.open import FileOpener

_T = TypeVar("_T")

_INSERT = (
    "INSERT INTO resets (date, gap_start, gap_end, exercise, kind, outcome, started_at,"
    " ended_at, before, after, pid, proc_start, slot, slot_at, created)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (slot) WHERE slot IS NOT NULL DO NOTHING"
)
"""One row; a slot already logged (by another window) is left as it is."""


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _utcnow() -> datetime:
    from groundtui.clock import SystemClock

    return SystemClock(UTC).now()


def slot_key(entry: ResetEntry) -> str | None:
    """The row's unique slot: the gap's end as a UTC instant (the same from any zone) and the
    offer's place in it; None for a reset the user picked themselves."""
    if entry.slot is None:
        return None
    return f"{entry.gap_end.astimezone(UTC).isoformat()} {entry.slot}"


def _read_columns(conn: sqlite3.Connection) -> str:
    """``COLUMNS``, and ``slot_at`` where the file has it (an older file read without
    migrating it: read-only, or written by a newer groundtui, has its own columns)."""
    names = {row[1] for row in conn.execute("PRAGMA table_info(resets)")}
    return f"{COLUMNS}, {SLOT_AT}" if SLOT_AT in names else COLUMNS


class LogStore:
    """The reset log. Safe to call from any thread; every write is its own commit."""

    def __init__(
        self,
        conn: sqlite3.Connection | None,
        *,
        path: Path | None,
        opener: FileOpener | None = None,
        reader: sqlite3.Connection | None = None,
        read_only: bool = False,
        problem: str | None = None,
    ) -> None:
        self.path = path
        """The database file, or None for a store that only ever lived in memory."""
        self.read_only = read_only
        """Opened for reading only (``groundtui log``): every write is refused."""
        self.problem = problem
        """One line when the file cannot be opened, read or written, else None."""
        self.notes: list[str] = []
        """Lines about a log that reads fine (rows left out, a read-only folder)."""
        self._conn = conn
        self._reader = reader
        self._opener = opener
        self._lock = threading.RLock()
        self._closed = False

    @property
    def warning(self) -> str | None:
        """Everything the user should know about the log, on one line, or None."""
        lines = ([self.problem] if self.problem else []) + self.notes
        return " ".join(lines) if lines else None

    @property
    def writable(self) -> bool:
        """Whether the last write (or the opening) reached the file."""
        return self._conn is not None

    # ---------------------------------------------------------------- writing

    def begin(self, entry: ResetEntry) -> int:
        """Log a reset as it starts (outcome 'running', read back as 'partial'); returns its id,
        or ``NOT_LOGGED`` when its slot is already in the log."""
        if entry.started_at is None:
            raise ValueError("started_at must be a timezone-aware datetime")
        pid = os.getpid()
        values = self._values(entry, RUNNING, pid, process_marker(pid))
        return self._write(lambda c: self._insert(c, values))

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
        if not isinstance(ended_at, datetime) or ended_at.utcoffset() is None:
            raise ValueError("ended_at must be a timezone-aware datetime")
        args = (
            outcome_of(outcome).value,
            ended_at.isoformat(),
            rating(after, "after"),
            rating(before, "before"),
            record_id,
        )
        if record_id == NOT_LOGGED:
            return
        self._write(
            lambda c: c.execute(
                "UPDATE resets SET outcome = ?, ended_at = ?, after = ?,"
                " before = COALESCE(?, before) WHERE id = ?",
                args,
            )
        )

    def record(self, entry: ResetEntry) -> int:
        """Log a finished reset in one go (skipped, missed, marked done); returns its id, or
        ``NOT_LOGGED`` when its slot is already in the log."""
        if entry.outcome is None:
            raise ValueError("a recorded reset needs its outcome")
        values = self._values(entry, entry.outcome.value, None, None)
        return self._write(lambda c: self._insert(c, values))

    @staticmethod
    def _values(
        entry: ResetEntry, outcome: str, pid: int | None, marker: str | None
    ) -> tuple[Any, ...]:
        return (
            entry.date.isoformat(),
            entry.gap_start.isoformat(),
            entry.gap_end.isoformat(),
            entry.exercise,
            entry.kind,
            outcome,
            _iso(entry.started_at),
            _iso(entry.ended_at),
            entry.before,
            entry.after,
            pid,
            marker,
            slot_key(entry),
            _iso(entry.slot_at),
        )

    @staticmethod
    def _insert(conn: sqlite3.Connection, values: tuple[Any, ...]) -> int:
        cur = conn.execute(_INSERT, (*values, _utcnow().isoformat()))
        if cur.rowcount < 1:
            return NOT_LOGGED
        return int(cur.lastrowid or NOT_LOGGED)

    def _write(self, fn: Callable[[sqlite3.Connection], _T]) -> _T:
        with self._lock:
            conn = self._writer()
            try:
                return transaction(conn, fn)
            except sqlite3.Error as err:
                if self._opener is not None:
                    self.problem = self._opener.problem("could not be written", err)
                    self._drop_writer()
                raise LogWriteError(self.problem or str(err)) from err

    def _writer(self) -> sqlite3.Connection:
        """The write connection, opening the file afresh after a failure."""
        if self._closed:
            raise ValueError("the reset log is closed")
        if self._conn is not None:
            return self._conn
        if self.read_only or self._opener is None:
            raise LogWriteError(self.problem or f"The reset log at {self.path} is read-only.")
        try:
            self._conn = self._opener.writer()
        except (sqlite3.Error, OSError, NewerSchemaError) as err:
            self.problem = self._opener.problem("could not be opened", err)
            raise LogWriteError(self.problem) from err
        self.problem = None
        if self._reader is not None:
            with contextlib.suppress(sqlite3.Error):
                self._reader.close()
            self._reader = None
        return self._conn

    def _drop_writer(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None

    # ---------------------------------------------------------------- reading

    def records(self, since: date, until: date) -> list[LogRecord]:
        """Records whose date is in ``[since, until]``, ordered by gap start, start, id.

        Rows groundtui did not write are left out, and ``notes`` says how many."""
        if since > until:
            return []
        with self._lock:
            if self._closed:
                raise ValueError("the reset log is closed")
            conn = self._conn or self._reading()
            if conn is None:
                return []
            try:
                # The index hands rows over in local wall-clock order (records.in_instant_order).
                query = (
                    f"SELECT {_read_columns(conn)} FROM resets WHERE date BETWEEN ? AND ?"
                    " ORDER BY date, gap_start, started_at, id"
                )
                rows = conn.execute(query, (since.isoformat(), until.isoformat())).fetchall()
            except sqlite3.Error as err:
                if self.problem is None:
                    self.problem = (
                        f"The reset log at {self.path} could not be read ({reason(err)})."
                    )
                return []
            found, skipped = records_from_rows(rows)
            self.notes = [n for n in self.notes if not n.startswith("Skipped ")]
            if skipped:
                self.notes.append(skipped_note(skipped))
        return in_order(found)

    def _reading(self) -> sqlite3.Connection | None:
        """The read-only connection of a store that cannot write (opened on first use)."""
        if self._reader is None and self._opener is not None and self.path is not None:
            with contextlib.suppress(sqlite3.Error, OSError):
                if self.path.is_file():
                    self._reader = self._opener.reader()
        return self._reader

    # ---------------------------------------------------------------- lifetime

    def close(self) -> None:
        """Close the database (idempotent)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._drop_writer()
            if self._reader is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._reader.close()

    def __enter__(self) -> LogStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
