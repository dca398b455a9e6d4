"""The cached answer to ``groundtui status`` and ``groundtui plan --format json``.

Runs before the command line is parsed: it reads the arguments itself (only the plain forms;
anything else goes to the full CLI), finds the day cache entry, checks that no file it was made
from has changed, reads today's rows of the reset log (``fastpath.logrows``: live, read again
whenever the log changed) and prints what the full command would print. On anything it is not
sure of it answers ``None`` and the full CLI runs, which also makes the entry for the next call.

Imports on a hit: ``marshal``, ``time``, ``stat``, ``_sha256``, ``math``; with ``--now`` or a
``--date``, ``_datetime`` (the C module, not ``datetime``); ``sqlite3`` only when the log changed
since the last call. Never ``zoneinfo`` (a naive ``--now`` is placed with the cached zone
table). Nothing of groundtui but ``where``, ``timewords``, ``matching`` and ``fastpath``.
"""

from __future__ import annotations

import sys

from groundtui.fastpath import cache, logrows
from groundtui.fastpath.cache import NotSure
from groundtui.fastpath.logrows import Row, datetime_module

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
    except NotSure:
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
        raise NotSure
    days: dict[str, Any] = data["days"]
    now_us = _now_us(options.get("--now"), days)
    if command == "plan" and "--date" in options:
        iso = _date(options["--date"])
        entry = days.get(iso)
    elif command == "status" and (wall_day := _wall_day(options.get("--now"))) is not None:
        # the full status's day is the wall date (``replace(tzinfo=zone)``), even when the
        # instant is the next day's (a skipped hour running past midnight): that day or nothing
        iso = wall_day
        entry = days.get(iso)
        if entry is not None and not entry["lo"] <= now_us < entry["hi"]:
            raise NotSure
    else:
        iso, entry = next(
            ((d, e) for d, e in days.items() if e["lo"] <= now_us < e["hi"]), ("", None)
        )
    if entry is None or cache.stat_sig(where.day_edits_file(iso)) != entry["edits"]:
        raise NotSure
    part = entry[command]
    if part is None:
        raise NotSure
    if command == "plan":
        return part[1], part[0]
    logged = logrows.logged(folders[1], folders[2], iso)
    return _status(part, now_us, logged, options.get("--format") == "json"), part["notes"]


def _wall_day(text: str | None) -> str | None:
    """The date of a naive ``--now`` (already read by ``_now_us``); None for any other."""
    if text is None:
        return None
    when = datetime_module().datetime.fromisoformat(text)
    return None if when.tzinfo is not None else str(when.date().isoformat())


def _date(text: str) -> str:
    try:
        day = datetime_module().date.fromisoformat(text)
    except ValueError:
        raise NotSure from None
    if not YEARS[0] <= day.year <= YEARS[1]:
        raise NotSure
    return str(day.isoformat())


def _now_us(text: str | None, days: dict[str, Any]) -> int:
    """``--now`` (a naive one is a wall time in the cache's zone), else the real time, in µs.
    A naive time is placed with the cached day's table of the zone's offsets (made by asking
    the zone itself: ``build.wall_table``), so a status call never loads zoneinfo."""
    if text is None:
        import time

        return time.time_ns() // 1000
    dt = datetime_module()
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        raise NotSure from None
    if not YEARS[0] <= when.year <= YEARS[1]:
        raise NotSure
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    one = dt.timedelta(microseconds=1)
    if when.tzinfo is not None:
        return int((when - epoch) // one)
    wall = int((when.replace(tzinfo=dt.timezone.utc) - epoch) // one)
    for entry in days.values():
        walls = entry.get("walls")
        if walls is not None and walls[0] <= wall < walls[1]:
            offset = walls[2]
            for since, then in walls[3]:
                if wall < since:
                    break
                offset = then
            return wall - offset
    raise NotSure


# --------------------------------------------------------------------------- the line


def _status(part: dict[str, Any], n: int, logged: list[Row], as_json: bool) -> str:
    from groundtui import timewords as words

    done = words.resets_taken(r[1] for r in logged)
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
                raise NotSure
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
            raise NotSure  # the closing may still be offered: the full status knows
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


def _upcoming(offers: list[Any], gap_end: int, logged: list[Row]) -> Any:
    """``status._upcoming`` on the cached offers: leave out what the log already fills, then
    the first one offered before the arrival cue."""
    from groundtui.matching import match_logged

    slots = [list(o) for o in offers]  # distinct objects: matching tells slots apart by id()
    if logged:
        records = [_Logged(row) for row in logged]
        taken = {
            id(slot)
            for _r, slot in match_logged(
                slots,
                records,
                in_place=lambda slot, r: r.gap_end == gap_end,
                exercise_of=lambda slot: slot[1],
                counted=lambda slot: slot[4],
            )
        }
        slots = [s for s in slots if id(s) not in taken]
    offered = [s for s in slots if s[0] != "arrive"]
    choices = offered or slots
    return choices[0] if choices else None


class _Logged:
    """A logged row as ``match_logged`` reads a record (its ``exercise``)."""

    __slots__ = ("exercise", "gap_end")

    def __init__(self, row: Row) -> None:
        self.exercise, _outcome, self.gap_end = row
