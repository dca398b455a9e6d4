"""The user's edits to one day (running late, cancelled, added), kept across restarts.

One JSON file per date in the data dir (``paths.day_edits_file``), 0600, written atomically,
holding times only: never a label. ``groundtui day …``, the app's palette and the app's file
watcher all go through here. Core: no Textual.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any, Literal, get_args

from groundtui.errors import GroundError
from groundtui.fmt import hhmm
from groundtui.planner.times import instant
from groundtui.schedule.model import Session, session_order

EditKind = Literal["cancel", "late", "add"]
EDIT_KINDS: tuple[EditKind, ...] = get_args(EditKind)
MAX_MINUTES = 12 * 60
"""The most minutes one edit may move or add (a typo of 5000 is refused)."""


@dataclass(frozen=True)
class Edit:
    """One change to the day: a session (by its start) cancelled or running late, or added."""

    kind: EditKind
    start: datetime
    """The start of the session it changes (or of the added session)."""
    minutes: int = 0
    """'late': how much later it ends; 'add': how long it lasts."""
    heavy: bool = False
    """'add' only: the added session is a heavy one."""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "start": self.start.isoformat()}
        if self.kind != "cancel":
            data["minutes"] = self.minutes
        if self.kind == "add":
            data["heavy"] = self.heavy
        return data

    @classmethod
    def from_json(cls, data: Any) -> Edit:
        if not isinstance(data, Mapping):
            raise ValueError("an edit is not an object")
        kind = data.get("kind")
        if kind not in EDIT_KINDS:
            raise ValueError(f"unknown edit kind {kind!r}")
        start = datetime.fromisoformat(str(data.get("start")))
        if start.tzinfo is None:
            raise ValueError("an edit's time has no UTC offset")
        minutes = data.get("minutes", 0)
        if kind == "cancel":
            minutes = 0
        elif not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
            raise ValueError(f"bad minutes {minutes!r}")
        return cls(kind, start, min(minutes, MAX_MINUTES), bool(data.get("heavy", False)))

    def describe(self, tz: tzinfo) -> str:
        """One line, times only: '10:00 runs 10 min late', '13:00 added · 50 min · heavy'."""
        at = hhmm(self.start, tz)
        if self.kind == "cancel":
            return f"{at} cancelled"
        if self.kind == "late":
            return f"{at} runs {self.minutes} min late"
        return f"{at} added · {self.minutes} min" + (" · heavy" if self.heavy else "")


@dataclass(frozen=True)
class DayEdits:
    """The day's edits, oldest first (``undo`` drops the last)."""

    edits: tuple[Edit, ...] = ()

    @property
    def late(self) -> Mapping[datetime, int]:
        """Session start -> minutes its end moves later (repeats add up)."""
        late: dict[datetime, int] = {}
        for edit in self.edits:
            if edit.kind == "late":
                key = next((k for k in late if instant(k) == instant(edit.start)), edit.start)
                late[key] = late.get(key, 0) + edit.minutes
        return late

    @property
    def cancelled(self) -> frozenset[datetime]:
        """Starts of the sessions that are off today."""
        return frozenset(e.start for e in self.edits if e.kind == "cancel")

    @property
    def added(self) -> tuple[Session, ...]:
        """Extra sessions booked today (they can run late or be cancelled too)."""
        return tuple(
            Session(e.start, e.start + timedelta(minutes=e.minutes), heavy=e.heavy)
            for e in self.edits
            if e.kind == "add"
        )

    def running_late(self, start: datetime, minutes: int) -> DayEdits:
        return replace(self, edits=(*self.edits, Edit("late", start, minutes)))

    def cancel(self, start: datetime) -> DayEdits:
        return replace(self, edits=(*self.edits, Edit("cancel", start)))

    def add(self, session: Session) -> DayEdits:
        minutes = max(1, round(session.minutes))
        edit = Edit("add", session.start, minutes, heavy=bool(session.heavy))
        return replace(self, edits=(*self.edits, edit))

    def undo(self) -> tuple[DayEdits, Edit | None]:
        """The edits without the last one, and the one dropped (None: there was none)."""
        if not self.edits:
            return self, None
        return replace(self, edits=self.edits[:-1]), self.edits[-1]

    def __bool__(self) -> bool:
        return bool(self.edits)

    def to_json(self) -> list[dict[str, Any]]:
        return [e.to_json() for e in self.edits]


def apply_edits(sessions: Sequence[Session], edits: DayEdits) -> list[Session]:
    """The sessions after the user's edits: a late session ends later (later sessions stay as
    booked; the overlap merges into one busy block), cancelled ones go, added ones join.
    Sessions are matched by their start instant, so an edit survives a re-read of the file."""
    late = {instant(start): minutes for start, minutes in edits.late.items()}
    cancelled = {instant(start) for start in edits.cancelled}
    result: list[Session] = []
    for session in [*sessions, *edits.added]:
        if instant(session.start) in cancelled:
            continue
        minutes = late.get(instant(session.start), 0)
        if minutes:
            end = (instant(session.end) + timedelta(minutes=minutes)).astimezone(session.end.tzinfo)
            session = replace(session, end=end, booked_end=session.booked_end or session.end)
        result.append(session)
    return sorted(result, key=session_order)


def overlapping(sessions: Sequence[Session], new: Session) -> list[Session]:
    """The sessions ``new`` overlaps (touching is not overlapping)."""
    return [
        s
        for s in sessions
        if instant(s.start) < instant(new.end) and instant(new.start) < instant(s.end)
    ]


# --------------------------------------------------------------------------- the file


class EditsFile:
    """The day edits kept in ``folder`` (``YYYY-MM-DD.json`` each); ``None``: kept in memory
    only (the demo day, which is never written)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._memory: dict[date, DayEdits] = {}

    def path(self, day: date) -> Path | None:
        return None if self.folder is None else self.folder / f"{day.isoformat()}.json"

    def stamp(self, day: date) -> tuple[float, int] | None:
        """The file's modification time and size (None: no file), to notice edits."""
        path = self.path(day)
        try:
            info = path.stat() if path is not None else None
        except OSError:
            return None
        return None if info is None else (info.st_mtime, info.st_size)

    def load(self, day: date) -> DayEdits:
        """The day's edits (none without a file); a damaged file raises ``GroundError``."""
        path = self.path(day)
        if path is None:
            return self._memory.get(day, DayEdits())
        return read_edits(path)

    def update(self, day: date, change: Callable[[DayEdits], DayEdits]) -> DayEdits:
        """Read the day's edits, ``change`` them and keep the result, holding the edits lock
        throughout: the app's palette and ``groundtui day`` can edit at the same moment, and
        neither may write over an edit the other kept in between. Returns the edits kept."""
        with self._locked():
            edits = change(self.load(day))
            self.save(day, edits)
        return edits

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """An exclusive lock on the edits folder (a ``.lock`` file in it), released on close;
        none in memory, nor where the lock file cannot be made (a read-only data dir, where
        nothing can be kept anyway)."""
        if self.folder is None:
            yield
            return
        import fcntl

        from groundtui.paths import PRIVATE_FILE, private_dir

        try:
            private_dir(self.folder)
            fd = os.open(self.folder / ".lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, PRIVATE_FILE)
        except OSError:
            yield
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def save(self, day: date, edits: DayEdits) -> None:
        """Keep the day's edits (no edits left: the file goes)."""
        path = self.path(day)
        if path is None:
            self._memory[day] = edits
            return
        if not edits:
            path.unlink(missing_ok=True)
            return
        from groundtui.paths import write_private

        text = json.dumps({"date": day.isoformat(), "edits": edits.to_json()}, indent=2)
        write_private(path, text + "\n")


def read_edits(path: Path) -> DayEdits:
    """The edits in ``path``; none when there is no file. A damaged file raises one line."""
    from groundtui.paths import MB, read_regular_file

    if not path.exists():
        return DayEdits()
    raw = read_regular_file(path, limit=MB, what="day edits file")
    try:
        data = json.loads(raw.decode("utf-8"))
        items = data["edits"] if isinstance(data, Mapping) else None
        if not isinstance(items, list):
            raise ValueError("no list of edits")
        return DayEdits(tuple(Edit.from_json(item) for item in items))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as err:
        raise GroundError(
            f"damaged day edits file ({err}); fix or remove it to start the day afresh", path
        ) from None


def day_edits(*, demo: bool = False) -> EditsFile:
    """Where the day edits live: the data dir, or memory for the demo day."""
    from groundtui import paths

    return EditsFile(None if demo else paths.edits_dir())


def apply_day_edits(day: date, sessions: Sequence[Session]) -> list[Session]:
    """``sessions`` of ``day`` with the edits kept for it (the one call plan, status and week
    make)."""
    return apply_edits(sessions, day_edits().load(day))
