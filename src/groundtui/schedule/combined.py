"""Several schedule sources as one: files and calendar feeds, merged into one day's sessions.

An EHR feed, a personal calendar and schedule.toml can all be given; each is read with the same
semantics as on its own (a feed's bytes go through the same readers as a file's), and their
sessions are merged and sorted. Overlapping sessions from two sources both stay: the planner
merges them into one busy block.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path

from groundtui.errors import ScheduleError
from groundtui.paths import modified_at
from groundtui.schedule.feeds import FeedOptions, FeedURL, open_feed
from groundtui.schedule.model import Session, sort_sessions
from groundtui.schedule.sources import open_source

Source = Path | FeedURL
"""A schedule file, or a calendar feed."""
Schedule = Source | Sequence[Source] | None
"""No schedule (the demo day), one source, or several."""


@dataclass(frozen=True)
class ScheduleRead:
    """One day's sessions from all sources, and what the feeds among them had to say."""

    sessions: list[Session]
    warnings: tuple[str, ...] = ()
    """One line per feed read from its last good copy (host only)."""
    calendar_at: datetime | None = None
    """When the least fresh feed was last read ("calendar 09:12"); None without feeds."""
    stamp: tuple[object, ...] = ()
    """Per source, its modification time or feed stamp: changes when the day may have."""


def as_sources(schedule: Schedule) -> tuple[Source, ...]:
    """``None``, one source or several, as a tuple (empty: no schedule, the demo day)."""
    if schedule is None:
        return ()
    if isinstance(schedule, Path | FeedURL):
        return (schedule,)
    return tuple(schedule)


def has_feeds(schedule: Schedule) -> bool:
    return any(isinstance(s, FeedURL) for s in as_sources(schedule))


def sources_stamp(schedule: Schedule) -> tuple[object, ...]:
    """The files' modification times (feeds are followed by their own refresh)."""
    return tuple(modified_at(s) if isinstance(s, Path) else None for s in as_sources(schedule))


def read_schedule(
    schedule: Schedule,
    day: date,
    tz: tzinfo,
    feeds: FeedOptions | None = None,
) -> ScheduleRead:
    """The sessions of the local ``day`` from every source, merged; the first broken source
    raises its ScheduleError (a feed only when it has no saved copy either)."""
    sessions: list[Session] = []
    warnings: list[str] = []
    stamp: list[object] = []
    fresh: list[datetime] = []
    for source in as_sources(schedule):
        if isinstance(source, FeedURL):
            if feeds is None:
                raise ScheduleError("calendar feeds are not read here", source.host)
            got = open_feed(source, day, tz, feeds)
            sessions.extend(got.source.sessions_on(day, tz))
            if got.warning:
                warnings.append(got.warning)
            if got.fetched_at is not None:
                fresh.append(got.fetched_at)
            stamp.append(got.stamp)
        else:
            sessions.extend(open_source(source).sessions_on(day, tz))
            stamp.append(modified_at(source))
    return ScheduleRead(
        sort_sessions(sessions), tuple(warnings), min(fresh, default=None), tuple(stamp)
    )
