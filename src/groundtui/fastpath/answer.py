"""The cached answer to ``groundtui status`` and ``groundtui plan --format json``.

Runs before the command line is parsed: it reads the arguments itself (only the plain forms;
anything else goes to the full CLI), finds the day cache entry, checks that no file it was made
from has changed, reads today's rows of the reset log (live: never cached) and prints what the
full command would print. On anything it is not sure of it answers ``None`` and the full CLI
runs, which also makes the entry for the next call.

Imports on a hit: ``marshal``, ``time``, ``_sha256``, ``math``; with a reset log, ``sqlite3``
and ``datetime``; with a naive ``--now``, ``zoneinfo``. Nothing of groundtui but ``where``,
``timewords``, ``matching`` and ``fastpath.cache``.
"""

from __future__ import annotations

import os
import sys

from groundtui.fastpath import cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

_OPTIONS = {
    "status": {"--schedule", "--tz", "--now", "--format"},
    "plan": {"--schedule", "--tz", "--date", "--format"},
}
_FORMATS = {"status": ("text", "json"), "plan": ("json",)}
YEARS = (1900, 2999)


class _NotSure(Exception):
    """The full CLI answers."""


def parse(argv: Sequence[str]) -> tuple[str, dict[str, Any]] | None:
    """(command, options) for the plain forms this path answers, else None."""
    if not argv or argv[0] not in _OPTIONS:
        return None
    command = argv[0]
    known = _OPTIONS[command]
    options: dict[str, Any] = {"--schedule": []}
    rest = list(argv[1:])
    while rest:
        word = rest.pop(0)
        name, eq, value = word.partition("=")
        if name not in known:
            return None
        if not eq:
            if not rest:
                return None
            value = rest.pop(0)
        if not value or value.startswith("-"):
            return None
        if name == "--schedule":
            options[name].append(value)
        elif name in options:
            return None
        else:
            options[name] = value
    if options.get("--format", "text" if command == "status" else "table") not in _FORMATS[command]:
        return None
    return command, options


def answer(argv: Sequence[str]) -> int | None:
    """Print the cached answer and return the exit code; None: the full CLI must answer."""
    try:
        parsed = parse(argv)
        if parsed is None:
            return None
        out, err = _answer(*parsed)
    except _NotSure:
        return None
    except Exception:  # a bug here must never cost the user the answer
        return None
    try:
        if err:
            sys.stderr.write(err)
            sys.stderr.flush()
        sys.stdout.write(out)
        sys.stdout.flush()
    except OSError as error:
        from groundtui.output import output_failed

        return output_failed(error)
    return 0


def _answer(command: str, options: dict[str, Any]) -> tuple[str, str]:
    from groundtui import __version__, where

    folders = [where.folder(kind) for kind in ("config", "data", "cache")]
    key = cache.key_text(options["--schedule"], options.get("--tz"), folders, __version__)
    data = cache.load(cache.cache_file(folders[2], key))
    if data is None or not cache.files_unchanged(data["files"]):
        raise _NotSure
    days: dict[str, Any] = data["days"]
    now_us = _now_us(options.get("--now"), data["zone"])
    if command == "plan" and "--date" in options:
        iso = _date(options["--date"])
        entry = days.get(iso)
    else:
        iso, entry = next(
            ((d, e) for d, e in days.items() if e["lo"] <= now_us < e["hi"]), ("", None)
        )
    if entry is None or cache.stat_sig(where.day_edits_file(iso)) != entry["edits"]:
        raise _NotSure
    part = entry[command]
    if part is None:
        raise _NotSure
    if command == "plan":
        return part[1], part[0]
    logged = _logged(folders[1], iso)
    return _status(part, now_us, logged, options.get("--format") == "json"), part["notes"]


def _date(text: str) -> str:
    from datetime import date

    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise _NotSure from None
    if not YEARS[0] <= day.year <= YEARS[1]:
        raise _NotSure
    return day.isoformat()


def _now_us(text: str | None, zone: str) -> int:
    """``--now`` (a naive one is a wall time in ``zone``), else the real time, in µs."""
    if text is None:
        import time

        return time.time_ns() // 1000
    from datetime import datetime, timedelta, timezone

    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise _NotSure from None
    if not YEARS[0] <= when.year <= YEARS[1]:
        raise _NotSure
    if when.tzinfo is None:
        from zoneinfo import ZoneInfo

        when = when.replace(tzinfo=ZoneInfo(zone))
    epoch = datetime(1970, 1, 1, tzinfo=timezone.utc)  # noqa: UP017 - UTC is the same object
    return (when - epoch) // timedelta(microseconds=1)


# --------------------------------------------------------------------------- the reset log

_COLUMNS = (
    "id, date, gap_start, gap_end, exercise, kind, outcome, started_at, ended_at, before, after"
)
_OUTCOMES = {"done", "partial", "skipped", "missed", "running"}
_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~/")


class _Row:
    __slots__ = ("exercise", "gap_end", "gap_start", "id", "outcome", "started_at")
    exercise: str
    gap_end: Any
    gap_start: Any
    id: int
    outcome: str
    started_at: Any


def _quote(path: str) -> str:
    """``urllib.parse.quote`` (safe '/'), without loading urllib."""
    return "".join(chr(b) if b in _SAFE else f"%{b:02X}" for b in path.encode("utf-8"))


def _logged(data_dir: str, iso: str) -> list[_Row]:
    """The log's rows of the day, in the order the full status reads them. Anything the full
    reader would say something about (a read-only log, rows it skips, an error) is _NotSure."""
    path = os.path.join(data_dir, "log.sqlite3")
    if not os.path.exists(path):
        return []
    if not os.access(path, os.W_OK):
        raise _NotSure
    import stat

    for name in (path, path + "-wal", path + "-shm"):  # a FIFO there would hang sqlite
        try:
            if not stat.S_ISREG(os.stat(name).st_mode):
                raise _NotSure
        except FileNotFoundError:
            continue
        except OSError:
            raise _NotSure from None
    import sqlite3
    from datetime import datetime

    if not path.startswith("/"):
        path = os.path.join(os.getcwd(), path)
    try:
        conn = sqlite3.connect(
            "file:" + _quote(path) + "?mode=ro", uri=True, timeout=1.0, isolation_level=None
        )
    except sqlite3.Error:
        raise _NotSure from None
    try:
        conn.execute(f"SELECT {_COLUMNS} FROM resets LIMIT 1").fetchall()
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM resets WHERE date BETWEEN ? AND ?"
            " ORDER BY date, gap_start, started_at, id",
            (iso, iso),
        ).fetchall()
    except sqlite3.Error:
        raise _NotSure from None
    finally:
        conn.close()

    def when(text: object) -> datetime:
        if not isinstance(text, str):
            raise _NotSure
        value = datetime.fromisoformat(text)
        if value.utcoffset() is None:
            raise _NotSure
        return value

    found: list[_Row] = []
    for rid, _day, gs, ge, ex, kind, outcome, sa, ea, before, after in rows:
        for word in (ex, kind):
            if not isinstance(word, str) or not word.strip():
                raise _NotSure
        for rating in (before, after):
            if rating is not None and (type(rating) is not int or not 0 <= rating <= 10):
                raise _NotSure
        if outcome not in _OUTCOMES:
            raise _NotSure
        row = _Row()
        row.id = rid if type(rid) is int else 0
        row.gap_start, row.gap_end = when(gs), when(ge)
        row.started_at = None if sa is None else when(sa)
        if ea is not None:
            when(ea)
        row.exercise = ex
        row.outcome = "partial" if outcome == "running" else outcome
        found.append(row)
    if not _in_instant_order(found):
        found.sort(
            key=lambda r: (r.gap_start, r.started_at is not None, r.started_at or r.gap_start, r.id)
        )
    return found


def _in_instant_order(rows: list[_Row]) -> bool:
    """``log.records.in_instant_order``."""
    prev = None
    for r in rows:
        start = r.gap_start
        if prev is not None and prev.tzinfo != start.tzinfo and prev >= start:
            return False
        prev = start
    return True


# --------------------------------------------------------------------------- the line


def _status(part: dict[str, Any], n: int, logged: list[_Row], as_json: bool) -> str:
    from groundtui import timewords as words

    done = words.resets_taken(r.outcome for r in logged)
    planned = part["planned"]
    sessions = part["sessions"]
    reset = None
    left: float | None = None
    until: str | None = None
    if not sessions:
        state, text = "free", words.FREE_TEXT
    else:
        running = [i for i, (s, e, _) in enumerate(sessions) if s <= n < e]
        gap = next((g for g in part["gaps"] if g[0] <= n < g[1]), None)
        if running:
            index = max(running, key=lambda i: sessions[i][1])
            state, left, until = (
                "session",
                words.minutes_between(n, sessions[index][1]),
                sessions[index][2],
            )
            text = words.session_text(left)
        elif gap is not None:
            _start, end, notes_end, back_to_back, until, _base, table = gap
            if table is None:
                raise _NotSure
            offers = next(items for at, items in reversed(table) if at <= n)
            reset = _upcoming(offers, end, logged)
            state, left = "gap", words.minutes_between(n, end)
            first = reset is not None and reset[0] == "before_note"  # see status.day_status
            notes_left = (
                words.minutes_between(n, notes_end) if n < notes_end and not first else None
            )
            text = words.gap_text(left, back_to_back, reset[3] if reset else None, notes_left)
        elif n < part["first"][0]:
            first_us, hhmm, until = part["first"]
            state, left, text = (
                "before",
                words.minutes_between(n, first_us),
                words.before_text(hhmm),
            )
        elif part.get("closing", True):
            raise _NotSure  # the closing may still be offered: the full status knows
        else:
            state, text = "done", words.day_done_words(done)
    if not as_json:
        return text + "\n"
    fields = [
        f'"state": "{state}"',
        f'"minutes_left": {"null" if left is None else repr(left)}',
        f'"exercise": {reset[5] if reset else "null"}',
        f'"kind": {reset[6] if reset else "null"}',
        f'"until": {"null" if until is None else chr(34) + until + chr(34)}',
        f'"resets_done": {done}',
        f'"resets_planned": {planned}',
    ]
    return "{" + ", ".join(fields) + "}\n"


def _upcoming(offers: list[Any], gap_end: int, logged: list[_Row]) -> Any:
    """``status._upcoming`` on the cached offers: leave out what the log already fills, then
    the first one offered before the arrival cue."""
    from groundtui.matching import match_logged

    slots = [list(o) for o in offers]  # distinct objects: matching tells slots apart by id()
    if logged:
        from datetime import datetime, timedelta, timezone

        epoch = datetime(1970, 1, 1, tzinfo=timezone.utc)  # noqa: UP017
        one = timedelta(microseconds=1)
        ends = {id(r): (r.gap_end - epoch) // one for r in logged}
        taken = {
            id(slot)
            for _r, slot in match_logged(
                slots,
                logged,
                in_place=lambda slot, r: ends[id(r)] == gap_end,
                exercise_of=lambda slot: slot[1],
                counted=lambda slot: slot[4],
            )
        }
        slots = [s for s in slots if id(s) not in taken]
    offered = [s for s in slots if s[0] != "arrive"]
    choices = offered or slots
    return choices[0] if choices else None
