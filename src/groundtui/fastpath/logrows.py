"""Today's rows of the reset log, as the cached status line needs them.

The status line reads the log on every call (it is live: a reset marked done a second ago
counts). Loading SQLite costs a status call more than everything else it does (~5 ms of a
~15 ms Python start), so what it read is kept in ``<cache dir>/days/log.bin`` (0600; exercise
ids, outcomes and times, never anything else) with the log's **signature**: each of the
database, ``-wal`` and ``-shm`` files' ``os.stat`` (mtime, size, inode; not the mtime of
``-shm``, which every reader touches) and the bytes SQLite itself uses to tell a change — the
database header's change counter (rollback journal), the WAL header (its salts change when the
WAL restarts) and the shared-memory index header (a counter and the last frame, changed by
every commit while a window has the log open). The
signature is taken before the log is read, so a write meanwhile leaves an entry that is stale
at once. Any change: the log is read again with SQLite.

Anything the full reader would say something about (a read-only log, rows it would skip, an
error, a FIFO in place of a file) is ``NotSure``: the full command answers.
"""

from __future__ import annotations

import os
import stat

from groundtui.fastpath import cache
from groundtui.fastpath.cache import NotSure

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

FORMAT = 1
_COLUMNS = (
    "id, date, gap_start, gap_end, exercise, kind, outcome, started_at, ended_at, before, after"
)
_OUTCOMES = {"done", "partial", "skipped", "missed", "running"}
_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~/")
_HEADS = (("", 24, 4), ("-wal", 0, 32), ("-shm", 0, 96))
"""(suffix, offset, length) of the bytes read into the signature: the database's file change
counter, the WAL header, the two copies of the WAL index header."""

Row = tuple[str, str, int]
"""(exercise, outcome, gap end in µs since the epoch), in the order the full status reads."""


def datetime_module() -> Any:
    """The C datetime module: ``datetime`` itself loads its pure-Python twin first (~2 ms)."""
    try:
        return __import__("_datetime")
    except ImportError:  # pragma: no cover - CPython always has it
        return __import__("datetime")


def signature(path: str) -> tuple[object, ...] | None:
    """The log's signature (see above), or None when there is no log."""
    parts: list[object] = []
    for suffix, offset, length in _HEADS:
        name = path + suffix
        try:  # never wait on a FIFO put in a file's place
            fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK)
        except FileNotFoundError:
            if not suffix:
                return None
            parts.append(None)
            continue
        except OSError:
            raise NotSure from None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise NotSure
            head = os.pread(fd, length, offset)
        except OSError:
            raise NotSure from None
        finally:
            os.close(fd)
        # readers write their marks into -shm (its mtime moves with every read): its header
        # tells the commits
        mtime = None if suffix == "-shm" else st.st_mtime_ns
        parts.append((mtime, st.st_size, st.st_ino, head))
    return tuple(parts)


def logged(data_dir: str, cache_dir: str, iso: str) -> list[Row]:
    """The log's rows of the day ``iso``: from the cache while the log is unchanged."""
    path = os.path.join(data_dir, "log.sqlite3")
    if not path.startswith("/"):
        path = os.path.join(os.getcwd(), path)
    sig = signature(path)
    if sig is None:
        return []
    if not os.access(path, os.W_OK):  # the full status says the log is read-only
        raise NotSure
    kept = os.path.join(cache_dir, "days", "log.bin")
    data = cache.load(kept, FORMAT)
    if data is not None and (data.get("path"), data.get("iso"), data.get("sig")) == (
        path,
        iso,
        sig,
    ):
        rows: list[Row] = data["rows"]
        return rows
    rows = _read(path, iso)
    cache.save(kept, {"format": FORMAT, "path": path, "iso": iso, "sig": sig, "rows": rows})
    return rows


def _quote(path: str) -> str:
    """``urllib.parse.quote`` (safe '/'), without loading urllib."""
    return "".join(chr(b) if b in _SAFE else f"%{b:02X}" for b in path.encode("utf-8"))


def _read(path: str, iso: str) -> list[Row]:
    """Read the day's rows with SQLite, checked and ordered as ``log.records`` does."""
    import sqlite3

    try:
        conn = sqlite3.connect(
            "file:" + _quote(path) + "?mode=ro", uri=True, timeout=1.0, isolation_level=None
        )
    except sqlite3.Error:
        raise NotSure from None
    try:
        conn.execute(f"SELECT {_COLUMNS} FROM resets LIMIT 1").fetchall()
        found = conn.execute(
            f"SELECT {_COLUMNS} FROM resets WHERE date BETWEEN ? AND ?"
            " ORDER BY date, gap_start, started_at, id",
            (iso, iso),
        ).fetchall()
    except sqlite3.Error:
        raise NotSure from None
    finally:
        conn.close()
    dt = datetime_module()

    def when(text: object) -> Any:
        if not isinstance(text, str):
            raise NotSure
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            raise NotSure from None
        if value.utcoffset() is None:
            raise NotSure
        return value

    rows = []
    for rid, _day, gs, ge, ex, kind, outcome, sa, ea, before, after in found:
        for word in (ex, kind):
            if not isinstance(word, str) or not word.strip():
                raise NotSure
        for rating in (before, after):
            if rating is not None and (type(rating) is not int or not 0 <= rating <= 10):
                raise NotSure
        if outcome not in _OUTCOMES:
            raise NotSure
        started = None if sa is None else when(sa)
        if ea is not None:
            when(ea)
        row_id = rid if type(rid) is int else 0
        rows.append((when(gs), started, row_id, when(ge), ex, outcome))
    if not _in_instant_order([r[0] for r in rows]):
        rows.sort(key=lambda r: (r[0], r[1] is not None, r[1] or r[0], r[2]))
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    one = dt.timedelta(microseconds=1)
    return [
        (ex, "partial" if outcome == "running" else outcome, (ge - epoch) // one)
        for _gs, _sa, _id, ge, ex, outcome in rows
    ]


def _in_instant_order(starts: list[Any]) -> bool:
    """``log.records.in_instant_order``."""
    prev = None
    for start in starts:
        if prev is not None and prev.tzinfo != start.tzinfo and prev >= start:
            return False
        prev = start
    return True
