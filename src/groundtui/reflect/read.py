"""Reading what the week views need: the schedule, the log and the self-checks (core IO)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from groundtui.schedule.combined import Schedule

from dataclasses import dataclass, field, replace
from datetime import date, timedelta, tzinfo
from typing import Any

from groundtui.config import Config
from groundtui.reflect.week import Week
from groundtui.reflect.works import WORKS_WEEKS, Helped

DEMO_WEEKDAYS = 5
"""The demo week has clinic days Monday to Friday (``date.weekday()`` below this)."""


def log_records(since: date, until: date) -> list[Any]:
    """The reset log's records (none when there is no log or it cannot be read)."""
    from groundtui import paths

    if not paths.log_db_path().exists():
        return []
    from groundtui.log import open_store

    store = open_store(read_only=True)
    try:
        return [] if store.warning else store.records(since, until)
    finally:
        store.close()


def read_week(
    path: Schedule,
    day: date,
    tz: tzinfo,
    config: Config,
    library: Any = None,
    *,
    records: list[Any] | None = None,
) -> Week:
    """The ISO week holding ``day``, from the schedule (the demo day when ``path`` is None),
    the log (``records``, else read here) and the self-checks."""
    from groundtui.day import edited_sessions, load_exercises, load_sessions
    from groundtui.reflect.selfcheck import SelfCheckStore, week_start
    from groundtui.reflect.week import build_week, done_per_day, no_edits
    from groundtui.schedule.combined import as_sources

    start = week_start(day)
    if records is None:
        records = log_records(start, start + timedelta(days=6))
    demo = not as_sources(path)

    def sessions_on(d: date) -> list[Any]:
        if demo and d.weekday() >= DEMO_WEEKDAYS:
            return []  # the demo is a clinic day: not on a Saturday or Sunday
        return load_sessions(path, d, tz)

    week = build_week(
        day,
        tz,
        config,
        library if library is not None else load_exercises(),
        sessions_on,
        edits=no_edits if demo else edited_sessions,
        done=done_per_day(records),
        checks=SelfCheckStore().all(),
    )
    return replace(week, demo=demo)


@dataclass(frozen=True)
class Reflection:
    """What the log screen's week view shows beside the resets."""

    week: Week | None
    works: tuple[Helped, ...] = field(default=())
    problem: str | None = None


def read_reflection(
    path: Schedule, day: date, tz: tzinfo, config: Config, library: Any = None
) -> Reflection:
    """The week (share, support, self-check trend) and what works, for the log screen."""
    from groundtui.errors import GroundError
    from groundtui.reflect.works import what_works

    records = log_records(day - timedelta(weeks=WORKS_WEEKS) + timedelta(days=1), day)
    works = tuple(what_works(records))
    try:
        week = read_week(path, day, tz, config, library)
    except GroundError as err:
        return Reflection(None, works, str(err))
    return Reflection(week, works)
