"""The log's tables and their migrations (every step runs in the opening transaction)."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from typing import TypeVar

SCHEMA_VERSION = 4
"""The schema this code writes; older files are migrated on open."""

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

_V3 = (
    "ALTER TABLE resets ADD COLUMN slot TEXT",
    "CREATE UNIQUE INDEX IF NOT EXISTS resets_by_slot ON resets (slot) WHERE slot IS NOT NULL",
)
"""v3: which offer of which gap a row logs ('<gap end, UTC> <role>:<n>'), unique, so two
windows on one log never log the same offer twice. Holds times and role names only."""

_V4 = ("ALTER TABLE resets ADD COLUMN slot_at TEXT",)
"""v4: the planned start of the offer's slot (ISO 8601 with UTC offset, or null), so a row that
passed by or was declined is shown at its slot's time, not its gap's start (``started_at`` stays
null for those). Older rows have none; readers of an older file go without it."""

MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, _V1),
    (2, _V2),
    (3, _V3),
    (4, _V4),
)
"""(version, statements) in order."""


_T = TypeVar("_T")


class NewerSchemaError(Exception):
    """The file was written by a newer groundtui; we must not write to it."""


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
        raise NewerSchemaError(f"written by a newer groundtui (schema {version})")
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


def transaction(conn: sqlite3.Connection, fn: Callable[[sqlite3.Connection], _T]) -> _T:
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
