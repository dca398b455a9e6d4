"""Opening the log file: created 0600 in a 0700 folder before SQLite sees it, read-only where
it cannot be written, never raising.

Two windows share one file safely because this process never opens a second descriptor on the
database once SQLite has it: closing such a descriptor drops every POSIX lock the process holds
on the file, and the other window, quitting, would then take itself for the last user and
delete the ``-wal`` and ``-shm`` files under this one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from groundtui.log.liveness import sweep_running
from groundtui.log.records import reason
from groundtui.log.rows import COLUMNS
from groundtui.log.schema import NewerSchemaError, migrate, transaction
from groundtui.log.store import LogStore

DEFAULT_BUSY_TIMEOUT = 5.0
"""Seconds to wait for another groundtui's write lock before giving up."""

MEMORY_ID_BASE = 1_000_000_000_000
"""Ids of rows kept in a memory store start here, so they never look like a file's."""

OPEN_ERRORS = (sqlite3.Error, OSError, NewerSchemaError)
"""What opening a log file may run into; each becomes a one-line warning."""


def utcnow() -> datetime:
    from groundtui.clock import SystemClock

    return SystemClock(UTC).now()


@contextlib.contextmanager
def private_umask() -> Iterator[None]:
    """Files created meanwhile (SQLite's ``-wal`` and ``-shm``) are the owner's only."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def refuse_special(path: Path) -> None:
    """Raise ``OSError`` when the database, its ``-wal``, ``-shm`` or ``-journal`` file is there
    but is not a regular file: SQLite opens them the plain way, and a named pipe put in their
    place would block that open (and `status` in a tmux bar) forever."""
    for p in (path, *(Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal"))):
        try:
            mode = p.stat().st_mode
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(mode):
            kind = "a named pipe" if stat.S_ISFIFO(mode) else "not a regular file"
            raise OSError(errno.EINVAL, f"{p.name} is {kind}")


def prepare_file(path: Path) -> None:
    """Create the database file 0600 (its folder 0700) before SQLite opens it, or tighten it.

    An existing file is never opened here, only chmod-ed by name: a descriptor opened and
    closed beside SQLite's would drop this process's locks on it.
    """
    if not path.parent.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    refuse_special(path)
    if not path.exists():
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:
            pass  # another window created it a moment ago
        else:
            os.close(fd)
    tighten(path)


def tighten(path: Path) -> None:
    """Make the database and its ``-wal``/``-shm`` files 0600 where they are laxer."""
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(FileNotFoundError):
            if p.stat().st_mode & 0o777 != 0o600:
                os.chmod(p, 0o600)


def writable_place(path: Path) -> bool:
    """Whether the file (or, when missing, its folder) may be written at all (not a read-only
    mount, not an unwritable folder)."""
    target = path if path.exists() else path.parent
    return os.access(target, os.W_OK)


def connect_file(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """A read-write connection in WAL mode, full sync."""
    with private_umask():
        conn = sqlite3.connect(
            path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            use_wal(conn, busy_timeout)
            conn.execute("PRAGMA synchronous = FULL")
        except BaseException:
            conn.close()
            raise
    return conn


def use_wal(conn: sqlite3.Connection, busy_timeout: float) -> None:
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


def _connect_uri(path: Path, query: str, busy_timeout: float) -> sqlite3.Connection:
    refuse_special(path)
    uri = "file:" + urllib.parse.quote(str(path.absolute())) + "?" + query
    conn = sqlite3.connect(
        uri, uri=True, timeout=busy_timeout, isolation_level=None, check_same_thread=False
    )
    try:
        conn.execute(f"SELECT {COLUMNS} FROM resets LIMIT 1").fetchall()
    except BaseException:
        conn.close()
        raise
    return conn


def connect_read_only(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """A connection that only reads. On a read-only mount SQLite cannot make the ``-shm`` file
    a WAL reader needs; nobody can write there either, so the file is read as immutable."""
    try:
        return _connect_uri(path, "mode=ro", busy_timeout)
    except sqlite3.Error:
        if writable_place(path):
            raise
        return _connect_uri(path, "mode=ro&immutable=1", busy_timeout)


@dataclass
class FileOpener:
    """How a store (re)opens its file: for writing, or for reading only."""

    path: Path
    busy_timeout: float = DEFAULT_BUSY_TIMEOUT
    now: datetime | None = None
    """The real time for the crash sweep's 12 h rule (None: ask the clock each time)."""

    def writer(self) -> sqlite3.Connection:
        """Create or migrate the file, close orphaned 'running' rows; raises OPEN_ERRORS."""
        prepare_file(self.path)
        conn = connect_file(self.path, self.busy_timeout)
        try:
            now = self.now or utcnow()
            if now.utcoffset() is None:
                now = now.astimezone()
            transaction(conn, lambda c: (migrate(c), sweep_running(c, now)))
            tighten(self.path)
        except BaseException:
            conn.close()
            raise
        return conn

    def reader(self) -> sqlite3.Connection:
        """A read-only connection to an existing file; raises ``sqlite3.Error``/``OSError``."""
        return connect_read_only(self.path, self.busy_timeout)

    def problem(self, what: str, err: BaseException) -> str:
        """One line for the user: what went wrong with the file, and what happens to resets."""
        if (isinstance(err, OSError) and err.errno == errno.EROFS) or not writable_place(self.path):
            return (
                f"The reset log at {self.path} is read-only ({reason(err)}): it can be read,"
                " but new resets cannot be saved."
            )
        return (
            f"The reset log at {self.path} {what} ({reason(err)}); new resets are kept"
            " and saved once it can be written."
        )


def memory_connection() -> sqlite3.Connection:
    """An empty log in memory, with ids far above any file's."""
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    transaction(conn, migrate)
    conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('resets', ?)", (MEMORY_ID_BASE,))
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
    opens an existing file for reading only (no create, no migration, no writes), as
    ``groundtui log`` does. When the file cannot be written the store reads it where it can,
    its ``problem`` says why, and each write raises ``LogWriteError`` after trying the file
    again; the file is left untouched meanwhile.
    """
    if path is None:
        from groundtui.paths import log_db_path

        path = log_db_path()
    opener = FileOpener(Path(path), busy_timeout, now)
    if read_only:
        return _open_read_only(opener)
    try:
        conn = opener.writer()
    except OPEN_ERRORS as err:
        reader: sqlite3.Connection | None = None
        with contextlib.suppress(sqlite3.Error, OSError):
            if opener.path.is_file():
                reader = opener.reader()
        problem = opener.problem("could not be opened", err)
        return LogStore(None, path=opener.path, opener=opener, reader=reader, problem=problem)
    return LogStore(conn, path=opener.path, opener=opener)


def _open_read_only(opener: FileOpener) -> LogStore:
    """Reads come from the file; writes are refused. A missing file is an empty log."""
    path = opener.path
    if not path.exists():
        return LogStore(None, path=path, read_only=True)
    try:
        reader = opener.reader()
    except (sqlite3.Error, OSError) as err:
        problem = f"The reset log at {path} could not be read ({reason(err)})."
        return LogStore(None, path=path, read_only=True, problem=problem)
    store = LogStore(None, path=path, read_only=True, reader=reader)
    if not writable_place(path):
        store.notes.append(
            f"The reset log at {path} is read-only: it can be read, but new resets cannot be saved."
        )
    return store


def memory_store() -> LogStore:
    """A store that lives in memory only (demo days and tests); no warning."""
    return LogStore(memory_connection(), path=None)
