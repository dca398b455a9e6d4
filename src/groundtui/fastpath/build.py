"""Making day cache entries: run by the full ``status`` and ``plan`` (never on a cache hit).

A ``Probe`` takes the files' signatures *before* anything is read, so a file that changes while
it is read leaves an entry that is already stale. Entries are made from the very plan the full
command printed. The status line in a gap, once the notes time is over, comes from the plan
re-made at that instant (``plan_day(..., now=...)``: the reset shrinks to what is left); for
that the entry holds, per gap, what the re-made gap offers from which microsecond on, found by
asking ``plan_day`` itself (a grid of ``STEP_SECONDS`` and bisection to the microsecond where
the answer changes). The planner's rules only ever drop an exercise as the time left shrinks,
so between two grid points with the same answer the answer is the same.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from groundtui import __version__, where
from groundtui.fastpath import cache
from groundtui.fmt import hhmm

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
ONE_US = timedelta(microseconds=1)
STEP_SECONDS = 60
"""Grid of the re-planned gap's answer (then bisection to the microsecond)."""

Items = list[tuple[Any, ...]]


def us(t: datetime) -> int:
    """Microseconds since the epoch (exact)."""
    return (t - EPOCH) // ONE_US


def at(micro: int, tz: tzinfo) -> datetime:
    return (EPOCH + timedelta(microseconds=micro)).astimezone(tz)


def _code_files(package: str | None = None) -> list[str]:
    """The files whose change makes every entry stale (a new planner rule): groundtui's own
    source files; for an installed wheel, its ``RECORD`` alone (pip rewrites it whenever it
    installs, upgrades or removes the package's files: one ``os.stat`` instead of ~150)."""
    if package is None:
        package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    record = _installed_record(package)
    if record is not None:
        return [record]
    found: list[str] = []
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        found.extend(os.path.join(folder, f) for f in sorted(files) if f.endswith(".py"))
    return found


def _installed_record(package: str) -> str | None:
    """The ``RECORD`` of the wheel ``package`` was installed from, when it sits in the same
    folder (site-packages) and the install is not an editable one (whose sources change without
    it); else None."""
    parent = os.path.dirname(package)
    name = os.path.basename(package)
    try:
        infos = [
            d for d in os.listdir(parent) if d.startswith(f"{name}-") and d.endswith(".dist-info")
        ]
    except OSError:
        return None
    if len(infos) != 1:
        return None
    info = os.path.join(parent, infos[0])
    record = os.path.join(info, "RECORD")
    try:
        with open(os.path.join(info, "direct_url.json"), encoding="utf-8") as f:
            direct = json.load(f)
    except FileNotFoundError:
        direct = {}
    except (OSError, ValueError):
        return None
    dir_info = direct.get("dir_info") if isinstance(direct, dict) else None
    if not isinstance(direct, dict) or (isinstance(dir_info, dict) and dir_info.get("editable")):
        return None
    return record if os.path.isfile(record) else None


class Probe:
    """The cache key and the files' signatures, taken before the command reads them."""

    def __init__(self, schedule: Sequence[str] | str | None, tz: str | None) -> None:
        args = [schedule] if isinstance(schedule, str) else list(schedule or ())
        self.folders = [where.folder(kind) for kind in ("config", "data", "cache")]
        self.key = cache.key_text(args, tz, self.folders, __version__)
        self.path = cache.cache_file(self.folders[2], self.key)
        config = self.folders[0]
        self.files: list[tuple[str, cache.Sig]] = []
        self._add(os.path.join(config, "config.toml"))
        self._add(os.path.join(config, "schedule.toml"))
        for path in _code_files():
            self._add(path)
        self.edits: dict[str, cache.Sig] = {}
        self.cacheable = True

    def _add(self, path: str) -> None:
        self.files.append((path, cache.stat_sig(path)))

    def _add_folder(self, folder: str) -> None:
        """A folder (its mtime changes when a file comes or goes) and its exercise files."""
        self._add(folder)
        with contextlib.suppress(OSError):
            for name in sorted(os.listdir(folder)):
                if name.endswith(".toml") and not name.startswith("."):
                    self._add(os.path.join(folder, name))

    def sources(self, sources: Sequence[object], *, feeds: bool) -> None:
        """The schedule files, the feeds' label-free copies (``feeds``: else not cacheable) and
        the exercise folders, before they are read."""
        from pathlib import Path

        cwd = os.getcwd()
        for source in sources:
            if isinstance(source, Path):
                text = str(source)
                self._add(text if text.startswith("/") else os.path.join(cwd, text))
            elif not feeds:
                self.cacheable = False
            else:
                from groundtui.schedule.cache import copy_path

                self._add(str(copy_path(Path(self.folders[2]), source.key)))  # type: ignore[attr-defined]
        self._add_folder(where.bundled_exercises_dir())
        self._add_folder(os.path.join(self.folders[0], "exercises"))

    def day(self, day: date) -> None:
        """The day's edits file, before it is read."""
        iso = day.isoformat()
        self.edits[iso] = cache.stat_sig(where.day_edits_file(iso))

    # ---------------------------------------------------------------- writing

    def save(
        self,
        day: date,
        tz: tzinfo,
        part: str,
        value: object,
        merge: Callable[[Any, Any], Any] | None = None,
    ) -> None:
        """Put ``value`` as the day's ``part`` ('status' or 'plan') into the cache file."""
        zone = getattr(tz, "key", None)
        iso = day.isoformat()
        if not self.cacheable or not isinstance(zone, str) or iso not in self.edits:
            return
        from groundtui.schedule.model import day_bounds

        lo, hi = (us(t) for t in day_bounds(day, tz))
        data = cache.load(self.path)
        if data is None or data.get("files") != self.files or data.get("zone") != zone:
            data = {"format": cache.FORMAT, "zone": zone, "files": self.files, "days": {}}
        days: dict[str, Any] = data["days"]
        entry = days.pop(iso, None)
        fresh: dict[str, Any] = {
            "lo": lo,
            "hi": hi,
            "edits": self.edits[iso],
            "status": None,
            "plan": None,
        }
        if entry is None or any(entry.get(k) != fresh[k] for k in ("lo", "hi", "edits")):
            entry = fresh
            try:
                entry["walls"] = wall_table(tz, lo, hi)
            except (ValueError, OverflowError):
                entry["walls"] = None  # a naive --now is then the full command's
        if merge is not None and entry.get(part) is not None:
            value = merge(entry[part], value)
        entry[part] = value
        days[iso] = entry
        while len(days) > cache.MAX_DAYS:
            days.pop(next(iter(days)))
        cache.save(self.path, data)


def changes(value: Callable[[int], object], grid: Sequence[int]) -> Iterator[int]:
    """Each microsecond in the span of ``grid`` at which ``value`` changes (the first one with
    the new value), found by bisection between grid points whose values differ."""
    for a, b in itertools.pairwise(grid):
        while value(a) != value(b):
            left, right = a, b  # value(left) == value(a) != value(right)
            while right - left > 1:
                mid = (left + right) // 2
                if value(mid) == value(a):
                    left = mid
                else:
                    right = mid
            yield right
            a = right


# --------------------------------------------------------------------------- the zone

DAY_US = 86_400_000_000
WALL_STEP_US = 15 * 60 * 1_000_000
"""Grid of the scan for the zone's offset changes (then bisection to the second)."""


def _offset_us(tz: tzinfo, micro: int) -> int:
    offset = at(micro, tz).utcoffset()
    assert offset is not None
    return offset // ONE_US


def _fold0_offset_us(tz: tzinfo, wall: int) -> int:
    """The offset Python gives the naive wall time ``wall`` (µs, as if UTC) in ``tz``."""
    offset = (EPOCH + timedelta(microseconds=wall)).replace(tzinfo=tz).utcoffset()
    assert offset is not None
    return offset // ONE_US


def wall_table(tz: tzinfo, lo: int, hi: int) -> tuple[int, int, int, list[tuple[int, int]]]:
    """How a naive ``--now`` near the day [lo, hi) becomes an instant without loading
    zoneinfo: (first wall µs covered, last wall µs covered, offset before the first change,
    [(wall µs from which, offset µs)]), asked of ``tz`` itself (``replace(tzinfo=tz)``: fold 0,
    so a wall time in a gap or an overlap takes the offset before the change, as Python does).
    Walls covered: a day either side of the day, which the scanned instants (two days either
    side) hold whatever the offset."""
    start, stop = lo - 2 * DAY_US, hi + 2 * DAY_US
    grid = [*range(start, stop, WALL_STEP_US), stop]
    walls: list[tuple[int, int]] = []
    for t in changes(lambda micro: _offset_us(tz, micro), grid):
        before, after = _offset_us(tz, t - 1), _offset_us(tz, t)
        low, high = t + min(before, after), t + max(before, after)
        if _fold0_offset_us(tz, low) != before or _fold0_offset_us(tz, high) != after:
            raise ValueError("a zone rule this table does not know")  # then: not cached
        while high - low > 1:  # the first wall time that takes the new offset
            mid = (low + high) // 2
            if _fold0_offset_us(tz, mid) == after:
                high = mid
            else:
                low = mid
        walls.append((high, after))
    return (lo - DAY_US, hi + DAY_US, _offset_us(tz, start), walls)


# --------------------------------------------------------------------------- what is said


class _Tee(io.TextIOBase):
    def __init__(self, *outs: Any) -> None:
        self.outs = outs

    def write(self, text: str) -> int:
        for out in self.outs:
            out.write(text)
        return len(text)

    def flush(self) -> None:
        for out in self.outs:
            out.flush()


@contextlib.contextmanager
def said_on_stderr() -> Iterator[io.StringIO]:
    """Everything written to stderr meanwhile, still written there: a hit says it again."""
    seen = io.StringIO()
    with contextlib.redirect_stderr(_Tee(sys.stderr, seen)):
        yield seen


# --------------------------------------------------------------------------- status entries


def items_of(resets: Sequence[Any]) -> Items:
    """A gap's offers as the status line matches them: (role, id, kind, name, counted,
    id as JSON, kind as JSON)."""
    from groundtui.day.offers import COUNTED_ROLES

    return [
        (
            r.role,
            r.id,
            r.kind,
            r.exercise.name,
            r.role in COUNTED_ROLES,
            json.dumps(r.id),
            json.dumps(r.kind),
        )
        for r in resets
        if r.role != "transition"
    ]


def status_entry(plan: Any, notes: str) -> dict[str, Any]:
    """What the status line needs of ``plan`` (made without ``now``): no labels."""
    tz = plan.tz
    sessions = [(us(s.start), us(s.end), s.end.astimezone(tz).isoformat()) for s in plan.sessions]
    first = None
    if plan.sessions:
        start = plan.sessions[0].start.astimezone(tz)
        first = (us(start), hhmm(start), start.isoformat())
    gaps = [
        [
            us(g.start),
            us(g.end),
            us(g.notes_end),
            bool(g.back_to_back),
            g.end.astimezone(tz).isoformat(),
            items_of(g.resets),
            None,
        ]
        for g in plan.gaps
    ]
    return {
        "notes": notes,
        "planned": len(plan.planned),
        "sessions": sessions,
        "first": first,
        "gaps": gaps,
        "closing": plan.closing is not None,
    }


def gap_table(replan: Callable[[int], Any], index: int, lo: int, hi: int) -> list[Any]:
    """[(from microsecond, offers)] of gap ``index`` re-planned at each instant in [lo, hi]."""
    memo: dict[int, Items] = {}

    def offers(micro: int) -> Items:
        if micro not in memo:
            memo[micro] = items_of(replan(micro).gaps[index].resets)
        return memo[micro]

    grid = [*range(lo, hi, STEP_SECONDS * 1_000_000), hi]
    return [(lo, offers(lo)), *((t, offers(t)) for t in changes(offers, grid))]


def merge_status(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Keep the gap tables already worked out when the day's plan is the same."""
    if len(old["gaps"]) == len(new["gaps"]):
        for was, now in zip(old["gaps"], new["gaps"], strict=True):
            if was[:6] == now[:6] and now[6] is None:
                now[6] = was[6]
    return new


def add_gap_table(
    entry: dict[str, Any],
    now: datetime,
    replan: Callable[[datetime], Any],
) -> None:
    """Work out the table of the gap holding ``now`` (from the gap's start: a re-plan in the
    notes time drops the breaths before the note once they are behind)."""
    n = us(now)
    tz = now.tzinfo
    assert tz is not None
    for index, gap in enumerate(entry["gaps"]):
        start, end = gap[0], gap[1]
        if start <= n < end and gap[6] is None:
            table = gap_table(lambda m: replan(at(m, tz)), index, start, end - 1)
            gap[6] = table
