"""The last good copy of a calendar feed, kept label-free in the cache dir.

A feed holds client names, so its bytes are never written. What is kept, per feed, in
``<cache dir>/feeds/<hash of the address>.json`` (0600, in a 0700 dir): the times of the
sessions over a window of days around the download, whether each is heavy or a support session
(worked out from the labels before they are dropped), when it was read, the validators for the
next conditional GET, and since when the feed has been failing. That is enough to plan a day
offline and for ``groundtui status``, which never waits on the network.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

from groundtui.errors import ScheduleError
from groundtui.schedule.model import Session, overlaps_day, sort_sessions
from groundtui.schedule.sources import ScheduleSource

FORMAT = 1
DAYS_BEFORE = 7
"""Days before the download kept in the copy (the week so far)."""
DAYS_AFTER = 35
"""Days from the download on kept in the copy (five weeks ahead)."""
COPY_LIMIT = 50 * 1024 * 1024
"""The largest copy read back (times and two flags per session: far below a real one)."""

Classify = Callable[[Session], tuple[bool, bool]]
"""(heavy, support) of a session, from its flag and its label: run before labels are dropped."""

_HAS_SUPPORT = "support" in {f.name for f in fields(Session)}


@dataclass(frozen=True)
class CopiedSession:
    """One session as kept on disk: times and flags, never a label."""

    start: datetime
    end: datetime
    heavy: bool = False
    support: bool = False

    def session(self, tz: tzinfo) -> Session:
        start, end = self.start.astimezone(tz), self.end.astimezone(tz)
        if _HAS_SUPPORT:  # the model grows a support flag with the week view
            return Session(start, end, self.heavy, support=self.support)  # type: ignore[call-arg]
        return Session(start, end, self.heavy)


@dataclass(frozen=True)
class FeedCopy:
    """A feed's last good copy and what is known about reading it."""

    days: frozenset[date]
    """The local days covered (in the zone of the download)."""
    sessions: tuple[CopiedSession, ...]
    fetched_at: datetime
    """When the feed was last read, or confirmed unchanged (a 304)."""
    etag: str | None = None
    last_modified: str | None = None
    failing_since: datetime | None = None
    """The first failed read since the last good one (None while the feed reads fine)."""
    failure: str | None = None
    """Why the latest read failed (no address in it)."""

    def covers(self, day: date) -> bool:
        return day in self.days

    @property
    def digest(self) -> str:
        """Changes when the sessions do."""
        text = json.dumps([_session_json(s) for s in self.sessions])
        return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass
class CopySource:
    """A feed's copy as a schedule source: the sessions of any day it covers, without labels."""

    path: Path
    """The feed's host (a source's ``path`` names it in messages)."""
    copy: FeedCopy
    format: str = "feed copy"

    def sessions_on(self, day: date, tz: tzinfo) -> list[Session]:
        if not self.copy.covers(day):
            raise ScheduleError(
                f"the saved copy of this calendar feed does not cover {day}, and the feed "
                "cannot be read now",
                self.path,
            )
        found = [s.session(tz) for s in self.copy.sessions if overlaps_day(s.start, s.end, day, tz)]
        return sort_sessions(found)


def copy_path(cache_dir: Path, key: str) -> Path:
    """Where the copy of the feed with address hash ``key`` lives."""
    return cache_dir / "feeds" / f"{key}.json"


def copy_days(today: date, *also: date) -> frozenset[date]:
    """The days a copy keeps: from a week before ``today`` to five weeks on, and ``also``."""
    window = (today + timedelta(days=n) for n in range(-DAYS_BEFORE, DAYS_AFTER))
    return frozenset((*window, *also))


def make_copy(
    source: ScheduleSource,
    days: frozenset[date],
    tz: tzinfo,
    classify: Classify,
    fetched_at: datetime,
    etag: str | None = None,
    last_modified: str | None = None,
) -> FeedCopy:
    """The label-free copy of ``source`` for ``days``."""
    seen: dict[tuple[datetime, datetime, bool, bool], None] = {}
    for day in sorted(days):
        for session in source.sessions_on(day, tz):
            heavy, support = classify(session)
            seen.setdefault((session.start, session.end, heavy, support))
    sessions = tuple(CopiedSession(*key) for key in seen)
    return FeedCopy(days, sessions, fetched_at, etag, last_modified)


# --------------------------------------------------------------------------- on disk


def _session_json(s: CopiedSession) -> list[object]:
    return [s.start.isoformat(), s.end.isoformat(), s.heavy, s.support]


def _when(text: object) -> datetime | None:
    if not isinstance(text, str):
        return None
    when = datetime.fromisoformat(text)
    if when.tzinfo is None:
        raise ValueError("naive time")
    return when


def read_copy(path: Path) -> FeedCopy | None:
    """The copy at ``path``; None when there is none or it cannot be used (it is only a cache)."""
    from groundtui.errors import GroundError
    from groundtui.paths import read_regular_file

    try:  # never waits on a named pipe put in its place, never reads more than a feed could
        data = json.loads(read_regular_file(path, limit=COPY_LIMIT).decode("utf-8"))
        if data.get("format") != FORMAT:
            return None
        sessions = []
        for start, end, heavy, support in data["sessions"]:
            lo, hi = _when(start), _when(end)
            if lo is None or hi is None:
                return None
            sessions.append(CopiedSession(lo, hi, bool(heavy), bool(support)))
        fetched_at = _when(data["fetched_at"])
        if fetched_at is None:
            return None
        return FeedCopy(
            frozenset(date.fromisoformat(d) for d in data["days"]),
            tuple(sessions),
            fetched_at,
            data.get("etag") if isinstance(data.get("etag"), str) else None,
            data.get("last_modified") if isinstance(data.get("last_modified"), str) else None,
            _when(data.get("failing_since")),
            data.get("failure") if isinstance(data.get("failure"), str) else None,
        )
    except (GroundError, OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


def write_copy(path: Path, copy: FeedCopy) -> None:
    """Write ``copy`` atomically, 0600 in a 0700 dir. A cache that cannot be written is not an
    error: the day is planned all the same."""
    data = {
        "format": FORMAT,
        "days": sorted(d.isoformat() for d in copy.days),
        "fetched_at": copy.fetched_at.isoformat(),
        "etag": copy.etag,
        "last_modified": copy.last_modified,
        "failing_since": copy.failing_since.isoformat() if copy.failing_since else None,
        "failure": copy.failure,
        "sessions": [_session_json(s) for s in copy.sessions],
    }
    text = json.dumps(data, separators=(",", ":"))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        from groundtui.paths import private_dir

        private_dir(path.parent)  # every folder it makes 0700, the cache dir itself too
        os.chmod(path.parent, 0o700)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NONBLOCK, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
